#include <doctest/doctest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/log.h"

using namespace voxdesk;

TEST_CASE("Four threads logging at once produce only whole, parseable lines") {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 3000;
  VirtualClock clock;
  // The sink does no locking of its own, writes byte by byte and yields in
  // the middle of each line: a sink called outside the logger's lock is
  // entered by two threads at once, interleaves lines or races on the buffer.
  std::string out;
  std::atomic<int> inside{0};
  std::atomic<bool> overlapped{false};
  LogSink sink = [&](LogLevel, std::string_view line) {
    if (inside.fetch_add(1) != 0) overlapped = true;
    for (size_t i = 0; i < line.size(); ++i) {
      out.push_back(line[i]);
      if (i == line.size() / 2) std::this_thread::yield();
    }
    out.push_back('\n');
    inside.fetch_sub(1);
  };
  Logger log(clock, sink, LogLevel::kInfo);
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      while (!go.load()) std::this_thread::yield();
      for (int i = 0; i < kPerThread; ++i) {
        clock.Advance(std::chrono::microseconds{1});
        log.Info("load.tick", {{"thread", t},
                               {"seq", i},
                               {"phone", "+15550100199"},
                               {"text", "caller said 555-010-0199 at 2026-03-09T10:00:00Z"}});
      }
    });
  }
  go = true;
  for (auto& th : threads) th.join();
  CHECK_MESSAGE(!overlapped.load(), "the sink was entered by two threads at once");

  std::istringstream in(out);
  std::string line;
  std::vector<std::set<int>> seen(kThreads);
  int lines = 0;
  while (std::getline(in, line)) {
    ++lines;
    nlohmann::json j;
    REQUIRE_NOTHROW(j = nlohmann::json::parse(line));
    const int t = j.at("thread");
    REQUIRE(t >= 0);
    REQUIRE(t < kThreads);
    CHECK(seen[t].insert(j.at("seq").get<int>()).second);
    CHECK(j.at("phone") == "[redacted:phone]");
    CHECK(j.at("text") == "caller said [redacted:phone] at 2026-03-09T10:00:00Z");
  }
  CHECK(lines == kThreads * kPerThread);
  for (int t = 0; t < kThreads; ++t) CHECK(seen[t].size() == static_cast<size_t>(kPerThread));
}
