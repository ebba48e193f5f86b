#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "fakes/fake_deepgram_server.h"
#include "providers/deepgram_stt.h"
#include "providers/net/event_loop.h"

using namespace std::chrono_literals;
using voxdesk::Code;
using voxdesk::Status;
using voxdesk::dialog::Lang;
using voxdesk::fakes::FakeDeepgramServer;
using voxdesk::providers::DeepgramConfig;
using voxdesk::providers::DeepgramEncoding;
using voxdesk::providers::DeepgramStt;
using voxdesk::providers::SttSink;
using voxdesk::providers::SttStream;
using voxdesk::providers::Transcript;
using voxdesk::providers::net::EventLoop;

namespace {

// Everything the stream reported, in order, and on which threads.
struct Sink : SttSink {
  std::vector<std::string> log;  // "partial:<text>", "final:<text>", "end", "error"
  std::vector<Transcript> finals;
  std::vector<Status> errors;
  std::vector<std::thread::id> threads;
  void OnTranscript(const Transcript& t) override {
    log.push_back((t.is_final ? "final:" : "partial:") + t.text);
    if (t.is_final) finals.push_back(t);
    threads.push_back(std::this_thread::get_id());
  }
  void OnEndOfUtterance(int64_t) override {
    log.push_back("end");
    threads.push_back(std::this_thread::get_id());
  }
  void OnError(const Status& st) override {
    log.push_back("error");
    errors.push_back(st);
    threads.push_back(std::this_thread::get_id());
  }
  int count(const std::string& entry) const {
    return static_cast<int>(std::count(log.begin(), log.end(), entry));
  }
};

// 20 ms at 16 kHz of a loud square wave: speech as far as energy goes.
std::vector<int16_t> Frame(int16_t level = 3000) {
  std::vector<int16_t> f(320);
  for (size_t i = 0; i < f.size(); ++i) f[i] = (i / 20) % 2 ? level : static_cast<int16_t>(-level);
  return f;
}

struct Rig {
  FakeDeepgramServer server{"dg-secret"};
  std::unique_ptr<EventLoop> loop;
  std::unique_ptr<DeepgramStt> stt;

  explicit Rig(std::function<void(DeepgramConfig&)> tweak = {}) {
    REQUIRE(server.Start());
    auto l = EventLoop::Start();
    REQUIRE(l.ok());
    loop = std::move(l).value();
    DeepgramConfig c;
    c.base_url = server.url();
    c.api_key = "dg-secret";
    c.connect_timeout = 2000ms;
    c.finish_timeout = 2000ms;
    if (tweak) tweak(c);
    auto s = DeepgramStt::Create(*loop, c);
    REQUIRE(s.ok());
    stt = std::move(s).value();
  }
};

// Pushes `frames` frames, then empty pushes (which deliver) until `done`.
void Pump(SttStream& s, int frames, const std::function<bool()>& done) {
  const std::vector<int16_t> f = Frame();
  for (int i = 0; i < frames; ++i) {
    REQUIRE(s.Push(f).ok());
    std::this_thread::sleep_for(2ms);
  }
  for (int i = 0; i < 1000 && !done(); ++i) {
    REQUIRE(s.Push({}).ok());
    std::this_thread::sleep_for(5ms);
  }
}

}  // namespace

TEST_CASE(
    "deepgram stt: interim and final transcripts and the end of utterance reach the pushing "
    "thread in order") {
  Rig rig;
  rig.server.SetScript({.lines = {"i would like a cleaning"}, .ms_per_result = 300});
  Sink sink;
  auto s = rig.stt->Open(16000, "en", sink);
  REQUIRE(s.ok());
  // The first frames go out before the socket is open: they must be kept.
  Pump(**s, 20, [&] { return sink.count("end") == 1; });
  REQUIRE(sink.log.size() == 3);
  CHECK(sink.log[0] == "partial:i would like");
  CHECK(sink.log[1] == "final:i would like a cleaning");
  CHECK(sink.log[2] == "end");
  CHECK(sink.finals[0].words.size() == 5);
  CHECK(sink.finals[0].end_ms == 300);
  for (auto id : sink.threads) CHECK(id == std::this_thread::get_id());
  CHECK(sink.errors.empty());
  CHECK(rig.server.audio_bytes() == 20 * 640);  // nothing lost before the socket opened
  auto o = rig.server.last_options();
  REQUIRE(o.has_value());
  CHECK(o->encoding == DeepgramEncoding::kLinear16);
  CHECK(o->sample_rate == 16000);
  CHECK(o->model == "nova-3");
  CHECK(o->language == "en");
  CHECK(o->interim_results);
  CHECK(o->utterance_end_ms == 1000);
}

TEST_CASE("deepgram stt: speech_final and UtteranceEnd for one utterance give one end") {
  Rig rig;
  rig.server.SetScript({.lines = {"yes please"}, .ms_per_result = 200, .speech_final = true});
  Sink sink;
  auto s = rig.stt->Open(16000, "es", sink);
  REQUIRE(s.ok());
  Pump(**s, 12, [&] { return sink.count("final:yes please") == 1; });
  // Let the UtteranceEnd that follows arrive too.
  for (int i = 0; i < 20; ++i) {
    REQUIRE((*s)->Push({}).ok());
    std::this_thread::sleep_for(5ms);
  }
  CHECK(sink.count("end") == 1);
  CHECK(rig.server.last_options()->language == "es");
}

TEST_CASE("deepgram stt: with language=multi each final names the language Deepgram heard") {
  Rig rig([](DeepgramConfig& c) { c.language = "multi"; });
  rig.server.SetScript({.lines = {"quiero una limpieza", "el martes"}, .ms_per_result = 200});
  rig.server.SetLanguages({"es", "es-419"});
  Sink sink;
  // The config's "multi" wins over the stream's language.
  auto s = rig.stt->Open(16000, "en-US", sink);
  REQUIRE(s.ok());
  Pump(**s, 40, [&] { return sink.finals.size() >= 2; });
  REQUIRE(sink.finals.size() >= 2);  // the script starts over while audio goes on
  CHECK(sink.finals[0].text == "quiero una limpieza");
  CHECK(sink.finals[0].language == "es");
  CHECK(sink.finals[1].language == "es-419");
  auto o = rig.server.last_options();
  REQUIRE(o.has_value());
  CHECK(o->language == "multi");
  CHECK_FALSE(o->detect_language);
}

TEST_CASE(
    "deepgram stt: with detect_language the stream names no language and finals carry the "
    "detected one") {
  Rig rig([](DeepgramConfig& c) { c.detect_language = true; });
  rig.server.SetScript({.lines = {"je voudrais un rendez-vous"}, .ms_per_result = 200});
  rig.server.SetLanguages({"fr"});
  Sink sink;
  auto s = rig.stt->Open(16000, "en-US", sink);
  REQUIRE(s.ok());
  Pump(**s, 20, [&] { return sink.finals.size() == 1; });
  REQUIRE(sink.finals.size() == 1);
  CHECK(sink.finals[0].language == "fr");
  auto o = rig.server.last_options();
  REQUIRE(o.has_value());
  CHECK(o->detect_language);
  CHECK(o->language.empty());  // told, Deepgram would not detect
}

TEST_CASE("deepgram stt: without multi or detection a final carries no language") {
  Rig rig;
  rig.server.SetScript({.lines = {"hola"}, .ms_per_result = 200});
  rig.server.SetLanguages({"es"});  // Deepgram says nothing of it in this mode
  Sink sink;
  auto s = rig.stt->Open(16000, "en-US", sink);
  REQUIRE(s.ok());
  Pump(**s, 20, [&] { return sink.finals.size() == 1; });
  REQUIRE(sink.finals.size() == 1);
  CHECK(sink.finals[0].language.empty());
  CHECK(rig.server.last_options()->language == "en-US");
}

TEST_CASE("deepgram stt: the fake in utterance mode answers each utterance heard with a line") {
  Rig rig;
  rig.server.SetScript({.lines = {"i need a cleaning", "tuesday"}, .by_utterance = true});
  Sink sink;
  auto s = rig.stt->Open(8000, "en-US", sink);
  REQUIRE(s.ok());
  std::vector<int16_t> loud(160), quiet(160, 10);
  uint32_t seed = 7;
  for (int16_t& v : loud) {
    seed = seed * 1664525u + 1013904223u;
    v = static_cast<int16_t>(static_cast<int32_t>(seed >> 20) - 2048);
  }
  for (int utterance = 0; utterance < 2; ++utterance) {
    for (int i = 0; i < 40; ++i) REQUIRE((*s)->Push(loud).ok());   // 0.8 s of speech
    for (int i = 0; i < 30; ++i) REQUIRE((*s)->Push(quiet).ok());  // 0.6 s of quiet
  }
  Pump(**s, 0, [&] { return sink.finals.size() == 2 && sink.count("end") == 2; });
  REQUIRE(sink.finals.size() == 2);
  CHECK(sink.finals[0].text == "i need a cleaning");
  CHECK(sink.finals[0].start_ms == 0);
  CHECK(sink.finals[0].end_ms == 800);
  CHECK(sink.finals[1].text == "tuesday");
  CHECK(sink.count("partial:i need") == 1);
  CHECK(sink.count("end") == 2);
}

TEST_CASE("deepgram stt: a wrong key is one kUnavailable error that does not show the key") {
  Rig rig([](DeepgramConfig& c) { c.api_key = "wrong-key-123"; });
  Sink sink;
  auto s = rig.stt->Open(16000, "en", sink);
  REQUIRE(s.ok());
  Pump(**s, 5, [&] { return !sink.errors.empty(); });
  Pump(**s, 5, [] { return true; });
  REQUIRE(sink.errors.size() == 1);
  CHECK(sink.errors[0].code() == Code::kUnavailable);
  CHECK(sink.errors[0].message().find("wrong-key-123") == std::string::npos);
  CHECK(rig.server.refused() == 1);
  CHECK(rig.server.connections() == 0);
}

TEST_CASE("deepgram stt: a socket closed mid-stream is one kUnavailable error, then silence") {
  Rig rig;
  rig.server.SetScript({.lines = {"hello"}, .ms_per_result = 1000});
  rig.server.InjectFault(FakeDeepgramServer::Fault::kCloseMidStream, 100, 1011);
  Sink sink;
  auto s = rig.stt->Open(16000, "en", sink);
  REQUIRE(s.ok());
  Pump(**s, 10, [&] { return !sink.errors.empty(); });
  Pump(**s, 10, [] { return true; });  // later audio is dropped quietly
  REQUIRE(sink.errors.size() == 1);
  CHECK(sink.errors[0].code() == Code::kUnavailable);
  CHECK(sink.count("final:hello") == 0);
}

TEST_CASE("deepgram stt: a malformed frame is an error, not a crash") {
  Rig rig;
  rig.server.InjectFault(FakeDeepgramServer::Fault::kMalformed, 40);
  Sink sink;
  auto s = rig.stt->Open(16000, "en", sink);
  REQUIRE(s.ok());
  Pump(**s, 5, [&] { return !sink.errors.empty(); });
  REQUIRE(sink.errors.size() == 1);
  CHECK(sink.errors[0].code() == Code::kUnavailable);
  CHECK(sink.errors[0].message().find("malformed") != std::string::npos);
}

TEST_CASE("deepgram stt: an Error message from the service is one kUnavailable error") {
  Rig rig;
  rig.server.InjectFault(FakeDeepgramServer::Fault::kErrorMessage, 40);
  Sink sink;
  auto s = rig.stt->Open(16000, "en", sink);
  REQUIRE(s.ok());
  Pump(**s, 5, [&] { return !sink.errors.empty(); });
  REQUIRE(sink.errors.size() == 1);
  CHECK(sink.errors[0].message().find("NET-0001") != std::string::npos);
}

TEST_CASE("deepgram stt: a message of an unknown type is skipped and the stream goes on") {
  Rig rig;
  rig.server.SetScript({.lines = {"two o'clock works"}, .ms_per_result = 200});
  rig.server.InjectFault(FakeDeepgramServer::Fault::kUnknownType, 20);
  Sink sink;
  auto s = rig.stt->Open(16000, "en", sink);
  REQUIRE(s.ok());
  Pump(**s, 12, [&] { return sink.count("end") == 1; });
  CHECK(sink.count("final:two o'clock works") == 1);
  CHECK(sink.errors.empty());
}

TEST_CASE("deepgram stt: Finish flushes the words still in flight and closes cleanly") {
  Rig rig;
  rig.server.SetScript({.lines = {"goodbye"}, .ms_per_result = 5000});
  Sink sink;
  auto s = rig.stt->Open(16000, "en", sink);
  REQUIRE(s.ok());
  Pump(**s, 10, [] { return true; });
  CHECK(sink.finals.empty());  // a period is 5 s: nothing final yet
  REQUIRE((*s)->Finish().ok());
  REQUIRE(sink.finals.size() == 1);
  CHECK(sink.finals[0].text == "goodbye");
  CHECK(sink.errors.empty());  // the close after CloseStream is not a failure
  CHECK(rig.server.close_streams() == 1);
  CHECK((*s)->Push(Frame()).code() == Code::kConflict);
}

TEST_CASE("deepgram stt: a service that stops answering is found by the response timeout") {
  Rig rig([](DeepgramConfig& c) { c.response_timeout = 150ms; });
  rig.server.InjectFault(FakeDeepgramServer::Fault::kStall, 20);
  Sink sink;
  auto s = rig.stt->Open(16000, "en", sink);
  REQUIRE(s.ok());
  for (int i = 0; i < 300 && sink.errors.empty(); ++i) {
    REQUIRE((*s)->Push(Frame()).ok());
    std::this_thread::sleep_for(5ms);
  }
  REQUIRE(sink.errors.size() == 1);
  CHECK(sink.errors[0].message().find("no answer") != std::string::npos);
}

TEST_CASE("deepgram stt: KeepAlive goes out while no audio is sent") {
  Rig rig([](DeepgramConfig& c) { c.keepalive_interval = 40ms; });
  Sink sink;
  auto s = rig.stt->Open(16000, "en", sink);
  REQUIRE(s.ok());
  for (int i = 0; i < 400 && rig.server.keepalives() < 2; ++i) std::this_thread::sleep_for(5ms);
  CHECK(rig.server.keepalives() >= 2);
  CHECK(rig.server.audio_bytes() == 0);
}

TEST_CASE("deepgram stt: destroying a stream with results in flight never calls its sink") {
  Rig rig;
  rig.server.SetScript({.lines = {"late words"}, .ms_per_result = 100, .latency = 100ms});
  Sink sink;
  auto s = rig.stt->Open(16000, "en", sink);
  REQUIRE(s.ok());
  Pump(**s, 10, [] { return true; });
  s->reset();
  std::this_thread::sleep_for(250ms);
  CHECK(sink.log.empty());
  CHECK(rig.server.audio_bytes() == 10 * 640);
}

TEST_CASE("deepgram stt: configuration is checked") {
  FakeDeepgramServer server("k");
  auto loop = EventLoop::Start();
  REQUIRE(loop.ok());
  DeepgramConfig c;
  c.api_key = "k";
  c.base_url = "https://api.deepgram.com";
  CHECK(DeepgramStt::Create(**loop, c).status().code() == Code::kConfig);
  c.base_url = "wss://api.deepgram.com/";
  c.interim_results = false;
  CHECK(DeepgramStt::Create(**loop, c).status().code() == Code::kConfig);
  c.utterance_end_ms.reset();
  auto stt = DeepgramStt::Create(**loop, c);
  REQUIRE(stt.ok());
  Sink sink;
  CHECK((*stt)->Open(4000, "en", sink).status().code() == Code::kInvalidArgument);
}
