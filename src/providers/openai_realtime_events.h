// The OpenAI Realtime API's WebSocket events as text: what the realtime
// adapter sends (client events) and receives (server events), and the
// mirror image for the local fake server in tests, which builds server
// events and reads client events with the same code. Pure: no I/O, no
// clock, no state; the adapter feeds it one WebSocket text message at a
// time. Field names follow the GA interface (openai-python
// src/openai/types/realtime/), with the beta names (types/beta/realtime/,
// `OpenAI-Beta: realtime=v1`) accepted on input and produced on request;
// docs/providers/openai-realtime.md lists what was confirmed where.
//
// Parsers never throw: malformed JSON, or a known event whose required
// fields are missing or of the wrong type, is kInvalidArgument naming the
// event and the field. Event types this codec does not know parse as
// kUnknown with their type string kept, for the caller to count and ignore.
//
// Thread safety: pure functions over values.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "providers/realtime.h"

namespace voxdesk::providers {

// Which generation of the API's event names and session shape to speak.
enum class RealtimeDialect { kGa, kBeta };

// ---------------------------------------------------------------------------
// Client events (adapter -> OpenAI). `event_id` is optional: "" leaves it out.

// session.update from `config`. kInvalidArgument when the sample rate is not
// 24000 (the only PCM rate the API takes) or a tool's parameters are not a
// JSON object. The model is not sent: it goes in the URL (?model=).
Result<std::string> BuildSessionUpdate(const RealtimeConfig& config, RealtimeDialect dialect,
                                       std::string_view event_id = {});
// input_audio_buffer.append: 16-bit mono PCM as little-endian bytes, base64.
std::string BuildInputAudioAppend(std::span<const int16_t> pcm, std::string_view event_id = {});
std::string BuildInputAudioCommit(std::string_view event_id = {});
std::string BuildInputAudioClear(std::string_view event_id = {});
std::string BuildResponseCreate(std::string_view event_id = {});
std::string BuildResponseCancel(std::string_view event_id = {});
// conversation.item.truncate of content part 0 at `audio_end_ms`.
std::string BuildItemTruncate(std::string_view item_id, int64_t audio_end_ms,
                              std::string_view event_id = {});
// conversation.item.create with a function_call_output item; `output` is the
// tool's result as text (the API takes a string, usually JSON).
std::string BuildFunctionCallOutput(std::string_view call_id, std::string_view output,
                                    std::string_view event_id = {});

// ---------------------------------------------------------------------------
// Server events (OpenAI -> adapter).

enum class RealtimeServerEventType {
  kUnknown,
  kSessionCreated,            // session.created
  kSessionUpdated,            // session.updated
  kSpeechStarted,             // input_audio_buffer.speech_started
  kSpeechStopped,             // input_audio_buffer.speech_stopped
  kInputAudioCommitted,       // input_audio_buffer.committed
  kItemCreated,               // conversation.item.created
  kItemAdded,                 // conversation.item.added (GA only)
  kItemDone,                  // conversation.item.done (GA only)
  kInputTranscriptDelta,      // conversation.item.input_audio_transcription.delta
  kInputTranscriptCompleted,  // conversation.item.input_audio_transcription.completed
  kInputTranscriptFailed,     // conversation.item.input_audio_transcription.failed
  kResponseCreated,           // response.created
  kAudioDelta,                // response.output_audio.delta [response.audio.delta]
  kAudioDone,                 // response.output_audio.done [response.audio.done]
  kAudioTranscriptDelta,      // response.output_audio_transcript.delta
                              // [response.audio_transcript.delta]
  kAudioTranscriptDone,  // response.output_audio_transcript.done [response.audio_transcript.done]
  kTextDelta,            // response.output_text.delta [response.text.delta]
  kFunctionCallArgumentsDelta,  // response.function_call_arguments.delta
  kFunctionCallArgumentsDone,   // response.function_call_arguments.done
  kResponseDone,                // response.done
  kRateLimitsUpdated,           // rate_limits.updated
  kError,                       // error
};

// response.status / status_details.type.
enum class RealtimeResponseStatus {
  kNone,
  kInProgress,
  kCompleted,
  kCancelled,
  kFailed,
  kIncomplete,
  kOther
};

struct RealtimeRateLimit {
  std::string name;  // "requests" | "tokens"
  int64_t limit = 0;
  int64_t remaining = 0;
  double reset_seconds = 0;
};

// One server event. Only the fields its type carries are set; the rest keep
// their defaults. Optional fields the server sent as null read as absent.
struct RealtimeServerEvent {
  RealtimeServerEventType type = RealtimeServerEventType::kUnknown;
  std::string type_name;                           // "type" as received
  RealtimeDialect dialect = RealtimeDialect::kGa;  // kBeta only for a beta-only name
  std::string event_id;

  std::string session_id;  // session.created / session.updated (session.id)

  std::string item_id;           // speech, committed, items, transcripts, audio, text
  std::string previous_item_id;  // committed, items
  std::string response_id;       // response.*, including response.created/done (response.id)
  int64_t output_index = 0;
  int64_t content_index = 0;
  int64_t audio_start_ms = 0;  // speech_started
  int64_t audio_end_ms = 0;    // speech_stopped

  // A delta (transcripts, text, function arguments) or a whole transcript
  // (.completed, .done).
  std::string text;
  std::vector<int16_t> pcm;  // audio deltas, decoded

  // conversation.item.*: the item's id is in item_id.
  std::string item_type;    // "message", "function_call", "function_call_output", ...
  std::string item_role;    // messages: "user", "assistant", "system"
  std::string item_status;  // "completed", "in_progress", "incomplete"

  // Function calls (arguments events and function_call items).
  std::string call_id;
  std::string name;       // absent from some beta arguments.done events
  std::string arguments;  // the JSON object as text

  // response.created / response.done.
  RealtimeResponseStatus status = RealtimeResponseStatus::kNone;
  std::string status_text;    // "status" as received
  std::string status_reason;  // status_details.reason: turn_detected, client_cancelled, ...
  std::string status_error_type, status_error_code;  // status_details.error

  // "error" and input_audio_transcription.failed (error.*).
  std::string error_type, error_code, error_message, error_param, error_event_id;

  std::vector<RealtimeRateLimit> rate_limits;
};

// Parses one WebSocket text message from the server.
Result<RealtimeServerEvent> ParseRealtimeServerEvent(std::string_view json);

// Reports `event` to `sink` as realtime.h documents: speech started/stopped,
// transcripts (caller: input_audio_transcription.delta/.completed; agent:
// output_audio_transcript.delta/.done), audio (the span borrows event.pcm),
// tool calls (arguments.done), response.done and "error" (OnError with
// kInvalidArgument for invalid_request_error, kUnavailable for the rest).
// Everything else, unknown events included, calls nothing.
void DispatchRealtimeEvent(const RealtimeServerEvent& event, RealtimeSink& sink);

// The wire name of `type` in `dialect` ("" for kUnknown); GA-only events
// keep their GA name in kBeta.
std::string_view RealtimeServerEventName(RealtimeServerEventType type, RealtimeDialect dialect);

// ---------------------------------------------------------------------------
// The fake server's side.

// Encodes `event` as the server would send it, under its name in `dialect`
// (kUnknown uses event.type_name). Writes the fields ParseRealtimeServerEvent
// reads for the type, so parsing the result gives the same event back (with
// `dialect` and `type_name` set by the name used).
std::string EncodeRealtimeServerEvent(const RealtimeServerEvent& event,
                                      RealtimeDialect dialect = RealtimeDialect::kGa);

enum class RealtimeClientEventType {
  kUnknown,
  kSessionUpdate,
  kInputAudioAppend,
  kInputAudioCommit,
  kInputAudioClear,
  kResponseCreate,
  kResponseCancel,
  kItemTruncate,
  kItemCreate,
};

struct RealtimeClientEvent {
  RealtimeClientEventType type = RealtimeClientEventType::kUnknown;
  std::string type_name;
  std::string event_id;

  std::vector<int16_t> pcm;  // input_audio_buffer.append, decoded

  // conversation.item.truncate.
  std::string item_id;
  int64_t content_index = 0;
  int64_t audio_end_ms = 0;

  // conversation.item.create: the item's type, and for function_call_output
  // items its call_id and output.
  std::string item_type;
  std::string call_id;
  std::string output;

  // session.update, read back into a config: instructions, voice, turn
  // detection, transcription, tools (parameters re-serialized compactly) and
  // the PCM rate (24000 for beta "pcm16"). `dialect` tells which shape came.
  RealtimeDialect dialect = RealtimeDialect::kGa;
  RealtimeConfig session;
  bool has_turn_detection = false;  // the field was present (null means kNone)
  std::string input_audio_format;   // GA format.type ("audio/pcm") or beta name ("pcm16")
  std::string output_audio_format;
  std::vector<std::string> modalities;  // output_modalities [modalities]
};

// Parses one WebSocket text message from a client, for the fake server.
Result<RealtimeClientEvent> ParseRealtimeClientEvent(std::string_view json);

}  // namespace voxdesk::providers
