// LLM mode: the model converses and decides, through tools
// (check_availability, book, reschedule, cancel, find_bookings, transfer,
// take_message, lookup_knowledge), while the engine keeps the rules: tool
// arguments are checked against the business config, and a write happens
// only after the engine itself has read the action back and the caller's
// next turn was an explicit yes (ConfirmationPolicy, judged by the embedded
// NLU, not the model). Emergency phrases bypass the model entirely.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "dialog/agent.h"
#include "dialog/conversation.h"
#include "dialog/llm.h"

namespace voxdesk::dialog {

class LlmAgent final : public Agent {
 public:
  LlmAgent(const Receptionist& r, Scheduler& scheduler, const Clock& clock, Llm& llm,
           std::string call_id, std::string caller_id);
  ~LlmAgent() override;

  AgentReply Start() override;
  AgentReply OnCallerTurn(std::string_view utterance,
                          std::optional<TimePoint> started = std::nullopt) override;
  // Keys as a turn: at a read-back 1 is yes and 2 is no (the engine's rule,
  // as in the embedded conversation); other keys reach the model as typed.
  AgentReply OnKeypad(std::string_view digits) override;
  // The model is told what the caller actually heard of its last reply, and
  // a read-back that was cut off must be said again before a yes counts.
  void OnInterrupted(std::string_view heard) override;
  void Finish() override;
  Expect expecting() const override;
  std::vector<std::string> OfferedTimes() const override { return {}; }
  const CallRecord& record() const override { return record_; }
  Lang lang() const override { return record_.lang; }
  // The model is told to reply in this language (named in English in the
  // system prompt); the engine's own words (read-backs, transfers) follow
  // it in English and Spanish only.
  void SetCallerLanguage(std::string_view tag) override;
  const std::string& caller_language() const { return caller_language_; }
  bool slow() const override { return true; }

  // When no model answers a turn: by default the caller is handed to a
  // person (the business's transfer number). With `escalate` false the turn
  // returns an empty reply instead, llm_failed() turns true and the turn is
  // left out of the record, so that a HybridAgent can give it to the
  // embedded engine.
  void EscalateWhenLlmFails(bool escalate) { escalate_on_failure_ = escalate; }
  bool llm_failed() const { return llm_failed_; }
  // The holds this agent placed are released (before another agent takes the call).
  void ReleaseHeldSlots() {
    auto lock = SchedulerLock();
    ReleaseHolds();
  }
  // Sessions on several workers may share one Scheduler behind a lock: the
  // agent then holds it for each tool run and hold release, never across a
  // model's round trip.
  void SetSchedulerLock(std::mutex* lock) { scheduler_lock_ = lock; }

  // Realtime mode: a speech-to-speech model hears the caller and speaks; the
  // engine keeps the record, the tools and the confirmation rule. Feed it
  // what was said (the transcripts), in order:
  //   Instructions()      the model's session instructions (greeting included);
  //   OnCallerHeard(t)    the caller's words; a reply when the engine itself
  //                       must answer (an emergency: transfer at once);
  //   OnAgentSaid(t)      what the model said;
  //   RunToolFromModel(c) a tool call: its JSON result for the model (takes
  //                       the scheduler lock).
  // With model_speaks_read_backs the model is asked to say a read-back word
  // for word; a write still needs the caller's yes after it.
  std::string Instructions() const;
  std::optional<AgentReply> OnCallerHeard(std::string_view utterance);
  void OnAgentSaid(std::string_view text);
  std::string RunToolFromModel(const ToolCall& call);
  void SetModelSpeaksReadBacks(bool on) { model_speaks_read_backs_ = on; }
  // The last caller line, when nothing followed it, is taken back: the
  // realtime model never answered it, and the agent taking the call over
  // hears it as its own turn.
  void RetractLastCallerLine();
  bool ended() const { return ended_; }

  // The tools offered to the model (JSON Schema parameters).
  static std::vector<ToolSpec> Tools();
  // Runs one tool call and returns its JSON result; public for tests.
  std::string RunTool(const ToolCall& call);

 private:
  std::unique_lock<std::mutex> SchedulerLock() const {
    return scheduler_lock_ ? std::unique_lock<std::mutex>(*scheduler_lock_)
                           : std::unique_lock<std::mutex>();
  }
  AgentReply Say(std::string text, bool end = false, std::string transfer_to = {});
  std::string SystemPrompt() const;
  std::string LanguageInstruction() const;
  void ReleaseHolds();
  // The caller's words recorded and judged; a reply when the engine answers
  // them itself (an emergency).
  std::optional<AgentReply> HearCaller(std::string_view utterance);

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
  std::string caller_language_;              // BCP-47; "" until the caller's language is known
  size_t system_base_size_ = 0;              // the system prompt without its language instruction
  std::string forced_reply_;  // a read-back the engine says instead of the model's words
  bool ended_ = false;
  bool finished_ = false;
  std::mutex* scheduler_lock_ = nullptr;
  bool escalate_on_failure_ = true;
  bool model_speaks_read_backs_ = false;
  bool llm_failed_ = false;
  int writes_ = 0;
};

}  // namespace voxdesk::dialog
