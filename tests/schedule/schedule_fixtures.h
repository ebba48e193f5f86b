// Shared helpers for schedule tests: build a business from JSON text and
// render slots as "start staff" strings in the business's zone.
#pragma once

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "schedule/availability.h"
#include "schedule/config_loader.h"

namespace voxdesk::testing {

inline Business MustLoad(const nlohmann::json& j) {
  auto r = LoadBusinessJson(j.dump());
  if (!r.ok()) FAIL("config rejected: " << r.status().message());
  return std::move(r->business);
}

inline Instant At(const std::string& rfc3339) {
  auto t = ParseRfc3339(rfc3339);
  if (!t.ok()) FAIL("bad time in test: " << rfc3339);
  return *t;
}

// "2026-03-08T03:00:00-04:00 lee" per slot.
inline std::vector<std::string> Render(const Business& b, const std::vector<Slot>& slots) {
  std::vector<std::string> out;
  for (const auto& s : slots)
    out.push_back(FormatRfc3339(s.start, *b.zone) + " " + b.staff[s.staff_index].id);
  return out;
}

inline std::vector<std::string> Starts(const Business& b, const std::vector<Slot>& slots) {
  std::vector<std::string> out;
  for (const auto& s : slots) out.push_back(FormatRfc3339(s.start, *b.zone));
  return out;
}

// [["09:00","12:00"], ...]. Spelled out because a braced {{"a","b"}} would
// turn into a JSON object.
inline nlohmann::json H(std::initializer_list<std::pair<const char*, const char*>> pairs) {
  nlohmann::json day = nlohmann::json::array();
  for (auto& [open, close] : pairs) day.push_back(nlohmann::json::array({open, close}));
  return day;
}

inline nlohmann::json Week(const nlohmann::json& day_hours) {
  return {{"mon", day_hours}, {"tue", day_hours}, {"wed", day_hours}, {"thu", day_hours},
          {"fri", day_hours}, {"sat", day_hours}, {"sun", day_hours}};
}

// A one-staff business open every day with `hours`, one service.
inline nlohmann::json SimpleBusiness(const std::string& zone, const nlohmann::json& hours,
                                     int duration, int step) {
  return {{"id", "t"},
          {"name", "Test"},
          {"timezone", zone},
          {"hours", Week(hours)},
          {"booking", {{"min_notice_min", 0}, {"horizon_days", 730}, {"slot_step_min", step}}},
          {"services", {{{"id", "svc"}, {"name", "Service"}, {"duration_min", duration}}}},
          {"staff", {{{"id", "p"}, {"name", "Pat"}}}}};
}

inline std::vector<Slot> Query(const Business& b, const std::string& from, const std::string& to,
                               const std::string& now = "2026-01-01T00:00:00Z",
                               const std::string& service = "svc", const std::string& staff = "") {
  Availability av(b);
  BusyIndex busy(b);
  auto r = av.Query(SlotQuery{service, staff, At(from), At(to), 0}, At(now), busy);
  if (!r.ok()) FAIL("query failed: " << r.status().message());
  return *r;
}

}  // namespace voxdesk::testing
