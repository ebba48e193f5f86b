// A circuit breaker per provider: after `failure_threshold` consecutive
// failures it opens, and requests fail at once (the failover chain moves to
// the next provider without waiting for another timeout) until `open_for`
// has passed; then it lets `half_open_probes` requests through, and closes
// on their success or opens again on a failure.
//
// Time comes from the caller (a Clock's now), so it runs in virtual time.
//
// Thread safety: internally locked; workers on several threads may share
// one breaker per provider, which is the point: one call's timeouts spare
// the others theirs.
#pragma once

#include <chrono>
#include <mutex>

#include "core/clock.h"

namespace voxdesk::providers::net {

struct CircuitBreakerOptions {
  int failure_threshold = 5;
  std::chrono::milliseconds open_for{30'000};
  int half_open_probes = 1;
};

class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };

  explicit CircuitBreaker(CircuitBreakerOptions options = {}) : options_(options) {}

  // Whether a request may go now. In the half-open state each true is one
  // of the allowed probes: report its outcome with OnSuccess / OnFailure.
  bool Allow(TimePoint now);
  void OnSuccess();
  void OnFailure(TimePoint now);

  State state(TimePoint now) const;
  // Times the breaker opened (a metric: how often a provider failed hard).
  int openings() const;

 private:
  State StateLocked(TimePoint now) const;

  mutable std::mutex mu_;
  CircuitBreakerOptions options_;
  State state_ = State::kClosed;
  int failures_ = 0;
  int probes_ = 0;  // probes handed out while half open
  int openings_ = 0;
  TimePoint opened_at_{};
};

const char* CircuitStateName(CircuitBreaker::State state);

}  // namespace voxdesk::providers::net
