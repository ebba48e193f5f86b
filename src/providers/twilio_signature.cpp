#include "providers/twilio_signature.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "media/base64.h"
#include "providers/crypto.h"

namespace voxdesk::providers {
namespace {

// The URL with the port added or removed, as the SDKs also try; nullopt
// when it has neither a recognisable authority nor a port to change.
std::optional<std::string> OtherPortForm(std::string_view url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  const std::string_view scheme = url.substr(0, scheme_end);
  const size_t host_start = scheme_end + 3;
  size_t host_end = url.find_first_of("/?#", host_start);
  if (host_end == std::string_view::npos) host_end = url.size();
  const std::string_view authority = url.substr(host_start, host_end - host_start);
  // The port follows the last ':' after any user info and IPv6 brackets.
  const size_t at = authority.rfind('@');
  const size_t host_from = at == std::string_view::npos ? 0 : at + 1;
  const size_t bracket = authority.rfind(']');
  size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos &&
      (colon < host_from || (bracket != std::string_view::npos && colon < bracket))) {
    colon = std::string_view::npos;
  }
  std::string out(url.substr(0, host_start));
  if (colon != std::string_view::npos) {
    out += authority.substr(0, colon);  // remove the port
  } else {
    std::string_view port;
    if (scheme == "https" || scheme == "wss") port = ":443";
    if (scheme == "http" || scheme == "ws") port = ":80";
    if (port.empty()) return std::nullopt;
    out += authority;
    out += port;
  }
  out += url.substr(host_end);
  return out;
}

Status CompareSignature(std::string_view auth_token, std::string_view signature,
                        std::string_view url, const FormParams& params) {
  if (ConstantTimeEqual(signature, TwilioSignature(auth_token, url, params))) return Status::Ok();
  if (auto other = OtherPortForm(url);
      other && ConstantTimeEqual(signature, TwilioSignature(auth_token, *other, params))) {
    return Status::Ok();
  }
  return InvalidArgument(signature.empty() ? "X-Twilio-Signature: missing"
                                           : "X-Twilio-Signature: does not match the request");
}

// The value of `name` in the URL's query string, undecoded.
std::optional<std::string_view> QueryValue(std::string_view url, std::string_view name) {
  const size_t q = url.find('?');
  if (q == std::string_view::npos) return std::nullopt;
  std::string_view query = url.substr(q + 1);
  query = query.substr(0, query.find('#'));
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view field = query.substr(0, amp);
    const size_t eq = field.find('=');
    if (field.substr(0, eq) == name) {
      return eq == std::string_view::npos ? std::string_view() : field.substr(eq + 1);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

}  // namespace

std::string TwilioSignature(std::string_view auth_token, std::string_view url,
                            const FormParams& params) {
  std::vector<const std::pair<std::string, std::string>*> sorted;
  sorted.reserve(params.size());
  for (const auto& p : params) sorted.push_back(&p);
  std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return *a < *b; });
  sorted.erase(std::unique(sorted.begin(), sorted.end(),
                           [](const auto* a, const auto* b) { return *a == *b; }),
               sorted.end());
  std::string data(url);
  for (const auto* p : sorted) {
    data += p->first;
    data += p->second;
  }
  const std::string mac = HmacSha1(auth_token, data);
  return media::Base64Encode(std::span(reinterpret_cast<const uint8_t*>(mac.data()), mac.size()));
}

Status ValidateTwilioSignature(std::string_view auth_token, std::string_view signature,
                               std::string_view url, const FormParams& params) {
  return CompareSignature(auth_token, signature, url, params);
}

Status ValidateTwilioBodySignature(std::string_view auth_token, std::string_view signature,
                                   std::string_view url, std::string_view body) {
  if (Status s = CompareSignature(auth_token, signature, url, {}); !s.ok()) return s;
  const auto hash = QueryValue(url, "bodySHA256");
  if (!hash) return InvalidArgument("webhook URL: no bodySHA256 parameter for a non-form body");
  if (!ConstantTimeEqual(*hash, HexLower(Sha256(body)))) {
    return InvalidArgument("webhook body: does not match the signed bodySHA256");
  }
  return Status::Ok();
}

}  // namespace voxdesk::providers
