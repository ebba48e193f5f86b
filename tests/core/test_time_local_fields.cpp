#include <doctest/doctest.h>

#include <string>

#include "core/time.h"

using namespace voxdesk;

TEST_CASE("ParseLocalDate accepts real calendar dates only") {
  auto d = ParseLocalDate("2026-03-09");
  REQUIRE(d.ok());
  CHECK(*d == date::year{2026} / 3 / 9);
  auto leap = ParseLocalDate("2028-02-29");
  REQUIRE(leap.ok());
  CHECK(*leap == date::year{2028} / 2 / 29);

  for (const char* bad : {"2026-02-29", "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-01",
                          "2026-01-00", "2100-02-29"}) {
    CAPTURE(bad);
    auto r = ParseLocalDate(bad, "closures[0]");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Code::kInvalidArgument);
    CHECK(r.status().message().rfind("closures[0]: ", 0) == 0);
    CHECK(r.status().message().find("not a calendar date") != std::string::npos);
  }
}

TEST_CASE("ParseLocalDate rejects other shapes and names the field") {
  for (const char* bad : {"", "2026-3-9", "2026/03/09", "20260309", "2026-03-09T10:00:00Z",
                          "2026-03-09 ", " 2026-03-09", "2026-03-0x", "26-03-09"}) {
    CAPTURE(bad);
    auto r = ParseLocalDate(bad, "overrides[1].date");
    REQUIRE_FALSE(r.ok());
    const std::string& m = r.status().message();
    CHECK(m.rfind("overrides[1].date: ", 0) == 0);
    CHECK(m.find("expected YYYY-MM-DD") != std::string::npos);
  }
  auto def = ParseLocalDate("x");
  REQUIRE_FALSE(def.ok());
  CHECK(def.status().message().rfind("date: ", 0) == 0);
}

TEST_CASE("FormatLocalDate pads to YYYY-MM-DD") {
  CHECK(FormatLocalDate(date::year{2026} / 3 / 9) == "2026-03-09");
  CHECK(FormatLocalDate(date::year{987} / 12 / 31) == "0987-12-31");
  auto d = ParseLocalDate("2026-11-01");
  REQUIRE(d.ok());
  CHECK(FormatLocalDate(*d) == "2026-11-01");
}

TEST_CASE("ParseClockMinutes reads HH:MM as minutes after midnight") {
  struct Row {
    const char* text;
    int minutes;
  };
  for (const Row& r : {Row{"00:00", 0}, Row{"09:00", 540}, Row{"12:30", 750}, Row{"23:59", 1439}}) {
    CAPTURE(r.text);
    auto m = ParseClockMinutes(r.text, false);
    REQUIRE(m.ok());
    CHECK(*m == r.minutes);
    auto m24 = ParseClockMinutes(r.text, true);
    REQUIRE(m24.ok());
    CHECK(*m24 == r.minutes);
  }
}

TEST_CASE("ParseClockMinutes allows 24:00 only as a closing time") {
  auto close = ParseClockMinutes("24:00", true, "hours.mon[0][1]");
  REQUIRE(close.ok());
  CHECK(*close == 1440);
  auto open = ParseClockMinutes("24:00", false, "hours.mon[0][0]");
  REQUIRE_FALSE(open.ok());
  CHECK(open.status().message().rfind("hours.mon[0][0]: ", 0) == 0);
  CHECK(open.status().message().find("24:00 is only allowed as a closing time") !=
        std::string::npos);
  for (bool allow : {false, true}) {
    for (const char* bad : {"24:01", "24:30", "25:00"}) {
      CAPTURE(bad);
      auto r = ParseClockMinutes(bad, allow, "close");
      REQUIRE_FALSE(r.ok());
      CHECK(r.status().message().find("out of range") != std::string::npos);
    }
  }
}

TEST_CASE("ParseClockMinutes rejects malformed times and names the field") {
  for (const char* bad : {"", "9:00", "09:0", "0900", "09.00", "09:00 ", "09:60", "-1:00", "ab:cd",
                          "09:00:00", "+9:00"}) {
    CAPTURE(bad);
    auto r = ParseClockMinutes(bad, true, "hours.tue[0][0]");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Code::kInvalidArgument);
    CHECK(r.status().message().rfind("hours.tue[0][0]: ", 0) == 0);
  }
}

TEST_CASE("FormatClockMinutes is the inverse of ParseClockMinutes") {
  for (int m : {0, 1, 59, 60, 540, 1439, 1440}) {
    CAPTURE(m);
    auto back = ParseClockMinutes(FormatClockMinutes(m), true);
    REQUIRE(back.ok());
    CHECK(*back == m);
  }
  CHECK(FormatClockMinutes(545) == "09:05");
  CHECK(FormatClockMinutes(1440) == "24:00");
}
