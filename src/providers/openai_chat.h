// OpenAI Chat Completions (POST /v1/chat/completions) without I/O: the
// request body built from an LlmRequest, the streamed answer turned back
// into LlmEvents, HTTP error bodies turned into a Status, and the server's
// side of the same wire format for the loopback fake used in tests. The
// network adapter splits the HTTP body into SSE events (net::SseParser) and
// hands each event's data to OpenAiChatStream::OnData. Field names are
// confirmed in docs/providers/openai-chat.md.
//
// Parsing never throws and checks every field's type: a known field of the
// wrong type is an error that names it; unknown fields are ignored (the API
// adds fields, such as `obfuscation`, without notice).
//
// Thread safety: the free functions are pure; one OpenAiChatStream per
// response, used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "dialog/llm.h"

namespace voxdesk::providers {

// ------------------------------------------------------------ the request

struct OpenAiChatOptions {
  std::string model = "gpt-4o-mini";
  bool stream = true;  // also asks for stream_options.include_usage
  // Sent as `max_completion_tokens`: `max_tokens` is deprecated and refused
  // by reasoning models.
  std::optional<int> max_completion_tokens;
  std::optional<bool> parallel_tool_calls;  // sent only with tools
  std::optional<std::string> user;          // deprecated by the API; prefer safety_identifier
  std::optional<std::string> safety_identifier;
  // Reasoning models (o-series, gpt-5) refuse a temperature other than the
  // default; false leaves LlmRequest::temperature out.
  bool send_temperature = true;
};

// The JSON body. kInvalidArgument when the model is empty, a tool name is not
// 1-64 of [A-Za-z0-9_-], a ToolSpec's parameters is not a JSON object, an
// assistant tool call's arguments are not a JSON object, or a tool message
// has no tool_call_id.
Result<std::string> OpenAiChatRequestJson(const dialog::LlmRequest& request,
                                          const OpenAiChatOptions& options);

// ------------------------------------------------------------ errors

struct OpenAiError {
  int http_status = 0;  // 0 for an error sent inside a stream
  std::string type;     // "invalid_request_error", "server_error", "insufficient_quota"...
  std::string code;     // "rate_limit_exceeded", "context_length_exceeded"... or ""
  std::string param;
  std::string message;
  bool retryable = false;
};

// ------------------------------------------------------------ the streamed answer

// Turns the `data:` payloads of one streamed response into LlmEvents: kText
// per content delta (a refusal is spoken too, and kept in refusal()), one
// kToolCall per call once finish_reason arrives (in index order, arguments a
// JSON object), and kDone at "[DONE]". Only choice 0 is read (the request
// never asks for n > 1).
class OpenAiChatStream {
 public:
  using Emit = std::function<void(const dialog::LlmEvent&)>;

  // One SSE data payload. An error fails the stream, which then refuses
  // further data: kUnavailable for an `error` object the server sent
  // mid-stream (error() tells whether retrying may help), kInvalidArgument for
  // a malformed chunk, a tool call whose arguments are not a JSON object, or
  // data after "[DONE]".
  Status OnData(std::string_view data, const Emit& emit);

  // "[DONE]" arrived. False at the end of the body means the stream was cut
  // short and the answer is incomplete.
  bool done() const { return done_; }
  bool failed() const { return failed_; }
  // "stop", "length", "tool_calls", "content_filter"; "" until it arrives.
  const std::string& finish_reason() const { return finish_reason_; }
  const std::string& refusal() const { return refusal_; }
  const std::string& id() const { return id_; }
  const std::string& model() const { return model_; }
  // From the final usage chunk (stream_options.include_usage); -1 when the
  // stream carried none.
  int64_t prompt_tokens() const { return prompt_tokens_; }
  int64_t completion_tokens() const { return completion_tokens_; }
  uint64_t chunks() const { return chunks_; }
  // The error the server sent inside the stream (http_status 0), if any.
  const std::optional<OpenAiError>& error() const { return error_; }

 private:
  struct PendingCall {
    std::string id, name, arguments;
  };
  Status Chunk(std::string_view data, const Emit& emit);
  Status FlushCalls(const Emit& emit);
  Status Fail(Status s);

  std::map<int, PendingCall> calls_;  // by the delta's index: calls may interleave
  size_t argument_bytes_ = 0;         // all calls' arguments, bounded
  bool calls_flushed_ = false;
  bool done_ = false;
  bool failed_ = false;
  std::string finish_reason_, refusal_, id_, model_;
  int64_t prompt_tokens_ = -1;
  int64_t completion_tokens_ = -1;
  uint64_t chunks_ = 0;
  std::optional<OpenAiError> error_;
};

// Whether the official SDKs retry this HTTP status: 408, 409, 429 and 5xx.
// `x_should_retry` is the response's x-should-retry header ("true"/"false"),
// which overrides the status when present.
bool OpenAiRetryableStatus(int http_status, std::string_view x_should_retry = {});

// Reads {"error":{"message","type","param","code"}}; a body that is not that
// shape (an HTML page from a proxy) keeps its first printable bytes as the
// message. Retryable per OpenAiRetryableStatus, except insufficient_quota
// (billing: waiting does not help).
OpenAiError ParseOpenAiError(int http_status, std::string_view body);

// A non-2xx response as a Status naming the status, type, code and message:
// kUnavailable when retryable, kConfig for 401/403 (key, organization,
// region), kInvalidArgument otherwise.
Status OpenAiErrorFromHttp(int http_status, std::string_view body);
Status OpenAiErrorStatus(const OpenAiError& error);

// ------------------------------------------------------------ the server's side (fakes)

struct OpenAiChunkOptions {
  std::string id = "chatcmpl-fake";
  std::string model = "gpt-4o-mini";
  int64_t created = 1700000000;
  size_t text_piece_bytes = 6;  // content deltas are cut to about this size
  size_t argument_pieces = 3;   // each call's arguments arrive in this many fragments
  bool include_usage = true;
  int64_t prompt_tokens = 12;
  int64_t completion_tokens = 7;
};

// The data payloads a real server sends for an answer, "[DONE]" last: a role
// chunk, the text in pieces (cut on UTF-8 boundaries), each tool call as a
// first fragment carrying index, id, type and name, then its arguments in
// fragments, the finish chunk ("tool_calls" when there are calls, else
// "stop"), and the usage chunk with empty choices.
std::vector<std::string> OpenAiChatStreamChunks(std::string_view text,
                                                const std::vector<dialog::ToolCall>& calls,
                                                const OpenAiChunkOptions& options = {});
// {"error":{...}} as a chunk inside a stream, and as an HTTP error body.
std::string OpenAiStreamErrorChunk(std::string_view type, std::string_view message);
std::string OpenAiErrorBody(std::string_view type, std::string_view code, std::string_view message);

// A request as the fake server reads it.
struct ParsedChatRequest {
  std::string model;
  bool stream = false;
  bool include_usage = false;
  std::optional<int64_t> max_completion_tokens;  // or the deprecated max_tokens
  std::optional<double> temperature;
  std::optional<bool> parallel_tool_calls;
  std::vector<dialog::LlmMessage> messages;  // "developer" reads as kSystem
  std::vector<dialog::ToolSpec> tools;       // parameters re-serialised compactly
};

// kInvalidArgument naming the field for malformed JSON, a missing model or
// messages, an unknown role, or a field of the wrong type. Content given as
// an array of parts keeps the text parts, joined.
Result<ParsedChatRequest> ParseOpenAiChatRequest(std::string_view json);

}  // namespace voxdesk::providers
