#include "core/ids.h"

#include <cctype>

namespace voxdesk {

IdGenerator::IdGenerator(uint64_t seed) {
  if (seed == 0) {
    std::random_device rd;
    seed = (static_cast<uint64_t>(rd()) << 32) ^ rd();
  }
  rng_.seed(seed);
}

std::string IdGenerator::Random(std::string_view alphabet, int n) {
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::string s;
  s.reserve(n);
  for (int i = 0; i < n; ++i) s += alphabet[pick(rng_)];
  return s;
}

static constexpr std::string_view kIdAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";

std::string IdGenerator::BookingId() {
  return "bk_" + Random(kIdAlphabet, 16);
}
std::string IdGenerator::HoldId() {
  return "hl_" + Random(kIdAlphabet, 16);
}
std::string IdGenerator::ConfirmationCode() {
  return Random(kConfirmationAlphabet, kConfirmationLength);
}

bool IsConfirmationCode(std::string_view code) {
  if (code.size() != kConfirmationLength) return false;
  for (char c : code) {
    if (kConfirmationAlphabet.find(static_cast<char>(
            std::toupper(static_cast<unsigned char>(c)))) == std::string_view::npos)
      return false;
  }
  return true;
}

}  // namespace voxdesk
