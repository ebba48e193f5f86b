// The whole pipeline on the embedded engines, as `voxdesk demo` runs it: a
// synthetic caller (Flite or espeak-ng) over a G.711 mu-law line with white
// noise at 15 dB SNR, pocketsphinx hearing it, the conversation engine
// deciding and espeak-ng answering. What this proves is the runtime: every
// line the caller says becomes exactly one turn with a transcript, the agent
// answers each within the endpointing delay, both legs are recorded, and the
// call ends cleanly. (Whether the words are understood well enough to book is
// the recogniser's accuracy, measured separately in tests/providers.)
#include <cmath>

#include "providers/espeak_tts.h"
#include "providers/flite_tts.h"
#include "providers/pocketsphinx_stt.h"
#include "session_fixture.h"

using namespace voxdesk;
using namespace voxdesk::session;
using voxdesk::testing::SessionWorld;

namespace {

void RunAudioCall(providers::Tts& caller_voice) {
  SessionWorld w("medical-practice.json", "2026-03-05T09:00:00-05:00");  // Thursday
  auto agent_voice = providers::EspeakTts::Create();
  REQUIRE_MESSAGE(agent_voice.ok(), agent_voice.status().message());
  auto stt = providers::PocketsphinxStt::Create();
  REQUIRE_MESSAGE(stt.ok(), stt.status().message());

  SimulatedCallerOptions co;
  co.noise_snr_db = 15;
  co.seed = 7;
  const std::vector<CallerLine> lines = {
      {"hi, this is maria lopez, i'd like to book a teeth cleaning next tuesday at ten.", "", -1},
      {"the second one please.", "", -1},
      {"yes please.", "", -1}};
  auto caller = SimulatedCaller::Create(lines, caller_voice, co);
  REQUIRE(caller.ok());
  SessionDeps deps = w.Deps();
  deps.stt = stt->get();
  deps.tts = agent_voice->get();
  SessionConfig sc;
  sc.record = true;
  auto s = Session::Create(deps, sc, "audio-1", "+15550100177");
  REQUIRE(s.ok());
  REQUIRE((*s)->Start().ok());
  SessionWorld::Call call{std::move(*s), std::move(*caller)};
  w.Run(call);

  const auto& rec = call.session->record();
  for (const auto& l : rec.transcript) MESSAGE(l.speaker << ": " << l.text);
  // Every line the caller got to say (the agent may hand the call over
  // before the script ends) was one turn, heard as words, and answered.
  const int said = static_cast<int>(call.caller->said().size());
  CHECK(said >= 2);
  int caller_turns = 0, agent_lines = 0;
  for (const auto& l : rec.transcript) {
    if (l.speaker == "caller") {
      ++caller_turns;
      CHECK_FALSE(l.text.empty());
    } else {
      ++agent_lines;
    }
  }
  CHECK(caller_turns == said);
  CHECK(agent_lines == caller_turns + 1);  // the greeting, then one reply per turn
  // The reply starts soon after the caller stops: the endpointing delay and
  // at most a frame or two, never seconds.
  REQUIRE(call.session->turns().size() == static_cast<size_t>(caller_turns));
  for (const auto& t : call.session->turns()) {
    CHECK(t.response_ms() >= 300);
    CHECK(t.response_ms() <= 1500);
    CHECK(t.first_frame_ms >= t.decided_ms);
  }
  // Both legs are in the recording, caller left and agent right.
  REQUIRE(call.session->recorder());
  const media::WavAudio wav = call.session->recorder()->Stacked();
  REQUIRE(wav.channels == 2);
  double left = 0, right = 0;
  for (size_t i = 0; i + 1 < wav.samples.size(); i += 2) {
    left += std::abs(wav.samples[i]);
    right += std::abs(wav.samples[i + 1]);
  }
  CHECK(left > 0);
  CHECK(right > 0);
  CHECK((call.session->end_reason() == "caller" || call.session->end_reason() == "agent" ||
         call.session->end_reason() == "transfer"));
}

}  // namespace

TEST_CASE(
    "a call in audio with a Flite caller and 15 dB of line noise runs turn by turn to its end") {
  auto voice = providers::FliteTts::Create();
  REQUIRE(voice.ok());
  RunAudioCall(**voice);
}

TEST_CASE(
    "a call in audio with an espeak-ng caller and 15 dB of line noise runs turn by turn to its "
    "end") {
  providers::EspeakOptions cv;
  cv.voice_en = "en-us";
  cv.rate_wpm = 130;
  auto voice = providers::EspeakTts::Create(cv);
  REQUIRE(voice.ok());
  RunAudioCall(**voice);
}
