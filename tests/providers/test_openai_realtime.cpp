#include <doctest/doctest.h>

#include <mutex>
#include <thread>

#include "fakes/fake_openai_realtime_server.h"
#include "providers/net/event_loop.h"
#include "providers/openai_realtime.h"

using namespace std::chrono_literals;
using voxdesk::Code;
using voxdesk::Status;
using voxdesk::fakes::FakeOpenAiRealtimeServer;
using voxdesk::providers::OpenAiRealtime;
using voxdesk::providers::OpenAiRealtimeConfig;
using voxdesk::providers::RealtimeAudioDelta;
using voxdesk::providers::RealtimeConfig;
using voxdesk::providers::RealtimeSession;
using voxdesk::providers::RealtimeSink;
using voxdesk::providers::RealtimeTranscriptDelta;
using voxdesk::providers::net::EventLoop;

namespace {

// Records the callbacks; optionally cancels on the first audio (barge-in).
struct Sink : RealtimeSink {
  std::mutex mu;
  std::vector<std::string> log;
  std::string caller_text, agent_text;
  std::vector<int16_t> audio;
  std::vector<voxdesk::dialog::ToolCall> calls;
  std::vector<std::string> done;
  int errors = 0;
  bool barge_in = false;
  RealtimeSession* session = nullptr;

  void OnSpeechStarted(const std::string& item, int64_t ms) override {
    std::lock_guard lock(mu);
    log.push_back("speech_started " + item + " " + std::to_string(ms));
  }
  void OnSpeechStopped(const std::string&, int64_t) override {
    std::lock_guard lock(mu);
    log.push_back("speech_stopped");
  }
  void OnTranscript(const RealtimeTranscriptDelta& t) override {
    std::lock_guard lock(mu);
    if (!t.done) return;
    (t.source == RealtimeTranscriptDelta::Source::kCaller ? caller_text : agent_text) = t.delta;
  }
  void OnAudio(const RealtimeAudioDelta& a) override {
    std::lock_guard lock(mu);
    audio.insert(audio.end(), a.pcm.begin(), a.pcm.end());
    if (barge_in && session) {
      barge_in = false;
      CHECK(session->Cancel().ok());
      CHECK(session->Truncate(a.item_id, 120).ok());
    }
  }
  void OnToolCall(const voxdesk::dialog::ToolCall& c) override {
    std::lock_guard lock(mu);
    calls.push_back(c);
  }
  void OnResponseDone(const std::string& id) override {
    std::lock_guard lock(mu);
    done.push_back(id);
  }
  void OnError(const Status&) override {
    std::lock_guard lock(mu);
    ++errors;
  }
  template <typename Pred>
  bool Wait(Pred pred) {
    for (int i = 0; i < 400; ++i) {
      {
        std::lock_guard lock(mu);
        if (pred()) return true;
      }
      std::this_thread::sleep_for(5ms);
    }
    std::lock_guard lock(mu);
    return pred();
  }
};

struct Rig {
  FakeOpenAiRealtimeServer server{"sk-test"};
  std::unique_ptr<EventLoop> loop;
  std::unique_ptr<OpenAiRealtime> realtime;

  explicit Rig(std::string key = "sk-test") {
    REQUIRE(server.Start());
    auto l = EventLoop::Start();
    REQUIRE(l.ok());
    loop = std::move(l).value();
    OpenAiRealtimeConfig c;
    c.base_url = server.url();
    c.api_key = std::move(key);
    c.connect_timeout = 1s;
    auto r = OpenAiRealtime::Create(*loop, c);
    REQUIRE(r.ok());
    realtime = std::move(r).value();
  }
};

RealtimeConfig Config() {
  RealtimeConfig c;
  c.model = "gpt-realtime";
  c.instructions = "You are the front desk of Bright Smile Dental.";
  c.tools = {{"book_appointment", "Books a slot", R"({"type":"object","properties":{}})"}};
  return c;
}

// Half a second and a bit of 24 kHz audio in 20 ms frames, like a worker.
void Talk(RealtimeSession& s) {
  std::vector<int16_t> frame(480, 1000);
  for (int i = 0; i < 30; ++i) REQUIRE(s.AppendAudio(frame).ok());
}

}  // namespace

TEST_CASE(
    "openai realtime: a turn goes through speech events, both transcripts, audio and a tool call") {
  Rig rig;
  rig.server.Script("I'd like a cleaning.", "Sure, Tuesday at ten?", "book_appointment",
                    R"({"day":"tuesday"})");
  Sink sink;
  auto s = rig.realtime->Open(Config(), sink);
  REQUIRE(s.ok());
  Talk(**s);
  REQUIRE(sink.Wait([&] { return !sink.done.empty(); }));
  std::lock_guard lock(sink.mu);
  REQUIRE(sink.log.size() == 2);
  CHECK(sink.log[0] == "speech_started item_caller_1 500");  // 12000 samples at 24 kHz
  CHECK(sink.caller_text == "I'd like a cleaning.");
  CHECK(sink.agent_text == "Sure, Tuesday at ten?");
  CHECK(sink.audio.size() == std::string("Sure, Tuesday at ten?").size() * 240);
  CHECK(sink.audio.front() == 'S');
  REQUIRE(sink.calls.size() == 1);
  CHECK(sink.calls[0].id == "call_1");
  CHECK(sink.calls[0].name == "book_appointment");
  CHECK(sink.calls[0].arguments == R"({"day":"tuesday"})");
  CHECK(sink.errors == 0);
  auto seen = rig.server.seen();
  CHECK(seen.session_updates == 1);
  CHECK(seen.instructions == "You are the front desk of Bright Smile Dental.");
  CHECK(seen.tools == std::vector<std::string>{"book_appointment"});
  CHECK(seen.samples == 30 * 480);
}

TEST_CASE(
    "openai realtime: barge-in cancels and truncates, and no more audio of that response arrives") {
  Rig rig;
  rig.server.Script("Hi.", "A long answer that the caller interrupts right away.");
  Sink sink;
  sink.barge_in = true;
  auto s = rig.realtime->Open(Config(), sink);
  REQUIRE(s.ok());
  sink.session = s->get();
  Talk(**s);
  REQUIRE(sink.Wait([&] { return !sink.done.empty(); }));
  {
    std::lock_guard lock(sink.mu);
    CHECK(sink.audio.size() == 8 * 240);  // the first delta only
  }
  REQUIRE(sink.Wait([&] { return rig.server.seen().cancels == 1; }));
  auto seen = rig.server.seen();
  REQUIRE(seen.truncates.size() == 1);
  CHECK(seen.truncates[0] == std::make_pair(std::string("item_agent_1"), int64_t{120}));
  // A tool result and a new response: audio flows again.
  CHECK((*s)->SendToolResult("call_1", R"({"ok":true})").ok());
  CHECK((*s)->CreateResponse().ok());
  REQUIRE(sink.Wait([&] { return sink.done.size() == 2; }));
  std::lock_guard lock(sink.mu);
  CHECK(sink.audio.size() == 8 * 240 + 5 * 240);  // "Done."
  REQUIRE(rig.server.seen().tool_outputs.size() == 1);
  CHECK(rig.server.seen().tool_outputs[0].second == R"({"ok":true})");
}

TEST_CASE("openai realtime: a dropped connection is one error, then the session refuses work") {
  Rig rig;
  rig.server.InjectFault(FakeOpenAiRealtimeServer::Fault::kCloseAfterSpeech);
  Sink sink;
  auto s = rig.realtime->Open(Config(), sink);
  REQUIRE(s.ok());
  Talk(**s);
  REQUIRE(sink.Wait([&] { return sink.errors == 1; }));
  std::this_thread::sleep_for(50ms);
  CHECK(sink.errors == 1);
  CHECK((*s)->AppendAudio(std::vector<int16_t>(480)).code() == Code::kConflict);
}

TEST_CASE(
    "openai realtime: malformed and error events are reported, and the turn still completes") {
  for (auto fault : {FakeOpenAiRealtimeServer::Fault::kMalformed,
                     FakeOpenAiRealtimeServer::Fault::kErrorEvent}) {
    Rig rig;
    rig.server.InjectFault(fault);
    Sink sink;
    auto s = rig.realtime->Open(Config(), sink);
    REQUIRE(s.ok());
    Talk(**s);
    REQUIRE(sink.Wait([&] { return !sink.done.empty(); }));
    std::lock_guard lock(sink.mu);
    CHECK(sink.errors == 1);
    CHECK_FALSE(sink.audio.empty());
  }
}

TEST_CASE("openai realtime: a refused key or a bad config fails Open") {
  {
    Rig rig("sk-wrong");
    Sink sink;
    auto s = rig.realtime->Open(Config(), sink);
    CHECK(s.status().code() == Code::kUnavailable);
    CHECK(s.status().message().find("sk-wrong") == std::string::npos);
  }
  Rig rig;
  Sink sink;
  RealtimeConfig bad = Config();
  bad.tools[0].parameters = "not json";
  CHECK(rig.realtime->Open(bad, sink).status().code() == Code::kInvalidArgument);
  bad = Config();
  bad.sample_rate = 16000;
  CHECK(rig.realtime->Open(bad, sink).status().code() == Code::kInvalidArgument);
  CHECK(rig.server.seen().session_updates == 0);
}
