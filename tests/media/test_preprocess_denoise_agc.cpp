// Noise suppression and AGC do what the pipeline relies on: once converged,
// steady white noise alone comes out more than 6 dB quieter, and a quiet tone
// comes out louder.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "media/preprocess.h"

using namespace voxdesk::media;

namespace {

double Db(double ratio) {
  return 20 * std::log10(ratio);
}

// Feeds `seconds` of `gen(i)` through `p` in 20 ms frames; returns the input
// and output RMS over the last `measure` seconds.
template <typename Gen>
std::pair<double, double> Run(Preprocessor& p, int rate, double seconds, double measure, Gen gen) {
  const size_t step = SamplesPer(rate);
  const auto frames = static_cast<size_t>(seconds * 50);
  const auto from = static_cast<size_t>((seconds - measure) * 50);
  double in_sum = 0, out_sum = 0;
  size_t i = 0;
  AudioFrame f;
  for (size_t k = 0; k < frames; ++k) {
    f.sample_rate = rate;
    f.count = step;
    for (size_t j = 0; j < step; ++j) f.samples[j] = gen(i++);
    if (k >= from)
      for (size_t j = 0; j < step; ++j) in_sum += std::pow(f.samples[j], 2);
    const auto st = p.Process(f);
    REQUIRE_MESSAGE(st.ok(), st.message());
    if (k >= from)
      for (size_t j = 0; j < step; ++j) out_sum += std::pow(f.samples[j], 2);
  }
  return {std::sqrt(in_sum), std::sqrt(out_sum)};
}

}  // namespace

TEST_CASE("preprocess: noise suppression lowers white noise alone by more than 6 dB") {
  for (int rate : {8000, 16000}) {
    PreprocessConfig c;
    c.sample_rate = rate;
    c.denoise = true;
    auto p = Preprocessor::Create(c);
    REQUIRE_MESSAGE(p.ok(), p.status().message());
    std::mt19937 rng(7);
    std::normal_distribution<double> noise(0, 1000);
    const auto [in, out] = Run(
        *p, rate, 6.0, 3.0, [&](size_t) { return static_cast<int16_t>(std::lround(noise(rng))); });
    const double change = Db(out / in);
    MESSAGE(rate << " Hz: white noise changed by " << change << " dB");
    CHECK_MESSAGE(change < -6, rate << " Hz: noise only " << change << " dB lower");
  }
}

TEST_CASE("preprocess: AGC raises a quiet tone") {
  for (int rate : {8000, 16000}) {
    PreprocessConfig c;
    c.sample_rate = rate;
    c.denoise = false;
    c.agc = true;
    auto p = Preprocessor::Create(c);
    REQUIRE_MESSAGE(p.ok(), p.status().message());
    // About -40 dBFS: a caller far from the microphone.
    const auto [in, out] = Run(*p, rate, 8.0, 2.0, [&](size_t i) {
      return static_cast<int16_t>(
          std::lround(300 * std::sin(2 * std::numbers::pi * 440 * static_cast<double>(i) / rate)));
    });
    const double change = Db(out / in);
    MESSAGE(rate << " Hz: quiet tone changed by " << change << " dB");
    CHECK_MESSAGE(change > 4, rate << " Hz: quiet tone only " << change << " dB louder");
  }
}
