#include "core/time.h"

#include <cstdio>

namespace voxdesk {
namespace {

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

std::string Quote(std::string_view text) {
  std::string q = "\"";
  for (char c : text.substr(0, 64)) q += (static_cast<unsigned char>(c) < 0x20) ? '?' : c;
  if (text.size() > 64) q += "...";
  return q + "\"";
}

}  // namespace

Result<const Zone*> FindZone(std::string_view name) {
  if (name.empty()) return InvalidArgument("empty time zone name");
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return InvalidArgument("unknown time zone " + Quote(name) +
                           " (use an IANA name such as America/New_York)");
  }
}

Instant LocalToInstant(const Zone& zone, LocalSeconds local) {
  const date::local_info info = zone.get_info(local);
  return Instant{local.time_since_epoch() - info.first.offset};
}

LocalSeconds InstantToLocal(const Zone& zone, Instant t) {
  return zone.to_local(t);
}

LocalDate LocalDateOf(const Zone& zone, Instant t) {
  return LocalDate{date::floor<date::days>(zone.to_local(t))};
}

Result<ParsedInstant> ParseRfc3339WithOffset(std::string_view s, std::string_view what) {
  const std::string w(what);
  auto bad = [&](const char* why) -> Status {
    return InvalidArgument(w + ": " + Quote(s) + " is not an RFC 3339 date-time (" + why +
                           "; expected e.g. 2026-03-09T10:00:00-04:00)");
  };
  int Y, M, D, h, m, sec;
  // Each part checks only the length it needs, so a short time ("T10:00Z")
  // is reported as a bad time, not as a bad date.
  if (!Digits(s, 0, 4, &Y) || s.size() < 10 || s[4] != '-' || !Digits(s, 5, 2, &M) || s[7] != '-' ||
      !Digits(s, 8, 2, &D))
    return bad("bad date");
  if (s.size() < 11 || (s[10] != 'T' && s[10] != 't' && s[10] != ' '))
    return bad("missing 'T' between date and time");
  if (s.size() < 19 || !Digits(s, 11, 2, &h) || s[13] != ':' || !Digits(s, 14, 2, &m) ||
      s[16] != ':' || !Digits(s, 17, 2, &sec))
    return bad("bad time of day");
  const LocalDate ymd{date::year{Y}, date::month{static_cast<unsigned>(M)},
                      date::day{static_cast<unsigned>(D)}};
  if (!ymd.ok()) return bad("no such calendar date");
  if (h > 23 || m > 59) return bad("hour or minute out of range");
  if (sec == 60) return bad("leap seconds are not supported");
  if (sec > 59) return bad("second out of range");
  size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return bad("empty fraction");
  }
  if (i >= s.size()) return bad("missing UTC offset (add Z or +HH:MM)");
  int off_min = 0;
  if (s[i] == 'Z' || s[i] == 'z') {
    ++i;
  } else if (s[i] == '+' || s[i] == '-') {
    int oh, om;
    if (!Digits(s, i + 1, 2, &oh) || i + 3 >= s.size() || s[i + 3] != ':' ||
        !Digits(s, i + 4, 2, &om))
      return bad("bad UTC offset");
    if (oh > 23 || om > 59) return bad("UTC offset out of range");
    off_min = (oh * 60 + om) * (s[i] == '-' ? -1 : 1);
    i += 6;
  } else {
    return bad("bad UTC offset");
  }
  if (i != s.size()) return bad("trailing characters");
  const auto local = date::sys_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{m} +
                     std::chrono::seconds{sec};
  const std::chrono::seconds offset{off_min * 60};
  // An offset can push a year-0000 or year-9999 time outside what RFC 3339
  // can write in UTC, and every instant must format back to parseable text.
  const Instant t{local - offset};
  if (t < date::sys_days{date::year{0} / 1 / 1} || t >= date::sys_days{date::year{10000} / 1 / 1})
    return bad("outside years 0000-9999 in UTC");
  return ParsedInstant{t, offset};
}

Result<Instant> ParseRfc3339(std::string_view text, std::string_view what) {
  auto r = ParseRfc3339WithOffset(text, what);
  if (!r) return r.status();
  return r->instant;
}

static std::string FormatWithOffset(Instant t, std::chrono::seconds offset) {
  const auto local = t + offset;
  const auto day = date::floor<date::days>(local);
  const LocalDate ymd{day};
  const date::hh_mm_ss tod{local - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
                static_cast<int>(tod.seconds().count()));
  std::string out = buf;
  const long long total_min = offset.count() / 60;
  const long long a = total_min < 0 ? -total_min : total_min;
  std::snprintf(buf, sizeof buf, "%c%02lld:%02lld", total_min < 0 ? '-' : '+', a / 60, a % 60);
  return out + buf;
}

std::string FormatRfc3339(Instant t, const Zone& zone) {
  return FormatWithOffset(t, zone.get_info(t).offset);
}

std::string FormatRfc3339Utc(Instant t) {
  std::string s = FormatWithOffset(t, std::chrono::seconds{0});
  return s.substr(0, 19) + "Z";
}

Result<LocalDate> ParseLocalDate(std::string_view s, std::string_view what) {
  int Y, M, D;
  if (s.size() != 10 || !Digits(s, 0, 4, &Y) || s[4] != '-' || !Digits(s, 5, 2, &M) ||
      s[7] != '-' || !Digits(s, 8, 2, &D))
    return InvalidArgument(std::string(what) + ": " + Quote(s) +
                           " is not a date (expected YYYY-MM-DD)");
  LocalDate d{date::year{Y}, date::month{static_cast<unsigned>(M)},
              date::day{static_cast<unsigned>(D)}};
  if (!d.ok())
    return InvalidArgument(std::string(what) + ": " + Quote(s) + " is not a calendar date");
  return d;
}

std::string FormatLocalDate(LocalDate d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

Result<int> ParseClockMinutes(std::string_view s, bool allow_24, std::string_view what) {
  int h, m;
  if (s.size() != 5 || !Digits(s, 0, 2, &h) || s[2] != ':' || !Digits(s, 3, 2, &m))
    return InvalidArgument(std::string(what) + ": " + Quote(s) +
                           " is not a time of day (expected HH:MM)");
  if (h == 24 && m == 0) {
    if (allow_24) return 1440;
    return InvalidArgument(std::string(what) + ": 24:00 is only allowed as a closing time");
  }
  if (h > 23 || m > 59)
    return InvalidArgument(std::string(what) + ": " + Quote(s) + " is out of range");
  return h * 60 + m;
}

std::string FormatClockMinutes(int minutes) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (minutes / 60) % 100, minutes % 60);
  return buf;
}

}  // namespace voxdesk
