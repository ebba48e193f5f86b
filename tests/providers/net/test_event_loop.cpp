#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "providers/net/event_loop.h"

using namespace std::chrono_literals;
using voxdesk::providers::net::EventLoop;

TEST_CASE("event loop: posted tasks run on the loop thread in order, from any thread") {
  auto loop = EventLoop::Start();
  REQUIRE(loop.ok());
  EventLoop& l = **loop;
  CHECK_FALSE(l.InLoopThread());
  std::vector<int> seen;  // touched only on the loop thread
  std::vector<std::thread> posters;
  for (int t = 0; t < 4; ++t) {
    posters.emplace_back([&, t] {
      for (int i = 0; i < 1000; ++i) l.Post([&seen, t, i] { seen.push_back(t * 10000 + i); });
    });
  }
  for (auto& p : posters) p.join();
  const auto result = l.Call([&] { return std::make_pair(seen, l.InLoopThread()); });
  CHECK(result.second);
  REQUIRE(result.first.size() == 4000);
  // Each poster's tasks keep their order.
  std::vector<int> last(4, -1);
  for (int v : result.first) {
    CHECK(v % 10000 > last[v / 10000]);
    last[v / 10000] = v % 10000;
  }
}

TEST_CASE("event loop: timers fire in deadline order and a cancelled timer never fires") {
  auto loop = EventLoop::Start();
  REQUIRE(loop.ok());
  EventLoop& l = **loop;
  std::atomic<int> fired_cancelled{0};
  std::promise<std::vector<int>> done;
  auto order = std::make_shared<std::vector<int>>();
  l.Post([&] {
    l.AddTimer(30ms, [&, order] {
      order->push_back(30);
      done.set_value(*order);
    });
    l.AddTimer(10ms, [order] { order->push_back(10); });
    const auto id = l.AddTimer(5ms, [&] { ++fired_cancelled; });
    l.AddTimer(0ms, [order] { order->push_back(0); });
    l.CancelTimer(id);
    l.CancelTimer(id);      // twice: harmless
    l.CancelTimer(424242);  // unknown: harmless
  });
  const auto seen = done.get_future().get();
  CHECK(seen == std::vector<int>{0, 10, 30});
  CHECK(fired_cancelled == 0);
}

TEST_CASE(
    "event loop: destroying it with timers pending and tasks queued neither runs nor leaks them") {
  std::atomic<int> ran{0};
  {
    auto loop = EventLoop::Start();
    REQUIRE(loop.ok());
    EventLoop& l = **loop;
    l.Call([&] {
      for (int i = 0; i < 100; ++i) l.AddTimer(10s, [&] { ++ran; });
    });
  }
  CHECK(ran == 0);
}
