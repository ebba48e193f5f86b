// Where bookings and holds live. The store, not application code, guarantees
// that no two live bookings/holds of one staff member overlap (each widened by
// its own service's buffers): the overlap check and the write happen inside
// one write transaction, which also serialises writers across processes that
// share one database.
//
// Static rules (working hours, slot grid, notice, horizon, fixed busy blocks)
// are checked by the availability engine before a write reaches the store;
// the store checks what can change under it: other bookings and holds.
//
// Thread safety: a Store instance is used by one thread at a time; open one
// instance per thread or process on the same database file.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/status.h"
#include "core/time.h"
#include "schedule/business.h"

namespace voxdesk {

enum class BookingStatus { kConfirmed, kCancelled };
const char* BookingStatusName(BookingStatus s);  // "confirmed" | "cancelled"

struct BookingRecord {
  std::string business_id;
  std::string id;
  std::string service;
  std::string staff;
  bool staff_requested = false;  // the caller asked for this staff member
  Instant start;
  Instant end;
  int buffer_before_min = 0;  // of its own service, frozen at booking time
  int buffer_after_min = 0;
  BookingStatus status = BookingStatus::kConfirmed;
  std::string confirmation_code;
  Customer customer;
  std::string idempotency_key;  // empty when none was given
  int sequence = 0;             // iCalendar SEQUENCE: bumped on every change
  std::string source = "api";   // "api" or "config"
  Instant created_at;
  Instant updated_at;

  // [start - buffer_before, end + buffer_after): what this booking blocks.
  TimeRange Busy() const {
    return {start - std::chrono::minutes{buffer_before_min}, end + std::chrono::minutes{buffer_after_min}};
  }
};

struct HoldRecord {
  std::string business_id;
  std::string id;
  std::string service;
  std::string staff;
  Instant start;
  Instant end;
  int buffer_before_min = 0;
  int buffer_after_min = 0;
  Instant expires_at;  // live while now < expires_at

  TimeRange Busy() const {
    return {start - std::chrono::minutes{buffer_before_min}, end + std::chrono::minutes{buffer_after_min}};
  }
};

// Take [start, end) for the first staff member in `staff_candidates` whose
// buffered interval is free.
struct BookRequest {
  std::string business_id;
  std::string service;
  std::vector<std::string> staff_candidates;  // in order of preference, non-empty
  bool staff_requested = false;
  Instant start;
  Instant end;
  int buffer_before_min = 0;
  int buffer_after_min = 0;
  Customer customer;
  std::string idempotency_key;  // optional
  std::string fingerprint;      // what the key promises: same key + other fingerprint = kConflict
  std::string hold_id;          // optional: a hold of the caller's, consumed by this booking
};

struct BookOutcome {
  BookingRecord booking;
  bool replayed = false;  // the idempotency key was seen before: nothing was written
};

// A booking found by its idempotency key, with the request fingerprint the
// key was first used for.
struct KeyedBooking {
  BookingRecord booking;
  std::string fingerprint;
};

struct RescheduleRequest {
  std::string business_id;
  std::string booking_id;
  std::vector<std::string> staff_candidates;  // in order of preference, non-empty
  Instant start;
  Instant end;
  std::string idempotency_key;  // optional
  std::string fingerprint;
};

struct HoldRequest {
  std::string business_id;
  std::string service;
  std::vector<std::string> staff_candidates;
  Instant start;
  Instant end;
  int buffer_before_min = 0;
  int buffer_after_min = 0;
  std::chrono::seconds ttl{300};
};

class Store {
 public:
  virtual ~Store() = default;

  // Adds the configuration's bookings (source "config") unless a row with the
  // same (business, id) exists already: a config booking cancelled or moved
  // through the store stays cancelled or moved. No overlap check: the config
  // is the source of truth for them.
  virtual Status ImportConfigBookings(const std::vector<BookingRecord>& bookings) = 0;

  // Confirmed bookings of a business, ordered by start.
  virtual Result<std::vector<BookingRecord>> LiveBookings(const std::string& business_id) = 0;
  // Holds with now < expires_at.
  virtual Result<std::vector<HoldRecord>> LiveHolds(const std::string& business_id, Instant now) = 0;

  virtual Result<BookingRecord> GetBooking(const std::string& business_id, const std::string& id) = 0;

  // The booking first written with this idempotency key, if any.
  virtual Result<std::optional<KeyedBooking>> FindByIdempotencyKey(const std::string& business_id,
                                                                   const std::string& key) = 0;

  // kSlotUnavailable when every candidate overlaps a live booking/hold;
  // kConflict when the idempotency key was used for a different request.
  virtual Result<BookOutcome> Book(const BookRequest& req, Instant now, IdGenerator& ids) = 0;

  // Cancelling a cancelled booking returns it unchanged.
  virtual Result<BookingRecord> Cancel(const std::string& business_id, const std::string& id,
                                       Instant now) = 0;

  // Atomic: the new time is taken and the old released in one transaction, or
  // nothing changes. The booking's own old interval does not block the new one.
  virtual Result<BookingRecord> Reschedule(const RescheduleRequest& req, Instant now) = 0;

  // A number that changes whenever another connection (thread or process)
  // commits to the database, so a cache of its contents knows when to reload.
  // The connection's own writes do not change it.
  virtual Result<int64_t> ExternalChanges() = 0;

  virtual Result<HoldRecord> PlaceHold(const HoldRequest& req, Instant now, IdGenerator& ids) = 0;
  virtual Status ReleaseHold(const std::string& business_id, const std::string& hold_id) = 0;
};

// Opens (creating if missing) an SQLite database; ":memory:" or "" for a
// private in-memory database.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

}  // namespace voxdesk
