#include "dialog/llm_agent.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "dialog/phrasing.h"

namespace voxdesk::dialog {
namespace {

using nlohmann::json;

constexpr int kMaxToolRounds = 6;

json Error(const std::string& code, const std::string& message) {
  return {{"status", "error"}, {"code", code}, {"message", message}};
}

// Reads a required string argument; sets *err when missing.
std::string Arg(const json& args, const char* key, json* err, bool required = true) {
  if (args.contains(key) && args[key].is_string()) return args[key].get<std::string>();
  if (required && err->is_null())
    *err =
        Error("invalid_arguments", std::string("\"") + key + "\" is required and must be a string");
  return {};
}

}  // namespace

LlmAgent::LlmAgent(const Receptionist& r, Scheduler& scheduler, const Clock& clock, Llm& llm,
                   std::string call_id, std::string caller_id)
    : r_(r),
      biz_(*r.business),
      scheduler_(scheduler),
      clock_(clock),
      llm_(llm),
      call_id_(std::move(call_id)),
      caller_id_(std::move(caller_id)) {
  record_.lang = LangFromLocale(biz_.locale);
}

LlmAgent::~LlmAgent() {
  Finish();
}

void LlmAgent::Finish() {
  if (finished_) return;
  finished_ = true;
  auto lock = SchedulerLock();
  ReleaseHolds();
}

void LlmAgent::ReleaseHolds() {
  for (const auto& h : holds_) (void)scheduler_.ReleaseHold(h);
  holds_.clear();
}

AgentReply LlmAgent::Say(std::string text, bool end, std::string transfer_to) {
  record_.transcript.push_back({"agent", text, 0, "", 0});
  if (end) ended_ = true;
  if (!transfer_to.empty()) record_.transfer_to = transfer_to;
  return AgentReply{std::move(text), end, std::move(transfer_to)};
}

std::vector<ToolSpec> LlmAgent::Tools() {
  return {
      {"check_availability",
       "Find up to three free times for a service on a day (holds them while the caller decides).",
       R"({"type":"object","properties":{"service":{"type":"string"},"date":{"type":"string","description":"YYYY-MM-DD in the business time zone"},"staff":{"type":"string"}},"required":["service","date"]})"},
      {"book",
       "Book a time offered by check_availability. The engine reads it back and books only after "
       "the caller says yes; call again after the yes.",
       R"({"type":"object","properties":{"service":{"type":"string"},"start":{"type":"string","description":"RFC 3339"},"staff":{"type":"string"},"name":{"type":"string"},"date_of_birth":{"type":"string"}},"required":["service","start","staff","name"]})"},
      {"find_bookings",
       "The caller's upcoming bookings, found by caller ID or by name and date of birth.",
       R"({"type":"object","properties":{"name":{"type":"string"},"date_of_birth":{"type":"string"}}})"},
      {"reschedule", "Move a booking to a new offered time (read back and confirmed like book).",
       R"({"type":"object","properties":{"booking_id":{"type":"string"},"start":{"type":"string"},"staff":{"type":"string"}},"required":["booking_id","start","staff"]})"},
      {"cancel", "Cancel a booking (read back and confirmed like book).",
       R"({"type":"object","properties":{"booking_id":{"type":"string"}},"required":["booking_id"]})"},
      {"transfer", "Hand the call to a person.",
       R"({"type":"object","properties":{"reason":{"type":"string"}},"required":["reason"]})"},
      {"take_message", "Leave a message for a staff member or the office.",
       R"({"type":"object","properties":{"recipient":{"type":"string","description":"staff id, or empty for the office"},"text":{"type":"string"}},"required":["text"]})"},
      {"lookup_knowledge", "Search the business's FAQ and documents.",
       R"({"type":"object","properties":{"query":{"type":"string"}},"required":["query"]})"},
  };
}

std::string LlmAgent::SystemPrompt() const {
  json services = json::array();
  for (const auto& s : biz_.services)
    services.push_back({{"id", s.id}, {"name", s.name}, {"minutes", s.duration_min}});
  json staff = json::array();
  for (const auto& s : biz_.staff) staff.push_back({{"id", s.id}, {"name", s.name}});
  return "You are the phone receptionist of " + biz_.name + " (time zone " + biz_.timezone +
         ", now " + FormatRfc3339(clock_.NowSeconds(), *biz_.zone) +
         "). Be brief and friendly. Use the tools for every fact about times and bookings; never "
         "invent them. "
         "Never give medical or legal advice. Services: " +
         services.dump() + ". Staff: " + staff.dump() + ".";
}

std::string LlmAgent::RunTool(const ToolCall& call) {
  const json args = json::parse(call.arguments, nullptr, /*allow_exceptions=*/false);
  if (args.is_discarded() || !args.is_object())
    return Error("invalid_arguments", "arguments must be a JSON object").dump();
  json err;
  const auto service_of = [&](const std::string& id) -> const Service* {
    const Service* s = biz_.FindService(id);
    if (!s && err.is_null()) err = Error("unknown_service", "no service \"" + id + "\"");
    return s;
  };
  const auto time_of = [&](const std::string& text) -> std::optional<Instant> {
    auto t = ParseRfc3339(text, "start");
    if (!t.ok()) {
      if (err.is_null()) err = Error("invalid_arguments", t.status().message());
      return std::nullopt;
    }
    return *t;
  };
  const auto readback = [&](const std::string& text) {
    // A speech-to-speech model says everything itself, the read-back too.
    if (!model_speaks_read_backs_) forced_reply_ = text;
    return json{{"status", "confirmation_required"},
                {"read_back", text},
                {"instruction", model_speaks_read_backs_
                                    ? "Read this back to the caller word for word and ask if it "
                                      "is right. Call the tool again only after the caller says "
                                      "yes."
                                    : "The engine is reading this back to the caller. Call the "
                                      "tool again only after the caller says yes."}}
        .dump();
  };
  const Lang lang = record_.lang;
  const auto when = [&](Instant t) { return SpeakDateTime(InstantToLocal(*biz_.zone, t), lang); };
  const auto P = [&](std::string_view key,
                     std::vector<std::pair<std::string_view, std::string>> vars) {
    vars.emplace_back("business", biz_.name);
    return Render(r_.pack->Prompt(key, lang), vars);
  };

  if (call.name == "check_availability") {
    const Service* s = service_of(Arg(args, "service", &err));
    const std::string day = Arg(args, "date", &err);
    const std::string staff = Arg(args, "staff", &err, false);
    if (!staff.empty() && !biz_.FindStaff(staff) && err.is_null())
      err = Error("unknown_staff", "no staff \"" + staff + "\"");
    auto d = ParseLocalDate(day, "date");
    if (!d.ok() && err.is_null()) err = Error("invalid_arguments", d.status().message());
    if (!err.is_null()) return err.dump();
    SlotQuery q;
    q.service = s->id;
    q.staff = staff;
    q.from = LocalToInstant(*biz_.zone, date::local_days{*d});
    q.to = LocalToInstant(*biz_.zone, date::local_days{*d} + date::days{1});
    auto slots = scheduler_.Slots(q);
    if (!slots.ok()) return Error("unavailable", slots.status().message()).dump();
    json out = json::array();
    for (const Slot& slot : *slots) {
      if (out.size() >= static_cast<std::size_t>(r_.settings.max_options)) break;
      HoldInput h{s->id, biz_.staff[slot.staff_index].id, slot.start,
                  std::chrono::seconds{r_.settings.hold_ttl_s}};
      auto held = scheduler_.Hold(h);
      if (!held.ok()) continue;
      holds_.push_back(held->id);
      out.push_back({{"start", FormatRfc3339(slot.start, *biz_.zone)},
                     {"staff", biz_.staff[slot.staff_index].id},
                     {"say", when(slot.start)}});
    }
    return json{{"status", "ok"}, {"slots", out}}.dump();
  }
  if (call.name == "book") {
    const Service* s = service_of(Arg(args, "service", &err));
    const auto start = time_of(Arg(args, "start", &err));
    const std::string staff = Arg(args, "staff", &err);
    const std::string name = Arg(args, "name", &err);
    const std::string dob = Arg(args, "date_of_birth", &err, false);
    const Staff* st = biz_.FindStaff(staff);
    if (!st && err.is_null()) err = Error("unknown_staff", "no staff \"" + staff + "\"");
    if (!dob.empty() && !ParseLocalDate(dob).ok() && err.is_null())
      err = Error("invalid_arguments", "date_of_birth must be YYYY-MM-DD");
    if (!err.is_null()) return err.dump();
    WriteAction a;
    a.kind = WriteAction::Kind::kBook;
    a.service = s->id;
    a.staff = staff;
    a.start = *start;
    if (!policy_.Authorize(a).ok()) {
      policy_.Propose(a);
      return readback(P("readback_book", {{"service", s->name},
                                          {"service_a", s->name},
                                          {"name", name},
                                          {"when", when(*start)},
                                          {"staff", st->name},
                                          {"address", ""}}));
    }
    BookingInput in;
    in.service = s->id;
    in.staff = staff;
    in.start = *start;
    in.customer = {name, caller_id_, "", dob};
    in.idempotency_key = call_id_ + "-w" + std::to_string(++writes_);
    // Our own hold on this time would block the booking: hand it over.
    ReleaseHolds();
    auto booked = scheduler_.Book(in);
    if (!booked.ok())
      return Error(std::string(CodeName(booked.status().code())), booked.status().message()).dump();
    record_.booking = booked->booking;
    record_.Raise(Outcome::kBooked);
    return json{{"status", "booked"}, {"booking", json::parse(BookingJson(biz_, booked->booking))}}
        .dump();
  }
  if (call.name == "find_bookings") {
    const std::string name = Arg(args, "name", &err, false);
    const std::string dob = Arg(args, "date_of_birth", &err, false);
    auto upcoming = scheduler_.Upcoming();
    if (!upcoming.ok()) return Error("storage", upcoming.status().message()).dump();
    json out = json::array();
    for (const auto& b : *upcoming) {
      const bool mine = (!caller_id_.empty() && b.customer.phone == caller_id_) ||
                        (!name.empty() && !dob.empty() && b.customer.name == name &&
                         b.customer.date_of_birth == dob);
      if (!mine) continue;
      out.push_back(json::parse(BookingJson(biz_, b)));
      known_bookings_.push_back(b.id);
    }
    return json{{"status", "ok"}, {"bookings", out}}.dump();
  }
  if (call.name == "reschedule" || call.name == "cancel") {
    const std::string id = Arg(args, "booking_id", &err);
    if (!err.is_null()) return err.dump();
    auto current = scheduler_.Get(id);
    // Only the caller's own bookings, as find_bookings returned them, can change.
    const bool known =
        std::find(known_bookings_.begin(), known_bookings_.end(), id) != known_bookings_.end();
    if (!known || !current.ok() || current->status != BookingStatus::kConfirmed)
      return Error("not_found", "no upcoming booking \"" + id + "\" for this caller").dump();
    const Service* s = biz_.FindService(current->service);
    WriteAction a;
    a.booking_id = id;
    if (call.name == "cancel") {
      a.kind = WriteAction::Kind::kCancel;
      if (!policy_.Authorize(a).ok()) {
        policy_.Propose(a);
        return readback(P("readback_cancel", {{"service", s ? s->name : current->service},
                                              {"when", when(current->start)}}));
      }
      auto done = scheduler_.Cancel(id);
      if (!done.ok()) return Error("storage", done.status().message()).dump();
      record_.booking = *done;
      record_.Raise(Outcome::kCancelled);
      return json{{"status", "cancelled"}}.dump();
    }
    const auto start = time_of(Arg(args, "start", &err));
    const std::string staff = Arg(args, "staff", &err);
    const Staff* st = biz_.FindStaff(staff);
    if (!st && err.is_null()) err = Error("unknown_staff", "no staff \"" + staff + "\"");
    if (!err.is_null()) return err.dump();
    a.kind = WriteAction::Kind::kReschedule;
    a.start = *start;
    a.staff = staff;
    if (!policy_.Authorize(a).ok()) {
      policy_.Propose(a);
      return readback(P("readback_reschedule", {{"service", s ? s->name : current->service},
                                                {"old_when", when(current->start)},
                                                {"when", when(*start)},
                                                {"staff", st->name}}));
    }
    ReleaseHolds();
    RescheduleInput in{id, *start, staff, call_id_ + "-w" + std::to_string(++writes_)};
    auto moved = scheduler_.Reschedule(in);
    if (!moved.ok())
      return Error(std::string(CodeName(moved.status().code())), moved.status().message()).dump();
    record_.booking = *moved;
    record_.Raise(Outcome::kRescheduled);
    return json{{"status", "rescheduled"}, {"booking", json::parse(BookingJson(biz_, *moved))}}
        .dump();
  }
  if (call.name == "transfer") {
    record_.escalation_reason = Arg(args, "reason", &err, false);
    if (record_.escalation_reason.empty()) record_.escalation_reason = "llm_decision";
    record_.Raise(Outcome::kTransferred);
    record_.transfer_to = biz_.transfer_number;
    ended_ = true;
    return json{{"status", "transferring"}}.dump();
  }
  if (call.name == "take_message") {
    const std::string text = Arg(args, "text", &err);
    const std::string recipient = Arg(args, "recipient", &err, false);
    if (!recipient.empty() && !biz_.FindStaff(recipient) && err.is_null())
      err = Error("unknown_staff", "no staff \"" + recipient + "\"");
    if (!err.is_null()) return err.dump();
    record_.messages.push_back({recipient, text, caller_id_, "caller_request"});
    record_.Raise(Outcome::kMessageTaken);
    return json{{"status", "ok"}}.dump();
  }
  if (call.name == "lookup_knowledge") {
    const std::string query = Arg(args, "query", &err);
    if (!err.is_null()) return err.dump();
    json out = json::array();
    if (r_.knowledge) {
      auto hits = r_.knowledge->Search(query, 3);
      if (hits.ok())
        for (const auto& h : *hits)
          if (h.confidence >= kDefaultKnowledgeThreshold)
            out.push_back({{"title", h.title}, {"text", h.passage}, {"confidence", h.confidence}});
    }
    return json{{"status", "ok"}, {"passages", out}}.dump();
  }
  return Error("unknown_tool", "no tool \"" + call.name + "\"").dump();
}

std::string LlmAgent::LanguageInstruction() const {
  if (caller_language_.empty()) return {};
  const std::string name(LanguageName(caller_language_));
  return " The caller speaks " + name + ": reply in " + name + ".";
}

void LlmAgent::SetCallerLanguage(std::string_view tag) {
  if (tag.empty()) return;
  caller_language_ = std::string(tag);
  if (const auto lang = EmbeddedLang(tag)) record_.lang = *lang;
  // The system prompt is rewritten rather than a message added: it is what
  // the model weighs most, and the history keeps one instruction, not many.
  if (!history_.empty() && history_.front().role == LlmMessage::Role::kSystem) {
    std::string& prompt = history_.front().content;
    prompt.resize(std::min(prompt.size(), system_base_size_));
    prompt += LanguageInstruction();
  }
}

AgentReply LlmAgent::Start() {
  std::string prompt = SystemPrompt();
  system_base_size_ = prompt.size();
  prompt += LanguageInstruction();
  history_.push_back({LlmMessage::Role::kSystem, std::move(prompt), {}, {}});
  const std::string greeting =
      Render(r_.pack->Prompt("greeting", record_.lang), {{"business", biz_.name}});
  history_.push_back({LlmMessage::Role::kAssistant, greeting, {}, {}});
  return Say(greeting);
}

Expect LlmAgent::expecting() const {
  return policy_.proposed() ? Expect::kYesNo : Expect::kNothing;
}

AgentReply LlmAgent::OnKeypad(std::string_view digits) {
  if (policy_.proposed() && digits == "1") return OnCallerTurn("yes");
  if (policy_.proposed() && digits == "2") return OnCallerTurn("no");
  if (digits.empty()) return OnCallerTurn("");
  return OnCallerTurn("(pressed on the keypad) " + std::string(digits));
}

void LlmAgent::OnInterrupted(std::string_view heard) {
  for (auto it = record_.transcript.rbegin(); it != record_.transcript.rend(); ++it) {
    if (it->speaker != "agent") continue;
    if (it->interrupted || heard.size() >= it->text.size()) return;  // nothing was cut
    it->text = std::string(heard);
    it->interrupted = true;
    break;
  }
  for (auto it = history_.rbegin(); it != history_.rend(); ++it) {
    if (it->role != LlmMessage::Role::kAssistant) continue;
    it->content = std::string(heard) + " [the caller interrupted here]";
    break;
  }
  // A yes must answer a read-back the caller heard in full.
  if (policy_.proposed()) policy_.OnCallerTurn(false);
}

std::optional<AgentReply> LlmAgent::HearCaller(std::string_view utterance) {
  NluContext ctx;
  const LocalSeconds local = InstantToLocal(*biz_.zone, clock_.NowSeconds());
  ctx.today = LocalDate{date::floor<date::days>(local)};
  ctx.lang = record_.lang;
  ctx.expect = policy_.proposed() ? Expect::kYesNo : Expect::kNothing;
  const Understanding u = r_.nlu->Understand(utterance, ctx);
  record_.transcript.push_back(
      {"caller", std::string(utterance), 0, std::string(IntentName(u.intent)), u.confidence});
  // The engine, not the model, decides whether this turn confirms.
  policy_.OnCallerTurn(u.Has(Intent::kYes) && !u.Has(Intent::kNo) && !u.Has(Intent::kCorrection));
  if (!u.emergency && !u.urgent) return std::nullopt;
  const Trigger& t = u.urgent && !u.emergency ? r_.pack->urgent : r_.pack->emergency;
  std::string number = biz_.transfer_number;
  if (t.route == "on_call" && !biz_.on_call_number.empty()) number = biz_.on_call_number;
  record_.escalation_reason =
      std::string(u.emergency ? "emergency: " : "urgent: ") + u.emergency_phrase;
  record_.Raise(u.emergency ? Outcome::kEmergency : Outcome::kTransferred);
  ReleaseHeldSlots();
  return Say(Render(r_.pack->Prompt(t.script.empty() ? "emergency_script" : t.script, record_.lang),
                    {{"business", biz_.name}}),
             true, number);
}

std::optional<AgentReply> LlmAgent::OnCallerHeard(std::string_view utterance) {
  if (ended_) return AgentReply{"", true, {}};
  history_.push_back({LlmMessage::Role::kUser, std::string(utterance), {}, {}});
  return HearCaller(utterance);
}

void LlmAgent::RetractLastCallerLine() {
  if (record_.transcript.empty() || record_.transcript.back().speaker != "caller") return;
  record_.transcript.pop_back();
  if (!history_.empty() && history_.back().role == LlmMessage::Role::kUser) history_.pop_back();
}

void LlmAgent::OnAgentSaid(std::string_view text) {
  record_.transcript.push_back({"agent", std::string(text), 0, "", 0});
  history_.push_back({LlmMessage::Role::kAssistant, std::string(text), {}, {}});
}

std::string LlmAgent::RunToolFromModel(const ToolCall& call) {
  history_.push_back({LlmMessage::Role::kAssistant, "", {call}, {}});
  std::string result;
  {
    auto lock = SchedulerLock();
    result = RunTool(call);
    if (ended_) ReleaseHolds();
  }
  history_.push_back({LlmMessage::Role::kTool, result, {}, call.id});
  return result;
}

std::string LlmAgent::Instructions() const {
  const std::string greeting =
      Render(r_.pack->Prompt("greeting", record_.lang), {{"business", biz_.name}});
  return SystemPrompt() + LanguageInstruction() + " Start the call by saying exactly: \"" +
         greeting + "\"";
}

AgentReply LlmAgent::OnCallerTurn(std::string_view utterance, std::optional<TimePoint>) {
  if (ended_) return AgentReply{"", true, {}};
  if (auto engine_reply = HearCaller(utterance)) return std::move(*engine_reply);
  const size_t turn_start = history_.size();
  history_.push_back({LlmMessage::Role::kUser, std::string(utterance), {}, {}});
  forced_reply_.clear();
  for (int round = 0; round < kMaxToolRounds; ++round) {
    LlmRequest req;
    req.messages = history_;
    req.tools = Tools();
    std::string text;
    std::vector<ToolCall> calls;
    const Status st = llm_.Stream(req, [&](const LlmEvent& e) {
      if (e.kind == LlmEvent::Kind::kText) text += e.text;
      if (e.kind == LlmEvent::Kind::kToolCall) calls.push_back(e.call);
    });
    if (!st.ok() && !escalate_on_failure_) {
      // Another agent takes this turn: it leaves no trace here.
      llm_failed_ = true;
      history_.resize(turn_start);
      record_.transcript.pop_back();
      return AgentReply{};
    }
    if (!st.ok()) {
      // No model: a person takes over rather than leaving the caller hanging.
      record_.escalation_reason = "llm_unavailable";
      record_.Raise(Outcome::kTransferred);
      ReleaseHeldSlots();
      return Say(Render(r_.pack->Prompt("transfer", record_.lang), {{"business", biz_.name}}), true,
                 biz_.transfer_number);
    }
    history_.push_back({LlmMessage::Role::kAssistant, text, calls, {}});
    if (calls.empty()) {
      // A read-back is said by the engine word for word, so that the yes
      // that follows answers exactly what will be written.
      std::string reply = forced_reply_.empty() ? text : forced_reply_;
      if (ended_) return Say(reply, true, record_.transfer_to);
      return Say(reply);
    }
    {
      auto lock = SchedulerLock();
      for (const ToolCall& c : calls)
        history_.push_back({LlmMessage::Role::kTool, RunTool(c), {}, c.id});
      if (ended_) ReleaseHolds();
    }
    if (ended_) {
      return Say(text.empty()
                     ? Render(r_.pack->Prompt("transfer", record_.lang), {{"business", biz_.name}})
                     : text,
                 true, record_.transfer_to);
    }
  }
  return Say(forced_reply_.empty() ? Render(r_.pack->Prompt("didnt_understand", record_.lang), {})
                                   : forced_reply_);
}

}  // namespace voxdesk::dialog
