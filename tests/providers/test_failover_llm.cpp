#include <doctest/doctest.h>

#include "fakes/fake_llm_servers.h"
#include "providers/anthropic_llm.h"
#include "providers/failover_llm.h"
#include "providers/net/event_loop.h"
#include "providers/openai_llm.h"

using namespace std::chrono_literals;
using voxdesk::Code;
using voxdesk::Status;
using voxdesk::dialog::Llm;
using voxdesk::dialog::LlmEvent;
using voxdesk::dialog::LlmMessage;
using voxdesk::dialog::LlmRequest;
using voxdesk::fakes::FakeAnthropicServer;
using voxdesk::fakes::FakeOpenAiServer;
using voxdesk::fakes::LlmFault;
using voxdesk::providers::AnthropicLlm;
using voxdesk::providers::AnthropicLlmConfig;
using voxdesk::providers::FailoverLlm;
using voxdesk::providers::OpenAiLlm;
using voxdesk::providers::OpenAiLlmConfig;
using voxdesk::providers::net::CircuitBreaker;
using voxdesk::providers::net::CircuitBreakerOptions;
using voxdesk::providers::net::EventLoop;

namespace {

constexpr const char* kOpenAiKey = "sk-openai-test";
constexpr const char* kAnthropicKey = "sk-ant-test";
constexpr const char* kOpenAiText = "OpenAI speaking, how can I help you today?";
constexpr const char* kAnthropicText = "Anthropic speaking, how may I help?";

// Both fakes and both adapters on one loop, chained OpenAI -> Anthropic.
struct Chain {
  FakeOpenAiServer openai{kOpenAiKey};
  FakeAnthropicServer anthropic{kAnthropicKey};
  std::unique_ptr<EventLoop> loop;
  std::unique_ptr<OpenAiLlm> openai_llm;
  std::unique_ptr<AnthropicLlm> anthropic_llm;
  std::unique_ptr<FailoverLlm> failover;

  explicit Chain(std::shared_ptr<CircuitBreaker> openai_breaker = nullptr,
                 std::string openai_key = kOpenAiKey) {
    openai.SetAnswer({kOpenAiText, {}});
    anthropic.SetAnswer({kAnthropicText, {}});
    REQUIRE(openai.Start());
    REQUIRE(anthropic.Start());
    auto l = EventLoop::Start();
    REQUIRE(l.ok());
    loop = std::move(l).value();

    OpenAiLlmConfig oc;
    oc.base_url = openai.base_url();
    oc.api_key = std::move(openai_key);
    oc.idle_timeout = 200ms;
    oc.first_byte_timeout = 300ms;
    oc.retry.base = 1ms;
    oc.retry.cap = 5ms;
    oc.retry.max_retries = 1;
    oc.breaker = std::move(openai_breaker);
    auto o = OpenAiLlm::Create(*loop, oc);
    REQUIRE(o.ok());
    openai_llm = std::move(o).value();

    AnthropicLlmConfig ac;
    ac.base_url = anthropic.base_url();
    ac.api_key = kAnthropicKey;
    ac.idle_timeout = 200ms;
    ac.first_byte_timeout = 300ms;
    ac.retry.base = 1ms;
    ac.retry.cap = 5ms;
    ac.retry.max_retries = 1;
    auto a = AnthropicLlm::Create(*loop, ac);
    REQUIRE(a.ok());
    anthropic_llm = std::move(a).value();

    failover = std::make_unique<FailoverLlm>(std::vector<std::pair<std::string, Llm*>>{
        {"openai", openai_llm.get()}, {"anthropic", anthropic_llm.get()}});
  }
};

struct Collected {
  Status status;
  std::string text;
  int done = 0;
};

Collected Run(Llm& llm) {
  LlmRequest r;
  r.messages.push_back({LlmMessage::Role::kUser, "Hello?", {}, {}});
  Collected c;
  c.status = llm.Stream(r, [&](const LlmEvent& e) {
    if (e.kind == LlmEvent::Kind::kText) c.text += e.text;
    if (e.kind == LlmEvent::Kind::kDone) ++c.done;
  });
  return c;
}

LlmFault Http503() {
  LlmFault f;
  f.kind = LlmFault::Kind::kHttpError;
  f.http_status = 503;
  return f;
}

// A provider that answers from a script, for the chain's own rules.
class ScriptedLlm : public Llm {
 public:
  ScriptedLlm(Status status, std::string text)
      : status_(std::move(status)), text_(std::move(text)) {}
  Status Stream(const LlmRequest&, const std::function<void(const LlmEvent&)>& on_event) override {
    ++calls;
    if (!text_.empty()) on_event({LlmEvent::Kind::kText, text_, {}});
    if (status_.ok()) on_event({LlmEvent::Kind::kDone, {}, {}});
    return status_;
  }
  int calls = 0;

 private:
  Status status_;
  std::string text_;
};

}  // namespace

TEST_CASE(
    "llm failover: OpenAI answering 503 hands over to Anthropic, whose answer alone is heard") {
  Chain chain;
  chain.openai.InjectFault(Http503(), 10);
  Collected c = Run(*chain.failover);
  REQUIRE(c.status.ok());
  CHECK(c.text == kAnthropicText);  // nothing of OpenAI's answer reached the caller
  CHECK(c.done == 1);
  CHECK(chain.failover->last_provider() == "anthropic");
  CHECK(chain.openai.requests() == 2);  // one attempt and its retry
  CHECK(chain.anthropic.requests() == 1);
  auto counters = chain.failover->counters();
  REQUIRE(counters.size() == 2);
  CHECK(counters[0].name == "openai");
  CHECK(counters[0].failures == 1);
  CHECK(counters[0].switches == 1);
  CHECK(counters[0].answers == 0);
  CHECK(counters[1].answers == 1);
  CHECK(chain.failover->switches() == 1);
}

TEST_CASE("llm failover: a healthy first provider answers and the second is never asked") {
  Chain chain;
  Collected c = Run(*chain.failover);
  REQUIRE(c.status.ok());
  CHECK(c.text == kOpenAiText);
  CHECK(chain.failover->last_provider() == "openai");
  CHECK(chain.anthropic.requests() == 0);
  CHECK(chain.failover->switches() == 0);
}

TEST_CASE("llm failover: a stall after text was delivered is returned, not failed over") {
  Chain chain;
  LlmFault stall;
  stall.kind = LlmFault::Kind::kStall;
  stall.delay = 5s;
  chain.openai.InjectFault(stall);
  Collected c = Run(*chain.failover);
  CHECK(c.status.code() == Code::kUnavailable);
  CHECK_FALSE(c.text.empty());
  CHECK(std::string(kOpenAiText).starts_with(c.text));  // only OpenAI's words, no restart
  CHECK(c.done == 0);
  CHECK(chain.anthropic.requests() == 0);
  CHECK(chain.failover->last_provider().empty());
  CHECK(chain.failover->switches() == 0);
  CHECK(chain.failover->counters()[0].failures == 1);
}

TEST_CASE("llm failover: an open circuit breaker sends the next call straight to the second") {
  CircuitBreakerOptions options;
  options.failure_threshold = 2;
  options.open_for = 60s;
  auto breaker = std::make_shared<CircuitBreaker>(options);
  Chain chain(breaker);
  chain.openai.InjectFault(Http503(), 10);
  Collected first = Run(*chain.failover);  // two failed attempts open the breaker
  REQUIRE(first.status.ok());
  CHECK(chain.openai.requests() == 2);
  CHECK(breaker->openings() == 1);
  Collected second = Run(*chain.failover);
  REQUIRE(second.status.ok());
  CHECK(second.text == kAnthropicText);
  CHECK(chain.openai.requests() == 2);  // not touched
  CHECK(chain.anthropic.requests() == 2);
  CHECK(chain.failover->last_provider() == "anthropic");
  CHECK(chain.failover->counters()[0].switches == 2);
}

TEST_CASE("llm failover: a refused key is returned, not failed over") {
  Chain chain(nullptr, "sk-openai-wrong");
  Collected c = Run(*chain.failover);
  CHECK(c.status.code() == Code::kInvalidArgument);
  CHECK(c.status.message().find("sk-openai-wrong") == std::string::npos);
  CHECK(chain.anthropic.requests() == 0);
  CHECK(chain.failover->switches() == 0);
}

TEST_CASE("llm failover: every provider down is kUnavailable naming each failure") {
  Chain chain;
  chain.openai.InjectFault(Http503(), 10);
  chain.anthropic.InjectFault(Http503(), 10);
  Collected c = Run(*chain.failover);
  CHECK(c.status.code() == Code::kUnavailable);
  CHECK(c.status.message().find("openai: ") != std::string::npos);
  CHECK(c.status.message().find("anthropic: ") != std::string::npos);
  CHECK(c.text.empty());
  auto counters = chain.failover->counters();
  CHECK(counters[0].switches == 1);
  CHECK(counters[1].switches == 0);  // nothing after the last
  CHECK(counters[1].failures == 1);
}

TEST_CASE("llm failover: the chain's own rules with scripted providers") {
  ScriptedLlm down(voxdesk::Unavailable("down"), "");
  ScriptedLlm partial(voxdesk::Unavailable("cut"), "Hel");
  ScriptedLlm fallback(Status::Ok(), "Embedded answer.");
  FailoverLlm a({{"down", &down}, {"fallback", &fallback}});
  Collected ca = Run(a);
  CHECK(ca.status.ok());
  CHECK(ca.text == "Embedded answer.");
  CHECK(a.last_provider() == "fallback");

  FailoverLlm b({{"partial", &partial}, {"fallback", &fallback}});
  Collected cb = Run(b);
  CHECK(cb.status.message() == "cut");
  CHECK(cb.text == "Hel");
  CHECK(fallback.calls == 1);  // only from chain a

  FailoverLlm empty({});
  CHECK(Run(empty).status.code() == Code::kConfig);
  FailoverLlm null_link({{"null", nullptr}});
  CHECK(Run(null_link).status.code() == Code::kConfig);
}
