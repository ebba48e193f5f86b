// The steady clock in microseconds, for measuring what the SDK itself spends
// (processing time is real time even when a call runs in virtual time).
// Thread safety: none needed.
#pragma once

#include <chrono>
#include <cstdint>

namespace voxdesk::session {

inline int64_t SteadyUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace voxdesk::session
