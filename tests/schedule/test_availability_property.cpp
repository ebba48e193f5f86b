// Property test: random businesses, bookings and windows, compared with a
// brute-force reference that checks CONTRACTS.md section 2 minute by minute.
// The reference shares no code with the engine: it turns local times into
// instants by searching the zone's sys->local mapping, and scans every
// minute and every busy range.
#include <algorithm>
#include <random>
#include <set>

#include "schedule_fixtures.h"

using namespace voxdesk;
using namespace voxdesk::testing;
using std::chrono::minutes;

namespace {

const char* kZones[] = {"America/New_York",
                        "Europe/Berlin",
                        "Australia/Lord_Howe",
                        "Asia/Kathmandu",
                        "America/St_Johns",
                        "Pacific/Chatham",
                        "UTC",
                        "America/Los_Angeles"};
const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
// Windows around DST transitions of 2026 and ordinary weeks.
const char* kWindowStarts[] = {
    "2026-03-06T00:00:00Z", "2026-03-27T00:00:00Z", "2026-10-02T00:00:00Z", "2026-10-23T00:00:00Z",
    "2026-10-30T00:00:00Z", "2026-04-03T00:00:00Z", "2026-06-10T00:00:00Z", "2026-09-25T00:00:00Z"};

// Earliest instant whose local time in `z` is `local`; if none (a gap), the
// local time read with the offset in force a day before.
Instant ReferenceLocalToInstant(const Zone& z, LocalSeconds local) {
  const Instant guess{local.time_since_epoch()};
  std::set<long long> offsets;
  for (int h = -36; h <= 36; h += 3)
    offsets.insert(z.get_info(guess + std::chrono::hours{h}).offset.count());
  std::optional<Instant> best;
  for (long long off : offsets) {
    Instant t = guess - std::chrono::seconds{off};
    if (z.to_local(t) == local && (!best || t < *best)) best = t;
  }
  if (best) return *best;
  return guess - z.get_info(guess - std::chrono::hours{24}).offset;
}

struct RefInterval {
  Instant a, b;
};

struct Ref {
  const Business& biz;
  std::vector<std::vector<RefInterval>> work;  // per staff
  std::vector<std::vector<TimeRange>> busy;    // per staff, unmerged

  Ref(const Business& b, Instant from, Instant to, const std::vector<BookingRecord>& bookings)
      : biz(b), work(b.staff.size()), busy(b.staff.size()) {
    for (size_t i = 0; i < b.staff.size(); ++i) {
      const Staff& p = b.staff[i];
      auto d0 = date::floor<date::days>(from) - date::days{3};
      auto d1 = date::floor<date::days>(to) + date::days{3};
      for (auto d = d0; d <= d1; d += date::days{1}) {
        LocalDate ld{d};
        DayHours hours;
        if (std::find(b.closures.begin(), b.closures.end(), ld) != b.closures.end()) {
        } else if (p.overrides.count(ld)) {
          hours = p.overrides.at(ld);
        } else {
          hours = p.hours[date::weekday{d}.iso_encoding() - 1];
        }
        for (auto& iv : hours) {
          date::local_days ldays{ld};
          work[i].push_back({ReferenceLocalToInstant(*p.zone, ldays + minutes{iv.open_min}),
                             ReferenceLocalToInstant(*p.zone, ldays + minutes{iv.close_min})});
        }
      }
      for (auto& r : p.busy) busy[i].push_back(r);
    }
    for (auto& bk : bookings) {
      for (size_t i = 0; i < b.staff.size(); ++i)
        if (b.staff[i].id == bk.staff && bk.status == BookingStatus::kConfirmed)
          busy[i].push_back(bk.Busy());
    }
  }

  bool Offered(const Service& s, size_t i, Instant start, Instant now, Instant from,
               Instant to) const {
    const Instant end = start + minutes{s.duration_min};
    const auto step = minutes{s.slot_step_min.value_or(biz.booking.slot_step_min)};
    bool in_interval = false;
    for (auto& w : work[i]) {
      if (w.a <= start && end <= w.b && (start - w.a) % step == std::chrono::seconds{0})
        in_interval = true;
    }
    if (!in_interval) return false;
    const Instant lo = start - minutes{s.buffer_before_min}, hi = end + minutes{s.buffer_after_min};
    for (auto& r : busy[i])
      if (r.start < hi && lo < r.end) return false;
    if (start < now + minutes{biz.booking.min_notice_min}) return false;
    if (start >= now + date::days{biz.booking.horizon_days}) return false;
    return from <= start && start < to;
  }
};

std::string HHMM(int m) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (m / 60) % 100, m % 60);
  return buf;
}

nlohmann::json RandomHours(std::mt19937& rng) {
  nlohmann::json day = nlohmann::json::array();
  int n = std::uniform_int_distribution<int>(0, 3)(rng);
  int t = std::uniform_int_distribution<int>(0, 8)(rng) * 60;
  for (int k = 0; k < n && t < 1440; ++k) {
    int open = t + std::uniform_int_distribution<int>(0, 12)(rng) * 15;
    int close = open + std::uniform_int_distribution<int>(1, 40)(rng) * 15;
    if (open >= 1440) break;
    close = std::min(close, 1440);
    day.push_back({HHMM(open), HHMM(close)});
    t = close + std::uniform_int_distribution<int>(0, 4)(rng) * 15;
  }
  return day;
}

}  // namespace

TEST_CASE("availability matches a brute-force minute-by-minute reference on random businesses") {
  std::mt19937 rng(20260308);
  int compared_slots = 0;
  for (int iter = 0; iter < 150; ++iter) {
    CAPTURE(iter);
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
    const std::string window = kWindowStarts[pick(8)];
    nlohmann::json j = {{"id", "r"}, {"name", "Random"}, {"timezone", kZones[pick(8)]}};
    nlohmann::json hours;
    for (auto d : kDays) hours[d] = RandomHours(rng);
    j["hours"] = hours;
    j["booking"] = {{"min_notice_min", pick(4) * 30},
                    {"horizon_days", 1 + pick(10)},
                    {"slot_step_min", std::vector<int>{5, 10, 15, 20, 30, 45, 60}[pick(7)]}};
    const Instant w0 = At(window);
    nlohmann::json staff = nlohmann::json::array();
    int nstaff = 1 + pick(3);
    for (int i = 0; i < nstaff; ++i) {
      nlohmann::json p = {{"id", "s" + std::to_string(i)}, {"name", "Staff " + std::to_string(i)}};
      if (pick(2)) p["timezone"] = kZones[pick(8)];
      if (pick(2)) {
        nlohmann::json h;
        for (auto d : kDays) h[d] = RandomHours(rng);
        p["hours"] = h;
      }
      if (pick(3) == 0) {
        auto d = LocalDate{date::floor<date::days>(w0) + date::days{pick(4)}};
        p["overrides"] = {{{"date", FormatLocalDate(d)}, {"hours", RandomHours(rng)}}};
      }
      nlohmann::json busy = nlohmann::json::array();
      for (int k = pick(3); k > 0; --k) {
        Instant s = w0 + minutes{pick(4 * 1440 / 5) * 5};
        busy.push_back({{"start", FormatRfc3339Utc(s)},
                        {"end", FormatRfc3339Utc(s + minutes{5 + pick(36) * 5})}});
      }
      p["busy"] = busy;
      staff.push_back(p);
    }
    j["staff"] = staff;
    nlohmann::json services = nlohmann::json::array();
    for (int k = 0; k < 2; ++k) {
      nlohmann::json s = {{"id", "v" + std::to_string(k)},
                          {"name", "Svc"},
                          {"duration_min", 5 + pick(24) * 5},
                          {"buffer_before_min", pick(3) * 10},
                          {"buffer_after_min", pick(3) * 5}};
      if (pick(3) == 0) s["slot_step_min"] = 5 * (1 + pick(6));
      if (pick(2)) s["staff"] = {"s0"};
      services.push_back(s);
    }
    j["services"] = services;
    if (pick(4) == 0)
      j["closures"] = {
          FormatLocalDate(LocalDate{date::floor<date::days>(w0) + date::days{1 + pick(2)}})};
    Business b = MustLoad(j);

    // Random bookings (any service, any staff), not necessarily free: the
    // engine must treat whatever is stored as busy.
    std::vector<BookingRecord> bookings;
    for (int k = pick(6); k > 0; --k) {
      BookingRecord r;
      const Service& s = b.services[pick(2)];
      r.service = s.id;
      r.staff = b.staff[pick(nstaff)].id;
      r.start = w0 + minutes{pick(4 * 1440 / 5) * 5};
      r.end = r.start + minutes{s.duration_min};
      r.buffer_before_min = s.buffer_before_min;
      r.buffer_after_min = s.buffer_after_min;
      r.status = pick(5) == 0 ? BookingStatus::kCancelled : BookingStatus::kConfirmed;
      bookings.push_back(r);
    }
    const Instant now = w0 - minutes{pick(3) * 60} + minutes{pick(12) * 5};
    const Instant from = w0 + minutes{pick(24) * 30};
    const Instant to = from + minutes{(1 + pick(4)) * 1440};
    const std::string service = b.services[pick(2)].id;
    std::string staff_filter = pick(3) == 0 ? "s0" : "";

    Availability av(b);
    BusyIndex busy(b);
    busy.Reset(bookings, {});
    auto got = av.Query(SlotQuery{service, staff_filter, from, to, 0}, now, busy);
    REQUIRE(got.ok());

    Ref ref(b, from, to, bookings);
    const Service& svc = *b.FindService(service);
    std::vector<std::pair<Instant, std::string>> want;
    for (size_t i = 0; i < b.staff.size(); ++i) {
      if (!staff_filter.empty() && b.staff[i].id != staff_filter) continue;
      if (!svc.staff.empty() &&
          std::find(svc.staff.begin(), svc.staff.end(), b.staff[i].id) == svc.staff.end())
        continue;
      for (Instant t = from - std::chrono::seconds{from.time_since_epoch().count() % 60}; t < to;
           t += minutes{1})
        if (ref.Offered(svc, i, t, now, from, to)) want.push_back({t, b.staff[i].id});
    }
    std::sort(want.begin(), want.end());
    std::vector<std::pair<Instant, std::string>> have;
    for (auto& s : *got) have.push_back({s.start, b.staff[s.staff_index].id});
    CAPTURE(j.dump());
    REQUIRE(have.size() == want.size());
    CHECK(have == want);
    compared_slots += static_cast<int>(want.size());

    // Every listed slot also passes the single-slot check, and "first N" is a prefix.
    for (size_t k = 0; k < std::min<size_t>(have.size(), 5); ++k)
      CHECK(av.Check(svc, (*got)[k].staff_index, (*got)[k].start, now, busy).ok());
    auto first3 = av.Query(SlotQuery{service, staff_filter, from, to, 3}, now, busy);
    REQUIRE(first3.ok());
    CHECK(std::equal(first3->begin(), first3->end(), got->begin()));
  }
  MESSAGE("compared " << compared_slots << " slots");
  CHECK(compared_slots > 1000);
}
