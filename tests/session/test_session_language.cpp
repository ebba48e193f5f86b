// A caller who changes language mid-call: the recogniser names the language
// it heard (Deepgram's multilingual model or its detection do), and the call
// follows: one `language` event, the recogniser told, the agent told, and
// the next reply's voice opened in that language when the agent speaks it.
#include <doctest/doctest.h>

#include "fakes/scripted_llm.h"
#include "session/dialog_pool.h"
#include "session_fixture.h"

using namespace voxdesk;
using namespace voxdesk::session;
using voxdesk::testing::SessionWorld;

namespace {

constexpr const char* kNow = "2026-10-05T09:00:00-04:00";  // Monday, open

std::vector<std::string> LanguageEvents(const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const Event& e : events)
    if (e.type == EventType::kLanguage) out.push_back(e.text);
  return out;
}

// The agent's lines after the caller's line that contains `said`.
std::vector<std::string> AgentLinesAfter(const dialog::CallRecord& rec, const std::string& said) {
  std::vector<std::string> out;
  bool after = false;
  for (const auto& l : rec.transcript) {
    if (l.speaker == "caller") after = after || l.text.find(said) != std::string::npos;
    if (after && l.speaker == "agent") out.push_back(l.text);
  }
  return out;
}

}  // namespace

TEST_CASE("language: a caller heard switching to Spanish gets Spanish from the embedded agent") {
  SessionWorld w("medical-practice.json", kNow);
  w.next_languages = {"en-US", "es"};
  auto call = w.Start("lang-es", "+15550002222",
                      {{"hi what are your hours", "", -1},
                       {"perdón no hablo inglés puede hablar en español", "", -1},
                       {"no gracias adiós", "", -1}});
  w.Run(call);
  const auto events = w.Drain();
  // One switch, although the engine's own language detection agrees.
  CHECK(LanguageEvents(events) == std::vector<std::string>{"es"});
  const auto& rec = call.session->record();
  CHECK(rec.lang == dialog::Lang::kEs);
  // The business's locale first (with its region), then what was heard.
  CHECK(w.stt.languages() == std::vector<std::string>{"en-US", "es"});
  const auto voices = w.tts.opened_languages();
  REQUIRE(voices.size() >= 2);
  CHECK(voices.front() == "en-US");
  CHECK(voices.back() == "es");
  const auto replies = AgentLinesAfter(rec, "español");
  REQUIRE_FALSE(replies.empty());
  for (const std::string& r : replies) CHECK_MESSAGE(r.find(" the ") == std::string::npos, r);
}

TEST_CASE(
    "language: a French caller is followed by the recogniser while the embedded agent keeps "
    "English") {
  SessionWorld w("medical-practice.json", kNow);
  w.next_languages = {"fr", "fr"};
  auto call = w.Start("lang-fr", "+15550003333",
                      {{"bonjour je voudrais un rendez vous", "", -1}, {"au revoir", "", -1}});
  w.Run(call);
  const auto events = w.Drain();
  CHECK(LanguageEvents(events) == std::vector<std::string>{"fr"});
  CHECK(w.stt.languages() == std::vector<std::string>{"en-US", "fr"});
  // The embedded engine has no French: its English is not read in a French voice.
  for (const std::string& v : w.tts.opened_languages()) CHECK(v == "en-US");
  CHECK(call.session->record().lang == dialog::Lang::kEn);
}

TEST_CASE("language: in LLM mode the model is told the caller's language and its voice follows") {
  SessionWorld w("medical-practice.json", kNow);
  DialogPool pool{1};
  fakes::ScriptedLlm llm;
  llm.script = {{"Nous sommes ouverts de neuf heures à dix-sept heures.", {}}, {"Au revoir !", {}}};
  auto deps = w.Deps();
  deps.llm = &llm;
  deps.dialog_pool = &pool;
  auto channel = std::make_shared<fakes::TranscriptChannel>();
  channel->languages = {"fr-CA", "fr-CA"};
  auto caller = SimulatedCaller::Create(
      {{"quelles sont vos heures d'ouverture", "", -1}, {"merci au revoir", "", -1}},
      w.caller_voice);
  REQUIRE(caller.ok());
  (*caller)->on_say = [channel](const std::string& text) { channel->lines.push_back(text); };
  w.stt.Expect(channel);
  auto s = Session::Create(deps, {}, "lang-llm", "+15550004444");
  REQUIRE(s.ok());
  REQUIRE((*s)->Start().ok());
  SessionWorld::Call call{std::move(*s), std::move(*caller)};
  // Virtual time with a model on the pool: tick, and give the pool the CPU.
  Worker worker([&](std::unique_ptr<Session> done, std::unique_ptr<Line> line) {
    call.session = std::move(done);
    call.caller.reset(static_cast<SimulatedCaller*>(line.release()));
  });
  worker.Add(std::move(call.session), std::move(call.caller));
  for (int i = 0; i < 50 * 600 && worker.TickAll() > 0; ++i) {
    w.clock.Advance(std::chrono::milliseconds(20));
    if (i % 8 == 0) std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
  REQUIRE_MESSAGE(call.session, "the call did not end");

  CHECK(LanguageEvents(w.Drain()) == std::vector<std::string>{"fr-CA"});
  REQUIRE(llm.seen.size() >= 1);
  // The system prompt names the language, once, from the first French turn on.
  const std::string& system = llm.seen[0].messages.front().content;
  CHECK(system.find("The caller speaks French: reply in French.") != std::string::npos);
  if (llm.seen.size() >= 2) {
    const std::string& later = llm.seen[1].messages.front().content;
    CHECK(later.find("reply in French") == later.rfind("reply in French"));
  }
  // The greeting in the business's language, the model's French in French.
  const auto voices = w.tts.opened_languages();
  REQUIRE(voices.size() >= 2);
  CHECK(voices.front() == "en-US");
  CHECK(voices.back() == "fr-CA");
  CHECK(w.stt.languages() == std::vector<std::string>{"en-US", "fr-CA"});
}
