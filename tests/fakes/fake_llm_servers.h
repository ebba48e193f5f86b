// Loopback OpenAI Chat Completions and Anthropic Messages servers for
// tests: each parses the request with its codec's request parser, checks
// the key (Authorization: Bearer / x-api-key and anthropic-version), and
// streams a scripted answer (text, tool calls, or both) as the real API
// frames it, through the codec's server-side encoder. Faults apply to the
// next request(s), one per request, in the order injected.
//
// Thread-safe: configuration and counters may be used from any thread while
// handlers run on the server's threads.
#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "dialog/llm.h"
#include "fakes/loopback_http.h"
#include "providers/anthropic_messages.h"
#include "providers/openai_chat.h"

namespace voxdesk::fakes {

struct FakeLlmAnswer {
  std::string text;
  std::vector<dialog::ToolCall> calls;
};

struct LlmFault {
  enum class Kind {
    kNone,
    kLatency,         // wait `delay` before the headers, then answer normally
    kStall,           // send the first half of the answer, then go silent for `delay`
    kDisconnect,      // send the first half of the answer, then close the connection
    kRateLimited,     // 429 with Retry-After: `retry_after_seconds`
    kHttpError,       // `http_status` (500, 503, 529...) with the provider's error body
    kMalformedFrame,  // an unreadable SSE data payload after the first frame
  } kind = Kind::kNone;
  std::chrono::milliseconds delay{0};
  int retry_after_seconds = 0;
  int http_status = 500;
};

// What both fakes keep: the script, the faults, the counters.
class FakeLlmScript {
 public:
  void SetAnswer(FakeLlmAnswer answer);
  void InjectFault(LlmFault fault, int count = 1);
  int requests() const;  // every request received, refused ones included

  FakeLlmAnswer answer() const;
  LlmFault NextFault();  // counts the request and takes its fault

 private:
  mutable std::mutex mu_;
  FakeLlmAnswer answer_{"Hello! How can I help you today?", {}};
  std::deque<LlmFault> faults_;
  int requests_ = 0;
};

class FakeOpenAiServer {
 public:
  explicit FakeOpenAiServer(std::string api_key);
  bool Start() { return http_.Start(); }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(http_.port()); }

  void SetAnswer(FakeLlmAnswer answer) { script_.SetAnswer(std::move(answer)); }
  void InjectFault(LlmFault fault, int count = 1) { script_.InjectFault(fault, count); }
  int requests() const { return script_.requests(); }
  // The last request that passed the key check and parsed.
  std::optional<providers::ParsedChatRequest> last_request() const;

 private:
  void Handle(const httplib::Request& req, httplib::Response& res);

  const std::string api_key_;
  FakeLlmScript script_;
  mutable std::mutex mu_;
  std::optional<providers::ParsedChatRequest> last_request_;  // guarded by mu_
  // Last, so it stops (and its handler threads end) before the rest goes.
  LoopbackHttp http_;
};

class FakeAnthropicServer {
 public:
  explicit FakeAnthropicServer(std::string api_key);
  bool Start() { return http_.Start(); }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(http_.port()); }

  void SetAnswer(FakeLlmAnswer answer) { script_.SetAnswer(std::move(answer)); }
  void InjectFault(LlmFault fault, int count = 1) { script_.InjectFault(fault, count); }
  int requests() const { return script_.requests(); }
  std::optional<providers::ParsedAnthropicRequest> last_request() const;

 private:
  void Handle(const httplib::Request& req, httplib::Response& res);

  const std::string api_key_;
  FakeLlmScript script_;
  mutable std::mutex mu_;
  std::optional<providers::ParsedAnthropicRequest> last_request_;  // guarded by mu_
  LoopbackHttp http_;
};

}  // namespace voxdesk::fakes
