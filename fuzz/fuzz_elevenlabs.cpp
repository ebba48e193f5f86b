// The ElevenLabs codec on arbitrary bytes, read as a server message, a
// client message, an HTTP request body and a request target: nothing may
// crash or throw, and whatever a parser accepts must re-encode into text it
// parses back to the same value (so the fake server and the adapter agree
// on every message either can produce).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "providers/elevenlabs_messages.h"

using namespace voxdesk::providers;

namespace {

voxdesk::Result<std::string> Encode(const ElevenLabsClientMessage& m) {
  switch (m.type) {
    case ElevenLabsClientMessage::Type::kInit:
      return ElevenLabsInitJson(m.init);
    case ElevenLabsClientMessage::Type::kText:
      return ElevenLabsTextJson(m.text, m.trigger);
    case ElevenLabsClientMessage::Type::kEnd:
      break;
  }
  return ElevenLabsEndJson();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (auto m = ParseElevenLabsMessage(text); m.ok()) {
    auto again = ParseElevenLabsMessage(ElevenLabsMessageJson(*m));
    if (!again.ok() || !(*again == *m)) abort();
  }

  if (auto c = ParseElevenLabsClientMessage(text); c.ok()) {
    auto json = Encode(*c);
    if (!json.ok()) abort();
    auto again = ParseElevenLabsClientMessage(*json);
    if (!again.ok() || !(*again == *c)) abort();
  }

  if (auto b = ParseElevenLabsHttpBody(text); b.ok()) {
    auto json = ElevenLabsHttpBodyJson(*b);
    if (!json.ok()) abort();
    auto again = ParseElevenLabsHttpBody(*json);
    if (!again.ok() || !(*again == *b)) abort();
  }

  if (auto t = ParseElevenLabsTarget(text); t.ok()) {
    auto target = t->endpoint == ElevenLabsTarget::Endpoint::kStreamInput
                      ? ElevenLabsStreamInputTarget(t->options)
                      : ElevenLabsHttpStreamTarget(t->options.voice_id, t->options.output_format);
    if (!target.ok()) abort();
    auto again = ParseElevenLabsTarget(*target);
    if (!again.ok() || again->endpoint != t->endpoint || !(again->options == t->options)) abort();
  }

  if (auto f = ParseElevenLabsOutputFormat(text); f.ok()) {
    auto name = ElevenLabsOutputFormatName(*f);
    if (!name.ok() || *name != text) abort();
  }
  return 0;
}
