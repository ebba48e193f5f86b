// Anthropic Messages (POST /v1/messages, anthropic-version 2023-06-01)
// without I/O: the request body built from an LlmRequest, the streamed
// answer (named SSE events) turned back into LlmEvents, HTTP error bodies
// turned into a Status, and the server's side of the same wire format for
// the loopback fake used in tests. The network adapter splits the HTTP body
// into SSE events (net::SseParser) and hands each one, type and data, to
// AnthropicStream::OnEvent. Field and event names are confirmed in
// docs/providers/anthropic.md.
//
// Parsing never throws and checks every field's type: a known field of the
// wrong type is an error that names it; unknown fields, unknown event types,
// unknown content block types and unknown delta types are ignored and
// counted (the API documents that it adds them over time).
//
// Thread safety: the free functions are pure; one AnthropicStream per
// response, used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "dialog/llm.h"

namespace voxdesk::providers {

constexpr const char* kAnthropicVersion = "2023-06-01";  // the anthropic-version header

// ------------------------------------------------------------ the request

struct AnthropicOptions {
  std::string model = "claude-sonnet-4-5";
  int max_tokens = 1024;  // required by the API
  bool stream = true;
  bool send_temperature = true;  // LlmRequest::temperature, which must be in 0..1
};

// The JSON body: system messages joined into the top-level "system";
// assistant tool calls as tool_use blocks (input the parsed arguments
// object); tool results as tool_result blocks in a user message, consecutive
// results (and a user message right after them) merged into one; tools as
// {name, description, input_schema}. kInvalidArgument for an empty model,
// max_tokens < 1, a temperature outside 0..1, a tool name that is not 1-64
// of [A-Za-z0-9_-], parameters or arguments that are not a JSON object, a
// tool call without id or a tool result without tool_call_id, or no
// non-system message.
Result<std::string> AnthropicRequestJson(const dialog::LlmRequest& request,
                                         const AnthropicOptions& options);

// ------------------------------------------------------------ errors

struct AnthropicError {
  int http_status = 0;  // 0 for an `error` event inside a stream
  // "invalid_request_error", "authentication_error", "permission_error",
  // "not_found_error", "request_too_large", "rate_limit_error", "api_error",
  // "overloaded_error", or a type added later.
  std::string type;
  std::string message;
  std::string request_id;
  bool retryable = false;
};

// Whether the official SDKs retry this HTTP status: 408, 409, 429 and 5xx
// (529 is "overloaded"). `x_should_retry` is the x-should-retry response
// header ("true"/"false"), which overrides the status when present.
bool AnthropicRetryableStatus(int http_status, std::string_view x_should_retry = {});
// Error types worth another attempt: rate_limit_error, overloaded_error,
// api_error, timeout_error.
bool AnthropicRetryableType(std::string_view type);

// Reads {"type":"error","error":{"type","message"},"request_id"}; a body that
// is not that shape keeps its first printable bytes as the message.
AnthropicError ParseAnthropicError(int http_status, std::string_view body);
// kUnavailable when retryable (and for any error inside a stream), kConfig
// for 401/403 (key, permission), kInvalidArgument otherwise.
Status AnthropicErrorStatus(const AnthropicError& error);
Status AnthropicErrorFromHttp(int http_status, std::string_view body);

// ------------------------------------------------------------ the streamed answer

// Turns one streamed response's events into LlmEvents: kText per text_delta,
// one kToolCall at each tool_use block's content_block_stop (the
// input_json_delta fragments joined, "{}" when there were none), kDone at
// message_stop. Order is checked: message_start first, deltas and stops only
// for an open block of the right kind, nothing but ping after message_stop.
class AnthropicStream {
 public:
  using Emit = std::function<void(const dialog::LlmEvent&)>;

  // `type` is the SSE event name ("message" when the event had no `event:`
  // line, in which case the JSON "type" alone decides); it must agree with
  // the JSON "type". An error fails the stream, which then refuses further
  // events: kUnavailable for an `error` event (error() keeps its type and
  // whether to retry), kInvalidArgument for malformed or out-of-order events
  // and tool input that is not a JSON object.
  Status OnEvent(std::string_view type, std::string_view data, const Emit& emit);

  bool done() const { return done_; }  // message_stop arrived
  bool failed() const { return failed_; }
  // "end_turn", "max_tokens", "stop_sequence", "tool_use" or a newer value,
  // as sent; "" until message_delta carries it.
  const std::string& stop_reason() const { return stop_reason_; }
  const std::string& message_id() const { return message_id_; }
  const std::string& model() const { return model_; }
  // message_start's usage.input_tokens and the cumulative output_tokens of
  // the last message_delta; -1 when not sent.
  int64_t input_tokens() const { return input_tokens_; }
  int64_t output_tokens() const { return output_tokens_; }
  // Event, content block and delta types this code does not know (thinking,
  // server tools, citations...), skipped.
  uint64_t unknown() const { return unknown_; }
  const std::optional<AnthropicError>& error() const { return error_; }

 private:
  struct Block {
    enum class Kind { kText, kToolUse, kOther } kind = Kind::kOther;
    std::string id, name;
    std::string input;          // partial_json fragments so far
    std::string initial_input;  // content_block.input when it was not {}
    bool open = true;
  };
  Status Event(std::string_view type, std::string_view data, const Emit& emit);
  Status Fail(Status s);

  std::map<int64_t, Block> blocks_;
  bool started_ = false;
  bool done_ = false;
  bool failed_ = false;
  std::string stop_reason_, message_id_, model_;
  int64_t input_tokens_ = -1;
  int64_t output_tokens_ = -1;
  size_t input_bytes_ = 0;  // all tool_use blocks' input, bounded
  uint64_t unknown_ = 0;
  std::optional<AnthropicError> error_;
};

// ------------------------------------------------------------ the server's side (fakes)

// One SSE event as the server sends it: `event: first` then `data: second`.
using AnthropicSseEvent = std::pair<std::string, std::string>;

struct AnthropicEncodeOptions {
  std::string message_id = "msg_fake";
  std::string model = "claude-sonnet-4-5";
  size_t text_piece_bytes = 6;  // text_delta pieces are cut to about this size
  size_t input_pieces = 3;      // each tool input arrives in this many input_json_delta
  int64_t input_tokens = 25;
  int64_t output_tokens = 15;
  bool ping = true;  // a ping after message_start, as the real server sends
};

// The events of an answer: message_start, [ping], a text block when `text`
// is not empty, one tool_use block per call (input_json_delta fragments of
// the call's arguments, cut on UTF-8 boundaries), message_delta (stop_reason
// "tool_use" when there are calls, else "end_turn") and message_stop.
std::vector<AnthropicSseEvent> AnthropicStreamEvents(std::string_view text,
                                                     const std::vector<dialog::ToolCall>& calls,
                                                     const AnthropicEncodeOptions& options = {});
// An `error` event, and an HTTP error body, as the API sends them.
AnthropicSseEvent AnthropicErrorEvent(std::string_view type, std::string_view message);
std::string AnthropicErrorBody(std::string_view type, std::string_view message,
                               std::string_view request_id = "req_fake");

// A request as the fake server reads it.
struct ParsedAnthropicRequest {
  std::string model;
  int64_t max_tokens = 0;
  bool stream = false;
  std::optional<double> temperature;
  std::string system;  // a string, or the text blocks of an array, joined
  // Content blocks flattened back into LlmMessages: text blocks join into
  // content, tool_use blocks become tool_calls, each tool_result block its
  // own kTool message (a user message's text after its results follows as a
  // kUser message).
  std::vector<dialog::LlmMessage> messages;
  std::vector<dialog::ToolSpec> tools;  // input_schema re-serialised compactly
};

// kInvalidArgument naming the field for malformed JSON, a missing model,
// max_tokens or messages, an unknown role, or a field of the wrong type.
Result<ParsedAnthropicRequest> ParseAnthropicRequest(std::string_view json);

}  // namespace voxdesk::providers
