// The speech-to-speech provider interface: one model that hears the caller
// and answers with audio, shaped after the OpenAI Realtime API (a WebSocket
// of JSON events) so that adapter is a thin translation. It replaces the
// STT -> dialog -> TTS chain for a call; tool calls still go through the
// dialog policy, so a booking is confirmed and written exactly as in the
// embedded engine.
//
// Each method names the client event it sends and each sink callback the
// server event it reports (GA names first, beta names in brackets).
//
// Threading: asynchronous by contract. Session methods are called by one
// thread at a time, the worker that owns the call. Sink callbacks arrive on
// the session's event loop, never concurrently for one session, and may call
// the session's methods (Cancel and Truncate on barge-in, SendToolResult from
// OnToolCall).
//
// Ownership: the sink is borrowed and must outlive the session; Open copies
// the config. Destroying a session closes its connection and stops all sink
// calls before the destructor returns.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "dialog/lang.h"
#include "dialog/llm.h"

namespace voxdesk::providers {

struct RealtimeConfig {
  std::string model;         // e.g. "gpt-realtime"
  std::string instructions;  // the system prompt
  std::string voice;         // provider voice name; "" for its default
  dialog::Lang lang = dialog::Lang::kEn;
  // 16-bit mono PCM both ways. OpenAI takes pcm16 at 24 kHz only and its
  // adapter refuses other rates: a session converts the line's audio.
  int sample_rate = 24000;
  // How the end of the caller's turn is found. kServerVad and kSemanticVad
  // let the service commit and respond by itself; with kNone the host calls
  // Commit() and CreateResponse().
  enum class TurnDetection {
    kServerVad,
    kSemanticVad,
    kNone
  } turn_detection = TurnDetection::kServerVad;
  int vad_silence_ms = 500;         // server_vad: silence that ends a turn
  int vad_prefix_padding_ms = 300;  // server_vad: audio kept before speech
  bool transcribe_input = true;     // report what the caller said
  std::vector<dialog::ToolSpec> tools;
};

// A piece of text as it is produced: what the caller said (input audio
// transcription) or what the model says (the transcript of its audio).
struct RealtimeTranscriptDelta {
  enum class Source { kCaller, kAgent } source = Source::kCaller;
  std::string item_id;
  std::string delta;  // UTF-8, to append to the item's text so far
  bool done = false;  // the item's transcript is complete; `delta` is then
                      // the whole text
};

// Model audio for one output item, to be queued for playout. The offsets let
// the host tell Truncate how much of the item was heard.
struct RealtimeAudioDelta {
  std::string response_id;
  std::string item_id;
  std::span<const int16_t> pcm;  // BORROWED for the callback, at config.sample_rate
};

class RealtimeSink {
 public:
  virtual ~RealtimeSink() = default;
  // input_audio_buffer.speech_started: the caller started talking (the
  // moment to stop playout on barge-in). `audio_start_ms` counts from the
  // start of all audio appended in this session.
  virtual void OnSpeechStarted(const std::string& item_id, int64_t audio_start_ms) = 0;
  // input_audio_buffer.speech_stopped.
  virtual void OnSpeechStopped(const std::string& item_id, int64_t audio_end_ms) = 0;
  // conversation.item.input_audio_transcription.delta / .completed (caller),
  // response.output_audio_transcript.delta / .done [response.audio_transcript.*] (agent).
  virtual void OnTranscript(const RealtimeTranscriptDelta& t) = 0;
  // response.output_audio.delta [response.audio.delta].
  virtual void OnAudio(const RealtimeAudioDelta& audio) = 0;
  // response.function_call_arguments.done: `call.id` is the call_id to
  // answer with SendToolResult, `call.arguments` the JSON object as text.
  virtual void OnToolCall(const dialog::ToolCall& call) = 0;
  // response.done: the response finished, was cancelled or failed; no more
  // audio for it follows.
  virtual void OnResponseDone(const std::string& response_id) = 0;
  // The "error" event, a dropped connection or a malformed event. After a
  // connection error the session is closed and its methods return errors.
  virtual void OnError(const Status& st) = 0;
};

// One conversation with the model, for one call.
class RealtimeSession {
 public:
  virtual ~RealtimeSession() = default;
  // input_audio_buffer.append: caller audio at config.sample_rate. COPIED.
  virtual Status AppendAudio(std::span<const int16_t> pcm) = 0;
  // input_audio_buffer.commit: the caller's turn is complete (kNone turn
  // detection; with server VAD the service commits by itself).
  virtual Status Commit() = 0;
  // response.create: ask the model to answer now.
  virtual Status CreateResponse() = 0;
  // response.cancel: stop the response in progress (barge-in). No more
  // OnAudio calls for it after this returns, only its OnResponseDone.
  virtual Status Cancel() = 0;
  // conversation.item.truncate: the caller heard only the first
  // `audio_end_ms` of an agent item, so the model forgets the rest of what it
  // said (content_index 0).
  virtual Status Truncate(std::string_view item_id, int64_t audio_end_ms) = 0;
  // conversation.item.create with a function_call_output item: the result of
  // a tool call, a JSON value as text. The host sends CreateResponse after
  // its last result to let the model go on.
  virtual Status SendToolResult(std::string_view call_id, std::string_view output_json) = 0;
};

class Realtime {
 public:
  virtual ~Realtime() = default;
  // Connects and sends session.update with `config`. Fails with
  // kInvalidArgument on a config the provider cannot take (rate, tool schema
  // that is not JSON), otherwise with the connection's error.
  virtual Result<std::unique_ptr<RealtimeSession>> Open(const RealtimeConfig& config,
                                                        RealtimeSink& sink) = 0;
};

}  // namespace voxdesk::providers
