// The DST rules docs/config.md promises for configured hours: a local time in
// the spring gap moves forward by the gap, an ambiguous one takes the earlier
// instant, and a staff member's hours are wall-clock times of their own zone.
#include <doctest/doctest.h>

#include "schedule/config_loader.h"

using namespace voxdesk;
using namespace std::chrono_literals;

namespace {

Business Load() {
  auto r = LoadBusinessJson(R"({"id": "s", "name": "S", "timezone": "America/New_York",
    "hours": {"sun": [["01:00", "03:00"]]},
    "services": [{"id": "x", "name": "X", "duration_min": 30}],
    "staff": [{"id": "ny", "name": "NY",
               "overrides": [{"date": "2026-03-08", "hours": [["02:00", "04:00"]]}]},
              {"id": "chi", "name": "Chicago", "timezone": "America/Chicago",
               "hours": {"mon": [["08:00", "16:00"]]}}]})");
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  return std::move(r).value().business;
}

Instant At(const Staff& s, int y, unsigned m, unsigned d, int minute_of_day) {
  const auto day = date::local_days{LocalDate{date::year{y}, date::month{m}, date::day{d}}};
  return LocalToInstant(*s.zone, day + std::chrono::minutes{minute_of_day});
}

}  // namespace

TEST_CASE("config: an override opening inside the spring gap opens when the clock jumps") {
  const Business b = Load();
  const Staff& ny = *b.FindStaff("ny");
  const DayHours& day = ny.overrides.at(LocalDate{date::year{2026}, date::March, date::day{8}});
  REQUIRE(day.size() == 1);
  const Instant open = At(ny, 2026, 3, 8, day[0].open_min);
  const Instant close = At(ny, 2026, 3, 8, day[0].close_min);
  CHECK(FormatRfc3339(open, *ny.zone) == "2026-03-08T03:00:00-04:00");
  CHECK(close - open == 1h);
}

TEST_CASE("config: hours across the autumn overlap start at the earlier instant") {
  const Business b = Load();
  const Staff& ny = *b.FindStaff("ny");
  const DayHours& sunday = ny.hours[6];
  REQUIRE(sunday.size() == 1);
  const Instant open = At(ny, 2026, 11, 1, sunday[0].open_min);
  const Instant close = At(ny, 2026, 11, 1, sunday[0].close_min);
  CHECK(FormatRfc3339Utc(open) == "2026-11-01T05:00:00Z");
  CHECK(close - open == 3h);
}

TEST_CASE("config: a staff member's hours are wall-clock times of their own zone") {
  const Business b = Load();
  const Staff& chi = *b.FindStaff("chi");
  const Instant open = At(chi, 2026, 3, 9, chi.hours[0][0].open_min);
  CHECK(FormatRfc3339(open, *b.zone) == "2026-03-09T09:00:00-04:00");
}
