// A database written by an older schema version is brought up to date when
// it is opened, and the store's guarantees hold for the rows it already had.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include "test_sqlite_store_fixture.h"

using namespace voxdesk;
using namespace voxdesk::testing;

namespace {

int64_t UserVersion(const std::string& path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
  const int64_t v = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return v;
}

// Turns the file back into what schema version 1 wrote: the same bookings
// and holds tables, without the per-staff busy span bookkeeping and without
// the date-of-birth column of version 3.
void DowngradeToVersion1(const std::string& path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  const char* sql =
      "BEGIN;"
      "DROP TRIGGER bookings_span_insert;"
      "DROP TRIGGER bookings_span_update;"
      "DROP TRIGGER holds_span_insert;"
      "DROP TABLE busy_spans;"
      "ALTER TABLE bookings DROP COLUMN customer_dob;"
      "PRAGMA user_version = 1;"
      "COMMIT;";
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  const std::string message = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  REQUIRE_MESSAGE(rc == SQLITE_OK, message);
}

}  // namespace

TEST_CASE("bookings and holds written under schema version 1 still block after the upgrade") {
  TempDir dir;
  const std::string path = dir.File("v1.db");
  const Instant now = At("2026-03-01T12:00:00Z");
  IdGenerator ids(101);
  std::string booked_id;
  {
    auto store = OpenStore(path);
    auto b = store->Book(
        Booking({"lee"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T12:00:00Z"), 0, 30), now, ids);
    REQUIRE(b.ok());
    booked_id = b->booking.id;
    REQUIRE(store
                ->PlaceHold(Hold({"kim"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T13:00:00Z"),
                                 std::chrono::seconds{600}),
                            now, ids)
                .ok());
  }
  const int64_t current = UserVersion(path);
  DowngradeToVersion1(path);

  auto store = OpenStore(path);
  CHECK(UserVersion(path) == current);
  // Ends inside lee's after-buffer (12:00-12:30), starts long after 10:00.
  auto late = store->Book(Booking({"lee"}, At("2026-03-09T12:15:00Z"), At("2026-03-09T12:45:00Z")),
                          now, ids);
  CHECK_MESSAGE(late.status().code() == Code::kSlotUnavailable,
                "an old booking must still block: " << late.status().message());
  auto held = store->Book(Booking({"kim"}, At("2026-03-09T12:30:00Z"), At("2026-03-09T13:30:00Z")),
                          now, ids);
  CHECK_MESSAGE(held.status().code() == Code::kSlotUnavailable,
                "an old hold must still block: " << held.status().message());
  CHECK(
      store
          ->Book(Booking({"lee"}, At("2026-03-09T12:30:00Z"), At("2026-03-09T13:00:00Z")), now, ids)
          .ok());
  auto old = store->GetBooking(kBiz, booked_id);
  REQUIRE(old.ok());
  CHECK(old->status == BookingStatus::kConfirmed);
}
