#include <doctest/doctest.h>

#include <string>

#include "core/time.h"

using namespace voxdesk;
using namespace std::chrono_literals;

namespace {

Instant Utc(int y, unsigned mo, unsigned d, int h, int mi, int s) {
  return date::sys_days{date::year{y} / date::month{mo} / date::day{d}} + std::chrono::hours{h} +
         std::chrono::minutes{mi} + std::chrono::seconds{s};
}

}  // namespace

TEST_CASE("RFC 3339 round trip keeps the instant and uses the zone's offset") {
  auto t = ParseRfc3339("2026-03-09T10:00:00-04:00");
  REQUIRE(t.ok());
  auto ny = FindZone("America/New_York");
  REQUIRE(ny.ok());
  CHECK(FormatRfc3339(*t, **ny) == "2026-03-09T10:00:00-04:00");
  CHECK(FormatRfc3339Utc(*t) == "2026-03-09T14:00:00Z");
}

TEST_CASE("RFC 3339 accepts every valid form and yields the right instant and offset") {
  struct Row {
    const char* text;
    Instant instant;
    std::chrono::seconds offset;
  };
  const Row rows[] = {
      {"2026-03-09T10:00:00-04:00", Utc(2026, 3, 9, 14, 0, 0), -4h},
      {"2026-03-09T14:00:00Z", Utc(2026, 3, 9, 14, 0, 0), 0s},
      {"2026-03-09t14:00:00z", Utc(2026, 3, 9, 14, 0, 0), 0s},
      {"2026-03-09 14:00:00Z", Utc(2026, 3, 9, 14, 0, 0), 0s},
      {"2026-03-09T14:00:00.123Z", Utc(2026, 3, 9, 14, 0, 0), 0s},
      {"2026-03-09T14:00:00.999999999+01:00", Utc(2026, 3, 9, 13, 0, 0), 1h},
      {"2026-03-09T14:00:00.5-00:00", Utc(2026, 3, 9, 14, 0, 0), 0s},
      {"2026-03-09T14:00:00+14:00", Utc(2026, 3, 9, 0, 0, 0), 14h},
      {"2026-03-09T14:00:00-12:00", Utc(2026, 3, 10, 2, 0, 0), -12h},
      {"2026-03-09T10:00:00+05:45", Utc(2026, 3, 9, 4, 15, 0), 5h + 45min},
      {"2026-03-09T10:00:00-03:30", Utc(2026, 3, 9, 13, 30, 0), -(3h + 30min)},
      {"2028-02-29T23:59:59Z", Utc(2028, 2, 29, 23, 59, 59), 0s},
      {"2026-12-31T23:30:00-01:00", Utc(2027, 1, 1, 0, 30, 0), -1h},
      {"2026-01-01T00:15:00+01:00", Utc(2025, 12, 31, 23, 15, 0), 1h},
      {"1969-12-31T23:59:59Z", Utc(1969, 12, 31, 23, 59, 59), 0s},
  };
  for (const Row& r : rows) {
    CAPTURE(r.text);
    auto p = ParseRfc3339WithOffset(r.text);
    REQUIRE_MESSAGE(p.ok(), p.status().message());
    CHECK(p->instant == r.instant);
    CHECK(p->offset == r.offset);
    auto plain = ParseRfc3339(r.text);
    REQUIRE(plain.ok());
    CHECK(*plain == r.instant);
  }
}

TEST_CASE("RFC 3339 rejects malformed text with a reason") {
  struct Row {
    std::string text;
    const char* reason;
  };
  const Row rows[] = {
      {"", "bad date"},
      {"2026-03-09", "missing 'T'"},
      {"2026-03-09T10:00:00", "missing UTC offset"},
      {"2026-03-09T10:00:00.250", "missing UTC offset"},
      {"2026-02-30T10:00:00Z", "no such calendar date"},
      {"2026-02-29T10:00:00Z", "no such calendar date"},
      {"2026-13-01T10:00:00Z", "no such calendar date"},
      {"2026-00-10T10:00:00Z", "no such calendar date"},
      {"2026-04-31T10:00:00Z", "no such calendar date"},
      {"2026-03-00T10:00:00Z", "no such calendar date"},
      {"2026-03-09T24:00:00Z", "hour or minute out of range"},
      {"2026-03-09T23:60:00Z", "hour or minute out of range"},
      {"2026-12-31T23:59:60Z", "leap seconds are not supported"},
      {"2026-03-09T23:59:61Z", "second out of range"},
      {"2026-03-09T10:00:00Zjunk", "trailing characters"},
      {"2026-03-09T10:00:00+04:00 ", "trailing characters"},
      {"2026-03-09T10:00:00Z\n", "trailing characters"},
      {"2026-03-09T10:00:00+0400", "bad UTC offset"},
      {"2026-03-09T10:00:00+04", "bad UTC offset"},
      {"2026-03-09T10:00:00+04:", "bad UTC offset"},
      {"2026-03-09T10:00:00 +04:00", "bad UTC offset"},
      {"2026-03-09T10:00:00EST", "bad UTC offset"},
      {"2026-03-09T10:00:00+24:00", "UTC offset out of range"},
      {"2026-03-09T10:00:00+04:60", "UTC offset out of range"},
      {"2026-03-09T10:00:00.Z", "empty fraction"},
      {"2026-03-09T10:00Z", "bad time of day"},
      {"2026-03-09T1:00:00Z", "bad time of day"},
      {"2026-03-09X10:00:00Z", "missing 'T'"},
      {"2026-3-9T10:00:00Z", "bad date"},
      {"26-03-09T10:00:00Z", "bad date"},
      {" 2026-03-09T10:00:00Z", "bad date"},
      {std::string("2026-03-09T10:00\0:00Z", 20), "bad time of day"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.text);
    auto p = ParseRfc3339(r.text, "start");
    REQUIRE_FALSE(p.ok());
    CHECK(p.status().code() == Code::kInvalidArgument);
    const std::string& m = p.status().message();
    CHECK_MESSAGE(m.rfind("start: ", 0) == 0, m);
    CHECK_MESSAGE(m.find(r.reason) != std::string::npos, m);
  }
}

TEST_CASE("RFC 3339 errors name the field and show the offending text") {
  auto p = ParseRfc3339("tomorrow at 3", "--start");
  REQUIRE_FALSE(p.ok());
  CHECK(p.status().message().rfind("--start: \"tomorrow at 3\"", 0) == 0);
  auto q = ParseRfc3339WithOffset("2026-03-09T10:00:00", "bookings[0].start");
  REQUIRE_FALSE(q.ok());
  CHECK(q.status().message().rfind("bookings[0].start: ", 0) == 0);
  auto d = ParseRfc3339("");
  REQUIRE_FALSE(d.ok());
  CHECK(d.status().message().rfind("time: ", 0) == 0);
}

TEST_CASE("RFC 3339 error messages quote long or binary input safely") {
  const std::string junk = std::string(200, 'x') + "\x01\x02";
  auto p = ParseRfc3339(junk, "t");
  REQUIRE_FALSE(p.ok());
  CHECK(p.status().message().size() < 200);
  CHECK(p.status().message().find("...") != std::string::npos);
  auto q = ParseRfc3339("2026\x01\x02", "t");
  REQUIRE_FALSE(q.ok());
  CHECK(q.status().message().find('\x01') == std::string::npos);
}

TEST_CASE("FormatRfc3339Utc writes seconds precision with Z") {
  CHECK(FormatRfc3339Utc(Utc(2026, 3, 5, 14, 0, 0)) == "2026-03-05T14:00:00Z");
  CHECK(FormatRfc3339Utc(Utc(1970, 1, 1, 0, 0, 0)) == "1970-01-01T00:00:00Z");
  CHECK(FormatRfc3339Utc(Utc(1969, 12, 31, 23, 59, 59)) == "1969-12-31T23:59:59Z");
  CHECK(FormatRfc3339Utc(Utc(2028, 2, 29, 9, 5, 7)) == "2028-02-29T09:05:07Z");
}
