// A Twilio webhook as it arrives: arbitrary bytes as the form body, then the
// field readers and the signature check on whatever parsed. Nothing may
// crash, and what is accepted must hold its promises: decoded fields are
// valid UTF-8 without NUL, re-encoding and parsing gives the same fields, and
// accepted ids have Twilio's shape (abort otherwise).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/utf8.h"
#include "providers/form_urlencoded.h"
#include "providers/twilio_signature.h"
#include "providers/twilio_webhook.h"
#include "providers/twiml.h"

using namespace voxdesk::providers;

namespace {

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz_twilio_webhook: %s\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  auto form = ParseForm(body);
  if (!form.ok()) return 0;
  for (const auto& [name, value] : *form) {
    Check(!name.empty(), "an empty name was accepted");
    Check(voxdesk::IsValidUtf8(name) && voxdesk::IsValidUtf8(value), "invalid UTF-8 accepted");
    Check(name.find('\0') == std::string::npos && value.find('\0') == std::string::npos,
          "NUL accepted");
  }
  auto again = ParseForm(EncodeForm(*form), {.max_body_bytes = size * 3 + 16, .max_params = 256});
  Check(again.ok() && *again == *form, "encode then parse changed the fields");

  if (auto call = ParseTwilioCallWebhook(*form); call.ok()) {
    Check(IsTwilioSid(call->call_sid, "CA") && IsTwilioSid(call->account_sid, "AC"),
          "a call webhook with malformed ids was accepted");
    // What a caller said may be echoed back to Twilio: it renders, unless it
    // holds a control character XML cannot carry, and then the error says so.
    auto xml = RenderTwiml({Say(call->speech)});
    Check(xml.ok() || xml.status().message().find("control character") != std::string::npos,
          "valid UTF-8 speech did not render");
  }
  (void)ParseTwilioMessageStatus(*form);
  // The signature check on attacker-chosen parameters and signature text.
  const std::string* sig = FormValue(*form, "sig");
  (void)ValidateTwilioSignature("token", sig ? *sig : "", "https://example.com:443/voice", *form);
  (void)ValidateTwilioBodySignature("token", sig ? *sig : "", body, body);
  return 0;
}
