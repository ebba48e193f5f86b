#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "core/clock.h"

using namespace voxdesk;
using namespace std::chrono_literals;

TEST_CASE("VirtualClock starts where it is told and moves only when told") {
  VirtualClock epoch;
  CHECK(epoch.Now() == TimePoint{});
  const TimePoint start = TimePoint{date::sys_days{date::year{2026} / 3 / 5}} + 14h + 123456us;
  VirtualClock c(start);
  CHECK(c.Now() == start);
  CHECK(c.Now() == start);
  c.Advance(1500ms);
  CHECK(c.Now() == start + 1500ms);
  c.Advance(-500ms);
  CHECK(c.Now() == start + 1s);
  const TimePoint later = start + 3min;
  c.Set(later);
  CHECK(c.Now() == later);
  c.Set(start);
  CHECK(c.Now() == start);
}

TEST_CASE("Clock::NowSeconds floors to the second, also before 1970") {
  VirtualClock c(TimePoint{1999999us});
  CHECK(c.NowSeconds() == Instant{1s});
  c.Set(TimePoint{-1500000us});
  CHECK(c.NowSeconds() == Instant{-2s});
  c.Set(TimePoint{-1000000us});
  CHECK(c.NowSeconds() == Instant{-1s});
}

TEST_CASE("VirtualClock advanced by several threads loses no microsecond") {
  VirtualClock c;
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      while (!go.load()) std::this_thread::yield();
      for (int i = 0; i < 20000; ++i) c.Advance(1us);
    });
  }
  // A reader sees time that never goes backwards.
  threads.emplace_back([&] {
    while (!go.load()) std::this_thread::yield();
    TimePoint last = c.Now();
    for (int i = 0; i < 20000; ++i) {
      const TimePoint now = c.Now();
      CHECK(now >= last);
      last = now;
    }
  });
  go = true;
  for (auto& t : threads) t.join();
  CHECK(c.Now() == TimePoint{80000us});
}

TEST_CASE("RealClock follows the system clock") {
  RealClock rc;
  const Clock& clock = rc;
  const auto before =
      std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  const TimePoint now = clock.Now();
  const auto after =
      std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  CHECK(now >= before);
  CHECK(now <= after);
}
