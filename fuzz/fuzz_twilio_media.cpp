// ParseTwilioMessage on arbitrary bytes. Besides crashes and sanitizer
// reports it aborts when a result breaks the codec's promises: errors carry
// a "twilio media: " message, payloads stay within the limit, and a parsed
// mark re-serialises and parses back to the same name.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "media/twilio_media.h"

namespace {
void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_twilio_media: %s: %s\n", what, detail.c_str());
  std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace voxdesk::media;
  static TwilioInbound msg;  // reused, as a stream would
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto st = ParseTwilioMessage(text, msg);
  if (!st.ok()) {
    if (st.code() != voxdesk::Code::kInvalidArgument) Fail("wrong code", st.message());
    if (st.message().rfind("twilio media: ", 0) != 0) Fail("unprefixed message", st.message());
    if (msg.payload_size != 0) Fail("payload left after an error", st.message());
    return 0;
  }
  if (msg.payload_size > kTwilioMaxPayloadBytes) Fail("payload over limit", "");
  if (msg.event == TwilioEvent::kMedia && msg.payload_size == 0) Fail("empty media", "");
  if (msg.event != TwilioEvent::kConnected && !msg.has_sequence_number)
    Fail("no sequence number", TwilioEventName(msg.event));
  if (msg.event == TwilioEvent::kMark) {
    std::string out;
    const std::string name = msg.mark_name;
    const std::string sid = msg.stream_sid.empty() ? "MZ" : msg.stream_sid;
    if (!SerializeTwilioMark(sid, name, out).ok()) return 0;  // e.g. a NUL-free check failed
    out.insert(1, "\"sequenceNumber\":\"1\",");
    TwilioInbound back;
    const auto st2 = ParseTwilioMessage(out, back);
    if (!st2.ok()) Fail("own mark does not parse", st2.message());
    if (back.mark_name != name) Fail("mark name changed", name);
  }
  if (msg.event == TwilioEvent::kMedia) {
    std::string out;
    if (!SerializeTwilioMedia("MZ", msg.payload(), out).ok()) Fail("media serialise", "");
  }
  return 0;
}
