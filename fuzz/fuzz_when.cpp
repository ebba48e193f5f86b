// The spoken-date pipeline on arbitrary bytes: NormalizeText (both
// languages), then FindWhen and FindDateOfBirth on its output, with fixed
// "now"s that sit on a year end and a leap day. Nothing may crash, the
// normal form must be stable (normalising it again changes nothing) and
// every result must keep the invariants the dialog relies on (abort
// otherwise).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "dialog/text.h"
#include "dialog/when.h"

namespace {

using voxdesk::LocalDate;
using voxdesk::dialog::Lang;

void Fail(const char* what, std::string_view normalized) {
  std::fprintf(stderr, "fuzz_when: %s: normalised \"%.*s\"\n", what,
               static_cast<int>(normalized.size()), normalized.data());
  std::abort();
}

void Check(const std::string& n, LocalDate today, Lang lang) {
  for (char c : n) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' || c == ':' ||
                    c == '/' || c == '-';
    if (!ok) Fail("normal form has a byte outside [a-z0-9 :/-]", n);
  }
  if (!n.empty() && (n.front() == ' ' || n.back() == ' ' || n.find("  ") != std::string::npos))
    Fail("normal form has stray spaces", n);

  if (auto w = voxdesk::dialog::FindWhen(n, today, 9 * 60 + 30, lang)) {
    if (w->Empty()) Fail("empty When returned instead of nullopt", n);
    if (w->date && !w->date->ok()) Fail("invalid date", n);
    if (w->date && *w->date < today) Fail("date before today", n);
    if (w->time_min && (*w->time_min < 0 || *w->time_min >= 1440)) Fail("time out of range", n);
    if (w->window_from_min.has_value() != w->window_to_min.has_value()) Fail("half a window", n);
    if (w->window_from_min && (*w->window_from_min < 0 || *w->window_to_min > 1440 ||
                               *w->window_from_min >= *w->window_to_min))
      Fail("window out of order", n);
    if (w->first_day.has_value() != w->last_day.has_value()) Fail("half a span", n);
    if (w->first_day && (!w->first_day->ok() || !w->last_day->ok() || *w->first_day > *w->last_day))
      Fail("span out of order", n);
    if (w->first_day && w->date) Fail("both a date and a span", n);
  }
  if (auto d = voxdesk::dialog::FindDateOfBirth(n, today, lang)) {
    if (!d->ok() || *d >= today) Fail("birth date not in the past", n);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;  // utterances are short; keep the quadratic-free paths honest but fast
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace date::literals;
  static constexpr LocalDate kDays[] = {2026_y / date::March / 5, 2026_y / date::December / 31,
                                        2028_y / date::February / 29};
  for (Lang lang : {Lang::kEn, Lang::kEs}) {
    const std::string n = voxdesk::dialog::NormalizeText(text, lang);
    if (voxdesk::dialog::NormalizeText(n, lang) != n) Fail("normal form is not stable", n);
    for (const LocalDate& today : kDays) Check(n, today, lang);
  }
  return 0;
}
