// The database file is set up the way every process relies on: WAL mode,
// a recorded schema version, and the constraints that back the store's
// guarantees even against a writer that bypasses the Store.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <string>

#include "test_sqlite_store_fixture.h"

using namespace voxdesk;
using namespace voxdesk::testing;

namespace {

class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    REQUIRE(sqlite3_open(path.c_str(), &db_) == SQLITE_OK);
  }
  ~RawDb() { sqlite3_close(db_); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  std::string One(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    REQUIRE_MESSAGE(sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) == SQLITE_OK,
                    sqlite3_errmsg(db_));
    std::string out;
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    return out;
  }
  int Exec(const char* sql) { return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr); }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace

TEST_CASE("a new database file is in WAL mode at the current schema version") {
  TempDir dir;
  const std::string path = dir.File("fresh.db");
  { auto store = OpenStore(path); }
  RawDb db(path);
  CHECK(db.One("PRAGMA journal_mode") == "wal");
  CHECK(db.One("PRAGMA user_version") == "3");
  CHECK(db.One("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('bookings', "
               "'holds', 'busy_spans')") == "3");
  CHECK(db.One("SELECT count(*) FROM sqlite_schema WHERE name = 'bookings_staff_busy'") == "1");
}

TEST_CASE("reopening an existing database keeps its data and does not recreate the schema") {
  TempDir dir;
  const std::string path = dir.File("again.db");
  IdGenerator ids(81);
  {
    auto store = OpenStore(path);
    REQUIRE(store
                ->Book(Booking({"lee"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z")),
                       At("2026-03-01T12:00:00Z"), ids)
                .ok());
  }
  std::string schema_before;
  {
    RawDb db(path);
    schema_before = db.One("SELECT group_concat(sql, ';') FROM sqlite_schema");
  }
  for (int i = 0; i < 3; ++i) {
    auto store = OpenStore(path);
    auto live = store->LiveBookings(kBiz);
    REQUIRE(live.ok());
    CHECK(live->size() == 1);
  }
  RawDb db(path);
  CHECK(db.One("SELECT group_concat(sql, ';') FROM sqlite_schema") == schema_before);
}

TEST_CASE("the database itself refuses a second row with the same idempotency key or code") {
  TempDir dir;
  const std::string path = dir.File("constraints.db");
  IdGenerator ids(82);
  BookRequest req = Booking({"lee"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z"));
  req.idempotency_key = "k1";
  std::string code;
  {
    auto store = OpenStore(path);
    auto r = store->Book(req, At("2026-03-01T12:00:00Z"), ids);
    REQUIRE(r.ok());
    code = r->booking.confirmation_code;
  }
  RawDb db(path);
  const std::string columns =
      "INSERT INTO bookings (business_id, id, service, staff, start_at, end_at, busy_start, "
      "busy_end,"
      " status, confirmation_code, idempotency_key, created_at, updated_at) VALUES ";
  CHECK((db.Exec((columns +
                  "('bright-smile', 'x1', 's', 'kim', 10, 20, 10, 20, 'confirmed', 'QQQQQQ', "
                  "'k1', 0, 0)")
                     .c_str()) &
         0xff) == SQLITE_CONSTRAINT);
  CHECK((db.Exec((columns + "('bright-smile', 'x2', 's', 'kim', 10, 20, 10, 20, 'confirmed', '" +
                  code + "', '', 0, 0)")
                     .c_str()) &
         0xff) == SQLITE_CONSTRAINT);
  // Empty keys and codes (config bookings) may repeat.
  CHECK(db.Exec((columns +
                 "('bright-smile', 'x3', 's', 'kim', 10, 20, 10, 20, 'confirmed', '', '', 0, 0),"
                 "('bright-smile', 'x4', 's', 'kim', 30, 40, 30, 40, 'confirmed', '', '', 0, 0)")
                    .c_str()) == SQLITE_OK);
}
