// Base64 (RFC 4648 section 4, standard alphabet, padded) for media payloads.
// Twilio carries every 20 ms of mu-law audio as base64 text, so the codec has
// span-based variants that write into caller buffers and never allocate; the
// allocating variants are for tests and tools.
//
// Decoding is strict: the length must be a multiple of 4, only the standard
// alphabet is accepted, '=' may appear only as one or two final characters,
// and the unused bits before padding must be zero (one canonical text per
// byte string, so a corrupted payload cannot decode "successfully").
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace voxdesk::media {

constexpr size_t Base64EncodedSize(size_t bytes) {
  return (bytes + 2) / 3 * 4;
}
// Upper bound of the decoded size of `chars` characters (exact without padding).
constexpr size_t Base64MaxDecodedSize(size_t chars) {
  return chars / 4 * 3;
}

// Writes the encoding of `in` to `out` and returns the characters written.
// Fails only when `out` is shorter than Base64EncodedSize(in.size()).
Result<size_t> Base64Encode(std::span<const uint8_t> in, std::span<char> out);

// Decodes `in` into `out` and returns the bytes written. Fails with
// kInvalidArgument on any non-canonical input or when `out` is too small.
Result<size_t> Base64Decode(std::string_view in, std::span<uint8_t> out);

std::string Base64Encode(std::span<const uint8_t> in);
Result<std::vector<uint8_t>> Base64Decode(std::string_view in);

}  // namespace voxdesk::media
