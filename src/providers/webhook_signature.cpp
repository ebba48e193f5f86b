#include "providers/webhook_signature.h"

#include <charconv>
#include <vector>

#include "providers/crypto.h"

namespace voxdesk::providers {
namespace {

std::string Mac(std::string_view secret, std::string_view timestamp, std::string_view body) {
  std::string signed_text;
  signed_text.reserve(timestamp.size() + 1 + body.size());
  signed_text.append(timestamp).append(".").append(body);
  return HexLower(HmacSha256(secret, signed_text));
}

}  // namespace

std::string SignWebhook(std::string_view secret, int64_t unix_seconds, std::string_view body) {
  const std::string t = std::to_string(unix_seconds);
  return "t=" + t + ",v1=" + Mac(secret, t, body);
}

Status VerifyWebhook(std::string_view secret, std::string_view header, std::string_view body,
                     int64_t now_unix_seconds, int64_t tolerance_seconds) {
  std::string_view timestamp;
  std::vector<std::string_view> signatures;
  while (!header.empty()) {
    const size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    const size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      return InvalidArgument("webhook signature: '" + std::string(item.substr(0, 20)) +
                             "' is not key=value");
    }
    const std::string_view key = item.substr(0, eq), value = item.substr(eq + 1);
    if (key == "t") timestamp = value;
    if (key == "v1") signatures.push_back(value);
    // Other keys (future schemes) are ignored, so receivers survive upgrades.
  }
  int64_t t = 0;
  auto [end, ec] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), t);
  if (timestamp.empty() || ec != std::errc() || end != timestamp.data() + timestamp.size()) {
    return InvalidArgument("webhook signature: no valid t= timestamp");
  }
  if (signatures.empty()) return InvalidArgument("webhook signature: no v1= signature");
  if (t < now_unix_seconds - tolerance_seconds || t > now_unix_seconds + tolerance_seconds) {
    return InvalidArgument("webhook signature: timestamp " + std::to_string(t) +
                           " is outside the " + std::to_string(tolerance_seconds) +
                           " s window (a replay or a wrong clock)");
  }
  const std::string expected = Mac(secret, timestamp, body);
  bool match = false;
  for (std::string_view s : signatures) match |= ConstantTimeEqual(s, expected);
  if (!match) return InvalidArgument("webhook signature: does not match the body");
  return Status::Ok();
}

}  // namespace voxdesk::providers
