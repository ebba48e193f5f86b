#include "fakes/fake_llm_servers.h"

#include <memory>
#include <utility>

namespace voxdesk::fakes {

namespace {

using Kind = LlmFault::Kind;

// Sends whole SSE frames with the fault applied: a malformed frame after
// the first, or the first half followed by silence or a dropped connection.
void StreamFrames(const LoopbackHttp& http, httplib::Response& res, std::vector<std::string> frames,
                  const LlmFault& fault, const std::string& malformed) {
  if (fault.kind == Kind::kMalformedFrame) {
    frames.insert(frames.begin() + (frames.empty() ? 0 : 1), malformed);
  }
  auto shared = std::make_shared<std::vector<std::string>>(std::move(frames));
  res.set_chunked_content_provider(
      "text/event-stream", [&http, shared, fault](size_t, httplib::DataSink& sink) {
        const bool cut = fault.kind == Kind::kStall || fault.kind == Kind::kDisconnect;
        const size_t end = cut ? shared->size() / 2 : shared->size();
        for (size_t i = 0; i < end; ++i) {
          if (!sink.write((*shared)[i].data(), (*shared)[i].size())) return false;
        }
        if (fault.kind == Kind::kStall) {
          http.Stall(fault.delay);
          return false;
        }
        if (fault.kind == Kind::kDisconnect) return false;  // no final chunk: a cut stream
        sink.done();
        return true;
      });
}

void Json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json");
}

}  // namespace

// ------------------------------------------------------------ FakeLlmScript

void FakeLlmScript::SetAnswer(FakeLlmAnswer answer) {
  std::lock_guard lock(mu_);
  answer_ = std::move(answer);
}

void FakeLlmScript::InjectFault(LlmFault fault, int count) {
  std::lock_guard lock(mu_);
  for (int i = 0; i < count; ++i) faults_.push_back(fault);
}

int FakeLlmScript::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

FakeLlmAnswer FakeLlmScript::answer() const {
  std::lock_guard lock(mu_);
  return answer_;
}

LlmFault FakeLlmScript::NextFault() {
  std::lock_guard lock(mu_);
  ++requests_;
  if (faults_.empty()) return {};
  LlmFault f = faults_.front();
  faults_.pop_front();
  return f;
}

// ------------------------------------------------------------ OpenAI

FakeOpenAiServer::FakeOpenAiServer(std::string api_key) : api_key_(std::move(api_key)) {
  http_.server().Post("/v1/chat/completions",
                      [this](const httplib::Request& q, httplib::Response& r) { Handle(q, r); });
}

std::optional<providers::ParsedChatRequest> FakeOpenAiServer::last_request() const {
  std::lock_guard lock(mu_);
  return last_request_;
}

void FakeOpenAiServer::Handle(const httplib::Request& req, httplib::Response& res) {
  const LlmFault fault = script_.NextFault();
  const std::string auth = req.get_header_value("Authorization");
  if (auth != "Bearer " + api_key_) {
    // The real API echoes (part of) the key it was given: the adapter must
    // keep it out of its errors.
    const std::string given = auth.starts_with("Bearer ") ? auth.substr(7) : auth;
    Json(res, 401,
         providers::OpenAiErrorBody("invalid_request_error", "invalid_api_key",
                                    "Incorrect API key provided: " + given + "."));
    return;
  }
  auto parsed = providers::ParseOpenAiChatRequest(req.body);
  if (!parsed.ok()) {
    Json(res, 400,
         providers::OpenAiErrorBody("invalid_request_error", "", parsed.status().message()));
    return;
  }
  if (!parsed->stream) {
    Json(res, 400,
         providers::OpenAiErrorBody("invalid_request_error", "", "this fake only streams"));
    return;
  }
  {
    std::lock_guard lock(mu_);
    last_request_ = *parsed;
  }
  switch (fault.kind) {
    case Kind::kLatency:
      http_.Stall(fault.delay);
      break;
    case Kind::kRateLimited:
      res.set_header("Retry-After", std::to_string(fault.retry_after_seconds));
      Json(res, 429,
           providers::OpenAiErrorBody("requests", "rate_limit_exceeded",
                                      "Rate limit reached for requests"));
      return;
    case Kind::kHttpError:
      Json(res, fault.http_status,
           providers::OpenAiErrorBody("server_error", "",
                                      "The server had an error while processing your request."));
      return;
    default:
      break;
  }
  const FakeLlmAnswer answer = script_.answer();
  providers::OpenAiChunkOptions options;
  options.model = parsed->model;
  std::vector<std::string> frames;
  for (const auto& chunk : providers::OpenAiChatStreamChunks(answer.text, answer.calls, options)) {
    frames.push_back("data: " + chunk + "\n\n");
  }
  StreamFrames(http_, res, std::move(frames), fault,
               "data: {\"id\":\"chatcmpl-fake\",\"choices\":[{\"delta\":{\"content\":\n\n");
}

// ------------------------------------------------------------ Anthropic

FakeAnthropicServer::FakeAnthropicServer(std::string api_key) : api_key_(std::move(api_key)) {
  http_.server().Post("/v1/messages",
                      [this](const httplib::Request& q, httplib::Response& r) { Handle(q, r); });
}

std::optional<providers::ParsedAnthropicRequest> FakeAnthropicServer::last_request() const {
  std::lock_guard lock(mu_);
  return last_request_;
}

void FakeAnthropicServer::Handle(const httplib::Request& req, httplib::Response& res) {
  const LlmFault fault = script_.NextFault();
  if (req.get_header_value("x-api-key") != api_key_) {
    Json(res, 401, providers::AnthropicErrorBody("authentication_error", "invalid x-api-key"));
    return;
  }
  if (req.get_header_value("anthropic-version") != providers::kAnthropicVersion) {
    Json(res, 400,
         providers::AnthropicErrorBody("invalid_request_error",
                                       "anthropic-version: unknown or missing version"));
    return;
  }
  auto parsed = providers::ParseAnthropicRequest(req.body);
  if (!parsed.ok()) {
    Json(res, 400,
         providers::AnthropicErrorBody("invalid_request_error", parsed.status().message()));
    return;
  }
  if (!parsed->stream) {
    Json(res, 400,
         providers::AnthropicErrorBody("invalid_request_error", "this fake only streams"));
    return;
  }
  {
    std::lock_guard lock(mu_);
    last_request_ = *parsed;
  }
  switch (fault.kind) {
    case Kind::kLatency:
      http_.Stall(fault.delay);
      break;
    case Kind::kRateLimited:
      res.set_header("Retry-After", std::to_string(fault.retry_after_seconds));
      Json(res, 429,
           providers::AnthropicErrorBody("rate_limit_error",
                                         "Number of requests has exceeded "
                                         "your per-minute rate limit"));
      return;
    case Kind::kHttpError:
      if (fault.http_status == 529) {
        Json(res, 529, providers::AnthropicErrorBody("overloaded_error", "Overloaded"));
      } else {
        Json(res, fault.http_status,
             providers::AnthropicErrorBody("api_error", "Internal server error"));
      }
      return;
    default:
      break;
  }
  const FakeLlmAnswer answer = script_.answer();
  providers::AnthropicEncodeOptions options;
  options.model = parsed->model;
  std::vector<std::string> frames;
  for (const auto& [type, data] :
       providers::AnthropicStreamEvents(answer.text, answer.calls, options)) {
    frames.push_back("event: " + type + "\ndata: " + data + "\n\n");
  }
  StreamFrames(
      http_, res, std::move(frames), fault,
      "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":\n\n");
}

}  // namespace voxdesk::fakes
