// When the agent hands the call to a person, and why: caller request,
// repeated low confidence, repeated silence, emergencies from the pack;
// after hours it takes a message instead of transferring to nobody.
#include "dialog_fixture.h"

using namespace voxdesk;
using namespace voxdesk::dialog;
using voxdesk::testing::DialogWorld;

namespace {
constexpr const char* kOpen = "2026-10-05T09:00:00-04:00";    // Monday morning
constexpr const char* kClosed = "2026-10-04T20:00:00-04:00";  // Sunday evening
}  // namespace

TEST_CASE("asking for a person transfers to the front desk while open") {
  DialogWorld w("medical-practice.json", kOpen);
  auto c = w.Call("e1", "+15550007001");
  c->Start();
  AgentReply r = c->OnCallerTurn("can i just talk to a real person");
  CHECK(r.end_call);
  CHECK(r.transfer_to == w.config.business.transfer_number);
  CHECK(c->record().outcome == Outcome::kTransferred);
  CHECK(c->record().escalation_reason == "caller_request");
}

TEST_CASE("after hours a request for a person becomes a message") {
  DialogWorld w("medical-practice.json", kClosed);
  auto c = w.Call("e2", "+15550007002");
  AgentReply r = c->Start();
  CHECK(r.text.find("closed right now") != std::string::npos);
  r = c->OnCallerTurn("i want to speak to someone");
  CHECK_FALSE(r.end_call);
  CHECK(r.transfer_to.empty());
  c->OnCallerTurn("please ask dr lee to call me about my crown");
  c->Finish();
  CHECK(c->record().outcome == Outcome::kMessageTaken);
  REQUIRE(c->record().messages.size() == 1);
  CHECK(c->record().messages[0].callback == "+15550007002");
  CHECK(c->record().messages[0].reason == "after_hours");
}

TEST_CASE("two turns in a row it cannot understand go to a person, one does not") {
  DialogWorld w("medical-practice.json", kOpen);
  auto c = w.Call("e3", "+15550007003");
  c->Start();
  AgentReply r = c->OnCallerTurn("blorp zingle wabble");
  CHECK_FALSE(r.end_call);
  r = c->OnCallerTurn("i need a cleaning");  // understood: the count starts again
  CHECK_FALSE(r.end_call);
  r = c->OnCallerTurn("flibber gosh");
  CHECK_FALSE(r.end_call);
  r = c->OnCallerTurn("snorf kazoo");
  CHECK(r.end_call);
  CHECK(c->record().outcome == Outcome::kTransferred);
  CHECK(c->record().escalation_reason == "low_confidence");
}

TEST_CASE("three silent turns in a row go to a person") {
  DialogWorld w("medical-practice.json", kOpen);
  auto c = w.Call("e4", "+15550007004");
  c->Start();
  CHECK_FALSE(c->OnCallerTurn("").end_call);
  CHECK_FALSE(c->OnCallerTurn("   ").end_call);
  AgentReply r = c->OnCallerTurn("");
  CHECK(r.end_call);
  CHECK(c->record().escalation_reason == "no_input");
}

TEST_CASE("a medical emergency gets the pack's script and the on-call number") {
  DialogWorld w("medical-practice.json", kOpen);
  auto c = w.Call("e5", "+15550007005");
  c->Start();
  c->OnCallerTurn("i'd like a cleaning next week");
  AgentReply r = c->OnCallerTurn("actually my husband has chest pain and he can't breathe");
  CHECK(r.end_call);
  CHECK(r.text.find("911") != std::string::npos);
  CHECK(r.transfer_to == w.config.business.on_call_number);
  CHECK(c->record().outcome == Outcome::kEmergency);
  CHECK(c->record().escalation_reason.rfind("emergency: ", 0) == 0);
  auto holds = w.store->LiveHolds(w.config.business.id, w.clock.NowSeconds());
  REQUIRE(holds.ok());
  CHECK(holds->empty());  // the offered times were let go
}

TEST_CASE("a gas smell at an HVAC company is dispatched to on-call, in Spanish too") {
  DialogWorld w("hvac.json", "2026-10-05T10:00:00-06:00");
  auto c = w.Call("e6", "+17205550001");
  c->Start();
  AgentReply r = c->OnCallerTurn("hola huele a gas en mi cocina");
  CHECK(r.end_call);
  CHECK(r.transfer_to == w.config.business.on_call_number);
  CHECK(c->lang() == Lang::kEs);
  CHECK(r.text.find("911") != std::string::npos);
  CHECK(c->record().outcome == Outcome::kEmergency);
}

TEST_CASE("a legal caller who was arrested is put through at once") {
  DialogWorld w("family-law.json", "2026-10-05T10:00:00-05:00");
  auto c = w.Call("e7", "+13125550001");
  c->Start();
  AgentReply r = c->OnCallerTurn("my son was arrested last night and his custody hearing is tomorrow");
  CHECK(r.end_call);
  CHECK(c->record().outcome == Outcome::kTransferred);
  CHECK(c->record().escalation_reason.rfind("urgent: ", 0) == 0);
}

TEST_CASE("the escalation thresholds come from the config") {
  auto s = ParseDialogSettings(R"({"low_confidence": 0.5, "low_confidence_turns": 3, "no_input_turns": 1})");
  REQUIRE(s.ok());
  CHECK(s->low_confidence == doctest::Approx(0.5));
  CHECK(s->low_confidence_turns == 3);
  CHECK(s->no_input_turns == 1);
  CHECK(ParseDialogSettings(R"({"low_confidence": 1.5})").status().message() ==
        "dialog.low_confidence: must be a number in [0, 1]");
  CHECK(ParseDialogSettings(R"({"after_hours": "sometimes"})").status().code() == Code::kConfig);
  CHECK(ParseDialogSettings(R"({"low_confidense": 0.5})").status().message() == "dialog.low_confidense: unknown key");
  CHECK(ParseDialogSettings("").ok());
}
