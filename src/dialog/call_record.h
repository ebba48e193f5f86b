// What happened on a call, as the conversation engine records it: the
// outcome, the booking made or changed, messages taken, escalation, and the
// transcript. The simulator and the session runtime report from it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dialog/lang.h"
#include "schedule/store.h"

namespace voxdesk::dialog {

// In increasing precedence: a call that booked and then asked for a person
// ends "transferred"; an emergency outranks everything.
enum class Outcome {
  kHungUp,
  kAnswered,
  kMessageTaken,
  kCancelled,
  kRescheduled,
  kBooked,
  kTransferred,
  kEmergency
};
std::string_view OutcomeName(Outcome o);  // CONTRACTS.md section 3 names

struct TakenMessage {
  std::string recipient;  // staff id, or "" for the office
  std::string text;
  std::string callback;  // E.164, may be empty
  std::string
      reason;  // "caller_request", "after_hours", "conflict_check", "request", "knowledge_gap"...
};

struct TranscriptLine {
  std::string speaker;  // "agent" | "caller"
  std::string text;
  int64_t t_ms = 0;    // from the start of the call
  std::string intent;  // caller lines: what the NLU made of it
  double confidence = 0;
  bool interrupted = false;  // agent lines: the caller talked over it; text is what was heard
};

struct CallRecord {
  Outcome outcome = Outcome::kHungUp;
  std::optional<BookingRecord> booking;  // the last booking made or changed
  std::string escalation_reason;  // when transferred: "caller_request", "low_confidence", ...
  std::string transfer_to;        // E.164 number the call went to
  std::vector<TakenMessage> messages;
  std::vector<TranscriptLine> transcript;
  std::map<std::string, std::string> intake;  // facts collected: "name", "date_of_birth", "reason", ...
  // What a summary for staff may show: only the pack's summary_fields
  // (minimum necessary: a medical summary leaves out the reason and insurance).
  std::map<std::string, std::string> summary;
  Lang lang = Lang::kEn;
  int low_confidence_turns = 0;

  // Keeps the higher-precedence outcome.
  void Raise(Outcome o) {
    if (static_cast<int>(o) >= static_cast<int>(outcome)) outcome = o;
  }
};

}  // namespace voxdesk::dialog
