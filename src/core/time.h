// Time handling for the whole engine. Instants are UTC (sys_seconds); rules
// such as working hours are local wall times expanded through an IANA zone
// (Howard Hinnant's date/tz on the system tzdata). Zone conversions happen
// only at the edges: config in, text out.
//
// Thread safety: all functions are safe to call concurrently; zone pointers
// returned by FindZone live for the whole process.
#pragma once

#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <string>
#include <string_view>

#include "core/status.h"

namespace voxdesk {

using Instant = std::chrono::sys_seconds;
using LocalSeconds = date::local_seconds;
using LocalDate = date::year_month_day;
using Zone = date::time_zone;

// Looks up an IANA zone ("America/New_York"). Error names the zone.
Result<const Zone*> FindZone(std::string_view name);

// Local wall time -> instant, per CONTRACTS.md section 2: a time inside a DST
// gap moves forward by the gap, an ambiguous time takes its earlier instant.
// Both fall out of applying the offset in force just before the wall time.
Instant LocalToInstant(const Zone& zone, LocalSeconds local);

// Instant -> local wall time in `zone`.
LocalSeconds InstantToLocal(const Zone& zone, Instant t);

// Local calendar date of `t` in `zone`.
LocalDate LocalDateOf(const Zone& zone, Instant t);

// Parses an RFC 3339 date-time with a mandatory offset or Z
// ("2026-03-09T10:00:00-04:00", "2026-03-09T14:00:00Z", fractions allowed and
// truncated to the second). `what` names the field or flag in errors.
Result<Instant> ParseRfc3339(std::string_view text, std::string_view what = "time");

// Like ParseRfc3339 but also returns the UTC offset the text was written in.
struct ParsedInstant {
  Instant instant;
  std::chrono::seconds offset;
};
Result<ParsedInstant> ParseRfc3339WithOffset(std::string_view text, std::string_view what = "time");

// "2026-03-09T09:00:00-04:00": the instant with the zone's offset at that instant.
std::string FormatRfc3339(Instant t, const Zone& zone);
// "2026-03-09T13:00:00Z".
std::string FormatRfc3339Utc(Instant t);

// "YYYY-MM-DD" -> a valid calendar date.
Result<LocalDate> ParseLocalDate(std::string_view text, std::string_view what = "date");
std::string FormatLocalDate(LocalDate d);

// "HH:MM" -> minutes after local midnight, 0..1440 ("24:00" allowed only when
// allow_24 is set, for closing times).
Result<int> ParseClockMinutes(std::string_view text, bool allow_24, std::string_view what = "time");
std::string FormatClockMinutes(int minutes);

}  // namespace voxdesk
