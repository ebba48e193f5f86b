#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "fakes/fake_llm_servers.h"
#include "llm_test_util.h"
#include "providers/anthropic_llm.h"
#include "providers/net/event_loop.h"

using namespace std::chrono_literals;
using voxdesk::Code;
using voxdesk::Status;
using voxdesk::dialog::LlmEvent;
using voxdesk::dialog::LlmMessage;
using voxdesk::dialog::LlmRequest;
using voxdesk::dialog::ToolCall;
using voxdesk::fakes::FakeAnthropicServer;
using voxdesk::fakes::LlmFault;
using voxdesk::providers::AnthropicLlm;
using voxdesk::providers::AnthropicLlmConfig;
using voxdesk::providers::net::EventLoop;
using voxdesk::testing::Ask;
using voxdesk::testing::Collected;
using voxdesk::testing::Fault;
using voxdesk::testing::NewLoop;
using voxdesk::testing::Run;

namespace {

constexpr const char* kKey = "sk-ant-test-0123456789";

AnthropicLlmConfig Config(const FakeAnthropicServer& server, std::string key = kKey) {
  AnthropicLlmConfig c;
  c.base_url = server.base_url();
  c.api_key = std::move(key);
  c.model = "claude-sonnet-4-5";
  c.connect_timeout = 300ms;
  c.first_byte_timeout = 300ms;
  c.idle_timeout = 200ms;
  c.retry.base = 1ms;
  c.retry.cap = 5ms;
  c.retry.max_retries = 2;
  return c;
}

std::unique_ptr<AnthropicLlm> NewLlm(EventLoop& loop, AnthropicLlmConfig config) {
  auto llm = AnthropicLlm::Create(loop, std::move(config));
  REQUIRE(llm.ok());
  return std::move(llm).value();
}

}  // namespace

TEST_CASE("anthropic llm: a streamed text answer arrives in order on the caller's thread") {
  FakeAnthropicServer server(kKey);
  server.SetAnswer({"Good afternoon, this is the clinic. How may I help?", {}});
  REQUIRE(server.Start());
  auto loop = NewLoop();
  auto llm = NewLlm(*loop, Config(server));
  Collected c = Run(*llm, Ask("Can I see the dentist?"));
  REQUIRE(c.status.ok());
  CHECK(c.text == "Good afternoon, this is the clinic. How may I help?");
  CHECK(c.kinds.size() > 3);
  REQUIRE_FALSE(c.kinds.empty());
  CHECK(c.kinds.back() == LlmEvent::Kind::kDone);
  CHECK(c.all_on_caller_thread);
  auto seen = server.last_request();
  REQUIRE(seen.has_value());
  CHECK(seen->model == "claude-sonnet-4-5");
  CHECK(seen->system == "You are a receptionist.");
  REQUIRE(seen->messages.size() == 1);
  CHECK(seen->messages[0].content == "Can I see the dentist?");
}

TEST_CASE("anthropic llm: tool input fragments are reassembled into one call") {
  FakeAnthropicServer server(kKey);
  const std::string args = R"({"service":"cleaning","start":"2025-03-04T09:30"})";
  server.SetAnswer({"Let me book that.", {{"toolu_01", "book_slot", args}}});
  REQUIRE(server.Start());
  auto loop = NewLoop();
  auto llm = NewLlm(*loop, Config(server));
  LlmRequest req = Ask("Book a cleaning");
  req.tools.push_back({"book_slot", "Books a slot", R"({"type":"object","properties":{}})"});
  Collected c = Run(*llm, req);
  REQUIRE(c.status.ok());
  CHECK(c.text == "Let me book that.");
  REQUIRE(c.calls.size() == 1);
  CHECK(c.calls[0].id == "toolu_01");
  CHECK(c.calls[0].name == "book_slot");
  CHECK(nlohmann::json::parse(c.calls[0].arguments) == nlohmann::json::parse(args));
}

TEST_CASE("anthropic llm: 529 overloaded and 429 are retried and the answer follows") {
  FakeAnthropicServer server(kKey);
  server.SetAnswer({"Certainly.", {}});
  LlmFault overloaded = Fault(LlmFault::Kind::kHttpError);
  overloaded.http_status = 529;
  server.InjectFault(overloaded);
  server.InjectFault(Fault(LlmFault::Kind::kRateLimited));
  REQUIRE(server.Start());
  auto loop = NewLoop();
  auto llm = NewLlm(*loop, Config(server));
  Collected c = Run(*llm, Ask("Hi"));
  CHECK(c.status.ok());
  CHECK(c.text == "Certainly.");
  CHECK(server.requests() == 3);
}

TEST_CASE("anthropic llm: 529 past the retries is kUnavailable naming overloaded_error") {
  FakeAnthropicServer server(kKey);
  LlmFault overloaded = Fault(LlmFault::Kind::kHttpError);
  overloaded.http_status = 529;
  server.InjectFault(overloaded, 5);
  REQUIRE(server.Start());
  auto loop = NewLoop();
  auto llm = NewLlm(*loop, Config(server));
  Collected c = Run(*llm, Ask("Hi"));
  CHECK(c.status.code() == Code::kUnavailable);
  CHECK(c.status.message().find("overloaded_error") != std::string::npos);
  CHECK(server.requests() == 3);
}

TEST_CASE(
    "anthropic llm: a wrong key is a 401, not retried, and the key stays out of the message") {
  FakeAnthropicServer server("sk-ant-right");
  REQUIRE(server.Start());
  auto loop = NewLoop();
  const std::string wrong = "sk-ant-wrong-secret-555";
  auto llm = NewLlm(*loop, Config(server, wrong));
  Collected c = Run(*llm, Ask("Hi"));
  CHECK(c.status.code() == Code::kInvalidArgument);
  CHECK(c.status.message().find("authentication_error") != std::string::npos);
  CHECK(c.status.message().find(wrong) == std::string::npos);
  CHECK(server.requests() == 1);
}

TEST_CASE("anthropic llm: a stream that stalls is cut by the idle timeout as kUnavailable") {
  FakeAnthropicServer server(kKey);
  server.SetAnswer({"I am checking the calendar for the next free slot now.", {}});
  LlmFault f = Fault(LlmFault::Kind::kStall);
  f.delay = 5s;
  server.InjectFault(f);
  REQUIRE(server.Start());
  auto loop = NewLoop();
  auto llm = NewLlm(*loop, Config(server));
  Collected c = Run(*llm, Ask("Hi"));
  CHECK(c.status.code() == Code::kUnavailable);
  CHECK(c.status.message().find("stalled") != std::string::npos);
  CHECK(server.requests() == 1);
}

TEST_CASE("anthropic llm: a connection dropped mid-stream is kUnavailable truncated") {
  FakeAnthropicServer server(kKey);
  server.SetAnswer({"Your appointment is confirmed for Tuesday morning.", {}});
  server.InjectFault(Fault(LlmFault::Kind::kDisconnect));
  REQUIRE(server.Start());
  auto loop = NewLoop();
  auto llm = NewLlm(*loop, Config(server));
  Collected c = Run(*llm, Ask("Hi"));
  CHECK(c.status.code() == Code::kUnavailable);
  CHECK(c.status.message().find("truncated") != std::string::npos);
  for (auto k : c.kinds) CHECK(k != LlmEvent::Kind::kDone);
}

TEST_CASE("anthropic llm: a malformed event ends the call with an error, not a crash") {
  FakeAnthropicServer server(kKey);
  server.InjectFault(Fault(LlmFault::Kind::kMalformedFrame));
  REQUIRE(server.Start());
  auto loop = NewLoop();
  auto llm = NewLlm(*loop, Config(server));
  Collected c = Run(*llm, Ask("Hi"));
  CHECK(c.status.code() == Code::kUnavailable);
  CHECK(c.status.message().find("malformed stream") != std::string::npos);
  Collected again = Run(*llm, Ask("Hi"));
  CHECK(again.status.ok());
}

TEST_CASE("anthropic llm: a missing key is a config error") {
  FakeAnthropicServer server(kKey);
  auto loop = NewLoop();
  ::setenv("ANTHROPIC_API_KEY", "", 1);
  auto missing = AnthropicLlm::Create(*loop, Config(server, ""));
  CHECK(missing.status().code() == Code::kConfig);
  CHECK(missing.status().message().find("ANTHROPIC_API_KEY") != std::string::npos);
}
