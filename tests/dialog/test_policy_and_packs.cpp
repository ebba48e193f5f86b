// The confirmation policy on its own, and industry packs as data: every
// compiled-in pack loads, merges over generic, and business overrides are
// validated with the path of the bad key.
#include <doctest/doctest.h>

#include "dialog/pack.h"
#include "dialog/policy.h"
#include "dialog/text.h"

using namespace voxdesk;
using namespace voxdesk::dialog;

TEST_CASE("the policy allows exactly the confirmed action, once") {
  ConfirmationPolicy p;
  WriteAction a;
  a.service = "cleaning";
  a.staff = "lee";
  a.start = Instant{std::chrono::seconds{1'800'000'000}};
  CHECK_FALSE(p.Authorize(a).ok());  // nothing proposed
  p.Propose(a);
  CHECK_FALSE(p.Authorize(a).ok());  // proposed, not confirmed
  p.OnCallerTurn(true);
  WriteAction b = a;
  b.staff = "patel";
  CHECK_FALSE(p.Authorize(b).ok());  // confirmed something else
  p.Propose(a);
  p.OnCallerTurn(true);
  CHECK(p.Authorize(a).ok());
  CHECK_FALSE(p.Authorize(a).ok());  // used up
}

TEST_CASE("a turn that is not a yes withdraws the proposal, and a second yes confirms nothing new") {
  ConfirmationPolicy p;
  WriteAction a;
  a.kind = WriteAction::Kind::kCancel;
  a.booking_id = "bk-1";
  p.Propose(a);
  p.OnCallerTurn(false);
  p.OnCallerTurn(true);  // a late yes after something else
  CHECK_FALSE(p.Authorize(a).ok());
  p.Propose(a);
  p.OnCallerTurn(true);
  p.OnCallerTurn(true);  // yes again on the next turn: the proposal went stale
  CHECK_FALSE(p.Authorize(a).ok());
}

TEST_CASE("every compiled-in pack loads over generic") {
  const auto ids = PackIds();
  for (const char* id : {"generic", "medical", "legal", "home_services"})
    CHECK(std::find(ids.begin(), ids.end(), id) != ids.end());
  for (const auto& id : ids) {
    CAPTURE(id);
    auto p = LoadPack(id);
    REQUIRE_MESSAGE(p.ok(), p.status().message());
    // Generic prompts are there in both languages.
    CHECK_FALSE((*p)->Prompt("greeting", Lang::kEn).empty());
    CHECK_FALSE((*p)->Prompt("greeting", Lang::kEs).empty());
    CHECK((*p)->Intent("book") != nullptr);
  }
  CHECK(LoadPack("plumbing").status().code() == Code::kNotFound);
}

TEST_CASE("packs add what their industry needs") {
  auto medical = LoadPack("medical");
  REQUIRE(medical.ok());
  CHECK((*medical)->emergency.phrases.Match(Pad(NormalizeText("he has chest pain", Lang::kEn)), Lang::kEn) > 0);
  CHECK((*medical)->Prompt("emergency_script", Lang::kEn).find("911") != std::string::npos);
  bool asks_dob = false;
  for (const auto& f : (*medical)->intake) asks_dob |= f.field == Field::kDateOfBirth && f.required;
  CHECK(asks_dob);
  auto legal = LoadPack("legal");
  REQUIRE(legal.ok());
  CHECK((*legal)->HasCheck("conflict"));
  CHECK((*legal)->urgent.phrases.Match(Pad(NormalizeText("I was arrested", Lang::kEn)), Lang::kEn) > 0);
  auto home = LoadPack("home_services");
  REQUIRE(home.ok());
  CHECK((*home)->HasCheck("service_area"));
  CHECK((*home)->emergency.route == "on_call");
  auto generic = LoadPack("generic");
  REQUIRE(generic.ok());
  CHECK((*generic)->emergency.phrases.Empty(Lang::kEn));
}

TEST_CASE("a business overrides prompts and intake, and typos are errors with their path") {
  auto base = LoadPack("medical");
  REQUIRE(base.ok());
  auto custom = CustomizePack(**base, R"({"prompts": {"en": {"greeting": "Hi from {business}!"}},
                                          "intake": [{"field": "name"}, {"field": "insurance", "required": true}]})");
  REQUIRE_MESSAGE(custom.ok(), custom.status().message());
  CHECK(Render((*custom)->Prompt("greeting", Lang::kEn), {{"business", "Acme"}}) == "Hi from Acme!");
  CHECK((*custom)->Prompt("greeting", Lang::kEs) == (*base)->Prompt("greeting", Lang::kEs));
  REQUIRE((*custom)->intake.size() == 2);
  CHECK((*custom)->intake[1].field == Field::kInsurance);
  CHECK((*custom)->intake[1].required);

  CHECK(CustomizePack(**base, R"({"prompts": {"en": {"greting": "x"}}})").status().message() ==
        "dialog.prompts.en.greting: unknown prompt");
  CHECK(CustomizePack(**base, R"({"prompts": {"fr": {"greeting": "x"}}})").status().message() ==
        "dialog.prompts.fr: unknown language (use \"en\" or \"es\")");
  CHECK(CustomizePack(**base, R"({"intake": [{"field": "shoe_size"}]})").status().message().rfind(
            "dialog.intake[0].field: unknown field \"shoe_size\"", 0) == 0);
  CHECK(CustomizePack(**base, R"({"intake": [{"field": "name", "stage": "later"}]})").status().message() ==
        "dialog.intake[0].stage: must be \"before_slots\" or \"before_confirm\"");
  CHECK(CustomizePack(**base, "[1,2]").status().code() == Code::kConfig);
  CHECK(CustomizePack(**base, "{bad json").status().code() == Code::kConfig);
}

TEST_CASE("templates fill known placeholders and leave others") {
  CHECK(Render("{a} and {b}", {{"a", "x"}}) == "x and {b}");
  CHECK(Render("{unclosed", {{"unclosed", "x"}}) == "{unclosed");
  CHECK(Render("", {}) == "");
}
