#include "core/log.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/redact.h"

namespace voxdesk {
namespace {

constexpr std::string_view kLevelNames[] = {"trace", "debug", "info", "warn", "error", "off"};

void AppendDigits(std::string& out, long long v, int width) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v > 0 || n < width);
  while (n > 0) out += buf[--n];
}

// 2026-03-05T14:00:00.123Z. Years outside 0000-9999 cannot come from a sane
// clock; they are clamped rather than producing a malformed field.
void AppendTimestamp(std::string& out, TimePoint t) {
  using namespace std::chrono;
  const auto ms = floor<milliseconds>(t);
  const auto day = date::floor<date::days>(ms);
  date::year_month_day ymd{day};
  const date::hh_mm_ss tod{ms - day};
  long long year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) {
    out += year < 0 ? "0000-01-01T00:00:00.000Z" : "9999-12-31T23:59:59.999Z";
    return;
  }
  AppendDigits(out, year, 4);
  out += '-';
  AppendDigits(out, static_cast<unsigned>(ymd.month()), 2);
  out += '-';
  AppendDigits(out, static_cast<unsigned>(ymd.day()), 2);
  out += 'T';
  AppendDigits(out, tod.hours().count(), 2);
  out += ':';
  AppendDigits(out, tod.minutes().count(), 2);
  out += ':';
  AppendDigits(out, tod.seconds().count(), 2);
  out += '.';
  AppendDigits(out, tod.subseconds().count(), 3);
  out += 'Z';
}

// Length of the valid UTF-8 sequence at s[i], or 0 if it is not one
// (overlong forms, surrogates and code points above U+10FFFF included).
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  size_t len;
  uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

// JSON string body. Invalid UTF-8 (a mangled transcript, binary garbage)
// becomes U+FFFD so that every line stays parseable.
void AppendJsonEscaped(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t len = Utf8SequenceLength(s, i);
      if (len == 0) {
        out += "\xEF\xBF\xBD";
        ++i;
      } else {
        out.append(s.substr(i, len));
        i += len;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
}

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  AppendJsonEscaped(out, s);
  out += '"';
}

template <typename T>
void AppendNumber(std::string& out, T v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

bool IsReservedKey(std::string_view key) {
  return key == "ts" || key == "level" || key == "event";
}

}  // namespace

std::string_view LogLevelName(LogLevel level) {
  const auto i = static_cast<size_t>(level);
  return i < std::size(kLevelNames) ? kLevelNames[i] : "unknown";
}

std::optional<LogLevel> ParseLogLevel(std::string_view name) {
  std::string lower;
  for (char c : name) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  if (lower == "warning") return LogLevel::kWarn;
  for (size_t i = 0; i < std::size(kLevelNames); ++i)
    if (lower == kLevelNames[i]) return static_cast<LogLevel>(i);
  return std::nullopt;
}

LogSink StderrSink() {
  return [](LogLevel, std::string_view line) {
    std::string buf;
    buf.reserve(line.size() + 1);
    buf.append(line);
    buf += '\n';
    std::fwrite(buf.data(), 1, buf.size(), stderr);
  };
}

Logger::Logger(const Clock& clock, LogSink sink, LogLevel min_level, bool reveal_pii)
    : clock_(clock),
      sink_(sink ? std::move(sink) : StderrSink()),
      min_level_(min_level),
      reveal_pii_(reveal_pii) {}

std::string Logger::Render(LogLevel level, std::string_view event,
                           std::span<const LogField> fields) const {
  std::string line;
  line.reserve(96 + 48 * fields.size());
  line += "{\"ts\":\"";
  AppendTimestamp(line, clock_.Now());
  line += "\",\"level\":\"";
  line += LogLevelName(level);
  line += "\",\"event\":";
  std::string scrubbed;
  // Event names are meant to be constants, but a careless one built from
  // caller data must not leak either.
  if (reveal_pii_) {
    AppendJsonString(line, event);
  } else {
    ScrubTextTo(event, scrubbed);
    AppendJsonString(line, scrubbed);
  }
  for (const LogField& f : fields) {
    line += ',';
    line += '"';
    // A field named like a header key would make the object ambiguous.
    if (IsReservedKey(f.key)) line += "field_";
    AppendJsonEscaped(line, f.key);
    line += "\":";
    const LogValue& v = f.value;
    if (!reveal_pii_ && v.type() != LogValue::Type::kNull) {
      if (const auto kind = ClassifyKey(f.key)) {
        AppendJsonString(line, RedactionMarker(*kind));
        continue;
      }
    }
    switch (v.type()) {
      case LogValue::Type::kNull:
        line += "null";
        break;
      case LogValue::Type::kBool:
        line += v.bool_value() ? "true" : "false";
        break;
      case LogValue::Type::kInt:
        AppendNumber(line, v.int_value());
        break;
      case LogValue::Type::kUint:
        AppendNumber(line, v.uint_value());
        break;
      case LogValue::Type::kDouble:
        // JSON has no NaN or infinity.
        if (std::isfinite(v.double_value())) {
          AppendNumber(line, v.double_value());
        } else {
          line += "null";
        }
        break;
      case LogValue::Type::kString:
        if (reveal_pii_) {
          AppendJsonString(line, v.str());
        } else {
          scrubbed.clear();
          ScrubTextTo(v.str(), scrubbed);
          AppendJsonString(line, scrubbed);
        }
        break;
    }
  }
  line += '}';
  return line;
}

void Logger::Write(LogLevel level, std::string_view event, std::span<const LogField> fields) {
  const std::string line = Render(level, event, fields);
  std::lock_guard<std::mutex> lock(mu_);
  sink_(level, line);
}

}  // namespace voxdesk
