// Failover during a live call: the session listens through FailoverStt with
// Deepgram (a loopback fake over a real WebSocket) first and an embedded
// recogniser second. When Deepgram drops or goes silent the caller must not
// notice: the call books as it would have, and the session never reports
// the failed engine's error.
#include <doctest/doctest.h>

#include <thread>

#include "fakes/fake_deepgram_server.h"
#include "providers/deepgram_stt.h"
#include "providers/failover_stt.h"
#include "providers/net/event_loop.h"
#include "session_fixture.h"

using namespace std::chrono_literals;
using namespace voxdesk;
using namespace voxdesk::session;
using voxdesk::fakes::FakeDeepgramServer;
using voxdesk::testing::SessionWorld;

namespace {

constexpr const char* kNow = "2026-10-05T09:00:00-04:00";  // Monday, open

std::vector<CallerLine> BookingScript() {
  return {{"hi this is ana ruiz born march 3rd 1985 i need a cleaning tuesday at 10", "", -1},
          {"yes please", "", -1},
          {"no that's all thank you bye", "", -1}};
}

// Deepgram first, then the world's scripted recogniser, which hears what the
// simulated caller says (one line per utterance, from the channel).
struct CloudCall {
  SessionWorld w{"medical-practice.json", kNow};
  FakeDeepgramServer server{"dg-key"};
  std::unique_ptr<providers::net::EventLoop> loop;
  std::unique_ptr<providers::DeepgramStt> deepgram;
  std::unique_ptr<providers::FailoverStt> stt;
  std::unique_ptr<Session> session;
  std::unique_ptr<SimulatedCaller> caller;  // once the call is over
  SimulatedCaller* live_caller = nullptr;    // owned by the worker meanwhile
  Worker worker{[this](std::unique_ptr<Session> s, std::unique_ptr<Line> line) {
    session = std::move(s);
    caller.reset(static_cast<SimulatedCaller*>(line.release()));
  }};

  explicit CloudCall(std::chrono::milliseconds no_result_timeout) {
    REQUIRE(server.Start());
    auto l = providers::net::EventLoop::Start();
    REQUIRE(l.ok());
    loop = std::move(l).value();
    providers::DeepgramConfig c;
    c.base_url = server.url();
    c.api_key = "dg-key";
    auto d = providers::DeepgramStt::Create(*loop, c);
    REQUIRE(d.ok());
    deepgram = std::move(d).value();
    providers::FailoverSttConfig f;
    f.no_result_timeout = no_result_timeout;
    stt = std::make_unique<providers::FailoverStt>(
        std::vector<std::pair<std::string, providers::Stt*>>{{"deepgram", deepgram.get()},
                                                             {"embedded", &w.stt}},
        f);
  }

  void Start() {
    auto channel = std::make_shared<fakes::TranscriptChannel>();
    auto c = SimulatedCaller::Create(BookingScript(), w.tts);
    REQUIRE(c.ok());
    (*c)->on_say = [channel](const std::string& text) { channel->lines.push_back(text); };
    w.stt.Expect(channel);  // read once the embedded engine is opened
    live_caller = c->get();
    auto deps = w.Deps();
    deps.stt = stt.get();
    auto s = Session::Create(deps, {}, "fo-1", "+15550001111");
    REQUIRE(s.ok());
    REQUIRE((*s)->Start().ok());
    worker.Add(std::move(*s), std::move(*c));
  }

  // One 20 ms frame of the call; false once it is over.
  bool Tick() {
    const bool live = worker.TickAll() > 0;
    w.clock.Advance(20ms);
    return live;
  }

  void CheckBookedWithoutErrors() {
    REQUIRE(session);
    const auto& rec = session->record();
    REQUIRE(rec.booking);
    CHECK(rec.outcome == dialog::Outcome::kBooked);
    CHECK(rec.booking->start == *ParseRfc3339("2026-10-06T10:00:00-04:00"));
    CHECK(session->end_reason() == "agent");
    CHECK(caller->lines_left() == 0);
    for (const Event& e : w.Drain()) {
      CHECK_MESSAGE(e.type != EventType::kError, e.text);
    }
  }
};

}  // namespace

TEST_CASE("a Deepgram that drops during the greeting hands the call to the embedded recogniser") {
  CloudCall call(0ms);  // no stall rule: only the dropped socket can cause a switch
  call.server.SetScript({.lines = {}, .ms_per_result = 5000});
  call.server.InjectFault(FakeDeepgramServer::Fault::kCloseMidStream, 200, 1011);
  call.Start();
  // Live pace until the socket has dropped and the switch is made: the close
  // travels over a real socket. The greeting lasts seconds, so the caller
  // has not spoken yet.
  for (int i = 0; i < 3000 && call.stt->switches() == 0; ++i) {
    REQUIRE(call.Tick());
    std::this_thread::sleep_for(1ms);
  }
  REQUIRE(call.stt->switches() == 1);
  CHECK(call.server.connections() == 1);
  CHECK(call.stt->last_switch()->from == "deepgram");
  CHECK(call.stt->last_switch()->to == "embedded");
  CHECK(call.live_caller->lines_left() == BookingScript().size());
  // The rest of the call needs no network: virtual time.
  int ticks = 0;
  while (call.Tick() && ++ticks < 50 * 600) {
  }
  call.CheckBookedWithoutErrors();
}

TEST_CASE(
    "a Deepgram that goes silent while the caller speaks is left and the request is still heard") {
  CloudCall call(1000ms);
  // The socket stays open and the service answers nothing, from the start.
  call.server.SetScript({.lines = {"never said"}, .ms_per_result = 400});
  call.server.InjectFault(FakeDeepgramServer::Fault::kStall, 0);
  call.Start();
  // The stall is timed in audio, so the whole call runs in virtual time.
  int ticks = 0;
  while (call.Tick() && ++ticks < 50 * 600) {
  }
  REQUIRE(call.stt->switches() == 1);
  CHECK(call.stt->last_switch()->why.find("no transcript") != std::string::npos);
  // The switch came one second into the request, and the request is still
  // the caller's first turn: it was not lost with the silent engine.
  REQUIRE(call.session);
  const auto& transcript = call.session->record().transcript;
  std::vector<std::string> heard;
  for (const auto& l : transcript)
    if (l.speaker == "caller") heard.push_back(l.text);
  REQUIRE(heard.size() == 3);
  CHECK(heard[0] == BookingScript()[0].text);
  call.CheckBookedWithoutErrors();
}
