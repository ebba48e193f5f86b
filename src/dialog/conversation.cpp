#include "dialog/conversation.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "dialog/phrasing.h"
#include "dialog/text.h"

namespace voxdesk::dialog {
namespace {

// "bye", "goodbye", "adiós": words that end a call in any state, unlike the
// rest of the goodbye intent's phrases ("i'm good", "thanks", "all set").
bool SaysFarewell(std::string_view normalized) {
  const std::string padded = " " + std::string(normalized) + " ";
  for (std::string_view w : {" bye ", " goodbye ", " good bye ", " bye bye ", " see you ",
                             " talk to you later ", " adios ", " hasta luego ", " chao "})
    if (padded.find(w) != std::string::npos) return true;
  return false;
}

Status Bad(const std::string& path, const std::string& what) {
  return Status(Code::kConfig, path + ": " + what);
}

}  // namespace

Result<DialogSettings> ParseDialogSettings(std::string_view dialog_json) {
  DialogSettings s;
  if (dialog_json.empty()) return s;
  const auto j = nlohmann::json::parse(dialog_json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Bad("dialog", "must be a JSON object");
  const auto number = [&](const char* key, double lo, double hi, const char* range,
                          double* out) -> Status {
    if (!j.contains(key)) return Status::Ok();
    const auto& v = j[key];
    if (!v.is_number() || v.get<double>() < lo || v.get<double>() > hi)
      return Bad(std::string("dialog.") + key, std::string("must be a number in ") + range);
    *out = v.get<double>();
    return Status::Ok();
  };
  const auto integer = [&](const char* key, int lo, int hi, int* out) -> Status {
    if (!j.contains(key)) return Status::Ok();
    const auto& v = j[key];
    if (!v.is_number_integer() || v.get<int64_t>() < lo || v.get<int64_t>() > hi)
      return Bad(std::string("dialog.") + key,
                 "must be an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    *out = static_cast<int>(v.get<int64_t>());
    return Status::Ok();
  };
  VOXDESK_RETURN_IF_ERROR(number("low_confidence", 0, 1, "[0, 1]", &s.low_confidence));
  VOXDESK_RETURN_IF_ERROR(integer("low_confidence_turns", 1, 10, &s.low_confidence_turns));
  VOXDESK_RETURN_IF_ERROR(integer("no_input_turns", 1, 10, &s.no_input_turns));
  VOXDESK_RETURN_IF_ERROR(integer("hold_ttl_s", 30, 3600, &s.hold_ttl_s));
  VOXDESK_RETURN_IF_ERROR(integer("max_options", 1, 5, &s.max_options));
  VOXDESK_RETURN_IF_ERROR(integer("max_turns", 5, 200, &s.max_turns));
  if (j.contains("after_hours")) {
    const auto& v = j["after_hours"];
    if (v == "take_message")
      s.after_hours_transfer = false;
    else if (v == "transfer")
      s.after_hours_transfer = true;
    else
      return Bad("dialog.after_hours", "must be \"take_message\" or \"transfer\"");
  }
  if (j.contains("recording")) {
    const auto& r = j["recording"];
    if (!r.is_object())
      return Bad("dialog.recording", "must be an object {\"enabled\": true, \"notice\": \"...\"}");
    for (const auto& item : r.items())
      if (item.key() != "enabled" && item.key() != "notice")
        return Bad("dialog.recording." + item.key(), "unknown key (\"enabled\" or \"notice\")");
    if (r.contains("enabled")) {
      if (!r["enabled"].is_boolean())
        return Bad("dialog.recording.enabled", "must be true or false");
      s.record_calls = r["enabled"].get<bool>();
    }
    if (r.contains("notice")) {
      if (!r["notice"].is_string() || r["notice"].get<std::string>().empty() ||
          r["notice"].get<std::string>().size() > 500)
        return Bad("dialog.recording.notice", "must be a non-empty string of at most 500 bytes");
      s.recording_notice = r["notice"].get<std::string>();
    }
  }
  static constexpr const char* kKnown[] = {"low_confidence",   "low_confidence_turns",
                                           "recording",        "no_input_turns",
                                           "hold_ttl_s",       "max_options",
                                           "max_turns",        "after_hours",
                                           "prompts",          "intake",
                                           "intents",          "emergency",
                                           "urgent",           "advice",
                                           "message_requests", "synonyms",
                                           "vocabulary",       "summary_fields"};
  for (const auto& item : j.items()) {
    const std::string& key = item.key();
    if (std::find_if(std::begin(kKnown), std::end(kKnown),
                     [&](const char* k) { return key == k; }) == std::end(kKnown))
      return Bad("dialog." + key, "unknown key");
  }
  return s;
}

Result<Receptionist> Receptionist::Create(const Business& business) {
  Receptionist r;
  r.business = &business;
  auto base = LoadPack(business.industry);
  if (!base.ok()) return base.status();
  auto pack = CustomizePack(**base, business.dialog_json);
  if (!pack.ok()) return pack.status();
  r.pack = *pack;
  auto settings = ParseDialogSettings(business.dialog_json);
  if (!settings.ok()) return settings.status();
  r.settings = *settings;
  r.nlu = std::make_shared<EmbeddedNlu>(business, r.pack);
  auto kb = BuildBm25Retriever(KnowledgeDocsFromBusiness(business));
  if (!kb.ok()) return kb.status();
  r.knowledge = std::shared_ptr<const Retriever>(std::move(*kb));
  return r;
}

Conversation::Conversation(const Receptionist& r, Scheduler& scheduler, const Clock& clock,
                           std::string call_id, std::string caller_id)
    : r_(r),
      biz_(*r.business),
      scheduler_(scheduler),
      clock_(clock),
      call_id_(std::move(call_id)),
      caller_id_(std::move(caller_id)),
      call_start_(clock.Now()),
      lang_(LangFromLocale(r.business->locale)) {
  record_.lang = lang_;
}

Conversation::~Conversation() {
  Finish();
}

std::string Conversation::P(std::string_view key,
                            std::vector<std::pair<std::string_view, std::string>> vars) const {
  vars.emplace_back("business", biz_.name);
  return Render(r_.pack->Prompt(key, lang_), vars);
}

int64_t Conversation::ElapsedMs(TimePoint t) const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t - call_start_).count();
}

AgentReply Conversation::Say(std::string text, bool end, std::string transfer_to) {
  // Collapse the doubled spaces that empty template parts leave behind.
  std::string clean;
  for (char c : text)
    if (!(c == ' ' && (clean.empty() || clean.back() == ' '))) clean += c;
  while (!clean.empty() && clean.back() == ' ') clean.pop_back();
  record_.transcript.push_back({"agent", clean, ElapsedMs(clock_.Now()), "", 0});
  readback_unheard_ = false;
  if (end) ended_ = true;
  if (!transfer_to.empty()) record_.transfer_to = transfer_to;
  return AgentReply{std::move(clean), end, std::move(transfer_to)};
}

NluContext Conversation::Context() const {
  NluContext c;
  const LocalSeconds local = InstantToLocal(*biz_.zone, clock_.NowSeconds());
  const auto day = date::floor<date::days>(local);
  c.today = LocalDate{day};
  c.now_min =
      static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - day).count());
  c.lang = lang_;
  c.lang_known = lang_from_recogniser_;
  c.expect = expect_;
  return c;
}

bool Conversation::OpenNow() const {
  const NluContext c = Context();
  if (biz_.IsClosed(c.today)) return false;
  const unsigned wd = date::weekday{date::sys_days{c.today}}.iso_encoding();
  for (const LocalInterval& iv : biz_.hours[wd - 1])
    if (c.now_min >= iv.open_min && c.now_min < iv.close_min) return true;
  return false;
}

AgentReply Conversation::Start() {
  std::string greeting = P(OpenNow() ? "greeting" : "greeting_after_hours");
  last_question_ = P("how_help");
  return Say(greeting);
}

void Conversation::SetCallerLanguage(std::string_view tag) {
  // What the recogniser heard outranks the word lists' guess from then on.
  // French and the like are beyond the packs: keep speaking what we speak.
  lang_from_recogniser_ = !tag.empty();
  if (const auto lang = EmbeddedLang(tag)) {
    lang_ = *lang;
    record_.lang = lang_;
  }
}

void Conversation::Resume(const CallRecord& before) {
  record_ = before;
  lang_ = before.lang;
  last_question_ = P("how_help");
}

void Conversation::Finish() {
  if (finished_) return;
  finished_ = true;
  ReleaseHolds();
  if (record_.outcome == Outcome::kHungUp) {
    // Nothing else happened, but a question was answered.
    for (const auto& line : record_.transcript)
      if (line.speaker == "caller" && line.intent == "info") record_.Raise(Outcome::kAnswered);
  }
  // The summary shows the pack's summary fields and nothing else.
  std::map<std::string, std::string> facts = record_.intake;
  if (!caller_id_.empty()) facts.emplace("phone", caller_id_);
  if (record_.booking) {
    facts["service"] = record_.booking->service;
    facts["staff"] = record_.booking->staff;
    facts["start"] = FormatRfc3339(record_.booking->start, *biz_.zone);
  }
  for (const auto& field : r_.pack->summary_fields)
    if (auto it = facts.find(field); it != facts.end()) record_.summary[field] = it->second;
}

void Conversation::OnInterrupted(std::string_view heard) {
  for (auto it = record_.transcript.rbegin(); it != record_.transcript.rend(); ++it) {
    if (it->speaker != "agent") continue;
    if (it->interrupted || heard.size() >= it->text.size()) return;  // nothing was cut
    it->text = std::string(heard);
    it->interrupted = true;
    if (step_ == Step::kConfirm) readback_unheard_ = true;
    return;
  }
}

AgentReply Conversation::OnKeypad(std::string_view digits) {
  if (ended_ || digits.empty()) return OnCallerTurn(digits);
  std::string said;
  if (digits == "0") {
    ++turns_;
    record_.transcript.push_back({"caller", "[keypad 0]", ElapsedMs(clock_.Now()), "human", 1.0});
    policy_.OnCallerTurn(false);
    return AskForPerson();
  }
  const bool es = lang_ == Lang::kEs;
  if (expect_ == Expect::kYesNo && (digits == "1" || digits == "2"))
    said = digits == "1" ? (es ? "sí" : "yes") : "no";
  else if (step_ == Step::kChoose && digits.size() == 1 && digits[0] >= '1' &&
           digits[0] <= '0' + static_cast<int>(offers_.size()))
    said = es && digits[0] <= '3'
               ? std::array{"la primera", "la segunda", "la tercera"}[digits[0] - '1']
               : "option " + std::string(digits);
  else
    for (char d : digits) {
      if (!said.empty()) said += ' ';
      said += d;
    }
  AgentReply reply = OnCallerTurn(said);
  // The transcript shows what was pressed, not the words it stood for.
  for (auto it = record_.transcript.rbegin(); it != record_.transcript.rend(); ++it)
    if (it->speaker == "caller") {
      it->text = "[keypad " + std::string(digits) + "]";
      break;
    }
  return reply;
}

std::vector<std::string> Conversation::OfferedTimes() const {
  std::vector<std::string> out;
  if (step_ != Step::kChoose) return out;
  for (const Offer& o : offers_) out.push_back(SpeakSlot(o.slot));
  return out;
}

AgentReply Conversation::OnCallerTurn(std::string_view utterance,
                                      std::optional<TimePoint> started) {
  if (ended_) return AgentReply{"", true, {}};
  ++turns_;
  const Understanding u = r_.nlu->Understand(utterance, Context());
  record_.transcript.push_back(
      {"caller", std::string(utterance), ElapsedMs(started.value_or(clock_.Now())),
       u.silence ? "silence" : std::string(IntentName(u.intent)), u.confidence});
  if (!u.silence && u.lang != lang_) {
    lang_ = u.lang;  // answer in the language the caller speaks
    record_.lang = lang_;
  }
  policy_.OnCallerTurn(!u.silence && u.Has(Intent::kYes) && !u.Has(Intent::kNo) &&
                       step_ == Step::kConfirm && !readback_unheard_);

  if (u.silence) {
    if (++silent_turns_ >= r_.settings.no_input_turns) {
      if (OpenNow() && !biz_.transfer_number.empty())
        return Escalate("no_input", "transfer_no_input");
      return Say(P("no_input_end"), true);
    }
    // A read-back is said again in full: only a yes right after it counts.
    if (step_ == Step::kConfirm)
      return chosen_ ? ReadBack(P("didnt_hear")) : Advance(P("didnt_hear"));
    return Say(P("didnt_hear") + " " + last_question_);
  }
  silent_turns_ = 0;
  if (u.emergency) return Emergency(u, false);
  if (u.urgent) return Emergency(u, true);
  if (turns_ > r_.settings.max_turns) return Escalate("too_long", "transfer_low_confidence");
  // A person on request, unless the caller is in the middle of answering.
  if (u.intent == Intent::kHuman && u.confidence >= 0.85) return AskForPerson();

  // How well this turn was understood: an intent, or a fact that answers
  // what was asked, counts.
  double understood = u.confidence;
  if (u.HasFacts() && expect_ != Expect::kNothing) understood = std::max(understood, 0.9);
  // Free-text answers: any words are the message, the address or the matter.
  if (step_ == Step::kMessage || expect_ == Expect::kAddress || expect_ == Expect::kMatter)
    understood = 1.0;
  if (understood < r_.settings.low_confidence) {
    ++record_.low_confidence_turns;
    if (++low_turns_ >= r_.settings.low_confidence_turns) {
      if (OpenNow() && !biz_.transfer_number.empty())
        return Escalate("low_confidence", "transfer_low_confidence");
      return StartMessage(u, "low_confidence", P("didnt_understand"));
    }
    if (step_ == Step::kConfirm)
      return chosen_ ? ReadBack(P("confirm_yes_no")) : Advance(P("confirm_yes_no"));
    return Say(P("didnt_understand") + (step_ == Step::kOpen ? "" : " " + last_question_));
  }
  low_turns_ = 0;
  return Dispatch(u);
}

AgentReply Conversation::Dispatch(const Understanding& u) {
  switch (step_) {
    case Step::kConfirm:
      return OnConfirmTurn(u);
    case Step::kChoose:
      return Choose(u);
    case Step::kPickBooking:
      return PickBooking(u);
    case Step::kMessage:
      return TakeMessage(u.normalized.empty() ? "" : record_.transcript.back().text);
    case Step::kKnowledgeGap:
      if (u.Has(Intent::kYes) && !u.Has(Intent::kNo)) return StartMessage(u, "knowledge_gap");
      if (u.intent == Intent::kNo || u.intent == Intent::kGoodbye) return AnythingElse("");
      step_ = Step::kOpen;
      return HandleOpen(u);
    case Step::kAnythingElse:
      if (u.intent == Intent::kGoodbye || (u.intent == Intent::kNo && !u.HasFacts()) ||
          (u.Has(Intent::kNo) && u.Has(Intent::kGoodbye)))
        return Goodbye();
      if (u.intent == Intent::kNo && u.scores.size() == 1) return Goodbye();
      if ((u.intent == Intent::kYes || u.intent == Intent::kCorrection) && !u.service && !u.when) {
        step_ = Step::kOpen;
        last_question_ = P("what_else");
        return Say(P("what_else"));
      }
      step_ = Step::kOpen;
      return HandleOpen(u);
    case Step::kCollect:
      // A new request in the middle of a task switches to it.
      if ((u.intent == Intent::kCancel && task_ != Task::kCancel) ||
          (u.intent == Intent::kReschedule && task_ != Task::kReschedule) ||
          (u.intent == Intent::kMessage && u.confidence >= 0.9) || u.intent == Intent::kGoodbye) {
        step_ = Step::kOpen;
        return HandleOpen(u);
      }
      if (u.intent == Intent::kInfo && !u.HasFacts()) return Answer(u);
      Absorb(u);
      if (task_ == Task::kMessage) return TakeMessage(record_.transcript.back().text);
      if ((task_ == Task::kReschedule || task_ == Task::kCancel) && !target_)
        return FindCallerBooking("");
      return Advance();
    case Step::kOpen:
      return HandleOpen(u);
  }
  return HandleOpen(u);
}

AgentReply Conversation::HandleOpen(const Understanding& u) {
  switch (u.intent) {
    case Intent::kCancel:
      StartTask(Task::kCancel);
      Absorb(u);
      return FindCallerBooking("");
    case Intent::kReschedule:
      StartTask(Task::kReschedule);
      Absorb(u);
      return FindCallerBooking("");
    case Intent::kMessage:
      if (u.request_message) return StartMessage(u, "request");
      return StartMessage(u, "caller_request");
    case Intent::kBook:
    case Intent::kAvailability:
      if (u.intent == Intent::kAvailability && !u.service && !u.when && u.topic != Topic::kOther &&
          u.topic != Topic::kNone)
        return Answer(u);
      StartTask(Task::kBook);
      asap_ = u.intent == Intent::kAvailability && !u.when;
      Absorb(u);
      return Advance();
    case Intent::kInfo:
      // "... a cleaning on Tuesday at 10": a request, whatever word also
      // sounded like a question.
      if (u.service && u.when) {
        StartTask(Task::kBook);
        Absorb(u);
        return Advance();
      }
      return Answer(u);
    case Intent::kGoodbye:
      // A caller's first words "i'm good" or "thanks" answer the greeting's
      // pleasantries: ending the call they just placed needs a farewell.
      if (turns_ <= 1 && !SaysFarewell(u.normalized)) break;
      return Goodbye();
    case Intent::kNo:
      if (step_ == Step::kAnythingElse || turns_ > 1) return Goodbye();
      break;
    default:
      break;
  }
  if (u.service || u.when) {
    StartTask(Task::kBook);
    Absorb(u);
    return Advance();
  }
  return Say(P("didnt_understand"));
}

AgentReply Conversation::Escalate(std::string reason, std::string_view prompt) {
  ReleaseHolds();
  record_.escalation_reason = std::move(reason);
  record_.Raise(Outcome::kTransferred);
  return Say(P(prompt), true, biz_.transfer_number);
}

AgentReply Conversation::Emergency(const Understanding& u, bool urgent) {
  ReleaseHolds();
  const Trigger& t = urgent ? r_.pack->urgent : r_.pack->emergency;
  std::string number = biz_.transfer_number;
  if (t.route == "on_call" && !biz_.on_call_number.empty()) number = biz_.on_call_number;
  record_.escalation_reason = std::string(urgent ? "urgent: " : "emergency: ") + u.emergency_phrase;
  record_.Raise(urgent ? Outcome::kTransferred : Outcome::kEmergency);
  return Say(P(t.script.empty() ? "emergency_script" : t.script), true, number);
}

AgentReply Conversation::AskForPerson() {
  if ((OpenNow() || r_.settings.after_hours_transfer) && !biz_.transfer_number.empty())
    return Escalate("caller_request", "transfer");
  // Nobody is there to take the call: take a message instead.
  ReleaseHolds();
  task_ = Task::kMessage;
  step_ = Step::kMessage;
  expect_ = Expect::kMessage;
  message_recipient_.clear();
  message_reason_ = "after_hours";
  last_question_ = P("ask_message");
  return Say(P("after_hours_no_transfer"));
}

AgentReply Conversation::AnythingElse(std::string prefix) {
  task_ = Task::kNone;
  step_ = Step::kAnythingElse;
  expect_ = Expect::kNothing;
  last_question_ = P("anything_else");
  return Say(prefix.empty() ? last_question_ : prefix + " " + last_question_);
}

AgentReply Conversation::Goodbye() {
  ReleaseHolds();
  return Say(P("goodbye"), true);
}

// ---------------------------------------------------------------- messages

AgentReply Conversation::StartMessage(const Understanding& u, std::string reason,
                                      std::string prefix) {
  ReleaseHolds();
  task_ = Task::kMessage;
  message_reason_ = std::move(reason);
  message_recipient_ = u.staff ? u.staff->id : "";
  if (u.phone) phone_ = u.phone;
  // A request that already says what it is ("I need a refill of my
  // prescription") is the message.
  const std::size_t words = SplitWords(u.normalized).size();
  if (message_reason_ == "request" || (message_reason_ == "caller_request" && words >= 10)) {
    return TakeMessage(record_.transcript.back().text);
  }
  step_ = Step::kMessage;
  expect_ = Expect::kMessage;
  last_question_ = P("ask_message");
  return Say(prefix.empty() ? last_question_ : prefix + " " + last_question_);
}

AgentReply Conversation::TakeMessage(std::string_view text) {
  TakenMessage m;
  m.recipient = message_recipient_;
  m.text = std::string(text);
  m.callback = phone_.value_or(caller_id_);
  m.reason = message_reason_;
  record_.messages.push_back(m);
  record_.Raise(Outcome::kMessageTaken);
  const Staff* staff = biz_.FindStaff(message_recipient_);
  const std::string recipient = staff ? staff->name : P("the_office");
  std::string said;
  if (message_reason_ == "request")
    said = P("request_message", {{"recipient", recipient}, {"phone", m.callback}});
  else
    said = m.callback.empty()
               ? P("message_taken_no_phone", {{"recipient", recipient}})
               : P("message_taken", {{"recipient", recipient}, {"phone", m.callback}});
  return AnythingElse(said);
}

// ---------------------------------------------------------------- questions

std::string Conversation::HoursText() const {
  static constexpr const char* kDaysEn[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                            "Friday", "Saturday", "Sunday"};
  static constexpr const char* kDaysEs[] = {"lunes",   "martes", "miércoles", "jueves",
                                            "viernes", "sábado", "domingo"};
  const auto& days = lang_ == Lang::kEs ? kDaysEs : kDaysEn;
  // Runs of consecutive days with the same hours: "Monday to Thursday 8 AM to 5 PM".
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i < 7) {
    std::size_t j = i;
    while (j + 1 < 7 && biz_.hours[j + 1] == biz_.hours[i]) ++j;
    if (!biz_.hours[i].empty()) {
      std::string span = days[i];
      if (j == i + 1) span += " " + P("and") + " " + std::string(days[j]);
      if (j > i + 1) span += (lang_ == Lang::kEs ? " a " : " to ") + std::string(days[j]);
      std::string times;
      for (std::size_t k = 0; k < biz_.hours[i].size(); ++k) {
        const LocalInterval& iv = biz_.hours[i][k];
        if (k) times += " " + P("and") + " ";
        times += (lang_ == Lang::kEs ? "de " : "") + SpeakTime(iv.open_min, lang_) +
                 (lang_ == Lang::kEs ? " a " : " to ") + SpeakTime(iv.close_min % 1440, lang_);
      }
      parts.push_back(span + " " + times);
    }
    i = j + 1;
  }
  if (parts.empty()) return P("closed_all_week");
  std::string joined;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (k) joined += k + 1 == parts.size() ? ", " + P("and") + " " : ", ";
    joined += parts[k];
  }
  return P("hours", {{"hours", joined}});
}

AgentReply Conversation::Answer(const Understanding& u) {
  if (u.advice) return AnythingElse(P("no_advice"));
  std::string answer;
  switch (u.topic) {
    case Topic::kHours:
      answer = HoursText();
      break;
    case Topic::kAddress:
      answer = biz_.address.empty() ? P("no_address") : P("address", {{"address", biz_.address}});
      break;
    case Topic::kPrice:
      if (u.service) {
        if (u.service->price) {
          std::string price = nlohmann::json(*u.service->price).dump();
          if (price.size() > 2 && price.substr(price.size() - 2) == ".0")
            price.resize(price.size() - 2);
          answer = P("price", {{"service", u.service->name}, {"price", price}});
        } else {
          answer = P("price_unknown", {{"service", u.service->name}});
        }
      }
      break;
    case Topic::kServices: {
      std::vector<std::string> names;
      for (const auto& s : biz_.services) names.push_back(s.name);
      std::string list;
      for (std::size_t k = 0; k < names.size(); ++k)
        list += (k == 0 ? "" : k + 1 == names.size() ? ", " + P("and") + " " : ", ") + names[k];
      answer = P("services", {{"services", list}});
      break;
    }
    default:
      break;
  }
  if (answer.empty() && r_.knowledge) {
    auto hits = r_.knowledge->Search(record_.transcript.back().text, 1);
    if (hits.ok() && !hits->empty() && hits->front().confidence >= kDefaultKnowledgeThreshold)
      answer = P("knowledge_answer", {{"answer", hits->front().passage}});
  }
  if (answer.empty()) {
    step_ = Step::kKnowledgeGap;
    expect_ = Expect::kYesNo;
    last_question_ = P("knowledge_unknown");
    return Say(last_question_);
  }
  record_.Raise(Outcome::kAnswered);
  // A question in the middle of a task: answer it and go back to it. A
  // read-back is said again, since only a yes right after it counts.
  if (task_ != Task::kNone && task_ != Task::kMessage) {
    if (step_ == Step::kConfirm) return chosen_ ? ReadBack(answer) : Advance(answer);
    if (step_ == Step::kCollect || step_ == Step::kChoose)
      return Say(answer + " " + last_question_);
  }
  return AnythingElse(answer);
}

}  // namespace voxdesk::dialog
