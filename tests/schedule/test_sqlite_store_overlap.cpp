// The store refuses a booking whose buffered interval overlaps a confirmed
// booking of the same staff member; intervals are half-open.
#include <doctest/doctest.h>

#include "test_sqlite_store_fixture.h"

using namespace voxdesk;
using namespace voxdesk::testing;

namespace {

Status TryBook(Store& store, const BookRequest& req, IdGenerator& ids) {
  auto r = store.Book(req, At("2026-03-01T12:00:00Z"), ids);
  return r.ok() ? Status::Ok() : r.status();
}

}  // namespace

TEST_CASE("a booking takes its slot and an overlapping one for the same staff is refused") {
  TempDir dir;
  auto store = OpenStore(dir.File("db.sqlite"));
  IdGenerator ids(1);
  const Instant now = At("2026-03-01T12:00:00Z");

  auto first = store->Book(Booking({"lee"}, At("2026-03-09T14:00:00Z"), At("2026-03-09T15:00:00Z")),
                           now, ids);
  REQUIRE_MESSAGE(first.ok(), first.status().message());
  CHECK_FALSE(first->replayed);
  CHECK(first->booking.staff == "lee");

  auto second = store->Book(
      Booking({"lee"}, At("2026-03-09T14:30:00Z"), At("2026-03-09T15:30:00Z")), now, ids);
  REQUIRE_FALSE(second.ok());
  CHECK(second.status().code() == Code::kSlotUnavailable);
  CHECK_MESSAGE(second.status().message().find("2026-03-09T14:30:00Z") != std::string::npos,
                "the refusal names the requested time: " << second.status().message());

  auto live = store->LiveBookings(kBiz);
  REQUIRE(live.ok());
  CHECK(live->size() == 1);
}

TEST_CASE("a new booking is written with fresh ids, sequence 0 and the request's fields") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(7);
  const Instant now = At("2026-03-01T12:00:00Z");
  BookRequest req = Booking({"lee"}, At("2026-03-09T14:00:00Z"), At("2026-03-09T15:00:00Z"), 5, 10);
  req.staff_requested = true;
  auto r = store->Book(req, now, ids);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  const BookingRecord& b = r->booking;
  CHECK(b.id.rfind("bk_", 0) == 0);
  CHECK(IsConfirmationCode(b.confirmation_code));
  CHECK(b.business_id == kBiz);
  CHECK(b.service == "cleaning");
  CHECK(b.staff_requested);
  CHECK(b.buffer_before_min == 5);
  CHECK(b.buffer_after_min == 10);
  CHECK(b.status == BookingStatus::kConfirmed);
  CHECK(b.sequence == 0);
  CHECK(b.source == "api");
  CHECK(b.created_at == now);
  CHECK(b.updated_at == now);

  auto stored = store->GetBooking(kBiz, b.id);
  REQUIRE(stored.ok());
  CHECK(stored->confirmation_code == b.confirmation_code);
  CHECK(stored->customer.name == "Ana Ruiz");
  CHECK(stored->customer.phone == "+15550142");
  CHECK(stored->customer.email == "ana@example.com");
  CHECK(stored->start == req.start);
  CHECK(stored->end == req.end);
}

TEST_CASE("the existing booking's buffers block on both sides, and touching the edge is allowed") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(2);
  // Busy 09:45-11:15 because of its own 15-minute buffers.
  REQUIRE(TryBook(*store,
                  Booking({"lee"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z"), 15, 15),
                  ids)
              .ok());

  SUBCASE("inside the buffer after the end is refused") {
    CHECK(TryBook(*store, Booking({"lee"}, At("2026-03-09T11:00:00Z"), At("2026-03-09T12:00:00Z")),
                  ids)
              .code() == Code::kSlotUnavailable);
  }
  SUBCASE("inside the buffer before the start is refused") {
    CHECK(TryBook(*store, Booking({"lee"}, At("2026-03-09T09:00:00Z"), At("2026-03-09T09:50:00Z")),
                  ids)
              .code() == Code::kSlotUnavailable);
  }
  SUBCASE("ending exactly where the before-buffer starts is allowed") {
    CHECK(TryBook(*store, Booking({"lee"}, At("2026-03-09T09:00:00Z"), At("2026-03-09T09:45:00Z")),
                  ids)
              .ok());
  }
  SUBCASE("starting exactly where the after-buffer ends is allowed") {
    CHECK(TryBook(*store, Booking({"lee"}, At("2026-03-09T11:15:00Z"), At("2026-03-09T12:00:00Z")),
                  ids)
              .ok());
  }
}

TEST_CASE("the new booking's own buffers count too") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(3);
  REQUIRE(
      TryBook(*store, Booking({"lee"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z")), ids)
          .ok());

  // 11:05 start with a 10-minute before-buffer reaches back to 10:55.
  CHECK(TryBook(*store,
                Booking({"lee"}, At("2026-03-09T11:05:00Z"), At("2026-03-09T12:00:00Z"), 10, 0),
                ids)
            .code() == Code::kSlotUnavailable);
  // 09:00-09:55 with a 10-minute after-buffer reaches to 10:05.
  CHECK(TryBook(*store,
                Booking({"lee"}, At("2026-03-09T09:00:00Z"), At("2026-03-09T09:55:00Z"), 0, 10),
                ids)
            .code() == Code::kSlotUnavailable);
  // Buffers that reach exactly to the other booking's edge do not overlap it.
  CHECK(TryBook(*store,
                Booking({"lee"}, At("2026-03-09T11:10:00Z"), At("2026-03-09T12:00:00Z"), 10, 0),
                ids)
            .ok());
  CHECK(TryBook(*store,
                Booking({"lee"}, At("2026-03-09T09:00:00Z"), At("2026-03-09T09:50:00Z"), 0, 10),
                ids)
            .ok());
}

TEST_CASE("other staff members and other businesses are not blocked") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(4);
  const Instant s = At("2026-03-09T10:00:00Z");
  const Instant e = At("2026-03-09T11:00:00Z");
  REQUIRE(TryBook(*store, Booking({"lee"}, s, e), ids).ok());
  CHECK(TryBook(*store, Booking({"kim"}, s, e), ids).ok());
  BookRequest other = Booking({"lee"}, s, e);
  other.business_id = "another-clinic";
  CHECK(TryBook(*store, other, ids).ok());
  CHECK(TryBook(*store, Booking({"lee"}, s, e), ids).code() == Code::kSlotUnavailable);
}

TEST_CASE("staff candidates are tried in order and the first free one is booked") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(5);
  const Instant now = At("2026-03-01T12:00:00Z");
  const Instant s = At("2026-03-09T10:00:00Z");
  const Instant e = At("2026-03-09T11:00:00Z");

  auto a = store->Book(Booking({"lee", "kim"}, s, e), now, ids);
  REQUIRE(a.ok());
  CHECK(a->booking.staff == "lee");
  auto b = store->Book(Booking({"lee", "kim"}, s, e), now, ids);
  REQUIRE(b.ok());
  CHECK(b->booking.staff == "kim");
  auto c = store->Book(Booking({"lee", "kim"}, s, e), now, ids);
  REQUIRE_FALSE(c.ok());
  CHECK(c.status().code() == Code::kSlotUnavailable);
  CHECK(c.status().message().find("lee") != std::string::npos);
  CHECK(c.status().message().find("kim") != std::string::npos);
}

TEST_CASE("malformed booking requests are rejected before touching the database") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(6);
  CHECK(TryBook(*store, Booking({}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z")), ids)
            .code() == Code::kInvalidArgument);
  CHECK(
      TryBook(*store, Booking({"lee"}, At("2026-03-09T11:00:00Z"), At("2026-03-09T11:00:00Z")), ids)
          .code() == Code::kInvalidArgument);
  CHECK(TryBook(*store,
                Booking({"lee"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z"), -5, 0),
                ids)
            .code() == Code::kInvalidArgument);
  auto live = store->LiveBookings(kBiz);
  REQUIRE(live.ok());
  CHECK(live->empty());
}
