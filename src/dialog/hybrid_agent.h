// LLM mode with the embedded engine as the last link of the failover chain
// (OpenAI -> Anthropic -> embedded dialog): the call is held by an
// LlmAgent until a turn finds no model answering (the Llm, usually a
// FailoverLlm, failed). That turn and the rest of the call go to an embedded
// Conversation, which carries the record on (transcript, any booking made)
// without greeting again. Holds the model placed are released first; facts
// it gathered but had not written are asked for again.
//
// Thread safety: as Agent. Every call that may touch the Scheduler takes
// `scheduler_lock` (when given) for its own duration, never across a model's
// round trip, so the session must not hold it around this agent's calls.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "dialog/agent.h"
#include "dialog/conversation.h"
#include "dialog/llm_agent.h"

namespace voxdesk::dialog {

class HybridAgent final : public Agent {
 public:
  HybridAgent(const Receptionist& r, Scheduler& scheduler, const Clock& clock, Llm& llm,
              std::string call_id, std::string caller_id, std::mutex* scheduler_lock = nullptr);

  AgentReply Start() override { return model_.Start(); }
  AgentReply OnCallerTurn(std::string_view utterance,
                          std::optional<TimePoint> started = std::nullopt) override;
  AgentReply OnKeypad(std::string_view digits) override;
  void OnInterrupted(std::string_view heard) override;
  void Finish() override;

  Expect expecting() const override;
  std::vector<std::string> OfferedTimes() const override;
  const CallRecord& record() const override;
  Lang lang() const override;
  void SetCallerLanguage(std::string_view tag) override;
  // Slow while the model holds the call; the embedded engine answers at once.
  bool slow() const override { return !embedded_; }

  // Whether the embedded engine has taken over.
  bool fell_back() const { return embedded_ != nullptr; }
  // The model's side (realtime mode feeds it transcripts and tool calls).
  LlmAgent& model() { return model_; }

 private:
  std::unique_lock<std::mutex> Lock() const {
    return lock_ ? std::unique_lock<std::mutex>(*lock_) : std::unique_lock<std::mutex>();
  }
  void FallBack();

  const Receptionist& r_;
  Scheduler& scheduler_;
  const Clock& clock_;
  std::string call_id_;
  std::string caller_id_;
  std::mutex* lock_;
  LlmAgent model_;
  std::unique_ptr<Conversation> embedded_;
};

}  // namespace voxdesk::dialog
