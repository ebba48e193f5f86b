// Structured logging: one JSON object per line, e.g.
//   {"ts":"2026-03-05T14:00:00.123Z","level":"info","event":"booking.created",
//    "booking_id":"bk_...","phone":"[redacted:phone]"}
// Timestamps come from the injected Clock (virtual in simulations), so logs of
// a simulated call carry simulated time. PII and secrets are redacted by
// default (core/redact.h): a field whose name is known to hold PII is hidden
// whole, other string values are scrubbed as free text. `reveal_pii` turns
// this off for local debugging only.
//
// A Logger is an object passed to whoever logs (no global logger); the Clock
// it reads must outlive it. Disabled
// levels cost one comparison, but the arguments of a call are built before
// the call; on hot paths guard expensive fields with Enabled():
//   if (log.Enabled(LogLevel::kDebug)) log.Debug("slot.scan", {{"n", Count()}});
//
// Thread safety: every method may be called from any thread. Lines are
// rendered without a lock; the sink is called under the logger's mutex, one
// whole line at a time, so a sink needs no locking of its own. A sink must
// not log to the same Logger (it would deadlock) and should not throw.
#pragma once

#include <atomic>
#include <concepts>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace voxdesk {

enum class LogLevel : uint8_t {
  kTrace = 0,
  kDebug = 1,
  kInfo = 2,
  kWarn = 3,
  kError = 4,
  kOff = 5
};

// "trace", "debug", "info", "warn", "error", "off".
std::string_view LogLevelName(LogLevel level);
// Inverse of LogLevelName, case-insensitive; also accepts "warning".
std::optional<LogLevel> ParseLogLevel(std::string_view name);

// A field value. Strings are borrowed: they must outlive the log call, which
// every temporary in the call expression does.
class LogValue {
 public:
  enum class Type : uint8_t { kNull, kString, kInt, kUint, kDouble, kBool };

  LogValue(std::nullptr_t) {}  // NOLINT: implicit by design, as for all below
  LogValue(std::string_view s) : type_(Type::kString), str_(s) {}
  LogValue(const std::string& s) : type_(Type::kString), str_(s) {}
  LogValue(const char* s) : type_(s ? Type::kString : Type::kNull), str_(s ? s : "") {}
  LogValue(bool b) : type_(Type::kBool), b_(b) {}
  LogValue(double d) : type_(Type::kDouble), d_(d) {}
  LogValue(float f) : type_(Type::kDouble), d_(f) {}
  // Any integer except bool and the character types (a char is more likely a
  // mistake than a number).
  template <std::integral T>
  requires(!std::same_as<T, bool> && !std::same_as<T, char> && !std::same_as<T, char8_t> &&
           !std::same_as<T, char16_t> && !std::same_as<T, char32_t> && !std::same_as<T, wchar_t>)
      LogValue(T v) {
    if constexpr (std::signed_integral<T>) {
      type_ = Type::kInt;
      i_ = v;
    } else {
      type_ = Type::kUint;
      u_ = v;
    }
  }

  Type type() const { return type_; }
  std::string_view str() const { return str_; }
  int64_t int_value() const { return i_; }
  uint64_t uint_value() const { return u_; }
  double double_value() const { return d_; }
  bool bool_value() const { return b_; }

 private:
  Type type_ = Type::kNull;
  std::string_view str_;
  union {
    int64_t i_ = 0;
    uint64_t u_;
    double d_;
    bool b_;
  };
};

struct LogField {
  std::string_view key;
  LogValue value;
};

// Receives each rendered line (no trailing newline).
using LogSink = std::function<void(LogLevel level, std::string_view line)>;

// Writes each line plus '\n' to stderr with a single write.
LogSink StderrSink();

class Logger {
 public:
  explicit Logger(const Clock& clock, LogSink sink = StderrSink(),
                  LogLevel min_level = LogLevel::kWarn, bool reveal_pii = false);
  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  bool Enabled(LogLevel level) const {
    return level >= min_level_.load(std::memory_order_relaxed) && level != LogLevel::kOff;
  }
  LogLevel min_level() const { return min_level_.load(std::memory_order_relaxed); }
  void SetMinLevel(LogLevel level) { min_level_.store(level, std::memory_order_relaxed); }
  bool reveal_pii() const { return reveal_pii_; }

  void Log(LogLevel level, std::string_view event, std::span<const LogField> fields) {
    if (Enabled(level)) Write(level, event, fields);
  }
  void Log(LogLevel level, std::string_view event, std::initializer_list<LogField> fields = {}) {
    if (Enabled(level)) Write(level, event, {fields.begin(), fields.size()});
  }
  void Trace(std::string_view event, std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kTrace, event, fields);
  }
  void Debug(std::string_view event, std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kDebug, event, fields);
  }
  void Info(std::string_view event, std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kInfo, event, fields);
  }
  void Warn(std::string_view event, std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kWarn, event, fields);
  }
  void Error(std::string_view event, std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kError, event, fields);
  }

  // The line Log() would hand to the sink, whatever the level filter says.
  std::string Render(LogLevel level, std::string_view event,
                     std::span<const LogField> fields) const;

 private:
  void Write(LogLevel level, std::string_view event, std::span<const LogField> fields);

  const Clock& clock_;
  LogSink sink_;
  std::atomic<LogLevel> min_level_;
  const bool reveal_pii_;
  std::mutex mu_;
};

}  // namespace voxdesk
