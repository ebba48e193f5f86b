#include <doctest/doctest.h>

#include "providers/net/backoff.h"

using namespace std::chrono_literals;
using voxdesk::providers::net::Backoff;
using voxdesk::providers::net::BackoffPolicy;
using voxdesk::providers::net::RetryableMethod;
using voxdesk::providers::net::RetryableStatus;

TEST_CASE("backoff: delays stay under the doubling ceiling and the cap, then run out") {
  BackoffPolicy p;
  p.base = 100ms;
  p.cap = 1000ms;
  p.max_retries = 6;
  for (uint64_t seed = 1; seed <= 50; ++seed) {
    Backoff b(p, seed);
    const std::chrono::milliseconds ceilings[] = {100ms, 200ms, 400ms, 800ms, 1000ms, 1000ms};
    for (auto ceiling : ceilings) {
      auto d = b.Next();
      REQUIRE(d);
      CHECK(*d >= 0ms);
      CHECK(*d <= ceiling);
    }
    CHECK_FALSE(b.Next());
    CHECK(b.retries() == 6);
    b.Reset();
    CHECK(b.Next());
  }
}

TEST_CASE("backoff: jitter spreads retries, and the same seed replays the same delays") {
  BackoffPolicy p;
  p.base = 1000ms;
  p.cap = 1000ms;
  p.max_retries = 1;
  std::chrono::milliseconds lo = 1000ms, hi = 0ms;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    auto d = *Backoff(p, seed).Next();
    lo = std::min(lo, d);
    hi = std::max(hi, d);
  }
  CHECK(lo < 200ms);  // 200 calls that failed together do not retry together
  CHECK(hi > 800ms);
  Backoff a(p, 42), b(p, 42);
  CHECK(*a.Next() == *b.Next());
}

TEST_CASE("backoff: a server's Retry-After is a floor, and counts as a retry") {
  BackoffPolicy p;
  p.base = 100ms;
  p.max_retries = 2;
  Backoff b(p, 3);
  CHECK(*b.Next(5000ms) == 5000ms);
  CHECK(*b.Next(1ms) <= 200ms);
  CHECK_FALSE(b.Next(1000ms));
}

TEST_CASE("backoff: only idempotent requests and transient statuses are retried") {
  CHECK(RetryableMethod("GET", false));
  CHECK(RetryableMethod("DELETE", false));
  CHECK_FALSE(RetryableMethod("POST", false));  // could book or text twice
  CHECK(RetryableMethod("POST", true));         // an idempotency key makes it safe
  for (int s : {408, 425, 429, 500, 502, 503, 504}) CHECK(RetryableStatus(s));
  for (int s : {200, 301, 400, 401, 403, 404, 409, 422, 501, 505}) CHECK_FALSE(RetryableStatus(s));
}
