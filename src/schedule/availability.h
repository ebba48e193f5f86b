// The availability engine: which (start, staff) pairs can be offered for a
// service, exactly as CONTRACTS.md section 2 defines them. Working hours are
// expanded lazily, one local date at a time through each staff member's own
// zone, so "first N" and "next available" stop as soon as they have enough.
//
// Thread safety: an Availability object is immutable; queries may run
// concurrently as long as the BusyIndex is not being written.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "schedule/business.h"
#include "schedule/busy_index.h"

namespace voxdesk {

struct SlotQuery {
  std::string service;  // service id
  std::string staff;    // staff id; empty = any qualified staff member
  Instant from;         // window [from, to) on the slot start
  Instant to;
  size_t limit = 0;  // 0 = no limit
};

struct Slot {
  Instant start;
  Instant end;
  size_t staff_index;  // into Business::staff
  bool operator==(const Slot&) const = default;
};

class Availability {
 public:
  explicit Availability(const Business& business);

  // Slots sorted by start, then staff id. Errors: unknown service or staff
  // (kNotFound), staff not qualified for the service or from > to
  // (kInvalidArgument).
  Result<std::vector<Slot>> Query(const SlotQuery& q, Instant now, const BusyIndex& busy) const;

  // The first slot starting at or after `after`, within the horizon.
  Result<std::optional<Slot>> NextAvailable(const std::string& service, const std::string& staff,
                                            Instant after, Instant now,
                                            const BusyIndex& busy) const;

  // Whether exactly (service, staff, start) is offered: OK, or
  // kSlotUnavailable with the reason in words.
  Status Check(const Service& service, size_t staff_index, Instant start, Instant now,
               const BusyIndex& busy) const;

  // Staff indices qualified for `service`, sorted by staff id.
  const std::vector<size_t>& QualifiedStaff(const Service& service) const;

  const Business& business() const { return business_; }

 private:
  const Business& business_;
  std::vector<std::vector<size_t>> qualified_;  // per service index
};

}  // namespace voxdesk
