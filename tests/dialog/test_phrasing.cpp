// What the agent says back: dates and times in each language, and that what
// it says resolves to the same date and time again through FindWhen.
#include <doctest/doctest.h>

#include <string>

#include "dialog/phrasing.h"
#include "dialog/text.h"
#include "dialog/when.h"

using namespace date::literals;
using voxdesk::LocalDate;
using voxdesk::LocalSeconds;
using voxdesk::dialog::Lang;
using voxdesk::dialog::SpeakDate;
using voxdesk::dialog::SpeakDateTime;
using voxdesk::dialog::SpeakTime;

TEST_CASE("phrasing en: dates with weekday and ordinal day") {
  CHECK(SpeakDate(2026_y / date::March / 10, Lang::kEn) == "Tuesday, March 10th");
  CHECK(SpeakDate(2026_y / date::March / 1, Lang::kEn) == "Sunday, March 1st");
  CHECK(SpeakDate(2026_y / date::March / 2, Lang::kEn) == "Monday, March 2nd");
  CHECK(SpeakDate(2026_y / date::March / 3, Lang::kEn) == "Tuesday, March 3rd");
  CHECK(SpeakDate(2026_y / date::March / 11, Lang::kEn) == "Wednesday, March 11th");
  CHECK(SpeakDate(2026_y / date::March / 12, Lang::kEn) == "Thursday, March 12th");
  CHECK(SpeakDate(2026_y / date::March / 13, Lang::kEn) == "Friday, March 13th");
  CHECK(SpeakDate(2026_y / date::March / 21, Lang::kEn) == "Saturday, March 21st");
  CHECK(SpeakDate(2026_y / date::March / 22, Lang::kEn) == "Sunday, March 22nd");
  CHECK(SpeakDate(2026_y / date::March / 23, Lang::kEn) == "Monday, March 23rd");
  CHECK(SpeakDate(2026_y / date::December / 31, Lang::kEn) == "Thursday, December 31st");
  CHECK(SpeakDate(2026_y / date::February / 30, Lang::kEn) == "");
}

TEST_CASE("phrasing es: dates") {
  CHECK(SpeakDate(2026_y / date::March / 10, Lang::kEs) == "el martes 10 de marzo");
  CHECK(SpeakDate(2026_y / date::March / 11, Lang::kEs) == "el miércoles 11 de marzo");
  CHECK(SpeakDate(2026_y / date::March / 14, Lang::kEs) == "el sábado 14 de marzo");
  CHECK(SpeakDate(2026_y / date::March / 1, Lang::kEs) == "el domingo 1 de marzo");
  CHECK(SpeakDate(2026_y / date::September / 7, Lang::kEs) == "el lunes 7 de septiembre");
}

TEST_CASE("phrasing en: times") {
  CHECK(SpeakTime(600, Lang::kEn) == "10 AM");
  CHECK(SpeakTime(870, Lang::kEn) == "2:30 PM");
  CHECK(SpeakTime(720, Lang::kEn) == "noon");
  CHECK(SpeakTime(0, Lang::kEn) == "midnight");
  CHECK(SpeakTime(545, Lang::kEn) == "9:05 AM");
  CHECK(SpeakTime(765, Lang::kEn) == "12:45 PM");
  CHECK(SpeakTime(15, Lang::kEn) == "12:15 AM");
  CHECK(SpeakTime(1439, Lang::kEn) == "11:59 PM");
  CHECK(SpeakTime(1440 + 600, Lang::kEn) == "10 AM");
  CHECK(SpeakTime(-60, Lang::kEn) == "11 PM");
}

TEST_CASE("phrasing es: times with their part of day") {
  CHECK(SpeakTime(600, Lang::kEs) == "las 10 de la mañana");
  CHECK(SpeakTime(870, Lang::kEs) == "las 2 y media de la tarde");
  CHECK(SpeakTime(720, Lang::kEs) == "las 12 del mediodía");
  CHECK(SpeakTime(780, Lang::kEs) == "la 1 de la tarde");
  CHECK(SpeakTime(795, Lang::kEs) == "la 1 y cuarto de la tarde");
  CHECK(SpeakTime(1065, Lang::kEs) == "las 5 y 45 de la tarde");
  CHECK(SpeakTime(1290, Lang::kEs) == "las 9 y media de la noche");
  CHECK(SpeakTime(0, Lang::kEs) == "las 12 de la noche");
  CHECK(SpeakTime(60, Lang::kEs) == "la 1 de la madrugada");
  CHECK(SpeakTime(120, Lang::kEs) == "las 2 de la madrugada");
  CHECK(SpeakTime(365, Lang::kEs) == "las 6 y 5 de la mañana");
}

TEST_CASE("phrasing: date and time together") {
  const LocalSeconds ten =
      LocalSeconds{date::local_days{2026_y / date::March / 10}} + std::chrono::hours{10};
  CHECK(SpeakDateTime(ten, Lang::kEn) == "Tuesday, March 10th at 10 AM");
  CHECK(SpeakDateTime(ten, Lang::kEs) == "el martes 10 de marzo a las 10 de la mañana");
  const LocalSeconds one =
      LocalSeconds{date::local_days{2026_y / date::March / 10}} + std::chrono::hours{13};
  CHECK(SpeakDateTime(one, Lang::kEs) == "el martes 10 de marzo a la 1 de la tarde");
  const LocalSeconds noon =
      LocalSeconds{date::local_days{2026_y / date::March / 10}} + std::chrono::hours{12};
  CHECK(SpeakDateTime(noon, Lang::kEn) == "Tuesday, March 10th at noon");
  const LocalSeconds half = LocalSeconds{date::local_days{2026_y / date::March / 10}} +
                            std::chrono::minutes{14 * 60 + 30};
  CHECK(SpeakDateTime(half, Lang::kEn) == "Tuesday, March 10th at 2:30 PM");
}

TEST_CASE("phrasing: what the agent says resolves back to the same date and time") {
  const LocalDate today = 2026_y / date::March / 5;
  for (Lang lang : {Lang::kEn, Lang::kEs}) {
    for (int k = 1; k < 366; ++k) {
      const LocalDate d{date::sys_days{today} + date::days{k}};
      const std::string said = SpeakDate(d, lang);
      auto w =
          voxdesk::dialog::FindWhen(voxdesk::dialog::NormalizeText(said, lang), today, 600, lang);
      INFO("said: ", said);
      REQUIRE(w);
      CHECK(w->date == d);
    }
    for (int m = 0; m < 1440; m += 5) {
      const std::string said = (lang == Lang::kEs ? "a " : "at ") + SpeakTime(m, lang);
      auto w =
          voxdesk::dialog::FindWhen(voxdesk::dialog::NormalizeText(said, lang), today, 600, lang);
      INFO("said: ", said);
      REQUIRE(w);
      CHECK(w->time_min == m);
    }
  }
}
