// OpenAI Chat Completions as a dialog::Llm, over the network layer: the
// request is built by the codec (openai_chat.h), POSTed to
// /v1/chat/completions with stream:true on the event loop, and the SSE body
// is turned into LlmEvents there, then handed to the caller's thread.
//
// Errors: a 4xx other than 408/409/429 is kInvalidArgument (the request or
// the key is wrong: retrying or failing over will not help); 429, 5xx,
// timeouts, a stalled or cut stream, a malformed chunk and an open circuit
// breaker are kUnavailable, which a FailoverLlm answers by trying the next
// provider. A body that ends without "[DONE]" is kUnavailable "truncated".
// Generating an answer changes nothing on the server, so failed attempts are
// retried per `retry` as long as no byte of the answer has arrived.
//
// Threading: Stream() may be called from several threads at once (each call
// has its own state); it blocks its caller, which must not be the event
// loop's thread (kInternal there). Network work runs on the loop; every
// LlmEvent is delivered on the caller's thread, in order, inside Stream().
// The loop must outlive this object.
//
// Secrets: the API key (config or OPENAI_API_KEY) travels only in the
// Authorization header and is scrubbed from every Status message, including
// error text the server echoes back.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "dialog/llm.h"
#include "providers/net/backoff.h"
#include "providers/net/circuit_breaker.h"
#include "providers/net/http_client.h"
#include "providers/openai_chat.h"

namespace voxdesk::providers {

namespace net {
class EventLoop;
}

struct OpenAiLlmConfig {
  std::string base_url = "https://api.openai.com";
  std::string api_key;  // empty: the OPENAI_API_KEY environment variable
  std::string model = "gpt-4o-mini";
  OpenAiChatOptions options;  // the rest of the request; its model is replaced by `model`
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds first_byte_timeout{30'000};  // to the response's headers
  std::chrono::milliseconds idle_timeout{15'000};        // longest silence inside the stream
  net::BackoffPolicy retry;
  std::shared_ptr<net::CircuitBreaker> breaker;  // shared per provider; may be null
};

class OpenAiLlm final : public dialog::Llm {
 public:
  // kConfig for a missing key or model.
  static Result<std::unique_ptr<OpenAiLlm>> Create(net::EventLoop& loop, OpenAiLlmConfig config);

  Status Stream(const dialog::LlmRequest& request,
                const std::function<void(const dialog::LlmEvent&)>& on_event) override;

 private:
  OpenAiLlm(net::EventLoop& loop, OpenAiLlmConfig config)
      : loop_(loop), config_(std::move(config)) {}
  net::EventLoop& loop_;
  OpenAiLlmConfig config_;
};

}  // namespace voxdesk::providers
