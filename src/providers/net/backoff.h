// When to try a failed provider request again: exponential backoff with
// "full jitter" (each delay uniform in [0, min(cap, base * 2^attempt)]), so
// many calls that failed together do not retry together and hammer a
// recovering provider in waves. A server's Retry-After (a 429 or 503) is a
// floor: the delay is never shorter than what the server asked for.
//
// Deterministic: the jitter comes from a seeded generator, so tests and
// virtual-time calls replay exactly.
//
// Thread safety: one Backoff per request, used by one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string_view>

namespace voxdesk::providers::net {

struct BackoffPolicy {
  std::chrono::milliseconds base{100};
  std::chrono::milliseconds cap{10'000};
  int max_retries = 4;  // attempts after the first
};

class Backoff {
 public:
  Backoff(BackoffPolicy policy, uint64_t seed) : policy_(policy), rng_(seed) {}

  // The delay before the next retry, or nullopt when the retries are spent.
  // `retry_after` is the server's own request, if it sent one.
  std::optional<std::chrono::milliseconds> Next(
      std::optional<std::chrono::milliseconds> retry_after = std::nullopt);

  int retries() const { return retries_; }
  void Reset() { retries_ = 0; }

 private:
  BackoffPolicy policy_;
  std::mt19937_64 rng_;
  int retries_ = 0;
};

// Whether a request may be sent twice: retrying a POST that books or sends
// an SMS could do it twice, unless it carries an idempotency key.
bool RetryableMethod(std::string_view method, bool has_idempotency_key);

// HTTP statuses worth retrying: 408, 425, 429 and 5xx other than 501/505.
bool RetryableStatus(int http_status);

}  // namespace voxdesk::providers::net
