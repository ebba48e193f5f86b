// Rescheduling is atomic: the booking moves to the new time or nothing
// changes, and its own old interval never blocks the new one.
#include <doctest/doctest.h>

#include "test_sqlite_store_fixture.h"

using namespace voxdesk;
using namespace voxdesk::testing;

namespace {

// 2026-03-01T12:00:00Z, spelled without a parser so it is safe during static initialisation.
const Instant kNow = date::sys_days{date::year{2026} / 3 / 1} + std::chrono::hours{12};

BookingRecord MustBook(Store& store, IdGenerator& ids, BookRequest req) {
  auto r = store.Book(req, kNow, ids);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  return r->booking;
}

void CheckSame(const BookingRecord& a, const BookingRecord& b) {
  CHECK(a.id == b.id);
  CHECK(a.staff == b.staff);
  CHECK(a.start == b.start);
  CHECK(a.end == b.end);
  CHECK(a.status == b.status);
  CHECK(a.sequence == b.sequence);
  CHECK(a.updated_at == b.updated_at);
  CHECK(a.confirmation_code == b.confirmation_code);
}

}  // namespace

TEST_CASE("moving onto a taken time changes nothing at all") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(41);
  const BookingRecord mine = MustBook(
      *store, ids, Booking({"lee"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z")));
  const BookingRecord theirs = MustBook(
      *store, ids, Booking({"lee"}, At("2026-03-09T14:00:00Z"), At("2026-03-09T15:00:00Z")));

  auto r = store->Reschedule(
      Move(mine.id, {"lee"}, At("2026-03-09T14:30:00Z"), At("2026-03-09T15:30:00Z")),
      kNow + std::chrono::hours{1});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Code::kSlotUnavailable);

  auto after_mine = store->GetBooking(kBiz, mine.id);
  auto after_theirs = store->GetBooking(kBiz, theirs.id);
  REQUIRE(after_mine.ok());
  REQUIRE(after_theirs.ok());
  CheckSame(*after_mine, mine);
  CheckSame(*after_theirs, theirs);
  // The old slot is still held by the booking.
  CHECK(store->Book(Booking({"lee"}, mine.start, mine.end), kNow, ids).status().code() ==
        Code::kSlotUnavailable);
}

TEST_CASE("the booking's own old interval does not block an overlapping new time") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(42);
  const BookingRecord b =
      MustBook(*store, ids,
               Booking({"lee"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z"), 15, 15));
  const Instant moved_at = kNow + std::chrono::hours{2};
  auto r = store->Reschedule(
      Move(b.id, {"lee"}, At("2026-03-09T10:30:00Z"), At("2026-03-09T11:30:00Z")), moved_at);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  CHECK(r->id == b.id);
  CHECK(r->confirmation_code == b.confirmation_code);
  CHECK(r->start == At("2026-03-09T10:30:00Z"));
  CHECK(r->end == At("2026-03-09T11:30:00Z"));
  CHECK(r->buffer_before_min == 15);
  CHECK(r->buffer_after_min == 15);
  CHECK(r->sequence == 1);
  CHECK(r->updated_at == moved_at);
  CHECK(r->created_at == kNow);

  auto stored = store->GetBooking(kBiz, b.id);
  REQUIRE(stored.ok());
  CheckSame(*stored, *r);
  // The moved booking's own buffers apply at its new place (busy 10:15-11:45).
  CHECK(store
            ->Book(Booking({"lee"}, At("2026-03-09T11:30:00Z"), At("2026-03-09T12:00:00Z")), kNow,
                   ids)
            .status()
            .code() == Code::kSlotUnavailable);
  // ...and the part of the old interval it left is free again.
  CHECK(store
            ->Book(Booking({"lee"}, At("2026-03-09T09:00:00Z"), At("2026-03-09T10:15:00Z")), kNow,
                   ids)
            .ok());
}

TEST_CASE("rescheduling falls through to the next staff candidate when the first is busy") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(43);
  const BookingRecord b = MustBook(
      *store, ids, Booking({"lee"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z")));
  MustBook(*store, ids, Booking({"lee"}, At("2026-03-09T15:00:00Z"), At("2026-03-09T16:00:00Z")));
  auto r = store->Reschedule(
      Move(b.id, {"lee", "kim"}, At("2026-03-09T15:00:00Z"), At("2026-03-09T16:00:00Z")), kNow);
  REQUIRE(r.ok());
  CHECK(r->staff == "kim");
  auto stored = store->GetBooking(kBiz, b.id);
  REQUIRE(stored.ok());
  CHECK(stored->staff == "kim");
}

TEST_CASE(
    "a repeated reschedule key returns the booking unchanged; a different request is a conflict") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(44);
  const BookingRecord b = MustBook(
      *store, ids, Booking({"lee"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z")));
  RescheduleRequest req =
      Move(b.id, {"lee"}, At("2026-03-09T13:00:00Z"), At("2026-03-09T14:00:00Z"));
  req.idempotency_key = "call-9/move";
  req.fingerprint = "move|13:00";
  auto first = store->Reschedule(req, kNow);
  REQUIRE(first.ok());
  CHECK(first->sequence == 1);

  auto again = store->Reschedule(req, kNow + std::chrono::minutes{1});
  REQUIRE_MESSAGE(again.ok(), again.status().message());
  CHECK(again->sequence == 1);
  CHECK(again->start == At("2026-03-09T13:00:00Z"));
  CHECK(again->updated_at == kNow);

  RescheduleRequest other =
      Move(b.id, {"lee"}, At("2026-03-09T16:00:00Z"), At("2026-03-09T17:00:00Z"));
  other.idempotency_key = "call-9/move";
  other.fingerprint = "move|16:00";
  auto conflict = store->Reschedule(other, kNow);
  REQUIRE_FALSE(conflict.ok());
  CHECK(conflict.status().code() == Code::kConflict);
  auto stored = store->GetBooking(kBiz, b.id);
  REQUIRE(stored.ok());
  CHECK(stored->start == At("2026-03-09T13:00:00Z"));
  CHECK(stored->sequence == 1);
}

TEST_CASE("a cancelled booking cannot be rescheduled, an unknown one is NotFound") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(45);
  const BookingRecord b = MustBook(
      *store, ids, Booking({"lee"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z")));
  REQUIRE(store->Cancel(kBiz, b.id, kNow).ok());
  auto r = store->Reschedule(
      Move(b.id, {"lee"}, At("2026-03-09T13:00:00Z"), At("2026-03-09T14:00:00Z")), kNow);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Code::kConflict);
  auto stored = store->GetBooking(kBiz, b.id);
  REQUIRE(stored.ok());
  CHECK(stored->start == At("2026-03-09T10:00:00Z"));
  CHECK(stored->status == BookingStatus::kCancelled);

  auto missing = store->Reschedule(
      Move("bk_nosuchbooking00", {"lee"}, At("2026-03-09T13:00:00Z"), At("2026-03-09T14:00:00Z")),
      kNow);
  CHECK(missing.status().code() == Code::kNotFound);
  CHECK(missing.status().message().find("bk_nosuchbooking00") != std::string::npos);
}

TEST_CASE("a live hold on the target time blocks a reschedule") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(46);
  const BookingRecord b = MustBook(
      *store, ids, Booking({"lee"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z")));
  REQUIRE(store
              ->PlaceHold(Hold({"lee"}, At("2026-03-09T13:00:00Z"), At("2026-03-09T14:00:00Z"),
                               std::chrono::seconds{300}),
                          kNow, ids)
              .ok());
  auto r = store->Reschedule(
      Move(b.id, {"lee"}, At("2026-03-09T13:30:00Z"), At("2026-03-09T14:30:00Z")), kNow);
  CHECK(r.status().code() == Code::kSlotUnavailable);
  auto expired =
      store->Reschedule(Move(b.id, {"lee"}, At("2026-03-09T13:30:00Z"), At("2026-03-09T14:30:00Z")),
                        kNow + std::chrono::seconds{300});
  CHECK(expired.ok());
}
