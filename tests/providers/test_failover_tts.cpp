#include <doctest/doctest.h>

#include <thread>

#include "fakes/fake_elevenlabs_server.h"
#include "fakes/fake_speech.h"
#include "providers/elevenlabs_tts.h"
#include "providers/failover_tts.h"
#include "providers/net/event_loop.h"

using namespace std::chrono_literals;
using voxdesk::Status;
using voxdesk::dialog::Lang;
using voxdesk::fakes::FakeElevenLabsServer;
using voxdesk::fakes::FakeTts;
using voxdesk::providers::AudioChunk;
using voxdesk::providers::ElevenLabsConfig;
using voxdesk::providers::ElevenLabsTts;
using voxdesk::providers::FailoverTts;
using voxdesk::providers::TtsSink;
using voxdesk::providers::net::EventLoop;

namespace {

struct Sink : TtsSink {
  std::vector<int16_t> pcm;
  int lasts = 0, errors = 0;
  void OnAudio(const AudioChunk& c) override {
    pcm.insert(pcm.end(), c.pcm.begin(), c.pcm.end());
    lasts += c.last;
  }
  void OnError(const Status&) override { ++errors; }
};

struct Rig {
  FakeElevenLabsServer server{"k"};
  std::unique_ptr<EventLoop> loop;
  std::unique_ptr<ElevenLabsTts> cloud;
  FakeTts embedded{20};
  std::unique_ptr<FailoverTts> tts;

  Rig() {
    REQUIRE(server.Start());
    auto l = EventLoop::Start();
    REQUIRE(l.ok());
    loop = std::move(l).value();
    ElevenLabsConfig c;
    c.base_url = server.url();
    c.api_key = "k";
    c.voice_id = "v";
    c.generation_timeout = 200ms;
    auto t = ElevenLabsTts::Create(*loop, c);
    REQUIRE(t.ok());
    cloud = std::move(t).value();
    tts =
        std::make_unique<FailoverTts>(std::vector<std::pair<std::string, voxdesk::providers::Tts*>>{
            {"elevenlabs", cloud.get()}, {"embedded", &embedded}});
  }
};

void Speak(voxdesk::providers::TtsStream& s, Sink& sink, const std::string& text, int lasts) {
  REQUIRE(s.PushText(text).ok());
  REQUIRE(s.Flush().ok());
  for (int i = 0; i < 400 && sink.lasts < lasts; ++i) {
    s.Poll();
    std::this_thread::sleep_for(5ms);
  }
}

}  // namespace

TEST_CASE("failover tts: a healthy cloud voice is used and nothing switches") {
  Rig rig;
  Sink sink;
  auto s = rig.tts->Open(8000, "en", sink);
  REQUIRE(s.ok());
  Speak(**s, sink, "Hello.", 1);
  CHECK(sink.lasts == 1);
  CHECK(sink.pcm.size() == 7 * 80);  // the fake cloud voice: 10 ms per character
  CHECK(rig.tts->switches() == 0);
}

TEST_CASE(
    "failover tts: a cloud voice that stalls mid-sentence hands the sentence to the embedded "
    "engine") {
  Rig rig;
  rig.server.InjectFault(FakeElevenLabsServer::Fault::kStall);
  Sink sink;
  auto s = rig.tts->Open(8000, "en", sink);
  REQUIRE(s.ok());
  const std::string sentence = "Your appointment is confirmed.";
  Speak(**s, sink, sentence, 1);
  CHECK(sink.errors == 0);  // the caller's side never sees the failure
  CHECK(sink.lasts == 1);
  CHECK(rig.tts->switches() == 1);
  CHECK(rig.tts->last_failure().find("elevenlabs") == 0);
  // The cloud's first 8 characters, then the whole sentence again from the
  // embedded engine.
  CHECK(sink.pcm.size() == 8 * 80 + FakeTts::Render(sentence, 8000, 20).size());
  // The rest of the call stays on the embedded engine.
  Speak(**s, sink, "Goodbye.", 2);
  CHECK(sink.lasts == 2);
  CHECK(rig.server.generations().size() == 1);
}

TEST_CASE("failover tts: when every engine fails the error reaches the sink once") {
  FakeElevenLabsServer server("k");
  REQUIRE(server.Start());
  server.InjectFault(FakeElevenLabsServer::Fault::kCloseMidStream);
  auto loop = EventLoop::Start();
  REQUIRE(loop.ok());
  ElevenLabsConfig c;
  c.base_url = server.url();
  c.api_key = "k";
  c.voice_id = "v";
  auto cloud = ElevenLabsTts::Create(**loop, c);
  REQUIRE(cloud.ok());
  FailoverTts tts({{"elevenlabs", cloud->get()}});
  Sink sink;
  auto s = tts.Open(8000, "en", sink);
  REQUIRE(s.ok());
  REQUIRE((*s)->PushText("A sentence longer than eight bytes.").ok());
  REQUIRE((*s)->Flush().ok());
  for (int i = 0; i < 200 && sink.errors == 0; ++i) {
    (*s)->Poll();
    std::this_thread::sleep_for(5ms);
  }
  CHECK(sink.errors == 1);
  CHECK(tts.switches() == 0);
}
