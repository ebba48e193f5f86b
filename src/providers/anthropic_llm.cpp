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

  // 529 and 500 are retried too, as the official SDKs do.
  net::HttpRequest r = LlmPost(
      config_, config_.base_url + "/v1/messages", std::move(body).value(),
      {{"x-api-key", config_.api_key}, {"anthropic-version", std::string(kAnthropicVersion)}});

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
