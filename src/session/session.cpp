#include "session/session.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <nlohmann/json.hpp>

#include "dialog/hybrid_agent.h"
#include "providers/confirmation.h"
#include "providers/notifier.h"
#include "providers/telephony.h"
#include "schedule/scheduler.h"
#include "session/dialog_pool.h"
#include "session/hints.h"
#include "session/realtime_leg.h"
#include "session/steady_time.h"

namespace voxdesk::session {

// A turn on the dialog pool. The job owns a reference to the agent, so a
// session that ends first leaves the turn to finish, and the job then
// finishes the agent (releasing its holds) itself.
struct Session::PendingTurn {
  std::mutex mu;
  bool done = false;       // guarded by mu
  bool abandoned = false;  // guarded by mu: the session is gone
  dialog::AgentReply reply;
  int64_t dialog_us = 0;
  TurnMetrics metrics;  // the session's, kept for FinishTurn
};

namespace {

// Engine time is measured so that it can be left out of what the SDK adds.
class EngineTimer {
 public:
  explicit EngineTimer(int64_t& total) : total_(total), start_(SteadyUs()) {}
  ~EngineTimer() { total_ += SteadyUs() - start_; }

 private:
  int64_t& total_;
  int64_t start_;
};

Status Range(const char* name, int v, int lo, int hi) {
  if (v < lo || v > hi)
    return Status(Code::kInvalidArgument, std::string(name) + ": must be in " + std::to_string(lo) +
                                              ".." + std::to_string(hi) + " (got " +
                                              std::to_string(v) + ")");
  return Status::Ok();
}

// Splits a reply into sentences, each keeping its punctuation, so a mark can
// follow each one. An abbreviation ("Dr. Lee") splits a sentence in two,
// which only makes the marks finer.
std::deque<std::string> Sentences(const std::string& text) {
  std::deque<std::string> out;
  std::string cur;
  for (size_t i = 0; i < text.size(); ++i) {
    if (cur.empty() && text[i] == ' ') continue;
    cur += text[i];
    const char c = text[i];
    if ((c == '.' || c == '?' || c == '!') && (i + 1 == text.size() || text[i + 1] == ' ')) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

}  // namespace

Status ValidateSessionConfig(const SessionConfig& c) {
  if (c.sample_rate != 8000 && c.sample_rate != 16000)
    return Status(Code::kInvalidArgument,
                  "sample_rate: must be 8000 or 16000 (got " + std::to_string(c.sample_rate) + ")");
  for (const Status& st : {Range("end_of_turn_ms", c.end_of_turn_ms, 100, 5000),
                           Range("stt_final_wait_ms", c.stt_final_wait_ms, 0, 10000),
                           Range("barge_in_ms", c.barge_in_ms, 60, 5000),
                           Range("no_input_ms", c.no_input_ms, 1000, 120000),
                           Range("dtmf_entry_ms", c.dtmf_entry_ms, 200, 20000),
                           Range("playout_ahead_ms", c.playout_ahead_ms, 100, 60000),
                           Range("max_call_ms", c.max_call_ms, 10000, 24 * 3600 * 1000)})
    if (!st.ok()) return st;
  if (c.record && c.recording_notice.empty())
    return Status(Code::kInvalidArgument, "recording_notice: must not be empty when recording");
  media::VadConfig vad = c.vad;
  vad.sample_rate = c.sample_rate;
  if (Status st = media::ValidateVadConfig(vad); !st.ok())
    return Status(Code::kInvalidArgument, "vad." + st.message());
  return Status::Ok();
}

std::string TurnMetrics::Json() const {
  return nlohmann::json{{"turn", turn},
                        {"speech_end_ms", speech_end_ms},
                        {"final_ms", final_ms},
                        {"decided_ms", decided_ms},
                        {"first_audio_ms", first_audio_ms},
                        {"first_frame_ms", first_frame_ms},
                        {"response_ms", response_ms()},
                        {"dialog_us", dialog_us},
                        {"tts_first_audio_us", tts_first_audio_us},
                        {"sdk_us", sdk_us},
                        {"interrupted", interrupted}}
      .dump();
}

Result<std::unique_ptr<Session>> Session::Create(const SessionDeps& deps, SessionConfig config,
                                                 std::string call_id, std::string caller_id) {
  if (!deps.receptionist || !deps.scheduler || !deps.clock || !deps.stt || !deps.tts)
    return Status(Code::kInvalidArgument,
                  "session needs a receptionist, a scheduler, a clock, an STT and a TTS engine");
  if (Status st = ValidateSessionConfig(config); !st.ok()) return st;
  config.vad.sample_rate = config.sample_rate;
  const dialog::DialogSettings& business_rules = deps.receptionist->settings;
  if (business_rules.record_calls) {
    config.record = true;
    if (!business_rules.recording_notice.empty())
      config.recording_notice = business_rules.recording_notice;
  }
  std::unique_ptr<Session> s(
      new Session(deps, std::move(config), std::move(call_id), std::move(caller_id)));
  const SessionConfig& c = s->config_;

  auto vad = media::EnergyVad::Create(c.vad);
  if (!vad.ok()) return vad.status();
  s->vad_ = std::make_unique<media::EnergyVad>(std::move(*vad));
  media::DtmfDetectorConfig dc;
  dc.sample_rate = c.sample_rate;
  auto dtmf = media::DtmfDetector::Create(dc);
  if (!dtmf.ok()) return dtmf.status();
  s->dtmf_ = std::make_unique<media::DtmfDetector>(std::move(*dtmf));
  media::PlayoutQueueConfig pc;
  pc.sample_rate = c.sample_rate;
  // Room for what synthesis may run ahead plus one chunk; the rest waits in
  // pending_ (memory per session stays small, barge-in drops little).
  pc.max_duration = std::chrono::milliseconds(c.playout_ahead_ms + 1000);
  pc.max_marks = 64;
  auto playout = media::PlayoutQueue::Create(pc);
  if (!playout.ok()) return playout.status();
  s->playout_ = std::make_unique<media::PlayoutQueue>(std::move(*playout));
  if (c.record) {
    media::CallRecorderConfig rc;
    rc.sample_rate = c.sample_rate;
    auto rec = media::CallRecorder::Create(rc);
    if (!rec.ok()) return rec.status();
    s->recorder_.emplace(std::move(*rec));
  }
  if (deps.realtime) {
    // The engine's side of a realtime call is an LLM-mode agent, which also
    // takes the call over through the text model, or the embedded engine,
    // if the realtime model goes away.
    s->llm_mode_ = true;
    auto agent = std::make_shared<dialog::HybridAgent>(
        *deps.receptionist, *deps.scheduler, *deps.clock, deps.llm ? *deps.llm : NoTextModel(),
        s->call_id_, s->caller_id_, deps.scheduler_lock);
    s->realtime_agent_ = &agent->model();
    s->agent_ = std::move(agent);
  } else if (deps.llm) {
    s->llm_mode_ = true;
    s->agent_ = std::make_shared<dialog::HybridAgent>(*deps.receptionist, *deps.scheduler,
                                                      *deps.clock, *deps.llm, s->call_id_,
                                                      s->caller_id_, deps.scheduler_lock);
  } else {
    s->agent_ = std::make_shared<dialog::Conversation>(*deps.receptionist, *deps.scheduler,
                                                       *deps.clock, s->call_id_, s->caller_id_);
  }
  return s;
}

Session::Session(const SessionDeps& deps, SessionConfig config, std::string call_id,
                 std::string caller_id)
    : deps_(deps),
      config_(std::move(config)),
      call_id_(std::move(call_id)),
      caller_id_(std::move(caller_id)) {}

Session::~Session() {
  if (tts_) tts_->Cancel();
  if (pending_turn_) {
    std::lock_guard lock(pending_turn_->mu);
    if (!pending_turn_->done) {
      pending_turn_->abandoned = true;  // the job finishes the agent
      return;
    }
  }
  if (agent_) {
    auto lock = DialogLock();
    agent_->Finish();
  }
}

int64_t Session::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(deps_.clock->Now() - answered_)
      .count();
}

void Session::Emit(EventType type, std::string text, std::string json) {
  if (!deps_.events) return;
  Event e;
  e.type = type;
  e.call_id = call_id_;
  e.t_ms = now_ms();
  e.text = std::move(text);
  e.json = std::move(json);
  deps_.events->OnEvent(e);
}

std::string Session::TagFor(dialog::Lang lang) const {
  // The business locale keeps its region ("en-US") for the cloud engines.
  const std::string& locale = deps_.receptionist->business->locale;
  const std::string_view code = dialog::LangCode(lang);
  return dialog::SameLanguage(locale, code) ? locale : std::string(code);
}

Status Session::Start() {
  if (started_) return Status(Code::kConflict, "session already started");
  started_ = true;
  answered_ = deps_.clock->Now();
  tick_start_us_ = SteadyUs();
  agent_lang_ = agent_->lang();
  call_lang_ = TagFor(agent_lang_);
  if (!deps_.realtime) {
    auto stt = deps_.stt->Open(config_.sample_rate, call_lang_, *this);
    if (!stt.ok())
      return Status(stt.status().code(), "speech recognition: " + stt.status().message());
    stt_ = std::move(*stt);
  }
  Emit(EventType::kCallStarted, caller_id_);
  if (deps_.telephony) (void)deps_.telephony->Answer();
  dialog::AgentReply greeting;
  {
    auto lock = DialogLock();
    greeting = agent_->Start();
  }
  if (deps_.realtime) {
    // The model greets in its own voice once connected; the notice, the
    // business's words, goes first in the engine's.
    if (config_.record) Reply({config_.recording_notice, false, {}});
    StartRealtime(std::move(greeting));
    return Status::Ok();
  }
  if (config_.record) greeting.text = config_.recording_notice + " " + greeting.text;
  Reply(std::move(greeting));
  UpdateHint();
  return Status::Ok();
}

bool Session::agent_speaking() const {
  return !playout_->empty() || !pending_.empty() || !sentences_.empty() || tts_busy_;
}

// ------------------------------------------------------------------ the tick

bool Session::Tick(const media::AudioFrame* in, media::AudioFrame& out) {
  out.sample_rate = config_.sample_rate;
  out.count = media::SamplesPer(config_.sample_rate);
  out.pts_us = now_ms() * 1000;
  if (!started_ || over_) {
    std::fill_n(out.samples.begin(), out.count, int16_t{0});
    return !over_ && started_;
  }
  tick_start_us_ = SteadyUs();
  engine_us_ = 0;
  tts_us_ = 0;
  const int64_t now = now_ms();

  if (rt_opening_) PollRealtimeOpening();
  if (in && !hung_up_) {
    if (recorder_) (void)recorder_->AddCaller(now * 1000, in->pcm());
    std::array<media::DtmfEvent, 4> keys;
    const size_t n = dtmf_->Process(*in, keys);
    for (size_t i = 0; i < n; ++i) OnDtmf(keys[i].digit);
    if (realtime_) {
      if (Status st = realtime_->Append(in->pcm()); !st.ok()) FallBackFromRealtime(st.message());
    } else if (stt_) {  // (none while the realtime model is being reached)
      HandleVad(vad_->Process(*in));
      if (caller_speaking_ && vad_->frame_is_speech()) voiced_ms_ += media::kFrameMs;
      {
        EngineTimer t(engine_us_);
        if (Status st = stt_->Push(in->pcm()); !st.ok()) Emit(EventType::kError, st.message());
      }
      MaybeBargeIn();
    }
  }
  if (realtime_) PollRealtime();
  PollTurn();
  MaybeEndTurn();

  // Keys entered and then left alone form one entry.
  if (!pending_turn_ && !digits_.empty() && now - last_digit_ms_ >= config_.dtmf_entry_ms) {
    std::string entry = std::move(digits_);
    digits_.clear();
    TakeTurn(std::move(entry), true);
  }

  // No input: the agent finished and the caller said nothing (a realtime
  // model keeps its own counsel on silence).
  if (realtime_ || rt_opening_ || agent_speaking() || caller_speaking_ || turn_has_speech_ ||
      !digits_.empty() || pending_turn_)
    quiet_since_ms_ = now;
  else if (!end_after_reply_ && now - quiet_since_ms_ >= config_.no_input_ms) {
    quiet_since_ms_ = now;
    TakeTurn("", false);
  }
  if (!end_after_reply_ && !pending_turn_ && now >= config_.max_call_ms) {
    EndCall("timeout");
    return false;
  }

  if (tts_busy_ && tts_) tts_->Poll();  // a network engine's audio arrives here
  SynthesizeAhead();
  FeedPlayout();
  if (playout_->NextFrame(out)) {
    if (awaiting_first_frame_ && !turns_.empty()) {
      turns_.back().first_frame_ms = now;
      awaiting_first_frame_ = false;
      Emit(EventType::kMetrics, "", turns_.back().Json());
    }
  } else {
    std::fill_n(out.samples.begin(), out.count, int16_t{0});
  }
  out.sample_rate = config_.sample_rate;
  out.count = media::SamplesPer(config_.sample_rate);
  out.pts_us = now * 1000;
  std::string mark;
  while (playout_->PopReachedMark(mark)) {
  }
  if (recorder_) (void)recorder_->AddAgent(now * 1000, out.pcm());

  if (hung_up_ && !pending_turn_) {  // a turn in flight is let finish first
    EndCall("caller");
    return false;
  }
  if (end_after_reply_ && !agent_speaking()) {
    EndCall(transfer_to_.empty() ? "agent" : "transfer");
    return false;
  }
  return true;
}

// ------------------------------------------------------------ caller speech

void Session::HandleVad(const media::VadEvent& e) {
  const int64_t pts_ms = e.pts_us / 1000;
  if (e.type == media::VadEventType::kSpeechStart) {
    caller_speaking_ = true;
    speech_start_ms_ = pts_ms;
    // The frames between the speech's first frame and this report were speech.
    voiced_ms_ = now_ms() - pts_ms;
    started_while_agent_spoke_ = agent_speaking();
    if (!started_while_agent_spoke_) turn_has_speech_ = true;
  } else if (e.type == media::VadEventType::kSpeechEnd) {
    caller_speaking_ = false;
    if (turn_has_speech_) speech_end_ms_ = pts_ms;
    if (started_while_agent_spoke_ && !turn_has_speech_) {
      // A back-channel under the agent's voice: not a turn. Its transcript,
      // when the recogniser delivers one, is dropped.
      finals_.clear();
      last_partial_.clear();
      eou_ = false;
    }
  }
}

void Session::MaybeBargeIn() {
  if (!caller_speaking_ || !started_while_agent_spoke_ || turn_has_speech_) return;
  if (!agent_speaking()) {
    // The agent finished while the caller was already talking: it is a turn.
    turn_has_speech_ = true;
    return;
  }
  // Voiced frames, not time since the start: the VAD's stop hangover would
  // otherwise stretch a short "uh-huh" into an interruption.
  if (voiced_ms_ < config_.barge_in_ms) return;
  if (end_after_reply_) return;  // last words (goodbye, transfer notice) are not interrupted
  Interrupt();
  turn_has_speech_ = true;
}

void Session::Interrupt() {
  const media::PlayoutClearResult cleared = playout_->Clear();
  if (tts_) {
    tts_->Cancel();
    tts_.reset();  // a cancelled stream stays cancelled; the next reply opens a new one
  }
  tts_busy_ = false;
  sentences_.clear();
  pending_.clear();
  // Marks are "r<reply>.<sentence count heard>"; the last one played says
  // how much of this reply reached the caller.
  size_t heard_sentences = 0;
  if (cleared.last_mark_played) {
    const std::string& m = *cleared.last_mark_played;
    const std::string prefix = "r" + std::to_string(reply_id_) + ".";
    if (m.rfind(prefix, 0) == 0) heard_sentences = std::stoul(m.substr(prefix.size()));
  }
  std::string heard;
  for (size_t i = 0; i < heard_sentences && i < spoken_.size(); ++i)
    heard += (heard.empty() ? "" : " ") + spoken_[i];
  agent_->OnInterrupted(heard);
  if (!turns_.empty()) turns_.back().interrupted = true;
  awaiting_first_frame_ = false;
  awaiting_first_audio_ = false;
  Emit(EventType::kBargeIn, heard);
}

void Session::OnTranscript(const providers::Transcript& t) {
  // Speech that is not a turn (a back-channel under the agent's voice, or
  // the start of a possible barge-in) is not transcribed into one.
  if (!turn_has_speech_) return;
  if (t.is_final && !t.language.empty() && !dialog::SameLanguage(t.language, call_lang_))
    SwitchLanguage(t.language);
  if (t.is_final) {
    if (!t.text.empty()) finals_ += (finals_.empty() ? "" : " ") + t.text;
    final_ms_ = now_ms();
    last_partial_.clear();
  } else {
    last_partial_ = t.text;
    if (!t.text.empty()) Emit(EventType::kPartial, t.text);
  }
}

void Session::SwitchLanguage(std::string tag) {
  call_lang_ = std::move(tag);
  caller_lang_for_agent_ = call_lang_;
  Emit(EventType::kLanguage, call_lang_);
  // The recogniser hears of it at the turn's end (UpdateHint), not from
  // inside its own callback; the voice changes with the next reply.
}

void Session::OnEndOfUtterance(int64_t) {
  if (turn_has_speech_) eou_ = true;
}

void Session::MaybeEndTurn() {
  // Words said while the agent thinks make the next turn, after its reply.
  if (pending_turn_ || !turn_has_speech_ || caller_speaking_ || speech_end_ms_ < 0) return;
  const int64_t silence = now_ms() - speech_end_ms_;
  if (silence < config_.end_of_turn_ms) return;
  const bool have_final = eou_ || (!finals_.empty() && last_partial_.empty());
  if (!have_final && silence < config_.end_of_turn_ms + config_.stt_final_wait_ms) return;
  std::string text = finals_;
  if (!have_final && !last_partial_.empty()) text += (text.empty() ? "" : " ") + last_partial_;
  if (text.empty()) {
    // Speech the recogniser made nothing of (a cough, noise): not a turn.
    turn_has_speech_ = false;
    speech_end_ms_ = -1;
    eou_ = false;
    return;
  }
  TakeTurn(std::move(text), false);
}

// ------------------------------------------------------------------ a turn

void Session::TakeTurn(std::string text, bool keypad) {
  TurnMetrics m;
  m.turn = static_cast<int>(turns_.size()) + 1;
  m.speech_end_ms = keypad ? now_ms() : (speech_end_ms_ >= 0 ? speech_end_ms_ : now_ms());
  m.final_ms = final_ms_ >= 0 && !keypad ? std::max(final_ms_, m.speech_end_ms) : now_ms();
  m.decided_ms = now_ms();
  const std::optional<TimePoint> started =
      keypad || text.empty()
          ? std::nullopt
          : std::optional<TimePoint>(answered_ + std::chrono::milliseconds(speech_start_ms_));
  finals_.clear();
  last_partial_.clear();
  eou_ = false;
  turn_has_speech_ = false;
  speech_end_ms_ = -1;
  final_ms_ = -1;

  if (!text.empty()) Emit(keypad ? EventType::kDtmf : EventType::kTranscript, text);
  if (!caller_lang_for_agent_.empty()) {
    // No turn is running (TakeTurn starts one only when none is), so the
    // agent is ours to tell.
    auto lock = DialogLock();
    agent_->SetCallerLanguage(caller_lang_for_agent_);
    caller_lang_for_agent_.clear();
  }
  if (agent_->slow() && deps_.dialog_pool) {
    // The model may take seconds: the worker goes on ticking this call (and
    // its others) and PollTurn picks the reply up.
    auto turn = std::make_shared<PendingTurn>();
    turn->metrics = m;
    pending_turn_ = turn;
    deps_.dialog_pool->Submit([turn, agent = agent_, text = std::move(text), keypad, started] {
      const int64_t t0 = SteadyUs();
      dialog::AgentReply reply =
          keypad ? agent->OnKeypad(text) : agent->OnCallerTurn(text, started);
      const int64_t us = SteadyUs() - t0;
      std::lock_guard lock(turn->mu);
      turn->reply = std::move(reply);
      turn->dialog_us = us;
      turn->done = true;
      if (turn->abandoned) agent->Finish();
    });
    return;
  }
  const int64_t t0 = SteadyUs();
  dialog::AgentReply reply;
  {
    auto lock = DialogLock();
    reply = keypad ? agent_->OnKeypad(text) : agent_->OnCallerTurn(text, started);
  }
  m.dialog_us = SteadyUs() - t0;
  FinishTurn(std::move(reply), m);
}

void Session::PollTurn() {
  if (!pending_turn_) return;
  dialog::AgentReply reply;
  TurnMetrics m;
  {
    std::lock_guard lock(pending_turn_->mu);
    if (!pending_turn_->done) return;
    reply = std::move(pending_turn_->reply);
    m = pending_turn_->metrics;
    m.dialog_us = pending_turn_->dialog_us;
  }
  pending_turn_.reset();
  if (hung_up_) return;  // nobody to say it to; the call ends on this tick
  FinishTurn(std::move(reply), m);
}

void Session::FinishTurn(dialog::AgentReply reply, TurnMetrics m) {
  for (auto it = record().transcript.rbegin(); it != record().transcript.rend(); ++it)
    if (it->speaker == "caller") {
      Emit(EventType::kIntent, it->intent, nlohmann::json{{"confidence", it->confidence}}.dump());
      break;
    }
  turns_.push_back(m);
  awaiting_first_audio_ = true;
  awaiting_first_frame_ = true;
  CheckBooking();
  Reply(std::move(reply));
  UpdateHint();
  // An engine that answers later (over the network): what the SDK added is
  // everything up to the request.
  if (awaiting_first_audio_)
    turns_.back().sdk_us = std::max<int64_t>(0, SteadyUs() - tick_start_us_ - engine_us_);
}

void Session::CheckBooking() {
  const auto& b = record().booking;
  if (!b) return;
  // A new booking, a move (sequence bumped) or a cancellation is news.
  if (b->id == seen_booking_id_ && b->sequence == seen_sequence_ && b->status == seen_status_)
    return;
  seen_booking_id_ = b->id;
  seen_sequence_ = b->sequence;
  seen_status_ = b->status;
  Emit(EventType::kBooking, b->id, BookingJson(*deps_.receptionist->business, *b));
  SendConfirmations(*b);
}

void Session::SendConfirmations(const BookingRecord& b) {
  if (!deps_.notifier) return;
  const Business& biz = *deps_.receptionist->business;
  providers::ConfirmationOptions o;
  o.lang = agent_->lang();
  o.now = deps_.clock->NowSeconds();
  auto build = [&](const BookingRecord& r) {
    if (r.status == BookingStatus::kCancelled)
      return providers::BuildCancellationConfirmation(biz, r, o);
    if (record().outcome == dialog::Outcome::kRescheduled)
      return providers::BuildRescheduleConfirmation(biz, r, o);
    return providers::BuildBookingConfirmation(biz, r, o);
  };
  // A failed message is reported, never fatal to the call.
  auto send = [&](const Status& st, const char* what) {
    if (!st.ok()) Emit(EventType::kError, std::string(what) + ": " + st.message());
  };
  const providers::ConfirmationMessages m = build(b);
  if (!m.sms.to.empty()) send(deps_.notifier->SendSms(m.sms), "confirmation text");
  if (m.has_email()) send(deps_.notifier->SendEmail(m.email), "confirmation email");
  if (!biz.email.empty()) {
    // The office's copy, with the same invite for its own calendar.
    BookingRecord copy = b;
    copy.customer.email = biz.email;
    providers::EmailMessage office = build(copy).email;
    office.subject = "Booked by phone: " + office.subject;
    office.text_body = "The virtual receptionist made this change on a call from " +
                       (caller_id_.empty() ? std::string("a withheld number") : caller_id_) +
                       ". The caller was told:\n\n" + m.sms.body + "\n";
    send(deps_.notifier->SendEmail(office), "office email");
  }
}

void Session::UpdateHint() {
  if (!stt_) return;
  const providers::RecognitionHint hint = HintFor(*agent_, *deps_.receptionist->business);
  EngineTimer t(engine_us_);  // an engine may build a grammar here
  stt_->SetHint(hint);
  stt_->SetLanguage(call_lang_);
}

// --------------------------------------------------------------- speaking

void Session::Reply(dialog::AgentReply reply) {
  // Read here: a later turn may be running on the pool.
  const dialog::Lang agent_lang = agent_->lang();
  const std::string agent_code(dialog::LangCode(agent_lang));
  if (agent_lang != agent_lang_) {
    // The embedded engine switched by itself, from the caller's words.
    agent_lang_ = agent_lang;
    if (!dialog::SameLanguage(call_lang_, agent_code)) {
      call_lang_ = TagFor(agent_lang);
      Emit(EventType::kLanguage, call_lang_);
    }
  }
  // A language model answers in the caller's language; the embedded engine
  // only in its own (it keeps English for a French caller), and its words
  // must not be read with a French voice.
  reply_lang_ = agent_->slow() || dialog::SameLanguage(call_lang_, agent_code) ? call_lang_
                                                                               : TagFor(agent_lang);
  if (reply.end_call) {
    end_after_reply_ = true;
    transfer_to_ = reply.transfer_to;
  }
  if (!reply.text.empty()) Speak(std::move(reply.text));
}

void Session::Speak(std::string text) {
  // A new reply replaces whatever of the old one has not been synthesised
  // (normally nothing: replies follow turns).
  if (tts_busy_ && tts_) {
    tts_->Cancel();
    tts_.reset();
    tts_busy_ = false;
  }
  ++reply_id_;
  sentences_ = Sentences(text);
  spoken_.assign(sentences_.begin(), sentences_.end());
  Emit(EventType::kAgentSpeech, std::move(text));
  SynthesizeAhead();
}

void Session::SynthesizeAhead() {
  const size_t ahead = media::SamplesPer(config_.sample_rate, 1) * config_.playout_ahead_ms;
  while (!tts_busy_ && !sentences_.empty()) {
    const size_t queued = playout_->queued_samples() + PendingSamples();
    if (queued >= ahead && !awaiting_first_audio_) return;
    if (tts_ && tts_lang_ != reply_lang_) tts_.reset();  // idle here: between replies
    if (!tts_) {
      EngineTimer t(engine_us_), tt(tts_us_);
      tts_lang_ = reply_lang_;
      auto stream = deps_.tts->Open(config_.sample_rate, reply_lang_, *this);
      if (!stream.ok()) {
        Emit(EventType::kError, "speech synthesis: " + stream.status().message());
        sentences_.clear();
        return;
      }
      tts_ = std::move(*stream);
    }
    std::string sentence = std::move(sentences_.front());
    sentences_.pop_front();
    tts_busy_ = true;
    Status st;
    {
      EngineTimer t(engine_us_), tt(tts_us_);
      tts_call_start_us_ = SteadyUs();
      st = tts_->PushText(sentence);
      if (st.ok()) st = tts_->Flush();
      tts_call_start_us_ = 0;
    }
    if (!st.ok() && tts_) {
      Emit(EventType::kError, "speech synthesis: " + st.message());
      tts_busy_ = false;
      tts_.reset();
    }
  }
}

void Session::OnAudio(const providers::AudioChunk& chunk) {
  if (!chunk.pcm.empty()) {
    if (awaiting_first_audio_) {
      awaiting_first_audio_ = false;
      if (!turns_.empty()) {
        TurnMetrics& m = turns_.back();
        m.first_audio_ms = now_ms();
        const int64_t now_us = SteadyUs();
        // Audio may arrive inside the synthesis call: count that call so far.
        const int64_t in_call = tts_call_start_us_ ? now_us - tts_call_start_us_ : 0;
        m.tts_first_audio_us = tts_us_ + in_call;
        m.sdk_us = std::max<int64_t>(0, now_us - tick_start_us_ - engine_us_ - in_call);
      }
    }
    QueueAudio(chunk.pcm);
  }
  if (chunk.last) {
    tts_busy_ = false;
    const size_t said = spoken_.size() - sentences_.size();
    pending_.push_back({{}, "r" + std::to_string(reply_id_) + "." + std::to_string(said)});
  }
  FeedPlayout();
}

void Session::QueueAudio(std::span<const int16_t> pcm) {
  if (!pending_.empty() && pending_.back().mark.empty())
    pending_.back().pcm.insert(pending_.back().pcm.end(), pcm.begin(), pcm.end());
  else
    pending_.push_back({std::vector<int16_t>(pcm.begin(), pcm.end()), {}});
}

size_t Session::PendingSamples() const {
  size_t n = 0;
  for (const Pending& p : pending_) n += p.pcm.size();
  return n;
}

void Session::FeedPlayout() {
  while (!pending_.empty()) {
    Pending& p = pending_.front();
    if (!p.mark.empty()) {
      if (!playout_->Mark(p.mark).ok()) return;
      pending_.pop_front();
      continue;
    }
    // Move what fits.
    const size_t room = playout_->capacity_samples() - playout_->queued_samples();
    const size_t n = std::min(room, p.pcm.size());
    if (n == 0) return;
    if (!playout_->Enqueue(std::span<const int16_t>(p.pcm.data(), n)).ok()) return;
    if (n == p.pcm.size()) {
      pending_.pop_front();
    } else {
      p.pcm.erase(p.pcm.begin(), p.pcm.begin() + static_cast<std::ptrdiff_t>(n));
      return;
    }
  }
}

void Session::OnError(const Status& st) {
  Emit(EventType::kError, st.message());
}

// ------------------------------------------------------------ keys, ending

void Session::OnDtmf(char digit) {
  if (over_ || !started_) return;
  if (realtime_ || rt_opening_) {
    // The realtime model takes no typed input: keys are reported, not acted on.
    Emit(EventType::kDtmf, std::string(1, digit));
    return;
  }
  if (agent_speaking() && !end_after_reply_) Interrupt();  // a key press always interrupts
  if (pending_turn_) {
    // The agent is still answering the last turn: keys wait for the next.
    if (digit != '#') digits_ += digit;
    last_digit_ms_ = now_ms();
    return;
  }
  if (digit == '#') {
    if (!digits_.empty()) {
      std::string entry = std::move(digits_);
      digits_.clear();
      TakeTurn(std::move(entry), true);
    }
    return;
  }
  if (digit == '0' && digits_.empty()) {
    TakeTurn("0", true);
    return;
  }
  digits_ += digit;
  last_digit_ms_ = now_ms();
}

void Session::OnHangup() {
  hung_up_ = true;
}

void Session::EndCall(std::string reason) {
  if (over_) return;
  over_ = true;
  end_reason_ = reason;
  realtime_.reset();
  if (tts_) {
    tts_->Cancel();
    tts_.reset();
  }
  if (stt_) {
    (void)stt_->Finish();
    stt_.reset();
  }
  if (reason == "timeout") {
    playout_->Clear();
  }
  {
    auto lock = DialogLock();
    agent_->Finish();
  }
  CheckBooking();
  if (reason == "transfer") {
    Emit(EventType::kTransfer, transfer_to_,
         nlohmann::json{{"reason", record().escalation_reason}}.dump());
    if (deps_.telephony) (void)deps_.telephony->Transfer(transfer_to_);
  } else if (deps_.telephony && reason != "caller") {
    (void)deps_.telephony->Hangup();
  }
  Emit(EventType::kHangup, reason);
}

}  // namespace voxdesk::session
