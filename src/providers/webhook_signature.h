// The signature on voxdesk's own outbound webhooks, so a host application
// can prove a webhook came from its voxdesk and is not a replay:
//
//   X-Voxdesk-Signature: t=1772460000,v1=<hex HMAC-SHA256(secret, "1772460000." + body)>
//
// The timestamp is signed with the body, so an old request cannot be
// re-sent later with a fresh time; receivers refuse timestamps outside a
// tolerance window and deduplicate by the event id inside the body. Several
// v1 entries may appear while a secret is being rotated; any match passes.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace voxdesk::providers {

inline constexpr std::string_view kWebhookSignatureHeader = "X-Voxdesk-Signature";

// The header value for `body` sent at `unix_seconds`.
std::string SignWebhook(std::string_view secret, int64_t unix_seconds, std::string_view body);

// OK, or kInvalidArgument saying why (malformed header, stale or future
// timestamp, no matching signature). Comparisons run in constant time.
Status VerifyWebhook(std::string_view secret, std::string_view header, std::string_view body,
                     int64_t now_unix_seconds, int64_t tolerance_seconds = 300);

}  // namespace voxdesk::providers
