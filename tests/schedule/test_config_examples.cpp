// The example businesses shipped in examples/business/ are the first thing a
// new user copies, so each must load cleanly and say what it claims to.
#include <doctest/doctest.h>

#include <string>

#include "schedule/config_loader.h"

using namespace voxdesk;

namespace {

Business LoadExample(const std::string& name) {
  auto r = LoadBusinessFile(std::string(VOXDESK_SOURCE_DIR) + "/examples/business/" + name);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  std::string all;
  for (const auto& w : r->warnings) all += w + "\n";
  CHECK_MESSAGE(r->warnings.empty(), all);
  return std::move(r).value().business;
}

LocalDate Ymd(int y, unsigned m, unsigned d) {
  return LocalDate{date::year{y}, date::month{m}, date::day{d}};
}

}  // namespace

TEST_CASE("config: the medical practice example loads with no warnings") {
  const Business b = LoadExample("medical-practice.json");
  CHECK(b.industry == "medical");
  CHECK(b.timezone == "America/New_York");
  CHECK(b.staff.size() == 3);
  CHECK(b.IsClosed(Ymd(2026, 12, 25)));
  CHECK_FALSE(b.on_call_number.empty());
  CHECK_FALSE(b.address.empty());
  CHECK_FALSE(b.faq.empty());
  CHECK_FALSE(b.knowledge.empty());
  int other_zone = 0;
  for (const Staff& s : b.staff) other_zone += s.timezone != b.timezone;
  CHECK(other_zone == 1);
  // Lunch breaks: the business day has a gap.
  CHECK(b.hours[0].size() == 2);
  bool buffered = false, with_synonyms = true;
  for (const Service& s : b.services) {
    buffered |= s.buffer_before_min > 0 || s.buffer_after_min > 0;
    with_synonyms &= !s.synonyms.empty();
  }
  CHECK(buffered);
  CHECK(with_synonyms);
}

TEST_CASE("config: the family-law example loads with no warnings") {
  const Business b = LoadExample("family-law.json");
  CHECK(b.industry == "legal");
  CHECK(b.timezone == "America/Chicago");
  CHECK_FALSE(b.conflicts.empty());
  CHECK(b.FindService("consultation"));
  CHECK(b.FindService("mediation"));
}

TEST_CASE("config: the HVAC example loads with no warnings") {
  const Business b = LoadExample("hvac.json");
  CHECK(b.industry == "home_services");
  CHECK(b.timezone == "America/Denver");
  CHECK(b.staff.size() == 8);
  CHECK_FALSE(b.service_area.empty());
  CHECK_FALSE(b.on_call_number.empty());
  int weekend_staff = 0, with_overrides = 0, long_services = 0;
  for (const Staff& s : b.staff) {
    weekend_staff += !s.hours[5].empty() && !s.hours[6].empty();
    with_overrides += !s.overrides.empty();
  }
  for (const Service& s : b.services) long_services += s.duration_min >= 180;
  CHECK(weekend_staff >= 1);
  CHECK(with_overrides == 1);
  CHECK(long_services >= 2);
}
