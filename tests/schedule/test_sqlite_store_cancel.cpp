// Cancelling marks the booking cancelled, bumps its sequence and frees its slot.
#include <doctest/doctest.h>

#include "test_sqlite_store_fixture.h"

using namespace voxdesk;
using namespace voxdesk::testing;

TEST_CASE("cancelling a booking frees its slot for the next caller") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(31);
  const Instant now = At("2026-03-01T12:00:00Z");
  const Instant later = At("2026-03-02T08:00:00Z");
  const Instant s = At("2026-03-09T10:00:00Z");
  const Instant e = At("2026-03-09T11:00:00Z");
  auto first = store->Book(Booking({"lee"}, s, e, 10, 10), now, ids);
  REQUIRE(first.ok());
  REQUIRE(store->Book(Booking({"lee"}, s, e), now, ids).status().code() == Code::kSlotUnavailable);

  auto cancelled = store->Cancel(kBiz, first->booking.id, later);
  REQUIRE_MESSAGE(cancelled.ok(), cancelled.status().message());
  CHECK(cancelled->status == BookingStatus::kCancelled);
  CHECK(cancelled->sequence == 1);
  CHECK(cancelled->updated_at == later);
  CHECK(cancelled->created_at == now);

  auto stored = store->GetBooking(kBiz, first->booking.id);
  REQUIRE(stored.ok());
  CHECK(stored->status == BookingStatus::kCancelled);
  CHECK(stored->sequence == 1);
  CHECK(stored->updated_at == later);

  auto live = store->LiveBookings(kBiz);
  REQUIRE(live.ok());
  CHECK(live->empty());
  CHECK(store->Book(Booking({"lee"}, s, e), later, ids).ok());
}

TEST_CASE("cancelling a cancelled booking returns it unchanged") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(32);
  const Instant now = At("2026-03-01T12:00:00Z");
  auto b = store->Book(Booking({"lee"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z")),
                       now, ids);
  REQUIRE(b.ok());
  REQUIRE(store->Cancel(kBiz, b->booking.id, now).ok());
  auto twice = store->Cancel(kBiz, b->booking.id, now + std::chrono::hours{1});
  REQUIRE(twice.ok());
  CHECK(twice->status == BookingStatus::kCancelled);
  CHECK(twice->sequence == 1);
  CHECK(twice->updated_at == now);
}

TEST_CASE("cancelling an unknown booking is NotFound and names the id") {
  auto store = OpenStore(":memory:");
  auto r = store->Cancel(kBiz, "bk_nosuchbooking00", At("2026-03-01T12:00:00Z"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Code::kNotFound);
  CHECK(r.status().message().find("bk_nosuchbooking00") != std::string::npos);
  CHECK(store->GetBooking(kBiz, "bk_nosuchbooking00").status().code() == Code::kNotFound);
}
