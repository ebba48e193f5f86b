// A language model that survives its provider: an ordered chain of Llms
// (OpenAI, then Anthropic, then the embedded dialog's own fallback) behind
// one dialog::Llm. Each request goes to the first provider; when that one
// fails with kUnavailable before the caller saw any event, the same request
// goes to the next, and so on. Once an event has reached the caller, an
// error is returned as it is: starting over elsewhere would speak the start
// of the answer twice. kInvalidArgument (a bad request, a refused key) and
// other codes are returned at once too: another provider would not fix them.
//
// A provider whose circuit breaker is open fails at once with kUnavailable,
// so a dead provider costs a call nothing after the breaker opens.
//
// Threading: Stream() may be called from several threads at once when the
// providers allow it (OpenAiLlm and AnthropicLlm do); events reach the
// caller on its own thread, as the provider delivers them. The counters and
// last_provider() are safe to read from any thread. The providers are
// borrowed and must outlive this object.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "dialog/llm.h"

namespace voxdesk::providers {

class FailoverLlm final : public dialog::Llm {
 public:
  struct Counters {
    std::string name;
    uint64_t requests = 0;  // Stream() calls that reached this provider
    uint64_t answers = 0;   // of which ended Ok
    uint64_t failures = 0;  // of which ended in an error
    uint64_t switches = 0;  // failures handed on to the next provider
  };

  // `chain`: (name, provider) in order of preference.
  explicit FailoverLlm(std::vector<std::pair<std::string, dialog::Llm*>> chain);

  // kConfig for an empty chain or a null provider. When every provider
  // failed over, kUnavailable naming each one's failure.
  Status Stream(const dialog::LlmRequest& request,
                const std::function<void(const dialog::LlmEvent&)>& on_event) override;

  // The provider that produced the latest successful answer; "" before any.
  std::string last_provider() const;
  std::vector<Counters> counters() const;  // in chain order
  uint64_t switches() const;               // over all providers

 private:
  std::vector<std::pair<std::string, dialog::Llm*>> chain_;
  mutable std::mutex mu_;
  std::vector<Counters> counters_;  // guarded by mu_
  std::string last_provider_;       // guarded by mu_
};

}  // namespace voxdesk::providers
