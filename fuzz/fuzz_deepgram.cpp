// The Deepgram codec on arbitrary bytes, read as a live server message, a
// listen query string, a client control message and a pre-recorded
// response: nothing may crash or throw, and whatever the message and query
// parsers accept must re-encode into text they parse back to the same value
// (the fake server built on the encoders then speaks exactly what the
// adapter understands).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "providers/deepgram_messages.h"

using namespace voxdesk::providers;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (auto m = ParseDeepgramMessage(text); m.ok()) {
    auto again = ParseDeepgramMessage(DeepgramMessageJson(*m));
    if (!again.ok() || !(*again == *m)) abort();
    if (m->type == DeepgramMessage::Type::kResults) {
      const Transcript t = ToTranscript(*m);
      if (t.words.size() != m->words.size() || t.end_ms < t.start_ms) abort();
    }
  }

  if (auto q = ParseDeepgramListenQuery(text); q.ok()) {
    auto again = ParseDeepgramListenQuery(DeepgramListenQuery(*q));
    if (!again.ok() || !(*again == *q)) abort();
  }

  (void)ParseDeepgramControl(text);
  if (auto p = ParseDeepgramPrerecordedResponse(text); p.ok()) {
    for (const DeepgramPrerecordedChannel& c : p->channels) {
      if (!c.transcript.is_final) abort();
    }
  }
  return 0;
}
