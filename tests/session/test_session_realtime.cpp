// Realtime mode: a speech-to-speech model (the OpenAI Realtime adapter,
// against its loopback fake over a real WebSocket) hears the caller and
// answers in its own voice, while the engine runs the tools and holds the
// confirmation rule. Barge-in cancels and truncates the model's answer at
// what was played; a dropped connection hands the call to the recogniser
// and the embedded engine without dropping the caller.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "fakes/fake_openai_realtime_server.h"
#include "providers/net/event_loop.h"
#include "providers/openai_realtime.h"
#include "session_fixture.h"

using namespace std::chrono_literals;
using namespace voxdesk;
using namespace voxdesk::session;
using voxdesk::fakes::FakeOpenAiRealtimeServer;
using voxdesk::testing::SessionWorld;
using Exchange = FakeOpenAiRealtimeServer::Exchange;

namespace {

constexpr const char* kNow = "2026-10-05T09:00:00-04:00";  // Monday, open
constexpr const char* kStart = "2026-10-06T10:00:00-04:00";

std::string BookArgs() {
  return nlohmann::json{{"service", "cleaning"},
                        {"start", kStart},
                        {"staff", "lee"},
                        {"name", "Ana Ruiz"},
                        {"date_of_birth", "1985-03-03"}}
      .dump();
}

struct RealtimeCall {
  SessionWorld w{"medical-practice.json", kNow};
  FakeOpenAiRealtimeServer server{"sk-rt"};
  std::unique_ptr<providers::net::EventLoop> loop;
  std::unique_ptr<providers::OpenAiRealtime> realtime;
  std::unique_ptr<Session> session;
  std::vector<int16_t> agent_audio;  // every frame the agent sent, in order

  RealtimeCall() {
    REQUIRE(server.Start());
    auto l = providers::net::EventLoop::Start();
    REQUIRE(l.ok());
    loop = std::move(l).value();
    providers::OpenAiRealtimeConfig c;
    c.base_url = server.url();
    c.api_key = "sk-rt";
    c.connect_timeout = 2s;
    auto r = providers::OpenAiRealtime::Create(*loop, c);
    REQUIRE(r.ok());
    realtime = std::move(r).value();
  }

  void Start() {
    auto deps = w.Deps();
    deps.realtime = realtime.get();
    deps.realtime_config.model = "gpt-realtime";
    auto s = Session::Create(deps, {}, "rt-1", "+15550001111");
    REQUIRE(s.ok());
    REQUIRE((*s)->Start().ok());
    session = std::move(*s);
  }

  // One 20 ms tick with a caller frame (a quiet line: the fake hears by
  // the amount of audio, the session never decides turns itself here),
  // paced so that the loopback socket keeps up with virtual time.
  bool Tick() {
    media::AudioFrame in;
    in.sample_rate = 8000;
    in.count = 160;
    std::fill_n(in.samples.begin(), in.count, int16_t{3});
    media::AudioFrame out;
    const bool live = session->Tick(&in, out);
    agent_audio.insert(agent_audio.end(), out.samples.begin(), out.samples.begin() + out.count);
    w.clock.Advance(20ms);
    // A tenth of real time: the fake's replies (sent as soon as it hears)
    // land within a tick or two even on a loaded machine under sanitizers.
    std::this_thread::sleep_for(2ms);
    return live;
  }
  void TickFor(std::chrono::milliseconds call_time) {
    for (int i = 0; i < call_time / 20ms; ++i) REQUIRE(Tick());
  }

  std::vector<std::string> Texts(const std::vector<Event>& events, EventType type) const {
    std::vector<std::string> out;
    for (const Event& e : events)
      if (e.type == type) out.push_back(e.text);
    return out;
  }
};

}  // namespace

TEST_CASE("realtime: the model greets, books through the engine's tools after a yes, and talks") {
  RealtimeCall call;
  call.server.ScriptCall(
      "Thanks for calling.",
      {{"hi this is ana ruiz born march 3rd 1985 i need a cleaning tuesday at 10", "", "book",
        BookArgs(), "A cleaning Tuesday at ten with Dr. Lee. Shall I book it?"},
       {"yes please", "", "book", BookArgs(), "You're booked. Anything else?"},
       {"no that's all thank you bye", "Goodbye!"}});
  call.Start();
  call.TickFor(30s);
  call.session->OnHangup();
  for (int i = 0; i < 100 && call.Tick(); ++i) {
  }
  REQUIRE(call.session->over());
  CHECK(call.session->end_reason() == "caller");

  // Booked once, after the read-back and the caller's yes.
  const auto& rec = call.session->record();
  REQUIRE(rec.booking);
  CHECK(rec.outcome == dialog::Outcome::kBooked);
  CHECK(rec.booking->start == *ParseRfc3339(kStart));
  CHECK(rec.booking->customer.name == "Ana Ruiz");
  const auto seen = call.server.seen();
  REQUIRE(seen.tool_outputs.size() == 2);
  CHECK(seen.tool_outputs[0].first == "call_2");
  CHECK(seen.tool_outputs[0].second.find("confirmation_required") != std::string::npos);
  CHECK(seen.tool_outputs[0].second.find("Read this back") != std::string::npos);
  CHECK(seen.tool_outputs[1].second.find("\"booked\"") != std::string::npos);
  // The model was told who it is, how to greet, and what it may do.
  CHECK(seen.instructions.find("Start the call by saying exactly") != std::string::npos);
  CHECK(std::count(seen.tools.begin(), seen.tools.end(), "book") == 1);
  // greeting, 2 answers to tool results, the goodbye (and no more).
  CHECK(seen.responses == 6);

  const auto events = call.w.Drain();
  CHECK(call.Texts(events, EventType::kTranscript) ==
        std::vector<std::string>{
            "hi this is ana ruiz born march 3rd 1985 i need a cleaning tuesday at 10", "yes please",
            "no that's all thank you bye"});
  const auto said = call.Texts(events, EventType::kAgentSpeech);
  REQUIRE(said.size() >= 4);
  CHECK(said.front() == "Thanks for calling.");
  CHECK(std::count(said.begin(), said.end(), "You're booked. Anything else?") == 1);
  CHECK(call.Texts(events, EventType::kBooking).size() == 1);
  CHECK(call.Texts(events, EventType::kError).empty());
  // The record has both sides, in order.
  std::vector<std::string> lines;
  for (const auto& l : rec.transcript) lines.push_back(l.speaker + ": " + l.text);
  REQUIRE(lines.size() >= 7);
  CHECK(lines[1].rfind("caller: hi this is ana", 0) == 0);
  CHECK(lines[2] == "agent: A cleaning Tuesday at ten with Dr. Lee. Shall I book it?");
  CHECK(lines[3] == "caller: yes please");
  // The model's voice reached the line: the fake's samples are the
  // characters of its text ('T' of "Thanks" first).
  size_t voiced = 0;
  for (int16_t v : call.agent_audio) voiced += v > 20;
  CHECK(voiced > 8000);  // over a second of its words
  // Every caller turn has its latency, from the end of speech to audio out.
  REQUIRE(call.session->turns().size() == 3);
  for (const TurnMetrics& m : call.session->turns()) {
    CHECK(m.speech_end_ms >= 0);
    CHECK(m.first_frame_ms >= m.speech_end_ms);
  }
}

TEST_CASE("realtime: a caller who barges in cuts the model off where the line had got to") {
  RealtimeCall call;
  const std::string long_answer =
      "We are open from nine in the morning to five in the evening on weekdays, from nine to one "
      "on Saturdays, and we are closed on Sundays and on public holidays, when the on-call "
      "dentist takes emergencies.";
  Exchange interrupt{"sorry what about saturday", "Nine to one.", "", "", "Done.", true};
  call.server.ScriptCall("Hello.", {{"what are your hours", long_answer}, interrupt});
  call.Start();
  call.TickFor(11s);
  const auto seen = call.server.seen();
  CHECK(seen.cancels == 1);
  REQUIRE(seen.truncates.size() == 1);
  CHECK(seen.truncates[0].first == "item_agent_2");
  const int64_t heard_ms = seen.truncates[0].second;
  // The line's own record of the call: the greeting, the part of the long
  // answer that played, the answer to the interruption ("Nine to one.").
  // Stretches of agent audio, split at 10 ms of silence.
  std::vector<size_t> spells;
  size_t run = 0, quiet = 0;
  for (int16_t v : call.agent_audio) {
    if (std::abs(v) > 20) {
      if (quiet >= 80 && run > 0) {
        spells.push_back(run);
        run = 0;
      }
      ++run;
      quiet = 0;
    } else {
      ++quiet;
    }
  }
  if (run) spells.push_back(run);
  REQUIRE(spells.size() == 3);
  // Truncated exactly where the line had got to (within a frame), and
  // before the end: however long the network took, what the model keeps is
  // what the caller heard.
  const int64_t played_ms = static_cast<int64_t>(spells[1]) / 8;
  CHECK(std::abs(heard_ms - played_ms) <= 20);
  CHECK(played_ms < static_cast<int64_t>(long_answer.size()) * 10);
  CHECK(spells[2] == 12 * 80);  // "Nine to one." whole
  const auto events = call.w.Drain();
  const auto barge = call.Texts(events, EventType::kBargeIn);
  REQUIRE(barge.size() == 1);
  CHECK(long_answer.rfind(barge[0], 0) == 0);  // the words heard, from the start
  // Cut in proportion to the audio heard (10 ms a character here), at a word.
  CHECK(barge[0].size() <= static_cast<size_t>(heard_ms / 10));
  CHECK(barge[0].size() + 12 >= static_cast<size_t>(heard_ms / 10));
  // The record keeps what the caller heard, not the whole answer.
  bool cut = false;
  for (const auto& l : call.session->record().transcript)
    cut |= l.speaker == "agent" && l.text == barge[0] && l.interrupted;
  CHECK(cut);
}

TEST_CASE(
    "realtime: a dropped connection hands the call to the recogniser and the embedded engine") {
  RealtimeCall call;
  call.server.InjectFault(FakeOpenAiRealtimeServer::Fault::kCloseAfterSpeech);
  call.server.ScriptCall("Hello.", {{"anything", "never said"}});
  // Once the model is gone the scripted recogniser hears the caller.
  auto channel = std::make_shared<fakes::TranscriptChannel>();
  call.w.stt.Expect(channel);
  call.Start();
  call.TickFor(3s);
  auto events = call.w.Drain();
  const auto errors = call.Texts(events, EventType::kError);
  REQUIRE(errors.size() >= 1);
  CHECK(errors.back().find("the call goes on with the recogniser and the agent") !=
        std::string::npos);
  REQUIRE_FALSE(call.session->over());
  // The caller asks again; the embedded engine answers and books.
  media::AudioFrame out;
  const auto say = [&](const std::string& text) {
    channel->lines.push_back(text);
    for (int i = 0; i < 40; ++i) {  // 0.8 s of speech, then silence
      media::AudioFrame in;
      in.sample_rate = 8000;
      in.count = 160;
      uint32_t seed = 12345;
      for (size_t k = 0; k < in.count; ++k) {
        seed = seed * 1664525u + 1013904223u;  // noise: a tone would be rejected as one
        in.samples[k] = static_cast<int16_t>(static_cast<int32_t>(seed >> 20) - 2048);
      }
      REQUIRE(call.session->Tick(&in, out));
      call.w.clock.Advance(20ms);
    }
    call.TickFor(12s);
  };
  say("hi this is ana ruiz born march 3rd 1985 i need a cleaning tuesday at 10");
  say("yes please");
  const auto& rec = call.session->record();
  REQUIRE(rec.booking);
  CHECK(rec.booking->start == *ParseRfc3339(kStart));
  CHECK(rec.outcome == dialog::Outcome::kBooked);
  events = call.w.Drain();
  CHECK(call.Texts(events, EventType::kBooking).size() == 1);
}

TEST_CASE(
    "realtime: a model that never answers the handshake leaves the greeting to the engine, "
    "without holding up the start") {
  // A listener that accepts connections in the kernel and never answers.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(::listen(fd, 4) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);

  SessionWorld w("medical-practice.json", kNow);
  auto l = providers::net::EventLoop::Start();
  REQUIRE(l.ok());
  providers::OpenAiRealtimeConfig c;
  c.base_url = "ws://127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
  c.api_key = "sk-rt";
  c.connect_timeout = 300ms;
  auto realtime = providers::OpenAiRealtime::Create(**l, c);
  REQUIRE(realtime.ok());
  auto deps = w.Deps();
  deps.realtime = realtime->get();
  deps.realtime_config.model = "gpt-realtime";
  auto s = Session::Create(deps, {}, "rt-2", "+15550001111");
  REQUIRE(s.ok());
  REQUIRE((*s)->Start().ok());  // returns while the handshake is still pending
  media::AudioFrame out;
  int ticks_before_greeting = 0;
  std::vector<Event> events;
  for (int i = 0; i < 20000; ++i) {
    REQUIRE((*s)->Tick(nullptr, out));
    w.clock.Advance(20ms);
    for (Event& e : w.Drain()) events.push_back(std::move(e));
    if (!events.empty() && events.back().type == EventType::kAgentSpeech) break;
    ++ticks_before_greeting;
    std::this_thread::sleep_for(200us);
  }
  ::close(fd);
  CHECK(ticks_before_greeting > 0);  // the session ticked while the model was awaited
  REQUIRE(events.size() >= 3);
  CHECK(events[0].type == EventType::kCallStarted);
  CHECK(events[1].type == EventType::kError);
  CHECK(events[1].text.rfind("realtime: ", 0) == 0);
  CHECK(events.back().type == EventType::kAgentSpeech);
  CHECK(events.back().text.rfind("Thank you for calling Bright Smile Dental", 0) == 0);
  CHECK(w.tts.opened_languages().size() == 1);  // the engine's voice said it
}
