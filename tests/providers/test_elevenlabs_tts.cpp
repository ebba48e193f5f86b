#include <doctest/doctest.h>

#include <thread>

#include "fakes/fake_elevenlabs_server.h"
#include "providers/elevenlabs_tts.h"
#include "providers/net/event_loop.h"

using namespace std::chrono_literals;
using voxdesk::Code;
using voxdesk::Status;
using voxdesk::dialog::Lang;
using voxdesk::fakes::FakeElevenLabsServer;
using voxdesk::providers::AudioChunk;
using voxdesk::providers::ElevenLabsConfig;
using voxdesk::providers::ElevenLabsTts;
using voxdesk::providers::TtsSink;
using voxdesk::providers::TtsStream;
using voxdesk::providers::net::EventLoop;

namespace {

// Records what the stream delivers, and on which thread.
struct Sink : TtsSink {
  std::vector<int16_t> pcm;
  int chunks = 0, lasts = 0, errors = 0;
  Status error;
  std::thread::id thread;
  bool wrong_thread = false;
  void OnAudio(const AudioChunk& c) override {
    wrong_thread |= std::this_thread::get_id() != thread;
    pcm.insert(pcm.end(), c.pcm.begin(), c.pcm.end());
    ++chunks;
    lasts += c.last;
  }
  void OnError(const Status& st) override {
    wrong_thread |= std::this_thread::get_id() != thread;
    ++errors;
    error = st;
  }
};

struct Rig {
  FakeElevenLabsServer server{"xi-test-key"};
  std::unique_ptr<EventLoop> loop;
  std::unique_ptr<ElevenLabsTts> tts;
  Sink sink;

  explicit Rig(std::string key = "xi-test-key",
               ElevenLabsConfig::Transport transport = ElevenLabsConfig::Transport::kWebSocket) {
    REQUIRE(server.Start());
    auto l = EventLoop::Start();
    REQUIRE(l.ok());
    loop = std::move(l).value();
    ElevenLabsConfig c;
    c.transport = transport;
    c.base_url = transport == ElevenLabsConfig::Transport::kHttp ? server.http_url() : server.url();
    c.api_key = std::move(key);
    c.voice_id = "21m00Tcm4TlvDq8ikWAM";
    c.connect_timeout = 500ms;
    c.generation_timeout = 300ms;
    auto t = ElevenLabsTts::Create(*loop, c);
    REQUIRE(t.ok());
    tts = std::move(t).value();
    sink.thread = std::this_thread::get_id();
  }

  // Polls like a session worker until the generation ends or fails.
  void PollUntilDone(TtsStream& s, int lasts = 1) {
    for (int i = 0; i < 300 && sink.lasts < lasts && sink.errors == 0; ++i) {
      s.Poll();
      std::this_thread::sleep_for(5ms);
    }
  }
};

}  // namespace

TEST_CASE(
    "elevenlabs tts: each flushed sentence comes back as PCM at the stream's rate, on the polling "
    "thread") {
  Rig rig;
  auto stream = rig.tts->Open(16000, "en", rig.sink);
  REQUIRE(stream.ok());
  REQUIRE((*stream)->PushText("Hello there.").ok());
  REQUIRE((*stream)->Flush().ok());
  rig.PollUntilDone(**stream);
  CHECK(rig.sink.errors == 0);
  CHECK(rig.sink.lasts == 1);
  CHECK_FALSE(rig.sink.wrong_thread);
  // 10 ms (160 samples at 16 kHz) per character of "Hello there. ".
  REQUIRE(rig.sink.pcm.size() == 13 * 160);
  CHECK(rig.sink.pcm.front() == 'H');
  CHECK(rig.sink.pcm[160 * 6] == 't');
  REQUIRE((*stream)->PushText("Goodbye.").ok());
  REQUIRE((*stream)->Flush().ok());
  rig.PollUntilDone(**stream, 2);
  CHECK(rig.sink.lasts == 2);
  CHECK(rig.server.generations() == std::vector<std::string>{"Hello there. ", "Goodbye. "});
  CHECK(rig.server.connections() == 2);
}

TEST_CASE(
    "elevenlabs tts: a refused key, an error message and a malformed frame each report one error") {
  SUBCASE("wrong key") {
    Rig rig("not-the-key");
    auto stream = rig.tts->Open(8000, "en", rig.sink);
    REQUIRE(stream.ok());
    REQUIRE((*stream)->PushText("Hi.").ok());
    REQUIRE((*stream)->Flush().ok());
    rig.PollUntilDone(**stream);
    CHECK(rig.sink.errors == 1);
    CHECK(rig.sink.error.code() == Code::kUnavailable);
    CHECK(rig.sink.error.message().find("not-the-key") == std::string::npos);
  }
  SUBCASE("error message") {
    Rig rig;
    rig.server.InjectFault(FakeElevenLabsServer::Fault::kErrorMessage);
    auto stream = rig.tts->Open(8000, "en", rig.sink);
    REQUIRE((*stream)->PushText("Hi.").ok());
    REQUIRE((*stream)->Flush().ok());
    rig.PollUntilDone(**stream);
    CHECK(rig.sink.errors == 1);
    CHECK(rig.sink.error.message().find("quota_exceeded") != std::string::npos);
  }
  SUBCASE("malformed frame") {
    Rig rig;
    rig.server.InjectFault(FakeElevenLabsServer::Fault::kMalformed);
    auto stream = rig.tts->Open(8000, "en", rig.sink);
    REQUIRE((*stream)->PushText("Hi.").ok());
    REQUIRE((*stream)->Flush().ok());
    rig.PollUntilDone(**stream);
    CHECK(rig.sink.errors == 1);
    CHECK(rig.sink.lasts == 0);
  }
}

TEST_CASE(
    "elevenlabs tts: a stream cut or stalled mid-sentence is an error after the audio that came") {
  for (auto transport :
       {ElevenLabsConfig::Transport::kWebSocket, ElevenLabsConfig::Transport::kHttp}) {
    const bool ws = transport == ElevenLabsConfig::Transport::kWebSocket;
    for (auto fault :
         {FakeElevenLabsServer::Fault::kCloseMidStream, FakeElevenLabsServer::Fault::kStall}) {
      CAPTURE(ws);
      CAPTURE(static_cast<int>(fault));
      Rig rig("xi-test-key", transport);
      rig.server.InjectFault(fault);
      auto stream = rig.tts->Open(8000, "en", rig.sink);
      REQUIRE((*stream)->PushText("A longer sentence than eight bytes.").ok());
      REQUIRE((*stream)->Flush().ok());
      rig.PollUntilDone(**stream);
      CHECK(rig.sink.errors == 1);
      CHECK(rig.sink.lasts == 0);
      // The first message or body piece (8 characters) at most.
      CHECK(rig.sink.pcm.size() <= 8 * 80);
      if (ws && fault == FakeElevenLabsServer::Fault::kCloseMidStream)
        CHECK(rig.sink.pcm.size() == 8 * 80);
      if (ws && fault == FakeElevenLabsServer::Fault::kStall)
        CHECK(rig.sink.error.message().find("no end of speech") != std::string::npos);
    }
  }
}

TEST_CASE("elevenlabs tts: after Cancel nothing more is delivered and pushes are refused") {
  for (auto transport :
       {ElevenLabsConfig::Transport::kWebSocket, ElevenLabsConfig::Transport::kHttp}) {
    CAPTURE(static_cast<int>(transport));
    Rig rig("xi-test-key", transport);
    auto stream = rig.tts->Open(16000, "en", rig.sink);
    REQUIRE((*stream)->PushText("This reply is interrupted by the caller.").ok());
    REQUIRE((*stream)->Flush().ok());
    (*stream)->Cancel();
    for (int i = 0; i < 40; ++i) {
      (*stream)->Poll();
      std::this_thread::sleep_for(5ms);
    }
    CHECK(rig.sink.chunks == 0);
    CHECK(rig.sink.errors == 0);
    CHECK((*stream)->PushText("more").code() == Code::kConflict);
    CHECK((*stream)->Flush().code() == Code::kConflict);
  }
}

TEST_CASE("elevenlabs tts: the voice follows the language tag, then its primary subtag") {
  ElevenLabsConfig c;
  c.voice_id = "default-voice";
  c.voice_by_language = {{"es", "spanish-voice"}, {"pt-BR", "brazilian-voice"}, {"fr", ""}};
  using voxdesk::providers::ElevenLabsVoiceFor;
  CHECK(ElevenLabsVoiceFor(c, "es-MX") == "spanish-voice");
  CHECK(ElevenLabsVoiceFor(c, "pt_br") == "brazilian-voice");
  CHECK(ElevenLabsVoiceFor(c, "pt-PT") == "default-voice");  // only Brazil's is set
  CHECK(ElevenLabsVoiceFor(c, "fr") == "default-voice");     // an empty voice is no voice
  CHECK(ElevenLabsVoiceFor(c, "") == "default-voice");
  using voxdesk::providers::ElevenLabsModelTakesLanguageCode;
  CHECK(ElevenLabsModelTakesLanguageCode("eleven_flash_v2_5"));
  CHECK(ElevenLabsModelTakesLanguageCode("eleven_turbo_v2_5"));
  CHECK_FALSE(ElevenLabsModelTakesLanguageCode("eleven_multilingual_v2"));
}

TEST_CASE(
    "elevenlabs tts: a stream opens with its language's voice and, for v2.5 models, its "
    "language_code") {
  Rig rig;
  ElevenLabsConfig c;
  c.base_url = rig.server.url();
  c.api_key = "xi-test-key";
  c.voice_id = "english-voice";
  c.voice_by_language = {{"es", "spanish-voice"}};
  c.connect_timeout = 500ms;
  auto flash = ElevenLabsTts::Create(*rig.loop, c);
  c.model_id = "eleven_multilingual_v2";
  auto multilingual = ElevenLabsTts::Create(*rig.loop, c);
  REQUIRE(flash.ok());
  REQUIRE(multilingual.ok());
  const auto speak = [&](ElevenLabsTts& tts, std::string_view language, int lasts) {
    auto stream = tts.Open(8000, language, rig.sink);
    REQUIRE(stream.ok());
    REQUIRE((*stream)->PushText("Hola.").ok());
    REQUIRE((*stream)->Flush().ok());
    rig.PollUntilDone(**stream, lasts);
    CHECK(rig.sink.lasts == lasts);
  };
  speak(**flash, "es-MX", 1);
  speak(**flash, "pt-BR", 2);
  speak(**multilingual, "es", 3);
  const auto opened = rig.server.opened();
  REQUIRE(opened.size() == 3);
  CHECK(opened[0].voice_id == "spanish-voice");
  CHECK(opened[0].language_code == "es");  // ISO 639-1, not the full tag
  CHECK(opened[1].voice_id == "english-voice");
  CHECK(opened[1].language_code == "pt");
  CHECK(opened[2].voice_id == "spanish-voice");
  CHECK(opened[2].model_id == "eleven_multilingual_v2");
  CHECK(opened[2].language_code.empty());  // that model refuses it
}

TEST_CASE("elevenlabs tts: configuration and rates are checked") {
  auto loop = EventLoop::Start();
  REQUIRE(loop.ok());
  ElevenLabsConfig c;
  unsetenv("ELEVENLABS_API_KEY");
  c.voice_id = "v";
  CHECK(ElevenLabsTts::Create(**loop, c).status().code() == voxdesk::Code::kConfig);
  c.api_key = "k";
  c.voice_id.clear();
  CHECK(ElevenLabsTts::Create(**loop, c).status().code() == voxdesk::Code::kConfig);
  c.voice_id = "v";
  auto tts = ElevenLabsTts::Create(**loop, c);
  REQUIRE(tts.ok());
  Sink sink;
  CHECK((*tts)->Open(11025, "en", sink).status().code() == voxdesk::Code::kInvalidArgument);
}

// ------------------------------------------------------------ HTTP streaming

namespace {
constexpr auto kHttp = ElevenLabsConfig::Transport::kHttp;
}

TEST_CASE("elevenlabs tts over http: each flushed reply is one streamed POST, its PCM in order") {
  Rig rig("xi-test-key", kHttp);
  auto stream = rig.tts->Open(16000, "en", rig.sink);
  REQUIRE(stream.ok());
  REQUIRE((*stream)->PushText("Hello").ok());
  REQUIRE((*stream)->PushText("there.").ok());  // kept until the flush
  CHECK(rig.server.connections() == 0);
  REQUIRE((*stream)->Flush().ok());
  rig.PollUntilDone(**stream);
  CHECK(rig.sink.errors == 0);
  CHECK(rig.sink.lasts == 1);
  CHECK_FALSE(rig.sink.wrong_thread);
  REQUIRE(rig.sink.pcm.size() == 12 * 160);  // "Hello there." at 10 ms a character
  CHECK(rig.sink.pcm.front() == 'H');
  CHECK(rig.sink.pcm[160 * 6] == 't');
  REQUIRE((*stream)->PushText("Goodbye.").ok());
  REQUIRE((*stream)->Flush().ok());
  rig.PollUntilDone(**stream, 2);
  CHECK(rig.sink.lasts == 2);
  CHECK(rig.server.generations() == std::vector<std::string>{"Hello there.", "Goodbye."});
  const auto opened = rig.server.opened();
  REQUIRE(opened.size() == 2);
  CHECK(opened[0].voice_id == "21m00Tcm4TlvDq8ikWAM");
  CHECK(opened[0].model_id == "eleven_flash_v2_5");
  CHECK(opened[0].language_code == "en");
}

TEST_CASE("elevenlabs tts over http: an error answer and a refused key are each one error") {
  SUBCASE("error answer") {
    Rig rig("xi-test-key", kHttp);
    rig.server.InjectFault(FakeElevenLabsServer::Fault::kErrorMessage);
    auto stream = rig.tts->Open(8000, "en", rig.sink);
    REQUIRE((*stream)->PushText("Hi.").ok());
    REQUIRE((*stream)->Flush().ok());
    rig.PollUntilDone(**stream);
    CHECK(rig.sink.errors == 1);
    CHECK(rig.sink.error.code() == Code::kUnavailable);
    CHECK(rig.sink.error.message().find("HTTP 500") != std::string::npos);
    CHECK(rig.sink.lasts == 0);
  }
  SUBCASE("wrong key, not shown") {
    Rig rig("not-the-key", kHttp);
    auto stream = rig.tts->Open(8000, "en", rig.sink);
    REQUIRE((*stream)->PushText("Hi.").ok());
    REQUIRE((*stream)->Flush().ok());
    rig.PollUntilDone(**stream);
    CHECK(rig.sink.errors == 1);
    CHECK(rig.sink.error.message().find("not-the-key") == std::string::npos);
  }
}

TEST_CASE("elevenlabs tts over http: the base URL may name the WebSocket scheme") {
  Rig rig("xi-test-key", kHttp);
  ElevenLabsConfig c;
  c.transport = kHttp;
  c.api_key = "k";
  c.voice_id = "v";
  c.base_url = "ftp://api.elevenlabs.io";
  CHECK(ElevenLabsTts::Create(*rig.loop, c).status().code() == Code::kConfig);
  // The WebSocket default names the same host: taken as https://.
  c.base_url = "wss://api.elevenlabs.io";
  CHECK(ElevenLabsTts::Create(*rig.loop, c).ok());
  // ...and a loopback ws:// as http:// (the fake serves both on one host).
  c.base_url = "ws://127.0.0.1:" + std::to_string(std::stoi(rig.server.http_url().substr(17)));
  c.api_key = "xi-test-key";
  auto tts = ElevenLabsTts::Create(*rig.loop, c);
  REQUIRE(tts.ok());
  Sink sink;
  sink.thread = std::this_thread::get_id();
  auto s2 = (*tts)->Open(8000, "en", sink);
  REQUIRE((*s2)->PushText("Ok.").ok());
  REQUIRE((*s2)->Flush().ok());
  for (int i = 0; i < 300 && sink.lasts == 0 && sink.errors == 0; ++i) {
    (*s2)->Poll();
    std::this_thread::sleep_for(5ms);
  }
  CHECK(sink.lasts == 1);
  CHECK(sink.pcm.size() == 3 * 80);
}
