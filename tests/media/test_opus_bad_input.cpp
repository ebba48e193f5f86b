// Opus rejects what it cannot use with a Status and stays usable: wrong rates
// and frame sizes at the encoder, empty, truncated, oversized, too-long and
// random packets at the decoder. Random bytes must never crash or overrun.
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "media/opus_codec.h"

using namespace voxdesk::media;
using voxdesk::Code;

TEST_CASE("opus: unsupported rates and settings are rejected at creation") {
  for (int rate : {8000, 24000, 44100, 0, -1}) {
    OpusEncoderConfig c;
    c.sample_rate = rate;
    CHECK_MESSAGE(OpusEncoder::Create(c).status().code() == Code::kInvalidArgument, rate);
    CHECK_MESSAGE(OpusDecoder::Create(rate).status().code() == Code::kInvalidArgument, rate);
  }
  OpusEncoderConfig c;
  c.bitrate_bps = 100;
  CHECK(OpusEncoder::Create(c).status().code() == Code::kInvalidArgument);
  c = {};
  c.expected_loss_percent = 101;
  CHECK(OpusEncoder::Create(c).status().code() == Code::kInvalidArgument);
  c = {};
  c.complexity = 11;
  CHECK(OpusEncoder::Create(c).status().code() == Code::kInvalidArgument);
  auto enc = OpusEncoder::Create({});
  REQUIRE(enc.ok());
  CHECK(enc->SetBitrate(1'000'000).code() == Code::kInvalidArgument);
  CHECK(enc->SetBitrate(16000).ok());
}

TEST_CASE("opus: the encoder takes only 20 ms frames at its own rate") {
  auto enc = OpusEncoder::Create({});  // 16 kHz
  REQUIRE(enc.ok());
  std::vector<uint8_t> packet(kMaxOpusFrameBytes);
  AudioFrame f;
  f.sample_rate = 48000;
  f.count = 960;
  CHECK(enc->Encode(f, packet).status().code() == Code::kInvalidArgument);
  f.sample_rate = 16000;
  f.count = 321;
  CHECK(enc->Encode(f, packet).status().code() == Code::kInvalidArgument);
  f.count = 320;
  CHECK(enc->Encode(f, std::span<uint8_t>()).status().code() == Code::kInvalidArgument);
  auto n = enc->Encode(f, packet);
  REQUIRE(n.ok());
  CHECK(*n > 0);
}

TEST_CASE("opus: empty, truncated, oversized and over-long packets are rejected") {
  auto dec = OpusDecoder::Create(16000);
  REQUIRE(dec.ok());
  AudioFrame out;
  CHECK(dec->Decode({}, out).code() == Code::kInvalidArgument);
  CHECK(dec->DecodeFec({}, out).code() == Code::kInvalidArgument);
  // Code 3 TOC without its frame-count byte, and with a count of zero frames.
  const std::vector<uint8_t> truncated = {0x03};
  CHECK(dec->Decode(truncated, out).code() == Code::kInvalidArgument);
  const std::vector<uint8_t> zero_frames = {0x03, 0x00};
  CHECK(dec->Decode(zero_frames, out).code() == Code::kInvalidArgument);
  // Code 1 (two equal frames) with an odd payload cannot split evenly.
  const std::vector<uint8_t> uneven = {0x01, 0xAA, 0xBB, 0xCC};
  CHECK(dec->Decode(uneven, out).code() == Code::kInvalidArgument);
  // 60 ms SILK packet (config 3): longer than one frame.
  const std::vector<uint8_t> sixty_ms = {0x18, 0x00, 0x00};
  CHECK(dec->Decode(sixty_ms, out).code() == Code::kInvalidArgument);
  const std::vector<uint8_t> huge(kMaxOpusPacketBytes + 1, 0x08);
  CHECK(dec->Decode(huge, out).code() == Code::kInvalidArgument);
  // Still a working decoder afterwards.
  CHECK(dec->Conceal(out).ok());
  CHECK(out.count == 320);
}

TEST_CASE("opus: random packets decode or are rejected, never crash or overrun") {
  auto dec = OpusDecoder::Create(48000);
  REQUIRE(dec.ok());
  std::mt19937 rng(4);
  std::uniform_int_distribution<int> byte(0, 255), len(1, 1500);
  AudioFrame out;
  size_t accepted = 0, rejected = 0;
  for (int i = 0; i < 3000; ++i) {
    std::vector<uint8_t> p(static_cast<size_t>(len(rng)));
    for (auto& b : p) b = static_cast<uint8_t>(byte(rng));
    const auto st = (i % 2) ? dec->Decode(p, out) : dec->DecodeFec(p, out);
    if (st.ok()) {
      ++accepted;
      CHECK(out.count <= SamplesPer(48000));
    } else {
      ++rejected;
      CHECK(st.code() == Code::kInvalidArgument);
    }
  }
  MESSAGE(accepted << " random packets decoded, " << rejected << " rejected");
  CHECK(rejected > 0);
}
