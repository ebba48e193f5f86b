// Realtime mode of a Session: a speech-to-speech model hears the caller and
// answers in its own voice. The session still owns the line: the model's
// audio goes through the same playout queue (so barge-in, recording and
// metrics work as in the other modes), and its tool calls run in the engine
// (LlmAgent), behind the same confirmation rule. When the model goes away
// the call continues through the recogniser, the agent and the voice.
#include <algorithm>
#include <chrono>
#include <future>
#include <utility>

#include "dialog/llm_agent.h"
#include "session/realtime_leg.h"
#include "session/session.h"
#include "session/steady_time.h"

namespace voxdesk::session {

using Kind = RealtimeEvent::Kind;

namespace {

// Tool calls wait this long at most for the transcript of what the caller
// said before them (the confirmation rule judges those words).
constexpr int64_t kToolWaitMs = 3000;

}  // namespace

void Session::StartRealtime(dialog::AgentReply greeting) {
  providers::RealtimeConfig rc = deps_.realtime_config;
  realtime_agent_->SetModelSpeaksReadBacks(true);
  rc.instructions = realtime_agent_->Instructions();
  rc.tools = dialog::LlmAgent::Tools();
  rc.lang = agent_lang_;
  rt_opening_ = std::make_unique<RealtimeOpening>();
  rt_opening_->greeting = std::move(greeting);
  rt_opening_->leg = std::async(std::launch::async, [realtime = deps_.realtime, rc = std::move(rc),
                                                     rate = config_.sample_rate] {
    return RealtimeLeg::Open(*realtime, rc, rate);
  });
}

void Session::PollRealtimeOpening() {
  if (rt_opening_->leg.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
  auto leg = rt_opening_->leg.get();
  dialog::AgentReply greeting = std::move(rt_opening_->greeting);
  rt_opening_.reset();
  if (leg.ok()) {
    realtime_ = std::move(*leg);
    if (Status st = realtime_->session().CreateResponse(); !st.ok()) {
      FallBackFromRealtime(st.message());
      Reply(std::move(greeting));
    }
    return;
  }
  // Not reached: the engine greets, and the call runs without the model.
  FallBackFromRealtime(leg.status().message());
  Reply(std::move(greeting));
}

void Session::PollRealtime() {
  std::deque<RealtimeEvent> events = realtime_->Take();
  for (RealtimeEvent& e : events) {
    OnRealtimeEvent(e);
    if (!realtime_) return;  // fell back: the rest is stale
  }
  RunRealtimeTools();
  if (realtime_ && rt_waiting_since_ms_ >= 0 &&
      now_ms() - rt_waiting_since_ms_ >= deps_.realtime_answer_timeout_ms) {
    FallBackFromRealtime("no answer within " + std::to_string(deps_.realtime_answer_timeout_ms) +
                         " ms");
  }
}

void Session::OnRealtimeEvent(RealtimeEvent& e) {
  const int64_t now = now_ms();
  switch (e.kind) {
    case Kind::kSpeechStarted:
      caller_speaking_ = true;
      rt_caller_pending_.push_back(e.id);
      if (agent_speaking() && !end_after_reply_) RealtimeBargeIn();
      return;
    case Kind::kSpeechStopped: {
      caller_speaking_ = false;
      TurnMetrics m;
      m.turn = static_cast<int>(turns_.size()) + 1;
      m.speech_end_ms = now;
      turns_.push_back(m);
      awaiting_first_audio_ = true;
      awaiting_first_frame_ = false;
      rt_waiting_since_ms_ = now;
      return;
    }
    case Kind::kCallerText: {
      std::erase(rt_caller_pending_, e.id);
      if (e.text.empty()) return;
      Emit(EventType::kTranscript, e.text);
      rt_unanswered_ = e.text;
      if (!turns_.empty() && turns_.back().final_ms < 0) turns_.back().final_ms = now;
      std::optional<dialog::AgentReply> engine_reply = realtime_agent_->OnCallerHeard(e.text);
      if (engine_reply) {
        // An emergency: the engine's words, at once, and a person.
        (void)realtime_->session().Cancel();
        rt_cancelled_ = rt_response_;
        playout_->Clear();
        pending_.clear();
        rt_unanswered_.clear();
        FallBackFromRealtime("");
        Reply(std::move(*engine_reply));
      }
      return;
    }
    case Kind::kAgentText:
      if (e.text.empty()) return;  // a response that was only a tool call
      if (!rt_greeted_) {
        rt_greeted_ = true;  // the greeting is in the record since Start
      } else {
        realtime_agent_->OnAgentSaid(e.text);
      }
      if (e.id == rt_item_) rt_item_text_ = e.text;
      Emit(EventType::kAgentSpeech, e.text);
      return;
    case Kind::kAudio: {
      if (e.response == rt_cancelled_ || e.pcm.empty()) return;
      rt_response_active_ = true;
      rt_response_ = e.response;
      rt_waiting_since_ms_ = -1;
      rt_unanswered_.clear();
      if (e.id != rt_item_) {
        rt_item_ = e.id;
        rt_item_text_.clear();
        rt_item_start_ = playout_->played_samples() + playout_->queued_samples() + PendingSamples();
      }
      if (awaiting_first_audio_) {
        awaiting_first_audio_ = false;
        awaiting_first_frame_ = true;
        if (!turns_.empty()) {
          turns_.back().first_audio_ms = now;
          turns_.back().sdk_us = std::max<int64_t>(0, SteadyUs() - tick_start_us_);
        }
      }
      QueueAudio(e.pcm);
      FeedPlayout();
      return;
    }
    case Kind::kToolCall:
      rt_response_active_ = true;
      rt_waiting_since_ms_ = -1;
      rt_unanswered_.clear();
      if (rt_tools_.empty()) rt_tools_since_ms_ = now;
      rt_tools_.push_back(std::move(e.call));
      return;
    case Kind::kResponseDone:
      rt_response_active_ = false;
      if (rt_results_sent_ && rt_tools_.empty()) {
        rt_results_sent_ = false;
        (void)realtime_->session().CreateResponse();
      }
      if (realtime_agent_->ended() && !end_after_reply_) {
        end_after_reply_ = true;  // the model handed the call on: its last words, then that
        transfer_to_ = realtime_agent_->record().transfer_to;
      }
      return;
    case Kind::kError:
      // A malformed or error event is counted and the call goes on; a lost
      // connection shows at the next append, which then falls back.
      Emit(EventType::kError, "realtime: " + e.error.message());
      return;
  }
}

void Session::RealtimeBargeIn() {
  const uint64_t played = playout_->played_samples();
  const int64_t heard_ms = played > rt_item_start_
                               ? static_cast<int64_t>((played - rt_item_start_) * 1000 /
                                                      static_cast<uint64_t>(config_.sample_rate))
                               : 0;
  const uint64_t item_samples =
      playout_->played_samples() + playout_->queued_samples() + PendingSamples() - rt_item_start_;
  playout_->Clear();
  pending_.clear();
  (void)realtime_->session().Cancel();
  rt_cancelled_ = rt_response_;  // its audio still queued here is dropped too
  if (!rt_item_.empty()) (void)realtime_->session().Truncate(rt_item_, heard_ms);
  // What was heard, in words: the model's transcript cut in proportion to
  // the audio played, at a word boundary (the model itself forgets the rest
  // through Truncate).
  std::string heard;
  if (!rt_item_text_.empty() && item_samples > 0) {
    const uint64_t heard_samples = played > rt_item_start_ ? played - rt_item_start_ : 0;
    size_t cut = static_cast<size_t>(
        rt_item_text_.size() * std::min<uint64_t>(heard_samples, item_samples) / item_samples);
    while (cut > 0 && cut < rt_item_text_.size() && rt_item_text_[cut] != ' ') --cut;
    heard = rt_item_text_.substr(0, cut);
    realtime_agent_->OnInterrupted(heard);
  }
  if (!turns_.empty()) turns_.back().interrupted = true;
  awaiting_first_frame_ = false;
  Emit(EventType::kBargeIn, heard, "{\"heard_ms\":" + std::to_string(heard_ms) + "}");
}

void Session::RunRealtimeTools() {
  if (!realtime_ || rt_tools_.empty()) return;
  // The caller's words before the call decide a confirmation: wait for them.
  if (!rt_caller_pending_.empty() && now_ms() - rt_tools_since_ms_ < kToolWaitMs) return;
  while (!rt_tools_.empty()) {
    const dialog::ToolCall call = std::move(rt_tools_.front());
    rt_tools_.pop_front();
    const std::string result = realtime_agent_->RunToolFromModel(call);
    if (Status st = realtime_->session().SendToolResult(call.id, result); !st.ok()) {
      FallBackFromRealtime(st.message());
      return;
    }
    rt_results_sent_ = true;
  }
  CheckBooking();
  if (!rt_response_active_) {
    rt_results_sent_ = false;
    (void)realtime_->session().CreateResponse();
  }
}

void Session::FallBackFromRealtime(const std::string& why) {
  if (!why.empty())
    Emit(EventType::kError,
         "realtime: " + why + "; the call goes on with the recogniser and the agent");
  realtime_.reset();
  realtime_agent_->SetModelSpeaksReadBacks(false);
  rt_tools_.clear();
  rt_caller_pending_.clear();
  rt_waiting_since_ms_ = -1;
  caller_speaking_ = false;
  awaiting_first_audio_ = false;
  quiet_since_ms_ = now_ms();
  auto stt = deps_.stt->Open(config_.sample_rate, call_lang_, *this);
  if (!stt.ok()) {
    Emit(EventType::kError, "speech recognition: " + stt.status().message());
    EndCall("agent");
    return;
  }
  stt_ = std::move(*stt);
  UpdateHint();
  // Words the model never answered are the next agent's turn.
  if (!rt_unanswered_.empty()) {
    realtime_agent_->RetractLastCallerLine();
    TakeTurn(std::exchange(rt_unanswered_, {}), false);
  }
}

}  // namespace voxdesk::session
