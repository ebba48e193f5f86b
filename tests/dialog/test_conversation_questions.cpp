// Questions answered from the config and the knowledge base, messages,
// and the industry checks (conflicts, service area) that stop a booking.
#include "dialog_fixture.h"

using namespace voxdesk;
using namespace voxdesk::dialog;
using voxdesk::testing::DialogWorld;

namespace {
constexpr const char* kOpen = "2026-10-05T09:00:00-04:00";
}

TEST_CASE("hours, address and prices come from the config") {
  DialogWorld w("medical-practice.json", kOpen);
  auto c = w.Call("q1", "+15550008001");
  c->Start();
  AgentReply r = c->OnCallerTurn("what are your hours");
  CHECK(r.text.find("Monday and Tuesday 8 AM to noon and 1 PM to 5 PM") != std::string::npos);
  CHECK(r.text.find("Friday 8 AM to 2 PM") != std::string::npos);
  r = c->OnCallerTurn("and how much is a cleaning");
  CHECK(r.text.find("120 dollars") != std::string::npos);
  r = c->OnCallerTurn("where are you located");
  CHECK(r.text.find("210 Maple Avenue") != std::string::npos);
  c->OnCallerTurn("no that's all thanks bye");
  CHECK(c->ended());
  CHECK(c->record().outcome == Outcome::kAnswered);
}

TEST_CASE("a question the knowledge base answers, and one it cannot") {
  DialogWorld w("medical-practice.json", kOpen);
  auto c = w.Call("q2", "+15550008002");
  c->Start();
  AgentReply r = c->OnCallerTurn("do you accept delta dental insurance");
  CHECK(r.text.find("Delta Dental") != std::string::npos);
  r = c->OnCallerTurn("do you know a good plumber");
  CHECK(r.text.find("take a message") != std::string::npos);
  r = c->OnCallerTurn("yes please");
  CHECK(r.text.find("go ahead") != std::string::npos);
  c->OnCallerTurn("i'm looking for a plumber recommendation call me back");
  CHECK(c->record().outcome == Outcome::kMessageTaken);
}

TEST_CASE("a refill request becomes a message for the provider, never advice") {
  DialogWorld w("medical-practice.json", kOpen);
  auto c = w.Call("q3", "+15550008003");
  c->Start();
  AgentReply r = c->OnCallerTurn("hi i need a refill of my prescription from dr patel");
  CHECK(c->record().outcome == Outcome::kMessageTaken);
  REQUIRE(c->record().messages.size() == 1);
  CHECK(c->record().messages[0].recipient == "patel");
  CHECK(c->record().messages[0].reason == "request");
  CHECK(r.text.find("Dr. Ravi Patel") != std::string::npos);
  r = c->OnCallerTurn("and should i take ibuprofen for the pain");
  CHECK(r.text.find("not able to give medical advice") != std::string::npos);
}

TEST_CASE("a legal booking against a listed party is stopped by the conflict check") {
  DialogWorld w("family-law.json", "2026-10-05T10:00:00-05:00");
  const auto before = w.store->LiveBookings(w.config.business.id)->size();
  auto c = w.Call("q4", "+13125550002");
  c->Start();
  AgentReply r = c->OnCallerTurn("hi this is karen hale i need a divorce consultation");
  CHECK(r.text.find("other party") != std::string::npos);
  r = c->OnCallerTurn("my husband gregory hale");
  CHECK(r.text.find("attorney needs to review") != std::string::npos);
  c->Finish();
  CHECK(w.store->LiveBookings(w.config.business.id)->size() == before);
  CHECK(c->record().outcome == Outcome::kMessageTaken);
  REQUIRE_FALSE(c->record().messages.empty());
  CHECK(c->record().messages.back().reason == "conflict_check");
}

TEST_CASE("a legal booking with no conflict goes on to times") {
  DialogWorld w("family-law.json", "2026-10-05T10:00:00-05:00");
  auto c = w.Call("q5", "+13125550003");
  c->Start();
  c->OnCallerTurn("hi this is karen miles i need a divorce consultation");
  AgentReply r = c->OnCallerTurn("his name is john miles");
  CHECK(r.text.find("What day and time") != std::string::npos);
}

TEST_CASE("a ZIP outside the service area gets no booking") {
  DialogWorld w("hvac.json", "2026-10-05T10:00:00-06:00");
  auto c = w.Call("q6", "+17205550002");
  c->Start();
  AgentReply r = c->OnCallerTurn("my furnace is making a weird noise can you send someone");
  CHECK(r.text.find("ZIP") != std::string::npos);
  r = c->OnCallerTurn("it's 80301");
  CHECK(r.text.find("don't serve ZIP code 80301") != std::string::npos);
  c->Finish();
  CHECK_FALSE(c->record().booking);
}

TEST_CASE("a Spanish caller is answered in Spanish and booked") {
  DialogWorld w("medical-practice.json", kOpen);
  auto c = w.Call("q7", "+15550008007");
  c->Start();
  AgentReply r = c->OnCallerTurn("hola me llamo ana ruiz naci el 3 de marzo de 1985 quiero una limpieza el martes a las diez");
  CHECK(c->lang() == Lang::kEs);
  CHECK(r.text.find("¿Lo reservo?") != std::string::npos);
  CHECK(r.text.find("martes 6 de octubre") != std::string::npos);
  c->OnCallerTurn("sí por favor");
  REQUIRE(c->record().booking);
  CHECK(c->record().booking->start == w.At("2026-10-06T10:00:00-04:00"));
}

TEST_CASE("a call summary holds only the pack's minimum-necessary fields") {
  DialogWorld w("medical-practice.json", kOpen);
  auto c = w.Call("q8", "+15550008008");
  c->Start();
  c->OnCallerTurn("hi this is ana ruiz born march 3rd 1985 i have aetna i need a cleaning tuesday at 10 my gum is bleeding");
  c->OnCallerTurn("yes");
  c->Finish();
  const auto& rec = c->record();
  REQUIRE(rec.booking);
  // The intake keeps the reason in the caller's words and the carrier...
  CHECK(rec.intake.at("reason").find("gum is bleeding") != std::string::npos);
  CHECK(rec.intake.at("insurance") == "aetna");
  // ...but the summary shows what the medical pack allows, and no more.
  CHECK(rec.summary.at("name") == "Ana Ruiz");
  CHECK(rec.summary.at("date_of_birth") == "1985-03-03");
  CHECK(rec.summary.at("service") == "cleaning");
  CHECK(rec.summary.at("start") == "2026-10-06T10:00:00-04:00");
  CHECK_FALSE(rec.summary.contains("reason"));
  CHECK_FALSE(rec.summary.contains("insurance"));
  CHECK_FALSE(rec.summary.contains("phone"));
}
