// The whole pipeline on the embedded engines, as `voxdesk demo` runs it: a
// synthetic caller (Flite or espeak-ng) over a G.711 mu-law line with white
// noise at 15 dB SNR, pocketsphinx hearing it with the grammar for what the
// dialog expects next (the espeak-ng caller with the model adapted to
// synthetic callers, PocketsphinxOptions::telephone_acoustic_model), the
// conversation engine deciding and espeak-ng answering. The caller books as a real caller would:
// asks for a cleaning next Tuesday at ten (taken, so the agent offers other times), takes the
// second time offered, gives a name and date of birth, hears the read-back
// and says yes. The call must end with exactly that appointment in the
// store, and the runtime must hold: every line the caller says becomes one
// turn with a transcript, the agent answers each within the endpointing
// delay, and both legs are recorded.
#include <cmath>

#include "providers/espeak_tts.h"
#include "providers/flite_tts.h"
#include "providers/pocketsphinx_stt.h"
#include "session_fixture.h"

using namespace voxdesk;
using namespace voxdesk::session;
using voxdesk::testing::SessionWorld;

namespace {

// Another patient already has `start` with every staff member who does
// `service`, so the caller's first wish cannot be met.
void TakeTime(SessionWorld& w, const std::string& service, const std::string& start) {
  const Service* svc = nullptr;
  for (const Service& s : w.config.business.services)
    if (s.id == service) svc = &s;
  REQUIRE(svc);
  int n = 0;
  for (const std::string& staff : svc->staff) {
    BookingInput in;
    in.service = service;
    in.staff = staff;
    in.start = w.At(start);
    in.customer.name = "Another Patient";
    in.customer.phone = "+1555010990" + std::to_string(n++);
    in.idempotency_key = "taken-" + staff;
    REQUIRE(w.scheduler->Book(in).ok());
  }
}

void CheckBooked(SessionWorld& w, const dialog::CallRecord& rec) {
  // The appointment the caller chose, for the name they gave, read back and
  // confirmed: the times offered for a cleaning around ten next Tuesday are
  // 8:45, 11:15 and 1 PM, and the second is 11:15 with Dr. Patel.
  auto live = w.store->LiveBookings(w.config.business.id);
  REQUIRE(live.ok());
  std::vector<BookingRecord> mine;
  for (const BookingRecord& b : *live)
    if (b.customer.phone == "+15550100177") mine.push_back(b);
  REQUIRE(mine.size() == 1);
  CHECK(mine[0].service == "cleaning");
  CHECK(mine[0].start == w.At("2026-03-10T11:15:00-04:00"));
  CHECK(mine[0].customer.name == "Maria Lopez");
  REQUIRE(rec.booking);
  CHECK(rec.booking->id == mine[0].id);
  CHECK(rec.outcome == dialog::Outcome::kBooked);
  // Booked only after the read-back, and the caller's next words were a yes.
  size_t read_back = rec.transcript.size();
  for (size_t i = 0; i < rec.transcript.size(); ++i)
    if (rec.transcript[i].speaker == "agent" &&
        rec.transcript[i].text.find("Shall I book it?") != std::string::npos)
      read_back = i;
  REQUIRE(read_back + 1 < rec.transcript.size());
  const auto& answer = rec.transcript[read_back + 1];
  CHECK(answer.speaker == "caller");
  bool yes = false;
  for (const char* w : {"yes", "yeah", "yep", "yup", "sure", "correct"})
    yes = yes || (" " + answer.text + " ").find(std::string(" ") + w + " ") != std::string::npos;
  CHECK_MESSAGE(yes, answer.text);
  // The booking is announced in the reply to that yes, and not before.
  REQUIRE(read_back + 2 < rec.transcript.size());
  CHECK(rec.transcript[read_back + 2].text.find(mine[0].confirmation_code) != std::string::npos);
  for (size_t i = 0; i <= read_back + 1; ++i)
    CHECK(rec.transcript[i].text.find(mine[0].confirmation_code) == std::string::npos);
}

// `snr_db` < 0: a clean line. `expect_booking`: the call must end with the
// caller's appointment booked (else only the runtime is checked: what the
// recogniser makes of the words decides what the agent does).
// `synthetic_model`: recognise with the model adapted to synthetic callers
// (else Debian's en-us model). `seed`: the line noise's draw.
void RunAudioCall(providers::Tts& caller_voice, double snr_db, bool expect_booking,
                  bool synthetic_model, uint32_t seed = 7) {
  SessionWorld w("medical-practice.json", "2026-03-05T09:00:00-05:00");  // Thursday
  TakeTime(w, "cleaning", "2026-03-10T10:00:00-04:00");                  // next Tuesday at ten
  auto agent_voice = providers::EspeakTts::Create();
  REQUIRE_MESSAGE(agent_voice.ok(), agent_voice.status().message());
  providers::PocketsphinxOptions so;
  so.telephone_noise_floor = 40;  // see PocketsphinxOptions
  if (synthetic_model) {
    // The en-us model adapted to synthetic callers (the build makes it).
    so.telephone_acoustic_model = providers::SyntheticCallerModel();
    REQUIRE_MESSAGE(!so.telephone_acoustic_model.empty(),
                    "the synthetic-caller model was not built");
  }
  auto stt = providers::PocketsphinxStt::Create(so);
  REQUIRE_MESSAGE(stt.ok(), stt.status().message());

  SimulatedCallerOptions co;
  co.noise_snr_db = snr_db;
  co.seed = seed;
  const std::vector<CallerLine> lines = {
      {"hi, i'd like to book a teeth cleaning next tuesday at ten.", "", -1},
      {"the second one please.", "", -1},
      {"my name is maria lopez.", "", -1},
      {"march third, nineteen eighty five.", "", -1},
      {"yes please.", "", -1},
      {"no, that's all, thank you.", "", -1}};
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

  if (expect_booking) CheckBooked(w, rec);
  // Every line the caller got to say (the agent may hand the call over
  // before the script ends) was one turn, heard as words, and answered.
  const int said = static_cast<int>(call.caller->said().size());
  CHECK(said >= 2);
  if (expect_booking) CHECK(said == static_cast<int>(lines.size()));
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
         (!expect_booking && call.session->end_reason() == "transfer")));
}

}  // namespace

TEST_CASE("a call in audio with a Flite caller on a clean mu-law line books the appointment") {
  auto voice = providers::FliteTts::Create();
  REQUIRE(voice.ok());
  RunAudioCall(**voice, -1, true, false);
}

// Flite's voice sounds like a recorded person, and the stock model hears it
// best on a clean line; at 15 dB of white noise either model mishears it
// word for word (docs/session.md has the figures), so this call checks the
// runtime only.
TEST_CASE("a call in audio with a Flite caller and 15 dB of line noise runs turn by turn") {
  auto voice = providers::FliteTts::Create();
  REQUIRE(voice.ok());
  RunAudioCall(**voice, 15, false, false);
}

// Three draws of the noise, each a whole call that must book.
TEST_CASE(
    "a call in audio with an espeak-ng caller and 15 dB of line noise books the appointment") {
  providers::EspeakOptions cv;
  cv.voice_en = "en-us";
  cv.rate_wpm = 130;
  auto voice = providers::EspeakTts::Create(cv);
  REQUIRE(voice.ok());
  for (uint32_t seed : {7u, 8u, 9u}) {
    CAPTURE(seed);
    RunAudioCall(**voice, 15, true, true, seed);
  }
}
