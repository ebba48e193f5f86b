// store.sqlite.bookings_per_s (one process) and _4proc (four processes on one
// file): committed bookings per second, each its own write transaction.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "bench.h"
#include "schedule/store.h"

namespace voxdesk::bench {
namespace {

using std::chrono::minutes;

// Books `n` back-to-back 30-minute slots for one staff member; returns how
// many committed.
int BookMany(const std::string& path, const std::string& staff, int n, uint64_t seed) {
  auto store = OpenSqliteStore(path);
  if (!store) {
    std::fprintf(stderr, "bench store: %s\n", store.status().message().c_str());
    std::exit(1);
  }
  IdGenerator ids(seed);
  const Instant t0 = Instant{std::chrono::seconds{1772366400}};  // 2026-03-01T12:00Z
  int ok = 0;
  for (int i = 0; i < n; ++i) {
    BookRequest r;
    r.business_id = "bench";
    r.service = "visit";
    r.staff_candidates = {staff};
    r.start = t0 + minutes{30 * i};
    r.end = r.start + minutes{30};
    r.customer = {"Bench Caller", "+15550100000", ""};
    r.idempotency_key = staff + "-" + std::to_string(i);
    r.fingerprint = r.idempotency_key;
    ok += (*store)->Book(r, t0, ids).ok();
  }
  return ok;
}

std::string FreshDb(const std::string& tag) {
  auto dir = std::filesystem::temp_directory_path() / ("voxdesk-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto path = dir / (tag + ".db");
  for (auto ext : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + ext);
  return path.string();
}

Register single("store.sqlite.bookings_per_s", [] {
  const std::string db = FreshDb("single");
  constexpr int kN = 20000;
  const auto t0 = std::chrono::steady_clock::now();
  const int ok = BookMany(db, "s0", kN, 1);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  Emit({{"name", "store.sqlite.bookings_per_s"},
        {"unit", "1/s"},
        {"value", std::round(ok / secs)},
        {"params", {{"bookings", ok}, {"journal", "wal"}, {"synchronous", "normal"}}}});
});

Register multi("store.sqlite.bookings_per_s_4proc", [] {
  const std::string db = FreshDb("multi");
  constexpr int kProcs = 4, kN = 5000;
  { auto s = OpenSqliteStore(db); }  // create the schema once, outside the timing
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<pid_t> kids;
  for (int p = 0; p < kProcs; ++p) {
    pid_t pid = fork();
    if (pid == 0) _exit(BookMany(db, "s" + std::to_string(p), kN, 100 + p) == kN ? 0 : 1);
    kids.push_back(pid);
  }
  int failed = 0;
  for (pid_t k : kids) {
    int st = 0;
    waitpid(k, &st, 0);
    failed += !(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  Emit({{"name", "store.sqlite.bookings_per_s_4proc"},
        {"unit", "1/s"},
        {"value", std::round(kProcs * kN / secs)},
        {"params",
         {{"processes", kProcs}, {"bookings", kProcs * kN}, {"failed_processes", failed}}}});
});

}  // namespace
}  // namespace voxdesk::bench
