#include <doctest/doctest.h>

#include "core/time.h"

using namespace voxdesk;

TEST_CASE("RFC 3339 round trip keeps the instant and uses the zone's offset") {
  auto t = ParseRfc3339("2026-03-09T10:00:00-04:00");
  REQUIRE(t.ok());
  auto ny = FindZone("America/New_York");
  REQUIRE(ny.ok());
  CHECK(FormatRfc3339(*t, **ny) == "2026-03-09T10:00:00-04:00");
  CHECK(FormatRfc3339Utc(*t) == "2026-03-09T14:00:00Z");
}
