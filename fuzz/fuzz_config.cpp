// LoadBusinessJson on arbitrary bytes. Besides crashes and sanitizer reports,
// it aborts when a load breaks a promise the rest of the engine relies on:
// messages are printable UTF-8 on one line, and a successful load yields
// sorted, non-overlapping hours, resolved zones and known staff ids.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "schedule/config_loader.h"

namespace {

void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_config: %s: %s\n", what, detail.c_str());
  std::abort();
}

void CheckPrintable(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) Fail("control character in message", s);
    const size_t n = c < 0x80           ? 1
                     : (c >> 5) == 0x6  ? 2
                     : (c >> 4) == 0xE  ? 3
                     : (c >> 3) == 0x1E ? 4
                                        : 0;
    if (n == 0 || i + n > s.size()) Fail("invalid UTF-8 in message", s);
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) Fail("invalid UTF-8 in message", s);
    i += n;
  }
}

void CheckDay(const voxdesk::DayHours& day) {
  int last_close = -1;
  for (const auto& iv : day) {
    if (iv.open_min < 0 || iv.close_min > 1440 || iv.open_min >= iv.close_min)
      Fail("interval out of range",
           std::to_string(iv.open_min) + "-" + std::to_string(iv.close_min));
    // Touching intervals are merged, so the next must start strictly later.
    if (iv.open_min <= last_close) Fail("intervals not sorted, merged and disjoint", "");
    last_close = iv.close_min;
  }
}

void CheckBusiness(const voxdesk::Business& b) {
  if (b.id.empty() || b.name.empty() || !b.zone) Fail("unresolved business", b.id);
  if (b.staff.empty() || b.services.empty()) Fail("empty staff or services", b.id);
  for (const auto& day : b.hours) CheckDay(day);
  for (const auto& s : b.staff) {
    if (!s.zone || s.timezone.empty()) Fail("staff without a zone", s.id);
    for (const auto& day : s.hours) CheckDay(day);
    for (const auto& [date, day] : s.overrides) CheckDay(day);
    for (const auto& r : s.busy)
      if (r.end <= r.start) Fail("empty busy block", s.id);
  }
  for (const auto& svc : b.services) {
    if (svc.duration_min < 1 || svc.duration_min > 1440) Fail("duration out of range", svc.id);
    if (svc.staff.empty()) Fail("service without staff", svc.id);
    for (const auto& id : svc.staff)
      if (!b.FindStaff(id)) Fail("service names unknown staff", id);
  }
  for (const auto& bk : b.bookings)
    if (!b.FindService(bk.service) || !b.FindStaff(bk.staff)) Fail("dangling booking", bk.id);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto r = voxdesk::LoadBusinessJson(text);
  if (!r.ok()) {
    if (r.status().code() != voxdesk::Code::kConfig) Fail("wrong code", r.status().message());
    if (r.status().message().empty()) Fail("empty message", "");
    CheckPrintable(r.status().message());
    return 0;
  }
  CheckBusiness(r->business);
  for (const auto& w : r->warnings) CheckPrintable(w);
  return 0;
}
