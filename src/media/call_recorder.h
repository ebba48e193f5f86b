// Records both legs of a call (caller in, agent out) on one timeline and
// renders them as a mixed mono WAV or a stacked stereo WAV (left caller,
// right agent). Each frame is placed at its presentation time, so the legs
// stay aligned however their frames arrived, and stretches where a leg sent
// nothing come out as silence.
//
// Memory is bounded by `max_duration`; frames beyond it are rejected with a
// Status. `reserve_duration` is allocated up front so ordinary calls record
// without allocating per frame; a longer call grows the buffers (amortised).
//
// Thread safety: one owner thread (the session's worker).
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "media/frame.h"
#include "media/wav_io.h"

namespace voxdesk::media {

struct CallRecorderConfig {
  int sample_rate = 8000;
  std::chrono::seconds max_duration{4 * 3600};
  std::chrono::seconds reserve_duration{300};
};

class CallRecorder {
 public:
  static Result<CallRecorder> Create(const CallRecorderConfig& config);

  // `pts_us` is the time of the first sample since the call started (>= 0).
  // A later frame covering the same time replaces the earlier samples.
  Status AddCaller(int64_t pts_us, std::span<const int16_t> pcm);
  Status AddAgent(int64_t pts_us, std::span<const int16_t> pcm);
  // Frames carry their own rate, which must match the recorder's.
  Status AddCaller(const AudioFrame& f);
  Status AddAgent(const AudioFrame& f);

  // Length of the longer leg; the shorter one is padded with silence.
  size_t length_samples() const { return std::max(caller_.size(), agent_.size()); }
  // Sum of both legs, clipped to 16 bits.
  WavAudio Mixed() const;
  // Interleaved stereo: left caller, right agent.
  WavAudio Stacked() const;
  Status WriteMixed(const std::string& path) const { return WriteWavFile(path, Mixed()); }
  Status WriteStacked(const std::string& path) const { return WriteWavFile(path, Stacked()); }

 private:
  explicit CallRecorder(const CallRecorderConfig& config);
  Status Add(std::vector<int16_t>& leg, const char* name, int64_t pts_us,
             std::span<const int16_t> pcm);

  CallRecorderConfig config_;
  size_t max_samples_ = 0;
  std::vector<int16_t> caller_;
  std::vector<int16_t> agent_;
};

}  // namespace voxdesk::media
