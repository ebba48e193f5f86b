// The part of a streamed LLM request that every HTTP adapter (OpenAI,
// Anthropic) shares: the POST runs on the event loop, its SSE body goes
// through the provider's codec there, and the LlmEvents are relayed to the
// caller's thread, which runs its callback itself so that a slow consumer
// never holds the loop. How an ending maps to a status is described in
// openai_llm.h.
#pragma once

#include <cstdlib>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "dialog/llm.h"
#include "providers/net/http_client.h"
#include "providers/net/sse_parser.h"

namespace voxdesk::providers {

namespace net {
class EventLoop;
}

// What differs between providers in a streamed LLM request; the loop-side
// functions run on the loop thread, one at a time.
struct LlmHttpStream {
  std::string provider;  // "openai": prefixes every message
  std::string secret;    // replaced by "[redacted:secret]" in every message
  // One SSE event; its LlmEvents go to `emit`. An error ends the request.
  std::function<Status(const net::SseEvent& event,
                       const std::function<void(const dialog::LlmEvent&)>& emit)>
      on_sse;
  // At the body's end: whether the answer's final marker arrived.
  std::function<bool()> complete;
  // A non-2xx response's body as the provider's error (the codec's parser).
  std::function<Status(int http_status, std::string_view body)> http_error;
};

// Runs `request` on `loop` and relays the events to `on_event` on the
// calling thread until the request ends; returns how it ended, with the
// code chosen as the adapters' header describes. Must not be called on the
// loop thread.
Status RunLlmHttpStream(net::EventLoop& loop, net::HttpRequest request, LlmHttpStream stream,
                        const std::function<void(const dialog::LlmEvent&)>& on_event);

// What every adapter's Create checks: a key (from `env_var` when the config
// has none) and a model; the base URL loses any trailing '/'.
template <typename Config>
Status CheckLlmConfig(Config& config, const std::string& provider, const char* env_var) {
  if (config.api_key.empty()) {
    if (const char* env = std::getenv(env_var)) config.api_key = env;
  }
  if (config.api_key.empty()) {
    return ConfigError(provider + " API key missing: set it in the config or " + env_var);
  }
  if (config.model.empty()) return ConfigError(provider + " model missing");
  while (!config.base_url.empty() && config.base_url.back() == '/') config.base_url.pop_back();
  return Status::Ok();
}

// A streamed POST of `body` to `url` with the config's timeouts, retries and
// breaker. Generating an answer creates nothing on the server, so the
// request counts as idempotent (the official SDKs retry it too); the client
// never repeats it once the answer has started.
template <typename Config>
net::HttpRequest LlmPost(const Config& config, std::string url, std::string body,
                         std::vector<std::pair<std::string, std::string>> auth_headers) {
  net::HttpRequest r;
  r.method = "POST";
  r.url = std::move(url);
  r.headers = std::move(auth_headers);
  r.headers.emplace_back("Content-Type", "application/json");
  r.headers.emplace_back("Accept", "text/event-stream");
  r.body = std::move(body);
  r.connect_timeout = config.connect_timeout;
  r.first_byte_timeout = config.first_byte_timeout;
  r.idle_timeout = config.idle_timeout;
  r.retry = config.retry;
  r.idempotent = true;
  r.breaker = config.breaker;
  return r;
}

}  // namespace voxdesk::providers
