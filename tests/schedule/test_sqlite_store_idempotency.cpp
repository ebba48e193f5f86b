// An idempotency key makes a booking request safe to retry: the same request
// returns the first booking, a different request under the key is refused.
#include <doctest/doctest.h>

#include "test_sqlite_store_fixture.h"

using namespace voxdesk;
using namespace voxdesk::testing;

namespace {

BookRequest Keyed(const char* key) {
  BookRequest r = Booking({"lee", "kim"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z"));
  r.idempotency_key = key;
  return r;
}

}  // namespace

TEST_CASE("the same key and request again returns the first booking and writes nothing") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(21);
  const Instant now = At("2026-03-01T12:00:00Z");
  auto first = store->Book(Keyed("call-1/book"), now, ids);
  REQUIRE(first.ok());
  CHECK_FALSE(first->replayed);

  auto again = store->Book(Keyed("call-1/book"), now + std::chrono::minutes{5}, ids);
  REQUIRE_MESSAGE(again.ok(), again.status().message());
  CHECK(again->replayed);
  CHECK(again->booking.id == first->booking.id);
  CHECK(again->booking.confirmation_code == first->booking.confirmation_code);
  CHECK(again->booking.staff == "lee");
  CHECK(again->booking.created_at == now);

  auto live = store->LiveBookings(kBiz);
  REQUIRE(live.ok());
  CHECK_MESSAGE(live->size() == 1, "a replay must not book kim as well");
}

TEST_CASE("the same key with a different request is a conflict") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(22);
  const Instant now = At("2026-03-01T12:00:00Z");
  REQUIRE(store->Book(Keyed("call-2/book"), now, ids).ok());
  BookRequest other = Keyed("call-2/book");
  other.start = At("2026-03-09T13:00:00Z");
  other.end = At("2026-03-09T14:00:00Z");
  other.fingerprint = "cleaning|2026-03-09T13:00:00Z";
  auto r = store->Book(other, now, ids);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Code::kConflict);
  CHECK(r.status().message() ==
        "idempotency key \"call-2/book\" was already used for a different booking request");
  auto live = store->LiveBookings(kBiz);
  REQUIRE(live.ok());
  CHECK(live->size() == 1);
}

TEST_CASE("a replay after the booking was cancelled returns the cancelled booking") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(23);
  const Instant now = At("2026-03-01T12:00:00Z");
  auto first = store->Book(Keyed("call-3/book"), now, ids);
  REQUIRE(first.ok());
  REQUIRE(store->Cancel(kBiz, first->booking.id, now).ok());
  auto again = store->Book(Keyed("call-3/book"), now, ids);
  REQUIRE(again.ok());
  CHECK(again->replayed);
  CHECK(again->booking.id == first->booking.id);
  CHECK(again->booking.status == BookingStatus::kCancelled);
  auto live = store->LiveBookings(kBiz);
  REQUIRE(live.ok());
  CHECK(live->empty());
}

TEST_CASE("FindByIdempotencyKey returns the booking and the fingerprint it was made with") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(24);
  const Instant now = At("2026-03-01T12:00:00Z");
  auto first = store->Book(Keyed("call-4/book"), now, ids);
  REQUIRE(first.ok());
  auto found = store->FindByIdempotencyKey(kBiz, "call-4/book");
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  CHECK((*found)->booking.id == first->booking.id);
  CHECK((*found)->fingerprint == "cleaning|2026-03-09T10:00:00Z");
  auto none = store->FindByIdempotencyKey(kBiz, "never-used");
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
}

TEST_CASE("keys belong to one business, and requests without a key never replay") {
  auto store = OpenStore(":memory:");
  IdGenerator ids(25);
  const Instant now = At("2026-03-01T12:00:00Z");
  REQUIRE(store->Book(Keyed("shared-key"), now, ids).ok());
  BookRequest other_business = Keyed("shared-key");
  other_business.business_id = "another-clinic";
  auto r = store->Book(other_business, now, ids);
  REQUIRE(r.ok());
  CHECK_FALSE(r->replayed);

  BookRequest plain = Keyed("");
  plain.start = At("2026-03-10T10:00:00Z");
  plain.end = At("2026-03-10T11:00:00Z");
  auto a = store->Book(plain, now, ids);
  auto b = store->Book(plain, now, ids);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK_FALSE(b->replayed);
  CHECK(a->booking.id != b->booking.id);
  CHECK(a->booking.staff != b->booking.staff);
}
