// LLM mode with a scripted model: the model's tool calls go through the
// same policy as the embedded engine, whatever the model "decides".
#include <deque>
#include <nlohmann/json.hpp>

#include "dialog/llm_agent.h"
#include "dialog_fixture.h"
#include "fakes/scripted_llm.h"

using namespace voxdesk;
using namespace voxdesk::dialog;
using voxdesk::fakes::ScriptedLlm;
using voxdesk::testing::DialogWorld;

namespace {

ToolCall Call(std::string id, std::string name, nlohmann::json args) {
  return {std::move(id), std::move(name), args.dump()};
}

const char* kNow = "2026-10-05T09:00:00-04:00";
const char* kStart = "2026-10-06T10:00:00-04:00";

nlohmann::json BookArgs() {
  return {{"service", "cleaning"},
          {"start", kStart},
          {"staff", "lee"},
          {"name", "Ana Ruiz"},
          {"date_of_birth", "1985-03-03"}};
}

std::size_t Bookings(DialogWorld& w) {
  return w.store->LiveBookings(w.config.business.id)->size();
}

}  // namespace

TEST_CASE(
    "a model that books at once gets a read-back, and the booking waits for the caller's yes") {
  DialogWorld w("medical-practice.json", kNow);
  ScriptedLlm llm;
  LlmAgent agent(w.receptionist, *w.scheduler, w.clock, llm, "llm1", "+15550009001");
  agent.Start();
  const std::size_t before = Bookings(w);
  llm.script.push_back({"", {Call("c1", "book", BookArgs())}});
  llm.script.push_back({"Great, you're booked!", {}});  // the model claims success
  AgentReply r =
      agent.OnCallerTurn("book me a cleaning tomorrow at ten, ana ruiz, born march 3rd 1985");
  CHECK(Bookings(w) == before);  // not written
  CHECK(r.text.find("Shall I book it?") !=
        std::string::npos);  // the engine's read-back, not the model's claim
  // The tool result told the model confirmation is required.
  const auto& tool_msg = llm.seen.back().messages.back();
  CHECK(tool_msg.role == LlmMessage::Role::kTool);
  CHECK(tool_msg.content.find("confirmation_required") != std::string::npos);

  llm.script.push_back({"", {Call("c2", "book", BookArgs())}});
  llm.script.push_back({"Done. See you tomorrow.", {}});
  r = agent.OnCallerTurn("yes please");
  CHECK(Bookings(w) == before + 1);
  REQUIRE(agent.record().booking);
  CHECK(agent.record().booking->start == w.At(kStart));
  CHECK(agent.record().outcome == Outcome::kBooked);
  CHECK(r.text == "Done. See you tomorrow.");
}

TEST_CASE("a yes to something else does not authorise a different booking") {
  DialogWorld w("medical-practice.json", kNow);
  ScriptedLlm llm;
  LlmAgent agent(w.receptionist, *w.scheduler, w.clock, llm, "llm2", "+15550009002");
  agent.Start();
  const std::size_t before = Bookings(w);
  llm.script.push_back({"", {Call("c1", "book", BookArgs())}});
  llm.script.push_back({"ok", {}});
  agent.OnCallerTurn("a cleaning tomorrow at ten please");
  // The caller agrees, but the model books another time than was read back.
  auto other = BookArgs();
  other["start"] = "2026-10-06T11:00:00-04:00";
  llm.script.push_back({"", {Call("c2", "book", other)}});
  llm.script.push_back({"Booked.", {}});
  agent.OnCallerTurn("yes");
  CHECK(Bookings(w) == before);
  CHECK_FALSE(agent.record().booking);
}

TEST_CASE("tool arguments are checked against the config") {
  DialogWorld w("medical-practice.json", kNow);
  ScriptedLlm llm;
  LlmAgent agent(w.receptionist, *w.scheduler, w.clock, llm, "llm3", "+15550009003");
  CHECK(
      nlohmann::json::parse(agent.RunTool(Call(
          "a", "book",
          {{"service", "massage"}, {"start", kStart}, {"staff", "lee"}, {"name", "X"}})))["code"] ==
      "unknown_service");
  CHECK(nlohmann::json::parse(agent.RunTool(Call("b", "book",
                                                 {{"service", "cleaning"},
                                                  {"start", "tomorrow"},
                                                  {"staff", "lee"},
                                                  {"name", "X"}})))["code"] == "invalid_arguments");
  CHECK(nlohmann::json::parse(agent.RunTool(
            Call("c", "check_availability",
                 {{"service", "cleaning"}, {"date", "2026-10-06"}, {"staff", "house"}})))["code"] ==
        "unknown_staff");
  CHECK(nlohmann::json::parse(agent.RunTool(Call("d", "fly", nlohmann::json::object())))["code"] ==
        "unknown_tool");
  CHECK(nlohmann::json::parse(agent.RunTool({"e", "book", "not json"}))["code"] ==
        "invalid_arguments");
  // A booking the caller was never shown (not from find_bookings) cannot be cancelled.
  auto all = w.store->LiveBookings(w.config.business.id);
  REQUIRE(!all->empty());
  CHECK(nlohmann::json::parse(agent.RunTool(
            Call("f", "cancel", {{"booking_id", all->front().id}})))["code"] == "not_found");
}

TEST_CASE("availability from the model's tool is held, and let go when the call ends") {
  DialogWorld w("medical-practice.json", kNow);
  ScriptedLlm llm;
  {
    LlmAgent agent(w.receptionist, *w.scheduler, w.clock, llm, "llm4", "+15550009004");
    auto out = nlohmann::json::parse(agent.RunTool(
        Call("a", "check_availability", {{"service", "cleaning"}, {"date", "2026-10-06"}})));
    REQUIRE(out["status"] == "ok");
    CHECK(out["slots"].size() == 3);
    CHECK(w.store->LiveHolds(w.config.business.id, w.clock.NowSeconds())->size() == 3);
  }
  CHECK(w.store->LiveHolds(w.config.business.id, w.clock.NowSeconds())->empty());
}

TEST_CASE("an emergency never reaches the model, and a model outage hands the call to a person") {
  DialogWorld w("medical-practice.json", kNow);
  ScriptedLlm llm;
  LlmAgent agent(w.receptionist, *w.scheduler, w.clock, llm, "llm5", "+15550009005");
  agent.Start();
  AgentReply r = agent.OnCallerTurn("my father has chest pain");
  CHECK(llm.seen.empty());
  CHECK(r.end_call);
  CHECK(agent.record().outcome == Outcome::kEmergency);

  LlmAgent agent2(w.receptionist, *w.scheduler, w.clock, llm, "llm6", "+15550009006");
  agent2.Start();
  llm.script.push_back({"", {}, /*fail=*/true});
  r = agent2.OnCallerTurn("hi i have a question");
  CHECK(r.end_call);
  CHECK(agent2.record().escalation_reason == "llm_unavailable");
  CHECK(r.transfer_to == w.config.business.transfer_number);
}
