// The speech-to-speech model's side of a call in realtime mode: the
// RealtimeSession and a queue of what it reported. The provider calls the
// sink on its event loop; the session takes the events on its own thread,
// inside Tick, so that the session keeps one thread as everywhere else.
//
// Thread safety: the sink methods may run on any one thread at a time;
// Take() and session() belong to the session's thread.
#pragma once

#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "dialog/agent.h"
#include "media/resampler.h"
#include "providers/realtime.h"

namespace voxdesk::session {

struct RealtimeEvent {
  enum class Kind {
    kSpeechStarted,  // id: the caller's item; ms: audio_start_ms
    kSpeechStopped,  // id: the caller's item; ms: audio_end_ms
    kCallerText,     // id: the caller's item; text: what they said (complete)
    kAgentText,      // id: the model's item; text: what it said (complete)
    kAudio,          // id: the model's item; response: its response; pcm
    kToolCall,       // call
    kResponseDone,   // response
    kError,          // error
  } kind = Kind::kError;
  std::string id;
  std::string response;
  std::string text;
  int64_t ms = 0;
  std::vector<int16_t> pcm;
  dialog::ToolCall call;
  Status error;
};

// A text model that is never there: in realtime mode without one, the
// agent that takes over from the realtime model is the embedded engine.
dialog::Llm& NoTextModel();

class RealtimeLeg final : public providers::RealtimeSink {
 public:
  // Opens the model's session (blocking until connected, as Realtime::Open
  // does). The line runs at `line_rate`; the model hears and speaks at
  // config.sample_rate, and the leg converts both ways.
  static Result<std::unique_ptr<RealtimeLeg>> Open(providers::Realtime& realtime,
                                                   const providers::RealtimeConfig& config,
                                                   int line_rate);
  ~RealtimeLeg() override;

  providers::RealtimeSession& session() { return *session_; }
  // The caller's audio at the line's rate.
  Status Append(std::span<const int16_t> pcm);
  // Everything reported since the last call, in order.
  std::deque<RealtimeEvent> Take();

  void OnSpeechStarted(const std::string& item_id, int64_t audio_start_ms) override;
  void OnSpeechStopped(const std::string& item_id, int64_t audio_end_ms) override;
  void OnTranscript(const providers::RealtimeTranscriptDelta& t) override;
  void OnAudio(const providers::RealtimeAudioDelta& audio) override;
  void OnToolCall(const dialog::ToolCall& call) override;
  void OnResponseDone(const std::string& response_id) override;
  void OnError(const Status& st) override;

 private:
  RealtimeLeg() = default;
  void Push(RealtimeEvent e);

  std::optional<media::Resampler> up_;    // line -> model, on the session's thread
  std::optional<media::Resampler> down_;  // model -> line, on the provider's thread
  std::vector<int16_t> up_buf_;
  std::vector<int16_t> down_carry_;  // model samples short of a whole line sample
  std::mutex mu_;
  std::deque<RealtimeEvent> events_;  // guarded by mu_
  // Last: destroyed first, so no sink call outlives the queue.
  std::unique_ptr<providers::RealtimeSession> session_;
};

// A leg being connected on a thread of its own (Realtime::Open blocks until
// the model answers), so that starting a session never waits on the network.
struct RealtimeOpening {
  std::future<Result<std::unique_ptr<RealtimeLeg>>> leg;
  dialog::AgentReply greeting;  // the engine says it if the model is not reached
};

}  // namespace voxdesk::session
