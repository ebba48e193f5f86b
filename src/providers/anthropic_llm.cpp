#include "providers/anthropic_llm.h"

#include <utility>

#include "providers/llm_http_stream.h"

namespace voxdesk::providers {

Result<std::unique_ptr<AnthropicLlm>> AnthropicLlm::Create(net::EventLoop& loop,
                                                           AnthropicLlmConfig config) {
  if (Status st = CheckLlmConfig(config, "Anthropic", "ANTHROPIC_API_KEY"); !st.ok()) return st;
  return std::unique_ptr<AnthropicLlm>(new AnthropicLlm(loop, std::move(config)));
}

Status AnthropicLlm::Stream(const dialog::LlmRequest& request,
                            const std::function<void(const dialog::LlmEvent&)>& on_event) {
  AnthropicOptions options = config_.options;
  options.model = config_.model;
  options.stream = true;
  auto body = AnthropicRequestJson(request, options);
  if (!body.ok()) return body.status();

  net::HttpRequest r;
  r.method = "POST";
  r.url = config_.base_url + "/v1/messages";
  r.headers = {{"x-api-key", config_.api_key},
               {"anthropic-version", kAnthropicVersion},
               {"Content-Type", "application/json"},
               {"Accept", "text/event-stream"}};
  r.body = std::move(body).value();
  r.connect_timeout = config_.connect_timeout;
  r.first_byte_timeout = config_.first_byte_timeout;
  r.idle_timeout = config_.idle_timeout;
  r.retry = config_.retry;
  // 529 and 500 are worth repeating too: nothing was created server-side
  // (the official SDKs retry them); the client never repeats a started answer.
  r.idempotent = true;
  r.breaker = config_.breaker;

  auto codec = std::make_shared<AnthropicStream>();
  LlmHttpStream s;
  s.provider = "anthropic";
  s.secret = config_.api_key;
  s.on_sse = [codec](const net::SseEvent& event, const AnthropicStream::Emit& emit) {
    return codec->OnEvent(event.type, event.data, emit);
  };
  s.complete = [codec] { return codec->done(); };
  s.http_error = [](int status, std::string_view text) {
    return AnthropicErrorFromHttp(status, text);
  };
  return RunLlmHttpStream(loop_, std::move(r), std::move(s), on_event);
}

}  // namespace voxdesk::providers
