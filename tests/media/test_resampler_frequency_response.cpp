// The resampler keeps in-band voice at its level and keeps out-of-band energy
// out: a 1 kHz tone survives 8 -> 16 -> 8 kHz within 0.5 dB, and tones above
// the output Nyquist frequency are attenuated by more than 40 dB instead of
// folding back into the band. Levels are RMS measured after the filter delay
// has passed, with the stream fed in 20 ms frames as the pipeline does.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "media/resampler.h"

using namespace voxdesk::media;

namespace {

std::vector<int16_t> Tone(int rate, double hz, double seconds, double amplitude) {
  std::vector<int16_t> v(static_cast<size_t>(rate * seconds));
  for (size_t i = 0; i < v.size(); ++i)
    v[i] = static_cast<int16_t>(std::lround(
        amplitude * std::sin(2 * std::numbers::pi * hz * static_cast<double>(i) / rate)));
  return v;
}

double Rms(const std::vector<int16_t>& v, size_t from) {
  double sum = 0;
  for (size_t i = from; i < v.size(); ++i) sum += static_cast<double>(v[i]) * v[i];
  return std::sqrt(sum / static_cast<double>(v.size() - from));
}

double Db(double ratio) {
  return 20 * std::log10(ratio);
}

// Runs `in` through `r` in 20 ms frames.
std::vector<int16_t> Stream(Resampler& r, const std::vector<int16_t>& in) {
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

Resampler Make(int in, int out) {
  auto r = Resampler::Create(in, out);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  return std::move(r).value();
}

}  // namespace

TEST_CASE("resampler: a 1 kHz tone survives 8 -> 16 -> 8 kHz within 0.5 dB") {
  auto up = Make(8000, 16000);
  auto down = Make(16000, 8000);
  const auto in = Tone(8000, 1000, 1.0, 10000);
  const auto wide = Stream(up, in);
  REQUIRE(wide.size() == 16000);
  const auto back = Stream(down, wide);
  REQUIRE(back.size() == in.size());
  const double gain = Db(Rms(back, 800) / Rms(in, 800));  // skip 100 ms of filter delay
  MESSAGE("8->16->8 kHz gain at 1 kHz: " << gain << " dB");
  CHECK(std::fabs(gain) < 0.5);
}

TEST_CASE("resampler: a 1 kHz tone keeps its level through every rate pair") {
  for (int a : kRates)
    for (int b : kRates) {
      if (a == b) continue;
      auto r = Make(a, b);
      const auto in = Tone(a, 1000, 0.5, 10000);
      const auto out = Stream(r, in);
      REQUIRE(out.size() == SamplesPer(b, 500));
      const double gain = Db(Rms(out, static_cast<size_t>(b / 10)) / Rms(in, 0));
      CHECK_MESSAGE(std::fabs(gain) < 0.5, a << " -> " << b << " Hz: " << gain << " dB");
    }
}

TEST_CASE("resampler: tones above the output Nyquist do not alias by more than -40 dB") {
  struct Case {
    int in, out;
    double hz;
  };
  const Case cases[] = {
      {16000, 8000, 5000},   {16000, 8000, 6000},   {16000, 8000, 7500},   {24000, 8000, 5000},
      {24000, 8000, 10000},  {48000, 8000, 5000},   {48000, 8000, 12000},  {48000, 8000, 20000},
      {48000, 16000, 10000}, {48000, 16000, 20000}, {24000, 16000, 10000}, {48000, 24000, 15000},
  };
  for (const auto& c : cases) {
    auto r = Make(c.in, c.out);
    const auto in = Tone(c.in, c.hz, 1.0, 10000);
    const auto out = Stream(r, in);
    const double level = Db(Rms(out, static_cast<size_t>(c.out / 10)) / Rms(in, 0));
    MESSAGE(c.hz << " Hz at " << c.in << " -> " << c.out << " Hz: " << level << " dB");
    CHECK_MESSAGE(level < -40,
                  c.hz << " Hz at " << c.in << " -> " << c.out << " aliases at " << level << " dB");
  }
}

TEST_CASE("resampler: the telephone band up to 3 kHz passes 16 -> 8 kHz within 1 dB") {
  // The counterpart of the aliasing test: the filter is a low-pass, not a mute.
  for (double hz : {300.0, 1000.0, 2000.0, 3000.0}) {
    auto r = Make(16000, 8000);
    const auto in = Tone(16000, hz, 1.0, 10000);
    const auto out = Stream(r, in);
    const double gain = Db(Rms(out, 800) / Rms(in, 0));
    CHECK_MESSAGE(std::fabs(gain) < 1.0, hz << " Hz: " << gain << " dB");
  }
}
