// Phone numbers as callers say them and recognisers write them, English and
// Spanish, and the digit runs that are not phone numbers.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

#include "dialog/contact.h"

using voxdesk::dialog::FindPhoneNumber;
using voxdesk::dialog::Lang;

namespace {

struct Row {
  std::string_view utterance;
  Lang lang;
  std::optional<std::string_view> want;
};

constexpr std::string_view kAna = "+15551422277";

const Row kRows[] = {
    {"555 142 2277", Lang::kEn, kAna},
    {"my number is (555) 142-2277.", Lang::kEn, kAna},
    {"it's 555-142-2277, thanks", Lang::kEn, kAna},
    {"555.142.2277", Lang::kEn, kAna},
    {"5551422277", Lang::kEn, kAna},
    {"call me back at 1 555 142 2277", Lang::kEn, kAna},
    {"+1 555 142 2277", Lang::kEn, kAna},
    {"+1 (555) 142-2277", Lang::kEn, kAna},
    {"plus one five five five one four two two two seven seven", Lang::kEn, kAna},
    {"five five five one four two two two seven seven", Lang::kEn, kAna},
    {"Five five five, one four two, two two seven seven.", Lang::kEn, kAna},
    {"double five five one four two double two seven seven", Lang::kEn, kAna},
    {"triple five one four two two two seven seven", Lang::kEn, kAna},
    {"five five five one four two twenty two seventy seven", Lang::kEn, kAna},
    {"five fifty five, one four two, twenty two seventy seven", Lang::kEn, kAna},
    {"it's 555 142 22 77", Lang::kEn, kAna},
    {"two oh two five five five oh one four two", Lang::kEn, "+12025550142"},
    {"two zero two 555 0142", Lang::kEn, "+12025550142"},
    {"yeah um my cell is 303 555 0199 and my wife's is", Lang::kEn, "+13035550199"},
    {"the UK number is +44 20 7946 0958", Lang::kEn, "+442079460958"},
    {"+442079460958", Lang::kEn, "+442079460958"},
    {"mi número es cinco cinco cinco uno cuatro dos dos dos siete siete", Lang::kEs, kAna},
    {"es el 555 142 2277", Lang::kEs, kAna},
    {"cinco cinco cinco, uno cuatro dos, veintidós setenta y siete", Lang::kEs, kAna},
    {"cinco cinco cinco uno cuatro dos veintidós setenta y siete", Lang::kEs, kAna},
    {"cinco cincuenta y cinco", Lang::kEs, std::nullopt},
    {"más cincuenta y dos cincuenta y cinco cincuenta y cinco cincuenta y cinco cero uno cuatro "
     "dos",
     Lang::kEs, "+525555550142"},
    // Not phone numbers.
    {"I need 2 cleanings", Lang::kEn, std::nullopt},
    {"555 1422", Lang::kEn, std::nullopt},
    {"one two three", Lang::kEn, std::nullopt},
    {"I'm free at 10 30 on the 12th", Lang::kEn, std::nullopt},
    {"0123456789", Lang::kEn, std::nullopt},
    {"123 456 7890 1234", Lang::kEn, std::nullopt},
    {"oh no", Lang::kEn, std::nullopt},
    {"", Lang::kEn, std::nullopt},
    {"necesito dos limpiezas", Lang::kEs, std::nullopt},
};

}  // namespace

TEST_CASE("phone numbers are found in digits and words and normalised to E.164") {
  for (const Row& r : kRows) {
    INFO("utterance: " << r.utterance);
    const auto got = FindPhoneNumber(r.utterance, r.lang);
    if (r.want) {
      CHECK(got.value_or("(none)") == *r.want);
    } else {
      CHECK(got.value_or("(none)") == "(none)");
    }
  }
}

TEST_CASE("pauses written as commas do not split a number or glue a neighbour onto it") {
  CHECK(FindPhoneNumber("555, 142, 2277", Lang::kEn) == std::optional<std::string>("+15551422277"));
  // "2" and the number run together through the comma; the stretch after
  // the pause is the phone number.
  CHECK(FindPhoneNumber("I need 2, 555 142 2277", Lang::kEn) ==
        std::optional<std::string>("+15551422277"));
  CHECK(FindPhoneNumber("555 142 2277, 3 kids", Lang::kEn) ==
        std::optional<std::string>("+15551422277"));
}

TEST_CASE("the first valid number wins when a caller gives two") {
  CHECK(FindPhoneNumber("my cell is 303 555 0199 or the office 720 555 0100", Lang::kEn) ==
        std::optional<std::string>("+13035550199"));
  CHECK(FindPhoneNumber("extension 12, the number is 720 555 0100", Lang::kEn) ==
        std::optional<std::string>("+17205550100"));
}
