// Street addresses in English and Spanish word order, returned as spoken
// with single spaces, and the number-plus-noun phrases that are not streets.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

#include "dialog/contact.h"

using voxdesk::dialog::FindStreetAddress;

namespace {

struct Row {
  std::string_view utterance;
  std::optional<std::string_view> want;
};

const Row kRows[] = {
    {"I'm at 42 Elm Street", "42 Elm Street"},
    {"I'm at 42 Elm Street.", "42 Elm Street"},
    {"the address is 1200 North Broadway Avenue apartment 4",
     "1200 North Broadway Avenue apartment 4"},
    {"it's 1200  north   broadway ave, apt 4B, Denver", "1200 north broadway ave, apt 4B"},
    {"we live at 7 Oak Ln in Boulder", "7 Oak Ln"},
    {"350 5th Avenue suite 300", "350 5th Avenue suite 300"},
    {"12B Court Street", "12B Court Street"},
    {"42 St Marks Place", "42 St Marks Place"},
    {"1600 Pennsylvania Avenue NW", "1600 Pennsylvania Avenue NW"},
    {"come to 99 Mills Road", "99 Mills Road"},
    {"it's 8 Maple Dr #12", "8 Maple Dr #12"},
    {"vivo en la calle Mayor 12", "calle Mayor 12"},
    {"Vivo en la Calle Mayor, 12, piso 3", "Calle Mayor, 12, piso 3"},
    {"estoy en Avenida de la Constitución número 5", "Avenida de la Constitución número 5"},
    {"Av. Reforma 222", "Av. Reforma 222"},
    {"C/ Alcalá 45", "C/ Alcalá 45"},
    // Not street addresses.
    {"I need 2 cleanings on main street", std::nullopt},
    {"I have 3 kids way too busy", std::nullopt},
    {"at 10 on Elm Street", std::nullopt},
    {"Elm Street", std::nullopt},
    {"42 Street", std::nullopt},
    {"quiero 2 citas en la calle", std::nullopt},
    {"la calle está cerrada", std::nullopt},
    {"", std::nullopt},
};

}  // namespace

TEST_CASE("street addresses keep their words and capitalisation with single spaces") {
  for (const Row& r : kRows) {
    INFO("utterance: " << r.utterance);
    const auto got = FindStreetAddress(r.utterance);
    if (r.want) {
      CHECK(got.value_or("(none)") == *r.want);
    } else {
      CHECK(got.value_or("(none)") == "(none)");
    }
  }
}
