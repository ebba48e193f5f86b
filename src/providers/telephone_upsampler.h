// Telephone audio as the en-us recogniser model hears it: 8 kHz PCM
// upsampled 2:1 to the model's 16 kHz, with a faint noise floor put into the
// empty band above 4 kHz.
//
// Why the floor: telephone audio upsampled to 16 kHz has nothing above
// 4 kHz, and the model's top mel filters (up to 6.8 kHz) then take the log
// of almost zero: those cepstral terms swing wildly, the voice detector and
// CMN follow them, and recognition collapses (Flite's "i'd like to book a
// teeth cleaning" came out as "on one"). A faint noise floor in that band,
// as every wideband recording has, keeps the filters' energies finite. The
// noise is white noise through a second difference (gain 4 sin^2 of
// pi f / fs: -16 dB at 1 kHz, +6 dB at 4 kHz, +12 dB at 8 kHz), from a
// generator with a fixed seed, so the same audio always decodes the same.
//
// The recogniser (PocketsphinxStt) and the tool that builds its telephone
// model (tools/stt_model) both use this class, so the model is trained on
// exactly what it later hears.
//
// Not thread-safe; one per stream.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "core/status.h"
#include "media/halfband_resampler.h"

namespace voxdesk::providers {

class TelephoneUpsampler {
 public:
  // `noise_floor`: RMS of the high-band floor in 16-bit units; 0: none.
  static Result<TelephoneUpsampler> Create(double noise_floor);

  // Upsamples `in` (8 kHz) into `out` (16 kHz), which must hold at least
  // 2 * in.size() samples. Returns the samples written.
  Result<size_t> Process(std::span<const int16_t> in, std::span<int16_t> out);

 private:
  TelephoneUpsampler(media::HalfbandResampler r, double floor)
      : resampler_(std::move(r)), floor_(floor) {}
  void FillHighBand(std::span<int16_t> pcm);

  media::HalfbandResampler resampler_;
  double floor_;
  uint32_t noise_state_ = 0x9e3779b9u;
  double noise_w1_ = 0, noise_w2_ = 0;
};

}  // namespace voxdesk::providers
