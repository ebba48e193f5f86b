// The one source of "now". Nothing in voxdesk reads the wall clock directly:
// a Clock is passed in, so calls and bookings can run in virtual time,
// deterministically, and tests can pin "now".
//
// Thread safety: RealClock is stateless. VirtualClock may be read from many
// threads while one thread advances it.
#pragma once

#include <atomic>
#include <chrono>

#include "core/time.h"

namespace voxdesk {

using TimePoint = std::chrono::sys_time<std::chrono::microseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
  Instant NowSeconds() const { return std::chrono::floor<std::chrono::seconds>(Now()); }
};

class RealClock final : public Clock {
 public:
  TimePoint Now() const override {
    return std::chrono::time_point_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now());
  }
};

// Time moves only when told to.
class VirtualClock final : public Clock {
 public:
  explicit VirtualClock(TimePoint start = {}) : us_(start.time_since_epoch().count()) {}
  TimePoint Now() const override { return TimePoint{std::chrono::microseconds{us_.load()}}; }
  void Set(TimePoint t) { us_.store(t.time_since_epoch().count()); }
  void Advance(std::chrono::microseconds d) { us_.fetch_add(d.count()); }

 private:
  std::atomic<long long> us_;
};

}  // namespace voxdesk
