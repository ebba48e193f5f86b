#include "session/events.h"

namespace voxdesk::session {

std::string_view EventTypeName(EventType type) {
  switch (type) {
    case EventType::kCallStarted:
      return "call_started";
    case EventType::kPartial:
      return "partial";
    case EventType::kTranscript:
      return "transcript";
    case EventType::kIntent:
      return "intent";
    case EventType::kAgentSpeech:
      return "agent_speech";
    case EventType::kBargeIn:
      return "barge_in";
    case EventType::kDtmf:
      return "dtmf";
    case EventType::kBooking:
      return "booking";
    case EventType::kTransfer:
      return "transfer";
    case EventType::kHangup:
      return "hangup";
    case EventType::kMetrics:
      return "metrics";
    case EventType::kError:
      return "error";
    case EventType::kLanguage:
      return "language";
  }
  return "unknown";
}

void EventQueue::OnEvent(const Event& event) {
  {
    std::lock_guard lock(mu_);
    if (events_.size() >= capacity_) {
      events_.pop_front();
      ++dropped_;
    }
    events_.push_back(event);
  }
  cv_.notify_one();
}

bool EventQueue::Poll(Event& out) {
  std::lock_guard lock(mu_);
  if (events_.empty()) return false;
  out = std::move(events_.front());
  events_.pop_front();
  return true;
}

bool EventQueue::Wait(Event& out, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  if (!cv_.wait_for(lock, timeout, [&] { return !events_.empty(); })) return false;
  out = std::move(events_.front());
  events_.pop_front();
  return true;
}

size_t EventQueue::size() const {
  std::lock_guard lock(mu_);
  return events_.size();
}

uint64_t EventQueue::dropped() const {
  std::lock_guard lock(mu_);
  return dropped_;
}

}  // namespace voxdesk::session
