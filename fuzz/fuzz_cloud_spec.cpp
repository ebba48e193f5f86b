// The cloud-mode providers file on arbitrary bytes: it parses or is refused
// with a message naming a "providers" path; an accepted document always
// names known engine types, and an ElevenLabs voice.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "providers/cloud_stack.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto spec = voxdesk::providers::ParseCloudSpec(text);
  if (!spec.ok()) {
    if (spec.status().message().rfind("providers", 0) != 0) std::abort();
    return 0;
  }
  for (const auto& e : spec->stt)
    if (e.type != "deepgram") std::abort();
  for (const auto& e : spec->tts)
    if (e.type != "elevenlabs" || e.voice_id.empty()) std::abort();
  for (const auto& e : spec->llm)
    if (e.type != "openai" && e.type != "anthropic") std::abort();
  return 0;
}
