// What a call session talks to: the embedded Conversation, the LLM-mode
// LlmAgent, or a HybridAgent that starts with the model and carries on with
// the embedded engine when no model answers. Each turn returns what to say.
//
// Thread safety: one agent belongs to one call and is used by one thread at
// a time; a slow() agent's turns may run on another thread than the call's
// worker, never two at once.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "dialog/call_record.h"
#include "dialog/lang.h"
#include "dialog/nlu.h"

namespace voxdesk::dialog {

struct AgentReply {
  std::string text;
  bool end_call = false;    // the agent hangs up (or hands over) after saying this
  std::string transfer_to;  // E.164: hand the call to this number after speaking
};

class Agent {
 public:
  virtual ~Agent() = default;

  // The greeting.
  virtual AgentReply Start() = 0;
  // What the caller said (empty = silence); `started` is when the caller
  // began to speak (default now).
  virtual AgentReply OnCallerTurn(std::string_view utterance,
                                  std::optional<TimePoint> started = std::nullopt) = 0;
  // Keys the caller pressed (DTMF), as one turn.
  virtual AgentReply OnKeypad(std::string_view digits) = 0;
  // The caller talked over the last reply: only `heard` of it was played.
  virtual void OnInterrupted(std::string_view heard) = 0;
  // The call ended: releases holds, settles the outcome.
  virtual void Finish() = 0;

  // What the next caller turn is expected to hold (to bias recognition).
  virtual Expect expecting() const = 0;
  // The times on offer (as spoken) while the caller is choosing among them.
  virtual std::vector<std::string> OfferedTimes() const = 0;
  virtual const CallRecord& record() const = 0;
  virtual Lang lang() const = 0;
  // The language the caller speaks, as the recogniser heard it (BCP-47:
  // "es", "fr-CA"). The agent answers in it from the next turn when it can:
  // the embedded engine only in English and Spanish (it keeps its language
  // otherwise), a language model in any language. Called between turns.
  virtual void SetCallerLanguage(std::string_view tag) = 0;
  // A turn may wait on the network (a language model): the session runs it
  // off its worker thread so the other calls on that worker keep their audio.
  virtual bool slow() const { return false; }
};

}  // namespace voxdesk::dialog
