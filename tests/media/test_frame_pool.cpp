#include <doctest/doctest.h>

#include "media/frame.h"

using namespace voxdesk::media;

TEST_CASE("a frame pool hands out at most its capacity and recycles released frames") {
  FramePool pool(2);
  auto a = pool.Acquire();
  auto b = pool.Acquire();
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a.get() != b.get());
  CHECK_FALSE(pool.Acquire());  // back-pressure, not allocation
  AudioFrame* raw = a.get();
  a.reset();
  CHECK(pool.available() == 1);
  auto c = pool.Acquire();
  CHECK(c.get() == raw);
}

TEST_CASE("frame sizes for 20 ms at every supported rate") {
  CHECK(SamplesPer(8000) == 160);
  CHECK(SamplesPer(16000) == 320);
  CHECK(SamplesPer(24000) == 480);
  CHECK(SamplesPer(48000) == 960);
  CHECK(SamplesPer(48000) == kMaxFrameSamples);
  CHECK(IsSupportedRate(16000));
  CHECK_FALSE(IsSupportedRate(44100));
  AudioFrame f;
  f.sample_rate = 16000;
  f.count = 320;
  CHECK(f.duration_us() == 20000);
}
