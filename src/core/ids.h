// Identifiers handed to people and programs: booking ids and confirmation
// codes. Confirmation codes are read aloud over the phone, so they avoid
// letters and digits that sound or look alike (0/O, 1/I/L, 5/S, 2/Z, 8/B).
//
// Thread safety: an IdGenerator is used by one thread at a time.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace voxdesk {

inline constexpr std::string_view kConfirmationAlphabet = "ACDEFGHJKMNPQRTUVWXY34679";
inline constexpr int kConfirmationLength = 6;

class IdGenerator {
 public:
  // seed 0 draws a seed from std::random_device (different in every process).
  explicit IdGenerator(uint64_t seed = 0);

  std::string BookingId();         // "bk_" + 16 lower-case base32 chars (80 bits)
  std::string HoldId();            // "hl_" + 16 chars
  std::string ConfirmationCode();  // 6 chars from kConfirmationAlphabet

 private:
  std::string Random(std::string_view alphabet, int n);
  std::mt19937_64 rng_;
};

// True when `code` could have come from ConfirmationCode() (case-insensitive).
bool IsConfirmationCode(std::string_view code);

}  // namespace voxdesk
