// Opus at both pipeline rates carries voice-band audio through encode and
// decode recognisably: after aligning for the codec delay, the decoded signal
// correlates with the original and keeps a reasonable signal-to-noise ratio,
// and each packet stays within the configured bitrate.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "media/opus_codec.h"

using namespace voxdesk::media;

namespace {

// A tone gliding 300 Hz .. 3 kHz: unlike a steady tone it has one unambiguous
// alignment, so the measured lag is the codec delay, not a multiple of a period.
std::vector<int16_t> Glide(int rate, double seconds) {
  std::vector<int16_t> v(static_cast<size_t>(rate * seconds));
  double phase = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    phase += 2 * std::numbers::pi *
             (300 + 2700 * static_cast<double>(i) / static_cast<double>(v.size())) / rate;
    v[i] = static_cast<int16_t>(std::lround(8000 * std::sin(phase)));
  }
  return v;
}

struct Aligned {
  int lag;
  double correlation;
  double snr_db;
};

// Best lag of `y` against `x` in [0, max_lag], measured from `from` onward.
Aligned Align(const std::vector<int16_t>& x, const std::vector<int16_t>& y, size_t from,
              int max_lag) {
  Aligned best{0, -2, 0};
  for (int lag = 0; lag <= max_lag; ++lag) {
    double xy = 0, xx = 0, yy = 0, err = 0;
    for (size_t i = from; i + static_cast<size_t>(lag) < y.size(); ++i) {
      const double a = x[i], b = y[i + static_cast<size_t>(lag)];
      xy += a * b;
      xx += a * a;
      yy += b * b;
      err += (a - b) * (a - b);
    }
    const double c = xy / std::sqrt(xx * yy + 1e-9);
    if (c > best.correlation) best = {lag, c, 10 * std::log10(xx / (err + 1e-9))};
  }
  return best;
}

void RoundTrip(int rate) {
  OpusEncoderConfig cfg;
  cfg.sample_rate = rate;
  cfg.bitrate_bps = 32000;
  auto enc = OpusEncoder::Create(cfg);
  REQUIRE_MESSAGE(enc.ok(), enc.status().message());
  auto dec = OpusDecoder::Create(rate);
  REQUIRE_MESSAGE(dec.ok(), dec.status().message());

  const auto in = Glide(rate, 2.0);
  const size_t step = SamplesPer(rate);
  std::vector<int16_t> out;
  std::vector<uint8_t> packet(kMaxOpusFrameBytes);
  size_t bytes = 0, frames = 0;
  AudioFrame fi, fo;
  fi.sample_rate = rate;
  for (size_t at = 0; at + step <= in.size(); at += step) {
    std::copy_n(in.begin() + static_cast<long>(at), step, fi.samples.begin());
    fi.count = step;
    auto n = enc->Encode(fi, packet);
    REQUIRE_MESSAGE(n.ok(), n.status().message());
    REQUIRE(*n > 0);
    bytes += *n;
    ++frames;
    const auto st = dec->Decode(std::span<const uint8_t>(packet.data(), *n), fo);
    REQUIRE_MESSAGE(st.ok(), st.message());
    REQUIRE(fo.count == step);
    REQUIRE(fo.sample_rate == rate);
    out.insert(out.end(), fo.samples.begin(), fo.samples.begin() + static_cast<long>(step));
  }
  const auto a = Align(in, out, static_cast<size_t>(rate / 5), enc->lookahead() * 2);
  const double kbps = static_cast<double>(bytes) * 8 / (static_cast<double>(frames) * 0.02) / 1000;
  MESSAGE(rate << " Hz: lag " << a.lag << " (lookahead " << enc->lookahead() << "), correlation "
               << a.correlation << ", SNR " << a.snr_db << " dB, " << kbps << " kbps");
  CHECK_MESSAGE(std::abs(a.lag - enc->lookahead()) <= 8, "lag " << a.lag);
  CHECK_MESSAGE(a.correlation > 0.95, "correlation " << a.correlation);
  CHECK_MESSAGE(a.snr_db > 10, "SNR " << a.snr_db << " dB");
  CHECK_MESSAGE(kbps < 32 * 1.25, kbps << " kbps for a 32 kbps target");
}

}  // namespace

TEST_CASE("opus: a gliding tone round-trips at 16 kHz with the codec delay as the only shift") {
  RoundTrip(16000);
}

TEST_CASE("opus: a gliding tone round-trips at 48 kHz with the codec delay as the only shift") {
  RoundTrip(48000);
}
