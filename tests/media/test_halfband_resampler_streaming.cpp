// The half-band resampler is a stream: 10 ms frames, 20 ms frames and odd
// block sizes give bit-for-bit the output of one whole block (history kept
// across calls), long blocks are handled in pieces without a seam, and bad
// input is rejected without disturbing the history.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "media/halfband_resampler.h"

using namespace voxdesk::media;

namespace {

std::vector<int16_t> Signal(int rate, double seconds) {
  std::mt19937 rng(3);
  std::normal_distribution<double> noise(0, 1500);
  std::vector<int16_t> v(static_cast<size_t>(rate * seconds));
  for (size_t i = 0; i < v.size(); ++i) {
    const double t = static_cast<double>(i) / rate;
    const double s = 9000 * std::sin(2 * std::numbers::pi * 440 * t) +
                     4000 * std::sin(2 * std::numbers::pi * 2950 * t) + noise(rng);
    v[i] = static_cast<int16_t>(std::clamp(std::lround(s), -32768L, 32767L));
  }
  return v;
}

HalfbandResampler Make(int in, int out) {
  auto r = HalfbandResampler::Create(in, out);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  return std::move(r).value();
}

std::vector<int16_t> Whole(int in_rate, int out_rate, const std::vector<int16_t>& in) {
  auto r = Make(in_rate, out_rate);
  std::vector<int16_t> out(r.OutputCount(in.size()));
  auto n = r.Process(in, out);
  REQUIRE(n.ok());
  REQUIRE(*n == out.size());
  return out;
}

std::vector<int16_t> InPieces(int in_rate, int out_rate, const std::vector<int16_t>& in,
                              const std::vector<size_t>& sizes) {
  auto r = Make(in_rate, out_rate);
  std::vector<int16_t> out;
  size_t at = 0, k = 0;
  while (at < in.size()) {
    const size_t len = std::min(sizes[k++ % sizes.size()], in.size() - at);
    std::vector<int16_t> piece(r.OutputCount(len));
    auto n = r.Process(std::span<const int16_t>(in.data() + at, len), piece);
    REQUIRE_MESSAGE(n.ok(), n.status().message());
    out.insert(out.end(), piece.begin(), piece.end());
    at += len;
  }
  return out;
}

}  // namespace

TEST_CASE("halfband resampler: a stream in frames equals the stream in one block, both ways") {
  for (auto rates : {std::pair{8000, 16000}, std::pair{16000, 8000}, std::pair{24000, 48000},
                     std::pair{48000, 24000}}) {
    // Not structured bindings: clang 14 cannot capture those in doctest messages.
    const int in = rates.first, out = rates.second;
    const auto x = Signal(in, 2.0);  // 2 s: longer than the resampler's inner block
    const auto whole = Whole(in, out, x);
    const size_t frame20 = SamplesPer(in), frame10 = SamplesPer(in, 10);
    CHECK_MESSAGE(InPieces(in, out, x, {frame20}) == whole, in << " -> " << out << " 20 ms");
    CHECK_MESSAGE(InPieces(in, out, x, {frame10}) == whole, in << " -> " << out << " 10 ms");
    CHECK_MESSAGE(InPieces(in, out, x, {2, 998, 64, 1202, 6}) == whole,
                  in << " -> " << out << " odd blocks");
  }
}

TEST_CASE("halfband resampler: frames carry pts and rate, and reset forgets the history") {
  auto up = Make(8000, 16000);
  AudioFrame a, b;
  a.sample_rate = 8000;
  a.count = 160;
  a.pts_us = 123456;
  for (size_t i = 0; i < 160; ++i) a.samples[i] = static_cast<int16_t>(i * 100);
  REQUIRE(up.Process(a, b).ok());
  CHECK(b.sample_rate == 16000);
  CHECK(b.count == 320);
  CHECK(b.pts_us == 123456);
  const std::vector<int16_t> first(b.samples.begin(), b.samples.begin() + 320);
  REQUIRE(up.Process(a, b).ok());
  CHECK(std::vector<int16_t>(b.samples.begin(), b.samples.begin() + 320) != first);
  up.Reset();
  REQUIRE(up.Process(a, b).ok());
  CHECK(std::vector<int16_t>(b.samples.begin(), b.samples.begin() + 320) == first);
}

TEST_CASE("halfband resampler: bad rates and bad frames are rejected, the stream continues") {
  CHECK_FALSE(HalfbandResampler::Create(8000, 24000).ok());
  CHECK_FALSE(HalfbandResampler::Create(16000, 16000).ok());
  CHECK_FALSE(HalfbandResampler::Create(11025, 22050).ok());
  CHECK(HalfbandResampler::Create(48000, 24000).ok());

  const auto x = Signal(16000, 0.1);
  const auto whole = Whole(16000, 8000, x);
  auto down = Make(16000, 8000);
  std::vector<int16_t> out;
  AudioFrame f, g;
  f.sample_rate = 16000;
  for (size_t at = 0; at < x.size(); at += 320) {
    // A bad frame before each good one: wrong rate, odd count, same object.
    AudioFrame bad = f;
    bad.sample_rate = 8000;
    bad.count = 320;
    CHECK_FALSE(down.Process(bad, g).ok());
    bad.sample_rate = 16000;
    bad.count = 319;
    CHECK_FALSE(down.Process(bad, g).ok());
    CHECK_FALSE(down.Process(f, f).ok());
    std::copy_n(x.begin() + static_cast<long>(at), 320, f.samples.begin());
    f.count = 320;
    REQUIRE(down.Process(f, g).ok());
    out.insert(out.end(), g.samples.begin(), g.samples.begin() + 160);
  }
  CHECK(out == whole);

  auto up = Make(8000, 16000);
  AudioFrame big;
  big.sample_rate = 8000;
  big.count = 960;  // 120 ms at 8 kHz would be 1920 samples at 16 kHz: over a frame
  CHECK_FALSE(up.Process(big, g).ok());
  std::vector<int16_t> small(10);
  CHECK_FALSE(up.Process(std::vector<int16_t>(6), small).ok());
}
