// Many processes writing one SQLite file at the same moment, through the
// real Store in separate worker processes (helper_store_worker), must never
// double-book; writers killed mid-transaction must leave a sound database.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "test_sqlite_store_fixture.h"

extern char** environ;

using namespace voxdesk;
using namespace voxdesk::testing;

namespace {

constexpr int kWorkers = 32;
const std::string kHelper = VOXDESK_BINARY_DIR "/tests/helper_store_worker";

// 2026-03-09T14:00:00Z and the "now" the workers use by default.
constexpr long long kSlotStart = 1773064800;
constexpr long long kHour = 3600;

struct Worker {
  pid_t pid = -1;
  std::string out_path;
  int exit_code = -1;  // -N when killed by signal N
  std::string line;
};

pid_t Spawn(const std::vector<std::string>& args, const std::string& stdout_path) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, stdout_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(kHelper.c_str()));
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, kHelper.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE_MESSAGE(rc == 0, "cannot start " << kHelper << ": " << std::strerror(rc));
  return pid;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int Reap(pid_t pid) {
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

// Waits for every worker; one that hangs longer than the deadline is killed
// and reported, so a deadlock fails the test instead of stalling it.
void WaitAll(std::vector<Worker>& workers,
             std::chrono::seconds deadline = std::chrono::seconds{60}) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  size_t done = 0;
  while (done < workers.size()) {
    done = 0;
    for (auto& w : workers) {
      if (w.exit_code != -1 || w.pid < 0) {
        ++done;
        continue;
      }
      int status = 0;
      if (waitpid(w.pid, &status, WNOHANG) == w.pid) {
        w.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
        w.pid = -1;
        ++done;
      }
    }
    if (done < workers.size()) {
      if (std::chrono::steady_clock::now() > until) {
        for (auto& w : workers)
          if (w.pid > 0) kill(w.pid, SIGKILL);
        FAIL("a worker did not finish within the deadline");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds{2});
    }
  }
  for (auto& w : workers) {
    w.line = ReadFile(w.out_path);
    if (!w.line.empty() && w.line.back() == '\n') w.line.pop_back();
  }
}

struct Run {
  TempDir dir;
  std::string db = dir.File("shared.db");
  std::string barrier = dir.File("go");
  std::vector<Worker> workers;

  // Starts one "book" worker per argument list, releases them together and
  // waits for all of them.
  void BookAll(const std::vector<std::vector<std::string>>& per_worker, bool open_after_barrier) {
    for (size_t i = 0; i < per_worker.size(); ++i) {
      std::vector<std::string> args = {"book", "--db", db, "--barrier", barrier};
      if (open_after_barrier) args.push_back("--open-after-barrier");
      args.insert(args.end(), per_worker[i].begin(), per_worker[i].end());
      Worker w;
      w.out_path = dir.File("worker-" + std::to_string(i) + ".out");
      w.pid = Spawn(args, w.out_path);
      workers.push_back(std::move(w));
    }
    // Give the workers time to reach the barrier so they start together.
    std::this_thread::sleep_for(std::chrono::milliseconds{300});
    std::ofstream(barrier).put('1');
    WaitAll(workers);
  }

  std::vector<std::string> Winners() const {
    std::vector<std::string> lines;
    for (const auto& w : workers)
      if (w.exit_code == 0) lines.push_back(w.line);
    return lines;
  }

  void CheckNoErrors() const {
    for (const auto& w : workers)
      CHECK_MESSAGE((w.exit_code == 0 || w.exit_code == 3),
                    "worker exited " << w.exit_code << " saying: " << w.line);
  }
};

std::vector<std::string> Fields(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string f; in >> f;) out.push_back(f);
  return out;
}

std::vector<std::string> Slot(const std::string& staff, long long start, long long end) {
  return {"--staff", staff, "--start", std::to_string(start), "--end", std::to_string(end)};
}

void CheckNoOverlaps(Store& store, Instant now) {
  auto bookings = store.LiveBookings(kBiz);
  REQUIRE(bookings.ok());
  auto holds = store.LiveHolds(kBiz, now);
  REQUIRE(holds.ok());
  std::map<std::string, std::vector<std::pair<TimeRange, std::string>>> by_staff;
  for (const auto& b : *bookings) by_staff[b.staff].push_back({b.Busy(), b.id});
  for (const auto& h : *holds) by_staff[h.staff].push_back({h.Busy(), h.id});
  for (auto& [staff, items] : by_staff) {
    std::sort(items.begin(), items.end(),
              [](const auto& a, const auto& b) { return a.first.start < b.first.start; });
    for (size_t i = 1; i < items.size(); ++i)
      CHECK_MESSAGE(items[i - 1].first.end <= items[i].first.start,
                    staff << ": " << items[i - 1].second << " overlaps " << items[i].second);
  }
}

}  // namespace

TEST_CASE("32 processes creating one fresh database file at the same moment all succeed") {
  REQUIRE_MESSAGE(std::filesystem::exists(kHelper), "missing helper binary " << kHelper);
  Run run;
  std::vector<std::vector<std::string>> args;
  for (int i = 0; i < kWorkers; ++i)
    args.push_back(Slot("staff" + std::to_string(i), kSlotStart, kSlotStart + kHour));
  run.BookAll(args, /*open_after_barrier=*/true);
  for (const auto& w : run.workers)
    CHECK_MESSAGE(w.exit_code == 0, "worker exited " << w.exit_code << " saying: " << w.line);
  auto store = OpenStore(run.db);
  auto live = store->LiveBookings(kBiz);
  REQUIRE(live.ok());
  CHECK(live->size() == kWorkers);
}

TEST_CASE("32 processes booking the same slot of one staff member: exactly one wins") {
  REQUIRE_MESSAGE(std::filesystem::exists(kHelper), "missing helper binary " << kHelper);
  Run run;
  { auto store = OpenStore(run.db); }
  run.BookAll(
      std::vector<std::vector<std::string>>(kWorkers, Slot("lee", kSlotStart, kSlotStart + kHour)),
      false);
  run.CheckNoErrors();
  const auto winners = run.Winners();
  CHECK(winners.size() == 1);
  auto store = OpenStore(run.db);
  auto live = store->LiveBookings(kBiz);
  REQUIRE(live.ok());
  REQUIRE(live->size() == 1);
  REQUIRE(winners.size() == 1);
  CHECK(Fields(winners[0]).at(1) == live->front().id);
}

TEST_CASE("32 processes booking one slot with two candidate staff: exactly two win, one each") {
  REQUIRE_MESSAGE(std::filesystem::exists(kHelper), "missing helper binary " << kHelper);
  Run run;
  { auto store = OpenStore(run.db); }
  run.BookAll(std::vector<std::vector<std::string>>(
                  kWorkers, Slot("lee,kim", kSlotStart, kSlotStart + kHour)),
              false);
  run.CheckNoErrors();
  const auto winners = run.Winners();
  REQUIRE(winners.size() == 2);
  std::set<std::string> staff;
  for (const auto& w : winners) staff.insert(Fields(w).at(2));
  CHECK(staff == std::set<std::string>{"lee", "kim"});
  auto store = OpenStore(run.db);
  auto live = store->LiveBookings(kBiz);
  REQUIRE(live.ok());
  CHECK(live->size() == 2);
}

TEST_CASE("32 processes booking staggered overlapping slots never produce an overlap") {
  REQUIRE_MESSAGE(std::filesystem::exists(kHelper), "missing helper binary " << kHelper);
  Run run;
  { auto store = OpenStore(run.db); }
  // Worker i wants [start + 20 i min, + 60 min): each overlaps its neighbours.
  auto start_of = [](int i) { return kSlotStart + i * 20 * 60; };
  std::vector<std::vector<std::string>> args;
  for (int i = 0; i < kWorkers; ++i) args.push_back(Slot("lee", start_of(i), start_of(i) + kHour));
  run.BookAll(args, false);
  run.CheckNoErrors();
  const auto winners = run.Winners();
  auto store = OpenStore(run.db);
  auto live = store->LiveBookings(kBiz);
  REQUIRE(live.ok());
  CHECK(live->size() == winners.size());
  CheckNoOverlaps(*store, At("2026-03-01T12:00:00Z"));
  // Every refusal was justified: each loser's slot overlaps a winner's.
  for (int i = 0; i < kWorkers; ++i) {
    if (run.workers[static_cast<size_t>(i)].exit_code != 3) continue;
    const Instant s{std::chrono::seconds{start_of(i)}};
    const Instant e = s + std::chrono::hours{1};
    const bool blocked = std::any_of(live->begin(), live->end(), [&](const BookingRecord& b) {
      return b.start < e && b.end > s;
    });
    CHECK_MESSAGE(blocked, "worker " << i << " was refused a slot nobody holds");
  }
}

TEST_CASE("32 processes sending one idempotency key write exactly one booking") {
  REQUIRE_MESSAGE(std::filesystem::exists(kHelper), "missing helper binary " << kHelper);
  Run run;
  { auto store = OpenStore(run.db); }
  std::vector<std::string> args = Slot("lee,kim", kSlotStart, kSlotStart + kHour);
  args.insert(args.end(), {"--key", "call-77/book", "--fingerprint", "same-request"});
  run.BookAll(std::vector<std::vector<std::string>>(kWorkers, args), false);
  std::set<std::string> ids;
  int fresh = 0;
  for (const auto& w : run.workers) {
    REQUIRE_MESSAGE(w.exit_code == 0, "worker exited " << w.exit_code << " saying: " << w.line);
    const auto f = Fields(w.line);
    REQUIRE(f.size() == 4);
    ids.insert(f[1]);
    if (f[3] == "0") ++fresh;
  }
  CHECK(ids.size() == 1);
  CHECK(fresh == 1);
  auto store = OpenStore(run.db);
  auto live = store->LiveBookings(kBiz);
  REQUIRE(live.ok());
  REQUIRE(live->size() == 1);
  CHECK(live->front().id == *ids.begin());
}

TEST_CASE("writers killed with SIGKILL at random moments leave a sound, writable database") {
  REQUIRE_MESSAGE(std::filesystem::exists(kHelper), "missing helper binary " << kHelper);
  TempDir dir;
  const std::string db = dir.File("killed.db");
  std::mt19937 rng(20260309);
  auto ms = [&](int lo, int hi) {
    return std::chrono::milliseconds{std::uniform_int_distribution<int>(lo, hi)(rng)};
  };

  constexpr int kRounds = 6;
  for (int round = 0; round < kRounds; ++round) {
    std::vector<Worker> workers(2);
    for (size_t i = 0; i < workers.size(); ++i) {
      workers[i].out_path = dir.File("churn-" + std::to_string(round) + "-" + std::to_string(i));
      workers[i].pid = Spawn({"churn", "--db", db, "--staff", "lee,kim", "--seed",
                              std::to_string(round * 10 + static_cast<int>(i) + 1)},
                             workers[i].out_path);
    }
    // The first round is killed while it may still be creating the schema;
    // later rounds once both workers are writing.
    if (round > 0) {
      const auto until = std::chrono::steady_clock::now() + std::chrono::seconds{20};
      for (const auto& w : workers)
        while (ReadFile(w.out_path).find("ready") == std::string::npos &&
               std::chrono::steady_clock::now() < until)
          std::this_thread::sleep_for(std::chrono::milliseconds{1});
    }
    for (auto& w : workers) {
      std::this_thread::sleep_for(round == 0 ? ms(0, 15) : ms(20, 120));
      REQUIRE(kill(w.pid, SIGKILL) == 0);
      w.exit_code = Reap(w.pid);
      CHECK_MESSAGE(w.exit_code == -SIGKILL,
                    "churn worker ended by itself: " << ReadFile(w.out_path));
    }
  }

  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(raw, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))) == "ok");
    sqlite3_finalize(stmt);
    sqlite3_close(raw);
  }

  auto store = OpenStore(db);
  const Instant now = At("2026-03-01T12:00:00Z");  // the workers' "now"
  auto live = store->LiveBookings(kBiz);
  REQUIRE(live.ok());
  CHECK_MESSAGE(!live->empty(), "the workers never got to write; the test proved nothing");
  CheckNoOverlaps(*store, now);

  IdGenerator ids(99);
  auto after = store->Book(Booking({"lee"}, At("2026-04-01T10:00:00Z"), At("2026-04-01T11:00:00Z")),
                           now, ids);
  CHECK_MESSAGE(after.ok(), after.status().message());
}
