// The booking dialog end to end on the dental practice example, in virtual
// time: what it asks, what it holds, and that nothing is written without a
// read-back and an explicit yes.
#include "dialog_fixture.h"

using namespace voxdesk;
using namespace voxdesk::dialog;
using voxdesk::testing::DialogWorld;

namespace {
// Monday 2026-10-05, 09:00 in New York: the practice is open.
constexpr const char* kNow = "2026-10-05T09:00:00-04:00";

int LiveHolds(DialogWorld& w) {
  auto h = w.store->LiveHolds(w.config.business.id, w.clock.NowSeconds());
  REQUIRE(h.ok());
  return static_cast<int>(h->size());
}
int LiveBookings(DialogWorld& w) {
  auto b = w.store->LiveBookings(w.config.business.id);
  REQUIRE(b.ok());
  return static_cast<int>(b->size());
}
}  // namespace

TEST_CASE("a booking needs the read-back and an explicit yes before anything is written") {
  DialogWorld w("medical-practice.json", kNow);
  const int before = LiveBookings(w);
  auto c = w.Call("t1", "+15550001111");
  c->Start();
  AgentReply r =
      c->OnCallerTurn("hi this is ana ruiz born march 3rd 1985 i need a cleaning tuesday at 10");
  CHECK(r.text.find("Shall I book it?") != std::string::npos);
  CHECK(r.text.find("Tuesday, October 6th at 10 AM") != std::string::npos);
  CHECK(LiveBookings(w) == before);  // nothing written yet
  CHECK(LiveHolds(w) == 1);          // but the time is held
  r = c->OnCallerTurn("yes please");
  CHECK(r.text.find("confirmation code") != std::string::npos);
  CHECK(LiveBookings(w) == before + 1);
  CHECK(LiveHolds(w) == 0);  // the hold became the booking
  REQUIRE(c->record().booking);
  CHECK(c->record().booking->service == "cleaning");
  CHECK(c->record().booking->start == w.At("2026-10-06T10:00:00-04:00"));
  CHECK(c->record().booking->customer.name == "Ana Ruiz");
  CHECK(c->record().booking->customer.date_of_birth == "1985-03-03");
  CHECK(c->record().booking->customer.phone == "+15550001111");
  CHECK(c->record().outcome == Outcome::kBooked);
}

TEST_CASE("a no at the read-back writes nothing and a new time is read back again") {
  DialogWorld w("medical-practice.json", kNow);
  const int before = LiveBookings(w);
  auto c = w.Call("t2", "+15550001112");
  c->Start();
  c->OnCallerTurn("this is bo li born june 1st 1990 i'd like a cleaning on tuesday at 10");
  AgentReply r = c->OnCallerTurn("no actually make it thursday at 2");
  CHECK(LiveBookings(w) == before);
  CHECK(r.text.find("Thursday, October 8th at 2 PM") != std::string::npos);
  CHECK(r.text.find("Shall I book it?") != std::string::npos);
  CHECK(LiveHolds(w) == 1);  // the Tuesday hold was released, Thursday is held
  c->OnCallerTurn("yes");
  REQUIRE(c->record().booking);
  CHECK(c->record().booking->start == w.At("2026-10-08T14:00:00-04:00"));
}

TEST_CASE("an unrelated answer to the read-back is not a yes") {
  DialogWorld w("medical-practice.json", kNow);
  const int before = LiveBookings(w);
  auto c = w.Call("t3", "+15550001113");
  c->Start();
  c->OnCallerTurn("i'm carla diaz born february 2nd 1980 cleaning tuesday at 11");
  AgentReply r = c->OnCallerTurn("hmm what");
  CHECK(LiveBookings(w) == before);
  CHECK(r.text.find("Shall I book it?") != std::string::npos);  // asks again
  c->OnCallerTurn("");                                          // silence is not a yes either
  CHECK(LiveBookings(w) == before);
  c->OnCallerTurn("yes that's right");
  CHECK(LiveBookings(w) == before + 1);
}

TEST_CASE("a taken time gets up to three held alternatives and the pick is booked") {
  DialogWorld w("medical-practice.json", kNow);
  // Fill Tuesday 10:00 for both cleaning dentists.
  for (const char* who : {"+15550002001", "+15550002002"}) {
    auto c = w.Call(std::string("fill") + who, who);
    c->Start();
    c->OnCallerTurn("my name is pat kay born january 1st 1970 cleaning tuesday at 10");
    c->OnCallerTurn("yes");
    REQUIRE(c->record().booking);
  }
  auto c = w.Call("t4", "+15550002003");
  c->Start();
  AgentReply r =
      c->OnCallerTurn("this is dana white born april 4th 1975 can i get a cleaning tuesday at 10");
  CHECK(r.text.find("is not available") != std::string::npos);
  const int held = LiveHolds(w);
  CHECK(held >= 2);
  CHECK(held <= 3);
  r = c->OnCallerTurn("the first one");
  CHECK(r.text.find("Shall I book it?") != std::string::npos);
  CHECK(LiveHolds(w) == 1);  // the others were released
  c->OnCallerTurn("yes");
  REQUIRE(c->record().booking);
  CHECK(c->record().booking->start != w.At("2026-10-06T10:00:00-04:00"));
  CHECK(LiveHolds(w) == 0);
}

TEST_CASE("hanging up before the yes releases the holds and books nothing") {
  DialogWorld w("medical-practice.json", kNow);
  const int before = LiveBookings(w);
  {
    auto c = w.Call("t5", "+15550003001");
    c->Start();
    c->OnCallerTurn("hi i'm eve adams born may 5th 1985 i want a cleaning wednesday at 1");
    CHECK(LiveHolds(w) == 1);
    c->Finish();
    CHECK(c->record().outcome == Outcome::kHungUp);
    CHECK_FALSE(c->record().booking);
  }
  CHECK(LiveHolds(w) == 0);
  CHECK(LiveBookings(w) == before);
}

TEST_CASE("a misheard date of birth with a relative day is asked again, not taken as a new time") {
  DialogWorld w("medical-practice.json", kNow);
  auto c = w.Call("t6b", "+15550004002");
  c->Start();
  c->OnCallerTurn("i need a check-up friday at 9");
  AgentReply r = c->OnCallerTurn("it's frank ocean");
  CHECK(r.text.find("date of birth") != std::string::npos);
  // "march third..." as a noisy line may render it: the year says it is a
  // birth date, so the appointment stays on Friday at 9.
  r = c->OnCallerTurn("tomorrow third nineteen eighty five");
  CHECK(r.text.find("not available") == std::string::npos);
  CHECK(r.text.find("Tuesday") == std::string::npos);
  CHECK(r.text.find("date of birth") != std::string::npos);
  r = c->OnCallerTurn("march third nineteen eighty five");
  CHECK(r.text.find("Shall I book it?") != std::string::npos);
  CHECK(r.text.find("Friday, October 9th at 9 AM") != std::string::npos);
}

TEST_CASE("facts come in any order and several at once") {
  DialogWorld w("medical-practice.json", kNow);
  auto c = w.Call("t6", "+15550004001");
  c->Start();
  AgentReply r = c->OnCallerTurn("i need an appointment");
  CHECK(r.text.find("What would you like to come in for?") != std::string::npos);
  r = c->OnCallerTurn("friday at 9 for a check-up");
  CHECK(r.text.find("full name") != std::string::npos);
  r = c->OnCallerTurn("it's frank ocean");
  CHECK(r.text.find("date of birth") != std::string::npos);
  r = c->OnCallerTurn("july 4th 1988");
  CHECK(r.text.find("Shall I book it?") != std::string::npos);
  CHECK(r.text.find("Frank Ocean") != std::string::npos);
  c->OnCallerTurn("yep");
  REQUIRE(c->record().booking);
  CHECK(c->record().booking->service == "exam");
  CHECK(c->record().booking->start == w.At("2026-10-09T09:00:00-04:00"));
}

TEST_CASE("a reschedule finds the caller's booking by caller ID and moves it after a yes") {
  DialogWorld w("medical-practice.json", kNow);
  std::string id;
  {
    auto c = w.Call("r0", "+15550005001");
    c->Start();
    c->OnCallerTurn("this is gina park born march 3rd 1983 cleaning tuesday at 9");
    c->OnCallerTurn("yes");
    REQUIRE(c->record().booking);
    id = c->record().booking->id;
  }
  auto c = w.Call("r1", "+15550005001");
  c->Start();
  AgentReply r = c->OnCallerTurn("i need to reschedule my appointment");
  CHECK(r.text.find("I see your Teeth cleaning") != std::string::npos);
  r = c->OnCallerTurn("thursday at 3 instead");
  CHECK(r.text.find("To confirm: move your") != std::string::npos);
  auto before = w.scheduler->Get(id);
  REQUIRE(before.ok());
  CHECK(before->start == w.At("2026-10-06T09:00:00-04:00"));
  c->OnCallerTurn("yes");
  auto after = w.scheduler->Get(id);
  REQUIRE(after.ok());
  CHECK(after->start == w.At("2026-10-08T15:00:00-04:00"));
  CHECK(c->record().outcome == Outcome::kRescheduled);
}

TEST_CASE("a cancellation by name and date of birth when caller ID does not match") {
  DialogWorld w("medical-practice.json", kNow);
  std::string id;
  {
    auto c = w.Call("x0", "+15550006001");
    c->Start();
    c->OnCallerTurn("it's hal jordan born august 8th 1980 a cleaning wednesday at 2");
    c->OnCallerTurn("yes");
    REQUIRE(c->record().booking);
    id = c->record().booking->id;
  }
  auto c = w.Call("x1", "+15550006999");
  c->Start();
  AgentReply r = c->OnCallerTurn("i need to cancel my appointment");
  CHECK(r.text.find("full name and date of birth") != std::string::npos);
  r = c->OnCallerTurn("hal jordan august 8th 1980");
  CHECK(r.text.find("Do you want me to cancel it?") != std::string::npos);
  CHECK(w.scheduler->Get(id)->status == BookingStatus::kConfirmed);
  c->OnCallerTurn("yes cancel it");
  CHECK(w.scheduler->Get(id)->status == BookingStatus::kCancelled);
  CHECK(c->record().outcome == Outcome::kCancelled);
}

TEST_CASE("changing the service while choosing lets go of the times held for the old one") {
  DialogWorld w("medical-practice.json", kNow);
  auto c = w.Call("t9", "+15550004009");
  c->Start();
  c->OnCallerTurn("i'd like a cleaning on tuesday morning");
  const int held = LiveHolds(w);
  CHECK(held >= 2);
  c->OnCallerTurn("actually make that a checkup instead not a cleaning");
  // Only the check-up's own offers are held now, never more than offered.
  CHECK(LiveHolds(w) <= 3);
  auto holds = w.store->LiveHolds(w.config.business.id, w.clock.NowSeconds());
  REQUIRE(holds.ok());
  for (const auto& h : *holds) CHECK(h.service == "exam");
}

TEST_CASE("a yes to a read-back the caller cut off reads it again and writes nothing yet") {
  DialogWorld w("medical-practice.json", kNow);
  const int before = LiveBookings(w);
  auto c = w.Call("t-int", "+15550001119");
  c->Start();
  AgentReply r =
      c->OnCallerTurn("hi this is ana ruiz born march 3rd 1985 i need a cleaning tuesday at 10");
  REQUIRE(r.text.find("Shall I book it?") != std::string::npos);
  CHECK(c->expecting() == Expect::kYesNo);
  // Playout stopped before the time was spoken.
  const std::string heard = r.text.substr(0, r.text.find("Tuesday"));
  c->OnInterrupted(heard);
  const auto& agent_line = c->record().transcript.back();
  CHECK(agent_line.interrupted);
  CHECK(agent_line.text == heard);
  r = c->OnCallerTurn("yes");
  CHECK(LiveBookings(w) == before);  // the yes did not answer a whole read-back
  CHECK(r.text.find("Tuesday, October 6th at 10 AM") != std::string::npos);
  CHECK(r.text.find("Shall I book it?") != std::string::npos);
  r = c->OnCallerTurn("yes");  // now it answers the read-back heard in full
  CHECK(LiveBookings(w) == before + 1);
  CHECK(c->record().outcome == Outcome::kBooked);
}

TEST_CASE("an interruption after the whole reply was heard changes nothing") {
  DialogWorld w("medical-practice.json", kNow);
  auto c = w.Call("t-int2", "+15550001120");
  c->Start();
  AgentReply r =
      c->OnCallerTurn("hi this is ana ruiz born march 3rd 1985 i need a cleaning tuesday at 10");
  c->OnInterrupted(r.text);
  CHECK_FALSE(c->record().transcript.back().interrupted);
  c->OnCallerTurn("yes");
  CHECK(c->record().outcome == Outcome::kBooked);
}

TEST_CASE("the offered times are exposed while the caller chooses") {
  DialogWorld w("medical-practice.json", kNow);
  auto c = w.Call("t-off", "+15550001121");
  c->Start();
  CHECK(c->OfferedTimes().empty());
  c->OnCallerTurn("this is bo li born june 1st 1990 i'd like a cleaning on tuesday");
  if (c->expecting() == Expect::kChoice) {
    const auto offered = c->OfferedTimes();
    REQUIRE_FALSE(offered.empty());
    CHECK(offered.size() <= 3);
    CHECK(offered[0].find("Tuesday") != std::string::npos);
  } else {
    FAIL("expected a choice of times, got expect=" << static_cast<int>(c->expecting()));
  }
}

TEST_CASE("keypad: 1 confirms a read-back, 0 asks for a person, the transcript shows the keys") {
  DialogWorld w("medical-practice.json", kNow);
  const int before = LiveBookings(w);
  auto c = w.Call("t-keys", "+15550001122");
  c->Start();
  c->OnCallerTurn("hi this is ana ruiz born march 3rd 1985 i need a cleaning tuesday at 10");
  c->OnKeypad("1");
  CHECK(LiveBookings(w) == before + 1);
  bool shown = false;
  for (const auto& l : c->record().transcript)
    shown |= l.speaker == "caller" && l.text == "[keypad 1]";
  CHECK(shown);

  auto d = w.Call("t-keys0", "+15550001123");
  d->Start();
  AgentReply r = d->OnKeypad("0");
  CHECK(r.transfer_to == w.config.business.transfer_number);  // open: straight to a person
  CHECK_FALSE(r.transfer_to.empty());
  CHECK(d->record().escalation_reason == "caller_request");
}

TEST_CASE("keypad: N picks offered option N, 2 at a read-back is a no") {
  DialogWorld w("medical-practice.json", kNow);
  const int before = LiveBookings(w);
  auto c = w.Call("t-keys2", "+15550001124");
  c->Start();
  c->OnCallerTurn("this is bo li born june 1st 1990 i'd like a cleaning on tuesday");
  REQUIRE(c->expecting() == Expect::kChoice);
  const auto offered = c->OfferedTimes();
  REQUIRE(offered.size() >= 2);
  AgentReply r = c->OnKeypad("2");
  CHECK(r.text.find(offered[1]) != std::string::npos);  // option 2 is read back
  CHECK(c->expecting() == Expect::kYesNo);
  c->OnKeypad("2");
  CHECK(LiveBookings(w) == before);
}

TEST_CASE(
    "a weekday followed by a long run of digits is not a day of the month and does not overflow") {
  DialogWorld w("medical-practice.json", kNow);
  auto c = w.Call("t-digits", "+15550001125");
  c->Start();
  AgentReply r =
      c->OnCallerTurn("this is ana ruiz i need a cleaning tuesday 2222222222222222at 15");
  CHECK_FALSE(r.text.empty());
  r = c->OnCallerTurn("tuesday 222 please");
  CHECK_FALSE(r.text.empty());
}

TEST_CASE("i'm good or thanks as a caller's first words does not end the call, a farewell does") {
  DialogWorld w("medical-practice.json", kNow);
  for (const char* first : {"i'm good", "thanks", "i'm good thank you"}) {
    CAPTURE(first);
    auto c = w.Call(std::string("g-") + first, "+15550004003");
    c->Start();
    AgentReply r = c->OnCallerTurn(first);
    CHECK_FALSE(r.end_call);
    r = c->OnCallerTurn("i need a check-up friday at 9");
    CHECK(r.text.find("full name") != std::string::npos);
  }
  for (const char* first : {"bye", "oh sorry wrong number goodbye"}) {
    CAPTURE(first);
    auto c = w.Call(std::string("b-") + first, "+15550004004");
    c->Start();
    CHECK(c->OnCallerTurn(first).end_call);
  }
  // Later in the call the same words do end it, after "anything else?".
  auto c = w.Call("g-late", "+15550004005");
  c->Start();
  c->OnCallerTurn("what are your hours");
  CHECK(c->OnCallerTurn("i'm good thanks").end_call);
}
