// Interruptions: the caller talks over the agent. Playout must stop on the
// very tick the barge-in is decided, the dialog must learn what was heard,
// and short back-channels must not interrupt at all.
#include <cmath>
#include <map>

#include "session_fixture.h"

using namespace voxdesk;
using namespace voxdesk::session;
using voxdesk::testing::SessionWorld;

namespace {
constexpr const char* kNow = "2026-10-05T09:00:00-04:00";

// Runs the call and keeps, per tick (call time in ms), whether the agent's
// frame carried sound.
std::map<int64_t, bool> RunAndListen(SessionWorld& w, SessionWorld::Call& c) {
  std::map<int64_t, bool> loud;
  media::AudioFrame in, out;
  for (int i = 0; i < 50 * 600; ++i) {
    if (c.caller->hung_up()) c.session->OnHangup();
    const bool have = c.caller->Read(in);
    const bool live = c.session->Tick(have ? &in : nullptr, out);
    c.caller->Write(out);
    double sum = 0;
    for (size_t k = 0; k < out.count; ++k) sum += std::abs(out.samples[k]);
    loud[out.pts_us / 1000] = sum > 0;
    w.clock.Advance(std::chrono::milliseconds(20));
    if (!live) return loud;
  }
  FAIL("call did not end");
  return loud;
}
}  // namespace

TEST_CASE(
    "barge-in: the caller interrupts the offered times, playout stops on that tick, and the pick "
    "still books") {
  SessionWorld w("medical-practice.json", kNow);
  SessionConfig cfg;
  cfg.barge_in_ms = 400;
  auto call = w.Start("b1", "+15550002001",
                      {{"this is bo li born june 1st 1990 i'd like a cleaning on tuesday", "", -1},
                       {"the second one", "", 1200},  // while the options are still being read
                       {"yes", "", -1},
                       {"no thank you bye", "", -1}},
                      cfg);
  const auto loud = RunAndListen(w, call);
  const auto events = w.Drain();
  const Event* barge = nullptr;
  for (const auto& e : events)
    if (e.type == EventType::kBargeIn) barge = &e;
  REQUIRE(barge != nullptr);
  // The decision comes barge_in_ms after the caller started (VAD start is
  // frame-accurate), and the agent's frame on that very tick is silence.
  const auto& said = call.caller->said();
  REQUIRE(said.size() >= 2);
  CHECK(said[1].interrupted_agent);
  // The tick of the frame that completes barge_in_ms of speech.
  CHECK(barge->t_ms - said[1].start_ms >= cfg.barge_in_ms - media::kFrameMs);
  CHECK(barge->t_ms - said[1].start_ms <= cfg.barge_in_ms + 100);
  REQUIRE(loud.count(barge->t_ms - 20));
  CHECK(loud.at(barge->t_ms - 20));   // the agent was talking one frame before
  CHECK_FALSE(loud.at(barge->t_ms));  // and is silent from the barge-in tick on
  CHECK_FALSE(loud.at(barge->t_ms + 20));

  // What was heard is recorded: the interrupted line is a strict prefix of
  // what the agent meant to say, made of whole sentences.
  const auto& rec = call.session->record();
  const dialog::TranscriptLine* cut = nullptr;
  for (const auto& l : rec.transcript)
    if (l.interrupted) cut = &l;
  REQUIRE(cut != nullptr);
  CHECK(barge->text == cut->text);
  CHECK(call.session->turns()[0].interrupted);

  // The dialog went on with its context: option two was read back and booked.
  REQUIRE(rec.booking);
  CHECK(rec.outcome == dialog::Outcome::kBooked);
}

TEST_CASE(
    "barge-in: a short back-channel under the agent's voice neither interrupts nor becomes a "
    "turn") {
  SessionWorld w("medical-practice.json", kNow);
  auto call = w.Start("b2", "+15550002002",
                      {{"this is bo li born june 1st 1990 i'd like a cleaning on tuesday", "", -1},
                       {"uh huh", "", 800},  // 5 letters of fake speech: about 0.3 s
                       {"the first one", "", -1},
                       {"yes", "", -1},
                       {"no thank you bye", "", -1}},
                      {});
  RunAndListen(w, call);
  for (const auto& e : w.Drain()) CHECK(e.type != EventType::kBargeIn);
  std::vector<std::string> turns;
  for (const auto& l : call.session->record().transcript) {
    CHECK_FALSE(l.interrupted);
    if (l.speaker == "caller") turns.push_back(l.text);
  }
  REQUIRE(turns.size() == 4);
  CHECK(turns[1] == "the first one");
  CHECK(call.session->record().outcome == dialog::Outcome::kBooked);
}

TEST_CASE(
    "barge-in on the read-back: a yes to a cut-off read-back writes nothing until it is heard "
    "whole") {
  SessionWorld w("medical-practice.json", kNow);
  auto call =
      w.Start("b3", "+15550002003",
              {{"this is ana ruiz born march 3rd 1985 i need a cleaning tuesday at 10", "", -1},
               {"yes that's right go ahead", "", 600},  // talks over the read-back
               {"yes", "", -1},                         // after hearing it again in full
               {"no thank you bye", "", -1}},
              {});
  RunAndListen(w, call);
  const auto& rec = call.session->record();
  int readbacks = 0;
  for (const auto& l : rec.transcript)
    if (l.speaker == "agent" && l.text.find("Shall I book it?") != std::string::npos) ++readbacks;
  CHECK(readbacks == 1);  // the second, full read-back (the first was cut before its question)
  bool cut = false;
  for (const auto& l : rec.transcript) cut |= l.interrupted;
  CHECK(cut);
  REQUIRE(rec.booking);
  CHECK(rec.outcome == dialog::Outcome::kBooked);
  // The booking came only after the second yes.
  int yes_turns_before_booking = 0;
  for (const auto& l : rec.transcript) {
    if (l.speaker == "caller" && l.text.rfind("yes", 0) == 0) ++yes_turns_before_booking;
    if (l.speaker == "agent" && l.text.find("confirmation code") != std::string::npos) break;
  }
  CHECK(yes_turns_before_booking == 2);
}
