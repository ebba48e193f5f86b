// A REQUEST for a booking carries everything a calendar needs, and libical
// reads every field back as written.
#include <doctest/doctest.h>

#include "test_ical_fixture.h"
#include "test_sqlite_store_fixture.h"

using namespace voxdesk;
using namespace voxdesk::testing;

TEST_CASE("a booking exported as REQUEST parses back with every field") {
  const Business biz = SampleBusiness();
  const BookingRecord b = SampleBooking(At("2026-03-09T10:00:00-04:00"));
  const Instant stamp = At("2026-03-01T12:34:56Z");
  const std::string ics = BookingToIcs(biz, b, stamp, IcsMethod::kRequest);

  auto cal = ParseIcs(ics);
  CHECK(std::string(icalproperty_get_prodid(Prop(cal.get(), ICAL_PRODID_PROPERTY))) ==
        "-//voxdesk//voxdesk 0.1//EN");
  CHECK(std::string(icalproperty_get_version(Prop(cal.get(), ICAL_VERSION_PROPERTY))) == "2.0");
  CHECK(icalproperty_get_method(Prop(cal.get(), ICAL_METHOD_PROPERTY)) == ICAL_METHOD_REQUEST);

  icalcomponent* ev = OnlyEvent(cal.get());
  CHECK(std::string(icalcomponent_get_uid(ev)) == "bk_0123456789abcdef@bright-smile.voxdesk");
  CHECK(icaltime_as_timet(icalcomponent_get_dtstamp(ev)) == 1772368496);
  const icaltimetype start = icalcomponent_get_dtstart(ev);
  const icaltimetype end = icalcomponent_get_dtend(ev);
  CHECK(icaltime_is_utc(start));
  CHECK(icaltime_is_utc(end));
  CHECK(icaltime_as_timet(start) == b.start.time_since_epoch().count());
  CHECK(icaltime_as_timet(end) == b.end.time_since_epoch().count());
  CHECK(ics.find("DTSTART:20260309T140000Z\r\n") != std::string::npos);
  CHECK(icalcomponent_get_sequence(ev) == 0);
  CHECK(icalcomponent_get_status(ev) == ICAL_STATUS_CONFIRMED);
  CHECK(std::string(icalcomponent_get_summary(ev)) ==
        "Teeth cleaning at Bright Smile Dental with Dr. Lee");
  CHECK(std::string(icalcomponent_get_location(ev)) == "210 Maple Avenue, Springfield");
  CHECK(std::string(icalcomponent_get_description(ev)).find("Confirmation code: QXT7KM") !=
        std::string::npos);

  icalproperty* org = Prop(ev, ICAL_ORGANIZER_PROPERTY);
  CHECK(std::string(icalproperty_get_organizer(org)) == "mailto:front-desk@brightsmile.example");
  CHECK(Param(org, "CN") == "Bright Smile Dental");

  icalproperty* att = Prop(ev, ICAL_ATTENDEE_PROPERTY);
  CHECK(std::string(icalproperty_get_attendee(att)) == "mailto:ana@example.com");
  CHECK(Param(att, "CN") == "Ana Ruiz");
  CHECK(Param(att, "RSVP") == "FALSE");
  CHECK(icalcomponent_count_properties(ev, ICAL_ATTENDEE_PROPERTY) == 1);
}

TEST_CASE("optional fields fall back or are left out instead of being invented") {
  Business biz = SampleBusiness();
  biz.address.clear();
  biz.email.clear();
  BookingRecord b = SampleBooking(At("2026-03-09T14:00:00Z"));
  b.customer.email.clear();
  b.staff = "someone-not-in-config";

  auto cal = ParseIcs(BookingToIcs(biz, b, At("2026-03-01T12:00:00Z"), IcsMethod::kRequest));
  icalcomponent* ev = OnlyEvent(cal.get());
  CHECK(icalcomponent_get_first_property(ev, ICAL_LOCATION_PROPERTY) == nullptr);
  CHECK(std::string(icalproperty_get_organizer(Prop(ev, ICAL_ORGANIZER_PROPERTY))) ==
        "tel:+15550100100");
  CHECK(std::string(icalproperty_get_attendee(Prop(ev, ICAL_ATTENDEE_PROPERTY))) ==
        "tel:+15550142");
  CHECK(std::string(icalcomponent_get_summary(ev)) ==
        "Teeth cleaning at Bright Smile Dental with someone-not-in-config");

  biz.phone.clear();
  b.customer.phone.clear();
  cal = ParseIcs(BookingToIcs(biz, b, At("2026-03-01T12:00:00Z"), IcsMethod::kRequest));
  ev = OnlyEvent(cal.get());
  CHECK(icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY) == nullptr);
  CHECK(icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY) == nullptr);
}
