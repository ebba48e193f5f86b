#include "schedule/busy_index.h"

#include <algorithm>

namespace voxdesk {

void IntervalSet::Add(TimeRange r) {
  if (r.end <= r.start) return;
  // First range that ends at or after r.start: everything from there that
  // starts at or before r.end merges with r.
  auto first = std::lower_bound(ranges_.begin(), ranges_.end(), r.start,
                                [](const TimeRange& x, Instant v) { return x.end < v; });
  auto last = first;
  while (last != ranges_.end() && last->start <= r.end) {
    r.start = std::min(r.start, last->start);
    r.end = std::max(r.end, last->end);
    ++last;
  }
  first = ranges_.erase(first, last);
  ranges_.insert(first, r);
}

BusyIndex::BusyIndex(const Business& business) : business_(business), sets_(business.staff.size()) {
  Reset({}, {});
}

void BusyIndex::Reset(const std::vector<BookingRecord>& bookings,
                      const std::vector<HoldRecord>& holds) {
  for (size_t i = 0; i < sets_.size(); ++i) {
    sets_[i].Clear();
    for (const auto& b : business_.staff[i].busy) sets_[i].Add(b);
  }
  for (const auto& b : bookings)
    if (b.status == BookingStatus::kConfirmed) Add(b.staff, b.Busy());
  for (const auto& h : holds) Add(h.staff, h.Busy());
}

void BusyIndex::Add(const std::string& staff_id, TimeRange busy) {
  for (size_t i = 0; i < sets_.size(); ++i) {
    if (business_.staff[i].id == staff_id) {
      sets_[i].Add(busy);
      return;
    }
  }
}

}  // namespace voxdesk
