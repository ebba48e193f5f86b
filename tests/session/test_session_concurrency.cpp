// Many calls at once in virtual time: 300 callers on two workers (two
// threads, each with its own scheduler and store connection on one SQLite
// file), each asking for a different free time. Every call must book its own
// time, and the store must end with no two bookings overlapping for a staff
// member.
#include <filesystem>
#include <map>

#include "dialog/phrasing.h"
#include "session_fixture.h"

using namespace voxdesk;
using namespace voxdesk::session;
using voxdesk::testing::SessionWorld;

TEST_CASE(
    "300 concurrent calls in virtual time each book a distinct time and nothing is double-booked") {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("voxdesk-sessions-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string db = (dir / "calls.db").string();
  SessionWorld w("medical-practice.json", "2026-10-05T08:00:00-04:00", db);

  // 300 distinct free start times for a cleaning over the coming weeks.
  SlotQuery q;
  q.service = "cleaning";
  q.from = w.clock.NowSeconds() + std::chrono::hours(24);
  q.to = q.from + std::chrono::days(120);
  auto slots = w.scheduler->Slots(q);
  REQUIRE(slots.ok());
  // Times that do not overlap at all, so each call can only get its own.
  constexpr int kCalls = 300;
  std::vector<Instant> wanted;
  Instant free_from{};
  for (const Slot& s : *slots)
    if (s.start >= free_from && wanted.size() < kCalls) {
      wanted.push_back(s.start);
      free_from = s.end + std::chrono::minutes(60);  // clear of any buffer
    }
  REQUIRE(wanted.size() == kCalls);

  auto existing = w.store->LiveBookings(w.config.business.id);  // the example's own bookings
  REQUIRE(existing.ok());

  // One scheduler (own store connection) per worker thread.
  std::vector<std::unique_ptr<Store>> stores;
  std::vector<std::unique_ptr<IdGenerator>> ids;
  std::vector<std::unique_ptr<Scheduler>> schedulers;
  for (int i = 0; i < 2; ++i) {
    auto st = OpenSqliteStore(db);
    REQUIRE(st.ok());
    stores.push_back(std::move(*st));
    ids.push_back(std::make_unique<IdGenerator>(100 + i));
    schedulers.push_back(
        std::make_unique<Scheduler>(w.config.business, *stores.back(), w.clock, *ids.back()));
    REQUIRE(schedulers.back()->Open().ok());
  }

  std::mutex done_mu;
  std::vector<std::unique_ptr<Session>> done;
  auto on_done = [&](std::unique_ptr<Session> s, std::unique_ptr<Line>) {
    std::lock_guard lock(done_mu);
    done.push_back(std::move(s));
  };
  Worker w0(on_done), w1(on_done);
  const char* first[] = {"ana",   "maria", "carla", "david", "emma",
                         "frank", "grace", "henry", "julia", "kevin"};
  const char* last[] = {"ruiz",  "li",   "smith", "jones", "brown",
                        "lopez", "khan", "meyer", "rossi", "ward"};
  for (int i = 0; i < kCalls; ++i) {
    // As a recogniser writes it: lower case, no punctuation.
    std::string when;
    for (char c : dialog::SpeakDateTime(InstantToLocal(*w.config.business.zone, wanted[i]),
                                        dialog::Lang::kEn))
      if (c != ',') when += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string who = std::string(first[i % 10]) + " " + last[(i / 10) % 10];
    const std::string year = std::to_string(1950 + i % 50);
    char phone[16];
    std::snprintf(phone, sizeof phone, "+1555010%04d", i);
    auto call = w.Start(
        "load-" + std::to_string(i), phone,
        {{"this is " + who + " born march 3rd " + year + " i need a cleaning on " + when, "", -1},
         {"yes", "", -1},
         {"no that's all bye", "", -1}},
        {}, schedulers[i % 2].get());
    (i % 2 ? w1 : w0).Add(std::move(call.session), std::move(call.caller));
  }
  const auto elapsed = RunVirtualTime({&w0, &w1}, w.clock);
  CHECK(elapsed < std::chrono::minutes(5));  // virtual minutes, not a stuck call
  REQUIRE(done.size() == kCalls);

  std::map<std::string, Instant> booked;  // call id -> start
  for (const auto& s : done) {
    INFO(s->call_id());
    CHECK(s->record().outcome == dialog::Outcome::kBooked);
    if (!s->record().booking) {
      for (const auto& l : s->record().transcript) MESSAGE(l.speaker << ": " << l.text);
      continue;
    }
    booked[s->call_id()] = s->record().booking->start;
  }
  for (int i = 0; i < kCalls; ++i) CHECK(booked["load-" + std::to_string(i)] == wanted[i]);

  auto live = w.store->LiveBookings(w.config.business.id);
  REQUIRE(live.ok());
  CHECK(live->size() == existing->size() + kCalls);
  std::map<std::string, std::vector<std::pair<Instant, Instant>>> by_staff;
  for (const auto& b : *live) by_staff[b.staff].push_back({b.start, b.end});
  for (auto& [staff, ranges] : by_staff) {
    std::sort(ranges.begin(), ranges.end());
    for (size_t i = 1; i < ranges.size(); ++i) CHECK(ranges[i].first >= ranges[i - 1].second);
  }
  done.clear();
  schedulers.clear();
  stores.clear();
  w.scheduler.reset();
  w.store.reset();
  fs::remove_all(dir);
}
