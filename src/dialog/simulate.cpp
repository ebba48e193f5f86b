#include "dialog/simulate.h"

#include <nlohmann/json.hpp>

namespace voxdesk::dialog {
namespace {

using std::chrono::milliseconds;

// Pauses a real call has: the caller starts after the agent stops, and the
// agent answers after the end-of-utterance silence.
constexpr milliseconds kCallerReaction{600};
constexpr milliseconds kEndOfUtterance{700};
constexpr milliseconds kSilentTurn{5000};  // a no-input timeout

Status Bad(const std::string& path, const std::string& what) {
  return Status(Code::kInvalidArgument, path + ": " + what);
}

}  // namespace

Result<ScriptedCall> ParseScriptedCall(std::string_view json_line) {
  const auto j = nlohmann::json::parse(json_line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Bad("(line)", "not valid JSON");
  if (!j.is_object()) return Bad("(line)", "must be a JSON object {\"id\", \"turns\", ...}");
  ScriptedCall c;
  if (!j.contains("id") || !j["id"].is_string() || j["id"].get<std::string>().empty())
    return Bad("id", "missing (expected a non-empty string)");
  c.id = j["id"].get<std::string>();
  if (j.contains("from") && !j["from"].is_null()) {
    if (!j["from"].is_string()) return Bad("from", "must be a phone number string");
    c.from = j["from"].get<std::string>();
    if (!c.from.empty()) {
      Customer probe{"x", c.from, ""};
      if (!ValidateCustomer(probe).ok())
        return Bad("from", "\"" + c.from + "\" is not an E.164 number (e.g. +15550001111)");
    }
  }
  if (j.contains("now") && !j["now"].is_null()) {
    if (!j["now"].is_string()) return Bad("now", "must be an RFC 3339 time");
    auto t = ParseRfc3339(j["now"].get<std::string>(), "now");
    if (!t.ok()) return t.status();
    c.now = *t;
  }
  if (!j.contains("turns") || !j["turns"].is_array())
    return Bad("turns", "missing (expected a list of utterances)");
  const auto& turns = j["turns"];
  if (turns.size() > 500) return Bad("turns", "more than 500 turns");
  for (std::size_t i = 0; i < turns.size(); ++i) {
    if (!turns[i].is_string()) return Bad("turns[" + std::to_string(i) + "]", "must be a string");
    std::string t = turns[i].get<std::string>();
    if (t.size() > 4000)
      return Bad("turns[" + std::to_string(i) + "]", "longer than 4000 characters");
    c.turns.push_back(std::move(t));
  }
  for (const auto& [key, v] : j.items()) {
    (void)v;
    if (key != "id" && key != "from" && key != "now" && key != "turns" && key != "expect")
      return Bad(key, "unknown key");
  }
  return c;
}

milliseconds SpeakingTime(std::string_view text) {
  // About 15 characters a second, the pace of a calm telephone voice.
  return milliseconds{static_cast<int64_t>(text.size()) * 66 + 200};
}

CallRecord SimulateCall(const Receptionist& r, Scheduler& scheduler, VirtualClock& clock,
                        const ScriptedCall& call) {
  if (call.now)
    clock.Set(TimePoint{
        std::chrono::duration_cast<std::chrono::microseconds>(call.now->time_since_epoch())});
  Conversation conv(r, scheduler, clock, call.id, call.from);
  AgentReply reply = conv.Start();
  clock.Advance(SpeakingTime(reply.text));
  for (const std::string& turn : call.turns) {
    if (reply.end_call) break;
    const bool silent = turn.find_first_not_of(" \t") == std::string::npos;
    clock.Advance(silent ? kSilentTurn : kCallerReaction);
    const TimePoint started = clock.Now();
    if (!silent) clock.Advance(SpeakingTime(turn) + kEndOfUtterance);
    reply = conv.OnCallerTurn(turn, started);
    clock.Advance(SpeakingTime(reply.text));
  }
  conv.Finish();
  return conv.record();
}

std::string CallRecordJson(const Business& business, const std::string& id,
                           const CallRecord& record) {
  nlohmann::json j;
  j["id"] = id;
  j["outcome"] = std::string(OutcomeName(record.outcome));
  if (record.booking) j["booking"] = nlohmann::json::parse(BookingJson(business, *record.booking));
  nlohmann::json transcript = nlohmann::json::array();
  for (const auto& line : record.transcript) {
    nlohmann::json l = {{"speaker", line.speaker}, {"text", line.text}, {"t_ms", line.t_ms}};
    if (line.speaker == "caller") {
      l["intent"] = line.intent;
      l["confidence"] = std::round(line.confidence * 100) / 100;
    }
    if (line.interrupted) l["interrupted"] = true;
    transcript.push_back(std::move(l));
  }
  j["transcript"] = std::move(transcript);
  if (!record.escalation_reason.empty()) j["escalation_reason"] = record.escalation_reason;
  if (!record.transfer_to.empty()) j["transfer_to"] = record.transfer_to;
  if (!record.messages.empty()) {
    nlohmann::json msgs = nlohmann::json::array();
    for (const auto& m : record.messages)
      msgs.push_back({{"for", m.recipient.empty() ? "office" : m.recipient},
                      {"text", m.text},
                      {"callback", m.callback},
                      {"reason", m.reason}});
    j["messages"] = std::move(msgs);
  }
  if (!record.summary.empty()) j["summary"] = record.summary;
  j["language"] = std::string(LangCode(record.lang));
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace voxdesk::dialog
