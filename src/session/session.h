// One phone call, live: the caller's audio in, the agent's voice out, and the
// conversation in between. A Session joins the media layer (VAD, DTMF,
// playout with marks, recording), the speech engines (streaming STT and TTS
// behind the provider interfaces) and the dialog: the embedded Conversation,
// or in LLM mode a HybridAgent (the model, then the embedded engine when no
// model answers), whose turns run on a DialogPool while the worker keeps
// ticking.
//
// Time: a session is driven by Tick(), once per 20 ms frame, by the worker
// that owns it, and reads "now" from the injected clock only. A worker on a
// real clock paces ticks with the wall clock; on a virtual clock it advances
// time itself, so a three-minute call runs in milliseconds through the very
// same code.
//
// Turn-taking: the caller's turn ends when the VAD has heard `end_of_turn_ms`
// of silence after speech and the recogniser has delivered its final
// transcript for it (or `stt_final_wait_ms` passed without one, when the last
// partial is used). The reply is synthesised sentence by sentence, and the
// first sentence starts playing on the tick its first audio arrives; later
// sentences are synthesised only while less than `playout_ahead_ms` is
// queued, which bounds memory and keeps barge-in cheap.
//
// Barge-in: caller speech that lasts `barge_in_ms` while the agent is
// speaking clears playout on that same tick (the very next frame out is
// silence), cancels synthesis, and tells the dialog which part of the reply
// was heard: a mark follows every sentence, so "heard" is exact to the
// sentence. Shorter sounds ("uh-huh", "okay") are back-channels: they neither
// interrupt nor count as a turn.
//
// Thread safety: one thread at a time (the owning worker). Sink callbacks from
// the engines arrive on that thread, inside Tick.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "dialog/agent.h"
#include "dialog/conversation.h"
#include "media/call_recorder.h"
#include "media/dtmf.h"
#include "media/frame.h"
#include "media/playout_queue.h"
#include "media/vad.h"
#include "providers/realtime.h"
#include "providers/speech.h"
#include "session/events.h"

namespace voxdesk::dialog {
class Llm;
class LlmAgent;
}  // namespace voxdesk::dialog
namespace voxdesk::providers {
class Notifier;
class TelephonyCall;
}  // namespace voxdesk::providers

namespace voxdesk::session {

class DialogPool;
class RealtimeLeg;
struct RealtimeEvent;
struct RealtimeOpening;

struct SessionConfig {
  int sample_rate = 8000;  // the line's rate: 8000 or 16000
  // Silence after caller speech that ends the caller's turn.
  int end_of_turn_ms = 500;
  // After the turn's silence, how long to wait for the recogniser's final
  // transcript before taking the last partial.
  int stt_final_wait_ms = 1500;
  // Caller speech during agent playout this long interrupts the agent;
  // anything shorter is a back-channel.
  int barge_in_ms = 400;
  // Silence after the agent finished speaking that counts as no input.
  int no_input_ms = 7000;
  // Keys pressed are collected into one entry until '#' or this pause.
  int dtmf_entry_ms = 2000;
  // Synthesis runs ahead of playout by at most this much audio.
  int playout_ahead_ms = 1500;
  // A call is ended (politely) after this long.
  int max_call_ms = 30 * 60 * 1000;
  // Record both legs; `recording_notice` is said before the greeting. The
  // business's config ("dialog.recording") can require recording too, with
  // its own notice.
  bool record = false;
  std::string recording_notice = "This call is recorded.";
  media::VadConfig vad;  // its sample_rate is set from `sample_rate`
};

// The message names the offending field ("barge_in_ms: must be in 60..5000").
Status ValidateSessionConfig(const SessionConfig& config);

// What a session uses but does not own; all must outlive it.
struct SessionDeps {
  const dialog::Receptionist* receptionist = nullptr;
  Scheduler* scheduler = nullptr;  // used by this session's thread only, unless...
  // ...this lock is given: then sessions on several workers may share one
  // Scheduler (one store connection and one availability cache), and every
  // call into the dialog holds the lock.
  std::mutex* scheduler_lock = nullptr;
  const Clock* clock = nullptr;
  providers::Stt* stt = nullptr;
  providers::Tts* tts = nullptr;
  EventSink* events = nullptr;                    // optional
  providers::TelephonyCall* telephony = nullptr;  // optional: transfer and hang-up commands
  // Optional: confirmations of every booking made, moved or cancelled (a
  // text to the caller, an email with the invite to the customer when they
  // gave an address, and a copy to the business's own address).
  providers::Notifier* notifier = nullptr;
  // Optional: LLM mode. The model (a FailoverLlm for a chain of providers)
  // holds the conversation through tools, behind the same confirmation
  // policy; when no model answers a turn, the embedded engine takes over for
  // the rest of the call. Its turns run on `dialog_pool` (on the worker's
  // thread when none is given, which stalls the worker's other calls while
  // the model thinks: tests and single-call tools only).
  dialog::Llm* llm = nullptr;
  DialogPool* dialog_pool = nullptr;
  // Optional: realtime mode. A speech-to-speech model (OpenAI Realtime) hears
  // the caller and answers in its own voice, while the engine keeps the
  // record, runs its tools and holds the confirmation rule (an LlmAgent, as
  // in LLM mode). `realtime_config` gives the model and voice; the session
  // fills in the instructions, tools, rate and language. When the model's
  // connection fails, or it leaves the caller without an answer for
  // `realtime_answer_timeout_ms`, the call carries on without a break
  // through `stt`, `tts` and the agent: the text model in `llm` when there is
  // one, else the embedded engine. The model is reached on a thread of its
  // own while the session ticks (Start never waits on the network); a model
  // not reached leaves the greeting to the engine. A session destroyed
  // before the connection attempt ends waits for it (its connect timeout).
  providers::Realtime* realtime = nullptr;
  providers::RealtimeConfig realtime_config;
  int realtime_answer_timeout_ms = 5000;
};

// Latency of one turn, stage by stage. Call-time stamps are milliseconds
// from the answer on the session's clock; processing figures are measured on
// the steady clock, because in virtual time no call time passes while the
// SDK computes.
struct TurnMetrics {
  int turn = 0;
  int64_t speech_end_ms = -1;      // the caller stopped speaking (VAD end instant)
  int64_t final_ms = -1;           // the final transcript arrived
  int64_t decided_ms = -1;         // the turn was handed to the dialog
  int64_t first_audio_ms = -1;     // the reply's first synthesised audio arrived
  int64_t first_frame_ms = -1;     // the reply's first frame went out
  int64_t dialog_us = 0;           // processing: the dialog's decision
  int64_t tts_first_audio_us = 0;  // processing: synthesis up to the first chunk (embedded engines)
  int64_t sdk_us =
      0;  // processing the SDK added: end of turn to first audio queued, engines excluded
  bool interrupted = false;  // the caller barged in on this reply

  // From the end of the caller's speech to the first frame of the reply.
  int64_t response_ms() const {
    return speech_end_ms < 0 || first_frame_ms < 0 ? -1 : first_frame_ms - speech_end_ms;
  }
  std::string Json() const;
};

class Session final : providers::SttSink, providers::TtsSink {
 public:
  static Result<std::unique_ptr<Session>> Create(const SessionDeps& deps, SessionConfig config,
                                                 std::string call_id, std::string caller_id);
  ~Session() override;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Answers: the recording notice (when recording) and the greeting start.
  Status Start();
  // One 20 ms tick. `in` is the caller's frame (null when none arrived);
  // `out` receives the agent's frame (silence when the agent is quiet).
  // Returns false once the call is over and its last words have played.
  bool Tick(const media::AudioFrame* in, media::AudioFrame& out);
  // A key pressed, reported out of band (RFC 4733, a media-stream event).
  void OnDtmf(char digit);
  // The caller hung up.
  void OnHangup();

  bool over() const { return over_; }
  const std::string& call_id() const { return call_id_; }
  // Read them between ticks, or once the call is over.
  const dialog::CallRecord& record() const { return agent_->record(); }
  const dialog::Agent& agent() const { return *agent_; }
  const std::vector<TurnMetrics>& turns() const { return turns_; }
  // Why the call ended: "agent", "caller", "transfer", "timeout" ("" while live).
  const std::string& end_reason() const { return end_reason_; }
  const media::CallRecorder* recorder() const { return recorder_ ? &*recorder_ : nullptr; }
  int64_t now_ms() const;

 private:
  Session(const SessionDeps& deps, SessionConfig config, std::string call_id,
          std::string caller_id);

  // SttSink / TtsSink (called inside Tick).
  void OnTranscript(const providers::Transcript& t) override;
  void OnEndOfUtterance(int64_t at_ms) override;
  void OnAudio(const providers::AudioChunk& chunk) override;
  void OnError(const Status& st) override;

  void Emit(EventType type, std::string text, std::string json = {});
  void HandleVad(const media::VadEvent& e);
  void MaybeBargeIn();
  void MaybeEndTurn();
  void TakeTurn(std::string text, bool keypad);
  void FinishTurn(dialog::AgentReply reply, TurnMetrics m);
  void PollTurn();
  void Reply(dialog::AgentReply reply);
  void Speak(std::string text);
  void SynthesizeAhead();
  // Agent audio not yet in the playout ring: appended (joined to the last
  // piece unless a mark follows it), and counted.
  void QueueAudio(std::span<const int16_t> pcm);
  size_t PendingSamples() const;
  void FeedPlayout();
  void Interrupt();
  void EndCall(std::string reason);
  void UpdateHint();
  // The caller now speaks `tag`: kLanguage, and the recogniser, the agent
  // and the next reply's voice follow.
  void SwitchLanguage(std::string tag);
  std::string TagFor(dialog::Lang lang) const;  // the BCP-47 tag the engines get
  void CheckBooking();
  void SendConfirmations(const BookingRecord& b);
  // Realtime mode (session_realtime.cpp).
  void StartRealtime(dialog::AgentReply greeting);
  void PollRealtimeOpening();
  void PollRealtime();
  void OnRealtimeEvent(RealtimeEvent& e);
  void RealtimeBargeIn();
  void RunRealtimeTools();
  void FallBackFromRealtime(const std::string& why);
  bool agent_speaking() const;
  // Holds deps_.scheduler_lock, when there is one, for a call into the
  // embedded dialog (an LLM-mode agent takes it itself, around its tools).
  std::unique_lock<std::mutex> DialogLock() const {
    return deps_.scheduler_lock && !llm_mode_ ? std::unique_lock<std::mutex>(*deps_.scheduler_lock)
                                              : std::unique_lock<std::mutex>();
  }

  SessionDeps deps_;
  SessionConfig config_;
  std::string call_id_;
  std::string caller_id_;
  TimePoint answered_{};
  // Shared with a turn running on the dialog pool, which may outlive the
  // session (a caller who hangs up while the model thinks).
  std::shared_ptr<dialog::Agent> agent_;
  bool llm_mode_ = false;  // the agent takes the scheduler lock itself
  // Languages as BCP-47 tags. The call's is what the caller speaks: the
  // business locale at first, then what the recogniser hears (a final
  // transcript's language) or what the embedded agent switched to by itself.
  std::string call_lang_;
  std::string caller_lang_for_agent_;            // a switch the agent hears before its next turn
  dialog::Lang agent_lang_ = dialog::Lang::kEn;  // the agent's language as last seen
  std::string reply_lang_;                       // the language of the reply being spoken
  std::string tts_lang_;                         // the language tts_ was opened with
  struct PendingTurn;
  std::shared_ptr<PendingTurn> pending_turn_;  // a turn on the dialog pool
  // Realtime mode, while the model's connection lives.
  std::unique_ptr<RealtimeOpening> rt_opening_;  // until the model answers, or fails to
  std::unique_ptr<RealtimeLeg> realtime_;
  dialog::LlmAgent* realtime_agent_ = nullptr;  // the engine's side of it
  std::string rt_item_;                         // the model's item being played
  uint64_t rt_item_start_ = 0;                  // its first sample's playout position
  std::string rt_item_text_;                    // its transcript, once complete
  std::string rt_response_;                     // the response whose audio is arriving
  std::string rt_cancelled_;                    // a response cut off: its late audio is dropped
  std::vector<std::string> rt_caller_pending_;  // caller items heard, not yet transcribed
  std::deque<dialog::ToolCall> rt_tools_;       // waiting for the caller's words
  int64_t rt_tools_since_ms_ = 0;
  bool rt_response_active_ = false;
  bool rt_results_sent_ = false;  // tool results the model has not answered yet
  bool rt_greeted_ = false;
  std::string rt_unanswered_;         // the caller's last words, until the model answers
  int64_t rt_waiting_since_ms_ = -1;  // the caller finished; no answer yet
  std::unique_ptr<providers::SttStream> stt_;
  std::unique_ptr<providers::TtsStream> tts_;
  std::unique_ptr<media::EnergyVad> vad_;
  std::unique_ptr<media::DtmfDetector> dtmf_;
  std::unique_ptr<media::PlayoutQueue> playout_;
  std::optional<media::CallRecorder> recorder_;

  // The reply being spoken: sentences not yet synthesised, audio and marks
  // synthesised but not yet in the playout ring.
  struct Pending {
    std::vector<int16_t> pcm;
    std::string mark;  // non-empty: a mark, no audio
  };
  std::deque<std::string> sentences_;
  std::deque<Pending> pending_;
  std::vector<std::string> spoken_;  // sentences of the current reply, by mark index
  int reply_id_ = 0;
  bool tts_busy_ = false;  // a sentence is being synthesised
  bool end_after_reply_ = false;
  std::string transfer_to_;

  // The caller's turn.
  bool caller_speaking_ = false;
  bool turn_has_speech_ = false;  // speech since the last turn was taken
  int64_t speech_start_ms_ = 0;
  int64_t voiced_ms_ = 0;  // speech frames heard since the caller started
  int64_t speech_end_ms_ = -1;
  bool started_while_agent_spoke_ = false;
  std::string finals_;  // final transcripts of this turn
  std::string last_partial_;
  int64_t final_ms_ = -1;
  bool eou_ = false;
  int64_t quiet_since_ms_ = 0;  // agent and caller both silent since
  std::string digits_;
  int64_t last_digit_ms_ = 0;

  std::vector<TurnMetrics> turns_;
  int64_t tick_start_us_ = 0;      // steady clock at the start of the current tick
  int64_t engine_us_ = 0;          // steady time spent inside engines this tick
  int64_t tts_us_ = 0;             // the part of it spent synthesising
  int64_t tts_call_start_us_ = 0;  // set while inside a synthesis call (audio may arrive within it)
  bool awaiting_first_audio_ = false;
  bool awaiting_first_frame_ = false;
  // The booking as last reported (plain members: GCC 12 misreports an
  // optional<BookingRecord> as maybe-uninitialized under -O2 + ASan).
  std::string seen_booking_id_;
  int seen_sequence_ = -1;
  BookingStatus seen_status_ = BookingStatus::kConfirmed;

  bool started_ = false;
  bool over_ = false;
  bool hung_up_ = false;
  std::string end_reason_;
};

}  // namespace voxdesk::session
