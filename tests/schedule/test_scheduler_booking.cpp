// The Scheduler end to end over a real (in-memory) SQLite store: static rules
// checked before the store, holds, replays, and reschedule preferences.
#include "schedule/scheduler.h"
#include "schedule_fixtures.h"
#include "test_sqlite_store_fixture.h"

using namespace voxdesk;
using namespace voxdesk::testing;
using std::chrono::minutes;

namespace {

nlohmann::json TwoDoctors() {
  nlohmann::json day = H({{"09:00", "12:00"}});
  return {{"id", "sched"},
          {"name", "Sched Clinic"},
          {"timezone", "America/New_York"},
          {"hours", Week(day)},
          {"booking", {{"min_notice_min", 60}, {"horizon_days", 30}, {"slot_step_min", 30}}},
          {"services",
           {{{"id", "visit"}, {"name", "Visit"}, {"duration_min", 60}, {"buffer_after_min", 15}}}},
          {"staff", {{{"id", "kim"}, {"name", "Dr. Kim"}}, {{"id", "lee"}, {"name", "Dr. Lee"}}}},
          {"bookings",
           {{{"id", "cfg1"},
             {"service", "visit"},
             {"staff", "lee"},
             {"start", "2026-03-10T09:00:00-04:00"},
             {"customer", {{"name", "Ana Ruiz"}, {"phone", "+15550142"}}}}}}};
}

struct World {
  Business biz = MustLoad(TwoDoctors());
  std::unique_ptr<Store> store = std::move(OpenSqliteStore(":memory:").value());
  VirtualClock clock{TimePoint{At("2026-03-05T09:00:00-05:00")}};
  IdGenerator ids{99};
  Scheduler s{biz, *store, clock, ids};
  World() { REQUIRE(s.Open().ok()); }

  BookingInput Input(const std::string& start, const std::string& staff = "") {
    return BookingInput{"visit", staff, At(start), Customer{"Bo Li", "+15550143", ""}, "", ""};
  }
};

}  // namespace

TEST_CASE("configuration bookings are imported and block their staff member") {
  World w;
  auto cfg = w.s.Get("cfg1");
  REQUIRE(cfg.ok());
  CHECK(cfg->source == "config");
  auto r = w.s.Book(w.Input("2026-03-10T09:00:00-04:00", "lee"));
  CHECK(r.status().code() == Code::kSlotUnavailable);
  // Any staff: Dr. Kim is free.
  auto any = w.s.Book(w.Input("2026-03-10T09:00:00-04:00"));
  REQUIRE(any.ok());
  CHECK(any->booking.staff == "kim");
}

TEST_CASE("static rules reject before the store: grid, hours, notice, horizon") {
  World w;
  CHECK(w.s.Book(w.Input("2026-03-10T09:15:00-04:00")).status().code() == Code::kSlotUnavailable);
  CHECK(w.s.Book(w.Input("2026-03-10T11:30:00-04:00")).status().code() == Code::kSlotUnavailable);
  CHECK(w.s.Book(w.Input("2026-03-05T09:30:00-05:00")).status().code() == Code::kSlotUnavailable);
  CHECK(w.s.Book(w.Input("2026-04-06T09:00:00-04:00")).status().code() == Code::kSlotUnavailable);
  auto msg = w.s.Book(w.Input("2026-03-05T09:30:00-05:00")).status().message();
  CHECK(msg.find("notice") != std::string::npos);
}

TEST_CASE("a hold blocks others until it expires, and its owner can book through it") {
  World w;
  auto h = w.s.Hold({"visit", "kim", At("2026-03-11T09:00:00-04:00"), std::chrono::seconds{120}});
  REQUIRE(h.ok());
  // Someone else cannot take Dr. Kim at 09:00 while the hold lives...
  CHECK(w.s.Book(w.Input("2026-03-11T09:00:00-04:00", "kim")).status().code() ==
        Code::kSlotUnavailable);
  // ...and the slot is not listed.
  auto slots = w.s.Slots(
      {"visit", "kim", At("2026-03-11T00:00:00-04:00"), At("2026-03-12T00:00:00-04:00"), 0});
  REQUIRE(slots.ok());
  CHECK(Starts(w.biz, *slots).front() == "2026-03-11T10:30:00-04:00");
  // The holder books through the hold.
  auto in = w.Input("2026-03-11T09:00:00-04:00", "kim");
  in.hold_id = h->id;
  auto mine = w.s.Book(in);
  REQUIRE(mine.ok());
  CHECK(mine->booking.staff == "kim");

  // A second hold expires: once the clock passes it, the slot is offered again.
  auto h2 = w.s.Hold({"visit", "lee", At("2026-03-12T09:00:00-04:00"), std::chrono::seconds{60}});
  REQUIRE(h2.ok());
  auto before = w.s.Slots(
      {"visit", "lee", At("2026-03-12T09:00:00-04:00"), At("2026-03-12T09:01:00-04:00"), 0});
  CHECK(before->empty());
  w.clock.Advance(std::chrono::seconds{61});
  auto after = w.s.Slots(
      {"visit", "lee", At("2026-03-12T09:00:00-04:00"), At("2026-03-12T09:01:00-04:00"), 0});
  CHECK(after->size() == 1);
}

TEST_CASE("an idempotent replay succeeds even after the slot has passed") {
  World w;
  auto in = w.Input("2026-03-10T10:30:00-04:00", "lee");
  in.idempotency_key = "call-17";
  auto first = w.s.Book(in);
  REQUIRE(first.ok());
  w.clock.Set(TimePoint{At("2026-03-20T09:00:00-04:00")});
  auto again = w.s.Book(in);
  REQUIRE(again.ok());
  CHECK(again->replayed);
  CHECK(again->booking.id == first->booking.id);
  in.start = At("2026-03-23T10:30:00-04:00");
  CHECK(w.s.Book(in).status().code() == Code::kConflict);
}

TEST_CASE("reschedule keeps a requested staff member, and may move an any-staff booking") {
  World w;
  auto asked = w.s.Book(w.Input("2026-03-11T09:00:00-04:00", "lee"));
  REQUIRE(asked.ok());
  auto anyone = w.s.Book(w.Input("2026-03-11T09:00:00-04:00"));
  REQUIRE(anyone.ok());
  CHECK(anyone->booking.staff == "kim");
  // Block Dr. Kim at 10:30 on the 12th, and Dr. Lee at 09:00.
  REQUIRE(w.s.Book(w.Input("2026-03-12T10:30:00-04:00", "kim")).ok());
  REQUIRE(w.s.Book(w.Input("2026-03-12T09:00:00-04:00", "lee")).ok());
  // The any-staff booking moves to Dr. Lee when Dr. Kim is busy.
  auto moved = w.s.Reschedule({anyone->booking.id, At("2026-03-12T10:30:00-04:00"), "", ""});
  REQUIRE(moved.ok());
  CHECK(moved->staff == "lee");
  CHECK(moved->sequence == 1);
  // The booking that asked for Dr. Lee does not silently move to Dr. Kim.
  auto stuck = w.s.Reschedule({asked->booking.id, At("2026-03-12T09:00:00-04:00"), "", ""});
  CHECK(stuck.status().code() == Code::kSlotUnavailable);
  CHECK(w.s.Get(asked->booking.id)->start == At("2026-03-11T09:00:00-04:00"));
}

TEST_CASE("customer details are validated before anything is written") {
  World w;
  auto in = w.Input("2026-03-11T09:00:00-04:00");
  in.customer.phone = "5550143";
  CHECK(w.s.Book(in).status().code() == Code::kInvalidArgument);
  in.customer.phone = "+15550143";
  in.customer.name = " ";
  CHECK(w.s.Book(in).status().code() == Code::kInvalidArgument);
  in.customer.name = "Bo Li";
  CHECK(w.s.Book(in).ok());
}

TEST_CASE("slots see bookings another process wrote to the same database") {
  TempDir dir;
  const std::string db = dir.File("shared.db");
  Business biz = MustLoad(TwoDoctors());
  VirtualClock clock{TimePoint{At("2026-03-05T09:00:00-05:00")}};
  IdGenerator ids_a{1}, ids_b{2};
  auto store_a = std::move(OpenSqliteStore(db).value());
  auto store_b = std::move(OpenSqliteStore(db).value());
  Scheduler a{biz, *store_a, clock, ids_a}, b{biz, *store_b, clock, ids_b};
  REQUIRE(a.Open().ok());
  REQUIRE(b.Open().ok());
  const SlotQuery q{"visit", "kim", At("2026-03-11T09:00:00-04:00"),
                    At("2026-03-11T09:01:00-04:00"), 0};
  REQUIRE(a.Slots(q)->size() == 1);
  REQUIRE(
      b.Book({"visit", "kim", At("2026-03-11T09:00:00-04:00"), {"Bo Li", "+15550143", ""}, "", ""})
          .ok());
  CHECK(a.Slots(q)->empty());
}

TEST_CASE("a reschedule with an idempotency key still obeys working hours, and replays once done") {
  World w;
  auto b = w.s.Book(w.Input("2026-03-11T09:00:00-04:00", "kim"));
  REQUIRE(b.ok());
  // 13:00 is after closing: refused even though nothing else is booked then.
  auto late = w.s.Reschedule({b->booking.id, At("2026-03-11T13:00:00-04:00"), "", "move-1"});
  CHECK(late.status().code() == Code::kSlotUnavailable);
  auto moved = w.s.Reschedule({b->booking.id, At("2026-03-12T10:00:00-04:00"), "", "move-2"});
  REQUIRE(moved.ok());
  // The same request after the time has passed answers with the moved booking.
  w.clock.Set(TimePoint{At("2026-03-12T10:30:00-04:00")});
  auto again = w.s.Reschedule({b->booking.id, At("2026-03-12T10:00:00-04:00"), "", "move-2"});
  REQUIRE(again.ok());
  CHECK(again->start == moved->start);
  CHECK(again->sequence == moved->sequence);
}

TEST_CASE("releasing or booking a hold updates availability in place, and agrees with a fresh reload") {
  World w;
  const auto kim_free = [&](World& x, const char* start) {
    SlotQuery q{"visit", "kim", At(start), At(start) + minutes{1}, 0};
    auto slots = x.s.Slots(q);
    REQUIRE(slots.ok());
    return !slots->empty();
  };
  // Two overlapping holds on Dr. Kim; releasing one keeps the other's block.
  auto h1 = w.s.Hold({"visit", "kim", At("2026-03-10T09:00:00-04:00"), std::chrono::seconds{600}});
  REQUIRE(h1.ok());
  auto h2 = w.s.Hold({"visit", "kim", At("2026-03-10T10:30:00-04:00"), std::chrono::seconds{600}});
  REQUIRE(h2.ok());
  CHECK_FALSE(kim_free(w, "2026-03-10T09:00:00-04:00"));
  CHECK_FALSE(kim_free(w, "2026-03-10T10:00:00-04:00"));  // ends in h1's buffer... and into h2
  REQUIRE(w.s.ReleaseHold(h1->id).ok());
  CHECK(kim_free(w, "2026-03-10T09:00:00-04:00"));
  CHECK_FALSE(kim_free(w, "2026-03-10T10:30:00-04:00"));
  // Booking through the remaining hold turns it into the booking.
  auto in = w.Input("2026-03-10T10:30:00-04:00", "kim");
  in.hold_id = h2->id;
  auto b = w.s.Book(in);
  REQUIRE(b.ok());
  CHECK_FALSE(kim_free(w, "2026-03-10T10:30:00-04:00"));
  CHECK(b->booking.staff == "kim");
  // A second scheduler on the same store, loading from scratch, sees the same.
  Scheduler fresh{w.biz, *w.store, w.clock, w.ids};
  REQUIRE(fresh.Open().ok());
  for (const char* t : {"2026-03-10T09:00:00-04:00", "2026-03-10T09:30:00-04:00", "2026-03-10T10:30:00-04:00",
                        "2026-03-10T11:00:00-04:00"}) {
    CAPTURE(t);
    SlotQuery q{"visit", "kim", At(t), At(t) + minutes{1}, 0};
    CHECK(w.s.Slots(q)->size() == fresh.Slots(q)->size());
  }
}
