// ReadWavMemory on arbitrary bytes (any container libsndfile recognises).
// Aborts if a successful read breaks the reader's contract: a supported rate
// and no more samples than the configured limit allows.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "media/frame.h"
#include "media/wav_io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace voxdesk::media;
  constexpr double kMaxSeconds = 30.0;
  auto r = ReadWavMemory(std::span<const uint8_t>(data, size), {.max_seconds = kMaxSeconds});
  if (!r.ok()) {
    if (r.status().message().rfind("wav", 0) != 0) std::abort();
    return 0;
  }
  if (!IsSupportedRate(r->sample_rate)) std::abort();
  if (r->samples.size() > static_cast<size_t>(kMaxSeconds * r->sample_rate)) std::abort();
  // Whatever was read must write back as a valid 16-bit WAV.
  if (!WriteWavMemory(*r).ok()) std::abort();
  return 0;
}
