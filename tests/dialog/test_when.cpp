// FindWhen on real English phrasings, from Thursday 2026-03-05 at 09:00.
// Each row is what a caller said and the resolution the dialog acts on,
// written as "date=... span=..~.. time=HH:MM win=HH:MM-HH:MM" ("" = nothing).
#include <doctest/doctest.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "dialog/text.h"
#include "dialog/when.h"

using namespace date::literals;
using voxdesk::LocalDate;
using voxdesk::dialog::FindWhen;
using voxdesk::dialog::Lang;
using voxdesk::dialog::NormalizeText;
using voxdesk::dialog::When;

namespace {

std::string Hm(int m) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", m / 60, m % 60);
  return buf;
}

std::string Describe(const std::optional<When>& w) {
  if (!w) return "";
  std::ostringstream s;
  if (w->date) s << " date=" << *w->date;
  if (w->first_day || w->last_day)
    s << " span=" << w->first_day.value_or(LocalDate{}) << "~" << w->last_day.value_or(LocalDate{});
  if (w->time_min) s << " time=" << Hm(*w->time_min);
  if (w->window_from_min || w->window_to_min)
    s << " win=" << Hm(w->window_from_min.value_or(-1)) << "-" << Hm(w->window_to_min.value_or(-1));
  return s.str().empty() ? "" : s.str().substr(1);
}

struct Case {
  const char* said;
  const char* want;
};

constexpr LocalDate kToday = 2026_y / date::March / 5;  // a Thursday
constexpr int kNow = 9 * 60;

void CheckAll(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    const std::string n = NormalizeText(c.said, Lang::kEn);
    INFO("said: \"", std::string(c.said), "\" normalised: \"", n, "\"");
    CHECK(Describe(FindWhen(n, kToday, kNow, Lang::kEn)) == std::string(c.want));
  }
}

}  // namespace

TEST_CASE("when en: days relative to today") {
  CheckAll({{"today", "date=2026-03-05"},
            {"Today please.", "date=2026-03-05"},
            {"tomorrow", "date=2026-03-06"},
            {"Can I come in tomorrow?", "date=2026-03-06"},
            {"the day after tomorrow", "date=2026-03-07"},
            {"uh i i want the day after tomorrow", "date=2026-03-07"},
            {"in two weeks", "date=2026-03-19"},
            {"in 3 days", "date=2026-03-08"},
            {"in a week", "date=2026-03-12"}});
}

TEST_CASE("when en: weekdays are the first such day strictly after today") {
  CheckAll({{"tuesday", "date=2026-03-10"},
            {"on Monday", "date=2026-03-09"},
            {"this friday", "date=2026-03-06"},
            {"next tuesday", "date=2026-03-10"},
            {"this coming saturday", "date=2026-03-07"},
            {"thursday", "date=2026-03-12"},  // said on a Thursday: a week out
            {"next thursday", "date=2026-03-12"},
            {"Wednesday works", "date=2026-03-11"},
            {"tuesday next week", "date=2026-03-10"},
            {"next week on friday", "date=2026-03-13"},
            {"last tuesday", ""}});
}

TEST_CASE("when en: spans of days") {
  CheckAll({{"next week", "span=2026-03-09~2026-03-15"},
            {"sometime next week", "span=2026-03-09~2026-03-15"},
            {"early next week", "span=2026-03-09~2026-03-10"},
            {"the beginning of next week", "span=2026-03-09~2026-03-10"},
            {"middle of next week", "span=2026-03-10~2026-03-12"},
            {"end of next week", "span=2026-03-12~2026-03-14"},
            {"this week", "span=2026-03-05~2026-03-08"},
            {"later this week", "span=2026-03-06~2026-03-08"},
            {"end of the week", "span=2026-03-05~2026-03-07"},
            {"this weekend", "span=2026-03-07~2026-03-08"},
            {"over the weekend", "span=2026-03-07~2026-03-08"},
            {"next weekend", "span=2026-03-14~2026-03-15"},
            {"next month", "span=2026-04-01~2026-04-30"},
            {"I start next week", "span=2026-03-09~2026-03-15"}});
}

TEST_CASE("when en: calendar dates") {
  CheckAll({{"the 14th", "date=2026-03-14"},
            {"on the fourteenth", "date=2026-03-14"},
            {"on the 4th", "date=2026-04-04"},  // the 4th has passed this month
            {"on the 5th", "date=2026-03-05"},
            {"March 12th", "date=2026-03-12"},
            {"march twelfth", "date=2026-03-12"},
            {"march twelve", "date=2026-03-12"},
            {"12th of march", "date=2026-03-12"},
            {"the twelfth of March", "date=2026-03-12"},
            {"12 march", "date=2026-03-12"},
            {"march 3rd", "date=2027-03-03"},  // passed this year
            {"April second", "date=2026-04-02"},
            {"may 5th", "date=2026-05-05"},
            {"3/12", "date=2026-03-12"},
            {"12/25", "date=2026-12-25"},
            {"march 12th 2027", "date=2027-03-12"},
            {"2026-04-01", "date=2026-04-01"},
            {"Tuesday the 17th", "date=2026-03-17"},
            {"Friday, March 5th",
             "date=2027-03-05"},  // today is Thursday the 5th: the weekday picks the year
            {"tomorrow, no wait, the 20th", "date=2026-03-20"}});
}

TEST_CASE("when en: exact times") {
  CheckAll({{"at 2", "time=14:00"},
            {"at 9", "time=09:00"},
            {"at 7", "time=07:00"},
            {"at 6", "time=18:00"},
            {"at 12", "time=12:00"},
            {"at one", "time=13:00"},
            {"2 pm", "time=14:00"},
            {"2pm", "time=14:00"},
            {"2 p.m.", "time=14:00"},
            {"2 P M", "time=14:00"},
            {"9 am", "time=09:00"},
            {"8 pm", "time=20:00"},
            {"12 am", "time=00:00"},
            {"12 pm", "time=12:00"},
            {"2:30", "time=14:30"},
            {"at 11:45", "time=11:45"},
            {"at 14:30", "time=14:30"},
            {"at 07:30", "time=07:30"},
            {"2 30", "time=14:30"},
            {"at ten thirty", "time=10:30"},
            {"ten thirty works", "time=10:30"},
            {"two fifteen", "time=14:15"},
            {"ten oh five", "time=10:05"},
            {"three o'clock", "time=15:00"},
            {"half past three", "time=15:30"},
            {"quarter past two", "time=14:15"},
            {"a quarter after nine", "time=09:15"},
            {"quarter to four", "time=15:45"},
            {"quarter to seven", "time=06:45"},
            {"ten past nine", "time=09:10"},
            {"twenty to five", "time=16:40"},
            {"noon", "time=12:00"},
            {"midday", "time=12:00"},
            {"12 noon", "time=12:00"},
            {"midnight", "time=00:00"},
            {"around 3", "time=15:00"},
            {"at 7 in the evening", "time=19:00"},
            {"9 in the morning", "time=09:00"},
            {"at 5 in the morning", "time=05:00"},
            {"at 3 in the afternoon", "time=15:00"},
            {"at 10 at night", "time=22:00"},
            {"8 tonight", "date=2026-03-05 time=20:00"}});
}

TEST_CASE("when en: parts of day and bounds") {
  CheckAll({{"morning", "win=00:00-12:00"},
            {"in the afternoon", "win=12:00-17:00"},
            {"evening", "win=17:00-24:00"},
            {"tomorrow morning", "date=2026-03-06 win=00:00-12:00"},
            {"tomorrow afternoon", "date=2026-03-06 win=12:00-17:00"},
            {"this evening", "date=2026-03-05 win=17:00-24:00"},
            {"tonight", "date=2026-03-05 win=17:00-24:00"},
            {"next tuesday morning", "date=2026-03-10 win=00:00-12:00"},
            {"first thing in the morning", "win=00:00-12:00"},
            {"first thing tomorrow", "date=2026-03-06 win=00:00-12:00"},
            {"after 4", "win=16:00-24:00"},
            {"anytime after 3 on friday", "date=2026-03-06 win=15:00-24:00"},
            {"before 11", "win=00:00-11:00"},
            {"before noon", "win=00:00-12:00"},
            {"no later than 5", "win=00:00-17:00"},
            {"between 2 and 4", "win=14:00-16:00"},
            {"between two and four", "win=14:00-16:00"},
            {"between 11 and 1", "win=11:00-13:00"},
            {"between 9 and 12", "win=09:00-12:00"},
            {"between 6 and 8", "win=18:00-20:00"},
            {"between 10 and 2 pm", "win=10:00-14:00"},
            {"from 9 to 11 am", "win=09:00-11:00"},
            {"tomorrow afternoon after 3", "date=2026-03-06 win=15:00-17:00"},
            {"in the afternoon between 2 and 4", "win=14:00-16:00"},
            {"in the evening between 6 and 8", "win=18:00-20:00"},
            {"later today", "date=2026-03-05 win=09:00-24:00"},
            {"in an hour", "date=2026-03-05 time=10:00"},
            {"in 30 minutes", "date=2026-03-05 time=09:30"}});
}

TEST_CASE("when en: dates and times together") {
  CheckAll({{"Um, I'd like to come in TOMORROW at ten-thirty.", "date=2026-03-06 time=10:30"},
            {"next Tuesday at 2 p.m.", "date=2026-03-10 time=14:00"},
            {"this friday at half past three", "date=2026-03-06 time=15:30"},
            {"tomorrow morning at 10", "date=2026-03-06 time=10:00"},
            {"tomorrow morning at 12", "date=2026-03-06 time=00:00"},
            {"friday afternoon at 4", "date=2026-03-06 time=16:00"},
            {"Um, can I, uh, come in Tuesday at, um, ten?", "date=2026-03-10 time=10:00"},
            {"march 12th 2027 at 3", "date=2027-03-12 time=15:00"},
            {"the 14th at 2:30", "date=2026-03-14 time=14:30"},
            {"can i come at ten fifteen on the 31st", "date=2026-03-31 time=10:15"},
            {"monday ten thirty", "date=2026-03-09 time=10:30"},
            {"wait a second, how about the twenty second at twelve fifteen",
             "date=2026-03-22 time=12:15"},
            {"the one on tuesday at 9", "date=2026-03-10 time=09:00"}});
}

TEST_CASE("when en: numbers that are not dates or times") {
  CheckAll({{"I have 2 kids", ""},
            {"I'd like to book a cleaning", ""},
            {"my number is five five five zero one zero zero", ""},
            {"my number is 555-0100", ""},
            {"call me back at 5550100142", ""},
            {"call me at 555 0100", ""},
            {"my zip is 10 30 12", ""},
            {"it is 2 30 45 dollars", ""},
            {"account 4417 1234", ""},
            {"just a second", ""},
            {"may I book something", ""},
            {"two kids and one adult", ""},
            {"I was born in nineteen eighty five", ""},
            {"twenty twenty five", ""},
            {"I can come once", ""}});
}

TEST_CASE("when en: a birth date is never the appointment date") {
  CheckAll(
      {{"this is Ana, born March 3rd 1985, I need a cleaning next Tuesday at 10",
        "date=2026-03-10 time=10:00"},
       {"my date of birth is 3/3/1985 and I want the 14th", "date=2026-03-14"},
       {"born march 20th, can I come friday", "date=2026-03-06"},  // no year, still a birth date
       {"dob 1985-03-03", ""},
       {"march 3rd 1985", ""}});
}
