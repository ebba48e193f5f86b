// The preprocessor rejects unsupported rates, out-of-range settings and
// frames that do not match the stream with a Status, and keeps working.
#include <doctest/doctest.h>

#include "media/preprocess.h"

using namespace voxdesk::media;
using voxdesk::Code;

TEST_CASE("preprocess: unsupported rates and settings are rejected at creation") {
  for (int rate : {24000, 48000, 11025, 0}) {
    PreprocessConfig c;
    c.sample_rate = rate;
    CHECK_MESSAGE(Preprocessor::Create(c).status().code() == Code::kInvalidArgument, rate);
  }
  PreprocessConfig c;
  c.noise_suppress_db = 5;
  CHECK(Preprocessor::Create(c).status().code() == Code::kInvalidArgument);
  c = {};
  c.echo_tail_ms = 100000;  // would be an unbounded filter
  CHECK(Preprocessor::Create(c).status().code() == Code::kInvalidArgument);
  c = {};
  c.agc_max_gain_db = -3;
  CHECK(Preprocessor::Create(c).status().code() == Code::kInvalidArgument);
  c = {};
  c.denoise = false;  // everything off is a valid pass-through
  auto pass = Preprocessor::Create(c);
  REQUIRE(pass.ok());
  AudioFrame f;
  f.count = 160;
  f.samples[5] = 1234;
  REQUIRE(pass->Process(f).ok());
  CHECK(f.samples[5] == 1234);
}

TEST_CASE("preprocess: frames of the wrong rate or size are rejected and the stream continues") {
  PreprocessConfig c;
  c.echo_cancel = true;
  auto p = Preprocessor::Create(c);  // 8 kHz
  REQUIRE(p.ok());
  AudioFrame near, far;
  near.sample_rate = 16000;
  near.count = 320;
  CHECK(p->Process(near).code() == Code::kInvalidArgument);
  near.sample_rate = 8000;
  near.count = 80;  // 10 ms
  CHECK(p->Process(near).code() == Code::kInvalidArgument);
  near.count = kMaxFrameSamples + 1;  // corrupt count
  CHECK(p->Process(near).code() == Code::kInvalidArgument);
  near.count = 160;
  far.sample_rate = 8000;
  far.count = 159;
  CHECK(p->Process(near, &far).code() == Code::kInvalidArgument);
  far.count = 160;
  CHECK(p->Process(near, &far).ok());
  CHECK(p->Process(near).ok());  // no far end: played silence
}
