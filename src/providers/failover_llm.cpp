#include "providers/failover_llm.h"

namespace voxdesk::providers {

FailoverLlm::FailoverLlm(std::vector<std::pair<std::string, dialog::Llm*>> chain)
    : chain_(std::move(chain)) {
  for (const auto& link : chain_) {
    Counters c;
    c.name = link.first;
    counters_.push_back(std::move(c));
  }
}

Status FailoverLlm::Stream(const dialog::LlmRequest& request,
                           const std::function<void(const dialog::LlmEvent&)>& on_event) {
  if (chain_.empty()) return ConfigError("LLM failover: no providers configured");
  std::string failures;
  for (size_t i = 0; i < chain_.size(); ++i) {
    const auto& [name, llm] = chain_[i];
    if (llm == nullptr) return ConfigError("LLM failover: provider '" + name + "' is null");
    {
      std::lock_guard lock(mu_);
      ++counters_[i].requests;
    }
    bool delivered = false;
    Status st = llm->Stream(request, [&](const dialog::LlmEvent& event) {
      delivered = true;
      on_event(event);
    });
    std::lock_guard lock(mu_);
    if (st.ok()) {
      ++counters_[i].answers;
      last_provider_ = name;
      return st;
    }
    ++counters_[i].failures;
    if (delivered || st.code() != Code::kUnavailable) return st;
    failures += (failures.empty() ? "" : "; ") + name + ": " + st.message();
    if (i + 1 < chain_.size()) ++counters_[i].switches;
  }
  return Unavailable("LLM failover: every provider failed (" + failures + ")");
}

std::string FailoverLlm::last_provider() const {
  std::lock_guard lock(mu_);
  return last_provider_;
}

std::vector<FailoverLlm::Counters> FailoverLlm::counters() const {
  std::lock_guard lock(mu_);
  return counters_;
}

uint64_t FailoverLlm::switches() const {
  std::lock_guard lock(mu_);
  uint64_t n = 0;
  for (const auto& c : counters_) n += c.switches;
  return n;
}

}  // namespace voxdesk::providers
