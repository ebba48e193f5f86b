// Dates and times as callers say them, resolved against the call's "now" in
// the business's zone. The resolver works on NormalizeText output and in
// local dates and minutes only; turning a result into an instant is the
// caller's job (voxdesk::LocalToInstant, which handles DST gaps and overlaps).
//
// Rules the dialog relies on:
//   - Weekdays: a bare weekday, "this/on/next/coming <weekday>", "el
//     <weekday>", "el próximo <weekday>", "<weekday> que viene" all mean the
//     first such day strictly after today. "last <weekday>" / "<weekday>
//     pasado" name the past and give no date. A weekday said together with a
//     span ("tuesday next week", "el sábado de la semana que viene") is that
//     weekday inside the span.
//   - Month and day ("march 12th", "12th of march", "el 12 de marzo", "3/12"
//     en month/day, es day/month): this year if on or after today, else next
//     year; February 29th goes to the next year that has one. A weekday
//     said with it that does not match picks the next year where it does
//     ("Friday, March 5th" said on Thursday 2026-03-05 -> 2027-03-05). An impossible
//     day ("february 30th") gives no date. With an explicit year the date is
//     exact; a date with a year that lies in the past is never an
//     appointment date (it is a birth date or history) and is ignored.
//   - Day of month alone ("the 14th", "on the 14", "el 14", "el día 14"):
//     this month if the day is today or later, else the next month that has
//     that day ("the 31st" after April 30th's month -> May 31st).
//   - Spans, weeks starting on Monday: "this week" today..Sunday; "later this
//     week" tomorrow..Sunday; "end of the week" Thursday..Saturday of this
//     week (from today); "next week" Monday..Sunday of next week; "early next
//     week" Monday..Tuesday; "middle of next week" Tuesday..Thursday; "end of
//     next week" Thursday..Saturday; "this weekend" the coming (or current)
//     Saturday..Sunday; "next weekend" the weekend of next week; "next month"
//     its first..last day. "in N days/weeks" is one date, today + N days/weeks.
//   - Hours without am/pm and without a part of day: 1-6 -> PM, 7-11 -> AM,
//     12 -> noon; 0 and 13-23 (and a leading zero, "07:30") are 24-hour.
//     am/pm, "morning/afternoon/evening/night", "de la mañana/tarde/noche"
//     anywhere in the utterance win over the default ("at 7 in the evening"
//     -> 19:00). "quarter to four" is 15 minutes before the hour as resolved
//     (15:45); "a las 5 menos cuarto" 16:45.
//   - A number becomes a time only with a cue: "at"/"around"/"a las"/"a la"/
//     "las" before it, or a marker on it (":", am/pm, o'clock, "y media",
//     "y cuarto", "menos", "en punto", "de la tarde", "in the evening"...),
//     "half/quarter past/to", "N past/to H", "noon", "midnight", or a clock
//     pair "H MM" (H 1-12, MM two digits) not next to other numbers. So "I
//     have 2 kids" has no time and "5 5 5 0 1 0 0" none either. 4-digit
//     numbers are never times.
//   - Windows: "morning" [0,720), "afternoon" [720,1020), "evening"/"night"
//     [1020,1440), "first thing" [0,720), "after H" [H,1440), "before H"
//     [0,H), "between H1 and H2" / "from H1 to H2" [H1,H2) (H2 moves to the
//     afternoon if it would end before it starts: "between 6 and 8" ->
//     [18:00,20:00)). Several windows intersect. A part-of-day window that
//     only settled am/pm for an exact time is not reported; a bound is.
//   - "today/tonight/this morning" use today, "later today" is today from
//     now_min, "in N hours/minutes" is now_min plus that (into tomorrow when
//     it passes midnight).
//   - Several dates: a calendar date (month/day, day of month, numeric) wins
//     over a relative one (weekday, tomorrow); among equals the first said
//     wins. A date wins over a span.
//   - Dates right after a birth cue ("born", "birthday", "date of birth",
//     "dob", "nací", "nacimiento", "cumpleaños") are never appointment dates.
//
// Thread safety: pure functions, safe to call concurrently. No exceptions
// escape (std::bad_alloc aside, which yields no result).
#pragma once

#include <optional>
#include <string_view>

#include "core/time.h"
#include "dialog/lang.h"

namespace voxdesk::dialog {

struct When {
  std::optional<LocalDate> date;                 // one day the caller named
  std::optional<LocalDate> first_day, last_day;  // a span of days instead, inclusive
  std::optional<int> time_min;                   // exact time of day, minutes after local midnight
  std::optional<int> window_from_min, window_to_min;  // a part of day or bound, [from, to)
  bool Empty() const {
    return !date && !first_day && !last_day && !time_min && !window_from_min && !window_to_min;
  }
};

// Finds the appointment date and time in a normalised utterance (see
// NormalizeText). `today` and `now_min` are the call's local date and minutes
// after local midnight in the business's zone. nullopt when nothing about
// when was said. When set: time_min in [0,1440); both window ends set, with
// 0 <= from < to <= 1440; both span ends set with first_day <= last_day.
std::optional<When> FindWhen(std::string_view normalized, LocalDate today, int now_min, Lang lang);

// Finds a date of birth: a full date with a year that lies before `today`
// (at most 130 years back), said as "march 3rd 1985", "3rd of march 1985",
// "3/3/1985" (en month/day, es day/month), "1985-03-03", "3 de marzo de
// 1985". A two-digit year in the numeric form ("3/3/85") is 20yy if that is
// in the past, else 19yy. The date after a birth cue wins over other dates.
std::optional<LocalDate> FindDateOfBirth(std::string_view normalized, LocalDate today, Lang lang);

}  // namespace voxdesk::dialog
