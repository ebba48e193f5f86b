// Streaming sample-rate conversion between the pipeline rates (8, 16, 24 and
// 48 kHz) with SpeexDSP's windowed-sinc resampler. The filter history is kept
// across calls, so a stream converted in 20 ms frames is sample-for-sample the
// stream converted in one block: no clicks at frame boundaries. Quality is
// Speex's 0..10 scale; the default, 3 (SPEEX_RESAMPLER_QUALITY_VOIP), passes 300 Hz..3 kHz
// within 0.01 dB and keeps tones beyond the output Nyquist below -40 dB, which
// is what telephony voice needs, for about 3 us per 20 ms frame 8 <-> 16 kHz
// (0..2 cost about 2 us with a softer band edge; 5 about 4.7 us). For the
// per-frame 8 <-> 16 kHz path, HalfbandResampler (halfband_resampler.h) does
// the same job for about 0.7 us.
// The history starts as silence (Speex's zeros are not skipped, which would
// make the first frame short), so outputs lag the input by input_latency()
// input samples, the filter's group delay; pts is carried over unchanged.
//
// Thread safety: one Resampler belongs to one stream and is used by the one
// thread that owns that stream; different instances are independent.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "core/status.h"
#include "media/frame.h"

struct SpeexResamplerState_;

namespace voxdesk::media {

inline constexpr int kResamplerVoiceQuality = 3;

class Resampler {
 public:
  // Both rates must be pipeline rates (IsSupportedRate); quality in 0..10.
  static Result<Resampler> Create(int in_rate, int out_rate, int quality = kResamplerVoiceQuality);

  // Converts one frame at in_rate into `out` (out_rate, same pts). The input
  // count must map to a whole number of output samples (20 ms and 10 ms
  // frames always do) and fit a frame; `in` and `out` must be distinct.
  // Allocation-free.
  Status Process(const AudioFrame& in, AudioFrame& out);

  // Span form for blocks of any length: `out` must hold OutputCount(in.size())
  // samples; returns how many were written (always OutputCount(in.size())).
  Result<size_t> Process(std::span<const int16_t> in, std::span<int16_t> out);

  // Output samples produced for `in_samples` input samples, or 0 if that count
  // does not map to a whole number of output samples.
  size_t OutputCount(size_t in_samples) const;

  // Forgets the filter history (start of a new, unrelated stream).
  void Reset();

  int in_rate() const { return in_rate_; }
  int out_rate() const { return out_rate_; }
  int quality() const { return quality_; }
  // Group delay of the filter, in input samples.
  int input_latency() const;

 private:
  struct Destroy {
    void operator()(SpeexResamplerState_* s) const;
  };
  Resampler(std::unique_ptr<SpeexResamplerState_, Destroy> st, int in_rate, int out_rate,
            int quality);
  Status Run(const int16_t* in, size_t in_len, int16_t* out, size_t out_len);

  std::unique_ptr<SpeexResamplerState_, Destroy> st_;
  int in_rate_;
  int out_rate_;
  int quality_;
};

}  // namespace voxdesk::media
