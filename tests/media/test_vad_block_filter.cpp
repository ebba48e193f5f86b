// The VAD's block-matrix band filter computes what the original per-sample
// biquad cascade computed: on speech in noise, tones and clipping-level noise,
// at both rates, every frame's band level and tonality match a reference
// built the original way (float transposed direct form II sections, double
// sums in sample order) within rounding, and every raw speech decision is the
// one the reference figures give against the same noise floor.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "media/speech_fixture.h"
#include "media/vad.h"

using namespace voxdesk::media;
using namespace voxdesk::media::testing;

namespace {

// The band filter and frame measures exactly as vad.cpp computed them before
// the block form: three float biquads stepped per sample.
class ReferenceBand {
 public:
  explicit ReferenceBand(int rate) {
    const struct {
      bool hp;
      double fc, q;
    } spec[] = {{true, 200, 0.5412}, {true, 200, 1.3066}, {false, 3400, 0.7071}};
    for (size_t i = 0; i < 3; ++i) {
      const double w = 2 * std::numbers::pi * spec[i].fc / rate;
      const double alpha = std::sin(w) / (2 * spec[i].q);
      const double c = std::cos(w);
      const double a0 = 1 + alpha;
      const double k = spec[i].hp ? (1 + c) / 2 : (1 - c) / 2;
      s_[i] = {static_cast<float>(k / a0), static_cast<float>((spec[i].hp ? -2 * k : 2 * k) / a0),
               static_cast<float>(k / a0), static_cast<float>(-2 * c / a0),
               static_cast<float>((1 - alpha) / a0)};
    }
  }

  // Band level (dBFS) and tonality (dB) of one frame.
  std::pair<double, double> Frame(std::span<const int16_t> x) {
    double r0 = 0, r1 = 0, r2 = 0;
    float y1 = 0, y2 = 0;
    for (int16_t v : x) {
      float y = v;
      for (auto& s : s_) {
        const float out = s.b0 * y + s.z1;
        s.z1 = s.b1 * y - s.a1 * out + s.z2;
        s.z2 = s.b2 * y - s.a2 * out;
        y = out;
      }
      r0 += static_cast<double>(y) * y;
      r1 += static_cast<double>(y) * y1;
      r2 += static_cast<double>(y) * y2;
      y2 = y1;
      y1 = y;
    }
    const double mean_sq = r0 / static_cast<double>(x.size());
    const double level = mean_sq > 1e-3 ? 10 * std::log10(mean_sq / (32768.0 * 32768.0)) : -120;
    double tonality = 0;
    if (r0 > 0) {
      const double k1 = r1 / r0;
      const double e1 = r0 * (1 - k1 * k1);
      double e2 = e1;
      if (e1 > 0) {
        const double k2 = (r2 - k1 * r1) / e1;
        e2 = e1 * (1 - std::min(k2 * k2, 1.0));
      }
      tonality = e2 > r0 * 1e-10 ? 10 * std::log10(r0 / e2) : 100;
    }
    return {level, tonality};
  }

 private:
  struct Section {
    float b0, b1, b2, a1, a2, z1 = 0, z2 = 0;
  };
  std::array<Section, 3> s_{};
};

std::vector<int16_t> Scene(int rate) {
  std::vector<int16_t> x(static_cast<size_t>(rate) / 2, 0);  // silence, then speech
  for (size_t i = 0; i < 4; ++i) {
    const auto pcm = Speak(Sentences()[i], Voices()[i % Voices().size()], rate);
    x.insert(x.end(), pcm.begin(), pcm.end());
  }
  // A dial tone (350 + 440 Hz), then loud noise driven into clipping.
  for (int i = 0; i < rate; ++i) {
    const double t = static_cast<double>(i) / rate;
    x.push_back(Clip(8000 * (std::sin(2 * std::numbers::pi * 350 * t) +
                             std::sin(2 * std::numbers::pi * 440 * t))));
  }
  x = AddWhiteNoise(x, -45, 5);
  std::mt19937 rng(2);
  std::normal_distribution<double> loud(0, 20000);
  for (int i = 0; i < rate / 2; ++i) x.push_back(Clip(loud(rng)));
  return x;
}

}  // namespace

TEST_CASE("vad: the block band filter matches the per-sample biquad cascade frame by frame") {
  for (int rate : {8000, 16000}) {
    for (int ms : {20, 10}) {
      const auto x = Scene(rate);
      VadConfig config;
      config.sample_rate = rate;
      auto vad = EnergyVad::Create(config);
      REQUIRE(vad.ok());
      ReferenceBand ref(rate);
      const size_t n = SamplesPer(rate, ms);
      double worst_level = 0, worst_tonality = 0;
      size_t decisions_differ = 0, speech = 0;
      for (size_t f = 0; f * n + n <= x.size(); ++f) {
        AudioFrame frame;
        frame.sample_rate = rate;
        frame.count = n;
        std::copy_n(x.begin() + static_cast<long>(f * n), n, frame.samples.begin());
        const double floor = vad->noise_floor_dbfs();
        vad->Process(frame);
        const auto [level, tonality] = ref.Frame(frame.pcm());
        worst_level = std::max(worst_level, std::fabs(vad->level_dbfs() - level));
        if (tonality < 60)  // beyond that the measure is all rounding, and far from any threshold
          worst_tonality = std::max(worst_tonality, std::fabs(vad->tonality_db() - tonality));
        const bool ref_speech = f > 0 && level > floor + config.threshold_db &&
                                level > config.min_speech_dbfs && tonality < config.max_tonality_db;
        decisions_differ += ref_speech != vad->frame_is_speech();
        speech += ref_speech;
      }
      MESSAGE(rate << " Hz, " << ms << " ms frames: " << speech << " speech frames, level within "
                   << worst_level << " dB, tonality within " << worst_tonality << " dB");
      CHECK_MESSAGE(speech > 50, "the scene should contain speech");
      CHECK_MESSAGE(worst_level < 0.001, "band level differs from the biquad cascade");
      CHECK_MESSAGE(worst_tonality < 0.01, "tonality differs from the biquad cascade");
      CHECK_MESSAGE(decisions_differ == 0, decisions_differ << " raw decisions differ");
    }
  }
}
