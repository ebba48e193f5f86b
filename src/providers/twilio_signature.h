// X-Twilio-Signature: how a webhook proves it came from Twilio
// (../shared/protocols/twilio.md, and the official SDKs' validateRequest).
//
// Form webhooks: base64(HMAC-SHA1(auth token, URL + every POST parameter as
// name + value, sorted by name)). Other bodies (JSON): Twilio puts
// bodySHA256=<hex SHA-256 of the body> in the URL's query and signs the URL
// alone. As the SDKs do, a URL is also accepted with its default port added
// (":443" for https, ":80" for http) or its port removed, because what
// Twilio signs depends on how the webhook URL was configured, not on what
// reaches the server behind a proxy. Repeated parameters are signed once
// per distinct value, values in order (the SDKs' behaviour); names are
// compared byte by byte, which equals the SDKs' order for every name that is
// not outside the Basic Multilingual Plane.
//
// Comparisons run in constant time. Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "providers/form_urlencoded.h"

namespace voxdesk::providers {

// The signature Twilio sends for `url` (exactly as given) and `params`.
std::string TwilioSignature(std::string_view auth_token, std::string_view url,
                            const FormParams& params);

// OK, or kInvalidArgument saying what did not match (for the caller's log
// and error counter; the message never contains the token).
Status ValidateTwilioSignature(std::string_view auth_token, std::string_view signature,
                               std::string_view url, const FormParams& params);

// A webhook whose body is not form-encoded: the signature covers the URL,
// whose bodySHA256 query parameter must be the body's SHA-256.
Status ValidateTwilioBodySignature(std::string_view auth_token, std::string_view signature,
                                   std::string_view url, std::string_view body);

}  // namespace voxdesk::providers
