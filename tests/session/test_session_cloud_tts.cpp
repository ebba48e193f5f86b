// A session whose voice is ElevenLabs, reached over a real WebSocket (the
// loopback fake): the network engine's audio must reach the line through
// the session's own ticks, with no callback on another thread.
#include <doctest/doctest.h>

#include <thread>

#include "fakes/fake_elevenlabs_server.h"
#include "providers/elevenlabs_tts.h"
#include "providers/net/event_loop.h"
#include "session_fixture.h"

using namespace std::chrono_literals;
using voxdesk::testing::SessionWorld;

TEST_CASE("a session speaks its greeting through ElevenLabs over the network") {
  SessionWorld w("medical-practice.json", "2026-03-05T09:00:00-05:00");
  voxdesk::fakes::FakeElevenLabsServer server("xi-key");
  REQUIRE(server.Start());
  auto loop = voxdesk::providers::net::EventLoop::Start();
  REQUIRE(loop.ok());
  voxdesk::providers::ElevenLabsConfig c;
  c.base_url = server.url();
  c.api_key = "xi-key";
  c.voice_id = "21m00Tcm4TlvDq8ikWAM";
  auto tts = voxdesk::providers::ElevenLabsTts::Create(**loop, c);
  REQUIRE(tts.ok());
  auto deps = w.Deps();
  deps.tts = tts->get();
  auto s = voxdesk::session::Session::Create(deps, {}, "cloud-1", "+15550001111");
  REQUIRE(s.ok());
  REQUIRE((*s)->Start().ok());

  voxdesk::media::AudioFrame in, out;
  in.sample_rate = 8000;
  in.count = 160;
  int voiced = 0;
  // Real time: the audio comes over a socket. The virtual clock stays put,
  // so no reprompt or timeout interferes.
  for (int i = 0; i < 1500 && voiced < 5; ++i) {
    REQUIRE((*s)->Tick(&in, out));
    bool any = false;
    for (size_t k = 0; k < out.count; ++k) any |= out.samples[k] != 0;
    voiced += any;
    std::this_thread::sleep_for(2ms);
  }
  CHECK(voiced >= 5);
  auto generations = server.generations();
  REQUIRE_FALSE(generations.empty());
  CHECK(generations[0].size() > 10);  // the greeting's first sentence
}
