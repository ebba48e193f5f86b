// application/x-www-form-urlencoded (the WHATWG URL standard's form
// encoding): the body of every Twilio webhook and of every Twilio REST
// request. Parsing is strict where laxness would hide an attack or a bug: a
// '%' must start a two-digit hex escape, the decoded text must be valid
// UTF-8 without NUL, and sizes are bounded; a malformed body is rejected
// whole, naming the offending field, rather than half-read.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace voxdesk::providers {

// Name/value pairs in body order; a name may repeat.
using FormParams = std::vector<std::pair<std::string, std::string>>;

struct FormLimits {
  size_t max_body_bytes = 64 * 1024;  // Twilio's webhooks are a few KB
  size_t max_params = 256;
};

Result<FormParams> ParseForm(std::string_view body, const FormLimits& limits = {});

// The first value of `name`, or nullptr.
const std::string* FormValue(const FormParams& params, std::string_view name);

// Encodes as browsers and Twilio's SDKs do: ALPHA DIGIT * - . _ stay, space
// becomes '+', every other byte %XX (upper-case hex).
std::string FormEscape(std::string_view text);
std::string EncodeForm(const FormParams& params);

}  // namespace voxdesk::providers
