// G.711 rejects a too-small destination or a frame at the wrong rate with a
// Status, writing nothing, instead of overrunning memory.
#include <doctest/doctest.h>

#include <array>
#include <vector>

#include "media/g711.h"

using namespace voxdesk::media;
using voxdesk::Code;

TEST_CASE("g711: a destination shorter than the input is rejected and left untouched") {
  std::array<int16_t, 160> pcm{};
  pcm.fill(1000);
  std::array<uint8_t, 159> codes{};
  codes.fill(0x42);
  const auto st = g711::EncodeUlaw(pcm, codes);
  CHECK(st.code() == Code::kInvalidArgument);
  CHECK(codes[0] == 0x42);
  CHECK(g711::EncodeAlaw(pcm, codes).code() == Code::kInvalidArgument);
  std::array<int16_t, 10> small{};
  CHECK(g711::DecodeUlaw(std::span<const uint8_t>(codes), small).code() == Code::kInvalidArgument);
  CHECK(g711::DecodeAlaw(std::span<const uint8_t>(codes), small).code() == Code::kInvalidArgument);
}

TEST_CASE("g711: more codes than a frame holds are rejected, not truncated") {
  std::vector<uint8_t> codes(kMaxFrameSamples + 1, 0xFF);
  AudioFrame f;
  f.count = 7;
  CHECK(g711::DecodeUlaw(codes, f).code() == Code::kInvalidArgument);
  CHECK(f.count == 7);
  codes.resize(160);
  REQUIRE(g711::DecodeUlaw(codes, f).ok());
  CHECK(f.count == 160);
  CHECK(f.sample_rate == 8000);
}

TEST_CASE("g711: encoding a frame that is not 8 kHz is rejected") {
  AudioFrame f;
  f.sample_rate = 16000;
  f.count = 320;
  std::array<uint8_t, kMaxFrameSamples> out{};
  CHECK(g711::EncodeUlaw(f, out).code() == Code::kInvalidArgument);
  f.sample_rate = 8000;
  f.count = kMaxFrameSamples + 5;  // corrupt count
  CHECK(g711::EncodeAlaw(f, out).code() == Code::kInvalidArgument);
  f.count = 160;
  CHECK(g711::EncodeAlaw(f, out).ok());
}
