#include <doctest/doctest.h>

#include <string>

#include "core/time.h"

using namespace voxdesk;
using namespace std::chrono_literals;

namespace {

const Zone& Z(const char* name) {
  auto z = FindZone(name);
  REQUIRE_MESSAGE(z.ok(), z.status().message());
  return **z;
}

LocalSeconds Local(int y, unsigned mo, unsigned d, int h, int mi) {
  return date::local_days{date::year{y} / date::month{mo} / date::day{d}} + std::chrono::hours{h} +
         std::chrono::minutes{mi};
}

Instant At(const char* rfc3339) {
  auto t = ParseRfc3339(rfc3339);
  REQUIRE_MESSAGE(t.ok(), t.status().message());
  return *t;
}

}  // namespace

TEST_CASE("FindZone resolves IANA names and links") {
  CHECK(Z("America/New_York").name() == "America/New_York");
  CHECK(FindZone("UTC").ok());
  CHECK(FindZone("Australia/Lord_Howe").ok());
  CHECK(FindZone("Asia/Kathmandu").ok());
  // The same zone pointer every time: callers may keep it.
  CHECK(*FindZone("Europe/Berlin") == *FindZone("Europe/Berlin"));
}

TEST_CASE("FindZone rejects unknown zones with a message naming them") {
  for (const char* bad :
       {"America/Springfield", "EST5EDT/Nowhere", "america/new_york", "+05:00", "New York"}) {
    CAPTURE(bad);
    auto z = FindZone(bad);
    REQUIRE_FALSE(z.ok());
    CHECK(z.status().code() == Code::kInvalidArgument);
    const std::string& m = z.status().message();
    CHECK(m.find(std::string("\"") + bad + "\"") != std::string::npos);
    CHECK(m.find("IANA") != std::string::npos);
  }
  auto empty = FindZone("");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.status().message().find("empty time zone name") != std::string::npos);
}

TEST_CASE("LocalToInstant: ordinary local times use the offset in force") {
  const Zone& ny = Z("America/New_York");
  CHECK(LocalToInstant(ny, Local(2026, 3, 9, 10, 0)) == At("2026-03-09T14:00:00Z"));
  CHECK(LocalToInstant(ny, Local(2026, 1, 15, 9, 0)) == At("2026-01-15T14:00:00Z"));
}

TEST_CASE("LocalToInstant: US spring-forward gap moves forward by the gap") {
  const Zone& ny = Z("America/New_York");
  // 2026-03-08 02:00 EST jumps to 03:00 EDT; 02:30 does not exist.
  const Instant t = LocalToInstant(ny, Local(2026, 3, 8, 2, 30));
  CHECK(t == At("2026-03-08T07:30:00Z"));
  CHECK(FormatRfc3339(t, ny) == "2026-03-08T03:30:00-04:00");
  CHECK(LocalToInstant(ny, Local(2026, 3, 8, 2, 0)) == At("2026-03-08T07:00:00Z"));
  CHECK(LocalToInstant(ny, Local(2026, 3, 8, 3, 0)) == At("2026-03-08T07:00:00Z"));
  CHECK(LocalToInstant(ny, Local(2026, 3, 8, 1, 59)) == At("2026-03-08T06:59:00Z"));
}

TEST_CASE("LocalToInstant: US fall-back overlap takes the earlier instant") {
  const Zone& ny = Z("America/New_York");
  // 2026-11-01 01:00-02:00 happens twice (EDT, then EST).
  const Instant t = LocalToInstant(ny, Local(2026, 11, 1, 1, 30));
  CHECK(t == At("2026-11-01T05:30:00Z"));
  CHECK(FormatRfc3339(t, ny) == "2026-11-01T01:30:00-04:00");
  CHECK(LocalToInstant(ny, Local(2026, 11, 1, 2, 0)) == At("2026-11-01T07:00:00Z"));
  CHECK(LocalToInstant(ny, Local(2026, 11, 1, 0, 59)) == At("2026-11-01T04:59:00Z"));
}

TEST_CASE("LocalToInstant: Europe/Berlin 2026 transitions") {
  const Zone& berlin = Z("Europe/Berlin");
  // 2026-03-29 02:00 CET -> 03:00 CEST.
  const Instant gap = LocalToInstant(berlin, Local(2026, 3, 29, 2, 30));
  CHECK(gap == At("2026-03-29T01:30:00Z"));
  CHECK(FormatRfc3339(gap, berlin) == "2026-03-29T03:30:00+02:00");
  // 2026-10-25 03:00 CEST -> 02:00 CET; 02:30 happens twice.
  const Instant overlap = LocalToInstant(berlin, Local(2026, 10, 25, 2, 30));
  CHECK(overlap == At("2026-10-25T00:30:00Z"));
  CHECK(FormatRfc3339(overlap, berlin) == "2026-10-25T02:30:00+02:00");
  CHECK(FormatRfc3339(overlap + 1h, berlin) == "2026-10-25T02:30:00+01:00");
}

TEST_CASE("LocalToInstant: Australia/Lord_Howe half-hour DST") {
  const Zone& lh = Z("Australia/Lord_Howe");
  // System tzdata: 2026-04-05 02:00 (+11) -> 01:30 (+10:30), and
  // 2026-10-04 02:00 (+10:30) -> 02:30 (+11).
  const Instant overlap = LocalToInstant(lh, Local(2026, 4, 5, 1, 45));
  CHECK(overlap == At("2026-04-04T14:45:00Z"));
  CHECK(FormatRfc3339(overlap, lh) == "2026-04-05T01:45:00+11:00");
  CHECK(FormatRfc3339(overlap + 30min, lh) == "2026-04-05T01:45:00+10:30");

  const Instant gap = LocalToInstant(lh, Local(2026, 10, 4, 2, 15));
  CHECK(gap == At("2026-10-03T15:45:00Z"));
  CHECK(FormatRfc3339(gap, lh) == "2026-10-04T02:45:00+11:00");
  CHECK(LocalToInstant(lh, Local(2026, 10, 4, 2, 30)) == At("2026-10-03T15:30:00Z"));
  CHECK(LocalToInstant(lh, Local(2026, 7, 1, 9, 0)) == At("2026-06-30T22:30:00Z"));
}

TEST_CASE("InstantToLocal and LocalDateOf use the zone's wall clock") {
  const Zone& ny = Z("America/New_York");
  const Instant t = At("2026-03-10T03:30:00Z");  // 23:30 EDT on the 9th
  CHECK(InstantToLocal(ny, t) == Local(2026, 3, 9, 23, 30));
  CHECK(LocalDateOf(ny, t) == date::year{2026} / 3 / 9);
  CHECK(LocalDateOf(Z("UTC"), t) == date::year{2026} / 3 / 10);
  const Zone& kathmandu = Z("Asia/Kathmandu");
  CHECK(LocalDateOf(kathmandu, At("2026-03-09T18:15:00Z")) == date::year{2026} / 3 / 10);
  CHECK(InstantToLocal(kathmandu, At("2026-03-09T18:14:00Z")) == Local(2026, 3, 9, 23, 59));
}

TEST_CASE("FormatRfc3339 writes negative, positive and fractional-hour offsets") {
  const Instant t = At("2026-01-15T12:00:00Z");
  CHECK(FormatRfc3339(t, Z("America/Los_Angeles")) == "2026-01-15T04:00:00-08:00");
  CHECK(FormatRfc3339(t, Z("America/St_Johns")) == "2026-01-15T08:30:00-03:30");
  CHECK(FormatRfc3339(t, Z("Asia/Kolkata")) == "2026-01-15T17:30:00+05:30");
  CHECK(FormatRfc3339(t, Z("Asia/Kathmandu")) == "2026-01-15T17:45:00+05:45");
  CHECK(FormatRfc3339(t, Z("Australia/Adelaide")) == "2026-01-15T22:30:00+10:30");
  CHECK(FormatRfc3339(t, Z("Pacific/Kiritimati")) == "2026-01-16T02:00:00+14:00");
  CHECK(FormatRfc3339(t, Z("Pacific/Pago_Pago")) == "2026-01-15T01:00:00-11:00");
  CHECK(FormatRfc3339(t, Z("Europe/London")) == "2026-01-15T12:00:00+00:00");
  CHECK(FormatRfc3339(t, Z("UTC")) == "2026-01-15T12:00:00+00:00");
}

TEST_CASE("FormatRfc3339 output parses back to the same instant and offset") {
  const char* zones[] = {"America/New_York",    "America/St_Johns",   "Asia/Kathmandu",
                         "Australia/Lord_Howe", "Pacific/Kiritimati", "Europe/Berlin"};
  for (const char* name : zones) {
    const Zone& z = Z(name);
    for (Instant t = At("2026-01-01T00:00:00Z"); t < At("2027-01-01T00:00:00Z"); t += 97h + 13min) {
      const std::string s = FormatRfc3339(t, z);
      CAPTURE(name);
      CAPTURE(s);
      auto back = ParseRfc3339WithOffset(s);
      REQUIRE(back.ok());
      CHECK(back->instant == t);
      CHECK(back->offset == z.get_info(t).offset);
    }
  }
}
