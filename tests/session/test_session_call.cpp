// Whole calls through a session in virtual time with instant fake engines:
// turn-taking, the booking, events, metrics and how the call ends.
#include <filesystem>
#include <fstream>

#include "providers/outbox_notifier.h"
#include "session_fixture.h"

using namespace voxdesk;
using namespace voxdesk::session;
using voxdesk::testing::SessionWorld;

namespace {
constexpr const char* kNow = "2026-10-05T09:00:00-04:00";  // Monday, open

std::vector<CallerLine> BookingScript() {
  return {{"hi this is ana ruiz born march 3rd 1985 i need a cleaning tuesday at 10", "", -1},
          {"yes please", "", -1},
          {"no that's all thank you bye", "", -1}};
}
}  // namespace

TEST_CASE("a call in audio books through the session and ends when the agent says goodbye") {
  SessionWorld w("medical-practice.json", kNow);
  auto call = w.Start("c1", "+15550001111", BookingScript());
  w.Run(call);
  const auto& rec = call.session->record();
  REQUIRE(rec.booking);
  CHECK(rec.outcome == dialog::Outcome::kBooked);
  CHECK(rec.booking->start == *ParseRfc3339("2026-10-06T10:00:00-04:00"));
  CHECK(rec.booking->customer.phone == "+15550001111");
  CHECK(call.session->end_reason() == "agent");
  CHECK(call.caller->lines_left() == 0);

  // Every caller line became exactly one turn, in order.
  std::vector<std::string> heard;
  for (const auto& l : rec.transcript)
    if (l.speaker == "caller") heard.push_back(l.text);
  REQUIRE(heard.size() == 3);
  CHECK(heard[1] == "yes please");

  // Events: the transcript, a booking event, metrics per turn, the hang-up last.
  const auto events = w.Drain();
  int transcripts = 0, bookings = 0, metrics = 0;
  for (const auto& e : events) {
    transcripts += e.type == EventType::kTranscript;
    bookings += e.type == EventType::kBooking;
    metrics += e.type == EventType::kMetrics;
    CHECK(e.call_id == "c1");
  }
  CHECK(transcripts == 3);
  CHECK(bookings == 1);
  CHECK(metrics == 3);
  REQUIRE_FALSE(events.empty());
  CHECK(events.back().type == EventType::kHangup);
  CHECK(events.back().text == "agent");
}

TEST_CASE(
    "per-turn latency: every stage is stamped in order and the reply starts on the tick its audio "
    "is ready") {
  SessionWorld w("medical-practice.json", kNow);
  SessionConfig cfg;
  cfg.end_of_turn_ms = 500;
  auto call = w.Start("c2", "+15550001112", BookingScript(), cfg);
  w.Run(call);
  const auto& turns = call.session->turns();
  REQUIRE(turns.size() == 3);
  for (const TurnMetrics& m : turns) {
    CHECK(m.speech_end_ms > 0);
    CHECK(m.final_ms >= m.speech_end_ms);
    CHECK(m.decided_ms >= m.final_ms);
    // The turn ends only after the configured silence.
    CHECK(m.decided_ms - m.speech_end_ms >= cfg.end_of_turn_ms);
    CHECK(m.decided_ms - m.speech_end_ms < cfg.end_of_turn_ms + 100);
    // Instant engines: first audio on the decision tick, first frame on it too.
    CHECK(m.first_audio_ms == m.decided_ms);
    CHECK(m.first_frame_ms == m.decided_ms);
    CHECK(m.response_ms() == m.first_frame_ms - m.speech_end_ms);
    CHECK(m.dialog_us > 0);
    CHECK(m.sdk_us >= m.dialog_us);
    CHECK_FALSE(m.interrupted);
  }
}

TEST_CASE("the caller hanging up ends the call and releases the held time") {
  SessionWorld w("medical-practice.json", kNow);
  // Asks for a day, so times are offered and held, then hangs up.
  auto call =
      w.Start("c3", "+15550001113",
              {{"this is bo li born june 1st 1990 i'd like a cleaning on tuesday", "", -1}});
  w.Run(call);
  CHECK(call.session->end_reason() == "caller");
  CHECK_FALSE(call.session->record().booking);
  auto holds = w.store->LiveHolds(w.config.business.id, w.clock.NowSeconds());
  REQUIRE(holds.ok());
  CHECK(holds->empty());
}

TEST_CASE("silence gets a reprompt after the no-input time, and repeated silence ends the call") {
  SessionWorld w("medical-practice.json", kNow);
  SessionConfig cfg;
  cfg.no_input_ms = 3000;
  auto call = w.Start("c4", "+15550001114", {}, cfg);
  call.caller.reset();
  auto quiet = SimulatedCaller::Create({}, w.tts);
  REQUIRE(quiet.ok());
  // A caller that never speaks and never hangs up.
  SimulatedCallerOptions o;
  o.hangup_after_ms = 1 << 30;
  quiet = SimulatedCaller::Create({}, w.tts, o);
  REQUIRE(quiet.ok());
  call.caller = std::move(*quiet);
  w.Run(call);
  int silent = 0;
  for (const auto& l : call.session->record().transcript)
    silent += l.speaker == "caller" && l.intent == "silence";
  CHECK(silent == w.receptionist.settings.no_input_turns);
  CHECK((call.session->end_reason() == "transfer" || call.session->end_reason() == "agent"));
  CHECK(call.session->record().escalation_reason ==
        (call.session->end_reason() == "transfer" ? "no_input" : ""));
}

TEST_CASE("keys: 0 goes to a person, and the call is transferred after the agent says so") {
  SessionWorld w("medical-practice.json", kNow);
  auto call = w.Start("c5", "+15550001115", {{"", "0", -1}});
  w.Run(call);
  CHECK(call.session->end_reason() == "transfer");
  CHECK(call.session->record().transfer_to == w.config.business.transfer_number);
  CHECK(call.session->record().escalation_reason == "caller_request");
  bool dtmf = false, transfer = false;
  for (const auto& e : w.Drain()) {
    dtmf |= e.type == EventType::kDtmf && e.text == "0";
    transfer |= e.type == EventType::kTransfer && e.text == w.config.business.transfer_number;
  }
  CHECK(dtmf);
  CHECK(transfer);
}

TEST_CASE("the recogniser is told what the dialog expects next") {
  SessionWorld w("medical-practice.json", kNow);
  auto call = w.Start("c6", "+15550001116", BookingScript());
  w.Run(call);
  const auto hints = w.stt.hints();
  REQUIRE(hints.size() >= 3);
  using Kind = providers::RecognitionHint::Kind;
  CHECK(hints[0].kind == Kind::kAny);  // the opening: anything, services boosted
  CHECK_FALSE(hints[0].phrases.empty());
  CHECK(hints[1].kind == Kind::kYesNo);  // after the read-back
}

TEST_CASE("session config: out-of-range values are rejected with the field named") {
  SessionConfig c;
  c.barge_in_ms = 10;
  Status st = ValidateSessionConfig(c);
  CHECK_FALSE(st.ok());
  CHECK(st.message().find("barge_in_ms") != std::string::npos);
  c = SessionConfig{};
  c.sample_rate = 44100;
  CHECK(ValidateSessionConfig(c).message().find("sample_rate") != std::string::npos);
  c = SessionConfig{};
  c.vad.threshold_db = -5;
  CHECK(ValidateSessionConfig(c).message().rfind("vad.", 0) == 0);
  CHECK(ValidateSessionConfig(SessionConfig{}).ok());
}

TEST_CASE(
    "a booking made on a call sends a text to the caller and the invite to the office, once") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("voxdesk-outbox-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  SessionWorld w("medical-practice.json", kNow);
  auto notifier = providers::OutboxNotifier::Create(dir.string(), w.clock);
  REQUIRE(notifier.ok());
  auto channel = std::make_shared<fakes::TranscriptChannel>();
  auto caller = SimulatedCaller::Create(BookingScript(), w.tts);
  REQUIRE(caller.ok());
  (*caller)->on_say = [channel](const std::string& t) { channel->lines.push_back(t); };
  w.stt.Expect(channel);
  SessionDeps deps = w.Deps();
  deps.notifier = notifier->get();
  auto s = Session::Create(deps, {}, "c-notify", "+15550001199");
  REQUIRE(s.ok());
  REQUIRE((*s)->Start().ok());
  SessionWorld::Call call{std::move(*s), std::move(*caller)};
  w.Run(call);
  REQUIRE(call.session->record().booking);
  std::vector<std::string> sms, emails;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    std::ifstream in(e.path());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (name.rfind("sms-", 0) == 0) sms.push_back(text);
    if (name.rfind("email-", 0) == 0) emails.push_back(text);
  }
  REQUIRE(sms.size() == 1);
  CHECK(sms[0].find("+15550001199") != std::string::npos);
  CHECK(sms[0].find(call.session->record().booking->confirmation_code) != std::string::npos);
  REQUIRE(emails.size() == 1);  // the caller gave no address: only the office's copy
  CHECK(emails[0].find("To: " + w.config.business.email) != std::string::npos);
  CHECK(emails[0].find("text/calendar") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("a business that requires recording gets its notice said first and both legs recorded") {
  SessionWorld w("medical-practice.json", kNow);
  auto settings = dialog::ParseDialogSettings(
      R"({"recording": {"enabled": true, "notice": "Calls are recorded for quality."}})");
  REQUIRE(settings.ok());
  w.receptionist.settings = *settings;
  auto call = w.Start("c-rec", "+15550001201", BookingScript());  // the session config says nothing
  w.Run(call);
  REQUIRE(call.session->recorder());
  CHECK(call.session->recorder()->length_samples() > 8000 * 10);
  const auto& first = call.session->record().transcript.front();
  CHECK(first.speaker == "agent");
  bool said = false;
  for (const auto& e : w.Drain())
    if (e.type == EventType::kAgentSpeech &&
        e.text.rfind("Calls are recorded for quality. ", 0) == 0)
      said = true;
  CHECK(said);
  CHECK(dialog::ParseDialogSettings(R"({"recording": {"enabled": "yes"}})")
            .status()
            .message()
            .find("dialog.recording.enabled") != std::string::npos);
  CHECK(dialog::ParseDialogSettings(R"({"recording": {"notise": "x"}})")
            .status()
            .message()
            .find("dialog.recording.notise") != std::string::npos);
  CHECK(dialog::ParseDialogSettings(R"({"recording": {"notice": ""}})")
            .status()
            .message()
            .find("dialog.recording.notice") != std::string::npos);
}
