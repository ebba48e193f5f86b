#include "dialog/hybrid_agent.h"

#include <utility>

namespace voxdesk::dialog {

HybridAgent::HybridAgent(const Receptionist& r, Scheduler& scheduler, const Clock& clock, Llm& llm,
                         std::string call_id, std::string caller_id, std::mutex* scheduler_lock)
    : r_(r),
      scheduler_(scheduler),
      clock_(clock),
      call_id_(call_id),
      caller_id_(caller_id),
      lock_(scheduler_lock),
      model_(r, scheduler, clock, llm, std::move(call_id), std::move(caller_id)) {
  model_.EscalateWhenLlmFails(false);
  model_.SetSchedulerLock(scheduler_lock);
}

void HybridAgent::FallBack() {
  model_.ReleaseHeldSlots();
  embedded_ = std::make_unique<Conversation>(r_, scheduler_, clock_, call_id_, caller_id_);
  embedded_->Resume(model_.record());
  // The language the recogniser heard carries over, not only the record's.
  if (!model_.caller_language().empty()) embedded_->SetCallerLanguage(model_.caller_language());
}

AgentReply HybridAgent::OnCallerTurn(std::string_view utterance, std::optional<TimePoint> started) {
  if (!embedded_) {
    AgentReply reply = model_.OnCallerTurn(utterance, started);
    if (!model_.llm_failed()) return reply;
    FallBack();
  }
  auto lock = Lock();
  return embedded_->OnCallerTurn(utterance, started);
}

AgentReply HybridAgent::OnKeypad(std::string_view digits) {
  if (!embedded_) {
    AgentReply reply = model_.OnKeypad(digits);
    if (!model_.llm_failed()) return reply;
    FallBack();
  }
  auto lock = Lock();
  return embedded_->OnKeypad(digits);
}

void HybridAgent::OnInterrupted(std::string_view heard) {
  if (embedded_) return embedded_->OnInterrupted(heard);
  model_.OnInterrupted(heard);
}

void HybridAgent::Finish() {
  model_.Finish();  // takes the lock itself
  if (!embedded_) return;
  auto lock = Lock();
  embedded_->Finish();
}

Expect HybridAgent::expecting() const {
  return embedded_ ? embedded_->expecting() : model_.expecting();
}

std::vector<std::string> HybridAgent::OfferedTimes() const {
  return embedded_ ? embedded_->OfferedTimes() : model_.OfferedTimes();
}

const CallRecord& HybridAgent::record() const {
  return embedded_ ? embedded_->record() : model_.record();
}

void HybridAgent::SetCallerLanguage(std::string_view tag) {
  // The model keeps it too: its record is what a later fallback resumes.
  model_.SetCallerLanguage(tag);
  if (embedded_) embedded_->SetCallerLanguage(tag);
}

Lang HybridAgent::lang() const {
  return embedded_ ? embedded_->lang() : model_.lang();
}

}  // namespace voxdesk::dialog
