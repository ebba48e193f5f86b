// The caller's date of birth (schema version 3) is stored with the booking,
// survives reopening, and a customer with a malformed one is rejected.
#include <doctest/doctest.h>

#include "test_sqlite_store_fixture.h"

using namespace voxdesk;
using namespace voxdesk::testing;

TEST_CASE("a booking keeps the caller's date of birth across reopening the database") {
  TempDir dir;
  const std::string path = dir.File("dob.db");
  const Instant now = At("2026-03-01T12:00:00Z");
  IdGenerator ids(7);
  std::string id;
  {
    auto store = OpenStore(path);
    BookRequest req = Booking({"lee"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z"));
    req.customer.date_of_birth = "1985-03-03";
    auto b = store->Book(req, now, ids);
    REQUIRE(b.ok());
    CHECK(b->booking.customer.date_of_birth == "1985-03-03");
    id = b->booking.id;
  }
  auto store = OpenStore(path);
  auto got = store->GetBooking(kBiz, id);
  REQUIRE(got.ok());
  CHECK(got->customer.date_of_birth == "1985-03-03");
  auto live = store->LiveBookings(kBiz);
  REQUIRE(live.ok());
  REQUIRE(live->size() == 1);
  CHECK(live->front().customer.date_of_birth == "1985-03-03");
}

TEST_CASE("a customer's date of birth must be a real date") {
  Customer c{"Ana Ruiz", "+15550142277", "", "1985-02-30"};
  CHECK(ValidateCustomer(c).code() == Code::kInvalidArgument);
  c.date_of_birth = "1985-02-28";
  CHECK(ValidateCustomer(c).ok());
  c.date_of_birth = "";
  CHECK(ValidateCustomer(c).ok());
}
