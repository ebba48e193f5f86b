// Calls in LLM mode: the model's turns run on the dialog pool while the
// worker keeps ticking, and when no model answers (OpenAI and Anthropic
// both down, over real sockets) the embedded engine carries the call on.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "dialog/hybrid_agent.h"
#include "fakes/fake_llm_servers.h"
#include "fakes/scripted_llm.h"
#include "providers/anthropic_llm.h"
#include "providers/failover_llm.h"
#include "providers/net/event_loop.h"
#include "providers/openai_llm.h"
#include "session/dialog_pool.h"
#include "session_fixture.h"

using namespace std::chrono_literals;
using namespace voxdesk;
using namespace voxdesk::session;
using voxdesk::fakes::ScriptedLlm;
using voxdesk::testing::SessionWorld;

namespace {

constexpr const char* kNow = "2026-10-05T09:00:00-04:00";  // Monday, open
constexpr const char* kStart = "2026-10-06T10:00:00-04:00";

std::vector<CallerLine> BookingScript() {
  return {{"hi this is ana ruiz born march 3rd 1985 i need a cleaning tuesday at 10", "", -1},
          {"yes please", "", -1},
          {"no that's all thank you bye", "", -1}};
}

dialog::ToolCall Book(std::string id) {
  return {std::move(id), "book",
          nlohmann::json{{"service", "cleaning"},
                         {"start", kStart},
                         {"staff", "lee"},
                         {"name", "Ana Ruiz"},
                         {"date_of_birth", "1985-03-03"}}
              .dump()};
}

// A call on one worker, ticked by the test: 20 ms of call time per tick.
struct LlmCall {
  SessionWorld w{"medical-practice.json", kNow};
  DialogPool pool{2};
  std::unique_ptr<Session> session;  // once the call is over
  std::unique_ptr<SimulatedCaller> caller;
  Session* live = nullptr;  // owned by the worker meanwhile
  std::thread::id worker_thread;
  Worker worker{[this](std::unique_ptr<Session> s, std::unique_ptr<Line> line) {
    session = std::move(s);
    caller.reset(static_cast<SimulatedCaller*>(line.release()));
    worker_thread = std::this_thread::get_id();
  }};

  void Start(dialog::Llm& llm, std::vector<CallerLine> lines) {
    auto channel = std::make_shared<fakes::TranscriptChannel>();
    auto c = SimulatedCaller::Create(std::move(lines), w.tts);
    REQUIRE(c.ok());
    (*c)->on_say = [channel](const std::string& text) { channel->lines.push_back(text); };
    w.stt.Expect(channel);
    auto deps = w.Deps();
    deps.llm = &llm;
    deps.dialog_pool = &pool;
    auto s = Session::Create(deps, {}, "llm-1", "+15550001111");
    REQUIRE(s.ok());
    REQUIRE((*s)->Start().ok());
    live = s->get();
    worker.Add(std::move(*s), std::move(*c));
  }

  bool Tick() {
    const bool on = worker.TickAll() > 0;
    w.clock.Advance(20ms);
    return on;
  }
  // Virtual time, yielding now and then so that a turn on the pool (or a
  // request over a socket) gets the CPU.
  void RunToEnd(int max_ticks = 50 * 600) {
    for (int i = 0; i < max_ticks && Tick(); ++i)
      if (i % 8 == 0) std::this_thread::sleep_for(100us);
    REQUIRE_MESSAGE(session, "the call did not end");
  }

  // With the model's gate closed: ticks until the caller's first turn has
  // reached the model, which then waits there.
  void TickUntilAsked(ScriptedLlm& llm) {
    llm.Close();
    for (int i = 0; i < 50 * 60 && llm.arrived() == 0; ++i) {
      REQUIRE(Tick());
      if (i % 8 == 0) std::this_thread::sleep_for(100us);
    }
    REQUIRE(llm.arrived() == 1);
  }

  std::vector<std::string> CallerTurns() const {
    std::vector<std::string> out;
    for (const auto& l : session->record().transcript)
      if (l.speaker == "caller") out.push_back(l.text);
    return out;
  }
};

// OpenAI then Anthropic, on loopback fakes, through the production adapters
// over real sockets, with no retries so that the request counts are exact.
struct CloudLlms {
  fakes::FakeOpenAiServer openai{"sk-test"};
  fakes::FakeAnthropicServer anthropic{"ak-test"};
  std::unique_ptr<providers::net::EventLoop> loop;
  std::unique_ptr<providers::OpenAiLlm> openai_llm;
  std::unique_ptr<providers::AnthropicLlm> anthropic_llm;
  std::unique_ptr<providers::FailoverLlm> chain;

  CloudLlms() {
    REQUIRE(openai.Start());
    REQUIRE(anthropic.Start());
    auto l = providers::net::EventLoop::Start();
    REQUIRE(l.ok());
    loop = std::move(l).value();
    providers::OpenAiLlmConfig oc;
    oc.base_url = openai.base_url();
    oc.api_key = "sk-test";
    oc.retry.max_retries = 0;
    auto o = providers::OpenAiLlm::Create(*loop, oc);
    REQUIRE(o.ok());
    openai_llm = std::move(o).value();
    providers::AnthropicLlmConfig ac;
    ac.base_url = anthropic.base_url();
    ac.api_key = "ak-test";
    ac.retry.max_retries = 0;
    auto a = providers::AnthropicLlm::Create(*loop, ac);
    REQUIRE(a.ok());
    anthropic_llm = std::move(a).value();
    chain =
        std::make_unique<providers::FailoverLlm>(std::vector<std::pair<std::string, dialog::Llm*>>{
            {"openai", openai_llm.get()}, {"anthropic", anthropic_llm.get()}});
  }
};

fakes::LlmFault Down(int http_status) {
  fakes::LlmFault f;
  f.kind = fakes::LlmFault::Kind::kHttpError;
  f.http_status = http_status;
  return f;
}

int Count(const std::vector<Event>& events, EventType type) {
  int n = 0;
  for (const Event& e : events) n += e.type == type;
  return n;
}

}  // namespace

TEST_CASE("llm mode: the model books through its tools, its turns off the worker's thread") {
  LlmCall call;
  ScriptedLlm llm;
  llm.script = {{"", {Book("c1")}},
                {"", {}},  // the engine reads the booking back itself
                {"", {Book("c2")}},
                {"You're booked for Tuesday at ten. Anything else?", {}},
                {"Goodbye, Ana!", {}}};
  call.Start(llm, BookingScript());
  call.RunToEnd();
  const auto& rec = call.session->record();
  REQUIRE(rec.booking);
  CHECK(rec.outcome == dialog::Outcome::kBooked);
  CHECK(rec.booking->start == *ParseRfc3339(kStart));
  CHECK(call.CallerTurns().size() == 3);
  CHECK(llm.seen.size() == 5);
  for (std::thread::id t : llm.threads) CHECK(t != call.worker_thread);
  const auto events = call.w.Drain();
  CHECK(Count(events, EventType::kBooking) == 1);
  CHECK(Count(events, EventType::kError) == 0);
  // Every turn's metrics carry the time the dialog (the model) took.
  REQUIRE(call.session->turns().size() == 3);
  for (const TurnMetrics& m : call.session->turns()) CHECK(m.dialog_us > 0);
}

TEST_CASE("llm mode: while the model thinks the call keeps its ticks and no reprompt is said") {
  LlmCall call;
  ScriptedLlm llm;
  llm.script = {{"We're open nine to five on weekdays.", {}}};
  call.Start(llm, {{"what are your hours", "", -1}});
  call.TickUntilAsked(llm);
  const size_t said = call.live->record().transcript.size();
  (void)call.w.Drain();
  // Twenty seconds of call time, well past the 7 s no-input reprompt.
  for (int i = 0; i < 1000; ++i) REQUIRE(call.Tick());
  auto events = call.w.Drain();
  CHECK(Count(events, EventType::kAgentSpeech) == 0);
  CHECK(Count(events, EventType::kTranscript) == 0);
  llm.Open();
  call.RunToEnd();
  CHECK(call.session->record().transcript.size() > said);
  events = call.w.Drain();
  REQUIRE(Count(events, EventType::kAgentSpeech) >= 1);
  bool answered = false;
  for (const Event& e : events)
    answered |=
        e.type == EventType::kAgentSpeech && e.text == "We're open nine to five on weekdays.";
  CHECK(answered);
}

TEST_CASE("llm mode: a caller who hangs up while the model thinks ends the call once it answers") {
  LlmCall call;
  ScriptedLlm llm;
  llm.script = {{"Let me check that for you.", {}}};
  call.Start(llm, {{"what are your hours", "", -1}});
  call.TickUntilAsked(llm);
  call.live->OnHangup();
  for (int i = 0; i < 50; ++i) REQUIRE(call.Tick());  // the turn is still out
  llm.Open();
  call.RunToEnd();
  CHECK(call.session->end_reason() == "caller");
  const auto events = call.w.Drain();
  // The answer came after the caller left: it is not spoken.
  for (const Event& e : events)
    CHECK_FALSE((e.type == EventType::kAgentSpeech && e.text == "Let me check that for you."));
  CHECK(events.back().type == EventType::kHangup);
}

TEST_CASE("llm mode: a session destroyed while the model thinks leaves the turn to finish") {
  ScriptedLlm llm;
  llm.script = {{"",
                 {dialog::ToolCall{"a", "check_availability",
                                   R"({"service":"cleaning","date":"2026-10-06"})"}}},
                {"Nine, ten or eleven?", {}}};
  SessionWorld w("medical-practice.json", kNow);
  {
    DialogPool pool{1};
    {
      auto deps = w.Deps();
      deps.llm = &llm;
      deps.dialog_pool = &pool;
      auto channel = std::make_shared<fakes::TranscriptChannel>();
      channel->lines.push_back("what do you have tomorrow");
      w.stt.Expect(channel);
      auto s = Session::Create(deps, {}, "llm-4", "+15550001114");
      REQUIRE(s.ok());
      REQUIRE((*s)->Start().ok());
      auto c = SimulatedCaller::Create({{"what do you have tomorrow", "", -1}}, w.tts);
      REQUIRE(c.ok());
      llm.Close();
      media::AudioFrame in, out;
      for (int i = 0; i < 50 * 60 && llm.arrived() == 0; ++i) {
        const bool have = (*c)->Read(in);
        (*s)->Tick(have ? &in : nullptr, out);
        (*c)->Write(out);
        w.clock.Advance(20ms);
        if (i % 8 == 0) std::this_thread::sleep_for(100us);
      }
      REQUIRE(llm.arrived() == 1);
    }  // the session goes; its turn waits at the gate
    llm.Open();
  }  // the pool drains: the turn held three slots, and the agent let them go
  CHECK(w.store->LiveHolds(w.config.business.id, w.clock.NowSeconds())->empty());
  CHECK(llm.seen.size() == 2);
}

TEST_CASE(
    "llm mode: OpenAI and Anthropic both down over the network, the embedded engine books the "
    "call") {
  CloudLlms llms;
  llms.openai.InjectFault(Down(503), 100);
  llms.anthropic.InjectFault(Down(503), 100);
  LlmCall call;
  call.Start(*llms.chain, BookingScript());
  call.RunToEnd();
  const auto& rec = call.session->record();
  REQUIRE(rec.booking);
  CHECK(rec.outcome == dialog::Outcome::kBooked);
  CHECK(rec.booking->start == *ParseRfc3339(kStart));
  CHECK(call.session->end_reason() == "agent");
  const auto* hybrid = dynamic_cast<const dialog::HybridAgent*>(&call.session->agent());
  REQUIRE(hybrid);
  CHECK(hybrid->fell_back());
  CHECK(llms.openai.requests() == 1);  // asked once; the engine kept the call after that
  CHECK(llms.anthropic.requests() == 1);
  CHECK(call.CallerTurns() == std::vector<std::string>{BookingScript()[0].text, "yes please",
                                                       "no that's all thank you bye"});
  CHECK(Count(call.w.Drain(), EventType::kError) == 0);
}

TEST_CASE("llm mode: OpenAI down, Anthropic answers the caller in the same turn") {
  CloudLlms llms;
  llms.openai.InjectFault(Down(500), 100);
  llms.anthropic.SetAnswer({"We're open nine to five, Monday to Friday.", {}});
  LlmCall call;
  call.Start(*llms.chain, {{"what are your hours", "", -1}});
  call.RunToEnd();
  bool answered = false;
  for (const Event& e : call.w.Drain())
    answered |=
        e.type == EventType::kAgentSpeech && e.text == "We're open nine to five, Monday to Friday.";
  CHECK(answered);
  CHECK(llms.chain->last_provider() == "anthropic");
  const auto* hybrid = dynamic_cast<const dialog::HybridAgent*>(&call.session->agent());
  REQUIRE(hybrid);
  CHECK_FALSE(hybrid->fell_back());
}
