// DST transitions through the availability engine: gaps move forward by the
// gap, overlaps take the earlier instant, and slots step in elapsed minutes.
#include "schedule_fixtures.h"

using namespace voxdesk;
using namespace voxdesk::testing;
using V = std::vector<std::string>;

TEST_CASE("US spring forward: an overnight interval is an hour shorter in elapsed time") {
  Business b = MustLoad(SimpleBusiness("America/New_York", H({{"00:00", "06:00"}}), 60, 60));
  auto slots = Query(b, "2026-03-08T00:00:00-05:00", "2026-03-08T12:00:00-04:00");
  CHECK(Starts(b, slots) == V{"2026-03-08T00:00:00-05:00", "2026-03-08T01:00:00-05:00",
                              "2026-03-08T03:00:00-04:00", "2026-03-08T04:00:00-04:00",
                              "2026-03-08T05:00:00-04:00"});
}

TEST_CASE("US spring forward: an opening inside the gap moves forward by the gap") {
  Business b = MustLoad(SimpleBusiness("America/New_York", H({{"02:30", "05:00"}}), 60, 30));
  auto slots = Query(b, "2026-03-08T00:00:00-05:00", "2026-03-08T12:00:00-04:00");
  // 02:30 does not exist; it becomes 03:30 EDT, and the interval closes at 05:00 EDT.
  CHECK(Starts(b, slots) == V{"2026-03-08T03:30:00-04:00", "2026-03-08T04:00:00-04:00"});
}

TEST_CASE("US fall back: the repeated hour is offered twice, stepping in elapsed minutes") {
  Business b = MustLoad(SimpleBusiness("America/New_York", H({{"00:00", "04:00"}}), 60, 60));
  auto slots = Query(b, "2026-11-01T00:00:00-04:00", "2026-11-01T12:00:00-05:00");
  CHECK(Starts(b, slots) == V{"2026-11-01T00:00:00-04:00", "2026-11-01T01:00:00-04:00",
                              "2026-11-01T01:00:00-05:00", "2026-11-01T02:00:00-05:00",
                              "2026-11-01T03:00:00-05:00"});
}

TEST_CASE("US fall back: an ambiguous opening takes the earlier instant") {
  Business b = MustLoad(SimpleBusiness("America/New_York", H({{"01:30", "03:00"}}), 30, 30));
  auto slots = Query(b, "2026-11-01T00:00:00-04:00", "2026-11-01T12:00:00-05:00");
  // 01:30 EDT .. 03:00 EST is 2.5 elapsed hours: five 30-minute slots.
  CHECK(Starts(b, slots) == V{"2026-11-01T01:30:00-04:00", "2026-11-01T01:00:00-05:00",
                              "2026-11-01T01:30:00-05:00", "2026-11-01T02:00:00-05:00",
                              "2026-11-01T02:30:00-05:00"});
}

TEST_CASE("EU spring forward 2026-03-29 and fall back 2026-10-25 in Europe/Berlin") {
  Business b = MustLoad(SimpleBusiness("Europe/Berlin", H({{"01:00", "04:00"}}), 60, 60));
  auto spring = Query(b, "2026-03-29T00:00:00+01:00", "2026-03-29T12:00:00+02:00");
  CHECK(Starts(b, spring) == V{"2026-03-29T01:00:00+01:00", "2026-03-29T03:00:00+02:00"});
  auto autumn = Query(b, "2026-10-25T00:00:00+02:00", "2026-10-25T12:00:00+01:00");
  CHECK(Starts(b, autumn) == V{"2026-10-25T01:00:00+02:00", "2026-10-25T02:00:00+02:00",
                               "2026-10-25T02:00:00+01:00", "2026-10-25T03:00:00+01:00"});
}

TEST_CASE("staff in London, business in New York, in the weeks the offsets differ") {
  nlohmann::json j = SimpleBusiness("America/New_York", H({{"09:00", "17:00"}}), 60, 60);
  j["staff"] = {{{"id", "p"},
                 {"name", "Pat"},
                 {"timezone", "Europe/London"},
                 {"hours", Week(H({{"09:00", "11:00"}}))}}};
  Business b = MustLoad(j);
  // 2026-03-09: US on EDT (-4), UK still on GMT: 09:00 London = 05:00 New York.
  CHECK(Starts(b, Query(b, "2026-03-09T00:00:00-04:00", "2026-03-10T00:00:00-04:00")) ==
        V{"2026-03-09T05:00:00-04:00", "2026-03-09T06:00:00-04:00"});
  // 2026-03-30: both on summer time: 09:00 London = 04:00 New York.
  CHECK(Starts(b, Query(b, "2026-03-30T00:00:00-04:00", "2026-03-31T00:00:00-04:00")) ==
        V{"2026-03-30T04:00:00-04:00", "2026-03-30T05:00:00-04:00"});
  // 2026-03-02: both on winter time: 09:00 London = 04:00 New York.
  CHECK(Starts(b, Query(b, "2026-03-02T00:00:00-05:00", "2026-03-03T00:00:00-05:00")) ==
        V{"2026-03-02T04:00:00-05:00", "2026-03-02T05:00:00-05:00"});
  // 2026-10-26: UK back on GMT, US still on EDT until 2026-11-01: 09:00 London = 05:00 New York.
  CHECK(Starts(b, Query(b, "2026-10-26T00:00:00-04:00", "2026-10-27T00:00:00-04:00")) ==
        V{"2026-10-26T05:00:00-04:00", "2026-10-26T06:00:00-04:00"});
}

TEST_CASE("Australia/Lord_Howe: 30-minute DST shift on 2026-10-04 and 2026-04-05") {
  Business b = MustLoad(SimpleBusiness("Australia/Lord_Howe", H({{"01:00", "04:00"}}), 30, 30));
  // Spring: 02:00 +10:30 jumps to 02:30 +11: 3 local hours are 2.5 elapsed.
  auto spring = Query(b, "2026-10-04T00:00:00+10:30", "2026-10-04T12:00:00+11:00");
  CHECK(Starts(b, spring) == V{"2026-10-04T01:00:00+10:30", "2026-10-04T01:30:00+10:30",
                               "2026-10-04T02:30:00+11:00", "2026-10-04T03:00:00+11:00",
                               "2026-10-04T03:30:00+11:00"});
  // Autumn: 02:00 +11 falls back to 01:30 +10:30: 01:30-02:00 happens twice.
  auto autumn = Query(b, "2026-04-05T00:00:00+11:00", "2026-04-05T12:00:00+10:30");
  CHECK(Starts(b, autumn) == V{"2026-04-05T01:00:00+11:00", "2026-04-05T01:30:00+11:00",
                               "2026-04-05T01:30:00+10:30", "2026-04-05T02:00:00+10:30",
                               "2026-04-05T02:30:00+10:30", "2026-04-05T03:00:00+10:30",
                               "2026-04-05T03:30:00+10:30"});
}

TEST_CASE("Asia/Kathmandu: +05:45 offsets in slots") {
  Business b = MustLoad(SimpleBusiness("Asia/Kathmandu", H({{"09:00", "10:00"}}), 30, 30));
  auto slots = Query(b, "2026-06-01T00:00:00+05:45", "2026-06-02T00:00:00+05:45");
  REQUIRE(slots.size() == 2);
  CHECK(Starts(b, slots) == V{"2026-06-01T09:00:00+05:45", "2026-06-01T09:30:00+05:45"});
  CHECK(FormatRfc3339Utc(slots[0].start) == "2026-06-01T03:15:00Z");
}

TEST_CASE("a business open overnight across the fall-back transition") {
  nlohmann::json j = SimpleBusiness("America/New_York", nlohmann::json::array(), 60, 60);
  j["hours"]["sat"] = H({{"22:00", "24:00"}});
  j["hours"]["sun"] = H({{"00:00", "03:00"}});
  Business b = MustLoad(j);
  auto slots = Query(b, "2026-10-31T12:00:00-04:00", "2026-11-01T12:00:00-05:00");
  CHECK(Starts(b, slots) == V{"2026-10-31T22:00:00-04:00", "2026-10-31T23:00:00-04:00",
                              "2026-11-01T00:00:00-04:00", "2026-11-01T01:00:00-04:00",
                              "2026-11-01T01:00:00-05:00", "2026-11-01T02:00:00-05:00"});
  // A slot never spans the two local dates' intervals: each is its own working interval.
  for (const auto& s : slots) CHECK(s.end - s.start == std::chrono::minutes{60});
}

TEST_CASE("a business open overnight across the spring-forward transition") {
  nlohmann::json j = SimpleBusiness("America/New_York", nlohmann::json::array(), 30, 30);
  j["hours"]["sat"] = H({{"23:00", "24:00"}});
  j["hours"]["sun"] = H({{"00:00", "04:00"}});
  Business b = MustLoad(j);
  auto slots = Query(b, "2026-03-07T12:00:00-05:00", "2026-03-08T12:00:00-04:00");
  CHECK(Starts(b, slots) == V{"2026-03-07T23:00:00-05:00", "2026-03-07T23:30:00-05:00",
                              "2026-03-08T00:00:00-05:00", "2026-03-08T00:30:00-05:00",
                              "2026-03-08T01:00:00-05:00", "2026-03-08T01:30:00-05:00",
                              "2026-03-08T03:00:00-04:00", "2026-03-08T03:30:00-04:00"});
}
