#include <doctest/doctest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <thread>

#include "fakes/fake_llm_servers.h"
#include "llm_test_util.h"
#include "providers/net/event_loop.h"
#include "providers/openai_llm.h"

using namespace std::chrono_literals;
using voxdesk::Code;
using voxdesk::Status;
using voxdesk::dialog::LlmEvent;
using voxdesk::dialog::LlmMessage;
using voxdesk::dialog::LlmRequest;
using voxdesk::dialog::ToolCall;
using voxdesk::dialog::ToolSpec;
using voxdesk::fakes::FakeLlmAnswer;
using voxdesk::fakes::FakeOpenAiServer;
using voxdesk::fakes::LlmFault;
using voxdesk::providers::OpenAiLlm;
using voxdesk::providers::OpenAiLlmConfig;
using voxdesk::providers::net::EventLoop;
using voxdesk::testing::Ask;
using voxdesk::testing::Collected;
using voxdesk::testing::Fault;
using voxdesk::testing::NewLoop;
using voxdesk::testing::Run;

namespace {

constexpr const char* kKey = "sk-test-0123456789abcdef";

OpenAiLlmConfig Config(const FakeOpenAiServer& server, std::string key = kKey) {
  OpenAiLlmConfig c;
  c.base_url = server.base_url();
  c.api_key = std::move(key);
  c.model = "gpt-4o-mini";
  c.connect_timeout = 300ms;
  c.first_byte_timeout = 300ms;
  c.idle_timeout = 200ms;
  c.retry.base = 1ms;
  c.retry.cap = 5ms;
  c.retry.max_retries = 2;
  return c;
}

std::unique_ptr<OpenAiLlm> NewLlm(EventLoop& loop, OpenAiLlmConfig config) {
  auto llm = OpenAiLlm::Create(loop, std::move(config));
  REQUIRE(llm.ok());
  return std::move(llm).value();
}

}  // namespace

TEST_CASE("openai llm: a streamed text answer arrives in order on the caller's thread") {
  FakeOpenAiServer server(kKey);
  server.SetAnswer({"Hello, you have reached the salon. How can I help?", {}});
  REQUIRE(server.Start());
  auto loop = NewLoop();
  auto llm = NewLlm(*loop, Config(server));
  Collected c = Run(*llm, Ask("Are you open on Saturday?"));
  REQUIRE(c.status.ok());
  CHECK(c.text == "Hello, you have reached the salon. How can I help?");
  CHECK(c.kinds.size() > 3);  // streamed in pieces, not one blob
  REQUIRE_FALSE(c.kinds.empty());
  CHECK(c.kinds.back() == LlmEvent::Kind::kDone);
  CHECK(c.all_on_caller_thread);
  CHECK(server.requests() == 1);
  auto seen = server.last_request();
  REQUIRE(seen.has_value());
  CHECK(seen->model == "gpt-4o-mini");
  CHECK(seen->stream);
  REQUIRE(seen->messages.size() == 2);
  CHECK(seen->messages[1].content == "Are you open on Saturday?");
}

TEST_CASE("openai llm: a tool call's argument fragments are reassembled into one call") {
  FakeOpenAiServer server(kKey);
  const std::string args = R"({"service":"haircut","start":"2025-01-02T10:00","name":"Ana"})";
  server.SetAnswer({"", {{"call_abc123", "book_slot", args}}});
  REQUIRE(server.Start());
  auto loop = NewLoop();
  auto llm = NewLlm(*loop, Config(server));
  LlmRequest req = Ask("Book me a haircut tomorrow at ten");
  req.tools.push_back({"book_slot", "Books a slot", R"({"type":"object","properties":{}})"});
  Collected c = Run(*llm, req);
  REQUIRE(c.status.ok());
  REQUIRE(c.calls.size() == 1);
  CHECK(c.calls[0].id == "call_abc123");
  CHECK(c.calls[0].name == "book_slot");
  CHECK(nlohmann::json::parse(c.calls[0].arguments) == nlohmann::json::parse(args));
  CHECK(c.text.empty());
  auto seen = server.last_request();
  REQUIRE(seen.has_value());
  REQUIRE(seen->tools.size() == 1);
  CHECK(seen->tools[0].name == "book_slot");
}

TEST_CASE("openai llm: a 429 with Retry-After is retried and the answer follows") {
  FakeOpenAiServer server(kKey);
  server.SetAnswer({"Sure.", {}});
  LlmFault f;
  f.kind = LlmFault::Kind::kRateLimited;
  f.retry_after_seconds = 0;
  server.InjectFault(f);
  REQUIRE(server.Start());
  auto loop = NewLoop();
  auto llm = NewLlm(*loop, Config(server));
  Collected c = Run(*llm, Ask("Hi"));
  CHECK(c.status.ok());
  CHECK(c.text == "Sure.");
  CHECK(server.requests() == 2);
}

TEST_CASE("openai llm: 500s are retried until the retries run out, then kUnavailable") {
  FakeOpenAiServer server(kKey);
  LlmFault f;
  f.kind = LlmFault::Kind::kHttpError;
  f.http_status = 500;
  server.InjectFault(f, 5);
  REQUIRE(server.Start());
  auto loop = NewLoop();
  auto llm = NewLlm(*loop, Config(server));  // 2 retries
  Collected c = Run(*llm, Ask("Hi"));
  CHECK(c.status.code() == Code::kUnavailable);
  CHECK(c.status.message().find("HTTP 500") != std::string::npos);
  CHECK(c.kinds.empty());
  CHECK(server.requests() == 3);
}

TEST_CASE("openai llm: a wrong key is a 401, not retried, and the key stays out of the message") {
  FakeOpenAiServer server("sk-the-right-one");
  REQUIRE(server.Start());
  auto loop = NewLoop();
  const std::string wrong = "sk-wrong-secret-987654321";
  auto llm = NewLlm(*loop, Config(server, wrong));
  Collected c = Run(*llm, Ask("Hi"));
  CHECK(c.status.code() == Code::kInvalidArgument);
  CHECK(c.status.message().find("401") != std::string::npos);
  CHECK(c.status.message().find("invalid_api_key") != std::string::npos);
  CHECK(c.status.message().find(wrong) == std::string::npos);
  CHECK(c.status.message().find("[redacted:secret]") !=
        std::string::npos);  // the echo was scrubbed
  CHECK(server.requests() == 1);
  CHECK(c.kinds.empty());
}

TEST_CASE("openai llm: a stream that stalls is cut by the idle timeout as kUnavailable") {
  FakeOpenAiServer server(kKey);
  server.SetAnswer({"One moment while I look that up for you, please.", {}});
  LlmFault f;
  f.kind = LlmFault::Kind::kStall;
  f.delay = 5s;
  server.InjectFault(f);
  REQUIRE(server.Start());
  auto loop = NewLoop();
  auto llm = NewLlm(*loop, Config(server));
  Collected c = Run(*llm, Ask("Hi"));
  CHECK(c.status.code() == Code::kUnavailable);
  CHECK(c.status.message().find("stalled") != std::string::npos);
  CHECK_FALSE(c.text.empty());  // the first half arrived before the silence
  CHECK(c.text != "One moment while I look that up for you, please.");
  CHECK(server.requests() == 1);  // an answer already begun is not asked for again
}

TEST_CASE("openai llm: a connection dropped mid-stream is kUnavailable truncated") {
  FakeOpenAiServer server(kKey);
  server.SetAnswer({"We are open from nine to five on weekdays.", {}});
  LlmFault f;
  f.kind = LlmFault::Kind::kDisconnect;
  server.InjectFault(f);
  REQUIRE(server.Start());
  auto loop = NewLoop();
  auto llm = NewLlm(*loop, Config(server));
  Collected c = Run(*llm, Ask("Hours?"));
  CHECK(c.status.code() == Code::kUnavailable);
  CHECK(c.status.message().find("truncated") != std::string::npos);
  for (auto k : c.kinds) CHECK(k != LlmEvent::Kind::kDone);
  CHECK(server.requests() == 1);
}

TEST_CASE("openai llm: a malformed frame ends the call with an error, not a crash") {
  FakeOpenAiServer server(kKey);
  LlmFault f;
  f.kind = LlmFault::Kind::kMalformedFrame;
  server.InjectFault(f);
  REQUIRE(server.Start());
  auto loop = NewLoop();
  auto llm = NewLlm(*loop, Config(server));
  Collected c = Run(*llm, Ask("Hi"));
  CHECK(c.status.code() == Code::kUnavailable);
  CHECK(c.status.message().find("malformed stream") != std::string::npos);
  for (auto k : c.kinds) CHECK(k != LlmEvent::Kind::kDone);
  // The next call on the same adapter is unaffected.
  Collected again = Run(*llm, Ask("Hi"));
  CHECK(again.status.ok());
  CHECK(server.requests() == 2);
}

TEST_CASE("openai llm: latency before the headers within the timeout still answers") {
  FakeOpenAiServer server(kKey);
  server.SetAnswer({"Yes.", {}});
  LlmFault f;
  f.kind = LlmFault::Kind::kLatency;
  f.delay = 100ms;
  server.InjectFault(f);
  REQUIRE(server.Start());
  auto loop = NewLoop();
  OpenAiLlmConfig config = Config(server);
  config.first_byte_timeout = 2s;
  auto llm = NewLlm(*loop, config);
  Collected c = Run(*llm, Ask("Hi"));
  CHECK(c.status.ok());
  CHECK(c.text == "Yes.");
}

TEST_CASE("openai llm: a request the codec refuses never reaches the server") {
  FakeOpenAiServer server(kKey);
  REQUIRE(server.Start());
  auto loop = NewLoop();
  auto llm = NewLlm(*loop, Config(server));
  LlmRequest req = Ask("Hi");
  req.tools.push_back({"bad name with spaces", "", R"({"type":"object"})"});
  Collected c = Run(*llm, req);
  CHECK(c.status.code() == Code::kInvalidArgument);
  CHECK(server.requests() == 0);
}

TEST_CASE("openai llm: a missing key or a call on the loop thread is refused") {
  FakeOpenAiServer server(kKey);
  REQUIRE(server.Start());
  auto loop = NewLoop();
  ::setenv("OPENAI_API_KEY", "", 1);
  auto missing = OpenAiLlm::Create(*loop, Config(server, ""));
  CHECK(missing.status().code() == Code::kConfig);
  auto llm = NewLlm(*loop, Config(server));
  Status on_loop = loop->Call([&] { return llm->Stream(Ask("Hi"), [](const LlmEvent&) {}); });
  CHECK(on_loop.code() == Code::kInternal);
  CHECK(server.requests() == 0);
}
