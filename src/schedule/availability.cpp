#include "schedule/availability.h"

#include <algorithm>
#include <limits>

namespace voxdesk {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

const DayHours& HoursOn(const Business& b, const Staff& p, LocalDate d) {
  static const DayHours kClosed;
  if (b.IsClosed(d)) return kClosed;
  if (auto it = p.overrides.find(d); it != p.overrides.end()) return it->second;
  const unsigned iso = date::weekday{date::sys_days{d}}.iso_encoding();  // 1 = Monday
  return p.hours[iso - 1];
}

// Produces the offered starts of one staff member for one service in
// chronological order, expanding working intervals date by date.
class StaffSlots {
 public:
  StaffSlots(const Business& b, const Service& s, size_t staff_index, const IntervalSet& busy,
             Instant lo, Instant hi)
      : b_(b),
        p_(b.staff[staff_index]),
        staff_index_(staff_index),
        busy_(busy.ranges()),
        lo_(lo),
        hi_(hi),
        dur_(minutes{s.duration_min}),
        before_(minutes{s.buffer_before_min}),
        after_(minutes{s.buffer_after_min}),
        step_(minutes{b.StepFor(s)}) {
    // A working interval never starts before its own local date begins, and
    // local dates start no earlier than a day before the instant's date in
    // any zone, so starting one date early cannot miss an interval.
    date_ = date::sys_days{LocalDateOf(*p_.zone, lo)} - date::days{1};
    last_date_ = date::sys_days{LocalDateOf(*p_.zone, hi)} + date::days{1};
    Advance();
  }

  bool done() const { return done_; }
  const Slot& current() const { return cur_; }
  size_t staff_index() const { return staff_index_; }
  void Next() { Advance(); }

 private:
  // Moves to the next offered slot after the current candidate position.
  void Advance() {
    for (;;) {
      if (have_interval_) {
        if (FindInInterval()) return;
        have_interval_ = false;
      }
      if (!NextInterval()) {
        done_ = true;
        return;
      }
    }
  }

  bool NextInterval() {
    for (;;) {
      if (day_hours_ && interval_idx_ < day_hours_->size()) {
        const LocalInterval& li = (*day_hours_)[interval_idx_++];
        const auto day = date::local_days{LocalDate{date_}};
        a_ = LocalToInstant(*p_.zone, day + minutes{li.open_min});
        b_end_ = LocalToInstant(*p_.zone, day + minutes{li.close_min});
        if (b_end_ - a_ < dur_ || b_end_ <= lo_) continue;
        if (a_ >= hi_) return false;  // intervals are chronological
        // First grid point at or after lo.
        cand_ = a_;
        if (lo_ > a_) cand_ = a_ + CeilSteps(lo_ - a_) * step_;
        have_interval_ = true;
        return true;
      }
      if (day_hours_) date_ += date::days{1};
      if (date_ > last_date_) return false;
      day_hours_ = &HoursOn(b_, p_, LocalDate{date_});
      interval_idx_ = 0;
    }
  }

  long long CeilSteps(seconds d) const {
    const long long st = std::chrono::duration_cast<seconds>(step_).count();
    return (d.count() + st - 1) / st;
  }

  bool FindInInterval() {
    while (cand_ + dur_ <= b_end_ && cand_ < hi_) {
      const Instant blo = cand_ - before_;
      const Instant bhi = cand_ + dur_ + after_;
      while (cursor_ < busy_.size() && busy_[cursor_].end <= blo) ++cursor_;
      if (cursor_ < busy_.size() && busy_[cursor_].start < bhi) {
        // Jump to the first grid point whose buffered start clears this block.
        const Instant need = busy_[cursor_].end + before_;
        cand_ = a_ + CeilSteps(need - a_) * step_;
        continue;
      }
      cur_ = Slot{cand_, cand_ + dur_, staff_index_};
      cand_ += step_;
      return true;
    }
    return false;
  }

  const Business& b_;
  const Staff& p_;
  size_t staff_index_;
  const std::vector<TimeRange>& busy_;
  size_t cursor_ = 0;
  Instant lo_, hi_;
  minutes dur_, before_, after_, step_;
  date::sys_days date_, last_date_;
  const DayHours* day_hours_ = nullptr;
  size_t interval_idx_ = 0;
  bool have_interval_ = false;
  Instant a_, b_end_, cand_;
  Slot cur_{};
  bool done_ = false;
};

}  // namespace

Availability::Availability(const Business& business) : business_(business) {
  qualified_.resize(business.services.size());
  for (size_t si = 0; si < business.services.size(); ++si) {
    const Service& s = business.services[si];
    for (size_t pi = 0; pi < business.staff.size(); ++pi) {
      const auto& id = business.staff[pi].id;
      if (s.staff.empty() || std::find(s.staff.begin(), s.staff.end(), id) != s.staff.end())
        qualified_[si].push_back(pi);
    }
    std::sort(qualified_[si].begin(), qualified_[si].end(),
              [&](size_t x, size_t y) { return business.staff[x].id < business.staff[y].id; });
  }
}

const std::vector<size_t>& Availability::QualifiedStaff(const Service& service) const {
  return qualified_[static_cast<size_t>(&service - business_.services.data())];
}

Result<std::vector<Slot>> Availability::Query(const SlotQuery& q, Instant now,
                                              const BusyIndex& busy) const {
  const Service* service = business_.FindService(q.service);
  if (!service) return NotFound("unknown service \"" + q.service + "\"");
  if (q.from > q.to) return InvalidArgument("the window's start is after its end");
  std::vector<size_t> staff = QualifiedStaff(*service);
  if (!q.staff.empty()) {
    const Staff* p = business_.FindStaff(q.staff);
    if (!p) return NotFound("unknown staff \"" + q.staff + "\"");
    const size_t idx = static_cast<size_t>(p - business_.staff.data());
    if (std::find(staff.begin(), staff.end(), idx) == staff.end())
      return InvalidArgument("staff \"" + q.staff + "\" does not perform service \"" + q.service +
                             "\"");
    staff = {idx};
  }

  const Instant lo = std::max(q.from, now + minutes{business_.booking.min_notice_min});
  const Instant hi = std::min(q.to, now + date::days{business_.booking.horizon_days});
  std::vector<Slot> out;
  if (lo >= hi) return out;

  std::vector<StaffSlots> gens;
  gens.reserve(staff.size());
  for (size_t idx : staff) gens.emplace_back(business_, *service, idx, busy.ForStaff(idx), lo, hi);

  // Generators are ordered by staff id, so the first minimum wins ties.
  const size_t limit = q.limit ? q.limit : std::numeric_limits<size_t>::max();
  while (out.size() < limit) {
    StaffSlots* best = nullptr;
    for (auto& g : gens)
      if (!g.done() && (!best || g.current().start < best->current().start)) best = &g;
    if (!best) break;
    out.push_back(best->current());
    best->Next();
  }
  return out;
}

Result<std::optional<Slot>> Availability::NextAvailable(const std::string& service,
                                                        const std::string& staff, Instant after,
                                                        Instant now, const BusyIndex& busy) const {
  SlotQuery q{service, staff, after, now + date::days{business_.booking.horizon_days}, 1};
  auto r = Query(q, now, busy);
  if (!r) return r.status();
  if (r->empty()) return std::optional<Slot>{};
  return std::optional<Slot>{r->front()};
}

Status Availability::Check(const Service& service, size_t staff_index, Instant start, Instant now,
                           const BusyIndex& busy) const {
  const Staff& p = business_.staff[staff_index];
  const auto& booking = business_.booking;
  if (start < now + minutes{booking.min_notice_min})
    return SlotUnavailable("needs at least " + std::to_string(booking.min_notice_min) +
                           " minutes' notice");
  if (start >= now + date::days{booking.horizon_days})
    return SlotUnavailable("is beyond the " + std::to_string(booking.horizon_days) +
                           "-day booking horizon");
  StaffSlots g(business_, service, staff_index, busy.ForStaff(staff_index), start,
               start + seconds{1});
  if (!g.done() && g.current().start == start) return Status::Ok();
  // Tell the caller why, in the order a person would check.
  StaffSlots free(business_, service, staff_index, BusyIndex(business_).ForStaff(staff_index),
                  start, start + seconds{1});
  if (!free.done() && free.current().start == start)
    return SlotUnavailable(p.name + " is busy then");
  return SlotUnavailable("is not a bookable start for " + p.name +
                         " (outside working hours or off the " +
                         std::to_string(business_.StepFor(service)) + "-minute grid)");
}

}  // namespace voxdesk
