// What one Store writes is there, field for field, when the file is opened
// again (by this or another process).
#include <doctest/doctest.h>

#include "test_sqlite_store_fixture.h"

using namespace voxdesk;
using namespace voxdesk::testing;

TEST_CASE("bookings, cancellations and holds survive closing and reopening the file") {
  TempDir dir;
  const std::string path = dir.File("bookings.db");
  const Instant now = At("2026-03-01T12:00:00Z");
  IdGenerator ids(61);
  BookingRecord kept;
  BookingRecord cancelled;
  HoldRecord hold;
  {
    auto store = OpenStore(path);
    BookRequest req =
        Booking({"kim"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z"), 5, 15);
    req.staff_requested = true;
    req.idempotency_key = "call-1/book";
    req.customer = {"José Müller, Jr.", "+15550199", "jose@example.com"};
    auto a = store->Book(req, now, ids);
    REQUIRE(a.ok());
    kept = a->booking;
    auto b = store->Book(Booking({"lee"}, At("2026-03-09T12:00:00Z"), At("2026-03-09T13:00:00Z")),
                         now, ids);
    REQUIRE(b.ok());
    auto c = store->Cancel(kBiz, b->booking.id, now + std::chrono::minutes{1});
    REQUIRE(c.ok());
    cancelled = *c;
    auto h = store->PlaceHold(Hold({"lee"}, At("2026-03-09T15:00:00Z"), At("2026-03-09T16:00:00Z"),
                                   std::chrono::seconds{600}),
                              now, ids);
    REQUIRE(h.ok());
    hold = *h;
  }

  auto store = OpenStore(path);
  auto live = store->LiveBookings(kBiz);
  REQUIRE(live.ok());
  REQUIRE(live->size() == 1);
  const BookingRecord& k = live->front();
  CHECK(k.business_id == kept.business_id);
  CHECK(k.id == kept.id);
  CHECK(k.service == kept.service);
  CHECK(k.staff == "kim");
  CHECK(k.staff_requested);
  CHECK(k.start == kept.start);
  CHECK(k.end == kept.end);
  CHECK(k.buffer_before_min == 5);
  CHECK(k.buffer_after_min == 15);
  CHECK(k.status == BookingStatus::kConfirmed);
  CHECK(k.confirmation_code == kept.confirmation_code);
  CHECK(k.customer.name == "José Müller, Jr.");
  CHECK(k.customer.phone == "+15550199");
  CHECK(k.customer.email == "jose@example.com");
  CHECK(k.idempotency_key == "call-1/book");
  CHECK(k.sequence == 0);
  CHECK(k.source == "api");
  CHECK(k.created_at == now);
  CHECK(k.updated_at == now);

  auto c = store->GetBooking(kBiz, cancelled.id);
  REQUIRE(c.ok());
  CHECK(c->status == BookingStatus::kCancelled);
  CHECK(c->sequence == 1);
  CHECK(c->updated_at == cancelled.updated_at);

  auto holds = store->LiveHolds(kBiz, now);
  REQUIRE(holds.ok());
  REQUIRE(holds->size() == 1);
  CHECK(holds->front().id == hold.id);
  CHECK(holds->front().staff == "lee");
  CHECK(holds->front().start == hold.start);
  CHECK(holds->front().end == hold.end);
  CHECK(holds->front().expires_at == hold.expires_at);

  // The reopened store still enforces what the first one wrote.
  CHECK(store->Book(Booking({"kim"}, kept.start, kept.end), now, ids).status().code() ==
        Code::kSlotUnavailable);
  BookRequest replay = Booking({"kim"}, kept.start, kept.end, 5, 15);
  replay.idempotency_key = "call-1/book";
  replay.fingerprint = "cleaning|" + FormatRfc3339Utc(kept.start);
  auto again = store->Book(replay, now, ids);
  REQUIRE(again.ok());
  CHECK(again->replayed);
  CHECK(again->booking.id == kept.id);
}

TEST_CASE("in-memory stores are private to their instance") {
  auto a = OpenStore(":memory:");
  auto b = OpenStore("");
  IdGenerator ids(62);
  REQUIRE(a->Book(Booking({"lee"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z")),
                  At("2026-03-01T12:00:00Z"), ids)
              .ok());
  auto live = b->LiveBookings(kBiz);
  REQUIRE(live.ok());
  CHECK(live->empty());
}
