// Weekly hours: "24:00" closes a day but cannot open one, touching intervals
// merge into one, intervals are sorted, and overlaps are errors.
#include <doctest/doctest.h>

#include <string>

#include "schedule/config_loader.h"

using namespace voxdesk;

namespace {

Result<LoadedConfig> WithMonday(const std::string& monday) {
  return LoadBusinessJson(R"({"id": "s", "name": "S", "timezone": "UTC", "hours": {"mon": )" +
                          monday + R"(},
    "services": [{"id": "x", "name": "X", "duration_min": 30}],
    "staff": [{"id": "a", "name": "A"}]})");
}

DayHours Monday(const std::string& monday) {
  auto r = WithMonday(monday);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  return r->business.hours[0];
}

std::string Error(const std::string& monday) {
  auto r = WithMonday(monday);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Code::kConfig);
  return r.status().message();
}

}  // namespace

TEST_CASE("config: 24:00 is accepted as a closing time") {
  CHECK(Monday(R"([["18:00", "24:00"]])") == DayHours{{18 * 60, 1440}});
  CHECK(Monday(R"([["00:00", "24:00"]])") == DayHours{{0, 1440}});
}

TEST_CASE("config: 24:00 is rejected as an opening time") {
  CHECK(Error(R"([["24:00", "24:00"]])") ==
        "hours.mon[0][0]: 24:00 is only allowed as a closing time");
}

TEST_CASE("config: intervals given out of order are sorted") {
  CHECK(Monday(R"([["13:00", "17:00"], ["08:00", "12:00"]])") ==
        DayHours{{8 * 60, 12 * 60}, {13 * 60, 17 * 60}});
}

TEST_CASE("config: intervals that touch merge so that an appointment may span them") {
  CHECK(Monday(R"([["12:00", "17:00"], ["09:00", "12:00"]])") == DayHours{{9 * 60, 17 * 60}});
}

TEST_CASE("config: an empty list is a closed day") {
  CHECK(Monday("[]").empty());
}

TEST_CASE("config: overlapping intervals name both pairs") {
  CHECK(Error(R"([["09:00", "12:00"], ["11:00", "13:00"]])") ==
        "hours.mon[1]: 11:00-13:00 overlaps 09:00-12:00 (hours.mon[0])");
}

TEST_CASE("config: an interval inside another is an overlap") {
  CHECK(Error(R"([["09:00", "17:00"], ["10:00", "11:00"]])") ==
        "hours.mon[1]: 10:00-11:00 overlaps 09:00-17:00 (hours.mon[0])");
}

TEST_CASE("config: a closing time before the opening time explains how to cross midnight") {
  CHECK(Error(R"([["22:00", "02:00"]])") ==
        "hours.mon[0]: close 02:00 is before open 22:00 (to work past midnight, close at "
        "\"24:00\" and open the next day at \"00:00\")");
}

TEST_CASE("config: a day written as a single pair instead of a list of pairs gets a hint") {
  CHECK(Error(R"(["09:00", "17:00"])") ==
        "hours.mon[0]: must be an [\"HH:MM\", \"HH:MM\"] pair, got the string \"09:00\" (each "
        "day is a list of pairs: write [[\"09:00\", \"17:00\"]], not [\"09:00\", \"17:00\"])");
}

TEST_CASE("config: times must be zero-padded HH:MM within a day") {
  CHECK(Error(R"([["09:00", "17:60"]])") == "hours.mon[0][1]: \"17:60\" is out of range");
  CHECK(Error(R"([["09:00:00", "17:00"]])") ==
        "hours.mon[0][0]: \"09:00:00\" is not a time of day (expected HH:MM)");
}
