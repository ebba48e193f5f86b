// The messages for one booking share a UID and their SEQUENCE grows with
// every change the store makes, so a calendar applies a CANCEL sent after a
// REQUEST and ignores a stale REQUEST arriving late.
#include <doctest/doctest.h>

#include "test_ical_fixture.h"
#include "test_sqlite_store_fixture.h"

using namespace voxdesk;
using namespace voxdesk::testing;

TEST_CASE("a CANCEL after a cancel has a higher SEQUENCE than the REQUEST for the same booking") {
  const Business biz = SampleBusiness();
  auto store = OpenStore(":memory:");
  IdGenerator ids(91);
  const Instant now = At("2026-03-01T12:00:00Z");
  auto booked = store->Book(
      Booking({"lee"}, At("2026-03-09T14:00:00Z"), At("2026-03-09T15:00:00Z")), now, ids);
  REQUIRE(booked.ok());
  auto request = ParseIcs(BookingToIcs(biz, booked->booking, now, IcsMethod::kRequest));

  auto moved = store->Reschedule(
      Move(booked->booking.id, {"lee"}, At("2026-03-09T16:00:00Z"), At("2026-03-09T17:00:00Z")),
      now);
  REQUIRE(moved.ok());
  auto update = ParseIcs(BookingToIcs(biz, *moved, now, IcsMethod::kRequest));

  auto cancelled = store->Cancel(kBiz, booked->booking.id, now + std::chrono::hours{1});
  REQUIRE(cancelled.ok());
  auto cancel =
      ParseIcs(BookingToIcs(biz, *cancelled, now + std::chrono::hours{1}, IcsMethod::kCancel));

  icalcomponent* r = OnlyEvent(request.get());
  icalcomponent* u = OnlyEvent(update.get());
  icalcomponent* c = OnlyEvent(cancel.get());
  CHECK(icalproperty_get_method(Prop(cancel.get(), ICAL_METHOD_PROPERTY)) == ICAL_METHOD_CANCEL);
  CHECK(icalcomponent_get_status(c) == ICAL_STATUS_CANCELLED);
  CHECK(std::string(icalcomponent_get_uid(c)) == icalcomponent_get_uid(r));
  CHECK(std::string(icalcomponent_get_uid(u)) == icalcomponent_get_uid(r));
  CHECK(icalcomponent_get_sequence(r) == 0);
  CHECK(icalcomponent_get_sequence(u) > icalcomponent_get_sequence(r));
  CHECK(icalcomponent_get_sequence(c) > icalcomponent_get_sequence(u));
  CHECK(icaltime_as_timet(icalcomponent_get_dtstart(u)) ==
        At("2026-03-09T16:00:00Z").time_since_epoch().count());
}
