// Unknown and duplicate keys never fail a load: they come back as warnings
// that name the path, with a suggestion when the key looks like a typo.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "schedule/config_loader.h"

using namespace voxdesk;

namespace {

std::vector<std::string> Warnings(const std::string& text) {
  auto r = LoadBusinessJson(text);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  return r->warnings;
}

bool Has(const std::vector<std::string>& ws, const std::string& w) {
  return std::find(ws.begin(), ws.end(), w) != ws.end();
}

}  // namespace

TEST_CASE("config: unknown keys at every level are warnings naming their path") {
  const auto ws = Warnings(R"({
    "id": "s", "name": "S", "timezone": "UTC", "colour": "blue",
    "hours": {"mon": [["09:00", "17:00"]], "holidays": []},
    "booking": {"horizon_days": 10, "max_per_day": 3},
    "services": [{"id": "x", "name": "X", "duration_min": 30, "color": "#fff"}],
    "staff": [{"id": "a", "name": "A", "colour": "red",
               "overrides": [{"date": "2026-03-10", "hours": [], "reason": "dentist"}],
               "busy": [{"start": "2026-03-09T13:00:00Z", "end": "2026-03-09T14:00:00Z",
                         "title": "lunch"}]}],
    "bookings": [{"id": "b", "service": "x", "staff": "a", "start": "2026-03-09T10:00:00Z",
                  "notes": "n", "customer": {"name": "Ana", "dob": "1990-01-01"}}],
    "faq": [{"q": "Q?", "a": "A.", "tags": []}],
    "knowledge": [{"title": "T", "text": "X", "url": "u"}]
  })");
  CHECK(Has(ws, "colour: unknown key (ignored)"));
  CHECK(Has(ws, "hours.holidays: unknown key (ignored)"));
  CHECK(Has(ws, "booking.max_per_day: unknown key (ignored)"));
  CHECK(Has(ws, "services[0].color: unknown key (ignored)"));
  CHECK(Has(ws, "staff[0].colour: unknown key (ignored)"));
  CHECK(Has(ws, "staff[0].overrides[0].reason: unknown key (ignored)"));
  CHECK(Has(ws, "staff[0].busy[0].title: unknown key (ignored)"));
  CHECK(Has(ws, "bookings[0].notes: unknown key (ignored)"));
  CHECK(Has(ws, "bookings[0].customer.dob: unknown key (ignored)"));
  CHECK(Has(ws, "faq[0].tags: unknown key (ignored)"));
  CHECK(Has(ws, "knowledge[0].url: unknown key (ignored)"));
  CHECK(ws.size() == 11);
}

TEST_CASE("config: a misspelt key gets a suggestion, and the field it meant stays unset") {
  auto r = LoadBusinessJson(R"({
    "id": "s", "name": "S", "timezone": "UTC", "industy": "legal",
    "hours": {"Monday": [["09:00", "17:00"]], "tues": [["09:00", "17:00"]]},
    "services": [{"id": "x", "name": "X", "duration_min": 30, "synonym": ["y"]}],
    "staff": [{"id": "a", "name": "A", "hourz": {}}]
  })");
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  const auto& ws = r->warnings;
  CHECK(Has(ws, "industy: unknown key (ignored); did you mean \"industry\"?"));
  CHECK(Has(ws, "hours.Monday: unknown key (ignored); did you mean \"mon\"?"));
  CHECK(Has(ws, "hours.tues: unknown key (ignored); did you mean \"tue\"?"));
  CHECK(Has(ws, "services[0].synonym: unknown key (ignored); did you mean \"synonyms\"?"));
  CHECK(Has(ws, "staff[0].hourz: unknown key (ignored); did you mean \"hours\"?"));
  CHECK(r->business.industry == "generic");
  CHECK(r->business.hours[0].empty());
}

TEST_CASE("config: keys that are not identifiers are quoted in the path") {
  const auto ws = Warnings(R"({"id": "s", "name": "S", "timezone": "UTC",
    "hours": {}, "first name": 1, "a.b": 2,
    "services": [{"id": "x", "name": "X", "duration_min": 30}],
    "staff": [{"id": "a", "name": "A"}]})");
  CHECK(Has(ws, "[\"first name\"]: unknown key (ignored)"));
  CHECK(Has(ws, "[\"a.b\"]: unknown key (ignored)"));
}

TEST_CASE("config: a key given twice is a warning and the last value is used") {
  auto r = LoadBusinessJson(R"({"id": "s", "name": "First", "name": "Second", "timezone": "UTC",
    "hours": {},
    "services": [{"id": "x", "name": "X", "duration_min": 30, "duration_min": 45}],
    "staff": [{"id": "a", "name": "A"}]})");
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  CHECK(Has(r->warnings, "name: duplicate key (the last value is used)"));
  CHECK(Has(r->warnings, "services[0].duration_min: duplicate key (the last value is used)"));
  CHECK(r->business.name == "Second");
  CHECK(r->business.services[0].duration_min == 45);
}

TEST_CASE("config: a flood of unknown keys is capped with a count of the rest") {
  std::string text = R"({"id": "s", "name": "S", "timezone": "UTC", "hours": {},
    "services": [{"id": "x", "name": "X", "duration_min": 30}],
    "staff": [{"id": "a", "name": "A"}])";
  for (int i = 0; i < 250; ++i) text += ", \"extra" + std::to_string(i) + "\": 0";
  text += "}";
  const auto ws = Warnings(text);
  REQUIRE(ws.size() == 101);
  CHECK(ws.back() == "150 more warnings not shown");
}

TEST_CASE("config: unknown keys with odd bytes still give printable warnings") {
  const auto ws = Warnings(
      "{\"id\": \"s\", \"name\": \"S\", \"timezone\": \"UTC\", \"hours\": {},"
      "\"services\": [{\"id\": \"x\", \"name\": \"X\", \"duration_min\": 30}],"
      "\"staff\": [{\"id\": \"a\", \"name\": \"A\"}], \"tab\\there\": 1}");
  CHECK(Has(ws, "[\"tab?here\"]: unknown key (ignored)"));
}
