// Every rejected value is reported at its exact JSON path, so that a user can
// find the line to fix without reading the loader.
#include <doctest/doctest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "schedule/config_loader.h"

using namespace voxdesk;
using nlohmann::json;

namespace {

json J(const char* text) {
  return json::parse(text);
}

json Base() {
  return json::parse(R"({
    "id": "shop", "name": "Shop", "timezone": "America/New_York",
    "hours": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]]},
    "closures": ["2026-12-25"],
    "booking": {"min_notice_min": 60, "horizon_days": 60, "slot_step_min": 15},
    "services": [
      {"id": "cut", "name": "Cut", "duration_min": 30, "synonyms": ["haircut"]},
      {"id": "color", "name": "Color", "duration_min": 90, "staff": ["ann"]}
    ],
    "staff": [
      {"id": "ann", "name": "Ann",
       "overrides": [{"date": "2026-03-10", "hours": []}],
       "busy": [{"start": "2026-03-09T13:00:00-04:00", "end": "2026-03-09T14:00:00-04:00"}]},
      {"id": "bob", "name": "Bob", "hours": {"mon": [["10:00", "14:00"]]}}
    ],
    "bookings": [
      {"id": "b1", "service": "cut", "staff": "ann", "start": "2026-03-09T10:00:00-04:00",
       "customer": {"name": "Ana Ruiz", "phone": "+15550142", "email": "ana@example.com"}}
    ],
    "faq": [{"q": "Parking?", "a": "Behind the building."}],
    "knowledge": [{"title": "Parking", "text": "Free."}],
    "conflicts": ["Gregory Hale"],
    "service_area": ["80202"]
  })");
}

struct Case {
  const char* what;
  std::function<void(json&)> mutate;
  std::string expected;  // the message must start with this
};

const Case kCases[] = {
    // The examples named in the contract and the task, verbatim.
    {"close before open",
     [](json& j) { j["staff"][1]["hours"]["mon"] = J(R"([["09:00", "08:00"]])"); },
     "staff[1].hours.mon[0]: close 08:00 is before open 09:00"},
    {"zero duration", [](json& j) { j["services"][0]["duration_min"] = 0; },
     "services[0].duration_min: must be a positive integer, got 0"},
    {"unknown zone", [](json& j) { j["timezone"] = "Mars/Base"; },
     "timezone: unknown time zone \"Mars/Base\""},
    {"booking staff unknown", [](json& j) { j["bookings"][0]["staff"] = "zed"; },
     "bookings[0].staff: unknown staff id \"zed\""},
    {"service staff unknown", [](json& j) { j["services"][1]["staff"][0] = "x"; },
     "services[1].staff[0]: unknown staff id \"x\""},

    // Integers must be JSON integers in range.
    {"negative duration", [](json& j) { j["services"][0]["duration_min"] = -5; },
     "services[0].duration_min: must be a positive integer, got -5"},
    {"float duration", [](json& j) { j["services"][0]["duration_min"] = 60.0; },
     "services[0].duration_min: must be a positive integer, got 60.0"},
    {"string duration", [](json& j) { j["services"][0]["duration_min"] = "60"; },
     "services[0].duration_min: must be a positive integer, got the string \"60\""},
    {"bool duration", [](json& j) { j["services"][0]["duration_min"] = true; },
     "services[0].duration_min: must be a positive integer, got true"},
    {"huge duration", [](json& j) { j["services"][0]["duration_min"] = 2000; },
     "services[0].duration_min: 2000 is above the maximum of 1440 minutes"},
    {"uint64 duration", [](json& j) { j["services"][0]["duration_min"] = 18446744073709551615ull; },
     "services[0].duration_min: 18446744073709551615 is above the maximum of 1440 minutes"},
    {"missing duration", [](json& j) { j["services"][0].erase("duration_min"); },
     "services[0].duration_min: missing (expected a positive integer of minutes)"},
    {"null duration", [](json& j) { j["services"][0]["duration_min"] = nullptr; },
     "services[0].duration_min: must be a positive integer, got null"},
    {"negative buffer", [](json& j) { j["services"][0]["buffer_after_min"] = -5; },
     "services[0].buffer_after_min: must be a non-negative integer, got -5"},
    {"buffer as float", [](json& j) { j["services"][1]["buffer_before_min"] = 1.5; },
     "services[1].buffer_before_min: must be a non-negative integer, got 1.5"},
    {"zero service step", [](json& j) { j["services"][0]["slot_step_min"] = 0; },
     "services[0].slot_step_min: must be a positive integer, got 0"},
    {"zero horizon", [](json& j) { j["booking"]["horizon_days"] = 0; },
     "booking.horizon_days: must be a positive integer, got 0"},
    {"long horizon", [](json& j) { j["booking"]["horizon_days"] = 731; },
     "booking.horizon_days: 731 is above the maximum of 730 days"},
    {"negative notice", [](json& j) { j["booking"]["min_notice_min"] = -1; },
     "booking.min_notice_min: must be a non-negative integer, got -1"},
    {"notice beyond horizon",
     [](json& j) {
       j["booking"]["horizon_days"] = 1;
       j["booking"]["min_notice_min"] = 1440;
     },
     "booking.min_notice_min: 1440 minutes of notice leave nothing bookable"},
    {"zero step", [](json& j) { j["booking"]["slot_step_min"] = 0; },
     "booking.slot_step_min: must be a positive integer, got 0"},
    {"booking not an object", [](json& j) { j["booking"] = json::array(); },
     "booking: must be an object {...}, got an empty array"},

    // Required top-level fields.
    {"missing id", [](json& j) { j.erase("id"); }, "id: missing (expected a non-empty id string)"},
    {"empty id", [](json& j) { j["id"] = ""; }, "id: must not be empty"},
    {"padded id", [](json& j) { j["id"] = "shop "; },
     "id: \"shop \" has leading or trailing whitespace"},
    {"numeric name", [](json& j) { j["name"] = 5; }, "name: must be a non-empty string, got 5"},
    {"blank name", [](json& j) { j["name"] = "   "; }, "name: must not be empty"},
    {"missing timezone", [](json& j) { j.erase("timezone"); }, "timezone: missing"},
    {"missing hours", [](json& j) { j.erase("hours"); }, "hours: missing"},
    {"hours as list", [](json& j) { j["hours"] = json::array(); },
     "hours: must be an object with keys mon..sun"},

    // Optional top-level fields with formats.
    {"unknown industry", [](json& j) { j["industry"] = "dental"; },
     "industry: unknown industry \"dental\" (expected one of medical, legal, home_services, "
     "generic)"},
    {"bad locale", [](json& j) { j["locale"] = "english"; },
     "locale: \"english\" is not a language tag"},
    {"underscore locale", [](json& j) { j["locale"] = "en_US"; },
     "locale: \"en_US\" is not a language tag (expected lang[-REGION], e.g. en-US, es, es-MX; "
     "use '-' instead of '_')"},
    {"formatted transfer number", [](json& j) { j["transfer_number"] = "555-0100"; },
     "transfer_number: \"555-0100\" is not an E.164 phone number"},
    {"short on-call number", [](json& j) { j["on_call_number"] = "+1555"; },
     "on_call_number: \"+1555\" is not an E.164 phone number"},
    {"too long phone", [](json& j) { j["phone"] = "+1234567890123456"; },
     "phone: \"+1234567890123456\" is not an E.164 phone number"},
    {"bad email", [](json& j) { j["email"] = "front desk@example"; },
     "email: \"front desk@example\" is not an email address"},
    {"address not text", [](json& j) { j["address"] = json::object(); },
     "address: must be a string, got an object"},

    // Closures.
    {"impossible closure date", [](json& j) { j["closures"].push_back("2026-02-30"); },
     "closures[1]: \"2026-02-30\" is not a calendar date"},
    {"closure without dashes", [](json& j) { j["closures"][0] = "20261225"; },
     "closures[0]: \"20261225\" is not a date (expected YYYY-MM-DD)"},
    {"duplicate closure", [](json& j) { j["closures"].push_back("2026-12-25"); },
     "closures[1]: duplicate date 2026-12-25 (also closures[0])"},
    {"closure as number", [](json& j) { j["closures"][0] = 20261225; },
     "closures[0]: must be a date \"YYYY-MM-DD\", got 20261225"},

    // Hours.
    {"24:00 as open", [](json& j) { j["hours"]["mon"] = J(R"([["24:00", "24:00"]])"); },
     "hours.mon[0][0]: 24:00 is only allowed as a closing time"},
    {"hour out of range", [](json& j) { j["hours"]["tue"] = J(R"([["09:00", "25:00"]])"); },
     "hours.tue[0][1]: \"25:00\" is out of range"},
    {"single-digit hour", [](json& j) { j["hours"]["tue"] = J(R"([["9:00", "17:00"]])"); },
     "hours.tue[0][0]: \"9:00\" is not a time of day (expected HH:MM)"},
    {"empty interval", [](json& j) { j["hours"]["mon"] = J(R"([["09:00", "09:00"]])"); },
     "hours.mon[0]: close 09:00 equals open 09:00"},
    {"flat pair", [](json& j) { j["hours"]["mon"] = J(R"(["09:00", "17:00"])"); },
     "hours.mon[0]: must be an [\"HH:MM\", \"HH:MM\"] pair, got the string \"09:00\" (each day is "
     "a list of pairs"},
    {"three-element pair",
     [](json& j) { j["hours"]["mon"] = J(R"([["09:00", "12:00", "17:00"]])"); },
     "hours.mon[0]: must be an [\"HH:MM\", \"HH:MM\"] pair, got an array of 3 items"},
    {"day as string", [](json& j) { j["hours"]["mon"] = "09:00-17:00"; },
     "hours.mon: must be a list of [\"HH:MM\", \"HH:MM\"] pairs"},
    {"numeric time",
     [](json& j) {
       j["hours"]["mon"] = {{9, "17:00"}};
     },
     "hours.mon[0][0]: must be an opening time \"HH:MM\", got 9"},
    {"overlapping intervals",
     [](json& j) { j["hours"]["tue"] = J(R"([["09:00", "17:00"], ["12:00", "18:00"]])"); },
     "hours.tue[1]: 12:00-18:00 overlaps 09:00-17:00 (hours.tue[0])"},
    {"overlap given out of order",
     [](json& j) {
       j["hours"]["tue"] = J(R"([["13:00", "17:00"], ["08:00", "12:00"], ["11:00", "14:00"]])");
     },
     "hours.tue[2]: 11:00-14:00 overlaps 08:00-12:00 (hours.tue[1])"},

    // Staff.
    {"no staff", [](json& j) { j["staff"] = json::array(); },
     "staff: must list at least one staff member"},
    {"staff not a list", [](json& j) { j["staff"] = "ann"; },
     "staff: must be a non-empty list of staff members, got the string \"ann\""},
    {"staff entry not an object", [](json& j) { j["staff"][1] = 5; },
     "staff[1]: must be an object {...}, got 5"},
    {"duplicate staff id", [](json& j) { j["staff"][1]["id"] = "ann"; },
     "staff[1].id: duplicate id \"ann\" (also staff[0])"},
    {"staff without name", [](json& j) { j["staff"][0].erase("name"); },
     "staff[0].name: missing (expected a non-empty string)"},
    {"unknown staff zone", [](json& j) { j["staff"][0]["timezone"] = "Nowhere/City"; },
     "staff[0].timezone: unknown time zone \"Nowhere/City\""},
    {"duplicate override date",
     [](json& j) {
       j["staff"][0]["overrides"].push_back({{"date", "2026-03-10"}, {"hours", json::array()}});
     },
     "staff[0].overrides[1].date: duplicate date 2026-03-10 (also staff[0].overrides[0])"},
    {"sloppy override date", [](json& j) { j["staff"][0]["overrides"][0]["date"] = "2026-3-10"; },
     "staff[0].overrides[0].date: \"2026-3-10\" is not a date"},
    {"override without hours", [](json& j) { j["staff"][0]["overrides"][0].erase("hours"); },
     "staff[0].overrides[0].hours: missing"},
    {"override hours backwards",
     [](json& j) { j["staff"][0]["overrides"][0]["hours"] = J(R"([["14:00", "10:00"]])"); },
     "staff[0].overrides[0].hours[0]: close 10:00 is before open 14:00"},
    {"busy ends before start",
     [](json& j) { j["staff"][0]["busy"][0]["end"] = "2026-03-09T12:00:00-04:00"; },
     "staff[0].busy[0].end: must be after start"},
    {"busy without offset",
     [](json& j) { j["staff"][0]["busy"][0]["start"] = "2026-03-09T13:00:00"; },
     "staff[0].busy[0].start: \"2026-03-09T13:00:00\" is not an RFC 3339 date-time"},
    {"busy without end", [](json& j) { j["staff"][0]["busy"][0].erase("end"); },
     "staff[0].busy[0].end: missing (expected an RFC 3339 date-time"},
    {"staff hours day misspelt into wrong type",
     [](json& j) { j["staff"][1]["hours"]["mon"] = json::object(); },
     "staff[1].hours.mon: must be a list of"},

    // Services.
    {"no services", [](json& j) { j["services"] = json::array(); },
     "services: must list at least one service"},
    {"service entry not an object", [](json& j) { j["services"][0] = "cut"; },
     "services[0]: must be an object {...}, got the string \"cut\""},
    {"duplicate service id", [](json& j) { j["services"][1]["id"] = "cut"; },
     "services[1].id: duplicate id \"cut\" (also services[0])"},
    {"empty service staff list", [](json& j) { j["services"][1]["staff"] = json::array(); },
     "services[1].staff: must list at least one staff id"},
    {"staff listed twice", [](json& j) { j["services"][1]["staff"] = J(R"(["ann", "ann"])"); },
     "services[1].staff[1]: \"ann\" is listed twice (also services[1].staff[0])"},
    {"empty synonym", [](json& j) { j["services"][0]["synonyms"] = J(R"(["trim", ""])"); },
     "services[0].synonyms[1]: must not be empty"},
    {"synonym shared by two services",
     [](json& j) { j["services"][1]["synonyms"] = J(R"(["HairCut"])"); },
     "services[1].synonyms[0]: \"HairCut\" is already a synonym of service \"cut\" "
     "(services[0].synonyms[0])"},
    {"price as text", [](json& j) { j["services"][0]["price"] = "$50"; },
     "services[0].price: must be a non-negative number such as 120 or 89.5, got the string "
     "\"$50\""},
    {"negative price", [](json& j) { j["services"][0]["price"] = -1; },
     "services[0].price: must be a non-negative number, got -1"},
    {"description not text", [](json& j) { j["services"][0]["description"] = 3; },
     "services[0].description: must be a string, got 3"},

    // Bookings.
    {"unknown booking service", [](json& j) { j["bookings"][0]["service"] = "perm"; },
     "bookings[0].service: unknown service id \"perm\""},
    {"unqualified staff",
     [](json& j) {
       j["bookings"][0]["service"] = "color";
       j["bookings"][0]["staff"] = "bob";
     },
     "bookings[0].staff: \"bob\" does not perform service \"color\""},
    {"booking without staff", [](json& j) { j["bookings"][0].erase("staff"); },
     "bookings[0].staff: missing"},
    {"booking start without offset",
     [](json& j) { j["bookings"][0]["start"] = "2026-03-09 10:00"; },
     "bookings[0].start: \"2026-03-09 10:00\" is not an RFC 3339 date-time"},
    {"duplicate booking id",
     [](json& j) {
       json second = j["bookings"][0];
       second["start"] = "2026-03-09T15:00:00-04:00";
       j["bookings"].push_back(second);
     },
     "bookings[1].id: duplicate id \"b1\" (also bookings[0])"},
    {"double booking",
     [](json& j) {
       j["bookings"].push_back({{"id", "b2"},
                                {"service", "color"},
                                {"staff", "ann"},
                                {"start", "2026-03-09T14:15:00Z"}});
     },
     "bookings[1].start: overlaps bookings[0] for staff \"ann\""},
    {"bad customer phone",
     [](json& j) { j["bookings"][0]["customer"]["phone"] = "(555) 014-2000"; },
     "bookings[0].customer.phone: \"(555) 014-2000\" is not an E.164 phone number"},
    {"bad customer email", [](json& j) { j["bookings"][0]["customer"]["email"] = "ana@"; },
     "bookings[0].customer.email: \"ana@\" is not an email address"},
    {"customer as string", [](json& j) { j["bookings"][0]["customer"] = "Ana"; },
     "bookings[0].customer: must be an object"},

    // Conversation data.
    {"faq without answer", [](json& j) { j["faq"][0].erase("a"); }, "faq[0].a: missing"},
    {"empty knowledge title", [](json& j) { j["knowledge"][0]["title"] = ""; },
     "knowledge[0].title: must not be empty"},
    {"numeric conflict", [](json& j) { j["conflicts"][0] = 7; },
     "conflicts[0]: must be a non-empty string, got 7"},
    {"ZIP as number", [](json& j) { j["service_area"][0] = 80202; },
     "service_area[0]: must be a ZIP code string such as \"80202\", got the number 80202 (quote "
     "ZIP codes"},
    {"short ZIP", [](json& j) { j["service_area"].push_back("8020"); },
     "service_area[1]: \"8020\" is not a ZIP code"},
    {"duplicate ZIP", [](json& j) { j["service_area"].push_back("80202"); },
     "service_area[1]: duplicate ZIP code \"80202\" (also service_area[0])"},
};

}  // namespace

TEST_CASE("config: the base configuration of the error table is itself valid") {
  auto r = LoadBusinessJson(Base().dump());
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  CHECK(r->warnings.empty());
}

TEST_CASE("config: each invalid value is reported as a config error at its exact JSON path") {
  for (const Case& c : kCases) {
    json j = Base();
    c.mutate(j);
    auto r = LoadBusinessJson(j.dump());
    INFO("case: ", std::string(c.what));
    CHECK_FALSE(r.ok());
    if (r.ok()) continue;
    CHECK(r.status().code() == Code::kConfig);
    const std::string& msg = r.status().message();
    CHECK_MESSAGE(msg.starts_with(c.expected), "got: ", msg);
  }
}

TEST_CASE("config: a document that is not an object is rejected at the top level") {
  auto r = LoadBusinessJson("[1, 2]");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() ==
        "(top level): the configuration must be a JSON object {...}, got an array of 2 items");
}
