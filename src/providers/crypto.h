// The few cryptographic primitives webhooks need, over OpenSSL's libcrypto:
// HMAC (SHA-1 for Twilio's signatures, SHA-256 for voxdesk's own), SHA-256,
// hex and a comparison whose time does not depend on where inputs differ.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace voxdesk::providers {

// Raw digests (20 and 32 bytes) as byte strings.
std::string HmacSha1(std::string_view key, std::string_view data);
std::string HmacSha256(std::string_view key, std::string_view data);
std::string Sha256(std::string_view data);

// Lower-case hex of the bytes.
std::string HexLower(std::string_view bytes);

// Equal length and equal bytes, in time that depends only on the lengths:
// a signature check must not tell an attacker how many leading bytes of a
// forged signature were right.
bool ConstantTimeEqual(std::string_view a, std::string_view b);

}  // namespace voxdesk::providers
