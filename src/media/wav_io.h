// WAV files through libsndfile: 16-bit PCM out; in, anything libsndfile reads
// (PCM of any width, float, mu-law, ...) converted to 16-bit mono at one of
// the pipeline's rates (8, 16, 24 or 48 kHz; other rates such as 44.1 kHz are
// resampled to the next pipeline rate up, 48 kHz at most). Used for recordings, test fixtures and prompts.
// Reading from memory (sf_open_virtual) serves tests and the fuzzer and never
// touches the file system.
//
// Reading is bounded: samples are pulled in blocks (the header's frame count
// is not trusted) and stop at `max_seconds`, so a hostile header cannot make
// it allocate without limit.
//
// Thread safety: pure functions; not for the per-frame path (they allocate).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"

namespace voxdesk::media {

struct WavAudio {
  int sample_rate = 0;
  int channels = 1;              // 1, or 2 for interleaved stereo (writing only)
  std::vector<int16_t> samples;  // interleaved when channels == 2
};

struct WavReadOptions {
  // Stereo input is averaged to mono when true, rejected when false.
  bool downmix_stereo = true;
  double max_seconds = 4 * 3600.0;
};

Result<WavAudio> ReadWavFile(const std::string& path, const WavReadOptions& options = {});
Result<WavAudio> ReadWavMemory(std::span<const uint8_t> bytes, const WavReadOptions& options = {});

// 16-bit PCM WAV with `audio.channels` (1 or 2) channels.
Status WriteWavFile(const std::string& path, const WavAudio& audio);
Result<std::vector<uint8_t>> WriteWavMemory(const WavAudio& audio);

}  // namespace voxdesk::media
