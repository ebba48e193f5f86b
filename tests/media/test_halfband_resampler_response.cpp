// Frequency response of the 2:1 half-band resampler, measured the way the
// pipeline uses it (20 ms frames, int16 in and out): passband flatness to
// 3.4 kHz, attenuation of the images an 8 -> 16 kHz upsampler creates above
// 4 kHz and of the aliases a 16 -> 8 kHz downsampler would fold into the
// band, and the group delay. Levels come from quadrature correlation with the
// probe frequency over 1 s after the filter delay, so each figure is the
// level of that one frequency, not of everything in the output.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "media/halfband_resampler.h"

using namespace voxdesk::media;

namespace {

constexpr double kAmplitude = 16000;

std::vector<int16_t> Tone(int rate, double hz, double seconds) {
  std::vector<int16_t> v(static_cast<size_t>(rate * seconds));
  for (size_t i = 0; i < v.size(); ++i)
    v[i] = static_cast<int16_t>(std::lround(
        kAmplitude * std::sin(2 * std::numbers::pi * hz * static_cast<double>(i) / rate)));
  return v;
}

HalfbandResampler Make(int in, int out) {
  auto r = HalfbandResampler::Create(in, out);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  return std::move(r).value();
}

std::vector<int16_t> Stream(HalfbandResampler& r, const std::vector<int16_t>& in) {
  const size_t step = SamplesPer(r.in_rate());
  std::vector<int16_t> out;
  AudioFrame fi, fo;
  fi.sample_rate = r.in_rate();
  for (size_t at = 0; at + step <= in.size(); at += step) {
    std::copy_n(in.begin() + static_cast<long>(at), step, fi.samples.begin());
    fi.count = step;
    const auto st = r.Process(fi, fo);
    REQUIRE_MESSAGE(st.ok(), st.message());
    out.insert(out.end(), fo.samples.begin(), fo.samples.begin() + static_cast<long>(fo.count));
  }
  return out;
}

struct Probe {
  double amplitude;
  double phase;  // radians, of sin(2 pi f t + phase)
};

// Level and phase of `hz` in `v` (sampled at `rate`), from sample `from` on.
Probe Measure(const std::vector<int16_t>& v, int rate, double hz, size_t from) {
  double s = 0, c = 0;
  const size_t n = v.size() - from;
  for (size_t i = from; i < v.size(); ++i) {
    const double w = 2 * std::numbers::pi * hz * static_cast<double>(i) / rate;
    s += v[i] * std::sin(w);
    c += v[i] * std::cos(w);
  }
  return {2 * std::hypot(s, c) / static_cast<double>(n), std::atan2(c, s)};
}

// How far (in samples at `rate`) the delay implied by a tone's output phase is
// from `want` samples, modulo the tone's period.
double PhaseDelayOff(double phase, double hz, int rate, double want) {
  const double period = rate / hz;
  const double lag = -phase / (2 * std::numbers::pi) * period;
  const double d = std::remainder(lag - want, period);
  return std::fabs(d);
}

double Db(double ratio) {
  return 20 * std::log10(ratio);
}

// Gains in dB of in-band tones from 100 Hz to 3.4 kHz through `r`.
std::vector<double> PassbandGains(int in_rate, int out_rate) {
  std::vector<double> gains;
  for (int hz = 100; hz <= 3400; hz += 100) {
    auto r = Make(in_rate, out_rate);
    const auto out = Stream(r, Tone(in_rate, hz, 1.2));
    gains.push_back(Db(Measure(out, out_rate, hz, out_rate / 10).amplitude / kAmplitude));
  }
  return gains;
}

}  // namespace

TEST_CASE("halfband resampler: passband ripple below 0.5 dB up to 3.4 kHz both ways") {
  for (auto rates : {std::pair{8000, 16000}, std::pair{16000, 8000}}) {
    // Not structured bindings: clang 14 cannot capture those in doctest messages.
    const int in = rates.first, out = rates.second;
    const auto g = PassbandGains(in, out);
    const auto [lo, hi] = std::minmax_element(g.begin(), g.end());
    MESSAGE(in << " -> " << out << " Hz: passband gain " << *lo << " .. " << *hi << " dB, ripple "
               << *hi - *lo << " dB");
    CHECK_MESSAGE(*hi - *lo < 0.5, "passband ripple too large");
    CHECK_MESSAGE(std::fabs(*lo) < 0.25, "passband level off");
    CHECK_MESSAGE(std::fabs(*hi) < 0.25, "passband level off");
  }
}

TEST_CASE("halfband resampler: 8 -> 16 kHz images of 0.3-3.4 kHz tones are 40 dB down") {
  double worst = -200;
  for (int hz = 300; hz <= 3400; hz += 100) {
    auto up = Make(8000, 16000);
    const auto out = Stream(up, Tone(8000, hz, 1.2));
    const double image = Measure(out, 16000, 8000 - hz, 1600).amplitude;
    worst = std::max(worst, Db(image / kAmplitude));
  }
  MESSAGE("worst image above 4.6 kHz: " << worst << " dB");
  CHECK_MESSAGE(worst <= -40, "images not attenuated by 40 dB");
}

TEST_CASE("halfband resampler: 16 -> 8 kHz aliases of 4.6-7.9 kHz tones are 40 dB down") {
  double worst = -200;
  for (int hz = 4600; hz <= 7900; hz += 100) {
    auto down = Make(16000, 8000);
    const auto out = Stream(down, Tone(16000, hz, 1.2));
    const double alias = Measure(out, 8000, 8000 - hz, 800).amplitude;
    worst = std::max(worst, Db(alias / kAmplitude));
  }
  MESSAGE("worst alias folded into 0.1-3.4 kHz: " << worst << " dB");
  CHECK_MESSAGE(worst <= -40, "aliases not attenuated by 40 dB");
}

TEST_CASE("halfband resampler: group delay is 23 samples at 16 kHz, the same at every frequency") {
  auto probe = HalfbandResampler::Create(8000, 16000);
  REQUIRE(probe.ok());
  MESSAGE("group delay " << probe->delay_ms() << " ms");
  CHECK(probe->delay_ms() == doctest::Approx(23.0 / 16));
  // A tone's phase gives its delay modulo one period; 300 and 600 Hz have
  // periods longer than the delay, the others check that it is the same.
  for (int hz : {300, 600, 1000, 2000, 3000, 3400}) {
    auto up = Make(8000, 16000);
    const auto out = Stream(up, Tone(8000, hz, 1.2));
    CHECK_MESSAGE(PhaseDelayOff(Measure(out, 16000, hz, 1600).phase, hz, 16000, 23) < 0.02,
                  hz << " Hz: 8 -> 16 kHz delay differs from 23 samples");
    auto down = Make(16000, 8000);
    const auto back = Stream(down, Tone(16000, hz, 1.2));
    CHECK_MESSAGE(PhaseDelayOff(Measure(back, 8000, hz, 800).phase, hz, 8000, 11.5) < 0.02,
                  hz << " Hz: 16 -> 8 kHz delay differs from 11.5 samples");
  }
  // An impulse comes out of the upsampler's copy phase exactly 23 samples late.
  auto up = Make(8000, 16000);
  std::vector<int16_t> impulse(160, 0);
  impulse[40] = 10000;
  const auto out = Stream(up, impulse);
  const auto peak = std::max_element(out.begin(), out.end()) - out.begin();
  CHECK(peak == 2 * 40 + 23);
  CHECK(out[static_cast<size_t>(peak)] == 10000);
}

TEST_CASE("halfband resampler: full-scale square waves saturate instead of wrapping") {
  for (auto rates : {std::pair{8000, 16000}, std::pair{16000, 8000}}) {
    // Not structured bindings: clang 14 cannot capture those in doctest messages.
    const int in = rates.first, out = rates.second;
    std::vector<int16_t> square(static_cast<size_t>(in) / 5);
    for (size_t i = 0; i < square.size(); ++i)
      square[i] = (i / static_cast<size_t>(in / 1000)) % 2 ? int16_t{-32768} : int16_t{32767};
    auto r = Make(in, out);
    const auto y = Stream(r, square);
    // Overshoot past full scale must clip: a wrapped sample would jump to the
    // opposite sign in the middle of a half period.
    const size_t half = static_cast<size_t>(out / 1000);  // samples per half period
    size_t clipped = 0;
    for (size_t i = static_cast<size_t>(out) / 50; i < y.size(); ++i) {
      const bool high = ((i - 23 * static_cast<size_t>(out) / 16000) / half) % 2 == 0;
      const size_t pos = (i - 23 * static_cast<size_t>(out) / 16000) % half;
      if (pos < 3 || pos + 3 >= half) continue;  // edges ring through zero
      CHECK_MESSAGE((high ? y[i] > 0 : y[i] < 0),
                    in << " -> " << out << " sample " << i << " = " << y[i]);
      clipped += y[i] == 32767 || y[i] == -32768;
    }
    CHECK_MESSAGE(clipped > 0, "no sample reached full scale");
  }
}
