// Shared pieces of the SQLite store tests: a scratch directory that is
// removed afterwards, instants written the way people read them, and
// requests with sensible defaults.
#pragma once

#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/time.h"
#include "schedule/store.h"

namespace voxdesk::testing {

inline constexpr const char* kBiz = "bright-smile";

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("voxdesk-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
             std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline Instant At(const char* rfc3339) {
  auto t = ParseRfc3339(rfc3339);
  REQUIRE_MESSAGE(t.ok(), t.status().message());
  return *t;
}

inline std::unique_ptr<Store> OpenStore(const std::string& path) {
  auto s = OpenSqliteStore(path);
  REQUIRE_MESSAGE(s.ok(), s.status().message());
  return std::move(s).value();
}

inline BookRequest Booking(std::vector<std::string> staff, Instant start, Instant end,
                           int buffer_before_min = 0, int buffer_after_min = 0) {
  BookRequest r;
  r.business_id = kBiz;
  r.service = "cleaning";
  r.staff_candidates = std::move(staff);
  r.start = start;
  r.end = end;
  r.buffer_before_min = buffer_before_min;
  r.buffer_after_min = buffer_after_min;
  r.customer = {"Ana Ruiz", "+15550142", "ana@example.com"};
  r.fingerprint = "cleaning|" + FormatRfc3339Utc(start);
  return r;
}

inline HoldRequest Hold(std::vector<std::string> staff, Instant start, Instant end,
                        std::chrono::seconds ttl) {
  HoldRequest r;
  r.business_id = kBiz;
  r.service = "cleaning";
  r.staff_candidates = std::move(staff);
  r.start = start;
  r.end = end;
  r.ttl = ttl;
  return r;
}

inline RescheduleRequest Move(const std::string& booking_id, std::vector<std::string> staff,
                              Instant start, Instant end) {
  RescheduleRequest r;
  r.business_id = kBiz;
  r.booking_id = booking_id;
  r.staff_candidates = std::move(staff);
  r.start = start;
  r.end = end;
  return r;
}

}  // namespace voxdesk::testing
