// US ZIP codes after a cue or closing an address, never five digits taken
// out of a phone number.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

#include "dialog/contact.h"

using voxdesk::dialog::FindZip;

namespace {

struct Row {
  std::string_view utterance;
  std::optional<std::string_view> want;
};

const Row kRows[] = {
    {"my zip is 80202", "80202"},
    {"Zip code: 80202-1234.", "80202-1234"},
    {"the zip code is eight zero two zero two", "80202"},
    {"zip code eight oh two oh two", "80202"},
    {"postal code 10001", "10001"},
    {"el código postal es 28013", "28013"},
    {"código postal ocho cero dos cero dos", "80202"},
    {"I'm at 42 Elm Street Denver Colorado 80202", "80202"},
    {"42 Elm Street, Denver, CO 80202", "80202"},
    {"1200 North Broadway Avenue apartment 4 Denver 80202", "80202"},
    {"Austin TX 78701-4321", "78701-4321"},
    {"zip is 80202, phone 555 142 2277", "80202"},
    // Not ZIP codes.
    {"my number is 555 142 2277", std::nullopt},
    {"call 80202 5551", std::nullopt},
    {"my number is 80202 14222", std::nullopt},
    {"+1 80202 1422 77", std::nullopt},
    {"I have 12345 points", std::nullopt},
    {"zip code 8020", std::nullopt},
    {"my zip is 555 142 2277", std::nullopt},
    {"", std::nullopt},
};

}  // namespace

TEST_CASE("ZIP codes are found after a cue or at the end of an address") {
  for (const Row& r : kRows) {
    INFO("utterance: " << r.utterance);
    const auto got = FindZip(r.utterance);
    if (r.want) {
      CHECK(got.value_or("(none)") == *r.want);
    } else {
      CHECK(got.value_or("(none)") == "(none)");
    }
  }
}
