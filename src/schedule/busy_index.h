// What blocks each staff member: fixed busy blocks from the configuration,
// plus live bookings and holds widened by their own service's buffers. Kept
// per staff as a sorted list of disjoint ranges, so one availability check is
// a cursor step, not a scan.
//
// Thread safety: read concurrently, written by one thread at a time.
#pragma once

#include <vector>

#include "schedule/business.h"
#include "schedule/store.h"

namespace voxdesk {

// Sorted, disjoint, non-adjacent half-open ranges.
class IntervalSet {
 public:
  void Add(TimeRange r);
  void Clear() { ranges_.clear(); }
  const std::vector<TimeRange>& ranges() const { return ranges_; }

 private:
  std::vector<TimeRange> ranges_;
};

class BusyIndex {
 public:
  // Starts with the business's fixed busy blocks only.
  explicit BusyIndex(const Business& business);

  // Replaces the dynamic part (bookings and holds) with these.
  void Reset(const std::vector<BookingRecord>& bookings, const std::vector<HoldRecord>& holds);
  // Adds one booking or hold; unknown staff ids are ignored (the config may
  // have dropped a staff member whose bookings remain in the database).
  void Add(const std::string& staff_id, TimeRange busy);
  // Takes back one range added before (a released hold), rebuilding only
  // that staff member's set. False when no such range was added.
  bool Remove(const std::string& staff_id, TimeRange busy);

  const IntervalSet& ForStaff(size_t staff_index) const { return sets_[staff_index]; }

 private:
  int IndexOf(const std::string& staff_id) const;

  const Business& business_;
  std::vector<IntervalSet> sets_;         // merged: what availability walks
  std::vector<std::vector<TimeRange>> raw_;  // as added, so one can be taken back
};

}  // namespace voxdesk
