// Frames that do not match the stream (wrong rate, a count that does not map
// to whole output samples, more than a frame's worth, a corrupt count) are
// rejected with a Status and leave the stream usable.
#include <doctest/doctest.h>

#include <vector>

#include "media/resampler.h"

using namespace voxdesk::media;
using voxdesk::Code;

TEST_CASE("resampler: unsupported rates and qualities are rejected at creation") {
  CHECK(Resampler::Create(11025, 8000).status().code() == Code::kInvalidArgument);
  CHECK(Resampler::Create(8000, 44100).status().code() == Code::kInvalidArgument);
  CHECK(Resampler::Create(0, 8000).status().code() == Code::kInvalidArgument);
  CHECK(Resampler::Create(-16000, 8000).status().code() == Code::kInvalidArgument);
  CHECK(Resampler::Create(8000, 16000, 11).status().code() == Code::kInvalidArgument);
  CHECK(Resampler::Create(8000, 16000, -1).status().code() == Code::kInvalidArgument);
  CHECK(Resampler::Create(8000, 16000, 10).ok());
}

TEST_CASE("resampler: bad frames are rejected and the stream continues") {
  auto r = Resampler::Create(24000, 8000);
  REQUIRE(r.ok());
  AudioFrame in, out;
  in.sample_rate = 16000;  // stream is 24 kHz
  in.count = 320;
  CHECK(r->Process(in, out).code() == Code::kInvalidArgument);

  in.sample_rate = 24000;
  in.count = 481;  // 481 * 8000 / 24000 is not whole
  CHECK(r->Process(in, out).code() == Code::kInvalidArgument);

  in.count = kMaxFrameSamples + 1;  // corrupt count beyond capacity
  CHECK(r->Process(in, out).code() == Code::kInvalidArgument);

  CHECK(r->Process(in, in).code() == Code::kInvalidArgument);  // in place

  in.count = 480;
  REQUIRE(r->Process(in, out).ok());
  CHECK(out.count == 160);

  in.count = 0;  // an empty frame is a no-op, not an error
  REQUIRE(r->Process(in, out).ok());
  CHECK(out.count == 0);
}

TEST_CASE("resampler: more input than one output frame holds is rejected") {
  auto r = Resampler::Create(8000, 48000);
  REQUIRE(r.ok());
  AudioFrame in, out;
  in.sample_rate = 8000;
  in.count = 320;  // 40 ms at 8 kHz would be 1920 samples at 48 kHz
  CHECK(r->Process(in, out).code() == Code::kInvalidArgument);
  in.count = 160;
  CHECK(r->Process(in, out).ok());
  CHECK(out.count == 960);
}

TEST_CASE("resampler: a span output too small is rejected") {
  auto r = Resampler::Create(8000, 16000);
  REQUIRE(r.ok());
  std::vector<int16_t> in(160), out(319);
  CHECK(r->Process(in, out).status().code() == Code::kInvalidArgument);
  out.resize(320);
  auto n = r->Process(in, out);
  REQUIRE(n.ok());
  CHECK(*n == 320);
}
