#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <vector>

#include "media/call_recorder.h"

using namespace voxdesk::media;
using namespace std::chrono_literals;

namespace {
CallRecorder Make(CallRecorderConfig c = {}) {
  auto r = CallRecorder::Create(c);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  return std::move(r).value();
}
std::vector<int16_t> Frame(int16_t v) {
  return std::vector<int16_t>(160, v);
}
}  // namespace

TEST_CASE("recorder: stacked output puts each leg at its timestamp, gaps as silence") {
  auto rec = Make();
  REQUIRE(rec.AddCaller(0, Frame(1)).ok());
  REQUIRE(rec.AddCaller(40000, Frame(2)).ok());  // 20 ms gap on the caller leg
  REQUIRE(rec.AddAgent(20000, Frame(3)).ok());
  auto w = rec.Stacked();
  CHECK(w.channels == 2);
  CHECK(w.sample_rate == 8000);
  REQUIRE(w.samples.size() == 2 * 480);
  auto left = [&](size_t i) { return w.samples[2 * i]; };
  auto right = [&](size_t i) { return w.samples[2 * i + 1]; };
  CHECK(left(0) == 1);
  CHECK(left(159) == 1);
  CHECK(left(160) == 0);
  CHECK(left(320) == 2);
  CHECK(right(159) == 0);
  CHECK(right(160) == 3);
  CHECK(right(319) == 3);
  CHECK(right(320) == 0);  // agent leg shorter: padded
}

TEST_CASE("recorder: mixed output sums aligned legs and clips") {
  auto rec = Make();
  REQUIRE(rec.AddCaller(0, Frame(1000)).ok());
  REQUIRE(rec.AddAgent(10000, Frame(30000)).ok());  // starts 80 samples into the caller frame
  REQUIRE(rec.AddCaller(20000, Frame(10000)).ok());
  auto w = rec.Mixed();
  CHECK(w.channels == 1);
  REQUIRE(w.samples.size() == 320);
  CHECK(w.samples[79] == 1000);
  CHECK(w.samples[80] == 31000);
  CHECK(w.samples[160] == 32767);  // 10000 + 30000 clipped
  CHECK(w.samples[240] == 10000);
}

TEST_CASE("recorder: writes stacked and mixed WAV files that read back aligned") {
  auto rec = Make({.sample_rate = 16000});
  AudioFrame f;
  f.sample_rate = 16000;
  f.count = 320;
  f.pts_us = 20000;
  for (size_t i = 0; i < f.count; ++i) f.samples[i] = 500;
  REQUIRE(rec.AddAgent(f).ok());
  f.pts_us = 0;
  REQUIRE(rec.AddCaller(f).ok());
  const auto dir = std::filesystem::temp_directory_path();
  const auto stacked = (dir / "voxdesk_test_rec_stacked.wav").string();
  const auto mixed = (dir / "voxdesk_test_rec_mixed.wav").string();
  REQUIRE(rec.WriteStacked(stacked).ok());
  REQUIRE(rec.WriteMixed(mixed).ok());
  auto m = ReadWavFile(mixed);
  auto s = ReadWavFile(stacked);  // downmixed to mono on read: (L + R) / 2
  std::remove(stacked.c_str());
  std::remove(mixed.c_str());
  REQUIRE(m.ok());
  REQUIRE(s.ok());
  CHECK(m->samples.size() == 640);
  CHECK(m->samples[0] == 500);
  CHECK(m->samples[639] == 500);
  CHECK(s->samples.size() == 640);
  CHECK(s->samples[0] == 250);
}

TEST_CASE("recorder: bad frames are rejected and memory stays bounded") {
  auto rec = Make({.max_duration = 1s});
  CHECK_FALSE(rec.AddCaller(-1, Frame(1)).ok());
  CHECK_FALSE(rec.AddCaller(990000, Frame(1)).ok());  // would end at 1.01 s
  CHECK(rec.AddCaller(980000, Frame(1)).ok());
  CHECK_FALSE(rec.AddAgent(int64_t{1} << 62, Frame(1)).ok());
  AudioFrame f;
  f.sample_rate = 16000;
  f.count = 320;
  auto st = rec.AddAgent(f);
  REQUIRE_FALSE(st.ok());
  CHECK(st.message() == "call recorder: agent frame at 16000 Hz, recording at 8000 Hz");
  CHECK(rec.length_samples() == 8000);
  CHECK_FALSE(CallRecorder::Create({.sample_rate = 22050}).ok());
}
