// Arbitrary bytes reach the finders (recogniser glitches, a fuzzed webhook):
// nothing crashes, long input stays fast, and names and addresses never
// carry invalid UTF-8 out.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "dialog/contact.h"

using voxdesk::dialog::Lang;

namespace {

bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80             ? 1
               : (c & 0xE0) == 0xC0 ? 2
               : (c & 0xF0) == 0xE0 ? 3
               : (c & 0xF8) == 0xF0 ? 4
                                    : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

void RunAll(std::string_view s) {
  for (Lang lang : {Lang::kEn, Lang::kEs}) {
    (void)voxdesk::dialog::FindPhoneNumber(s, lang);
    if (auto n = voxdesk::dialog::FindPersonName(s, lang)) CHECK(ValidUtf8(*n));
    if (auto n = voxdesk::dialog::NameFromAnswer(s, lang)) CHECK(ValidUtf8(*n));
  }
  (void)voxdesk::dialog::FindEmail(s);
  (void)voxdesk::dialog::FindZip(s);
  if (auto a = voxdesk::dialog::FindStreetAddress(s)) CHECK(ValidUtf8(*a));
}

}  // namespace

TEST_CASE("empty and whitespace-only utterances find nothing") {
  for (std::string_view s : {"", " ", "\t\n", ",,,", "...", "@", "+", "#"}) {
    INFO("utterance: " << s);
    CHECK_FALSE(voxdesk::dialog::FindPhoneNumber(s, Lang::kEn).has_value());
    CHECK_FALSE(voxdesk::dialog::FindEmail(s).has_value());
    CHECK_FALSE(voxdesk::dialog::FindZip(s).has_value());
    CHECK_FALSE(voxdesk::dialog::FindStreetAddress(s).has_value());
    CHECK_FALSE(voxdesk::dialog::FindPersonName(s, Lang::kEn).has_value());
    CHECK_FALSE(voxdesk::dialog::NameFromAnswer(s, Lang::kEs).has_value());
  }
}

TEST_CASE("invalid UTF-8 and control bytes never crash or leak into names and addresses") {
  const std::vector<std::string> inputs = {
      "this is \xff\xfe Ruiz",
      "my name is An\xc3 Ruiz",
      "soy \xc3\xa1\xc3",
      "I'm at 42 \xe2\x82 Street",
      "calle \xf0\x9f\x98 12",
      std::string("my name is \0Ana", 15),
      std::string("555\0 142 2277", 13),
      "\xe2\x80\x99\xe2\x80\x99\xe2\x80\x99",
      "ana\xc0\xaf@example.com",
      "\xed\xa0\x80 this is \xed\xa0\x80",
  };
  for (const std::string& s : inputs) RunAll(s);
  CHECK_FALSE(voxdesk::dialog::FindPersonName("this is \xff\xfe Ruiz", Lang::kEn).has_value());
  CHECK(voxdesk::dialog::FindPersonName("this is Ruiz \xff", Lang::kEn) ==
        std::optional<std::string>("Ruiz"));
}

TEST_CASE("very long utterances are scanned in linear time") {
  const std::vector<std::string> units = {
      "this is ", "my name is ana ", "five ",        "5 ",   "at dot ", "zip ", "12 ",     "calle ",
      "a@",       "double ",         "cincuenta y ", "Elm ", "-",       ", ",   "\xc3\xa1"};
  for (const std::string& u : units) {
    std::string s;
    while (s.size() < (1u << 18)) s += u;
    INFO("repeated unit: " << u);
    const auto t0 = std::chrono::steady_clock::now();
    RunAll(s);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    // A quarter megabyte takes tens of milliseconds even in a debug build; a
    // quadratic scan would take minutes.
    CHECK(ms < 10000);
  }
}
