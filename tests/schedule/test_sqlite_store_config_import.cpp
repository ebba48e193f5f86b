// Bookings written in the configuration are imported once; what the store
// did to them later (cancel, move) wins over the configuration.
#include <doctest/doctest.h>

#include "test_sqlite_store_fixture.h"

using namespace voxdesk;
using namespace voxdesk::testing;

namespace {

BookingRecord ConfigRow(const char* id, const char* staff, Instant start) {
  BookingRecord r;
  r.business_id = kBiz;
  r.id = id;
  r.service = "cleaning";
  r.staff = staff;
  r.staff_requested = true;
  r.start = start;
  r.end = start + std::chrono::hours{1};
  r.buffer_after_min = 15;
  r.customer = {"Ana Ruiz", "+15550142", ""};
  r.source = "config";
  return r;
}

}  // namespace

TEST_CASE("config bookings are imported once and block their slots") {
  TempDir dir;
  const std::string path = dir.File("db");
  const Instant now = At("2026-03-01T12:00:00Z");
  const std::vector<BookingRecord> config = {ConfigRow("b1", "lee", At("2026-03-09T14:00:00Z")),
                                             ConfigRow("b2", "kim", At("2026-03-09T14:00:00Z"))};
  {
    auto store = OpenStore(path);
    REQUIRE(store->ImportConfigBookings(config).ok());
    REQUIRE(store->ImportConfigBookings(config).ok());
    auto live = store->LiveBookings(kBiz);
    REQUIRE(live.ok());
    REQUIRE(live->size() == 2);
    CHECK(live->at(0).source == "config");
    CHECK(live->at(0).confirmation_code.empty());
  }
  auto store = OpenStore(path);
  REQUIRE(store->ImportConfigBookings(config).ok());
  auto live = store->LiveBookings(kBiz);
  REQUIRE(live.ok());
  CHECK(live->size() == 2);
  IdGenerator ids(71);
  // The after-buffer of b1 reaches 15:15.
  CHECK(
      store
          ->Book(Booking({"lee"}, At("2026-03-09T15:00:00Z"), At("2026-03-09T16:00:00Z")), now, ids)
          .status()
          .code() == Code::kSlotUnavailable);
}

TEST_CASE("a config booking cancelled or moved through the store stays so on re-import") {
  auto store = OpenStore(":memory:");
  const Instant now = At("2026-03-01T12:00:00Z");
  const std::vector<BookingRecord> config = {ConfigRow("b1", "lee", At("2026-03-09T14:00:00Z")),
                                             ConfigRow("b2", "lee", At("2026-03-09T16:00:00Z"))};
  REQUIRE(store->ImportConfigBookings(config).ok());
  REQUIRE(store->Cancel(kBiz, "b1", now).ok());
  REQUIRE(store
              ->Reschedule(
                  Move("b2", {"lee"}, At("2026-03-10T09:00:00Z"), At("2026-03-10T10:00:00Z")), now)
              .ok());
  REQUIRE(store->ImportConfigBookings(config).ok());
  auto b1 = store->GetBooking(kBiz, "b1");
  auto b2 = store->GetBooking(kBiz, "b2");
  REQUIRE(b1.ok());
  REQUIRE(b2.ok());
  CHECK(b1->status == BookingStatus::kCancelled);
  CHECK(b2->start == At("2026-03-10T09:00:00Z"));
  CHECK(b2->sequence == 1);
}

TEST_CASE("an import with one bad row writes none of them") {
  auto store = OpenStore(":memory:");
  BookingRecord bad = ConfigRow("b9", "lee", At("2026-03-09T14:00:00Z"));
  bad.end = bad.start;
  Status st =
      store->ImportConfigBookings({ConfigRow("b1", "lee", At("2026-03-09T10:00:00Z")), bad});
  CHECK(st.code() == Code::kInvalidArgument);
  CHECK(st.message().find("b9") != std::string::npos);
  auto live = store->LiveBookings(kBiz);
  REQUIRE(live.ok());
  CHECK(live->empty());
}

TEST_CASE("an import that fails half-way in the database is rolled back completely") {
  auto store = OpenStore(":memory:");
  BookingRecord a = ConfigRow("b1", "lee", At("2026-03-09T10:00:00Z"));
  BookingRecord b = ConfigRow("b2", "kim", At("2026-03-09T10:00:00Z"));
  a.confirmation_code = b.confirmation_code = "ACDEFG";  // unique per business
  Status st = store->ImportConfigBookings({a, b});
  CHECK(st.code() == Code::kStorage);
  CHECK_MESSAGE(st.message().find("UNIQUE") != std::string::npos, st.message());
  auto live = store->LiveBookings(kBiz);
  REQUIRE(live.ok());
  CHECK_MESSAGE(live->empty(), "b1 was written although the import failed");
}
