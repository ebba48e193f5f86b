// G.711 against golden files written once by scripts/gen-g711-golden from
// CPython 3.11's audioop, an independent implementation: every one of the 256
// codes decodes, and every one of the 65536 int16 inputs encodes, as it does.
// The one documented difference is mu-law encoding of negative inputs: G.191
// folds them with ~x, audioop with -x, so on 508 negative inputs lying exactly
// on a decision level audioop picks the next code outward. Those inputs are
// checked against the G.191 rule instead (sign symmetry around -0.5).
#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "media/g711.h"

using namespace voxdesk::media;

namespace {

std::vector<uint8_t> Golden(const std::string& name) {
  const std::string path = std::string(VOXDESK_SOURCE_DIR) + "/tests/media/data/" + name;
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "missing golden file " << path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<int16_t> GoldenPcm(const std::string& name) {
  const auto bytes = Golden(name);
  REQUIRE(bytes.size() == 512);
  std::vector<int16_t> v(256);
  for (size_t i = 0; i < v.size(); ++i)
    v[i] = static_cast<int16_t>(bytes[2 * i] | (bytes[2 * i + 1] << 8));  // little-endian
  return v;
}

std::vector<int16_t> EveryInput() {
  std::vector<int16_t> v(65536);
  for (int i = 0; i < 65536; ++i) v[i] = static_cast<int16_t>(i - 32768);
  return v;
}

}  // namespace

TEST_CASE("g711: all 256 mu-law codes decode exactly as the reference") {
  const auto want = GoldenPcm("g711_ulaw_decode.bin");
  std::vector<uint8_t> codes(256);
  for (int c = 0; c < 256; ++c) codes[c] = static_cast<uint8_t>(c);
  std::vector<int16_t> got(256);
  REQUIRE(g711::DecodeUlaw(codes, got).ok());
  for (int c = 0; c < 256; ++c) CHECK_MESSAGE(got[c] == want[c], "code " << c);
}

TEST_CASE("g711: all 256 A-law codes decode exactly as the reference") {
  const auto want = GoldenPcm("g711_alaw_decode.bin");
  std::vector<uint8_t> codes(256);
  for (int c = 0; c < 256; ++c) codes[c] = static_cast<uint8_t>(c);
  std::vector<int16_t> got(256);
  REQUIRE(g711::DecodeAlaw(codes, got).ok());
  for (int c = 0; c < 256; ++c) CHECK_MESSAGE(got[c] == want[c], "code " << c);
}

TEST_CASE("g711: every 16-bit input encodes to the reference A-law code") {
  const auto want = Golden("g711_alaw_encode.bin");
  REQUIRE(want.size() == 65536);
  const auto in = EveryInput();
  std::vector<uint8_t> got(in.size());
  REQUIRE(g711::EncodeAlaw(in, got).ok());
  size_t mismatches = 0;
  for (size_t i = 0; i < in.size(); ++i) mismatches += got[i] != want[i];
  CHECK_MESSAGE(mismatches == 0, mismatches << " A-law codes differ from the reference");
}

TEST_CASE("g711: every 16-bit input encodes to the reference mu-law code, G.191 on negatives") {
  const auto want = Golden("g711_ulaw_encode.bin");
  REQUIRE(want.size() == 65536);
  const auto in = EveryInput();
  std::vector<uint8_t> got(in.size());
  REQUIRE(g711::EncodeUlaw(in, got).ok());
  size_t differ = 0, positive_differ = 0, not_outward = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    if (got[i] == want[i]) continue;
    ++differ;
    if (in[i] >= 0) ++positive_differ;
    // audioop's code is one step further from zero: smaller decoded value.
    if (g711::UlawToLinear(want[i]) >= g711::UlawToLinear(got[i])) ++not_outward;
  }
  CHECK_MESSAGE(positive_differ == 0, positive_differ << " non-negative inputs differ");
  CHECK_MESSAGE(differ == 508, differ << " inputs differ; the ~x/-x fold accounts for 508");
  CHECK_MESSAGE(not_outward == 0, not_outward << " differences are not audioop's outward step");
  // The G.191 rule those inputs follow: x and ~x (= -x-1) mirror in the sign bit.
  size_t asymmetric = 0;
  for (int x = -32768; x < 0; ++x)
    asymmetric += g711::LinearToUlaw(static_cast<int16_t>(x)) !=
                  (g711::LinearToUlaw(static_cast<int16_t>(~x)) & 0x7F);
  CHECK_MESSAGE(asymmetric == 0, asymmetric << " negative inputs break G.191 sign symmetry");
}

TEST_CASE("g711: decode(encode(x)) is the identity on every decoded level") {
  for (int c = 0; c < 256; ++c) {
    const auto u = static_cast<uint8_t>(c);
    const int16_t lu = g711::UlawToLinear(u);
    // 0x7F (negative zero) re-encodes as 0xFF: both decode to 0.
    CHECK(g711::UlawToLinear(g711::LinearToUlaw(lu)) == lu);
    const int16_t la = g711::AlawToLinear(u);
    CHECK(g711::AlawToLinear(g711::LinearToAlaw(la)) == la);
  }
}
