// LLM mode with the embedded engine as the last link: what a caller hears
// when no model answers, and what the model is told about keys and
// interruptions.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "dialog/hybrid_agent.h"
#include "dialog_fixture.h"
#include "fakes/scripted_llm.h"

using namespace voxdesk;
using namespace voxdesk::dialog;
using voxdesk::fakes::ScriptedLlm;
using voxdesk::testing::DialogWorld;

namespace {

constexpr const char* kNow = "2026-10-05T09:00:00-04:00";  // Monday, open
constexpr const char* kStart = "2026-10-06T10:00:00-04:00";

ToolCall Call(std::string id, std::string name, nlohmann::json args) {
  return {std::move(id), std::move(name), args.dump()};
}

nlohmann::json BookArgs() {
  return {{"service", "cleaning"},
          {"start", kStart},
          {"staff", "lee"},
          {"name", "Ana Ruiz"},
          {"date_of_birth", "1985-03-03"}};
}

size_t Holds(DialogWorld& w) {
  return w.store->LiveHolds(w.config.business.id, w.clock.NowSeconds())->size();
}

}  // namespace

TEST_CASE("hybrid agent: no model answering hands the same turn to the embedded engine") {
  DialogWorld w("medical-practice.json", kNow);
  ScriptedLlm llm;
  HybridAgent agent(w.receptionist, *w.scheduler, w.clock, llm, "h1", "+15550001111");
  const AgentReply greeting = agent.Start();
  CHECK_FALSE(greeting.text.empty());
  CHECK(agent.slow());

  llm.script.push_back({"", {}, /*fail=*/true});
  AgentReply r =
      agent.OnCallerTurn("hi this is ana ruiz born march 3rd 1985 i need a cleaning tuesday at 10");
  CHECK(agent.fell_back());
  CHECK_FALSE(agent.slow());
  CHECK_FALSE(r.end_call);  // not handed to a person: the engine took the request
  CHECK(r.text.find("Shall I book it?") != std::string::npos);
  // One greeting, then the caller's request once, then the engine's answer.
  const auto& t = agent.record().transcript;
  REQUIRE(t.size() == 3);
  CHECK(t[0].speaker == "agent");
  CHECK(t[0].text == greeting.text);
  CHECK(t[1].speaker == "caller");
  CHECK(t[2].text == r.text);

  r = agent.OnCallerTurn("yes please");
  REQUIRE(agent.record().booking);
  CHECK(agent.record().booking->start == w.At(kStart));
  CHECK(agent.record().outcome == Outcome::kBooked);
  CHECK(llm.seen.size() == 1);  // the model is not asked again
}

TEST_CASE("hybrid agent: slots the model held are let go when the engine takes over") {
  DialogWorld w("medical-practice.json", kNow);
  ScriptedLlm llm;
  HybridAgent agent(w.receptionist, *w.scheduler, w.clock, llm, "h2", "+15550001112");
  agent.Start();
  llm.script.push_back(
      {"", {Call("a", "check_availability", {{"service", "cleaning"}, {"date", "2026-10-06"}})}});
  llm.script.push_back({"I have nine, ten or eleven. Which suits you?", {}});
  AgentReply r = agent.OnCallerTurn("what do you have for a cleaning tomorrow");
  CHECK(r.text == "I have nine, ten or eleven. Which suits you?");
  CHECK(Holds(w) == 3);
  llm.script.push_back({"", {}, /*fail=*/true});
  r = agent.OnCallerTurn("ten please");
  CHECK(agent.fell_back());
  CHECK(Holds(w) == 0);  // the engine offers its own, held afresh when it does
  agent.Finish();
}

TEST_CASE("llm agent: keypad 1 at a read-back is the caller's yes, and books") {
  DialogWorld w("medical-practice.json", kNow);
  ScriptedLlm llm;
  LlmAgent agent(w.receptionist, *w.scheduler, w.clock, llm, "h3", "+15550001113");
  agent.Start();
  llm.script.push_back({"", {Call("c1", "book", BookArgs())}});
  llm.script.push_back({"", {}});
  AgentReply r = agent.OnCallerTurn("book me a cleaning tomorrow at ten, ana ruiz, born 1985");
  REQUIRE(r.text.find("Shall I book it?") != std::string::npos);
  CHECK(agent.expecting() == Expect::kYesNo);
  llm.script.push_back({"", {Call("c2", "book", BookArgs())}});
  llm.script.push_back({"Booked.", {}});
  r = agent.OnKeypad("1");
  CHECK(agent.record().booking);
  CHECK(llm.seen[2].messages.back().content == "yes");  // what the model was told
}

TEST_CASE("llm agent: a read-back cut short is not confirmed by the yes that follows") {
  DialogWorld w("medical-practice.json", kNow);
  ScriptedLlm llm;
  LlmAgent agent(w.receptionist, *w.scheduler, w.clock, llm, "h4", "+15550001114");
  agent.Start();
  llm.script.push_back({"", {Call("c1", "book", BookArgs())}});
  llm.script.push_back({"", {}});
  AgentReply r = agent.OnCallerTurn("book me a cleaning tomorrow at ten, ana ruiz, born 1985");
  REQUIRE(r.text.find("Shall I book it?") != std::string::npos);
  agent.OnInterrupted("Let me read that back.");
  CHECK(agent.record().transcript.back().interrupted);
  CHECK(agent.record().transcript.back().text == "Let me read that back.");
  CHECK(agent.expecting() == Expect::kNothing);
  llm.script.push_back({"", {Call("c2", "book", BookArgs())}});
  llm.script.push_back({"", {}});
  r = agent.OnCallerTurn("yes");
  CHECK_FALSE(agent.record().booking);
  // The model saw what was heard, not the whole read-back.
  bool told = false;
  for (const auto& m : llm.seen[2].messages)
    told |= m.role == LlmMessage::Role::kAssistant &&
            m.content.find("[the caller interrupted here]") != std::string::npos;
  CHECK(told);
}
