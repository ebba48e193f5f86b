// Deepgram pre-recorded transcription against its loopback fake over real
// HTTP: the request Deepgram expects for a containerized recording, the
// transcript back, and every failure a host must tell apart.
#include <doctest/doctest.h>

#include <cstdlib>
#include <vector>

#include "fakes/fake_deepgram_rest_server.h"
#include "providers/deepgram_prerecorded.h"
#include "providers/net/event_loop.h"

using namespace std::chrono_literals;
using voxdesk::Code;
using voxdesk::fakes::FakeDeepgramRestServer;
using voxdesk::providers::DeepgramPrerecordedConfig;
using voxdesk::providers::DeepgramPrerecordedStt;
using voxdesk::providers::net::EventLoop;
using Fault = FakeDeepgramRestServer::Fault;

namespace {

struct Rig {
  FakeDeepgramRestServer server{"dg-rest"};
  std::unique_ptr<EventLoop> loop;
  std::unique_ptr<DeepgramPrerecordedStt> stt;
  std::vector<int16_t> audio = std::vector<int16_t>(8000 * 2, 900);  // two seconds at 8 kHz

  explicit Rig(void (*tweak)(DeepgramPrerecordedConfig&) = nullptr) {
    REQUIRE(server.Start());
    auto l = EventLoop::Start();
    REQUIRE(l.ok());
    loop = std::move(l).value();
    DeepgramPrerecordedConfig c;
    c.base_url = server.base_url();
    c.api_key = "dg-rest";
    c.retry = {1ms, 5ms, 2};
    c.response_timeout = 2s;
    if (tweak) tweak(c);
    auto s = DeepgramPrerecordedStt::Create(*loop, c);
    REQUIRE(s.ok());
    stt = std::move(s).value();
  }
};

}  // namespace

TEST_CASE("deepgram pre-recorded: a recording goes up as WAV and its transcript comes back") {
  Rig rig;
  rig.server.SetTranscript("please call me back about my cleaning");
  auto r = rig.stt->TranscribeAndWait(rig.audio, 8000);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  REQUIRE(r->channels.size() == 1);
  CHECK(r->channels[0].transcript.text == "please call me back about my cleaning");
  CHECK(r->channels[0].transcript.is_final);
  CHECK(r->channels[0].transcript.words.size() == 7);
  CHECK(r->duration_ms == 2000);
  CHECK(r->request_id == "fake-req-1");
  const auto seen = rig.server.last();
  CHECK(seen.content_type == "audio/wav");
  CHECK(seen.sample_rate == 8000);
  CHECK(seen.samples == rig.audio.size());
  // A containerized file: no encoding or sample_rate (Deepgram reads them
  // from the header).
  CHECK(seen.query.find("encoding") == std::string::npos);
  CHECK(seen.query.find("sample_rate") == std::string::npos);
  CHECK(seen.query.find("model=nova-3") != std::string::npos);
  CHECK(seen.query.find("language=en") != std::string::npos);
  CHECK(seen.query.find("smart_format=true") != std::string::npos);
}

TEST_CASE("deepgram pre-recorded: with detection the language is not sent and comes back named") {
  Rig rig([](DeepgramPrerecordedConfig& c) { c.detect_language = true; });
  rig.server.SetTranscript("quiero una cita", "es");
  auto r = rig.stt->TranscribeAndWait(rig.audio, 8000);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  CHECK(r->channels[0].detected_language == "es");
  CHECK(r->channels[0].transcript.text == "quiero una cita");
  const std::string q = rig.server.last().query;
  CHECK(q.find("detect_language=true") != std::string::npos);
  CHECK(q.find("language=en") == std::string::npos);
}

TEST_CASE("deepgram pre-recorded: 429 and 5xx are retried, and then the transcript arrives") {
  Rig rig;
  rig.server.InjectFault({.kind = Fault::Kind::kRateLimited, .retry_after_seconds = 0});
  rig.server.InjectFault({.kind = Fault::Kind::kHttpError, .http_status = 502});
  auto r = rig.stt->TranscribeAndWait(rig.audio, 16000);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  CHECK(rig.server.requests() == 3);
  CHECK(rig.server.last().sample_rate == 16000);
}

TEST_CASE("deepgram pre-recorded: a service that keeps failing is kUnavailable in its own words") {
  Rig rig;
  rig.server.InjectFault({.kind = Fault::Kind::kHttpError, .http_status = 500}, 3);
  auto r = rig.stt->TranscribeAndWait(rig.audio, 8000);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Code::kUnavailable);
  CHECK(r.status().message() == "Deepgram HTTP 500: Something went wrong.");
  CHECK(rig.server.requests() == 3);  // the first and two retries
}

TEST_CASE("deepgram pre-recorded: a refused key is not retried and not shown") {
  FakeDeepgramRestServer other("another-key");
  REQUIRE(other.Start());
  auto l = EventLoop::Start();
  REQUIRE(l.ok());
  DeepgramPrerecordedConfig c;
  c.base_url = other.base_url();
  c.api_key = "dg-secret-value";
  auto stt = DeepgramPrerecordedStt::Create(**l, c);
  REQUIRE(stt.ok());
  auto r = (*stt)->TranscribeAndWait(std::vector<int16_t>(800, 1), 8000);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Code::kInvalidArgument);
  CHECK(r.status().message() == "Deepgram HTTP 401: Invalid credentials.");
  CHECK(other.requests() == 1);
}

TEST_CASE("deepgram pre-recorded: a stalled answer times out and a cut body is unreadable") {
  Rig stalled([](DeepgramPrerecordedConfig& c) {
    c.response_timeout = 200ms;
    c.retry.max_retries = 0;
  });
  stalled.server.InjectFault({.kind = Fault::Kind::kStall, .delay = 3s});
  auto r = stalled.stt->TranscribeAndWait(stalled.audio, 8000);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Code::kUnavailable);

  Rig cut;
  cut.server.InjectFault({.kind = Fault::Kind::kMalformed});
  auto m = cut.stt->TranscribeAndWait(cut.audio, 8000);
  REQUIRE_FALSE(m.ok());
  CHECK(m.status().code() == Code::kUnavailable);
  CHECK(m.status().message().starts_with("Deepgram answered with an unreadable transcript"));
}

TEST_CASE("deepgram pre-recorded: bad audio, bad settings and a blocking call on the loop") {
  Rig rig;
  auto empty = rig.stt->TranscribeAndWait({}, 8000);
  CHECK(empty.status().code() == Code::kInvalidArgument);
  auto rate = rig.stt->TranscribeAndWait(rig.audio, 4000);
  CHECK(rate.status().code() == Code::kInvalidArgument);
  CHECK(rate.status().message() == "Deepgram takes 8000..48000 Hz audio, not 4000 Hz");
  CHECK(rig.server.requests() == 0);
  auto on_loop = rig.loop->Call([&] { return rig.stt->TranscribeAndWait(rig.audio, 8000); });
  CHECK(on_loop.status().code() == Code::kInternal);

  DeepgramPrerecordedConfig c;
  c.api_key = "k";
  c.base_url = "ws://api.deepgram.com";
  CHECK(DeepgramPrerecordedStt::Create(*rig.loop, c).status().code() == Code::kConfig);
  c.base_url = "https://api.deepgram.com";
  c.api_key.clear();
  const char* saved = std::getenv("DEEPGRAM_API_KEY");
  const std::string keep = saved ? saved : "";
  ::unsetenv("DEEPGRAM_API_KEY");
  CHECK(DeepgramPrerecordedStt::Create(*rig.loop, c).status().code() == Code::kConfig);
  if (saved) ::setenv("DEEPGRAM_API_KEY", keep.c_str(), 1);
}
