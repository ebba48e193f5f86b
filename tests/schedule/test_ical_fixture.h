// Shared pieces of the iCalendar tests: a sample business and booking, and
// parsing the exported text back with libical.
#pragma once

#include <doctest/doctest.h>
#include <libical/ical.h>

#include <memory>
#include <string>

#include "schedule/business.h"
#include "schedule/ical.h"
#include "schedule/store.h"

namespace voxdesk::testing {

struct IcalFree {
  void operator()(icalcomponent* c) const noexcept { icalcomponent_free(c); }
};
using ParsedIcs = std::unique_ptr<icalcomponent, IcalFree>;

inline ParsedIcs ParseIcs(const std::string& text) {
  ParsedIcs cal(icalparser_parse_string(text.c_str()));
  REQUIRE_MESSAGE(cal != nullptr, "libical could not parse:\n" << text);
  REQUIRE(icalcomponent_isa(cal.get()) == ICAL_VCALENDAR_COMPONENT);
  return cal;
}

inline icalcomponent* OnlyEvent(icalcomponent* cal) {
  REQUIRE(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT) == 1);
  return icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
}

inline icalproperty* Prop(icalcomponent* c, icalproperty_kind kind) {
  icalproperty* p = icalcomponent_get_first_property(c, kind);
  REQUIRE_MESSAGE(p != nullptr, "missing " << icalproperty_kind_to_string(kind));
  return p;
}

inline std::string Param(icalproperty* p, const char* name) {
  const char* v = icalproperty_get_parameter_as_string(p, name);
  return v ? v : "";
}

inline Business SampleBusiness() {
  Business b;
  b.id = "bright-smile";
  b.name = "Bright Smile Dental";
  b.timezone = "America/New_York";
  b.address = "210 Maple Avenue, Springfield";
  b.email = "front-desk@brightsmile.example";
  b.phone = "+15550100100";
  Service s;
  s.id = "cleaning";
  s.name = "Teeth cleaning";
  s.duration_min = 60;
  b.services.push_back(s);
  Staff lee;
  lee.id = "lee";
  lee.name = "Dr. Lee";
  b.staff.push_back(lee);
  return b;
}

inline BookingRecord SampleBooking(Instant start) {
  BookingRecord r;
  r.business_id = "bright-smile";
  r.id = "bk_0123456789abcdef";
  r.service = "cleaning";
  r.staff = "lee";
  r.start = start;
  r.end = start + std::chrono::hours{1};
  r.confirmation_code = "QXT7KM";
  r.customer = {"Ana Ruiz", "+15550142", "ana@example.com"};
  r.sequence = 0;
  return r;
}

}  // namespace voxdesk::testing
