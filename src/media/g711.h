// G.711 mu-law and A-law companding, bit-exact with the ITU-T G.191 reference
// (g711.c: ulaw_compress/ulaw_expand, alaw_compress/alaw_expand). Telephony
// legs (Twilio, SIP trunks) carry 8 kHz G.711, so every inbound and outbound
// frame of every call passes through here: decode is one table lookup per
// sample, encode a few integer operations with no table and no branch on the
// segment, and nothing allocates. Negative inputs are companded on their one's
// complement (~x), as G.191 does, so the code for x and -x-1 differ only in the
// sign bit; Sun/CPython's audioop negates instead and therefore picks the next
// code outward for 508 negative mu-law inputs lying exactly on a decision level.
//
// Thread safety: pure functions over caller-owned spans; call from any thread.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <span>

#include "core/status.h"
#include "media/frame.h"

namespace voxdesk::media::g711 {

namespace detail {

constexpr int16_t UlawExpand(uint8_t code) {
  const int inverted = ~code;
  const int exponent = (inverted >> 4) & 0x07;
  const int mantissa = inverted & 0x0F;
  const int step = 4 << (exponent + 1);
  const int magnitude = (0x80 << exponent) + step * mantissa + step / 2 - 4 * 33;
  return static_cast<int16_t>(code < 0x80 ? -magnitude : magnitude);
}

constexpr int16_t AlawExpand(uint8_t code) {
  const int ix = (code ^ 0x55) & 0x7F;
  const int exponent = ix >> 4;
  int mantissa = ix & 0x0F;
  if (exponent > 0) mantissa += 16;
  mantissa = (mantissa << 4) + 0x08;
  if (exponent > 1) mantissa <<= exponent - 1;
  return static_cast<int16_t>(code > 127 ? mantissa : -mantissa);
}

template <int16_t (*Expand)(uint8_t)>
constexpr std::array<int16_t, 256> MakeTable() {
  std::array<int16_t, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = Expand(static_cast<uint8_t>(c));
  return t;
}

inline constexpr std::array<int16_t, 256> kUlawTable = MakeTable<UlawExpand>();
inline constexpr std::array<int16_t, 256> kAlawTable = MakeTable<AlawExpand>();

}  // namespace detail

inline int16_t UlawToLinear(uint8_t code) {
  return detail::kUlawTable[code];
}
inline int16_t AlawToLinear(uint8_t code) {
  return detail::kAlawTable[code];
}

// G.191 ulaw_compress on one sample: 14-bit magnitude plus bias 33, segment
// from the highest set bit, mantissa inverted.
constexpr uint8_t LinearToUlaw(int16_t x) {
  const int negative = x < 0;
  const int folded = negative ? ~x : x;  // ~x, not -x: keeps the G.191 decision levels
  int absno = (folded >> 2) + 33;
  if (absno > 0x1FFF) absno = 0x1FFF;
  const int segno = static_cast<int>(std::bit_width(static_cast<unsigned>(absno >> 6))) + 1;
  const int code = ((8 - segno) << 4) | (0x0F - ((absno >> segno) & 0x0F));
  return static_cast<uint8_t>(negative ? code : code | 0x80);
}

// G.191 alaw_compress on one sample: 12-bit magnitude, segment from the
// highest set bit, even bits inverted.
constexpr uint8_t LinearToAlaw(int16_t x) {
  const int negative = x < 0;
  int ix = (negative ? ~x : x) >> 4;
  if (ix > 15) {
    const int shift = static_cast<int>(std::bit_width(static_cast<unsigned>(ix))) - 5;
    ix = (ix >> shift) + (shift << 4);
  }
  return static_cast<uint8_t>((negative ? ix : ix | 0x80) ^ 0x55);
}

// Span forms: `out` must hold at least in.size() elements (InvalidArgument
// otherwise, with nothing written); exactly in.size() elements are written.
Status EncodeUlaw(std::span<const int16_t> pcm, std::span<uint8_t> out);
Status DecodeUlaw(std::span<const uint8_t> codes, std::span<int16_t> out);
Status EncodeAlaw(std::span<const int16_t> pcm, std::span<uint8_t> out);
Status DecodeAlaw(std::span<const uint8_t> codes, std::span<int16_t> out);

// Frame forms for the 8 kHz telephony leg. Decoding fills `frame` (rate 8000,
// count = codes.size(), pts untouched); more codes than a frame holds is an
// InvalidArgument. Encoding requires an 8 kHz frame.
Status DecodeUlaw(std::span<const uint8_t> codes, AudioFrame& frame);
Status DecodeAlaw(std::span<const uint8_t> codes, AudioFrame& frame);
Status EncodeUlaw(const AudioFrame& frame, std::span<uint8_t> out);
Status EncodeAlaw(const AudioFrame& frame, std::span<uint8_t> out);

}  // namespace voxdesk::media::g711
