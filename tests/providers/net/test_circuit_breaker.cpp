#include <doctest/doctest.h>

#include "providers/net/circuit_breaker.h"

using namespace std::chrono_literals;
using voxdesk::TimePoint;
using voxdesk::providers::net::CircuitBreaker;
using voxdesk::providers::net::CircuitBreakerOptions;
using State = CircuitBreaker::State;

namespace {

CircuitBreakerOptions Options() {
  CircuitBreakerOptions o;
  o.failure_threshold = 3;
  o.open_for = 30s;
  o.half_open_probes = 1;
  return o;
}

}  // namespace

TEST_CASE("circuit breaker: opens after consecutive failures and fails fast while open") {
  CircuitBreaker cb(Options());
  TimePoint t{};
  CHECK(cb.Allow(t));
  cb.OnFailure(t);
  cb.OnFailure(t);
  cb.OnSuccess();  // a success in between resets the count
  cb.OnFailure(t);
  cb.OnFailure(t);
  CHECK(cb.state(t) == State::kClosed);
  cb.OnFailure(t);
  CHECK(cb.state(t) == State::kOpen);
  CHECK(cb.openings() == 1);
  CHECK_FALSE(cb.Allow(t + 29s));
  // Late failures of requests already in flight do not stretch the period.
  cb.OnFailure(t + 20s);
  CHECK(cb.state(t + 30s) == State::kHalfOpen);
}

TEST_CASE("circuit breaker: half open lets one probe through, and its outcome decides") {
  CircuitBreaker cb(Options());
  TimePoint t{};
  for (int i = 0; i < 3; ++i) cb.OnFailure(t);
  TimePoint later = t + 30s;
  CHECK(cb.Allow(later));        // the probe
  CHECK_FALSE(cb.Allow(later));  // everyone else still fails fast
  cb.OnFailure(later);           // the probe failed: open again, for a full period
  CHECK(cb.state(later + 29s) == State::kOpen);
  CHECK(cb.openings() == 2);
  TimePoint again = later + 30s;
  CHECK(cb.Allow(again));
  cb.OnSuccess();
  CHECK(cb.state(again) == State::kClosed);
  CHECK(cb.Allow(again));
  CHECK(cb.Allow(again));
}
