#include "media/halfband_resampler.h"

#include <algorithm>
#include <string>

namespace voxdesk::media {
namespace {

// The non-zero side taps h[1], h[3], ..., h[23] of the half-band filter
// (h[0] = 1/2, h[-n] = h[n], even n zero): 0.5 * sinc(n / 2) times a Kaiser
// window (beta 5.2) over 47 taps, then scaled so they sum to exactly 1/2,
// which makes both polyphase branches pass DC at the same gain. Designed
// offline (double precision); the response is checked by the tests.
constexpr float kSide[12] = {
    0.317010445f,   -0.101989826f,   0.0569643152f,  -0.0364751691f,
    0.0244295326f,  -0.0164706684f,  0.0109271896f,  -0.00700350214f,
    0.00425026113f, -0.00237318722f, 0.00115548673f, -0.000424877754f,
};

// acc[p] = sum_k kSide[k] * (x[p + 12 + k] + x[p + 11 - k]) for p < n: the
// symmetric 24-tap branch centred between x[p + 11] and x[p + 12]. Taps in
// the outer loop keep the inner loop a plain vectorisable pass over p.
void Branch(const float* x, size_t n, float* acc) {
  std::fill(acc, acc + n, 0.0f);
  for (size_t k = 0; k < 12; ++k) {
    const float c = kSide[k];
    const float* a = x + 12 + k;
    const float* b = x + 11 - k;
    for (size_t p = 0; p < n; ++p) acc[p] += c * (a[p] + b[p]);
  }
}

// Round to nearest (ties away from zero) and saturate.
inline int16_t ToPcm(float v) {
  v = std::clamp(v, -32768.0f, 32767.0f);
  return static_cast<int16_t>(static_cast<int>(v + (v >= 0 ? 0.5f : -0.5f)));
}

}  // namespace

Result<HalfbandResampler> HalfbandResampler::Create(int in_rate, int out_rate) {
  if (!IsSupportedRate(in_rate) || !IsSupportedRate(out_rate) ||
      (in_rate != 2 * out_rate && out_rate != 2 * in_rate))
    return InvalidArgument("halfband resampler: rates must be pipeline rates in a 2:1 ratio, got " +
                           std::to_string(in_rate) + " -> " + std::to_string(out_rate));
  return HalfbandResampler(in_rate, out_rate);
}

size_t HalfbandResampler::OutputCount(size_t in_samples) const {
  if (out_rate_ > in_rate_) return in_samples * 2;
  return in_samples % 2 ? 0 : in_samples / 2;
}

void HalfbandResampler::Reset() {
  even_.fill(0);
  odd_.fill(0);
}

double HalfbandResampler::delay_ms() const {
  return 1000.0 * kDelayHighRateSamples / std::max(in_rate_, out_rate_);
}

void HalfbandResampler::Up(const int16_t* in, size_t n, int16_t* out) {
  float* x = even_.data();
  for (size_t i = 0; i < n; ++i) x[kHistory + i] = in[i];
  Branch(x, n, acc_.data());
  // Even outputs are the filtered branch (gain 2 restores the level the
  // zero-stuffing halved); odd outputs are the centre tap: the input delayed
  // by 11 samples, exactly.
  for (size_t p = 0; p < n; ++p) {
    out[2 * p] = ToPcm(2.0f * acc_[p]);
    out[2 * p + 1] = static_cast<int16_t>(x[p + 12]);
  }
  std::copy(x + n, x + n + kHistory, x);
}

void HalfbandResampler::Down(const int16_t* in, size_t n, int16_t* out) {
  float* e = even_.data();
  float* o = odd_.data();
  const size_t m = n / 2;
  for (size_t i = 0; i < m; ++i) {
    e[kHistory + i] = in[2 * i];
    o[kHistory + i] = in[2 * i + 1];
  }
  Branch(e, m, acc_.data());
  for (size_t p = 0; p < m; ++p) out[p] = ToPcm(acc_[p] + 0.5f * o[p + 11]);
  std::copy(e + m, e + m + kHistory, e);
  std::copy(o + m, o + m + kHistory, o);
}

Result<size_t> HalfbandResampler::Process(std::span<const int16_t> in, std::span<int16_t> out) {
  const size_t n = OutputCount(in.size());
  if (!in.empty() && n == 0)
    return InvalidArgument("halfband resampler: " + std::to_string(in.size()) +
                           " samples do not convert to a whole number");
  if (out.size() < n)
    return InvalidArgument("halfband resampler: output holds " + std::to_string(out.size()) +
                           " samples, " + std::to_string(n) + " needed");
  const bool up = out_rate_ > in_rate_;
  const size_t step = up ? kBlock : 2 * kBlock;  // input samples per inner block
  size_t done = 0, written = 0;
  while (done < in.size()) {
    const size_t len = std::min(step, in.size() - done);
    if (up)
      Up(in.data() + done, len, out.data() + written);
    else
      Down(in.data() + done, len, out.data() + written);
    done += len;
    written += up ? 2 * len : len / 2;
  }
  return n;
}

Status HalfbandResampler::Process(const AudioFrame& in, AudioFrame& out) {
  if (&in == &out) return InvalidArgument("halfband resampler: input and output frame must differ");
  if (in.sample_rate != in_rate_)
    return InvalidArgument("halfband resampler: frame is " + std::to_string(in.sample_rate) +
                           " Hz, stream expects " + std::to_string(in_rate_));
  if (in.count > in.samples.size())
    return InvalidArgument("halfband resampler: frame count " + std::to_string(in.count) +
                           " exceeds capacity");
  const size_t n = OutputCount(in.count);
  if (in.count != 0 && n == 0)
    return InvalidArgument("halfband resampler: " + std::to_string(in.count) +
                           " samples do not convert to a whole number");
  if (n > out.samples.size())
    return InvalidArgument("halfband resampler: " + std::to_string(in.count) + " samples at " +
                           std::to_string(in_rate_) + " Hz exceed one output frame");
  auto written = Process(in.pcm(), std::span<int16_t>(out.samples.data(), n));
  if (!written.ok()) return written.status();
  out.sample_rate = out_rate_;
  out.count = n;
  out.pts_us = in.pts_us;
  return Status::Ok();
}

}  // namespace voxdesk::media
