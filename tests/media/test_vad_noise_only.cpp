// Background that is not speech must never open a speech turn: comfort noise
// (including DTX bursts switching on and off), mains hum with harmonics over
// line noise, and a steady dial tone.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "media/speech_fixture.h"
#include "media/vad.h"

using namespace voxdesk::media;
using namespace voxdesk::media::testing;

namespace {

int CountStarts(const std::vector<int16_t>& x, int rate) {
  VadConfig config;
  config.sample_rate = rate;
  auto vad = EnergyVad::Create(config);
  REQUIRE(vad.ok());
  int starts = 0;
  for (size_t i = 0; i < x.size() / SamplesPer(rate); ++i)
    starts += vad->Process(FrameAt(x, rate, i)).type == VadEventType::kSpeechStart;
  return starts;
}

std::vector<int16_t> Tones(int rate, double seconds,
                           std::initializer_list<std::pair<double, double>> hz_dbfs) {
  std::vector<int16_t> out(static_cast<size_t>(seconds * rate));
  for (size_t i = 0; i < out.size(); ++i) {
    double v = 0;
    for (auto [hz, dbfs] : hz_dbfs)
      v += 32768.0 * std::pow(10.0, dbfs / 20) * std::sqrt(2.0) *
           std::sin(2 * std::numbers::pi * hz * static_cast<double>(i) / rate);
    out[i] = Clip(v);
  }
  return out;
}

}  // namespace

TEST_CASE("vad: comfort noise, switched on and off like DTX, never starts speech") {
  for (int rate : {8000, 16000}) {
    std::vector<int16_t> quiet(static_cast<size_t>(rate) * 30, 0);
    // 30 s: comfort noise at -62 dBFS in bursts of 0.2-2 s separated by digital silence.
    std::mt19937 rng(3);
    std::uniform_int_distribution<int> len(rate / 5, 2 * rate);
    std::normal_distribution<double> gauss(0, 32768.0 * std::pow(10.0, -62.0 / 20));
    for (size_t at = 0; at < quiet.size();) {
      const size_t on = static_cast<size_t>(len(rng)), off = static_cast<size_t>(len(rng));
      for (size_t i = at; i < std::min(quiet.size(), at + on); ++i) quiet[i] = Clip(gauss(rng));
      at += on + off;
    }
    CHECK_MESSAGE(CountStarts(quiet, rate) == 0, "comfort noise started speech at ", rate, " Hz");
  }
}

TEST_CASE("vad: mains hum with harmonics over line noise never starts speech") {
  for (int rate : {8000, 16000}) {
    auto hum = Tones(rate, 30, {{60, -18}, {120, -24}, {180, -28}, {240, -34}, {300, -40}});
    CHECK_MESSAGE(CountStarts(AddWhiteNoise(hum, -50, 5), rate) == 0, "hum started speech at ",
                  rate, " Hz");
  }
}

TEST_CASE("vad: a steady dial tone never starts speech") {
  for (int rate : {8000, 16000}) {
    auto tone = Tones(rate, 20, {{350, -16}, {440, -16}});
    CHECK_MESSAGE(CountStarts(AddWhiteNoise(tone, -55, 9), rate) == 0,
                  "dial tone started speech at ", rate, " Hz");
  }
}
