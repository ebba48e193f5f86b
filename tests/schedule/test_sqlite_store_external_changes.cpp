// ExternalChanges() tells a cache when somebody else wrote: it moves when
// another connection commits and stays put for the connection's own writes.
#include <doctest/doctest.h>

#include "test_sqlite_store_fixture.h"

using namespace voxdesk;
using namespace voxdesk::testing;

TEST_CASE("ExternalChanges moves for another connection's commit, not for its own") {
  TempDir dir;
  const std::string path = dir.File("shared.db");
  auto mine = OpenStore(path);
  auto theirs = OpenStore(path);
  const Instant now = At("2026-03-01T12:00:00Z");
  IdGenerator ids(111);

  auto before = mine->ExternalChanges();
  REQUIRE(before.ok());
  REQUIRE(
      mine->Book(Booking({"lee"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z")), now, ids)
          .ok());
  auto after_own = mine->ExternalChanges();
  REQUIRE(after_own.ok());
  CHECK(*after_own == *before);

  REQUIRE(
      theirs
          ->Book(Booking({"kim"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z")), now, ids)
          .ok());
  auto after_theirs = mine->ExternalChanges();
  REQUIRE(after_theirs.ok());
  CHECK(*after_theirs != *after_own);
}
