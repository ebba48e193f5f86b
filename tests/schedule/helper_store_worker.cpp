// A worker process for the store concurrency tests. It opens the database
// on its own, waits for a start signal (a barrier file appearing) so that
// many workers hit the database at the same moment, and reports one line on
// stdout that the test parses.
//
//   helper_store_worker book --db PATH --staff lee,kim --start UNIX --end UNIX
//       [--business ID] [--key KEY] [--fingerprint FP] [--now UNIX]
//       [--barrier FILE] [--open-after-barrier]
//     -> "booked <id> <staff> <replayed 0|1>"   exit 0
//        "unavailable"                          exit 3
//        "error <code> <message>"               exit 1
//
//   helper_store_worker churn --db PATH --staff lee,kim --seed N [--business ID] [--now UNIX]
//     Books, cancels, reschedules and holds random overlapping slots until
//     killed, to be SIGKILLed at arbitrary moments. Prints "ready" once the
//     database is open.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/ids.h"
#include "core/status.h"
#include "schedule/store.h"

using namespace voxdesk;

namespace {

struct Args {
  std::string mode;
  std::map<std::string, std::string> flags;

  bool Has(const std::string& k) const { return flags.count(k) != 0; }
  std::string Get(const std::string& k, std::string fallback = {}) const {
    auto it = flags.find(k);
    return it == flags.end() ? fallback : it->second;
  }
  long long Int(const std::string& k, long long fallback = 0) const {
    auto it = flags.find(k);
    return it == flags.end() ? fallback : std::stoll(it->second);
  }
};

Args Parse(int argc, char** argv) {
  Args a;
  if (argc > 1) a.mode = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::string_view k = argv[i];
    if (k.substr(0, 2) != "--") continue;
    std::string key(k.substr(2));
    if (key == "open-after-barrier") {
      a.flags[key] = "1";
    } else if (i + 1 < argc) {
      a.flags[key] = argv[++i];
    }
  }
  return a;
}

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t comma = s.find(',', pos);
    if (comma == std::string::npos) comma = s.size();
    if (comma > pos) out.push_back(s.substr(pos, comma - pos));
    pos = comma + 1;
  }
  return out;
}

Instant Unix(long long s) {
  return Instant{std::chrono::seconds{s}};
}

void WaitForBarrier(const std::string& path) {
  if (path.empty()) return;
  while (!std::filesystem::exists(path))
    std::this_thread::sleep_for(std::chrono::microseconds{200});
}

int Fail(const Status& st) {
  std::printf("error %s %s\n", CodeName(st.code()), st.message().c_str());
  return 1;
}

std::unique_ptr<Store> Open(const std::string& db, Status* error) {
  auto store = OpenSqliteStore(db);
  if (!store) {
    *error = store.status();
    return nullptr;
  }
  return std::move(store).value();
}

int BookOnce(const Args& a) {
  const std::string barrier = a.Get("barrier");
  const bool late = a.Has("open-after-barrier");
  if (late) WaitForBarrier(barrier);
  Status open_error;
  auto store = Open(a.Get("db"), &open_error);
  if (!store) return Fail(open_error);
  if (!late) WaitForBarrier(barrier);

  BookRequest req;
  req.business_id = a.Get("business", "bright-smile");
  req.service = "cleaning";
  req.staff_candidates = Split(a.Get("staff", "lee"));
  req.start = Unix(a.Int("start"));
  req.end = Unix(a.Int("end"));
  req.customer = {"Worker " + std::to_string(::getpid()), "+15550100", ""};
  req.idempotency_key = a.Get("key");
  req.fingerprint = a.Get("fingerprint", "fp");
  IdGenerator ids;
  auto r = store->Book(req, Unix(a.Int("now", 1772366400)), ids);
  if (!r) {
    if (r.status().code() == Code::kSlotUnavailable) {
      std::printf("unavailable\n");
      return 3;
    }
    return Fail(r.status());
  }
  std::printf("booked %s %s %d\n", r->booking.id.c_str(), r->booking.staff.c_str(),
              r->replayed ? 1 : 0);
  return 0;
}

[[noreturn]] void Churn(const Args& a) {
  Status open_error;
  auto store = Open(a.Get("db"), &open_error);
  if (!store) std::exit(Fail(open_error));
  std::printf("ready\n");
  std::fflush(stdout);

  const std::string business = a.Get("business", "bright-smile");
  const std::vector<std::string> staff = Split(a.Get("staff", "lee,kim"));
  const Instant now = Unix(a.Int("now", 1772366400));
  const Instant day = now + std::chrono::hours{24 * 7};
  std::mt19937_64 rng(static_cast<uint64_t>(a.Int("seed", 1)));
  IdGenerator ids(static_cast<uint64_t>(a.Int("seed", 1)) + 1);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  std::vector<std::string> mine;

  for (;;) {
    // A narrow window makes most requests collide with each other.
    const Instant start = day + std::chrono::minutes{5 * pick(0, 96)};
    const Instant end = start + std::chrono::minutes{15 * pick(1, 6)};
    std::vector<std::string> candidates = {
        staff[static_cast<size_t>(pick(0, static_cast<int>(staff.size()) - 1))]};
    if (pick(0, 1) == 1) candidates = staff;
    switch (pick(0, 9)) {
      case 0: {
        if (mine.empty()) break;
        (void)store->Cancel(
            business, mine[static_cast<size_t>(pick(0, static_cast<int>(mine.size()) - 1))], now);
        break;
      }
      case 1:
      case 2: {
        if (mine.empty()) break;
        RescheduleRequest req;
        req.business_id = business;
        req.booking_id = mine[static_cast<size_t>(pick(0, static_cast<int>(mine.size()) - 1))];
        req.staff_candidates = candidates;
        req.start = start;
        req.end = end;
        (void)store->Reschedule(req, now);
        break;
      }
      case 3: {
        HoldRequest req;
        req.business_id = business;
        req.service = "cleaning";
        req.staff_candidates = candidates;
        req.start = start;
        req.end = end;
        req.buffer_after_min = pick(0, 3) * 5;
        req.ttl = std::chrono::seconds{pick(1, 600)};
        (void)store->PlaceHold(req, now, ids);
        break;
      }
      default: {
        BookRequest req;
        req.business_id = business;
        req.service = "cleaning";
        req.staff_candidates = candidates;
        req.start = start;
        req.end = end;
        req.buffer_before_min = pick(0, 2) * 5;
        req.buffer_after_min = pick(0, 3) * 5;
        req.customer = {"Churn", "+15550101", ""};
        auto r = store->Book(req, now, ids);
        if (r) mine.push_back(r->booking.id);
        break;
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = Parse(argc, argv);
  if (a.mode == "book") return BookOnce(a);
  if (a.mode == "churn") Churn(a);
  std::fprintf(stderr, "usage: helper_store_worker book|churn --db PATH ...\n");
  return 2;
}
