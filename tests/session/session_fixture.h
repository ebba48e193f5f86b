// A business from examples/, a store, a virtual clock and fake speech
// engines, plus helpers to run simulated calls through sessions and workers.
#pragma once

#include <doctest/doctest.h>

#include <deque>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "dialog/conversation.h"
#include "dialog/dialog_fixture.h"
#include "fakes/fake_speech.h"
#include "schedule/config_loader.h"
#include "schedule/scheduler.h"
#include "session/session.h"
#include "session/simulated_caller.h"
#include "session/worker.h"

namespace voxdesk::testing {

struct SessionWorld : DialogWorld {
  fakes::FakeTts tts;
  fakes::FakeTts caller_voice;  // apart, so that `tts` records the agent's streams only
  fakes::ScriptedStt stt;
  session::EventQueue events{100000};
  // The language the recogniser reports with each line of the next call
  // started (BCP-47, in order; "" for none).
  std::deque<std::string> next_languages;

  SessionWorld(const std::string& example, const std::string& now,
               const std::string& db = ":memory:")
      : DialogWorld(example, now, db) {}

  session::SessionDeps Deps(Scheduler* s = nullptr) {
    session::SessionDeps d;
    d.receptionist = &receptionist;
    d.scheduler = s ? s : scheduler.get();
    d.clock = &clock;
    d.stt = &stt;
    d.tts = &tts;
    d.events = &events;
    return d;
  }

  // A started session and a simulated caller whose words reach the scripted
  // recogniser.
  struct Call {
    std::unique_ptr<session::Session> session;
    std::unique_ptr<session::SimulatedCaller> caller;
  };
  Call Start(const std::string& id, const std::string& from, std::vector<session::CallerLine> lines,
             session::SessionConfig config = {}, Scheduler* scheduler_for_call = nullptr) {
    auto channel = std::make_shared<fakes::TranscriptChannel>();
    channel->languages = std::exchange(next_languages, {});
    auto caller = session::SimulatedCaller::Create(std::move(lines), caller_voice);
    REQUIRE_MESSAGE(caller.ok(), caller.status().message());
    (*caller)->on_say = [channel](const std::string& text) { channel->lines.push_back(text); };
    stt.Expect(channel);
    auto s = session::Session::Create(Deps(scheduler_for_call), config, id, from);
    REQUIRE_MESSAGE(s.ok(), s.status().message());
    REQUIRE((*s)->Start().ok());
    return {std::move(*s), std::move(*caller)};
  }

  // Runs one call on a worker in virtual time until it is over: the same
  // Worker::TickAll and RunVirtualTime that production calls go through.
  void Run(Call& c, int max_ticks = 50 * 600) {
    session::Worker worker(
        [&](std::unique_ptr<session::Session> s, std::unique_ptr<session::Line> line) {
          c.session = std::move(s);
          c.caller.reset(static_cast<session::SimulatedCaller*>(line.release()));
        });
    worker.Add(std::move(c.session), std::move(c.caller));
    session::RunVirtualTime({&worker}, clock, max_ticks);
    if (!c.session) FAIL("the call did not end within " << max_ticks << " ticks");
  }

  std::vector<session::Event> Drain() {
    std::vector<session::Event> out;
    session::Event e;
    while (events.Poll(e)) out.push_back(e);
    return out;
  }
};

}  // namespace voxdesk::testing
