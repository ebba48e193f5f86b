#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "core/redact.h"

using namespace voxdesk;

TEST_CASE("Timestamps, dates, times and ids pass through untouched") {
  for (const char* text : {
           "2026-03-09T10:00:00-04:00",
           "2026-03-09T14:00:00Z",
           "2026-03-09T10:00:00.123456+05:45",
           "from 2026-03-09T09:00:00-04:00 to 2026-03-09T17:00:00-04:00",
           "2026-03-09 10:00",
           "20260309T100000Z",
           "hours 09:00-12:00, 13:00-17:00",
           "booking bk_0123456789abcdef hold hl_3k9x0000000000zz",
           "bk_1234567890123456",
           "confirmation AC3DE7 / 347699",
           "call CA1234567890abcdef1234567890abcdef",
           "uuid 123e4567-e89b-12d3-a456-426614174000",
           "1,234,567 bytes; v1.2.3; 10.0.0.1 and 192.168.100.200",
           "took 1234 ms, 12 slots, 3 staff, p99=58.2",
           "services[2].duration_min: must be > 0",
           "slot_unavailable: 2026-03-09T10:00:00-04:00 is taken",
           "Dr. Lee is free at 10:00 and 10:15 on Monday",
           "see https://voxdesk.example.com/docs/config.html#hours for details",
           "retry in 250ms (attempt 3/5)",
           "order #12345",
           "latitude 40.712776, longitude -74.005974",
           "$1,299.00",
           "",
       }) {
    CAPTURE(text);
    CHECK(ScrubText(text) == text);
  }
}

TEST_CASE("Non-ASCII text survives byte for byte") {
  const std::string text = "Cita para José el miércoles — 🙂 ok";
  CHECK(ScrubText(text) == text);
  const std::string binary("\xff\x00\x01 abc \x80", 9);
  CHECK(ScrubText(binary) == binary);
}

TEST_CASE("Scrubbing stays linear on adversarial input") {
  // Each shape re-triggers a partial match at every position; a scanner that
  // rescans from each start is quadratic here.
  const std::string shapes[] = {
      std::string(200000, 'a'),
      [] {
        std::string s;
        while (s.size() < 200000) s += "a.";
        return s;
      }(),
      [] {
        std::string s;
        while (s.size() < 200000) s += "a+b-";
        return s;
      }() +
          "@x",
      [] {
        std::string s;
        while (s.size() < 200000) s += "ab+";
        return s;
      }() +
          "://",
      [] {
        std::string s = "born ";
        while (s.size() < 200000) s += "1 ";
        return s;
      }(),
      std::string(200000, '1'),
      std::string(200000, '"'),
      "https://h.example.com/?" + std::string(200000, '&'),
  };
  for (const std::string& s : shapes) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::string out = ScrubText(s);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    CAPTURE(s.substr(0, 12));
    CHECK(ms < 1000);
    CHECK(!out.empty());
  }
}
