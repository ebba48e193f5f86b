// Streaming keeps the filter history across frames: converting a long signal
// in 20 ms frames gives the same samples as converting it in one block, so no
// click or gap appears at a frame boundary, for every pair of rates.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numbers>
#include <vector>

#include "media/resampler.h"

using namespace voxdesk::media;

namespace {

// A sine sweeping 200 Hz .. 3 kHz: every frame boundary lands on a different
// phase and slope.
std::vector<int16_t> Sweep(int rate, double seconds) {
  std::vector<int16_t> v(static_cast<size_t>(rate * seconds));
  double phase = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    const double hz = 200 + 2800 * static_cast<double>(i) / static_cast<double>(v.size());
    phase += 2 * std::numbers::pi * hz / rate;
    v[i] = static_cast<int16_t>(std::lround(12000 * std::sin(phase)));
  }
  return v;
}

}  // namespace

TEST_CASE("resampler: 20 ms frames give the same samples as one block, every rate pair") {
  for (int a : kRates)
    for (int b : kRates) {
      if (a == b) continue;
      const auto in = Sweep(a, 2.0);
      auto block = Resampler::Create(a, b);
      auto framed = Resampler::Create(a, b);
      REQUIRE(block.ok());
      REQUIRE(framed.ok());

      std::vector<int16_t> whole(block->OutputCount(in.size()));
      auto n = block->Process(in, whole);
      REQUIRE_MESSAGE(n.ok(), n.status().message());
      REQUIRE(*n == whole.size());

      std::vector<int16_t> pieces;
      AudioFrame fi, fo;
      fi.sample_rate = a;
      const size_t step = SamplesPer(a);
      for (size_t at = 0; at < in.size(); at += step) {
        std::copy_n(in.begin() + static_cast<long>(at), step, fi.samples.begin());
        fi.count = step;
        REQUIRE(framed->Process(fi, fo).ok());
        REQUIRE(fo.count == SamplesPer(b));
        pieces.insert(pieces.end(), fo.samples.begin(),
                      fo.samples.begin() + static_cast<long>(fo.count));
      }
      REQUIRE(pieces.size() == whole.size());
      int worst = 0;
      for (size_t i = 0; i < whole.size(); ++i)
        worst = std::max(worst, std::abs(whole[i] - pieces[i]));
      CHECK_MESSAGE(worst <= 1, a << " -> " << b << ": framed output differs by up to " << worst);
    }
}

TEST_CASE("resampler: 10 ms frames and a mid-stream Reset keep exact counts") {
  auto r = Resampler::Create(48000, 8000);
  REQUIRE(r.ok());
  AudioFrame fi, fo;
  fi.sample_rate = 48000;
  fi.count = SamplesPer(48000, 10);
  fi.pts_us = 123456;
  REQUIRE(r->Process(fi, fo).ok());
  CHECK(fo.count == 80);
  CHECK(fo.sample_rate == 8000);
  CHECK(fo.pts_us == 123456);
  r->Reset();
  REQUIRE(r->Process(fi, fo).ok());
  CHECK(fo.count == 80);
  CHECK(r->input_latency() > 0);
}
