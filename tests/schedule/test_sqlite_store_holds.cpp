// A hold blocks its slot for other bookings and holds until it expires, and
// is consumed by the booking made from it.
#include <doctest/doctest.h>

#include "test_sqlite_store_fixture.h"

using namespace voxdesk;
using namespace voxdesk::testing;
using std::chrono::seconds;

TEST_CASE("a hold blocks a booking of its slot until it expires, and not after") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(11);
  const Instant now = At("2026-03-01T12:00:00Z");
  const Instant s = At("2026-03-09T10:00:00Z");
  const Instant e = At("2026-03-09T11:00:00Z");

  auto hold = store->PlaceHold(Hold({"lee"}, s, e, seconds{300}), now, ids);
  REQUIRE_MESSAGE(hold.ok(), hold.status().message());
  CHECK(hold->id.rfind("hl_", 0) == 0);
  CHECK(hold->staff == "lee");
  CHECK(hold->expires_at == now + seconds{300});

  auto during = store->Book(Booking({"lee"}, s, e), now + seconds{299}, ids);
  REQUIRE_FALSE(during.ok());
  CHECK(during.status().code() == Code::kSlotUnavailable);

  auto live = store->LiveHolds(kBiz, now + seconds{299});
  REQUIRE(live.ok());
  CHECK(live->size() == 1);
  live = store->LiveHolds(kBiz, now + seconds{300});
  REQUIRE(live.ok());
  CHECK(live->empty());

  auto after = store->Book(Booking({"lee"}, s, e), now + seconds{300}, ids);
  CHECK_MESSAGE(after.ok(), "an expired hold must not block: " << after.status().message());
}

TEST_CASE("a hold's buffers block like a booking's") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(12);
  const Instant now = At("2026-03-01T12:00:00Z");
  HoldRequest h =
      Hold({"lee"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z"), seconds{600});
  h.buffer_after_min = 15;
  REQUIRE(store->PlaceHold(h, now, ids).ok());
  auto in_buffer = store->Book(
      Booking({"lee"}, At("2026-03-09T11:10:00Z"), At("2026-03-09T12:00:00Z")), now, ids);
  CHECK(in_buffer.status().code() == Code::kSlotUnavailable);
  auto touching = store->Book(
      Booking({"lee"}, At("2026-03-09T11:15:00Z"), At("2026-03-09T12:00:00Z")), now, ids);
  CHECK(touching.ok());
}

TEST_CASE("a hold blocks another hold and falls through to the next candidate") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(13);
  const Instant now = At("2026-03-01T12:00:00Z");
  const Instant s = At("2026-03-09T10:00:00Z");
  const Instant e = At("2026-03-09T11:00:00Z");
  auto first = store->PlaceHold(Hold({"lee", "kim"}, s, e, seconds{300}), now, ids);
  REQUIRE(first.ok());
  CHECK(first->staff == "lee");
  auto second = store->PlaceHold(Hold({"lee", "kim"}, s, e, seconds{300}), now, ids);
  REQUIRE(second.ok());
  CHECK(second->staff == "kim");
  auto third = store->PlaceHold(Hold({"lee", "kim"}, s, e, seconds{300}), now, ids);
  REQUIRE_FALSE(third.ok());
  CHECK(third.status().code() == Code::kSlotUnavailable);
  // A confirmed booking blocks a hold as well.
  REQUIRE(store->Book(Booking({"pat"}, s, e), now, ids).ok());
  CHECK(store->PlaceHold(Hold({"pat"}, s, e, seconds{300}), now, ids).status().code() ==
        Code::kSlotUnavailable);
}

TEST_CASE("a booking made with its own hold is not blocked by it and consumes it") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(14);
  const Instant now = At("2026-03-01T12:00:00Z");
  const Instant s = At("2026-03-09T10:00:00Z");
  const Instant e = At("2026-03-09T11:00:00Z");
  auto hold = store->PlaceHold(Hold({"lee"}, s, e, seconds{300}), now, ids);
  REQUIRE(hold.ok());

  BookRequest req = Booking({"lee"}, s, e);
  req.hold_id = hold->id;
  auto booked = store->Book(req, now + seconds{10}, ids);
  REQUIRE_MESSAGE(booked.ok(), booked.status().message());
  CHECK(booked->booking.staff == "lee");

  auto holds = store->LiveHolds(kBiz, now + seconds{10});
  REQUIRE(holds.ok());
  CHECK_MESSAGE(holds->empty(), "the consumed hold is gone");
  CHECK(store->ReleaseHold(kBiz, hold->id).code() == Code::kNotFound);
}

TEST_CASE("a hold does not let anyone else through, and an unknown hold id changes nothing") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(15);
  const Instant now = At("2026-03-01T12:00:00Z");
  const Instant s = At("2026-03-09T10:00:00Z");
  const Instant e = At("2026-03-09T11:00:00Z");
  auto hold = store->PlaceHold(Hold({"lee"}, s, e, seconds{300}), now, ids);
  REQUIRE(hold.ok());

  BookRequest stranger = Booking({"lee"}, s, e);
  stranger.hold_id = "hl_doesnotexist000";
  CHECK(store->Book(stranger, now, ids).status().code() == Code::kSlotUnavailable);

  BookRequest elsewhere = Booking({"lee"}, At("2026-03-09T14:00:00Z"), At("2026-03-09T15:00:00Z"));
  elsewhere.hold_id = "hl_doesnotexist000";
  CHECK(store->Book(elsewhere, now, ids).ok());
  auto holds = store->LiveHolds(kBiz, now);
  REQUIRE(holds.ok());
  CHECK(holds->size() == 1);
}

TEST_CASE("releasing a hold frees its slot, and releasing an unknown hold is NotFound") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(16);
  const Instant now = At("2026-03-01T12:00:00Z");
  const Instant s = At("2026-03-09T10:00:00Z");
  const Instant e = At("2026-03-09T11:00:00Z");
  auto hold = store->PlaceHold(Hold({"lee"}, s, e, seconds{300}), now, ids);
  REQUIRE(hold.ok());
  REQUIRE(store->ReleaseHold(kBiz, hold->id).ok());
  CHECK(store->Book(Booking({"lee"}, s, e), now, ids).ok());
  Status missing = store->ReleaseHold(kBiz, "hl_nosuchhold00000");
  CHECK(missing.code() == Code::kNotFound);
  CHECK(missing.message().find("hl_nosuchhold00000") != std::string::npos);
}

TEST_CASE("a hold with a non-positive ttl is rejected") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(17);
  auto r = store->PlaceHold(
      Hold({"lee"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z"), seconds{0}),
      At("2026-03-01T12:00:00Z"), ids);
  CHECK(r.status().code() == Code::kInvalidArgument);
}
