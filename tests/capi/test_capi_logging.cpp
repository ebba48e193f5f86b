// voxdesk_log_set routes the library's structured log lines, PII redacted,
// to the host; NULL restores the default.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "voxdesk/voxdesk.h"

namespace {

const char* kConfig = R"({"id":"log-test","name":"Log Test","timezone":"UTC",
  "hours":{"mon":[["09:00","17:00"]]},
  "services":[{"id":"visit","name":"Visit","duration_min":30}],
  "staff":[{"id":"p","name":"Pat"}]})";

void Capture(voxdesk_log_level level, const char* line, void* user_data) {
  static_cast<std::vector<std::pair<int, std::string>>*>(user_data)->push_back({level, line});
}

// Opens the test business in virtual time and books one visit at `start`.
voxdesk_booking* OpenAndBook(voxdesk_business** b, const char* start, const char* name,
                             const char* phone) {
  voxdesk_business_params p = voxdesk_business_default_params();
  p.config_json = kConfig;
  p.now = "2026-03-01T00:00:00Z";
  REQUIRE(voxdesk_business_open(&p, b) == VOXDESK_OK);
  voxdesk_book_request r = voxdesk_book_request_default();
  r.service = "visit";
  r.start = start;
  r.customer_name = name;
  r.customer_phone = phone;
  voxdesk_booking* bk = nullptr;
  REQUIRE(voxdesk_book(*b, &r, &bk) == VOXDESK_OK);
  return bk;
}

}  // namespace

TEST_CASE("booking events reach the host's log sink with the phone number redacted") {
  std::vector<std::pair<int, std::string>> lines;
  voxdesk_log_set(Capture, VOXDESK_LOG_INFO, &lines);
  voxdesk_business* b = nullptr;
  voxdesk_booking* bk = OpenAndBook(&b, "2026-03-02T09:00:00Z", "Ana Ruiz", "+15550100142");
  voxdesk_log_set(nullptr, VOXDESK_LOG_WARN, nullptr);

  bool found = false;
  for (auto& [level, line] : lines) {
    if (line.find("booking.created") == std::string::npos) continue;
    found = true;
    CHECK(level == VOXDESK_LOG_INFO);
    CHECK(line.find("+15550100142") == std::string::npos);
    CHECK(line.find("Ana Ruiz") == std::string::npos);
    CHECK(line.find(voxdesk_booking_info_of(bk).id) != std::string::npos);
  }
  CHECK(found);
  voxdesk_booking_free(bk);
  voxdesk_business_close(b);
}

TEST_CASE("a sink at WARN hears nothing from a successful booking") {
  std::vector<std::pair<int, std::string>> lines;
  voxdesk_log_set(Capture, VOXDESK_LOG_WARN, &lines);
  voxdesk_business* b = nullptr;
  voxdesk_booking* bk = OpenAndBook(&b, "2026-03-02T09:30:00Z", "Bo Li", "+15550100143");
  voxdesk_log_set(nullptr, VOXDESK_LOG_WARN, nullptr);
  CHECK(lines.empty());
  voxdesk_booking_free(bk);
  voxdesk_business_close(b);
}
