#include <doctest/doctest.h>

#include <string>
#include <unordered_set>

#include "core/ids.h"

using namespace voxdesk;

namespace {

constexpr std::string_view kIdChars = "0123456789abcdefghjkmnpqrstvwxyz";

bool AllFrom(std::string_view s, std::string_view alphabet) {
  return s.find_first_not_of(alphabet) == std::string_view::npos;
}

}  // namespace

TEST_CASE("IdGenerator with a seed is deterministic") {
  IdGenerator a(42), b(42);
  for (int i = 0; i < 100; ++i) {
    CHECK(a.BookingId() == b.BookingId());
    CHECK(a.HoldId() == b.HoldId());
    CHECK(a.ConfirmationCode() == b.ConfirmationCode());
  }
}

TEST_CASE("IdGenerator with different seeds gives different sequences") {
  IdGenerator a(1), b(2);
  CHECK(a.BookingId() != b.BookingId());
  // Seed 0 draws from the OS: two generators differ.
  IdGenerator r1(0), r2(0);
  CHECK(r1.BookingId() != r2.BookingId());
}

TEST_CASE("Booking and hold ids have their prefix and 16 base32 characters") {
  IdGenerator g(7);
  for (int i = 0; i < 1000; ++i) {
    const std::string bk = g.BookingId();
    const std::string hl = g.HoldId();
    REQUIRE(bk.size() == 19);
    REQUIRE(hl.size() == 19);
    CHECK(bk.rfind("bk_", 0) == 0);
    CHECK(hl.rfind("hl_", 0) == 0);
    CHECK(AllFrom(std::string_view(bk).substr(3), kIdChars));
    CHECK(AllFrom(std::string_view(hl).substr(3), kIdChars));
  }
}

TEST_CASE("100k booking ids are all distinct and use the whole alphabet") {
  IdGenerator g(12345);
  std::unordered_set<std::string> seen;
  std::unordered_set<char> chars;
  for (int i = 0; i < 100000; ++i) {
    std::string id = g.BookingId();
    for (char c : std::string_view(id).substr(3)) chars.insert(c);
    REQUIRE_MESSAGE(seen.insert(std::move(id)).second, "duplicate booking id at " << i);
  }
  CHECK(chars.size() == kIdChars.size());
}

TEST_CASE("Confirmation codes use only the phone-safe alphabet") {
  IdGenerator g(99);
  std::unordered_set<char> chars;
  for (int i = 0; i < 100000; ++i) {
    const std::string code = g.ConfirmationCode();
    REQUIRE(code.size() == static_cast<size_t>(kConfirmationLength));
    REQUIRE_MESSAGE(AllFrom(code, kConfirmationAlphabet), code);
    CHECK(IsConfirmationCode(code));
    for (char c : code) chars.insert(c);
  }
  CHECK(chars.size() == kConfirmationAlphabet.size());
}

TEST_CASE("The confirmation alphabet has no look-alike or sound-alike characters") {
  for (char c : std::string_view("0O1IL5S2Z8B")) {
    CAPTURE(c);
    CHECK(kConfirmationAlphabet.find(c) == std::string_view::npos);
  }
  std::unordered_set<char> unique(kConfirmationAlphabet.begin(), kConfirmationAlphabet.end());
  CHECK(unique.size() == kConfirmationAlphabet.size());
}

TEST_CASE("IsConfirmationCode accepts any case and rejects everything else") {
  CHECK(IsConfirmationCode("AC3DE7"));
  CHECK(IsConfirmationCode("ac3de7"));
  CHECK(IsConfirmationCode("Ac3dE7"));
  CHECK_FALSE(IsConfirmationCode(""));
  CHECK_FALSE(IsConfirmationCode("AC3DE"));
  CHECK_FALSE(IsConfirmationCode("AC3DE77"));
  CHECK_FALSE(IsConfirmationCode("AC3DE0"));
  CHECK_FALSE(IsConfirmationCode("AC3DEO"));
  CHECK_FALSE(IsConfirmationCode("AC3DE1"));
  CHECK_FALSE(IsConfirmationCode("AC3DEl"));
  CHECK_FALSE(IsConfirmationCode("AC3DEs"));
  CHECK_FALSE(IsConfirmationCode("AC3DE-"));
  CHECK_FALSE(IsConfirmationCode("AC3 E7"));
  CHECK_FALSE(
      IsConfirmationCode(std::string_view("AC3D\0"
                                          "7",
                                          6)));
  CHECK_FALSE(IsConfirmationCode("AC3D\xc3\xa9"));
  CHECK_FALSE(IsConfirmationCode("bk_0123456789abcdef"));
}
