#include "providers/net/backoff.h"

#include <algorithm>
#include <string_view>

namespace voxdesk::providers::net {

std::optional<std::chrono::milliseconds> Backoff::Next(
    std::optional<std::chrono::milliseconds> retry_after) {
  if (retries_ >= policy_.max_retries) return std::nullopt;
  // base * 2^n, saturating at the cap before it can overflow.
  int64_t ceiling = policy_.base.count();
  for (int i = 0; i < retries_ && ceiling < policy_.cap.count(); ++i) ceiling *= 2;
  ceiling = std::min<int64_t>(ceiling, policy_.cap.count());
  ++retries_;
  std::uniform_int_distribution<int64_t> jitter(0, std::max<int64_t>(ceiling, 0));
  std::chrono::milliseconds delay{jitter(rng_)};
  if (retry_after && *retry_after > delay) delay = *retry_after;
  return delay;
}

bool RetryableMethod(std::string_view method, bool has_idempotency_key) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS" || method == "PUT" ||
         method == "DELETE" || has_idempotency_key;
}

bool RetryableStatus(int s) {
  return s == 408 || s == 425 || s == 429 || (s >= 500 && s <= 599 && s != 501 && s != 505);
}

}  // namespace voxdesk::providers::net
