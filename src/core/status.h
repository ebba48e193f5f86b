// Expected failures (bad input, a taken slot, a missing booking) travel as
// values: Status / Result<T>. Exceptions are reserved for programming errors
// and out-of-memory, and never cross the C ABI.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace voxdesk {

// Numbers match voxdesk_status in include/voxdesk/voxdesk.h and are never reused.
enum class Code : int {
  kOk = 0,
  kInvalidArgument = 2,  // bad flag, bad field, malformed time
  kConfig = 3,           // business configuration rejected
  kNotFound = 4,         // unknown booking, service, staff
  kSlotUnavailable = 5,  // the requested slot is not offered or was just taken
  kConflict = 6,         // idempotency key reused for a different request, wrong state
  kStorage = 7,          // database I/O or corruption
  kNoMemory = 8,
  kInternal = 9,
  kUnavailable = 12,  // a provider or the network failed, timed out or refused (10, 11: C ABI only)
};

class Status {
 public:
  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  static Status Ok() { return {}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) {
  return {Code::kInvalidArgument, std::move(m)};
}
inline Status ConfigError(std::string m) {
  return {Code::kConfig, std::move(m)};
}
inline Status NotFound(std::string m) {
  return {Code::kNotFound, std::move(m)};
}
inline Status SlotUnavailable(std::string m) {
  return {Code::kSlotUnavailable, std::move(m)};
}
inline Status Conflict(std::string m) {
  return {Code::kConflict, std::move(m)};
}
inline Status StorageError(std::string m) {
  return {Code::kStorage, std::move(m)};
}
inline Status Unavailable(std::string m) {
  return {Code::kUnavailable, std::move(m)};
}

// Stable lower-case name of a code, used in JSON errors ("slot_unavailable").
const char* CodeName(Code code);

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) { assert(!std::get<Status>(v_).ok()); }

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace voxdesk

#define VOXDESK_RETURN_IF_ERROR(expr) \
  do {                                \
    ::voxdesk::Status _st = (expr);   \
    if (!_st.ok()) return _st;        \
  } while (0)
