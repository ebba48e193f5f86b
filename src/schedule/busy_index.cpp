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

BusyIndex::BusyIndex(const Business& business)
    : business_(business), sets_(business.staff.size()), raw_(business.staff.size()) {
  Reset({}, {});
}

void BusyIndex::Reset(const std::vector<BookingRecord>& bookings,
                      const std::vector<HoldRecord>& holds) {
  for (size_t i = 0; i < sets_.size(); ++i) {
    sets_[i].Clear();
    raw_[i].clear();
    for (const auto& b : business_.staff[i].busy) sets_[i].Add(b);
  }
  for (const auto& b : bookings)
    if (b.status == BookingStatus::kConfirmed) Add(b.staff, b.Busy());
  for (const auto& h : holds) Add(h.staff, h.Busy());
}

int BusyIndex::IndexOf(const std::string& staff_id) const {
  for (size_t i = 0; i < business_.staff.size(); ++i)
    if (business_.staff[i].id == staff_id) return static_cast<int>(i);
  return -1;
}

void BusyIndex::Add(const std::string& staff_id, TimeRange busy) {
  const int i = IndexOf(staff_id);
  if (i < 0) return;
  sets_[i].Add(busy);
  raw_[i].push_back(busy);
}

bool BusyIndex::Remove(const std::string& staff_id, TimeRange busy) {
  const int i = IndexOf(staff_id);
  if (i < 0) return false;
  auto& raw = raw_[i];
  const auto it = std::find_if(raw.begin(), raw.end(),
                               [&](const TimeRange& r) { return r.start == busy.start && r.end == busy.end; });
  if (it == raw.end()) return false;
  raw.erase(it);
  sets_[i].Clear();
  for (const auto& b : business_.staff[i].busy) sets_[i].Add(b);
  for (const auto& r : raw) sets_[i].Add(r);
  return true;
}

}  // namespace voxdesk
