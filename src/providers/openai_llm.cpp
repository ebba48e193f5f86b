#include "providers/openai_llm.h"

#include <utility>

#include "providers/llm_http_stream.h"

namespace voxdesk::providers {

Result<std::unique_ptr<OpenAiLlm>> OpenAiLlm::Create(net::EventLoop& loop, OpenAiLlmConfig config) {
  if (Status st = CheckLlmConfig(config, "OpenAI", "OPENAI_API_KEY"); !st.ok()) return st;
  return std::unique_ptr<OpenAiLlm>(new OpenAiLlm(loop, std::move(config)));
}

Status OpenAiLlm::Stream(const dialog::LlmRequest& request,
                         const std::function<void(const dialog::LlmEvent&)>& on_event) {
  OpenAiChatOptions options = config_.options;
  options.model = config_.model;
  options.stream = true;
  auto body = OpenAiChatRequestJson(request, options);
  if (!body.ok()) return body.status();

  net::HttpRequest r =
      LlmPost(config_, config_.base_url + "/v1/chat/completions", std::move(body).value(),
              {{"Authorization", "Bearer " + config_.api_key}});

  auto codec = std::make_shared<OpenAiChatStream>();
  LlmHttpStream s;
  s.provider = "openai";
  s.secret = config_.api_key;
  s.on_sse = [codec](const net::SseEvent& event, const OpenAiChatStream::Emit& emit) {
    return codec->OnData(event.data, emit);
  };
  s.complete = [codec] { return codec->done(); };
  s.http_error = [](int status, std::string_view text) {
    return OpenAiErrorFromHttp(status, text);
  };
  return RunLlmHttpStream(loop_, std::move(r), std::move(s), on_event);
}

}  // namespace voxdesk::providers
