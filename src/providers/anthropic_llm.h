// Anthropic Messages as a dialog::Llm, over the network layer: the request
// is built by the codec (anthropic_messages.h), POSTed to /v1/messages with
// stream:true on the event loop, and the named SSE events are turned into
// LlmEvents there, then handed to the caller's thread.
//
// Errors: a 4xx other than 408/409/429 is kInvalidArgument (the request or
// the key is wrong); 429, 5xx including 529 "overloaded", timeouts, a
// stalled or cut stream, a malformed or `error` event and an open circuit
// breaker are kUnavailable, which a FailoverLlm answers by trying the next
// provider. A body that ends without message_stop is kUnavailable
// "truncated". Failed attempts are retried per `retry` as long as no byte
// of the answer has arrived (generating an answer changes nothing).
//
// Threading: as OpenAiLlm: Stream() may run on several threads at once,
// blocks its caller (never the loop's thread: kInternal there), and
// delivers every LlmEvent on the caller's thread, in order. The loop must
// outlive this object.
//
// Secrets: the API key (config or ANTHROPIC_API_KEY) travels only in the
// x-api-key header and is scrubbed from every Status message.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "dialog/llm.h"
#include "providers/anthropic_messages.h"
#include "providers/net/backoff.h"
#include "providers/net/circuit_breaker.h"

namespace voxdesk::providers {

namespace net {
class EventLoop;
}

struct AnthropicLlmConfig {
  std::string base_url = "https://api.anthropic.com";
  std::string api_key;  // empty: the ANTHROPIC_API_KEY environment variable
  std::string model = "claude-sonnet-4-5";
  AnthropicOptions options;  // max_tokens and the rest; its model is replaced by `model`
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds first_byte_timeout{30'000};  // to the response's headers
  std::chrono::milliseconds idle_timeout{15'000};        // longest silence inside the stream
  net::BackoffPolicy retry;
  std::shared_ptr<net::CircuitBreaker> breaker;  // shared per provider; may be null
};

class AnthropicLlm final : public dialog::Llm {
 public:
  // kConfig for a missing key or model.
  static Result<std::unique_ptr<AnthropicLlm>> Create(net::EventLoop& loop,
                                                      AnthropicLlmConfig config);

  Status Stream(const dialog::LlmRequest& request,
                const std::function<void(const dialog::LlmEvent&)>& on_event) override;

 private:
  AnthropicLlm(net::EventLoop& loop, AnthropicLlmConfig config)
      : loop_(loop), config_(std::move(config)) {}
  net::EventLoop& loop_;
  AnthropicLlmConfig config_;
};

}  // namespace voxdesk::providers
