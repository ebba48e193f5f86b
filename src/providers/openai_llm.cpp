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

  net::HttpRequest r;
  r.method = "POST";
  r.url = config_.base_url + "/v1/chat/completions";
  r.headers = {{"Authorization", "Bearer " + config_.api_key},
               {"Content-Type", "application/json"},
               {"Accept", "text/event-stream"}};
  r.body = std::move(body).value();
  r.connect_timeout = config_.connect_timeout;
  r.first_byte_timeout = config_.first_byte_timeout;
  r.idle_timeout = config_.idle_timeout;
  r.retry = config_.retry;
  // Nothing is created server-side, so a repeat is harmless (the official
  // SDKs retry it too); the client never repeats once the answer started.
  r.idempotent = true;
  r.breaker = config_.breaker;

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
