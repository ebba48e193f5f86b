#include "providers/telephone_upsampler.h"

#include <algorithm>
#include <cmath>

namespace voxdesk::providers {

Result<TelephoneUpsampler> TelephoneUpsampler::Create(double noise_floor) {
  if (!(noise_floor >= 0 && noise_floor <= 8000))
    return InvalidArgument("telephone noise floor: 0..8000 (16-bit RMS)");
  auto r = media::HalfbandResampler::Create(8000, 16000);
  if (!r.ok()) return r.status();
  return TelephoneUpsampler(std::move(r.value()), noise_floor);
}

Result<size_t> TelephoneUpsampler::Process(std::span<const int16_t> in, std::span<int16_t> out) {
  auto n = resampler_.Process(in, out);
  if (!n.ok()) return n.status();
  FillHighBand(out.first(n.value()));
  return n.value();
}

void TelephoneUpsampler::FillHighBand(std::span<int16_t> pcm) {
  if (floor_ <= 0) return;
  for (int16_t& v : pcm) {
    // xorshift32, two uniforms summed: a cheap, roughly bell-shaped draw.
    auto next = [this] {
      noise_state_ ^= noise_state_ << 13;
      noise_state_ ^= noise_state_ >> 17;
      noise_state_ ^= noise_state_ << 5;
      return static_cast<double>(noise_state_) / 4294967296.0 - 0.5;
    };
    const double w = (next() + next()) * 2.449;                 // unit variance
    const double hp = (w - 2 * noise_w1_ + noise_w2_) / 2.449;  // unit variance
    noise_w2_ = noise_w1_;
    noise_w1_ = w;
    v = static_cast<int16_t>(std::clamp(std::lround(v + hp * floor_), -32768L, 32767L));
  }
}

}  // namespace voxdesk::providers
