// The booking side of a conversation: collecting what a booking needs,
// finding and holding times, reading back, and writing through the policy;
// finding a caller's booking to reschedule or cancel it.
#include <algorithm>
#include <cstdlib>

#include "dialog/conversation.h"
#include "dialog/phrasing.h"
#include "dialog/text.h"

namespace voxdesk::dialog {
namespace {

using std::chrono::minutes;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Conflict check: the opposing party matches a listed name when every word
// of the shorter name is in the longer one ("Greg Hale" does not match, but
// "Hale" alone is not enough either: at least two words must agree, or the
// whole listed name when it is one word).
bool SameParty(std::string_view said, std::string_view listed) {
  const std::string a = NormalizeText(said, Lang::kEn), b = NormalizeText(listed, Lang::kEn);
  if (a.empty() || b.empty()) return false;
  if (a == b) return true;
  const auto wa = SplitWords(a), wb = SplitWords(b);
  int common = 0;
  for (auto w : wa)
    if (std::find(wb.begin(), wb.end(), w) != wb.end()) ++common;
  return common >= 2 || (wb.size() == 1 && common == 1);
}

}  // namespace

std::string Conversation::WithArticle(const std::string& noun) const {
  if (lang_ == Lang::kEs || noun.empty()) return noun;
  std::string n = noun;
  // "Teeth cleaning" -> "a teeth cleaning"; keep acronyms ("AC repair").
  if (n.size() > 1 && std::isupper(static_cast<unsigned char>(n[0])) &&
      !std::isupper(static_cast<unsigned char>(n[1])))
    n[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(n[0])));
  const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(n[0])));
  const bool vowel = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
  return (vowel ? "an " : "a ") + n;
}

void Conversation::StartTask(Task t) {
  if (task_ != t) {
    ReleaseHolds();
    offers_.clear();
    chosen_.reset();
    target_.reset();
    matches_.clear();
    searched_by_name_ = false;
  }
  task_ = t;
  step_ = Step::kCollect;
  // The request in the caller's own words, for the provider's notes.
  if (t == Task::kBook && reason_.empty() && !record_.transcript.empty())
    reason_ = record_.transcript.back().text;
}

void Conversation::Absorb(const Understanding& u) {
  const bool correction = u.Has(Intent::kCorrection) || u.Has(Intent::kNo);
  if (u.service && u.service != service_) {
    service_ = u.service;
    last_fact_ = "service";
    ReleaseHolds();  // before forgetting the offers that own the holds
    offers_.clear();
    chosen_.reset();
  }
  if (u.staff && u.staff != staff_ && task_ != Task::kMessage) {
    staff_ = u.staff;
    last_fact_ = "staff";
    ReleaseHolds();
    offers_.clear();
    chosen_.reset();
  }
  if (u.when) {
    // What the caller says now overrides what they said before, part by
    // part: "Thursday" keeps the time asked, "at 11" keeps the day.
    When merged = when_.value_or(When{});
    if (u.when->date || u.when->first_day) {
      merged.date = u.when->date;
      // "early next week" then "Tuesday": the Tuesday in that span.
      if (when_ && when_->first_day && u.when->date && !u.when->first_day) {
        const auto first = date::sys_days{*when_->first_day};
        const auto last = date::sys_days{when_->last_day.value_or(*when_->first_day)};
        auto d = date::sys_days{*u.when->date};
        while (d < first && first - d < date::days{14}) d += date::days{7};
        if (d >= first && d <= last) merged.date = LocalDate{d};
      }
      merged.first_day = u.when->first_day;
      merged.last_day = u.when->last_day;
    }
    if (u.when->time_min || u.when->window_from_min) {
      merged.time_min = u.when->time_min;
      merged.window_from_min = u.when->window_from_min;
      merged.window_to_min = u.when->window_to_min;
    }
    when_ = merged;
    last_fact_ = "when";
    asap_ = false;
    ReleaseHolds();
    offers_.clear();
    chosen_.reset();
  }
  if (u.name && !(name_ && step_ == Step::kCollect && expect_ != Expect::kName && !correction)) {
    name_ = u.name;
    last_fact_ = "name";
  }
  if (u.date_of_birth) {
    dob_ = u.date_of_birth;
    last_fact_ = "date_of_birth";
  }
  if (u.phone) phone_ = u.phone, last_fact_ = "phone";
  if (u.email) email_ = u.email, last_fact_ = "email";
  if (u.insurance) insurance_ = u.insurance, last_fact_ = "insurance";
  if (u.zip) zip_ = u.zip, last_fact_ = "zip";
  if (u.address) address_ = u.address, last_fact_ = "address";
  if (u.matter && (expect_ == Expect::kMatter || !matter_))
    matter_ = u.matter, last_fact_ = "matter";
  if (u.opposing_party) opposing_ = u.opposing_party, last_fact_ = "opposing_party";
  // Facts the caller said that answer nothing the engine recognises keep the
  // question open; an answer to the address question is the whole answer.
  const bool just_yes_no =
      (u.intent == Intent::kYes || u.intent == Intent::kNo || u.intent == Intent::kGoodbye) &&
      SplitWords(u.normalized).size() <= 3;
  if (expect_ == Expect::kAddress && !u.address && !u.normalized.empty() && !u.when && !just_yes_no)
    address_ = record_.transcript.back().text;
}

std::optional<Field> Conversation::MissingField(IntakeField::Stage stage) const {
  for (const IntakeField& f : r_.pack->intake) {
    if (f.stage != stage || !f.required) continue;
    switch (f.field) {
      case Field::kName:
        if (!name_) return f.field;
        break;
      case Field::kDateOfBirth:
        if (!dob_) return f.field;
        break;
      case Field::kPhone:
        if (!phone_ && caller_id_.empty()) return f.field;
        break;
      case Field::kEmail:
        if (!email_) return f.field;
        break;
      case Field::kInsurance:
        if (!insurance_) return f.field;
        break;
      case Field::kAddress:
        if (!address_) return f.field;
        break;
      case Field::kZip:
        if (!zip_) return f.field;
        break;
      case Field::kMatter:
        if (!matter_) return f.field;
        break;
      case Field::kOpposingParty:
        if (!opposing_) return f.field;
        break;
    }
  }
  // A booking always needs a number to confirm to.
  if (stage == IntakeField::Stage::kBeforeConfirm && !phone_ && caller_id_.empty())
    return Field::kPhone;
  return std::nullopt;
}

AgentReply Conversation::AskField(Field f, std::string prefix) {
  static constexpr std::pair<Field, std::pair<Expect, const char*>> kAsk[] = {
      {Field::kName, {Expect::kName, "ask_name"}},
      {Field::kDateOfBirth, {Expect::kDateOfBirth, "ask_dob"}},
      {Field::kPhone, {Expect::kPhone, "ask_phone"}},
      {Field::kEmail, {Expect::kEmail, "ask_phone"}},
      {Field::kInsurance, {Expect::kInsurance, "ask_insurance"}},
      {Field::kAddress, {Expect::kAddress, "ask_address"}},
      {Field::kZip, {Expect::kZip, "ask_zip"}},
      {Field::kMatter, {Expect::kMatter, "ask_matter"}},
      {Field::kOpposingParty, {Expect::kOpposingParty, "ask_opposing"}},
  };
  for (const auto& [field, ask] : kAsk) {
    if (field != f) continue;
    expect_ = ask.first;
    last_question_ = P(ask.second);
  }
  step_ = Step::kCollect;
  return Say(prefix.empty() ? last_question_ : prefix + " " + last_question_);
}

std::optional<AgentReply> Conversation::RunChecks() {
  if (r_.pack->HasCheck("conflict") && opposing_ && !opposing_->empty()) {
    for (const auto& listed : biz_.conflicts) {
      if (!SameParty(*opposing_, listed)) continue;
      // No booking: an attorney reviews the matter first.
      ReleaseHolds();
      TakenMessage m;
      m.text = "Conflict check hit on opposing party \"" + *opposing_ + "\"" +
               (name_ ? " for caller " + *name_ : std::string()) +
               (matter_ ? ", matter: " + *matter_ : std::string());
      m.callback = phone_.value_or(caller_id_);
      m.reason = "conflict_check";
      record_.messages.push_back(m);
      record_.intake["conflict"] = listed;
      record_.Raise(Outcome::kMessageTaken);
      return AnythingElse(P("conflict_hit"));
    }
  }
  if (r_.pack->HasCheck("service_area") && zip_ && !biz_.service_area.empty() &&
      std::find(biz_.service_area.begin(), biz_.service_area.end(), *zip_) ==
          biz_.service_area.end()) {
    const std::string zip = *zip_;
    zip_.reset();
    std::string area;
    for (std::size_t i = 0; i < biz_.service_area.size() && i < 3; ++i)
      area += (i ? ", " : "") + biz_.service_area[i];
    if (biz_.service_area.size() > 3) area += "...";
    record_.intake["out_of_area"] = zip;
    record_.Raise(Outcome::kAnswered);
    // Keep the request: the caller may have another address in the area.
    step_ = Step::kCollect;
    expect_ = Expect::kZip;
    last_question_ = P("ask_zip");
    return Say(P("out_of_area", {{"zip", zip}, {"area", area}}));
  }
  return std::nullopt;
}

AgentReply Conversation::Advance(std::string prefix) {
  const auto with = [&](std::string_view key) {
    return prefix.empty() ? P(key) : prefix + " " + P(key);
  };
  if (task_ == Task::kReschedule || task_ == Task::kCancel) {
    if (!target_) return FindCallerBooking(prefix);
    if (task_ == Task::kCancel) {
      WriteAction a;
      a.kind = WriteAction::Kind::kCancel;
      a.booking_id = target_->id;
      policy_.Propose(a);
      step_ = Step::kConfirm;
      expect_ = Expect::kYesNo;
      const Service* s = biz_.FindService(target_->service);
      last_question_ =
          P("readback_cancel",
            {{"service", s ? s->name : target_->service},
             {"when", SpeakDateTime(InstantToLocal(*biz_.zone, target_->start), lang_)}});
      return Say(prefix.empty() ? last_question_ : prefix + " " + last_question_);
    }
    service_ = biz_.FindService(target_->service);
  }
  if (!service_) {
    if (biz_.services.size() == 1) {
      service_ = &biz_.services.front();
    } else {
      std::string list;
      for (std::size_t i = 0; i < biz_.services.size(); ++i)
        list += (i == 0                          ? ""
                 : i + 1 == biz_.services.size() ? ", " + P("or") + " "
                                                 : ", ") +
                biz_.services[i].name;
      expect_ = Expect::kService;
      step_ = Step::kCollect;
      last_question_ = P("ask_service", {{"services", list}});
      return Say(prefix.empty() ? last_question_ : prefix + " " + last_question_);
    }
  }
  if (task_ == Task::kBook) {
    if (auto f = MissingField(IntakeField::Stage::kBeforeSlots)) return AskField(*f, prefix);
    if (auto stop = RunChecks()) return *stop;
  }
  if (!chosen_) {
    if (!offers_.empty()) {
      step_ = Step::kChoose;
      expect_ = Expect::kChoice;
      last_question_ = P("ask_which_option", {{"options", SpeakOptions(offers_)}});
      return Say(prefix.empty() ? last_question_ : prefix + " " + last_question_);
    }
    if (!when_ && !asap_) {
      expect_ = Expect::kWhen;
      step_ = Step::kCollect;
      last_question_ = P("ask_when");
      return Say(with("ask_when"));
    }
    return Search(prefix);
  }
  if (task_ == Task::kBook)
    if (auto f = MissingField(IntakeField::Stage::kBeforeConfirm)) return AskField(*f, prefix);
  return ReadBack(prefix);
}

std::string Conversation::StaffName(std::size_t staff_index) const {
  return biz_.staff[staff_index].name;
}

std::string Conversation::ServiceName() const {
  return service_ ? service_->name : "";
}

std::string Conversation::SpeakSlot(const Slot& s) const {
  return SpeakDateTime(InstantToLocal(*biz_.zone, s.start), lang_);
}

std::string Conversation::SpeakOptions(const std::vector<Offer>& offers) const {
  // Same day as the first option: only the time ("Tuesday, March 10th at 9
  // AM, 11 AM or 2 PM").
  std::string out;
  const LocalDate first = LocalDateOf(*biz_.zone, offers.front().slot.start);
  for (std::size_t i = 0; i < offers.size(); ++i) {
    const LocalSeconds local = InstantToLocal(*biz_.zone, offers[i].slot.start);
    std::string part;
    if (i > 0 && LocalDateOf(*biz_.zone, offers[i].slot.start) == first) {
      const auto day = date::floor<date::days>(local);
      part = SpeakTime(static_cast<int>(std::chrono::duration_cast<minutes>(local - day).count()),
                       lang_);
      if (lang_ == Lang::kEs) part = (part.rfind("la 1", 0) == 0 ? "a " : "a ") + part;
    } else {
      part = SpeakDateTime(local, lang_);
    }
    if (i > 0) out += i + 1 == offers.size() ? " " + P("or") + " " : ", ";
    out += part;
  }
  return out;
}

void Conversation::ReleaseHolds(const std::string& keep) {
  for (const Offer& o : offers_)
    if (!o.hold_id.empty() && o.hold_id != keep) (void)scheduler_.ReleaseHold(o.hold_id);
  if (chosen_ && !chosen_->hold_id.empty() && chosen_->hold_id != keep) {
    (void)scheduler_.ReleaseHold(chosen_->hold_id);
    chosen_->hold_id.clear();
  }
  for (Offer& o : offers_)
    if (o.hold_id != keep) o.hold_id.clear();
}

std::vector<Slot> Conversation::Candidates(const When& w, std::string* range_text, bool* exact) {
  const Zone& zone = *biz_.zone;
  const NluContext ctx = Context();
  LocalDate first = ctx.today, last = LocalDate{date::sys_days{ctx.today} + date::days{13}};
  if (w.date) first = last = *w.date;
  if (w.first_day) first = *w.first_day, last = w.last_day.value_or(*w.first_day);
  const int from_min = w.window_from_min.value_or(0), to_min = w.window_to_min.value_or(1440);
  *exact = w.time_min.has_value();
  if (w.date)
    *range_text = P("range_day", {{"date", SpeakDate(*w.date, lang_)}});
  else if (w.first_day)
    *range_text =
        P("range_days", {{"first", SpeakDate(first, lang_)}, {"last", SpeakDate(last, lang_)}});
  SlotQuery q;
  q.service = service_->id;
  q.staff = staff_ ? staff_->id : "";
  q.from = LocalToInstant(zone, date::local_days{first});
  q.to = LocalToInstant(zone, date::local_days{last} + date::days{1});
  auto slots = scheduler_.Slots(q);
  std::vector<Slot> all = slots.ok() ? std::move(*slots) : std::vector<Slot>{};
  const auto minute_of = [&](Instant t) {
    const LocalSeconds l = InstantToLocal(zone, t);
    return static_cast<int>(
        std::chrono::duration_cast<minutes>(l - date::floor<date::days>(l)).count());
  };
  std::vector<Slot> in_window;
  for (const Slot& s : all) {
    const int m = minute_of(s.start);
    if (m >= from_min && m < to_min) in_window.push_back(s);
  }
  if (w.time_min) {
    // Exactly the time asked, on the first day it is free.
    for (const Slot& s : all)
      if (minute_of(s.start) == *w.time_min) return {s};
    // Else the nearest times around it: on the asked day, else the next days.
    Instant target = LocalToInstant(zone, date::local_days{first} + minutes{*w.time_min});
    // Look a day either side first (enough for three options almost always),
    // then further ahead.
    SlotQuery near = q;
    near.from = std::max(target - std::chrono::hours{24}, clock_.NowSeconds());
    near.to = target + std::chrono::hours{24 * 2};
    auto around = scheduler_.Slots(near);
    std::vector<Slot> pool = around.ok() ? std::move(*around) : std::vector<Slot>{};
    if (pool.size() < static_cast<std::size_t>(r_.settings.max_options) * 3) {
      near.to = target + std::chrono::hours{24 * 9};
      around = scheduler_.Slots(near);
      if (around.ok()) pool = std::move(*around);
    }
    // Nearest for a caller: the same time on a nearby day is closer than an
    // odd time on the same day, so a day away counts like four hours.
    const auto target_day = date::local_days{first};
    std::vector<std::pair<long, std::size_t>> ranked;  // (distance, index): computed once per slot
    ranked.reserve(pool.size());
    for (std::size_t i = 0; i < pool.size(); ++i) {
      const LocalSeconds l = InstantToLocal(zone, pool[i].start);
      const auto day = date::floor<date::days>(l);
      const long days = std::abs((day - target_day).count());
      const long minute = std::chrono::duration_cast<minutes>(l - day).count();
      ranked.emplace_back(days * 240 + std::abs(minute - *w.time_min), i);
    }
    const std::size_t keep = std::min<std::size_t>(ranked.size(), 24);
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<long>(keep), ranked.end());
    std::vector<Slot> nearest;
    for (std::size_t k = 0; k < keep; ++k) nearest.push_back(pool[ranked[k].second]);
    pool = std::move(nearest);
    *exact = true;
    return pool;
  }
  *exact = false;
  if (!in_window.empty()) {
    // Spread the options over the window rather than three back-to-back times.
    std::vector<Slot> spread;
    for (const Slot& s : in_window)
      if (spread.empty() || s.start - spread.back().start >= std::chrono::minutes{90})
        spread.push_back(s);
    for (const Slot& s : in_window)
      if (std::find(spread.begin(), spread.end(), s) == spread.end()) spread.push_back(s);
    return spread;
  }
  // Nothing in the range: the next free times after it.
  SlotQuery later = q;
  later.from = q.to;
  later.to = q.to + std::chrono::hours{24 * 21};
  later.limit = 200;
  auto next = scheduler_.Slots(later);
  std::vector<Slot> out;
  for (const Slot& s : next.ok() ? *next : std::vector<Slot>{}) {
    const int m = minute_of(s.start);
    if (m >= from_min && m < to_min) out.push_back(s);
  }
  if (out.empty() && next.ok()) out = *next;
  if (!out.empty()) range_text->insert(0, "!");  // mark: nothing in the asked range
  return out;
}

AgentReply Conversation::Search(std::string prefix) {
  When w = when_.value_or(When{});
  std::string range_text;
  bool exact = false;
  std::vector<Slot> candidates = Candidates(w, &range_text, &exact);
  const bool outside = !range_text.empty() && range_text.front() == '!';
  if (outside) range_text.erase(0, 1);
  ReleaseHolds();
  offers_.clear();
  chosen_.reset();
  // Hold each time before offering it; a time someone else holds (or one of
  // our own holds overlaps) is skipped.
  for (const Slot& s : candidates) {
    if (static_cast<int>(offers_.size()) >= r_.settings.max_options) break;
    if (std::any_of(offers_.begin(), offers_.end(),
                    [&](const Offer& o) { return o.slot.start == s.start; }))
      continue;
    HoldInput h;
    h.service = service_->id;
    h.staff = biz_.staff[s.staff_index].id;
    h.start = s.start;
    h.ttl = std::chrono::seconds{r_.settings.hold_ttl_s};
    auto held = scheduler_.Hold(h);
    if (!held.ok()) continue;
    offers_.push_back({s, held->id});
    // The exact time asked for is free: no alternatives needed.
    if (exact && offers_.size() == 1 && w.time_min) {
      const LocalSeconds l = InstantToLocal(*biz_.zone, s.start);
      if (std::chrono::duration_cast<minutes>(l - date::floor<date::days>(l)).count() ==
              *w.time_min &&
          (!w.date || LocalDateOf(*biz_.zone, s.start) == *w.date))
        break;
    }
  }
  // Alternatives are spoken in time order, which is how people compare them.
  if (!exact || offers_.size() > 1)
    std::stable_sort(offers_.begin(), offers_.end(), [](const Offer& a, const Offer& b) {
      return a.slot.start < b.slot.start ||
             (a.slot.start == b.slot.start && a.slot.staff_index < b.slot.staff_index);
    });
  if (offers_.empty()) {
    task_ = Task::kNone;
    return StartMessage(Understanding{}, "no_availability", P("no_availability_at_all"));
  }
  const Offer& top = offers_.front();
  const LocalSeconds top_local = InstantToLocal(*biz_.zone, top.slot.start);
  const int top_min = static_cast<int>(
      std::chrono::duration_cast<minutes>(top_local - date::floor<date::days>(top_local)).count());
  const bool hit = w.time_min && top_min == *w.time_min &&
                   (!w.date || LocalDateOf(*biz_.zone, top.slot.start) == *w.date) && !outside;
  std::string lead = prefix;
  const auto add = [&](const std::string& s) { lead += (lead.empty() ? "" : " ") + s; };
  if (hit) {
    // What was asked is free: take it and move on.
    chosen_ = top;
    ReleaseHolds(top.hold_id);
    offers_.clear();
    // The read-back says the time anyway; announce it only before more questions.
    if (task_ == Task::kBook)
      if (auto f = MissingField(IntakeField::Stage::kBeforeConfirm)) {
        add(P("offer_exact", {{"when", SpeakSlot(chosen_->slot)},
                              {"staff", StaffName(chosen_->slot.staff_index)}}));
        return AskField(*f, lead);
      }
    return ReadBack(lead);
  }
  if (w.time_min) {
    std::string asked = SpeakTime(*w.time_min, lang_);
    if (w.date) asked = SpeakDateTime(date::local_days{*w.date} + minutes{*w.time_min}, lang_);
    add(P("unavailable", {{"asked", asked}}));
    add(P(offers_.size() == 1 ? "offer_single" : "offer_alternatives",
          {{"options", SpeakOptions(offers_)}}));
  } else if (outside) {
    add(P("no_availability", {{"range", range_text}}));
    add(P(offers_.size() == 1 ? "offer_single" : "offer_alternatives",
          {{"options", SpeakOptions(offers_)}}));
  } else {
    add(P(offers_.size() == 1 ? "offer_single" : "offer_options",
          {{"options", SpeakOptions(offers_)}}));
  }
  step_ = Step::kChoose;
  expect_ = Expect::kChoice;
  last_question_ = P("ask_which_option", {{"options", SpeakOptions(offers_)}});
  return Say(lead);
}

AgentReply Conversation::Choose(const Understanding& u) {
  if (u.intent == Intent::kGoodbye && !u.when) return Goodbye();
  std::optional<std::size_t> pick;
  if (u.choice && *u.choice < static_cast<int>(offers_.size()))
    pick = static_cast<std::size_t>(*u.choice);
  if (u.choice_last) pick = offers_.size() - 1;
  if (!pick && u.when) {
    // "the 3:15", "Friday works", "2 PM": match against what was offered.
    std::vector<std::size_t> fits;
    for (std::size_t i = 0; i < offers_.size(); ++i) {
      const LocalSeconds l = InstantToLocal(*biz_.zone, offers_[i].slot.start);
      const LocalDate d = LocalDateOf(*biz_.zone, offers_[i].slot.start);
      const int m = static_cast<int>(
          std::chrono::duration_cast<minutes>(l - date::floor<date::days>(l)).count());
      bool ok = true;
      if (u.when->time_min)
        ok = ok && (m == *u.when->time_min || m == (*u.when->time_min + 720) % 1440);
      if (u.when->date) ok = ok && d == *u.when->date;
      if (u.when->window_from_min)
        ok = ok && m >= *u.when->window_from_min && m < u.when->window_to_min.value_or(1440);
      if (u.when->first_day)
        ok = ok && d >= *u.when->first_day && d <= u.when->last_day.value_or(*u.when->first_day);
      if (ok) fits.push_back(i);
    }
    if (fits.size() == 1) pick = fits.front();
    if (fits.size() > 1 && !u.when->time_min) pick = fits.front();
  }
  if (!pick && u.Has(Intent::kYes) && !u.Has(Intent::kNo) &&
      (offers_.size() == 1 || u.normalized.size() < 40) && !u.when)
    pick = offers_.size() == 1 ? std::optional<std::size_t>(0) : std::nullopt;
  if (pick) {
    chosen_ = offers_[*pick];
    ReleaseHolds(chosen_->hold_id);
    offers_.clear();
    step_ = Step::kCollect;
    if (u.name) name_ = u.name;
    if (u.date_of_birth) dob_ = u.date_of_birth;
    return Advance();
  }
  // Something else: a new time, another service, or a no.
  if (u.when || u.service || u.staff) {
    step_ = Step::kCollect;
    Absorb(u);
    return Advance();
  }
  if (u.intent == Intent::kNo || u.intent == Intent::kCorrection) {
    ReleaseHolds();
    offers_.clear();
    when_.reset();
    step_ = Step::kCollect;
    expect_ = Expect::kWhen;
    last_question_ = P("ask_when");
    return Say(last_question_);
  }
  if (u.Has(Intent::kYes) && offers_.size() > 1) return Say(last_question_);
  if (u.intent == Intent::kInfo) return Answer(u);
  // Facts for later (a name, a birth date): keep them and ask again.
  if (u.name || u.date_of_birth || u.phone || u.email || u.address || u.zip || u.insurance) {
    if (u.name) name_ = u.name;
    if (u.date_of_birth) dob_ = u.date_of_birth;
    if (u.phone) phone_ = u.phone;
    if (u.email) email_ = u.email;
    if (u.address) address_ = u.address;
    if (u.zip) zip_ = u.zip;
    if (u.insurance) insurance_ = u.insurance;
    return Say(last_question_);
  }
  return Say(P("didnt_understand") + " " + last_question_);
}

AgentReply Conversation::ReadBack(std::string prefix) {
  WriteAction a;
  const Slot& s = chosen_->slot;
  a.start = s.start;
  a.staff = biz_.staff[s.staff_index].id;
  std::string text;
  if (task_ == Task::kReschedule) {
    a.kind = WriteAction::Kind::kReschedule;
    a.booking_id = target_->id;
    text = P("readback_reschedule",
             {{"service", ServiceName()},
              {"old_when", SpeakDateTime(InstantToLocal(*biz_.zone, target_->start), lang_)},
              {"when", SpeakSlot(s)},
              {"staff", StaffName(s.staff_index)}});
  } else {
    a.kind = WriteAction::Kind::kBook;
    a.service = service_->id;
    text = P("readback_book", {{"service", ServiceName()},
                               {"service_a", WithArticle(ServiceName())},
                               {"name", name_.value_or("")},
                               {"when", SpeakSlot(s)},
                               {"staff", StaffName(s.staff_index)},
                               {"address", address_.value_or("")}});
  }
  policy_.Propose(a);
  step_ = Step::kConfirm;
  expect_ = Expect::kYesNo;
  last_question_ = text;
  return Say(prefix.empty() ? text : prefix + " " + text);
}

AgentReply Conversation::OnConfirmTurn(const Understanding& u) {
  const bool yes = u.Has(Intent::kYes) && !u.Has(Intent::kNo) && !u.Has(Intent::kCorrection);
  // A yes to a read-back the caller did not hear to the end confirms
  // nothing: read it again, whole.
  if (yes && readback_unheard_) return chosen_ ? ReadBack("") : Advance();
  if (yes && !u.when && !u.service && !u.staff) return Confirmed();
  if (u.intent == Intent::kGoodbye && !yes) return Goodbye();  // nothing is written
  // Not a plain yes: the proposal is gone (ConfirmationPolicy saw this turn).
  if (u.when || u.service || u.staff || u.name || u.date_of_birth || u.address || u.zip) {
    Absorb(u);
    step_ = Step::kCollect;
    if (last_fact_ == "name" || last_fact_ == "date_of_birth" || last_fact_ == "address" ||
        last_fact_ == "zip")
      return chosen_ ? ReadBack("") : Advance();
    return Advance();
  }
  if (u.Has(Intent::kNo) || u.Has(Intent::kCorrection)) {
    if (task_ == Task::kCancel) return AnythingElse(P("not_changed"));
    step_ = Step::kCollect;
    expect_ = Expect::kNothing;
    last_question_ = P("what_to_change");
    return Say(last_question_);
  }
  if (u.intent == Intent::kInfo && u.confidence >= PhraseSet::kStrong) return Answer(u);
  // Neither yes nor no: ask again, and read back again so that the yes
  // answers the read-back directly.
  if (task_ == Task::kCancel) return Advance(P("confirm_yes_no"));
  return ReadBack(P("confirm_yes_no"));
}

AgentReply Conversation::Confirmed() {
  const std::string key = call_id_ + "-w" + std::to_string(++writes_);
  if (task_ == Task::kCancel) {
    WriteAction a;
    a.kind = WriteAction::Kind::kCancel;
    a.booking_id = target_->id;
    if (Status st = policy_.Authorize(a); !st.ok()) return ReadBack(P("confirm_yes_no"));
    auto done = scheduler_.Cancel(target_->id);
    if (!done.ok()) return Escalate("write_failed", "transfer");
    record_.booking = *done;
    record_.Raise(Outcome::kCancelled);
    const Service* s = biz_.FindService(done->service);
    const std::string when = SpeakDateTime(InstantToLocal(*biz_.zone, done->start), lang_);
    target_.reset();
    return AnythingElse(P("cancelled", {{"service", s ? s->name : done->service}, {"when", when}}));
  }
  const Slot slot = chosen_->slot;
  WriteAction a;
  a.start = slot.start;
  a.staff = biz_.staff[slot.staff_index].id;
  if (task_ == Task::kReschedule) {
    a.kind = WriteAction::Kind::kReschedule;
    a.booking_id = target_->id;
    if (Status st = policy_.Authorize(a); !st.ok()) return ReadBack(P("confirm_yes_no"));
    // Our own hold would block the move: release it just before.
    ReleaseHolds();
    RescheduleInput in;
    in.booking_id = target_->id;
    in.start = slot.start;
    in.staff = a.staff;
    in.idempotency_key = key;
    auto moved = scheduler_.Reschedule(in);
    if (!moved.ok()) {
      chosen_.reset();
      if (moved.status().code() == Code::kSlotUnavailable) return Search(P("slot_taken"));
      return Escalate("write_failed", "transfer");
    }
    record_.booking = *moved;
    record_.Raise(Outcome::kRescheduled);
    chosen_.reset();
    target_.reset();
    return AnythingElse(
        P("rescheduled", {{"service", ServiceName()},
                          {"when", SpeakDateTime(InstantToLocal(*biz_.zone, moved->start), lang_)},
                          {"code", moved->confirmation_code}}));
  }
  a.kind = WriteAction::Kind::kBook;
  a.service = service_->id;
  if (Status st = policy_.Authorize(a); !st.ok()) return ReadBack(P("confirm_yes_no"));
  BookingInput in;
  in.service = service_->id;
  in.staff = a.staff;
  in.start = slot.start;
  in.customer.name = name_.value_or("");
  in.customer.phone = phone_.value_or(caller_id_);
  in.customer.email = email_.value_or("");
  if (dob_) in.customer.date_of_birth = FormatLocalDate(*dob_);
  in.idempotency_key = key;
  in.hold_id = chosen_->hold_id;
  auto booked = scheduler_.Book(in);
  if (!booked.ok()) {
    chosen_.reset();
    if (booked.status().code() == Code::kSlotUnavailable) return Search(P("slot_taken"));
    return Escalate("write_failed", "transfer");
  }
  chosen_->hold_id.clear();  // consumed by the booking
  record_.booking = booked->booking;
  record_.Raise(Outcome::kBooked);
  if (name_) record_.intake["name"] = *name_;
  if (dob_) record_.intake["date_of_birth"] = FormatLocalDate(*dob_);
  if (insurance_) record_.intake["insurance"] = *insurance_;
  if (address_) record_.intake["address"] = *address_;
  if (zip_) record_.intake["zip"] = *zip_;
  if (matter_) record_.intake["matter"] = *matter_;
  if (opposing_) record_.intake["opposing_party"] = *opposing_;
  if (!reason_.empty()) record_.intake["reason"] = reason_;
  chosen_.reset();
  when_.reset();
  service_ = nullptr;
  staff_ = nullptr;
  return AnythingElse(P("booked", {{"code", booked->booking.confirmation_code}}));
}

// ---------------------------------------------------------------- finding a booking

AgentReply Conversation::FindCallerBooking(std::string prefix) {
  auto upcoming = scheduler_.Upcoming();
  std::vector<BookingRecord> mine;
  if (upcoming.ok()) {
    for (const auto& b : *upcoming) {
      const bool by_phone = !caller_id_.empty() && b.customer.phone == caller_id_;
      const bool by_name = name_ && dob_ && Lower(b.customer.name) == Lower(*name_) &&
                           b.customer.date_of_birth == FormatLocalDate(*dob_);
      const bool by_name_only = name_ && !dob_ && searched_by_name_ &&
                                Lower(b.customer.name) == Lower(*name_) &&
                                b.customer.date_of_birth.empty();
      if (by_phone || by_name || by_name_only) mine.push_back(b);
    }
  }
  // The caller named the day or the service: narrow down to it.
  if (mine.size() > 1 && (when_ || service_)) {
    std::vector<BookingRecord> narrowed;
    for (const auto& b : mine) {
      const LocalDate d = LocalDateOf(*biz_.zone, b.start);
      if (when_ && when_->date && d != *when_->date) continue;
      if (service_ && b.service != service_->id) continue;
      narrowed.push_back(b);
    }
    if (!narrowed.empty()) mine = narrowed;
  }
  if (mine.empty()) {
    if (!searched_by_name_ || !(name_ && dob_)) {
      searched_by_name_ = true;
      if (name_ && dob_) return FindCallerBooking(prefix);
      step_ = Step::kCollect;
      expect_ = Expect::kNameAndDateOfBirth;
      last_question_ = P("find_booking_none");
      // The caller's words about the new time stay for after the booking is found.
      return Say(prefix.empty() ? last_question_ : prefix + " " + last_question_);
    }
    task_ = Task::kNone;
    return StartMessage(Understanding{}, "booking_not_found", P("find_booking_none_again"));
  }
  if (mine.size() > 1) {
    matches_ = mine;
    step_ = Step::kPickBooking;
    expect_ = Expect::kChoice;
    std::string options;
    for (std::size_t i = 0; i < mine.size() && i < 3; ++i) {
      const Service* s = biz_.FindService(mine[i].service);
      if (i) options += i + 1 == std::min<std::size_t>(mine.size(), 3) ? " " + P("or") + " " : ", ";
      options += (s ? s->name : mine[i].service) + " " +
                 SpeakDateTime(InstantToLocal(*biz_.zone, mine[i].start), lang_);
    }
    last_question_ = P("ask_which_booking", {{"options", options}});
    return Say(prefix.empty() ? last_question_ : prefix + " " + last_question_);
  }
  target_ = mine.front();
  const Service* s = biz_.FindService(target_->service);
  service_ = s;
  if (task_ == Task::kCancel) return Advance(prefix);
  // Reschedule: the new time may already have been said ("move my cleaning to Friday at 10").
  std::optional<When> asked = when_;
  if (asked && asked->date && LocalDateOf(*biz_.zone, target_->start) == *asked->date &&
      !asked->time_min)
    asked.reset();  // that was the old booking's day
  if (asked) {
    when_ = asked;
    return Search(prefix);
  }
  step_ = Step::kCollect;
  expect_ = Expect::kWhen;
  last_question_ = P("ask_when");
  const std::string found =
      P("found_booking_reschedule",
        {{"service", s ? s->name : target_->service},
         {"when", SpeakDateTime(InstantToLocal(*biz_.zone, target_->start), lang_)}});
  return Say(prefix.empty() ? found : prefix + " " + found);
}

AgentReply Conversation::PickBooking(const Understanding& u) {
  std::optional<std::size_t> pick;
  if (u.choice && *u.choice < static_cast<int>(matches_.size()))
    pick = static_cast<std::size_t>(*u.choice);
  if (u.choice_last) pick = matches_.size() - 1;
  if (!pick && (u.when || u.service)) {
    for (std::size_t i = 0; i < matches_.size() && !pick; ++i) {
      const LocalDate d = LocalDateOf(*biz_.zone, matches_[i].start);
      if (u.when && u.when->date && d != *u.when->date) continue;
      if (u.service && matches_[i].service != u.service->id) continue;
      pick = i;
    }
  }
  if (!pick) return Say(P("didnt_understand") + " " + last_question_);
  target_ = matches_[*pick];
  matches_.clear();
  service_ = biz_.FindService(target_->service);
  when_.reset();
  if (task_ == Task::kCancel) return Advance();
  step_ = Step::kCollect;
  expect_ = Expect::kWhen;
  last_question_ = P("ask_when");
  return Say(P("found_booking_reschedule",
               {{"service", ServiceName()},
                {"when", SpeakDateTime(InstantToLocal(*biz_.zone, target_->start), lang_)}}));
}

}  // namespace voxdesk::dialog
