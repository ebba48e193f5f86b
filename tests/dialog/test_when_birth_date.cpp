// FindDateOfBirth: full dates with a year in the past, in the orders callers
// say them, and nothing for dates that cannot be a birth date.
#include <doctest/doctest.h>

#include <string>

#include "dialog/text.h"
#include "dialog/when.h"

using namespace date::literals;
using voxdesk::LocalDate;
using voxdesk::dialog::FindDateOfBirth;
using voxdesk::dialog::Lang;
using voxdesk::dialog::NormalizeText;

namespace {

constexpr LocalDate kToday = 2026_y / date::March / 5;

std::optional<LocalDate> Dob(const char* said, Lang lang = Lang::kEn) {
  return FindDateOfBirth(NormalizeText(said, lang), kToday, lang);
}

}  // namespace

TEST_CASE("birth date en: the ways callers say it") {
  const LocalDate want = 1985_y / date::March / 3;
  CHECK(Dob("born March 3rd 1985") == want);
  CHECK(Dob("my birthday is march third nineteen eighty five") == want);
  CHECK(Dob("date of birth 3/3/1985") == want);
  CHECK(Dob("dob is 1985-03-03") == want);
  CHECK(Dob("the 3rd of March 1985") == want);
  CHECK(Dob("3 march 1985") == want);
  CHECK(Dob("March 3, 1985.") == want);
  CHECK(Dob("march third of nineteen eighty five") == want);
  CHECK(Dob("03/03/85") == want);
  CHECK(Dob("3/4/1985") == 1985_y / date::March / 4);    // month/day in English
  CHECK(Dob("13/4/1985") == 1985_y / date::April / 13);  // no 13th month: day first
  CHECK(Dob("3/4/20") == 2020_y / date::March / 4);      // 2020 is in the past
  CHECK(Dob("3/4/30") == 1930_y / date::March / 4);      // 2030 is not
  CHECK(Dob("february 29th 2000") == 2000_y / date::February / 29);
}

TEST_CASE("birth date es: the ways callers say it") {
  const LocalDate want = 1985_y / date::March / 3;
  CHECK(Dob("nací el 3 de marzo de 1985", Lang::kEs) == want);
  CHECK(Dob("nací el tres de marzo de mil novecientos ochenta y cinco", Lang::kEs) == want);
  CHECK(Dob("fecha de nacimiento 3/4/1985", Lang::kEs) == 1985_y / date::April / 3);  // día/mes
  CHECK(Dob("1985-03-03", Lang::kEs) == want);
  CHECK(Dob("el primero de enero del 1990", Lang::kEs) == 1990_y / date::January / 1);
}

TEST_CASE("birth date: dates that cannot be one") {
  CHECK_FALSE(Dob("march 3rd"));           // no year
  CHECK_FALSE(Dob("december 12 2030"));    // future
  CHECK_FALSE(Dob("march 5th 2026"));      // today
  CHECK_FALSE(Dob("born 1800-01-01"));     // too long ago
  CHECK_FALSE(Dob("february 29th 1985"));  // not a leap year
  CHECK_FALSE(Dob("my number is 5550100142"));
  CHECK_FALSE(Dob("my number is 555-010-0142"));
  CHECK_FALSE(Dob("born in 1985"));
  CHECK_FALSE(Dob("next tuesday at 10"));
  CHECK_FALSE(Dob(""));
}

TEST_CASE("birth date: the date after a birth cue wins over other past dates") {
  CHECK(Dob("my last visit was 2/2/2020 and my birthday is 3/3/1985") == 1985_y / date::March / 3);
  CHECK(Dob("march 3rd 1985, the appointment on the 14th") == 1985_y / date::March / 3);
  CHECK(Dob("this is Ana, born March 3rd 1985, I need a cleaning next Tuesday at 10") ==
        1985_y / date::March / 3);
}
