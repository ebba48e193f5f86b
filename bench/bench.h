// A small latency harness: time each iteration with steady_clock, report
// p50/p99 as a JSON line. Latency percentiles are what the targets are
// stated in, which is why this measures single calls rather than batches.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace voxdesk::bench {

struct Benchmark {
  std::string name;
  std::function<void()> run;
};

std::vector<Benchmark>& Registry();

inline void Emit(const nlohmann::json& j) {
  std::printf("%s\n", j.dump().c_str());
  std::fflush(stdout);
}

// Runs fn n times after a warm-up; fn gets the iteration index.
template <typename Fn>
nlohmann::json MeasureLatency(const std::string& name, int n, Fn&& fn) {
  for (int i = 0; i < std::min(n / 10, 1000); ++i) fn(i);
  std::vector<double> us(n);
  for (int i = 0; i < n; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    fn(i);
    const auto t1 = std::chrono::steady_clock::now();
    us[i] = std::chrono::duration<double, std::micro>(t1 - t0).count();
  }
  std::sort(us.begin(), us.end());
  auto pct = [&](double p) {
    return us[std::min<size_t>(us.size() - 1, static_cast<size_t>(p * us.size()))];
  };
  auto round2 = [](double v) { return std::round(v * 100) / 100; };
  return {{"name", name},
          {"unit", "us"},
          {"p50", round2(pct(0.50))},
          {"p99", round2(pct(0.99))},
          {"n", n}};
}

struct Register {
  Register(std::string name, std::function<void()> run) {
    Registry().push_back({std::move(name), std::move(run)});
  }
};

}  // namespace voxdesk::bench
