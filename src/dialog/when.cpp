#include "dialog/when.h"

#include <array>
#include <cstdint>
#include <new>
#include <unordered_set>
#include <utility>
#include <vector>

#include "dialog/text.h"

namespace voxdesk::dialog {
namespace {

using Words = std::vector<std::string_view>;

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// All-digit word of at most 6 digits -> its value, else -1.
int Num(std::string_view w) {
  if (w.empty() || w.size() > 6) return -1;
  int v = 0;
  for (char c : w) {
    if (!IsDigit(c)) return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

bool IsNumberWord(std::string_view w) {
  return !w.empty() && IsDigit(w[0]);
}

// "14th" -> 14.
int OrdinalNum(std::string_view w) {
  if (w.size() < 3 || w.size() > 4) return -1;
  const std::string_view suf = w.substr(w.size() - 2);
  if (suf != "st" && suf != "nd" && suf != "rd" && suf != "th") return -1;
  return Num(w.substr(0, w.size() - 2));
}

// A day of the month as a word: "14", "14th", "3rd" -> 1..31, else -1.
int DayNum(std::string_view w) {
  int v = w.size() <= 2 ? Num(w) : OrdinalNum(w);
  return v >= 1 && v <= 31 ? v : -1;
}

// A 4-digit year.
int YearNum(std::string_view w) {
  if (w.size() != 4) return -1;
  const int v = Num(w);
  return v >= 1000 && v <= 2999 ? v : -1;
}

int MonthOf(std::string_view w, Lang lang) {
  struct M {
    std::string_view w;
    int m;
  };
  static constexpr std::array<M, 24> kEn = {
      {{"january", 1}, {"jan", 1},       {"february", 2}, {"feb", 2},  {"march", 3},
       {"april", 4},   {"apr", 4},       {"may", 5},      {"june", 6}, {"jun", 6},
       {"july", 7},    {"jul", 7},       {"august", 8},   {"aug", 8},  {"september", 9},
       {"sept", 9},    {"sep", 9},       {"october", 10}, {"oct", 10}, {"november", 11},
       {"nov", 11},    {"december", 12}, {"dec", 12},     {"mar", 3}}};
  static constexpr std::array<M, 13> kEs = {{{"enero", 1},
                                             {"febrero", 2},
                                             {"marzo", 3},
                                             {"abril", 4},
                                             {"mayo", 5},
                                             {"junio", 6},
                                             {"julio", 7},
                                             {"agosto", 8},
                                             {"septiembre", 9},
                                             {"setiembre", 9},
                                             {"octubre", 10},
                                             {"noviembre", 11},
                                             {"diciembre", 12}}};
  if (lang == Lang::kEs) {
    for (const M& m : kEs)
      if (m.w == w) return m.m;
  } else {
    for (const M& m : kEn)
      if (m.w == w) return m.m;
  }
  return 0;
}

// ISO weekday 1 (Monday) .. 7 (Sunday), 0 if none.
int WeekdayOf(std::string_view w, Lang lang) {
  static constexpr std::array<std::string_view, 7> kEn = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  static constexpr std::array<std::string_view, 7> kEs = {
      "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"};
  const auto& t = lang == Lang::kEs ? kEs : kEn;
  for (size_t k = 0; k < t.size(); ++k)
    if (t[k] == w) return static_cast<int>(k) + 1;
  return 0;
}

// Words some matcher starts from or looks around. Most words of an utterance
// are none of these and skip every matcher after one hash lookup.
bool MaybeAnchor(std::string_view w) {
  static const std::unordered_set<std::string_view> kAnchors = {
      "today", "tonight", "tomorrow", "day", "later", "monday", "tuesday", "wednesday", "thursday",
      "friday", "saturday", "sunday", "week", "weekend", "month", "in", "after", "before", "until",
      "till", "til", "between", "from", "no", "half", "quarter", "morning", "mornings", "afternoon",
      "afternoons", "evening", "evenings", "night", "nights", "thing", "noon", "midday", "midnight",
      "january", "jan", "february", "feb", "march", "mar", "april", "apr", "may", "june", "jun",
      "july", "jul", "august", "aug", "september", "sept", "sep", "october", "oct", "november",
      "nov", "december", "dec", "born", "birth", "birthday", "dob",
      // Spanish
      "hoy", "manana", "pasado", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado",
      "domingo", "semana", "mes", "en", "dentro", "despues", "antes", "a", "hasta", "entre",
      "desde", "de", "tarde", "noche", "madrugada", "temprano", "mediodia", "medianoche", "enero",
      "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
      "octubre", "noviembre", "diciembre", "nacimiento", "naci", "nacido", "nacida", "cumpleanos"};
  return kAnchors.count(w) != 0;
}

LocalDate Add(LocalDate d, int n) {
  return LocalDate{date::sys_days{d} + date::days{n}};
}
int IsoWeekday(LocalDate d) {
  return static_cast<int>(date::weekday{date::sys_days{d}}.iso_encoding());
}
LocalDate MondayOf(LocalDate d) {
  return Add(d, 1 - IsoWeekday(d));
}

LocalDate NextWeekday(LocalDate today, int iso) {
  int diff = (iso - IsoWeekday(today) + 7) % 7;
  return Add(today, diff == 0 ? 7 : diff);
}

std::optional<LocalDate> NextMonthDay(LocalDate today, int m, int d) {
  const int y0 = static_cast<int>(today.year());
  for (int y = y0; y <= y0 + 8; ++y) {
    const LocalDate c{date::year{y}, date::month{static_cast<unsigned>(m)},
                      date::day{static_cast<unsigned>(d)}};
    if (c.ok() && c >= today) return c;
  }
  return std::nullopt;
}

std::optional<LocalDate> NextDayOfMonth(LocalDate today, int d) {
  date::year_month ym = today.year() / today.month();
  for (int k = 0; k < 13; ++k, ym += date::months{1}) {
    const LocalDate c = ym / date::day{static_cast<unsigned>(d)};
    if (c.ok() && c >= today) return c;
  }
  return std::nullopt;
}

std::string_view At(const Words& w, size_t i) {
  return i < w.size() ? w[i] : std::string_view();
}
std::string_view Before(const Words& w, size_t i, size_t back) {
  return i >= back ? w[i - back] : std::string_view();
}

// ---- Calendar dates -------------------------------------------------------

struct Cal {
  int m = 0, d = 0, y = -1;
  bool two_digit_year = false;
  size_t end = 0;
};

// "3/12", "3/12/2026", "03/03/85", "1985-03-03" (en month/day, es day/month).
std::optional<Cal> NumericDate(std::string_view t, Lang lang) {
  const char sep = t.find('/') != std::string_view::npos ? '/' : '-';
  std::array<std::string_view, 3> parts;
  size_t count = 0, start = 0;
  for (size_t k = 0; k <= t.size(); ++k) {
    if (k == t.size() || t[k] == sep) {
      if (count == 3) return std::nullopt;
      parts[count++] = t.substr(start, k - start);
      start = k + 1;
    } else if (!IsDigit(t[k])) {
      return std::nullopt;
    }
  }
  if (count < 2) return std::nullopt;
  for (size_t k = 0; k < count; ++k)
    if (parts[k].empty()) return std::nullopt;
  Cal c;
  if (count == 3 && parts[0].size() == 4) {
    if (parts[1].size() > 2 || parts[2].size() > 2) return std::nullopt;
    c.y = Num(parts[0]);
    c.m = Num(parts[1]);
    c.d = Num(parts[2]);
  } else {
    if (parts[0].size() > 2 || parts[1].size() > 2) return std::nullopt;
    if (count == 2 && sep != '/') return std::nullopt;  // "555-0100" is a phone number
    int a = Num(parts[0]), b = Num(parts[1]);
    if (lang == Lang::kEs) std::swap(a, b);
    if (a > 12 && b <= 12) std::swap(a, b);  // "25/12" in English is still Christmas
    c.m = a;
    c.d = b;
    if (count == 3) {
      if (parts[2].size() == 4) {
        c.y = Num(parts[2]);
      } else if (parts[2].size() == 2) {
        c.y = Num(parts[2]);
        c.two_digit_year = true;
      } else {
        return std::nullopt;
      }
    }
  }
  if (c.m < 1 || c.m > 12 || c.d < 1 || c.d > 31) return std::nullopt;
  return c;
}

// A calendar date starting at w[i]: "march 12th [2026]", "12th of march",
// "12 march", "el 12 de marzo de 2026", numeric forms.
std::optional<Cal> TryCalendar(const Words& w, size_t i, Lang lang) {
  const std::string_view t = At(w, i);
  if (t.empty()) return std::nullopt;
  if (IsDigit(t[0]) &&
      (t.find('/') != std::string_view::npos || t.find('-') != std::string_view::npos)) {
    auto c = NumericDate(t, lang);
    if (c) c->end = i + 1;
    return c;
  }
  Cal c;
  size_t j = i + 1;
  if (const int m = MonthOf(t, lang)) {
    if (At(w, j) == "the") ++j;
    const int d = DayNum(At(w, j));
    if (d < 0) return std::nullopt;
    c.m = m;
    c.d = d;
    ++j;
  } else if (const int d = DayNum(t); d > 0) {
    if (At(w, j) == "of" || At(w, j) == "de") ++j;
    const int m = MonthOf(At(w, j), lang);
    if (!m) return std::nullopt;
    c.m = m;
    c.d = d;
    ++j;
  } else {
    return std::nullopt;
  }
  // An optional year: "2026", "of 2026", "de 2026", "del 2026".
  std::string_view y = At(w, j);
  size_t skip = 1;
  if (y == "of" || y == "de" || y == "del") {
    y = At(w, j + 1);
    skip = 2;
  }
  if (const int yr = YearNum(y); yr > 0) {
    c.y = yr;
    j += skip;
  }
  c.end = j;
  return c;
}

std::optional<LocalDate> MakeDate(int y, int m, int d) {
  const LocalDate c{date::year{y}, date::month{static_cast<unsigned>(m)},
                    date::day{static_cast<unsigned>(d)}};
  if (!c.ok()) return std::nullopt;
  return c;
}

bool IsBirthCue(std::string_view t) {
  return t == "born" || t == "birth" || t == "birthday" || t == "dob" || t == "nacimiento" ||
         t == "naci" || t == "nacido" || t == "nacida" || t == "cumpleanos";
}

// ---- Clock times ----------------------------------------------------------

enum class Mer : uint8_t { kNone, kAm, kPm, kNight, k24 };
enum Pod : uint8_t { kPodNone, kPodMorning, kPodAfternoon, kPodEvening };

struct Clock {
  int h = 0, m = 0, minus = 0;
  Mer mer = Mer::kNone;
};

int Resolve(const Clock& c, int pod) {
  int h = c.h;
  switch (c.mer) {
    case Mer::kAm:
      if (h == 12) h = 0;
      break;
    case Mer::kPm:
      if (h < 12) h += 12;
      break;
    case Mer::kNight:
      if (h == 12) {
        h = 0;
      } else if (h >= 5 && h < 12) {
        h += 12;
      }
      break;
    case Mer::k24:
      break;
    case Mer::kNone:
      if (h == 0 || h > 12) break;
      if (pod == kPodMorning) {
        if (h == 12) h = 0;
      } else if (pod == kPodAfternoon || pod == kPodEvening) {
        if (h < 12) h += 12;
      } else if (h <= 6) {
        h += 12;
      }
      break;
  }
  const int mins = h * 60 + c.m - c.minus;
  return ((mins % 1440) + 1440) % 1440;
}

struct ClockMatch {
  Clock c;
  size_t end = 0;
  bool marked = false;  // something on the number says it is a time
  bool pair = false;    // "10 30": a time only when no other numbers are next to it
};

// A part-of-day phrase at w[j] that settles am/pm: "in the evening", "de la
// tarde", "at night". Returns its length, 0 if none.
size_t DayPartSuffix(const Words& w, size_t j, Lang lang, Mer& mer) {
  const std::string_view a = At(w, j), b = At(w, j + 1), c = At(w, j + 2);
  if (lang == Lang::kEs) {
    if ((a == "de" || a == "por" || a == "en") && b == "la") {
      if (c == "manana" || c == "madrugada")
        mer = Mer::kAm;
      else if (c == "tarde")
        mer = Mer::kPm;
      else if (c == "noche")
        mer = Mer::kNight;
      else
        return 0;
      return 3;
    }
    if ((a == "del" || a == "al") && b == "mediodia") {
      mer = Mer::kPm;
      return 2;
    }
    return 0;
  }
  if (a == "in" && b == "the") {
    if (c == "morning")
      mer = Mer::kAm;
    else if (c == "afternoon" || c == "evening")
      mer = Mer::kPm;
    else
      return 0;
    return 3;
  }
  if (a == "at" && b == "night") {
    mer = Mer::kNight;
    return 2;
  }
  return 0;
}

std::optional<ClockMatch> ParseClock(const Words& w, size_t i, Lang lang, bool allow_y_number) {
  const std::string_view t = At(w, i);
  ClockMatch r;
  r.end = i + 1;
  if (t == "noon" || t == "midday" || t == "mediodia") {
    r.c = {12, 0, 0, Mer::kPm};
    r.marked = true;
    return r;
  }
  if (t == "midnight" || t == "medianoche") {
    r.c = {0, 0, 0, Mer::k24};
    r.marked = true;
    return r;
  }
  if (t.empty() || !IsDigit(t[0])) return std::nullopt;
  const size_t colon = t.find(':');
  if (colon != std::string_view::npos) {
    const std::string_view hs = t.substr(0, colon), ms = t.substr(colon + 1);
    const int h = hs.size() <= 2 ? Num(hs) : -1, m = ms.size() == 2 ? Num(ms) : -1;
    if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
    r.c.h = h;
    r.c.m = m;
    r.marked = true;
    if (h == 0 || h > 12 || (hs.size() == 2 && hs[0] == '0')) r.c.mer = Mer::k24;
  } else {
    const int h = t.size() <= 2 ? Num(t) : -1;
    if (h < 0 || h > 23) return std::nullopt;
    r.c.h = h;
    if (h == 0 || h > 12 || (t.size() == 2 && t[0] == '0')) r.c.mer = Mer::k24;
    const std::string_view n = At(w, r.end);
    if (n.size() == 2 && Num(n) >= 0 && Num(n) <= 59 && !IsNumberWord(At(w, r.end + 1))) {
      r.c.m = Num(n);
      r.pair = true;
      ++r.end;
    } else if (lang == Lang::kEs && At(w, r.end) == "y") {
      const std::string_view m = At(w, r.end + 1);
      const int mv = Num(m);
      if (m == "media" || m == "cuarto" ||
          (allow_y_number && m.size() <= 2 && mv >= 1 && mv <= 59)) {
        r.c.m = m == "media" ? 30 : m == "cuarto" ? 15 : mv;
        r.marked = true;
        r.end += 2;
      }
    } else if (lang == Lang::kEs && At(w, r.end) == "menos") {
      const std::string_view m = At(w, r.end + 1);
      const int mv = Num(m);
      if (m == "cuarto" || (m.size() <= 2 && mv >= 1 && mv <= 30)) {
        r.c.minus = m == "cuarto" ? 15 : mv;
        r.marked = true;
        r.end += 2;
      }
    }
  }
  if (At(w, r.end) == "oclock") {
    r.marked = true;
    ++r.end;
  } else if (At(w, r.end) == "en" && At(w, r.end + 1) == "punto") {
    r.marked = true;
    r.end += 2;
  }
  const std::string_view ap = At(w, r.end);
  if ((ap == "am" || ap == "pm") && r.c.h <= 12) {
    r.c.mer = ap == "am" ? Mer::kAm : Mer::kPm;
    r.marked = true;
    ++r.end;
  } else if (ap == "noon" && r.c.h == 12) {
    r.c.mer = Mer::kPm;
    r.marked = true;
    ++r.end;
  } else {
    Mer mer = Mer::kNone;
    if (const size_t len = DayPartSuffix(w, r.end, lang, mer); len > 0) {
      if (r.c.mer == Mer::kNone) r.c.mer = mer;
      r.marked = true;
      r.end += len;
    } else if (ap == "tonight") {
      if (r.c.mer == Mer::kNone) r.c.mer = Mer::kNight;
      r.marked = true;  // "tonight" itself is read again for the date
    }
  }
  return r;
}

// ---- The scanner ----------------------------------------------------------

struct Span {
  LocalDate first, last;
};

enum class Part : uint8_t { kWhole, kEarly, kMid, kLate, kLater };

class Scanner {
 public:
  Scanner(const Words& w, LocalDate today, int now_min, Lang lang)
      : w_(w), used_(w.size(), 0), today_(today), now_min_(now_min), lang_(lang) {}

  std::optional<When> Run();

 private:
  void Use(size_t from, size_t to) {
    for (size_t k = from; k < to && k < used_.size(); ++k) used_[k] = 1;
  }
  void SetRel(LocalDate d, size_t pos) {
    if (!rel_ || pos < rel_pos_) {
      rel_ = d;
      rel_pos_ = pos;
    }
  }
  void SetCal(LocalDate d) {
    if (!cal_) cal_ = d;
  }
  void SetSpan(std::optional<Span> s) {
    if (s && !span_ && s->first <= s->last) span_ = s;
  }
  void SetTime(const Clock& c) {
    if (!time_ && !time_fixed_) time_ = c;
  }
  void SetPod(Pod p, int from, int to) {
    if (pod_ == kPodNone) {
      pod_ = p;
      pod_from_ = from;
      pod_to_ = to;
    }
  }
  bool Calendar(size_t i);
  bool Relative(size_t i);
  bool WeekOrMonth(size_t i);
  bool InAmount(size_t i);
  bool Bounds(size_t i);
  bool PastTo(size_t i);
  bool DayOfMonth(size_t i);
  bool TimeAt(size_t i);
  bool DayPart(size_t i);
  std::optional<Span> Week(bool next, Part part) const;
  // A clock after optional "las"/"la"/"the" at w[j].
  std::optional<ClockMatch> BoundClock(size_t j, bool allow_y_number) const {
    const std::string_view a = At(w_, j);
    if (a == "las" || a == "la") ++j;
    return ParseClock(w_, j, lang_, allow_y_number);
  }

  const Words& w_;
  std::vector<char> used_;
  LocalDate today_;
  int now_min_;
  Lang lang_;

  std::optional<LocalDate> cal_, rel_;
  std::optional<std::pair<int, int>> cal_md_;  // cal_ came from a month and day without a year
  size_t rel_pos_ = 0;
  int weekday_ = 0;
  size_t weekday_pos_ = 0;
  std::optional<Span> span_;
  std::optional<Clock> time_;
  std::optional<int> time_fixed_;
  std::optional<Clock> after_, before_;
  std::optional<std::pair<int, int>> fixed_window_;
  Pod pod_ = kPodNone;
  int pod_from_ = 0, pod_to_ = 1440;
};

std::optional<Span> Scanner::Week(bool next, Part part) const {
  const LocalDate mon = MondayOf(today_);
  const LocalDate nm = Add(mon, 7);
  Span s{};
  if (next) {
    switch (part) {
      case Part::kWhole:
        s = {nm, Add(nm, 6)};
        break;
      case Part::kEarly:
        s = {nm, Add(nm, 1)};
        break;
      case Part::kMid:
        s = {Add(nm, 1), Add(nm, 3)};
        break;
      case Part::kLate:
      case Part::kLater:
        s = {Add(nm, 3), Add(nm, 5)};
        break;
    }
    return s;
  }
  auto clip = [&](LocalDate a, LocalDate b) -> std::optional<Span> {
    if (a < today_) a = today_;
    if (a > b) return std::nullopt;
    return Span{a, b};
  };
  switch (part) {
    case Part::kWhole:
      return clip(today_, Add(mon, 6));
    case Part::kEarly:
      return clip(mon, Add(mon, 1));
    case Part::kMid:
      return clip(Add(mon, 1), Add(mon, 3));
    case Part::kLater:
      return clip(Add(today_, 1), Add(mon, 6));
    case Part::kLate: {
      auto r = clip(Add(mon, 3), Add(mon, 5));
      if (!r) r = Span{Add(nm, 3), Add(nm, 5)};  // said on Sunday: the coming one
      return r;
    }
  }
  return std::nullopt;
}

bool Scanner::Calendar(size_t i) {
  auto c = TryCalendar(w_, i, lang_);
  if (!c) return false;
  // A numeric date needs a slash or an explicit year; both forms are checked
  // by TryCalendar. A date with a past year is history, not an appointment.
  Use(i, c->end);
  if (c->y >= 0) {
    const int y = c->two_digit_year ? 2000 + c->y : c->y;
    if (auto d = MakeDate(y, c->m, c->d); d && *d >= today_) SetCal(*d);
    return true;
  }
  if (auto d = NextMonthDay(today_, c->m, c->d)) {
    if (!cal_) cal_md_ = {c->m, c->d};
    SetCal(*d);
  }
  return true;
}

bool Scanner::Relative(size_t i) {
  const std::string_view t = w_[i];
  const std::string_view p1 = Before(w_, i, 1);
  if (lang_ == Lang::kEn) {
    if (t == "today") {
      SetRel(today_, i);
    } else if (t == "tonight") {
      SetRel(today_, i);
      SetPod(kPodEvening, 1020, 1440);
    } else if (t == "tomorrow") {
      SetRel(Add(today_, 1), i);
    } else if (t == "day" && At(w_, i + 1) == "after" && At(w_, i + 2) == "tomorrow") {
      SetRel(Add(today_, 2), i);
      Use(i, i + 3);
    } else if (t == "later" && At(w_, i + 1) == "today") {
      SetRel(today_, i);
      if (!fixed_window_ && now_min_ >= 0 && now_min_ < 1440) fixed_window_ = {now_min_, 1440};
      Use(i, i + 2);
    } else if (const int wd = WeekdayOf(t, lang_)) {
      if (p1 == "last") return true;
      if (!weekday_) {
        weekday_ = wd;
        weekday_pos_ = i;
      }
    } else {
      return false;
    }
    Use(i, i + 1);
    return true;
  }
  if (t == "hoy") {
    SetRel(today_, i);
  } else if (t == "pasado" && At(w_, i + 1) == "manana") {
    SetRel(Add(today_, 2), i);
    Use(i, i + 2);
  } else if (t == "manana") {
    if (p1 == "la") {
      SetPod(kPodMorning, 0, 720);
    } else if (p1 == "esta") {
      SetRel(today_, i);
      SetPod(kPodMorning, 0, 720);
    } else {
      SetRel(Add(today_, 1), i);
    }
  } else if (const int wd = WeekdayOf(t, lang_)) {
    if (At(w_, i + 1) == "pasado" || p1 == "pasado") {
      Use(i, i + 2);
      return true;
    }
    if (!weekday_) {
      weekday_ = wd;
      weekday_pos_ = i;
    }
  } else {
    return false;
  }
  Use(i, i + 1);
  return true;
}

bool Scanner::WeekOrMonth(size_t i) {
  const std::string_view t = w_[i];
  const std::string_view p1 = Before(w_, i, 1), p2 = Before(w_, i, 2), p3 = Before(w_, i, 3);
  const std::string_view n1 = At(w_, i + 1), n2 = At(w_, i + 2);
  const bool es = lang_ == Lang::kEs;
  const bool que_viene = n1 == "que" && n2 == "viene";
  auto part_before = [&](size_t from_back) {
    for (size_t k = from_back; k <= from_back + 3; ++k) {
      const std::string_view q = Before(w_, i, k);
      // "start"/"end"/... only as "the start of": "I start next week" is the whole week.
      const bool of = Before(w_, i, k - 1) == "of";
      if (q == "early" || (of && (q == "beginning" || q == "start")) || q == "principios" ||
          q == "principio" || q == "inicios" || q == "inicio" || q == "comienzos")
        return Part::kEarly;
      if (q == "mid" || (of && q == "middle") || q == "mediados" || q == "mitad") return Part::kMid;
      if (q == "later") return Part::kLater;
      if ((of && q == "end") || q == "late" || q == "finales" || q == "final" || q == "fines")
        return Part::kLate;
    }
    return Part::kWhole;
  };
  if (!es && t == "weekend") {
    const LocalDate mon = MondayOf(today_);
    if (p1 == "next") {
      SetSpan(Span{Add(mon, 12), Add(mon, 13)});
    } else {
      SetSpan(Span{IsoWeekday(today_) >= 6 ? today_ : Add(mon, 5), Add(mon, 6)});
    }
    Use(i, i + 1);
    return true;
  }
  if (es && t == "semana" && p1 == "de" && p2 == "fin") {
    const LocalDate mon = MondayOf(today_);
    const bool next = que_viene || n1 == "proximo" || p3 == "proximo";
    if (next) {
      SetSpan(Span{Add(mon, 12), Add(mon, 13)});
    } else {
      SetSpan(Span{IsoWeekday(today_) >= 6 ? today_ : Add(mon, 5), Add(mon, 6)});
    }
    Use(i, que_viene ? i + 3 : i + 1);
    return true;
  }
  if (t == (es ? "semana" : "week")) {
    bool known = true, next = false;
    Part part = Part::kWhole;
    if (!es) {
      if (p1 == "next" || p1 == "following") {
        next = true;
        part = part_before(2);
      } else if (p1 == "this") {
        part = part_before(2);
      } else if ((p1 == "the" && p2 == "of") || p1 == "of") {
        part = part_before(p1 == "of" ? 2 : 3);
        known = part != Part::kWhole;
      } else {
        known = false;
      }
    } else {
      if (que_viene || n1 == "proxima" || n1 == "entrante" || p1 == "proxima") {
        next = true;
      } else if (p1 != "esta" && p1 != "la") {
        known = false;
      }
      part = part_before(p1 == "proxima" ? 2 : 1);
      if (p1 == "la" && !next && part == Part::kWhole) known = false;
    }
    if (!known) return false;
    SetSpan(Week(next, part));
    Use(i, que_viene ? i + 3 : i + 1);
    return true;
  }
  if (t == (es ? "mes" : "month")) {
    const bool next =
        p1 == "next" || p1 == "proximo" || que_viene || n1 == "proximo" || n1 == "entrante";
    const date::year_month ym = today_.year() / today_.month();
    if (next) {
      const date::year_month nm = ym + date::months{1};
      SetSpan(Span{nm / date::day{1}, LocalDate{nm / date::last}});
    } else if (p1 == "this") {
      SetSpan(Span{today_, LocalDate{ym / date::last}});
    } else {
      return false;
    }
    Use(i, que_viene ? i + 3 : i + 1);
    return true;
  }
  return false;
}

// "in 2 weeks", "in a week", "in 3 days", "in an hour", "en 2 semanas",
// "dentro de una semana".
bool Scanner::InAmount(size_t i) {
  const std::string_view t = w_[i];
  size_t j = i + 1;
  if (lang_ == Lang::kEs) {
    if (t == "dentro" && At(w_, j) == "de")
      ++j;
    else if (t != "en")
      return false;
  } else if (t != "in") {
    return false;
  }
  const std::string_view q = At(w_, j);
  int n = Num(q);
  if (q == "a" || q == "an" || q == "un" || q == "una") n = 1;
  if (n <= 0 || n > 1000) return false;
  const std::string_view u = At(w_, j + 1);
  int days = 0, minutes = 0;
  if (u == "day" || u == "days" || u == "dia" || u == "dias") {
    days = n;
  } else if (u == "week" || u == "weeks" || u == "semana" || u == "semanas") {
    days = 7 * n;
  } else if (u == "hour" || u == "hours" || u == "hora" || u == "horas") {
    minutes = 60 * n;
  } else if (u == "minute" || u == "minutes" || u == "minuto" || u == "minutos") {
    minutes = n;
  } else {
    return false;
  }
  if (days > 0) {
    SetRel(Add(today_, days), i);
  } else if (now_min_ >= 0 && now_min_ < 1440 && !time_ && !time_fixed_) {
    const int total = now_min_ + minutes;
    SetRel(Add(today_, total / 1440), i);
    time_fixed_ = total % 1440;
  }
  Use(i, j + 2);
  return true;
}

bool Scanner::Bounds(size_t i) {
  const std::string_view t = w_[i];
  const bool es = lang_ == Lang::kEs;
  enum { kNone, kAfter, kBefore, kRange } kind = kNone;
  size_t j = i + 1;
  if (!es) {
    if (t == "after") {
      kind = kAfter;
    } else if (t == "before" || t == "until" || t == "till" || t == "til") {
      kind = kBefore;
    } else if (t == "between" || t == "from") {
      kind = kRange;
    } else if (t == "no" && (At(w_, j) == "earlier" || At(w_, j) == "later") &&
               At(w_, j + 1) == "than") {
      kind = At(w_, j) == "earlier" ? kAfter : kBefore;
      j += 2;
    }
  } else {
    if ((t == "despues" || t == "antes") && At(w_, j) == "de") {
      kind = t == "despues" ? kAfter : kBefore;
      ++j;
    } else if (t == "a" && At(w_, j) == "partir" && At(w_, j + 1) == "de") {
      kind = kAfter;
      j += 2;
    } else if (t == "hasta") {
      kind = kBefore;
    } else if (t == "entre" || t == "desde" || t == "de") {
      kind = kRange;
    }
  }
  if (kind == kNone) return false;
  auto a = BoundClock(j, kind != kRange);
  if (!a) return false;
  if (kind == kRange) {
    const std::string_view sep = At(w_, a->end);
    const bool ok = es ? (sep == "y" || sep == "a" || sep == "hasta")
                       : (sep == "and" || sep == "to" || sep == "until" || sep == "till" ||
                          sep == "til" || sep == "through");
    if (!ok) return false;
    auto b = BoundClock(a->end + 1, true);
    if (!b) return false;
    if (!after_ && !before_) {
      after_ = a->c;
      before_ = b->c;
    }
    Use(i, b->end);
    return true;
  }
  if (kind == kAfter && !after_) after_ = a->c;
  if (kind == kBefore && !before_) before_ = a->c;
  Use(i, a->end);
  return true;
}

// English "half past 3", "quarter to 4", "10 past 2", "20 to 5".
bool Scanner::PastTo(size_t i) {
  if (lang_ != Lang::kEn) return false;
  const std::string_view t = w_[i];
  int mins = 0;
  if (t == "half") {
    mins = 30;
  } else if (t == "quarter") {
    mins = 15;
  } else {
    mins = t.size() <= 2 ? Num(t) : -1;
    if (mins != 5 && mins != 10 && mins != 15 && mins != 20 && mins != 25) return false;
  }
  const std::string_view rel = At(w_, i + 1);
  const bool past = rel == "past" || rel == "after";
  const bool to = rel == "to" || rel == "till" || rel == "til" || rel == "of" || rel == "before";
  if (!past && !(to && mins != 30)) return false;
  auto c = ParseClock(w_, i + 2, lang_, false);
  if (!c || c->c.m != 0 || c->c.h > 12 || c->pair) return false;
  Clock clock = c->c;
  if (past)
    clock.m = mins;
  else
    clock.minus = mins;
  SetTime(clock);
  Use(i, c->end);
  return true;
}

bool Scanner::DayOfMonth(size_t i) {
  const std::string_view t = w_[i];
  const std::string_view p1 = Before(w_, i, 1), p2 = Before(w_, i, 2);
  int d = -1;
  if (lang_ == Lang::kEn) {
    const int ord = OrdinalNum(t);
    if (ord >= 1 && ord <= 31 &&
        (i == 0 || p1 == "the" || p1 == "on" || WeekdayOf(p1, lang_) || p1 == "for" ||
         p1 == "by")) {
      d = ord;
    } else if (t.size() <= 2 && p1 == "the" && p2 == "on") {
      d = DayNum(t);
    }
  } else if (t.size() <= 2 && (p1 == "el" || (p1 == "dia" && p2 == "el"))) {
    const std::string_view n1 = At(w_, i + 1);
    if (n1 != "y" && n1 != "menos" && n1 != "am" && n1 != "pm" &&
        !(n1 == "de" && At(w_, i + 2) == "la"))
      d = DayNum(t);
  }
  if (d < 1) return false;
  if (auto date = NextDayOfMonth(today_, d)) SetCal(*date);
  Use(i, i + 1);
  return true;
}

bool Scanner::TimeAt(size_t i) {
  const std::string_view t = w_[i];
  auto c = ParseClock(w_, i, lang_, true);
  if (!c) return false;
  const std::string_view p1 = Before(w_, i, 1);
  const bool word = !IsDigit(t[0]);  // noon, midnight, mediodia
  const bool cue = p1 == "at" || p1 == "around" || p1 == "las" || p1 == "la" || p1 == "@";
  const bool pair_ok = c->pair && !IsNumberWord(p1);
  if (!(word || cue || c->marked || pair_ok)) return false;
  SetTime(c->c);
  Use(i, c->end);
  return true;
}

bool Scanner::DayPart(size_t i) {
  const std::string_view t = w_[i];
  const std::string_view p1 = Before(w_, i, 1);
  const bool es = lang_ == Lang::kEs;
  Pod pod = kPodNone;
  if (!es) {
    if (t == "morning" || t == "mornings")
      pod = kPodMorning;
    else if (t == "afternoon" || t == "afternoons")
      pod = kPodAfternoon;
    else if (t == "evening" || t == "evenings" || t == "night" || t == "nights")
      pod = kPodEvening;
    else if (t == "thing" && p1 == "first")
      pod = kPodMorning;
    if (pod != kPodNone && p1 == "this") SetRel(today_, i);
  } else {
    const bool la = p1 == "la" || p1 == "esta";
    if (la && t == "tarde")
      pod = kPodAfternoon;
    else if (la && t == "noche")
      pod = kPodEvening;
    else if (la && t == "madrugada")
      pod = kPodMorning;
    else if (t == "temprano" && p1 == "manana")
      pod = kPodMorning;
    if (pod != kPodNone && p1 == "esta") SetRel(today_, i);
  }
  if (pod == kPodNone) return false;
  static constexpr std::array<std::pair<int, int>, 4> kWindows = {
      {{0, 0}, {0, 720}, {720, 1020}, {1020, 1440}}};
  SetPod(pod, kWindows[pod].first, kWindows[pod].second);
  Use(i, i + 1);
  return true;
}

std::optional<When> Scanner::Run() {
  const size_t n = w_.size();
  for (size_t i = 0; i < n; ++i) {
    if (used_[i]) continue;
    const std::string_view t = w_[i];
    if (!IsDigit(t[0]) && !MaybeAnchor(t)) continue;
    if (IsBirthCue(t)) {
      // The date that follows is the caller's birth date, not the appointment.
      size_t end = i + 1;
      for (size_t k = i + 1; k < n && k <= i + 6; ++k) {
        if (auto c = TryCalendar(w_, k, lang_)) {
          end = c->end;
          break;
        }
      }
      Use(i, end);
      continue;
    }
    if (Calendar(i) || Relative(i) || WeekOrMonth(i) || InAmount(i) || Bounds(i) || PastTo(i) ||
        DayOfMonth(i) || TimeAt(i) || DayPart(i))
      continue;
  }

  When r;
  if (cal_) {
    r.date = cal_;
    // "Friday, March 5th" said on Thursday, March 5th: the weekday picks the year.
    if (cal_md_ && weekday_ && IsoWeekday(*cal_) != weekday_) {
      const int y0 = static_cast<int>(cal_->year());
      for (int y = y0 + 1; y <= y0 + 11; ++y) {
        auto d = MakeDate(y, cal_md_->first, cal_md_->second);
        if (d && IsoWeekday(*d) == weekday_) {
          r.date = d;
          break;
        }
      }
    }
  } else if (weekday_ && span_) {
    for (LocalDate d = span_->first; d <= span_->last; d = Add(d, 1)) {
      if (IsoWeekday(d) == weekday_) {
        r.date = d;
        break;
      }
    }
    if (!r.date) r.date = NextWeekday(today_, weekday_);
  } else if (weekday_ && (!rel_ || weekday_pos_ < rel_pos_)) {
    r.date = NextWeekday(today_, weekday_);
  } else if (rel_) {
    r.date = rel_;
  }
  if (!r.date && span_) {
    r.first_day = span_->first;
    r.last_day = span_->last;
  }

  if (time_fixed_) {
    r.time_min = *time_fixed_;
  } else if (time_) {
    r.time_min = Resolve(*time_, pod_);
  }

  // Bounds: "after 4", "before 11", "between 2 and 4".
  std::optional<std::pair<int, int>> bound;
  if (after_ || before_) {
    int from = after_ ? Resolve(*after_, pod_) : 0;
    int to = before_ ? Resolve(*before_, pod_) : 1440;
    if (before_ && to == 0) to = 1440;  // "before midnight"
    if (after_ && before_) {
      if (after_->mer == Mer::kNone && (before_->mer == Mer::kAm || before_->mer == Mer::kPm)) {
        Clock a = *after_;
        a.mer = before_->mer;
        if (const int f = Resolve(a, pod_); f < to) from = f;
      }
      if (from >= to && before_->mer == Mer::kNone && to + 720 <= 1440 && to + 720 > from)
        to += 720;
    }
    if (from < to) bound = {from, to};
  }
  std::optional<std::pair<int, int>> win = bound;
  if (fixed_window_) {
    if (!win) {
      win = fixed_window_;
    } else {
      const int f = std::max(win->first, fixed_window_->first),
                e = std::min(win->second, fixed_window_->second);
      if (f < e) win = {f, e};
    }
  }
  if (pod_ != kPodNone && !r.time_min) {
    if (!win) {
      win = {pod_from_, pod_to_};
    } else {
      const int f = std::max(win->first, pod_from_), e = std::min(win->second, pod_to_);
      if (f < e) win = {f, e};
    }
  }
  if (win) {
    r.window_from_min = win->first;
    r.window_to_min = win->second;
  }
  if (r.Empty()) return std::nullopt;
  return r;
}

}  // namespace

std::optional<When> FindWhen(std::string_view normalized, LocalDate today, int now_min, Lang lang) {
  if (!today.ok()) return std::nullopt;
  try {
    const Words w = SplitWords(normalized);
    return Scanner(w, today, now_min, lang).Run();
  } catch (const std::bad_alloc&) {
    return std::nullopt;
  }
}

std::optional<LocalDate> FindDateOfBirth(std::string_view normalized, LocalDate today, Lang lang) {
  if (!today.ok()) return std::nullopt;
  try {
    const Words w = SplitWords(normalized);
    const int this_year = static_cast<int>(today.year());
    std::optional<LocalDate> first, after_cue;
    bool cue = false;
    for (size_t i = 0; i < w.size(); ++i) {
      if (IsBirthCue(w[i])) cue = true;
      auto c = TryCalendar(w, i, lang);
      if (!c || c->y < 0) continue;
      std::optional<LocalDate> d;
      if (c->two_digit_year) {
        d = MakeDate(2000 + c->y, c->m, c->d);
        if (!d || *d >= today) d = MakeDate(1900 + c->y, c->m, c->d);
      } else {
        d = MakeDate(c->y, c->m, c->d);
      }
      if (!d || *d >= today || static_cast<int>(d->year()) < this_year - 130) continue;
      if (!first) first = d;
      if (cue && !after_cue) after_cue = d;
      i = c->end - 1;
    }
    return after_cue ? after_cue : first;
  } catch (const std::bad_alloc&) {
    return std::nullopt;
  }
}

}  // namespace voxdesk::dialog
