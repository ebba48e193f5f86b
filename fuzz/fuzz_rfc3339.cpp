// The time parsers on arbitrary bytes: ParseRfc3339WithOffset,
// ParseLocalDate and ParseClockMinutes must never crash, and whatever they
// accept must survive a format/parse round trip unchanged (abort otherwise).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/time.h"

namespace {

void Fail(const char* what, std::string_view input, const std::string& formatted) {
  std::fprintf(stderr, "fuzz_rfc3339: %s: input \"%.*s\" formatted \"%s\"\n", what,
               static_cast<int>(input.size()), input.data(), formatted.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (auto t = voxdesk::ParseRfc3339WithOffset(text, "fuzz"); t.ok()) {
    const std::string utc = voxdesk::FormatRfc3339Utc(t->instant);
    auto back = voxdesk::ParseRfc3339(utc, "fuzz");
    if (!back.ok()) Fail("formatted instant does not parse", text, utc);
    if (*back != t->instant) Fail("instant changed in round trip", text, utc);
  }

  if (auto d = voxdesk::ParseLocalDate(text, "fuzz"); d.ok()) {
    const std::string s = voxdesk::FormatLocalDate(*d);
    auto back = voxdesk::ParseLocalDate(s, "fuzz");
    if (!back.ok()) Fail("formatted date does not parse", text, s);
    if (*back != *d) Fail("date changed in round trip", text, s);
    if (s != text) Fail("date is not canonical", text, s);
  }

  for (bool allow_24 : {false, true}) {
    if (auto m = voxdesk::ParseClockMinutes(text, allow_24, "fuzz"); m.ok()) {
      if (*m < 0 || *m > (allow_24 ? 1440 : 1439)) Fail("minutes out of range", text, "");
      const std::string s = voxdesk::FormatClockMinutes(*m);
      auto back = voxdesk::ParseClockMinutes(s, allow_24, "fuzz");
      if (!back.ok()) Fail("formatted time does not parse", text, s);
      if (*back != *m) Fail("time changed in round trip", text, s);
      if (s != text) Fail("time is not canonical", text, s);
    }
  }
  return 0;
}
