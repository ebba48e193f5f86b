// The embedded Store: one SQLite database file in WAL mode, shared by any
// number of processes. Every write runs inside BEGIN IMMEDIATE, which takes
// the database's single write lock before anything is read, so "is the slot
// free?" and "take it" are one step for every writer on the machine.
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "schedule/sqlite_util.h"
#include "schedule/store.h"
#include "schedule/wal_checkpointer.h"

namespace voxdesk {

const char* BookingStatusName(BookingStatus s) {
  switch (s) {
    case BookingStatus::kConfirmed:
      return "confirmed";
    case BookingStatus::kCancelled:
      return "cancelled";
  }
  return "confirmed";
}

namespace {

using sqlite::Query;

// Long enough that dozens of processes queueing for the write lock all get
// their turn; each write holds the lock for well under a millisecond.
constexpr int kBusyTimeoutMs = 30'000;

// Waits for another connection's write lock. SQLite's own busy timeout
// sleeps at least a millisecond and soon 10-100 ms per retry, which is far
// longer than a write here takes; with several connections in one process
// (one per session worker) that wait would be most of a turn's latency. This
// retries after 50 us, doubling to 2 ms, and gives up after kBusyTimeoutMs.
int WaitForLock(void*, int attempts) {
  const int64_t step_us = attempts < 6 ? int64_t{50} << attempts : 2000;
  // Time slept before this attempt: 50 + 100 + ... + 1600, then 2 ms each.
  const int64_t slept_us =
      attempts < 6 ? 50 * ((int64_t{1} << attempts) - 1) : 3150 + 2000 * (attempts - 6);
  if (slept_us >= int64_t{kBusyTimeoutMs} * 1000) return 0;
  std::this_thread::sleep_for(std::chrono::microseconds(step_us));
  return 1;
}
// SQLite returns SQLITE_BUSY without waiting in a few cases (e.g. while
// another connection runs WAL recovery); those are retried with a short pause.
constexpr int kBusyRetries = 12;
// A booking id or confirmation code that is already taken is drawn again;
// with 80-bit ids and 25^6 codes a second collision in a row means the
// generator is broken, not unlucky.
constexpr int kIdAttempts = 16;
// Expired holds are deleted lazily. Processes may run with different
// (virtual) clocks, so only holds that expired a day before this writer's
// "now" are removed: a hold another process still considers live survives.
constexpr std::chrono::hours kHoldPurgeDelay{24};

// Version 1. Instants are INTEGER unix seconds (UTC). busy_start/busy_end
// store the interval widened by the row's own buffers, so the overlap test
// is a plain range comparison that an index on busy_start can serve.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS bookings (
  business_id TEXT NOT NULL,
  id TEXT NOT NULL,
  service TEXT NOT NULL,
  staff TEXT NOT NULL,
  staff_requested INTEGER NOT NULL DEFAULT 0 CHECK (staff_requested IN (0, 1)),
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  buffer_before_min INTEGER NOT NULL DEFAULT 0 CHECK (buffer_before_min >= 0),
  buffer_after_min INTEGER NOT NULL DEFAULT 0 CHECK (buffer_after_min >= 0),
  busy_start INTEGER NOT NULL,
  busy_end INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
  confirmation_code TEXT NOT NULL DEFAULT '',
  customer_name TEXT NOT NULL DEFAULT '',
  customer_phone TEXT NOT NULL DEFAULT '',
  customer_email TEXT NOT NULL DEFAULT '',
  idempotency_key TEXT NOT NULL DEFAULT '',
  fingerprint TEXT NOT NULL DEFAULT '',
  reschedule_key TEXT NOT NULL DEFAULT '',
  reschedule_fingerprint TEXT NOT NULL DEFAULT '',
  sequence INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL DEFAULT 'api',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (business_id, id),
  CHECK (end_at > start_at),
  CHECK (busy_start <= start_at AND busy_end >= end_at)
);
CREATE UNIQUE INDEX IF NOT EXISTS bookings_idempotency_key
  ON bookings (business_id, idempotency_key) WHERE idempotency_key <> '';
CREATE UNIQUE INDEX IF NOT EXISTS bookings_confirmation_code
  ON bookings (business_id, confirmation_code) WHERE confirmation_code <> '';
CREATE INDEX IF NOT EXISTS bookings_staff_busy ON bookings (business_id, staff, busy_start);
CREATE INDEX IF NOT EXISTS bookings_start ON bookings (business_id, start_at);

CREATE TABLE IF NOT EXISTS holds (
  business_id TEXT NOT NULL,
  id TEXT NOT NULL,
  service TEXT NOT NULL,
  staff TEXT NOT NULL,
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  buffer_before_min INTEGER NOT NULL DEFAULT 0 CHECK (buffer_before_min >= 0),
  buffer_after_min INTEGER NOT NULL DEFAULT 0 CHECK (buffer_after_min >= 0),
  busy_start INTEGER NOT NULL,
  busy_end INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (business_id, id),
  CHECK (end_at > start_at)
);
CREATE INDEX IF NOT EXISTS holds_staff_busy ON holds (business_id, staff, busy_start);
CREATE INDEX IF NOT EXISTS holds_expiry ON holds (expires_at);
)sql";

// Version 2: the overlap search becomes an index range on busy_start.
constexpr const char* kSchemaV2 = R"sql(
-- The longest busy interval ever stored per staff member (bookings and holds
-- alike). It bounds the overlap search to an index range: a row can only
-- reach the new interval if it starts less than max_span before it.
-- Triggers keep it current inside the writing transaction itself.
CREATE TABLE IF NOT EXISTS busy_spans (
  business_id TEXT NOT NULL,
  staff TEXT NOT NULL,
  max_span INTEGER NOT NULL,
  PRIMARY KEY (business_id, staff)
);
CREATE TRIGGER IF NOT EXISTS bookings_span_insert AFTER INSERT ON bookings BEGIN
  INSERT INTO busy_spans VALUES (NEW.business_id, NEW.staff, NEW.busy_end - NEW.busy_start)
  ON CONFLICT (business_id, staff) DO UPDATE SET max_span = excluded.max_span
  WHERE excluded.max_span > max_span;
END;
CREATE TRIGGER IF NOT EXISTS bookings_span_update AFTER UPDATE OF staff, busy_start, busy_end ON bookings BEGIN
  INSERT INTO busy_spans VALUES (NEW.business_id, NEW.staff, NEW.busy_end - NEW.busy_start)
  ON CONFLICT (business_id, staff) DO UPDATE SET max_span = excluded.max_span
  WHERE excluded.max_span > max_span;
END;
CREATE TRIGGER IF NOT EXISTS holds_span_insert AFTER INSERT ON holds BEGIN
  INSERT INTO busy_spans VALUES (NEW.business_id, NEW.staff, NEW.busy_end - NEW.busy_start)
  ON CONFLICT (business_id, staff) DO UPDATE SET max_span = excluded.max_span
  WHERE excluded.max_span > max_span;
END;
-- Rows written before the triggers existed: without their spans the
-- overlap search would skip them and let a double booking through.
INSERT INTO busy_spans (business_id, staff, max_span)
  SELECT business_id, staff, MAX(busy_end - busy_start) FROM (
    SELECT business_id, staff, busy_start, busy_end FROM bookings
    UNION ALL
    SELECT business_id, staff, busy_start, busy_end FROM holds)
  WHERE true
  GROUP BY business_id, staff
  ON CONFLICT (business_id, staff) DO UPDATE SET max_span = excluded.max_span
  WHERE excluded.max_span > max_span;
)sql";

// kMigrations[i] takes the schema from version i to i + 1. Every step is
// idempotent (IF NOT EXISTS, upserts), and an opening process applies the
// missing ones in order inside one write transaction.
// v3: the caller's date of birth, which reschedule and cancel by phone use to
// find a caller's booking when caller ID does not match.
constexpr const char* kSchemaV3 = R"sql(
ALTER TABLE bookings ADD COLUMN customer_dob TEXT NOT NULL DEFAULT '';
)sql";

constexpr std::array<const char*, 3> kMigrations = {kSchemaV1, kSchemaV2, kSchemaV3};
constexpr int kSchemaVersion = static_cast<int>(kMigrations.size());

// Column list shared by every query that reads a BookingRecord; ReadBooking()
// depends on this order.
#define VOXDESK_BOOKING_COLUMNS                                                                  \
  "business_id, id, service, staff, staff_requested, start_at, end_at, buffer_before_min, "      \
  "buffer_after_min, status, confirmation_code, customer_name, customer_phone, customer_email, " \
  "idempotency_key, sequence, source, created_at, updated_at, customer_dob"
constexpr int kBookingColumnCount = 20;

#define VOXDESK_HOLD_COLUMNS                                                                 \
  "business_id, id, service, staff, start_at, end_at, buffer_before_min, buffer_after_min, " \
  "expires_at"

BookingRecord ReadBooking(const Query& q) {
  BookingRecord b;
  b.business_id = q.Text(0);
  b.id = q.Text(1);
  b.service = q.Text(2);
  b.staff = q.Text(3);
  b.staff_requested = q.Int(4) != 0;
  b.start = q.Time(5);
  b.end = q.Time(6);
  b.buffer_before_min = static_cast<int>(q.Int(7));
  b.buffer_after_min = static_cast<int>(q.Int(8));
  b.status = q.Text(9) == "cancelled" ? BookingStatus::kCancelled : BookingStatus::kConfirmed;
  b.confirmation_code = q.Text(10);
  b.customer.name = q.Text(11);
  b.customer.phone = q.Text(12);
  b.customer.email = q.Text(13);
  b.idempotency_key = q.Text(14);
  b.sequence = static_cast<int>(q.Int(15));
  b.source = q.Text(16);
  b.created_at = q.Time(17);
  b.updated_at = q.Time(18);
  b.customer.date_of_birth = q.Text(19);
  return b;
}

HoldRecord ReadHold(const Query& q) {
  HoldRecord h;
  h.business_id = q.Text(0);
  h.id = q.Text(1);
  h.service = q.Text(2);
  h.staff = q.Text(3);
  h.start = q.Time(4);
  h.end = q.Time(5);
  h.buffer_before_min = static_cast<int>(q.Int(6));
  h.buffer_after_min = static_cast<int>(q.Int(7));
  h.expires_at = q.Time(8);
  return h;
}

TimeRange Widen(Instant start, Instant end, int before_min, int after_min) {
  return {start - std::chrono::minutes{before_min}, end + std::chrono::minutes{after_min}};
}

std::string Quoted(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

std::string JoinStaff(const std::vector<std::string>& staff) {
  std::string out;
  for (size_t i = 0; i < staff.size(); ++i) {
    if (i > 0) out += i + 1 == staff.size() ? " or " : ", ";
    out += staff[i];
  }
  return out;
}

Status Taken(Instant start, const std::vector<std::string>& staff) {
  return SlotUnavailable(FormatRfc3339Utc(start) + " is not available: " + JoinStaff(staff) +
                         (staff.size() == 1 ? " is" : " are") +
                         " already booked or held at that time");
}

Status CheckInterval(std::string_view what, const std::string& business_id,
                     const std::vector<std::string>& staff, Instant start, Instant end,
                     int before_min, int after_min) {
  if (business_id.empty()) return InvalidArgument(std::string(what) + ": business id is empty");
  if (staff.empty()) return InvalidArgument(std::string(what) + ": no staff candidates given");
  for (const auto& s : staff)
    if (s.empty()) return InvalidArgument(std::string(what) + ": a staff candidate id is empty");
  if (end <= start) return InvalidArgument(std::string(what) + ": end must be after start");
  if (before_min < 0 || after_min < 0)
    return InvalidArgument(std::string(what) + ": buffers must not be negative");
  return Status::Ok();
}

// SQLite happily adopts a tiny file of any content as an empty database and
// would overwrite it on the first write; refusing anything non-empty without
// SQLite's magic header keeps such files untouched.
Status CheckLooksLikeSqlite(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size == 0) return Status::Ok();  // missing or empty: a new database
  static constexpr std::string_view kMagic{"SQLite format 3\0", 16};
  std::array<char, kMagic.size()> head{};
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Ok();  // unreadable: SQLite's own open error says why
  in.read(head.data(), head.size());
  if (in.gcount() == static_cast<std::streamsize>(head.size()) &&
      std::string_view(head.data(), head.size()) == kMagic)
    return Status::Ok();
  return StorageError(Quoted(path) + " is not an SQLite database; the file was left unchanged");
}

struct KeyedReschedule {
  BookingRecord booking;
  std::string key;
  std::string fingerprint;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(sqlite::Connection db, std::string path)
      : db_(std::move(db)), path_(std::move(path)) {}

  Status Init();

  Status ImportConfigBookings(const std::vector<BookingRecord>& bookings) override;
  Result<std::vector<BookingRecord>> LiveBookings(const std::string& business_id) override;
  Result<std::vector<HoldRecord>> LiveHolds(const std::string& business_id, Instant now) override;
  Result<BookingRecord> GetBooking(const std::string& business_id, const std::string& id) override;
  Result<std::optional<KeyedBooking>> FindByIdempotencyKey(const std::string& business_id,
                                                           const std::string& key) override;
  Result<BookOutcome> Book(const BookRequest& req, Instant now, IdGenerator& ids) override;
  Result<BookingRecord> Cancel(const std::string& business_id, const std::string& id,
                               Instant now) override;
  Result<BookingRecord> Reschedule(const RescheduleRequest& req, Instant now) override;
  Result<HoldRecord> PlaceHold(const HoldRequest& req, Instant now, IdGenerator& ids) override;
  Status ReleaseHold(const std::string& business_id, const std::string& hold_id) override;
  Result<int64_t> ExternalChanges() override;

 private:
  // Rolls an open transaction back unless Commit() succeeded, so an early
  // return or an exception can never leave half a write behind.
  class Transaction {
   public:
    explicit Transaction(sqlite3* db) : db_(db) {}
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction() {
      if (!committed_ && !sqlite3_get_autocommit(db_))
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    Status Commit() {
      if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        return sqlite::Error(db_, "SQLite could not commit");
      committed_ = true;
      return Status::Ok();
    }

   private:
    sqlite3* db_;
    bool committed_ = false;
  };

  // Runs `body` (returning Status or Result<T>) inside BEGIN IMMEDIATE and
  // commits only when it succeeded.
  template <typename Body>
  auto Write(Body&& body) -> decltype(body()) {
    VOXDESK_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE", "SQLite could not start a write transaction"));
    Transaction txn(db_.get());
    auto result = body();
    if (!result.ok()) return result;
    VOXDESK_RETURN_IF_ERROR(txn.Commit());
    return result;
  }

  // sqlite3_exec with the busy retries every lock-taking statement needs.
  Status Exec(const char* sql, std::string_view what);
  Result<Query> Sql(const char* sql);

  Result<std::optional<BookingRecord>> FindBooking(const std::string& business_id,
                                                   const std::string& id);
  Result<std::optional<KeyedReschedule>> FindForReschedule(const std::string& business_id,
                                                           const std::string& id);
  // Whether `busy` for `staff` collides with a confirmed booking or a live
  // hold; the excluded ids are the caller's own booking and hold.
  // Writes one booking row; with skip_existing a row with the same
  // (business, id) is left as it is.
  Status InsertBooking(const BookingRecord& b, const std::string& fingerprint, bool skip_existing);
  Result<bool> Overlaps(const std::string& business_id, const std::string& staff, TimeRange busy,
                        Instant now, const std::string& exclude_booking,
                        const std::string& exclude_hold);
  // The first candidate whose `busy` interval is free, if any.
  Result<std::optional<std::string>> FirstFree(const std::string& business_id,
                                               const std::vector<std::string>& candidates,
                                               TimeRange busy, Instant now,
                                               const std::string& exclude_booking,
                                               const std::string& exclude_hold);

  // Declared before db_: the connection's commit hook points at it.
  std::shared_ptr<WalCheckpointer> checkpointer_;
  sqlite::Connection db_;
  std::string path_;
  // Declared after db_ so statements are finalized before the connection closes.
  std::unordered_map<std::string, sqlite::Statement> statements_;
  // Holds long expired are deleted now and then, not on every hold: they
  // block nothing (reads filter on expires_at), they only take space.
  std::optional<Instant> last_purge_;
};

Status SqliteStore::Exec(const char* sql, std::string_view what) {
  for (int attempt = 0;; ++attempt) {
    const int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) return Status::Ok();
    if (!sqlite::IsBusy(rc) || attempt + 1 >= kBusyRetries) return sqlite::Error(db_.get(), what);
    std::this_thread::sleep_for(std::chrono::milliseconds{1 << std::min(attempt, 7)});
  }
}

Result<Query> SqliteStore::Sql(const char* sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* raw = nullptr;
    const int rc = sqlite3_prepare_v3(db_.get(), sql, -1, SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
    sqlite::Statement stmt(raw);
    if (rc != SQLITE_OK) return sqlite::Error(db_.get(), "SQLite could not prepare a statement");
    it = statements_.emplace(sql, std::move(stmt)).first;
  }
  return Query(db_.get(), it->second.get());
}

Status SqliteStore::Init() {
  sqlite3* db = db_.get();
  // Reading the header first makes SQLite reject a damaged or foreign file
  // before any pragma below could try to write to it.
  {
    auto q = Sql("PRAGMA schema_version");
    Status st = q ? q->Run() : q.status();
    if (!st.ok()) {
      if ((sqlite3_extended_errcode(db) & 0xff) == SQLITE_NOTADB)
        return StorageError(Quoted(path_) +
                            " is not an SQLite database; the file was left unchanged");
      return st;
    }
  }
  {
    // WAL lets readers run while one process writes; it is a property of
    // the file, so setting it again on an existing database is a no-op.
    // An in-memory database answers "memory", which is fine.
    VOXDESK_RETURN_IF_ERROR(Exec("PRAGMA journal_mode=WAL", "SQLite could not enable WAL mode"));
  }
  // NORMAL is durable against process crashes in WAL mode; only a power
  // loss can drop the last commits, and never corrupts the file.
  VOXDESK_RETURN_IF_ERROR(Exec("PRAGMA synchronous=NORMAL", "SQLite rejected synchronous=NORMAL"));
  if (path_ != ":memory:") {
    // Checkpoints (an fsync each) run on a background thread, not inside
    // whichever booking's commit crosses the WAL's size limit.
    checkpointer_ = WalCheckpointer::For(path_);
    checkpointer_->Attach(db);
  }
  VOXDESK_RETURN_IF_ERROR(Exec("PRAGMA foreign_keys=ON", "SQLite rejected foreign_keys=ON"));

  // The schema is created or migrated under the write lock, so processes
  // that open a fresh file at the same moment do it exactly once.
  return Write([&]() -> Status {
    auto q = Sql("PRAGMA user_version");
    if (!q) return q.status();
    auto r = q->Step();
    if (!r) return r.status();
    const int64_t version = *r ? q->Int(0) : 0;
    if (version > kSchemaVersion)
      return StorageError(Quoted(path_) + " has schema version " + std::to_string(version) +
                          ", newer than the " + std::to_string(kSchemaVersion) +
                          " this build understands");
    if (version == kSchemaVersion) return Status::Ok();
    for (int64_t step = std::max<int64_t>(version, 0); step < kSchemaVersion; ++step) {
      char* err = nullptr;
      if (sqlite3_exec(db, kMigrations[static_cast<size_t>(step)], nullptr, nullptr, &err) !=
          SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errmsg(db);
        sqlite3_free(err);
        return StorageError("SQLite could not bring the schema to version " +
                            std::to_string(step + 1) + ": " + msg);
      }
    }
    const std::string set_version = "PRAGMA user_version=" + std::to_string(kSchemaVersion);
    return Exec(set_version.c_str(), "SQLite could not record the schema version");
  });
}

Result<std::optional<BookingRecord>> SqliteStore::FindBooking(const std::string& business_id,
                                                              const std::string& id) {
  auto q =
      Sql("SELECT " VOXDESK_BOOKING_COLUMNS " FROM bookings WHERE business_id = ?1 AND id = ?2");
  if (!q) return q.status();
  q->Bind(business_id).Bind(id);
  auto r = q->Step();
  if (!r) return r.status();
  if (!*r) return std::optional<BookingRecord>{};
  return std::optional<BookingRecord>{ReadBooking(*q)};
}

Result<std::optional<KeyedReschedule>> SqliteStore::FindForReschedule(
    const std::string& business_id, const std::string& id) {
  auto q = Sql("SELECT " VOXDESK_BOOKING_COLUMNS
               ", reschedule_key, reschedule_fingerprint FROM bookings"
               " WHERE business_id = ?1 AND id = ?2");
  if (!q) return q.status();
  q->Bind(business_id).Bind(id);
  auto r = q->Step();
  if (!r) return r.status();
  if (!*r) return std::optional<KeyedReschedule>{};
  return std::optional<KeyedReschedule>{KeyedReschedule{
      ReadBooking(*q), q->Text(kBookingColumnCount), q->Text(kBookingColumnCount + 1)}};
}

Result<bool> SqliteStore::Overlaps(const std::string& business_id, const std::string& staff,
                                   TimeRange busy, Instant now, const std::string& exclude_booking,
                                   const std::string& exclude_hold) {
  {
    // Half-open intervals: touching ends do not overlap. The lower bound on
    // busy_start follows from busy_end > ?4 and turns a scan of every
    // earlier booking into an index range.
    auto q =
        Sql("SELECT 1 FROM bookings WHERE business_id = ?1 AND staff = ?2 AND busy_start < ?3"
            " AND busy_start > ?4 - (SELECT max_span FROM busy_spans"
            "                        WHERE business_id = ?1 AND staff = ?2)"
            " AND busy_end > ?4 AND status = 'confirmed' AND id <> ?5 LIMIT 1");
    if (!q) return q.status();
    q->Bind(business_id).Bind(staff).Bind(busy.end).Bind(busy.start).Bind(exclude_booking);
    auto r = q->Step();
    if (!r || *r) return r;
  }
  auto q =
      Sql("SELECT 1 FROM holds WHERE business_id = ?1 AND staff = ?2 AND busy_start < ?3"
          " AND busy_start > ?4 - (SELECT max_span FROM busy_spans"
          "                        WHERE business_id = ?1 AND staff = ?2)"
          " AND busy_end > ?4 AND expires_at > ?5 AND id <> ?6 LIMIT 1");
  if (!q) return q.status();
  q->Bind(business_id).Bind(staff).Bind(busy.end).Bind(busy.start).Bind(now).Bind(exclude_hold);
  return q->Step();
}

Result<std::optional<std::string>> SqliteStore::FirstFree(
    const std::string& business_id, const std::vector<std::string>& candidates, TimeRange busy,
    Instant now, const std::string& exclude_booking, const std::string& exclude_hold) {
  for (const auto& staff : candidates) {
    auto taken = Overlaps(business_id, staff, busy, now, exclude_booking, exclude_hold);
    if (!taken) return taken.status();
    if (!*taken) return std::optional<std::string>{staff};
  }
  return std::optional<std::string>{};
}

Status SqliteStore::InsertBooking(const BookingRecord& b, const std::string& fingerprint,
                                  bool skip_existing) {
#define VOXDESK_INSERT_BOOKING                                                                \
  "INSERT INTO bookings (business_id, id, service, staff, staff_requested, start_at, end_at," \
  " buffer_before_min, buffer_after_min, busy_start, busy_end, status, confirmation_code,"    \
  " customer_name, customer_phone, customer_email, idempotency_key, fingerprint, sequence,"   \
  " source, created_at, updated_at, customer_dob)"                                            \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18," \
  " ?19, ?20, ?21, ?22, ?23)"
  auto q = skip_existing ? Sql(VOXDESK_INSERT_BOOKING " ON CONFLICT (business_id, id) DO NOTHING")
                         : Sql(VOXDESK_INSERT_BOOKING);
#undef VOXDESK_INSERT_BOOKING
  if (!q) return q.status();
  const TimeRange busy = b.Busy();
  q->Bind(b.business_id)
      .Bind(b.id)
      .Bind(b.service)
      .Bind(b.staff)
      .Bind(b.staff_requested ? 1 : 0)
      .Bind(b.start)
      .Bind(b.end)
      .Bind(b.buffer_before_min)
      .Bind(b.buffer_after_min)
      .Bind(busy.start)
      .Bind(busy.end)
      .Bind(BookingStatusName(b.status))
      .Bind(b.confirmation_code)
      .Bind(b.customer.name)
      .Bind(b.customer.phone)
      .Bind(b.customer.email)
      .Bind(b.idempotency_key)
      .Bind(fingerprint)
      .Bind(b.sequence)
      .Bind(b.source)
      .Bind(b.created_at)
      .Bind(b.updated_at)
      .Bind(b.customer.date_of_birth);
  return q->Run();
}

Status SqliteStore::ImportConfigBookings(const std::vector<BookingRecord>& bookings) {
  for (size_t i = 0; i < bookings.size(); ++i) {
    const auto& b = bookings[i];
    const std::string what = "config booking " + Quoted(b.id);
    if (b.id.empty())
      return InvalidArgument("config booking #" + std::to_string(i) + ": id is empty");
    VOXDESK_RETURN_IF_ERROR(CheckInterval(what, b.business_id, {b.staff}, b.start, b.end,
                                          b.buffer_before_min, b.buffer_after_min));
  }
  return Write([&]() -> Status {
    for (const auto& b : bookings) {
      // Only an existing (business, id) is skipped; any other constraint
      // violation is a real error and aborts the whole import.
      BookingRecord row = b;
      row.source = "config";
      VOXDESK_RETURN_IF_ERROR(InsertBooking(row, "", /*skip_existing=*/true));
    }
    return Status::Ok();
  });
}

Result<std::vector<BookingRecord>> SqliteStore::LiveBookings(const std::string& business_id) {
  auto q = Sql("SELECT " VOXDESK_BOOKING_COLUMNS
               " FROM bookings WHERE business_id = ?1 AND status = 'confirmed'"
               " ORDER BY start_at, staff, id");
  if (!q) return q.status();
  q->Bind(business_id);
  std::vector<BookingRecord> out;
  for (;;) {
    auto r = q->Step();
    if (!r) return r.status();
    if (!*r) return out;
    out.push_back(ReadBooking(*q));
  }
}

Result<std::vector<HoldRecord>> SqliteStore::LiveHolds(const std::string& business_id,
                                                       Instant now) {
  auto q = Sql("SELECT " VOXDESK_HOLD_COLUMNS
               " FROM holds WHERE business_id = ?1 AND expires_at > ?2"
               " ORDER BY start_at, staff, id");
  if (!q) return q.status();
  q->Bind(business_id).Bind(now);
  std::vector<HoldRecord> out;
  for (;;) {
    auto r = q->Step();
    if (!r) return r.status();
    if (!*r) return out;
    out.push_back(ReadHold(*q));
  }
}

Result<BookingRecord> SqliteStore::GetBooking(const std::string& business_id,
                                              const std::string& id) {
  auto b = FindBooking(business_id, id);
  if (!b) return b.status();
  if (!*b) return NotFound("booking " + Quoted(id) + " not found");
  return std::move(**b);
}

Result<std::optional<KeyedBooking>> SqliteStore::FindByIdempotencyKey(
    const std::string& business_id, const std::string& key) {
  if (key.empty()) return std::optional<KeyedBooking>{};
  // The "<> ''" term lets SQLite use the partial unique index on the key.
  auto q = Sql("SELECT " VOXDESK_BOOKING_COLUMNS
               ", fingerprint FROM bookings WHERE business_id = ?1 AND idempotency_key = ?2"
               " AND idempotency_key <> ''");
  if (!q) return q.status();
  q->Bind(business_id).Bind(key);
  auto r = q->Step();
  if (!r) return r.status();
  if (!*r) return std::optional<KeyedBooking>{};
  return std::optional<KeyedBooking>{KeyedBooking{ReadBooking(*q), q->Text(kBookingColumnCount)}};
}

Result<int64_t> SqliteStore::ExternalChanges() {
  // data_version moves when another connection commits, never for our own.
  auto q = Sql("PRAGMA data_version");
  if (!q) return q.status();
  auto r = q->Step();
  if (!r) return r.status();
  const int64_t v = *r ? q->Int(0) : 0;
  return v;
}

Result<BookOutcome> SqliteStore::Book(const BookRequest& req, Instant now, IdGenerator& ids) {
  VOXDESK_RETURN_IF_ERROR(CheckInterval("book", req.business_id, req.staff_candidates, req.start,
                                        req.end, req.buffer_before_min, req.buffer_after_min));
  return Write([&]() -> Result<BookOutcome> {
    if (!req.idempotency_key.empty()) {
      auto prior = FindByIdempotencyKey(req.business_id, req.idempotency_key);
      if (!prior) return prior.status();
      if (*prior) {
        // A replay answers with the booking as it is now, even cancelled:
        // the request it repeats did succeed.
        if ((*prior)->fingerprint != req.fingerprint)
          return Conflict("idempotency key " + Quoted(req.idempotency_key) +
                          " was already used for a different booking request");
        return BookOutcome{std::move((*prior)->booking), true};
      }
    }

    const TimeRange busy = Widen(req.start, req.end, req.buffer_before_min, req.buffer_after_min);
    auto staff = FirstFree(req.business_id, req.staff_candidates, busy, now, "", req.hold_id);
    if (!staff) return staff.status();
    if (!*staff) return Taken(req.start, req.staff_candidates);

    BookingRecord b;
    b.business_id = req.business_id;
    for (int attempt = 0;; ++attempt) {
      if (attempt == kIdAttempts)
        return Status(Code::kInternal, "could not draw an unused booking id and confirmation code");
      b.id = ids.BookingId();
      b.confirmation_code = ids.ConfirmationCode();
      // Two indexed lookups; the "<> ''" term matches the partial index.
      auto q =
          Sql("SELECT 1 FROM bookings WHERE business_id = ?1 AND id = ?2 UNION ALL"
              " SELECT 1 FROM bookings WHERE business_id = ?1 AND confirmation_code = ?3"
              " AND confirmation_code <> '' LIMIT 1");
      if (!q) return q.status();
      q->Bind(b.business_id).Bind(b.id).Bind(b.confirmation_code);
      auto used = q->Step();
      if (!used) return used.status();
      if (!*used) break;
    }
    b.service = req.service;
    b.staff = std::move(**staff);
    b.staff_requested = req.staff_requested;
    b.start = req.start;
    b.end = req.end;
    b.buffer_before_min = req.buffer_before_min;
    b.buffer_after_min = req.buffer_after_min;
    b.status = BookingStatus::kConfirmed;
    b.customer = req.customer;
    b.idempotency_key = req.idempotency_key;
    b.sequence = 0;
    b.source = "api";
    b.created_at = b.updated_at = now;

    VOXDESK_RETURN_IF_ERROR(InsertBooking(b, req.fingerprint, /*skip_existing=*/false));

    if (!req.hold_id.empty()) {
      auto del = Sql("DELETE FROM holds WHERE business_id = ?1 AND id = ?2");
      if (!del) return del.status();
      del->Bind(req.business_id).Bind(req.hold_id);
      VOXDESK_RETURN_IF_ERROR(del->Run());
    }
    return BookOutcome{std::move(b), false};
  });
}

Result<BookingRecord> SqliteStore::Cancel(const std::string& business_id, const std::string& id,
                                          Instant now) {
  return Write([&]() -> Result<BookingRecord> {
    auto found = FindBooking(business_id, id);
    if (!found) return found.status();
    if (!*found) return NotFound("booking " + Quoted(id) + " not found");
    BookingRecord b = std::move(**found);
    if (b.status == BookingStatus::kCancelled) return b;
    auto q =
        Sql("UPDATE bookings SET status = 'cancelled', sequence = sequence + 1, updated_at = ?3"
            " WHERE business_id = ?1 AND id = ?2");
    if (!q) return q.status();
    q->Bind(business_id).Bind(id).Bind(now);
    VOXDESK_RETURN_IF_ERROR(q->Run());
    b.status = BookingStatus::kCancelled;
    b.sequence += 1;
    b.updated_at = now;
    return b;
  });
}

Result<BookingRecord> SqliteStore::Reschedule(const RescheduleRequest& req, Instant now) {
  VOXDESK_RETURN_IF_ERROR(
      CheckInterval("reschedule", req.business_id, req.staff_candidates, req.start, req.end, 0, 0));
  return Write([&]() -> Result<BookingRecord> {
    auto found = FindForReschedule(req.business_id, req.booking_id);
    if (!found) return found.status();
    if (!*found) return NotFound("booking " + Quoted(req.booking_id) + " not found");
    KeyedReschedule cur = std::move(**found);

    if (!req.idempotency_key.empty() && req.idempotency_key == cur.key) {
      if (req.fingerprint != cur.fingerprint)
        return Conflict("idempotency key " + Quoted(req.idempotency_key) +
                        " was already used for a different reschedule request");
      return std::move(cur.booking);
    }
    if (cur.booking.status == BookingStatus::kCancelled)
      return Conflict("booking " + Quoted(req.booking_id) +
                      " is cancelled and cannot be rescheduled");

    BookingRecord& b = cur.booking;
    const TimeRange busy = Widen(req.start, req.end, b.buffer_before_min, b.buffer_after_min);
    auto staff = FirstFree(req.business_id, req.staff_candidates, busy, now, b.id, "");
    if (!staff) return staff.status();
    if (!*staff) return Taken(req.start, req.staff_candidates);

    // A request without a key keeps the previous key on record, so a late
    // retry of that earlier request is still recognised as a replay.
    auto q =
        Sql("UPDATE bookings SET staff = ?3, start_at = ?4, end_at = ?5, busy_start = ?6,"
            " busy_end = ?7, sequence = sequence + 1, updated_at = ?8,"
            " reschedule_key = CASE WHEN ?9 = '' THEN reschedule_key ELSE ?9 END,"
            " reschedule_fingerprint = CASE WHEN ?9 = '' THEN reschedule_fingerprint ELSE ?10 END"
            " WHERE business_id = ?1 AND id = ?2");
    if (!q) return q.status();
    q->Bind(req.business_id)
        .Bind(req.booking_id)
        .Bind(**staff)
        .Bind(req.start)
        .Bind(req.end)
        .Bind(busy.start)
        .Bind(busy.end)
        .Bind(now)
        .Bind(req.idempotency_key)
        .Bind(req.fingerprint);
    VOXDESK_RETURN_IF_ERROR(q->Run());
    b.staff = std::move(**staff);
    b.start = req.start;
    b.end = req.end;
    b.sequence += 1;
    b.updated_at = now;
    return std::move(b);
  });
}

Result<HoldRecord> SqliteStore::PlaceHold(const HoldRequest& req, Instant now, IdGenerator& ids) {
  VOXDESK_RETURN_IF_ERROR(CheckInterval("hold", req.business_id, req.staff_candidates, req.start,
                                        req.end, req.buffer_before_min, req.buffer_after_min));
  if (req.ttl <= std::chrono::seconds::zero()) return InvalidArgument("hold: ttl must be positive");
  return Write([&]() -> Result<HoldRecord> {
    if (!last_purge_ || now - *last_purge_ >= std::chrono::hours{1} || now < *last_purge_) {
      auto purge = Sql("DELETE FROM holds WHERE expires_at <= ?1");
      if (!purge) return purge.status();
      purge->Bind(now - kHoldPurgeDelay);
      VOXDESK_RETURN_IF_ERROR(purge->Run());
      last_purge_ = now;
    }
    const TimeRange busy = Widen(req.start, req.end, req.buffer_before_min, req.buffer_after_min);
    auto staff = FirstFree(req.business_id, req.staff_candidates, busy, now, "", "");
    if (!staff) return staff.status();
    if (!*staff) return Taken(req.start, req.staff_candidates);

    HoldRecord h;
    h.business_id = req.business_id;
    h.service = req.service;
    h.staff = std::move(**staff);
    h.start = req.start;
    h.end = req.end;
    h.buffer_before_min = req.buffer_before_min;
    h.buffer_after_min = req.buffer_after_min;
    h.expires_at = now + req.ttl;
    for (int attempt = 0;; ++attempt) {
      if (attempt == kIdAttempts)
        return Status(Code::kInternal, "could not draw an unused hold id");
      h.id = ids.HoldId();
      auto q = Sql("SELECT 1 FROM holds WHERE business_id = ?1 AND id = ?2");
      if (!q) return q.status();
      q->Bind(h.business_id).Bind(h.id);
      auto used = q->Step();
      if (!used) return used.status();
      if (!*used) break;
    }
    auto q = Sql(
        "INSERT INTO holds (business_id, id, service, staff, start_at, end_at, buffer_before_min,"
        " buffer_after_min, busy_start, busy_end, expires_at, created_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    if (!q) return q.status();
    q->Bind(h.business_id)
        .Bind(h.id)
        .Bind(h.service)
        .Bind(h.staff)
        .Bind(h.start)
        .Bind(h.end)
        .Bind(h.buffer_before_min)
        .Bind(h.buffer_after_min)
        .Bind(busy.start)
        .Bind(busy.end)
        .Bind(h.expires_at)
        .Bind(now);
    VOXDESK_RETURN_IF_ERROR(q->Run());
    return h;
  });
}

Status SqliteStore::ReleaseHold(const std::string& business_id, const std::string& hold_id) {
  return Write([&]() -> Status {
    auto q = Sql("DELETE FROM holds WHERE business_id = ?1 AND id = ?2");
    if (!q) return q.status();
    q->Bind(business_id).Bind(hold_id);
    VOXDESK_RETURN_IF_ERROR(q->Run());
    if (q->Changes() == 0) return NotFound("hold " + Quoted(hold_id) + " not found");
    return Status::Ok();
  });
}

#undef VOXDESK_BOOKING_COLUMNS
#undef VOXDESK_HOLD_COLUMNS

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  const bool in_memory = path.empty() || path == ":memory:";
  const std::string target = in_memory ? ":memory:" : path;
  if (!in_memory) VOXDESK_RETURN_IF_ERROR(CheckLooksLikeSqlite(target));

  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(target.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  sqlite::Connection db(raw);  // owns the handle even when opening failed
  if (rc != SQLITE_OK)
    return StorageError("cannot open database " + Quoted(target) + ": " +
                        (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_handler(raw, WaitForLock, nullptr);

  auto store = std::make_unique<SqliteStore>(std::move(db), target);
  VOXDESK_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace voxdesk
