// The scheduling service: one business's availability and bookings over a
// Store, with "now" from an injected Clock. Every write goes through the
// availability engine's static rules (hours, grid, notice, horizon, fixed
// busy blocks) and then the store's transaction, which alone decides
// whether another booking or hold is in the way.
//
// Thread safety: one thread at a time per Scheduler (it owns a Store
// connection and a BusyIndex cache).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/log.h"
#include "schedule/availability.h"
#include "schedule/store.h"

namespace voxdesk {

struct BookingInput {
  std::string service;
  std::string staff;  // empty: any qualified staff member who is free
  Instant start;
  Customer customer;
  std::string idempotency_key;
  std::string hold_id;  // a hold placed earlier for this slot, consumed by the booking
};

struct RescheduleInput {
  std::string booking_id;
  Instant start;
  std::string staff;  // empty: keep the staff member if free, else (unless the
                      // caller had asked for that person) any qualified one
  std::string idempotency_key;
};

struct HoldInput {
  std::string service;
  std::string staff;
  Instant start;
  std::chrono::seconds ttl{300};
};

class Scheduler {
 public:
  // `business`, `store`, `clock` and `ids` must outlive the Scheduler.
  Scheduler(const Business& business, Store& store, const Clock& clock, IdGenerator& ids);

  // Imports the configuration's bookings into the store and loads what is busy.
  Status Open();

  Result<std::vector<Slot>> Slots(const SlotQuery& q);
  Result<std::optional<Slot>> NextAvailable(const std::string& service, const std::string& staff,
                                            Instant after);
  Result<BookOutcome> Book(const BookingInput& in);
  Result<BookingRecord> Cancel(const std::string& booking_id);
  Result<BookingRecord> Reschedule(const RescheduleInput& in);
  Result<HoldRecord> Hold(const HoldInput& in);
  Status ReleaseHold(const std::string& hold_id);
  Result<BookingRecord> Get(const std::string& booking_id);
  // Confirmed bookings that have not started yet, ordered by start.
  Result<std::vector<BookingRecord>> Upcoming();

  // Booking events (created, cancelled, rescheduled) go here; PII is
  // redacted by the logger. `log` must outlive the Scheduler; nullptr = none.
  void SetLogger(Logger* log) { log_ = log; }

  // Reloads bookings and holds from the store (other processes may have written).
  Status Refresh();

  const Business& business() const { return business_; }
  const Availability& availability() const { return availability_; }
  Instant Now() const { return clock_.NowSeconds(); }

 private:
  Result<std::vector<std::string>> Candidates(const Service& service, const std::string& staff,
                                              Instant start);
  Status RefreshIfStale();

  const Business& business_;
  Store& store_;
  const Clock& clock_;
  IdGenerator& ids_;
  Availability availability_;
  BusyIndex static_busy_;  // fixed busy blocks only: what the store cannot see
  BusyIndex busy_;         // plus live bookings and holds
  std::optional<Instant> next_hold_expiry_;
  // The live holds busy_ holds, so releasing or booking one updates busy_ in
  // place instead of reloading everything, and the next expiry stays exact.
  std::map<std::string, HoldRecord> holds_;
  void ForgetHold(std::map<std::string, HoldRecord>::iterator it);
  bool loaded_ = false;
  int64_t seen_changes_ = -1;  // Store::ExternalChanges() when busy_ was loaded
  Logger* log_ = nullptr;
};

// JSON text of a booking as the CLI and the C ABI print it.
std::string BookingJson(const Business& business, const BookingRecord& b);

}  // namespace voxdesk
