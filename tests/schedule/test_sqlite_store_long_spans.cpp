// The overlap search is bounded by the longest busy span stored per staff
// member; a long booking, hold, config import or reschedule must still
// block short requests deep inside it.
#include "test_sqlite_store_fixture.h"

using namespace voxdesk;
using namespace voxdesk::testing;

TEST_CASE("a short request deep inside a long booking is refused") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(1);
  const Instant now = At("2026-03-01T00:00:00Z");
  // Many short bookings first, so the long one is not the only row.
  for (int i = 0; i < 20; ++i) {
    Instant s = At("2026-03-02T00:00:00Z") + std::chrono::minutes{30 * i};
    REQUIRE(store->Book(Booking({"lee"}, s, s + std::chrono::minutes{30}), now, ids).ok());
  }
  REQUIRE(
      store
          ->Book(Booking({"lee"}, At("2026-03-03T08:00:00Z"), At("2026-03-03T20:00:00Z")), now, ids)
          .ok());
  auto inside = store->Book(
      Booking({"lee"}, At("2026-03-03T19:00:00Z"), At("2026-03-03T19:30:00Z")), now, ids);
  CHECK(inside.status().code() == Code::kSlotUnavailable);
  auto after = store->Book(Booking({"lee"}, At("2026-03-03T20:00:00Z"), At("2026-03-03T20:30:00Z")),
                           now, ids);
  CHECK(after.ok());
}

TEST_CASE("a long hold, a long config import and a lengthening reschedule all stay visible") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(2);
  const Instant now = At("2026-03-01T00:00:00Z");
  REQUIRE(store
              ->PlaceHold(Hold({"kim"}, At("2026-03-04T00:00:00Z"), At("2026-03-04T23:00:00Z"),
                               std::chrono::seconds{3600}),
                          now, ids)
              .ok());
  CHECK(
      store
          ->Book(Booking({"kim"}, At("2026-03-04T22:00:00Z"), At("2026-03-04T22:30:00Z")), now, ids)
          .status()
          .code() == Code::kSlotUnavailable);

  BookingRecord imported;
  imported.business_id = kBiz;
  imported.id = "cfg-long";
  imported.service = "surgery";
  imported.staff = "pat";
  imported.start = At("2026-03-05T06:00:00Z");
  imported.end = At("2026-03-05T18:00:00Z");
  imported.source = "config";
  REQUIRE(store->ImportConfigBookings({imported}).ok());
  CHECK(
      store
          ->Book(Booking({"pat"}, At("2026-03-05T17:00:00Z"), At("2026-03-05T17:30:00Z")), now, ids)
          .status()
          .code() == Code::kSlotUnavailable);

  auto b = store->Book(Booking({"sam"}, At("2026-03-06T08:00:00Z"), At("2026-03-06T08:30:00Z")),
                       now, ids);
  REQUIRE(b.ok());
  RescheduleRequest rr;
  rr.business_id = kBiz;
  rr.booking_id = b->booking.id;
  rr.staff_candidates = {"sam"};
  rr.start = At("2026-03-07T06:00:00Z");
  rr.end = At("2026-03-07T18:00:00Z");
  REQUIRE(store->Reschedule(rr, now).ok());
  CHECK(
      store
          ->Book(Booking({"sam"}, At("2026-03-07T17:00:00Z"), At("2026-03-07T17:30:00Z")), now, ids)
          .status()
          .code() == Code::kSlotUnavailable);
}
