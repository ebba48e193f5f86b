// FindWhen across month ends, year ends, leap days and a DST change: the
// resolver works in local dates and minutes, so these prove the calendar
// arithmetic and that its output converts to the right instant.
#include <doctest/doctest.h>

#include <string>

#include "core/time.h"
#include "dialog/text.h"
#include "dialog/when.h"

using namespace date::literals;
using voxdesk::LocalDate;
using voxdesk::dialog::FindWhen;
using voxdesk::dialog::Lang;
using voxdesk::dialog::NormalizeText;

namespace {

std::optional<LocalDate> DateOf(const char* said, LocalDate today, Lang lang = Lang::kEn) {
  auto w = FindWhen(NormalizeText(said, lang), today, 600, lang);
  if (!w) return std::nullopt;
  return w->date;
}

struct SpanOf {
  LocalDate first, last;
  bool operator==(const SpanOf&) const = default;
};

std::optional<SpanOf> Span(const char* said, LocalDate today, Lang lang = Lang::kEn) {
  auto w = FindWhen(NormalizeText(said, lang), today, 600, lang);
  if (!w || !w->first_day || !w->last_day) return std::nullopt;
  return SpanOf{*w->first_day, *w->last_day};
}

}  // namespace

TEST_CASE("when edges: next weekday and relative days cross the year end") {
  CHECK(DateOf("next tuesday", 2026_y / date::December / 30) == 2027_y / date::January / 5);
  CHECK(DateOf("el próximo martes", 2026_y / date::December / 30, Lang::kEs) ==
        2027_y / date::January / 5);
  CHECK(DateOf("tomorrow", 2026_y / date::December / 31) == 2027_y / date::January / 1);
  CHECK(DateOf("the day after tomorrow", 2026_y / date::December / 31) ==
        2027_y / date::January / 2);
  CHECK(DateOf("in two weeks", 2026_y / date::December / 25) == 2027_y / date::January / 8);
  CHECK(Span("next week", 2026_y / date::December / 29) ==
        SpanOf{2027_y / date::January / 4, 2027_y / date::January / 10});
  CHECK(Span("next month", 2026_y / date::December / 10) ==
        SpanOf{2027_y / date::January / 1, 2027_y / date::January / 31});
}

TEST_CASE("when edges: a month and day already past this year is next year") {
  CHECK(DateOf("january 2nd", 2026_y / date::December / 20) == 2027_y / date::January / 2);
  CHECK(DateOf("el 2 de enero", 2026_y / date::December / 20, Lang::kEs) ==
        2027_y / date::January / 2);
  CHECK(DateOf("1/2", 2026_y / date::December / 20) == 2027_y / date::January / 2);
  CHECK(DateOf("december 20th", 2026_y / date::December / 20) == 2026_y / date::December / 20);
  CHECK(DateOf("december 19th", 2026_y / date::December / 20) == 2027_y / date::December / 19);
  CHECK(DateOf("the 5th", 2026_y / date::December / 20) == 2027_y / date::January / 5);
}

TEST_CASE("when edges: a day of the month skips months that do not have it") {
  CHECK(DateOf("the 31st", 2026_y / date::April / 10) == 2026_y / date::May / 31);
  CHECK(DateOf("the 31st", 2026_y / date::May / 31) == 2026_y / date::May / 31);
  CHECK(DateOf("the 31st", 2026_y / date::June / 1) == 2026_y / date::July / 31);
  CHECK(DateOf("the 30th", 2026_y / date::February / 10) == 2026_y / date::March / 30);
  CHECK(DateOf("el 31", 2026_y / date::September / 2, Lang::kEs) == 2026_y / date::October / 31);
  CHECK(DateOf("the 31st", 2026_y / date::December / 31) == 2026_y / date::December / 31);
  CHECK(DateOf("the 1st", 2026_y / date::December / 31) == 2027_y / date::January / 1);
}

TEST_CASE("when edges: leap days") {
  CHECK(DateOf("the 29th", 2026_y / date::February / 1) == 2026_y / date::March / 29);
  CHECK(DateOf("the 29th", 2028_y / date::February / 1) == 2028_y / date::February / 29);
  CHECK(DateOf("february 29th", 2026_y / date::March / 5) == 2028_y / date::February / 29);
  CHECK(DateOf("february 29th", 2028_y / date::January / 10) == 2028_y / date::February / 29);
  CHECK(DateOf("february 29th", 2028_y / date::March / 1) == 2032_y / date::February / 29);
  CHECK(DateOf("tomorrow", 2028_y / date::February / 28) == 2028_y / date::February / 29);
  CHECK(DateOf("tomorrow", 2026_y / date::February / 28) == 2026_y / date::March / 1);
  CHECK(DateOf("2/29/2028", 2026_y / date::March / 5) == 2028_y / date::February / 29);
  CHECK_FALSE(DateOf("february 30th", 2026_y / date::January / 5));
  CHECK_FALSE(DateOf("2/29/2027", 2026_y / date::March / 5));
  CHECK(Span("next month", 2028_y / date::January / 15) ==
        SpanOf{2028_y / date::February / 1, 2028_y / date::February / 29});
}

TEST_CASE("when edges: weeks and weekends said on the weekend") {
  // Saturday 2026-03-07 and Sunday 2026-03-08.
  CHECK(Span("this weekend", 2026_y / date::March / 7) ==
        SpanOf{2026_y / date::March / 7, 2026_y / date::March / 8});
  CHECK(Span("this weekend", 2026_y / date::March / 8) ==
        SpanOf{2026_y / date::March / 8, 2026_y / date::March / 8});
  CHECK(Span("next week", 2026_y / date::March / 8) ==
        SpanOf{2026_y / date::March / 9, 2026_y / date::March / 15});
  CHECK(Span("end of the week", 2026_y / date::March / 8) ==
        SpanOf{2026_y / date::March / 12, 2026_y / date::March / 14});
  CHECK_FALSE(Span("later this week", 2026_y / date::March / 8));
  CHECK(DateOf("sunday", 2026_y / date::March / 8) == 2026_y / date::March / 15);
  CHECK(DateOf("monday", 2026_y / date::March / 8) == 2026_y / date::March / 9);
}

TEST_CASE("when edges: explicit years") {
  CHECK(DateOf("3/12/26", 2026_y / date::March / 5) == 2026_y / date::March / 12);
  CHECK_FALSE(DateOf("3/12/2025", 2026_y / date::March / 5));  // history, not an appointment
  CHECK(DateOf("march 4th 2026", 2026_y / date::March / 5) == std::nullopt);
  CHECK(DateOf("march 5th 2026", 2026_y / date::March / 5) == 2026_y / date::March / 5);
}

TEST_CASE("when edges: a resolved time on the spring-forward date converts through the zone") {
  auto zone = voxdesk::FindZone("America/New_York");
  REQUIRE(zone.ok());
  const LocalDate today = 2026_y / date::March / 5;  // Thursday; DST starts Sunday 2026-03-08
  auto at = [&](const char* said) {
    auto w = FindWhen(NormalizeText(said, Lang::kEn), today, 600, Lang::kEn);
    REQUIRE(w);
    REQUIRE(w->date);
    REQUIRE(w->time_min);
    const auto local =
        voxdesk::LocalSeconds{date::local_days{*w->date}} + std::chrono::minutes{*w->time_min};
    return voxdesk::FormatRfc3339Utc(voxdesk::LocalToInstant(**zone, local));
  };
  CHECK(at("sunday at 10") == "2026-03-08T14:00:00Z");             // EDT, UTC-4
  CHECK(at("saturday at 10") == "2026-03-07T15:00:00Z");           // EST, UTC-5
  CHECK(at("sunday at 2:30 am") == "2026-03-08T07:30:00Z");        // in the gap: 03:30 EDT
  CHECK(at("sunday at 1:30 am") == "2026-03-08T06:30:00Z");        // before the gap, EST
  CHECK(at("november 1st at 1:30 am") == "2026-11-01T05:30:00Z");  // repeated hour: the earlier
}
