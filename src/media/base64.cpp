#include "media/base64.h"

#include <array>

namespace voxdesk::media {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr uint8_t kInvalid = 0xFF;

constexpr std::array<uint8_t, 256> MakeDecodeTable() {
  std::array<uint8_t, 256> t{};
  for (auto& v : t) v = kInvalid;
  for (uint8_t i = 0; i < 64; ++i) t[static_cast<uint8_t>(kAlphabet[i])] = i;
  return t;
}
constexpr std::array<uint8_t, 256> kDecode = MakeDecodeTable();

Status BadChar(size_t pos, char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7F)
    return InvalidArgument("base64: invalid character '" + std::string(1, c) + "' at offset " +
                           std::to_string(pos));
  return InvalidArgument("base64: invalid byte 0x" + std::string(1, "0123456789abcdef"[u >> 4]) +
                         std::string(1, "0123456789abcdef"[u & 15]) + " at offset " +
                         std::to_string(pos));
}

}  // namespace

Result<size_t> Base64Encode(std::span<const uint8_t> in, std::span<char> out) {
  const size_t need = Base64EncodedSize(in.size());
  if (out.size() < need)
    return InvalidArgument("base64: output buffer holds " + std::to_string(out.size()) +
                           " characters, need " + std::to_string(need));
  size_t i = 0, o = 0;
  for (; i + 3 <= in.size(); i += 3) {
    const uint32_t v = (uint32_t{in[i]} << 16) | (uint32_t{in[i + 1]} << 8) | in[i + 2];
    out[o++] = kAlphabet[v >> 18];
    out[o++] = kAlphabet[(v >> 12) & 63];
    out[o++] = kAlphabet[(v >> 6) & 63];
    out[o++] = kAlphabet[v & 63];
  }
  const size_t rest = in.size() - i;
  if (rest) {
    uint32_t v = uint32_t{in[i]} << 16;
    if (rest == 2) v |= uint32_t{in[i + 1]} << 8;
    out[o++] = kAlphabet[v >> 18];
    out[o++] = kAlphabet[(v >> 12) & 63];
    out[o++] = rest == 2 ? kAlphabet[(v >> 6) & 63] : '=';
    out[o++] = '=';
  }
  return o;
}

Result<size_t> Base64Decode(std::string_view in, std::span<uint8_t> out) {
  if (in.size() % 4 != 0)
    return InvalidArgument("base64: length " + std::to_string(in.size()) +
                           " is not a multiple of 4");
  if (in.empty()) return size_t{0};
  size_t pad = 0;
  if (in.back() == '=') pad = in[in.size() - 2] == '=' ? 2 : 1;
  const size_t need = in.size() / 4 * 3 - pad;
  if (out.size() < need)
    return InvalidArgument("base64: output buffer holds " + std::to_string(out.size()) +
                           " bytes, need " + std::to_string(need));
  const size_t full = pad ? in.size() - 4 : in.size();
  size_t o = 0;
  for (size_t i = 0; i < full; i += 4) {
    const uint8_t a = kDecode[static_cast<uint8_t>(in[i])];
    const uint8_t b = kDecode[static_cast<uint8_t>(in[i + 1])];
    const uint8_t c = kDecode[static_cast<uint8_t>(in[i + 2])];
    const uint8_t d = kDecode[static_cast<uint8_t>(in[i + 3])];
    if ((a | b | c | d) == kInvalid || ((a | b | c | d) & 0xC0)) {
      for (size_t k = i; k < i + 4; ++k)
        if (kDecode[static_cast<uint8_t>(in[k])] == kInvalid) {
          if (in[k] == '=')
            return InvalidArgument("base64: padding before the end at offset " + std::to_string(k));
          return BadChar(k, in[k]);
        }
    }
    const uint32_t v = (uint32_t{a} << 18) | (uint32_t{b} << 12) | (uint32_t{c} << 6) | d;
    out[o++] = static_cast<uint8_t>(v >> 16);
    out[o++] = static_cast<uint8_t>(v >> 8);
    out[o++] = static_cast<uint8_t>(v);
  }
  if (pad) {
    const size_t i = full;
    const size_t data_chars = 4 - pad;
    uint32_t v = 0;
    for (size_t k = 0; k < data_chars; ++k) {
      const uint8_t d = kDecode[static_cast<uint8_t>(in[i + k])];
      if (d == kInvalid) {
        if (in[i + k] == '=')
          return InvalidArgument("base64: padding before the end at offset " +
                                 std::to_string(i + k));
        return BadChar(i + k, in[i + k]);
      }
      v |= uint32_t{d} << (18 - 6 * k);
    }
    // Strict RFC 4648 (section 3.5): bits after the last byte must be zero,
    // otherwise two different texts would decode to the same bytes.
    const uint32_t unused = pad == 2 ? (v & 0xFFFF) : (v & 0xFF);
    if (unused != 0)
      return InvalidArgument("base64: non-zero bits before padding at offset " +
                             std::to_string(i + data_chars - 1));
    out[o++] = static_cast<uint8_t>(v >> 16);
    if (pad == 1) out[o++] = static_cast<uint8_t>(v >> 8);
  }
  return o;
}

std::string Base64Encode(std::span<const uint8_t> in) {
  std::string s(Base64EncodedSize(in.size()), '\0');
  (void)Base64Encode(in, std::span<char>(s.data(), s.size()));
  return s;
}

Result<std::vector<uint8_t>> Base64Decode(std::string_view in) {
  std::vector<uint8_t> v(Base64MaxDecodedSize(in.size()));
  auto n = Base64Decode(in, std::span<uint8_t>(v));
  if (!n.ok()) return n.status();
  v.resize(*n);
  return v;
}

}  // namespace voxdesk::media
