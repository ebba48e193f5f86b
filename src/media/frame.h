// Audio frames: 16-bit PCM, mono, 8/16/24/48 kHz, 10 or 20 ms, with a
// presentation timestamp. Samples live inside the frame (fixed capacity for
// 20 ms at 48 kHz), so passing frames around never allocates; a FramePool
// recycles them on the per-stream hot path.
//
// Thread safety: frames are plain values. A FramePool is used by the one
// worker thread that owns its stream.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace voxdesk::media {

// Rates the pipeline accepts; anything else is rejected at the edge.
inline constexpr int kRates[] = {8000, 16000, 24000, 48000};
inline bool IsSupportedRate(int hz) {
  for (int r : kRates)
    if (r == hz) return true;
  return false;
}

inline constexpr int kFrameMs = 20;
inline constexpr size_t kMaxFrameSamples = 48000 / 1000 * kFrameMs;  // 960

// Samples in one frame of `ms` milliseconds at `hz`.
constexpr size_t SamplesPer(int hz, int ms = kFrameMs) { return static_cast<size_t>(hz / 1000 * ms); }

struct AudioFrame {
  int sample_rate = 8000;
  size_t count = 0;    // valid samples in `samples`
  int64_t pts_us = 0;  // presentation time of the first sample, stream clock
  std::array<int16_t, kMaxFrameSamples> samples{};

  std::span<int16_t> pcm() { return {samples.data(), count}; }
  std::span<const int16_t> pcm() const { return {samples.data(), count}; }
  int64_t duration_us() const { return sample_rate ? static_cast<int64_t>(count) * 1000000 / sample_rate : 0; }
};

// A bounded free list of frames. Acquire() returns nullptr once `capacity`
// frames are out, which is the caller's back-pressure signal (never an
// unbounded allocation).
class FramePool {
 public:
  explicit FramePool(size_t capacity);

  struct Release {
    FramePool* pool;
    void operator()(AudioFrame* f) const { pool->Put(f); }
  };
  using Ptr = std::unique_ptr<AudioFrame, Release>;

  Ptr Acquire();
  size_t available() const { return free_.size(); }
  size_t capacity() const { return storage_.size(); }

 private:
  void Put(AudioFrame* f);
  std::vector<AudioFrame> storage_;
  std::vector<AudioFrame*> free_;
};

}  // namespace voxdesk::media
