// Scripted calls through the real conversation engine in virtual time
// (`voxdesk simulate`, CONTRACTS.md section 3): the caller says each scripted
// turn after the agent yields the floor and hangs up when the turns run out.
// Speaking time is modelled from the text, so transcript times and hold
// expiry behave as on a real call, in microseconds of real time.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "dialog/conversation.h"

namespace voxdesk::dialog {

struct ScriptedCall {
  std::string id;
  std::string from;            // caller ID, E.164 or empty
  std::optional<Instant> now;  // when the call starts; else the clock's time
  std::vector<std::string> turns;
};

// One JSONL line: {"id", "from"?, "now"?, "turns": [...]}. Errors name the
// field ("turns[2]: must be a string").
Result<ScriptedCall> ParseScriptedCall(std::string_view json_line);

// Speaking time of a text at a telephone voice's pace.
std::chrono::milliseconds SpeakingTime(std::string_view text);

// Runs one call; `clock` is set to the call's start and advanced as it goes.
CallRecord SimulateCall(const Receptionist& r, Scheduler& scheduler, VirtualClock& clock,
                        const ScriptedCall& call);

// The call's JSON line (without a newline), as CONTRACTS.md section 3 shows.
std::string CallRecordJson(const Business& business, const std::string& id,
                           const CallRecord& record);

}  // namespace voxdesk::dialog
