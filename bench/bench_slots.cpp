// slots.first10 and slots.day: the availability engine on a busy business.
#include <cmath>
#include <random>

#include "bench.h"
#include "schedule/availability.h"
#include "schedule/config_loader.h"

namespace voxdesk::bench {
namespace {

using std::chrono::minutes;

constexpr int kStaff = 20;
constexpr int kBookings = 10000;
const char* kNow = "2026-03-02T07:00:00-05:00";

struct Fixture {
  Business business;
  std::unique_ptr<Availability> av;
  std::unique_ptr<BusyIndex> busy;
  Instant now;
};

// 20 staff, Mon-Sat 08:00-18:00 with a lunch break, 10,000 bookings spread
// over the 60-day horizon without overlaps.
Fixture& Busy() {
  static Fixture f = [] {
    nlohmann::json day = nlohmann::json::array(
        {nlohmann::json::array({"08:00", "12:00"}), nlohmann::json::array({"13:00", "18:00"})});
    nlohmann::json j = {
        {"id", "bench"},
        {"name", "Bench Clinic"},
        {"timezone", "America/New_York"},
        {"hours",
         {{"mon", day}, {"tue", day}, {"wed", day}, {"thu", day}, {"fri", day}, {"sat", day}}},
        {"booking", {{"min_notice_min", 60}, {"horizon_days", 60}, {"slot_step_min", 15}}},
        {"services",
         {{{"id", "visit"}, {"name", "Visit"}, {"duration_min", 30}, {"buffer_after_min", 10}}}}};
    j["staff"] = nlohmann::json::array();
    for (int i = 0; i < kStaff; ++i)
      j["staff"].push_back({{"id", "s" + std::to_string(i)}, {"name", "Staff"}});
    auto loaded = LoadBusinessJson(j.dump());
    if (!loaded) {
      std::fprintf(stderr, "bench config: %s\n", loaded.status().message().c_str());
      std::exit(1);
    }
    Fixture fx{std::move(loaded->business), nullptr, nullptr, *ParseRfc3339(kNow)};
    fx.av = std::make_unique<Availability>(fx.business);
    fx.busy = std::make_unique<BusyIndex>(fx.business);
    // Book the engine's own free slots at random until 10,000 are placed.
    std::mt19937 rng(7);
    std::vector<BookingRecord> bookings;
    const Instant horizon_end = fx.now + date::days{60};
    while (static_cast<int>(bookings.size()) < kBookings) {
      const Instant from =
          fx.now + minutes{std::uniform_int_distribution<int>(0, 60 * 24 * 60 - 1)(rng)};
      const std::string staff =
          "s" + std::to_string(std::uniform_int_distribution<int>(0, kStaff - 1)(rng));
      auto s = fx.av->Query({"visit", staff, from, horizon_end, 1}, fx.now, *fx.busy);
      if (!s || s->empty()) continue;
      BookingRecord r;
      r.staff = staff;
      r.service = "visit";
      r.start = s->front().start;
      r.end = s->front().end;
      r.buffer_after_min = 10;
      fx.busy->Add(staff, r.Busy());
      bookings.push_back(r);
    }
    return fx;
  }();
  return f;
}

Register first10("slots.first10", [] {
  Fixture& f = Busy();
  std::mt19937 rng(11);
  std::vector<Instant> froms(20000);
  for (auto& t : froms)
    t = f.now + minutes{std::uniform_int_distribution<int>(0, 59 * 24 * 60)(rng)};
  size_t fewest = SIZE_MAX;  // sanity: every query should fill its 10
  auto j = MeasureLatency("slots.first10", static_cast<int>(froms.size()), [&](int i) {
    auto r = f.av->Query({"visit", "", froms[i], f.now + date::days{60}, 10}, f.now, *f.busy);
    fewest = std::min(fewest, r->size());
  });
  j["params"] = {
      {"staff", kStaff}, {"bookings", kBookings}, {"horizon_days", 60}, {"fewest_found", fewest}};
  Emit(j);
});

Register day("slots.day", [] {
  Fixture& f = Busy();
  std::mt19937 rng(13);
  std::vector<Instant> days(20000);
  for (auto& t : days) {
    const int d = std::uniform_int_distribution<int>(1, 58)(rng);
    t = LocalToInstant(
        *f.business.zone,
        date::floor<date::days>(InstantToLocal(*f.business.zone, f.now)) + date::days{d});
  }
  auto j = MeasureLatency("slots.day", static_cast<int>(days.size()), [&](int i) {
    auto r = f.av->Query({"visit", "s3", days[i], days[i] + date::days{1}, 0}, f.now, *f.busy);
    (void)r;
  });
  j["params"] = {{"staff", 1}, {"bookings", kBookings}};
  Emit(j);
});

}  // namespace
}  // namespace voxdesk::bench
