// LLM mode: the model converses and decides, through tools
// (check_availability, book, reschedule, cancel, find_bookings, transfer,
// take_message, lookup_knowledge), while the engine keeps the rules: tool
// arguments are checked against the business config, and a write happens
// only after the engine itself has read the action back and the caller's
// next turn was an explicit yes (ConfirmationPolicy, judged by the embedded
// NLU, not the model). Emergency phrases bypass the model entirely.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dialog/conversation.h"
#include "dialog/llm.h"

namespace voxdesk::dialog {

class LlmAgent {
 public:
  LlmAgent(const Receptionist& r, Scheduler& scheduler, const Clock& clock, Llm& llm,
           std::string call_id, std::string caller_id);
  ~LlmAgent();

  AgentReply Start();
  AgentReply OnCallerTurn(std::string_view utterance);
  void Finish();
  const CallRecord& record() const { return record_; }

  // The tools offered to the model (JSON Schema parameters).
  static std::vector<ToolSpec> Tools();
  // Runs one tool call and returns its JSON result; public for tests.
  std::string RunTool(const ToolCall& call);

 private:
  AgentReply Say(std::string text, bool end = false, std::string transfer_to = {});
  std::string SystemPrompt() const;
  void ReleaseHolds();

  const Receptionist& r_;
  const Business& biz_;
  Scheduler& scheduler_;
  const Clock& clock_;
  Llm& llm_;
  std::string call_id_;
  std::string caller_id_;
  CallRecord record_;
  ConfirmationPolicy policy_;
  std::vector<LlmMessage> history_;
  std::vector<std::string> holds_;
  std::vector<std::string> known_bookings_;  // found for this caller: the only ones it may change
  std::string forced_reply_;  // a read-back the engine says instead of the model's words
  bool ended_ = false;
  bool finished_ = false;
  int writes_ = 0;
};

}  // namespace voxdesk::dialog
