#include <doctest/doctest.h>

#include <thread>

#include "fakes/fake_deepgram_server.h"
#include "fakes/fake_speech.h"
#include "providers/deepgram_stt.h"
#include "providers/failover_stt.h"
#include "providers/net/event_loop.h"

using namespace std::chrono_literals;
using voxdesk::Code;
using voxdesk::Result;
using voxdesk::Status;
using voxdesk::dialog::Lang;
using voxdesk::fakes::FakeDeepgramServer;
using voxdesk::fakes::ScriptedStt;
using voxdesk::fakes::TranscriptChannel;
using voxdesk::providers::DeepgramConfig;
using voxdesk::providers::DeepgramStt;
using voxdesk::providers::FailoverStt;
using voxdesk::providers::FailoverSttConfig;
using voxdesk::providers::RecognitionHint;
using voxdesk::providers::Stt;
using voxdesk::providers::SttSink;
using voxdesk::providers::SttStream;
using voxdesk::providers::Transcript;
using voxdesk::providers::net::EventLoop;

namespace {

struct Sink : SttSink {
  std::vector<Transcript> finals;
  int partials = 0, ends = 0;
  std::vector<Status> errors;
  void OnTranscript(const Transcript& t) override {
    if (t.is_final) {
      finals.push_back(t);
    } else {
      ++partials;
    }
  }
  void OnEndOfUtterance(int64_t) override { ++ends; }
  void OnError(const Status& st) override { errors.push_back(st); }
};

std::vector<int16_t> Frame(int16_t level, size_t n = 160) {
  std::vector<int16_t> f(n);
  for (size_t i = 0; i < f.size(); ++i) f[i] = (i / 10) % 2 ? level : static_cast<int16_t>(-level);
  return f;
}

// The caller says something for `speech` frames, then is quiet for
// `silence` frames, one 20 ms frame every `pace`.
void Say(SttStream& s, int speech, int silence, std::chrono::milliseconds pace) {
  for (int i = 0; i < speech + silence; ++i) {
    REQUIRE(s.Push(Frame(i < speech ? 3000 : 0)).ok());
    std::this_thread::sleep_for(pace);
  }
}

struct Rig {
  FakeDeepgramServer server{"dg"};
  std::unique_ptr<EventLoop> loop;
  std::unique_ptr<DeepgramStt> cloud;
  ScriptedStt embedded{100};
  std::unique_ptr<FailoverStt> stt;

  explicit Rig(std::chrono::milliseconds no_result_timeout = 200ms) {
    REQUIRE(server.Start());
    auto l = EventLoop::Start();
    REQUIRE(l.ok());
    loop = std::move(l).value();
    DeepgramConfig c;
    c.base_url = server.url();
    c.api_key = "dg";
    auto d = DeepgramStt::Create(*loop, c);
    REQUIRE(d.ok());
    cloud = std::move(d).value();
    FailoverSttConfig f;
    f.no_result_timeout = no_result_timeout;
    stt = std::make_unique<FailoverStt>(
        std::vector<std::pair<std::string, Stt*>>{{"deepgram", cloud.get()},
                                                  {"embedded", &embedded}},
        f);
    auto channel = std::make_shared<TranscriptChannel>();
    channel->lines = {"i need a cleaning on friday"};
    embedded.Expect(channel);
  }
};

// Fails with kUnavailable through the sink at its `fail_at`-th push.
class FailingStt final : public Stt {
 public:
  explicit FailingStt(int fail_at) : fail_at_(fail_at) {}
  Result<std::unique_ptr<SttStream>> Open(int, std::string_view, SttSink& sink) override {
    struct Stream final : SttStream {
      Stream(int fail_at, SttSink& sink) : fail_at(fail_at), sink(sink) {}
      Status Push(std::span<const int16_t>) override {
        if (++pushes == fail_at) sink.OnError(voxdesk::Unavailable("connection reset"));
        return Status::Ok();
      }
      void SetHint(const RecognitionHint&) override {}
      void SetLanguage(std::string_view) override {}
      Status Finish() override { return Status::Ok(); }
      int fail_at, pushes = 0;
      SttSink& sink;
    };
    return std::unique_ptr<SttStream>(new Stream(fail_at_, sink));
  }

 private:
  int fail_at_;
};

// Keeps what it is given and says "heard" at its start when finished.
class RecordingStt final : public Stt {
 public:
  std::vector<int16_t> audio;
  std::vector<size_t> push_sizes;
  std::vector<RecognitionHint> hints;
  Result<std::unique_ptr<SttStream>> Open(int, std::string_view, SttSink& sink) override {
    struct Stream final : SttStream {
      Stream(RecordingStt& owner, SttSink& sink) : owner(owner), sink(sink) {}
      Status Push(std::span<const int16_t> pcm) override {
        owner.audio.insert(owner.audio.end(), pcm.begin(), pcm.end());
        owner.push_sizes.push_back(pcm.size());
        return Status::Ok();
      }
      void SetHint(const RecognitionHint& h) override { owner.hints.push_back(h); }
      void SetLanguage(std::string_view) override {}
      Status Finish() override {
        Transcript t;
        t.text = "heard";
        t.is_final = true;
        t.start_ms = 0;
        t.end_ms = 40;
        sink.OnTranscript(t);
        sink.OnEndOfUtterance(40);
        return Status::Ok();
      }
      RecordingStt& owner;
      SttSink& sink;
    };
    return std::unique_ptr<SttStream>(new Stream(*this, sink));
  }
};

}  // namespace

TEST_CASE(
    "failover stt: the next engine gets the kept audio in 20 ms frames and the call's "
    "timeline") {
  FailingStt first(10);
  RecordingStt second;
  FailoverSttConfig c;
  c.replay = 100ms;  // 800 samples at 8 kHz: the last five frames
  FailoverStt stt({{"cloud", &first}, {"local", &second}}, c);
  Sink sink;
  auto s = stt.Open(8000, "en", sink);
  REQUIRE(s.ok());
  RecognitionHint hint;
  hint.kind = RecognitionHint::Kind::kYesNo;
  (*s)->SetHint(hint);
  for (int i = 1; i <= 10; ++i) REQUIRE((*s)->Push(std::vector<int16_t>(160, i)).ok());
  REQUIRE(stt.switches() == 1);
  REQUIRE(second.audio.size() == 800);
  CHECK(second.audio.front() == 6);
  CHECK(second.audio.back() == 10);
  CHECK(second.push_sizes == std::vector<size_t>(5, 160));
  REQUIRE(second.hints.size() == 1);  // the turn's hint carried over
  CHECK(second.hints[0].kind == RecognitionHint::Kind::kYesNo);
  REQUIRE((*s)->Finish().ok());
  REQUIRE(sink.finals.size() == 1);
  CHECK(sink.finals[0].start_ms == 100);  // the replay began 100 ms into the call
  CHECK(sink.errors.empty());
  auto sw = stt.last_switch();
  REQUIRE(sw.has_value());
  CHECK(sw->from == "cloud");
  CHECK(sw->to == "local");
  CHECK(sw->why == "connection reset");
  CHECK(sw->switched_at >= sw->fault_at);
  CHECK(stt.last_failure() == "cloud: connection reset");
}

TEST_CASE(
    "failover stt: Deepgram closing mid-utterance hands the utterance to the embedded engine") {
  Rig rig;
  rig.server.SetScript({.lines = {"never said"}, .ms_per_result = 2000});
  rig.server.InjectFault(FakeDeepgramServer::Fault::kCloseMidStream, 200, 1011);
  Sink sink;
  auto s = rig.stt->Open(8000, "en", sink);
  REQUIRE(s.ok());
  Say(**s, 25, 20, 5ms);  // 500 ms of speech, 400 ms of silence
  for (int i = 0; i < 100 && rig.stt->switches() == 0; ++i) {
    REQUIRE((*s)->Push(Frame(0)).ok());
    std::this_thread::sleep_for(5ms);
  }
  CHECK(sink.errors.empty());  // the caller's side never sees Deepgram's failure
  CHECK(rig.stt->switches() == 1);
  CHECK(rig.stt->last_failure().find("deepgram: ") == 0);
  REQUIRE(sink.finals.size() == 1);
  CHECK(sink.finals[0].text == "i need a cleaning on friday");
  CHECK(sink.ends == 1);
}

TEST_CASE("failover stt: a Deepgram that stalls is left after no_result_timeout of speech") {
  Rig rig;
  rig.server.SetScript({.lines = {"never said"}, .ms_per_result = 400});
  rig.server.InjectFault(FakeDeepgramServer::Fault::kStall, 60);
  Sink sink;
  auto s = rig.stt->Open(8000, "en", sink);
  REQUIRE(s.ok());
  Say(**s, 25, 15, 20ms);  // paced as a live line, so the server hears it before the switch
  for (int i = 0; i < 50 && sink.finals.empty(); ++i) {
    REQUIRE((*s)->Push(Frame(0)).ok());
    std::this_thread::sleep_for(20ms);
  }
  CHECK(sink.errors.empty());
  CHECK(rig.stt->switches() == 1);
  REQUIRE(rig.stt->last_switch().has_value());
  CHECK(rig.stt->last_switch()->why.find("no transcript") != std::string::npos);
  REQUIRE(sink.finals.size() == 1);
  CHECK(sink.finals[0].text == "i need a cleaning on friday");
}

TEST_CASE("failover stt: a healthy Deepgram is kept and its transcripts pass through") {
  Rig rig(2000ms);
  rig.server.SetScript({.lines = {"tuesday at ten"}, .ms_per_result = 300});
  Sink sink;
  auto s = rig.stt->Open(8000, "en", sink);
  REQUIRE(s.ok());
  Say(**s, 20, 0, 5ms);
  for (int i = 0; i < 200 && sink.ends == 0; ++i) {
    REQUIRE((*s)->Push(Frame(0)).ok());
    std::this_thread::sleep_for(5ms);
  }
  REQUIRE(!sink.finals.empty());
  CHECK(sink.finals[0].text == "tuesday at ten");
  CHECK(sink.partials >= 1);
  CHECK(sink.ends == 1);
  CHECK(rig.stt->switches() == 0);
}

TEST_CASE("failover stt: when the last engine fails its error reaches the sink once") {
  FailingStt only(3);
  FailoverStt stt({{"cloud", &only}});
  Sink sink;
  auto s = stt.Open(8000, "en", sink);
  REQUIRE(s.ok());
  for (int i = 0; i < 6; ++i) REQUIRE((*s)->Push(Frame(3000)).ok());
  REQUIRE(sink.errors.size() == 1);
  CHECK(sink.errors[0].code() == Code::kUnavailable);
  CHECK(stt.switches() == 0);
}

TEST_CASE("failover stt: an empty chain is refused") {
  FailoverStt stt({});
  Sink sink;
  CHECK(stt.Open(8000, "en", sink).status().code() == Code::kInvalidArgument);
}
