#include "providers/net/circuit_breaker.h"

namespace voxdesk::providers::net {

CircuitBreaker::State CircuitBreaker::StateLocked(TimePoint now) const {
  if (state_ == State::kOpen && now - opened_at_ >= options_.open_for) return State::kHalfOpen;
  return state_;
}

CircuitBreaker::State CircuitBreaker::state(TimePoint now) const {
  std::lock_guard lock(mu_);
  return StateLocked(now);
}

int CircuitBreaker::openings() const {
  std::lock_guard lock(mu_);
  return openings_;
}

bool CircuitBreaker::Allow(TimePoint now) {
  std::lock_guard lock(mu_);
  switch (StateLocked(now)) {
    case State::kClosed:
      return true;
    case State::kOpen:
      return false;
    case State::kHalfOpen:
      if (state_ == State::kOpen) {  // the open period just ended
        state_ = State::kHalfOpen;
        probes_ = 0;
      }
      if (probes_ >= options_.half_open_probes) return false;
      ++probes_;
      return true;
  }
  return false;
}

void CircuitBreaker::OnSuccess() {
  std::lock_guard lock(mu_);
  state_ = State::kClosed;
  failures_ = 0;
  probes_ = 0;
}

void CircuitBreaker::OnFailure(TimePoint now) {
  std::lock_guard lock(mu_);
  ++failures_;
  // A failed probe reopens at once; a closed breaker opens at the
  // threshold. Late failures of requests sent before it opened do not
  // stretch the open period.
  if (state_ == State::kOpen) return;
  if (state_ == State::kHalfOpen || failures_ >= options_.failure_threshold) {
    ++openings_;
    state_ = State::kOpen;
    opened_at_ = now;
    probes_ = 0;
  }
}

const char* CircuitStateName(CircuitBreaker::State state) {
  switch (state) {
    case CircuitBreaker::State::kClosed:
      return "closed";
    case CircuitBreaker::State::kOpen:
      return "open";
    case CircuitBreaker::State::kHalfOpen:
      return "half_open";
  }
  return "unknown";
}

}  // namespace voxdesk::providers::net
