#include "dialog/nlu.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "dialog/contact.h"
#include "dialog/text.h"

namespace voxdesk::dialog {
namespace {

struct IntentKey {
  Intent intent;
  std::string_view name;
};
// Also the tie-break order: on equal scores the earlier intent wins, so
// "cancel my appointment" is a cancellation and not a booking.
constexpr std::array<IntentKey, 12> kIntents = {{
    {Intent::kEmergency, "emergency"},
    {Intent::kHuman, "human"},
    {Intent::kCancel, "cancel"},
    {Intent::kReschedule, "reschedule"},
    {Intent::kMessage, "message"},
    {Intent::kBook, "book"},
    {Intent::kAvailability, "availability"},
    {Intent::kInfo, "info"},
    {Intent::kCorrection, "correction"},
    {Intent::kGoodbye, "goodbye"},
    {Intent::kYes, "yes"},
    {Intent::kNo, "no"},
}};

int Rank(Intent i) {
  for (std::size_t k = 0; k < kIntents.size(); ++k)
    if (kIntents[k].intent == i) return static_cast<int>(k);
  return static_cast<int>(kIntents.size());
}

bool Contains(std::string_view padded, std::string_view phrase) {
  std::string p;
  p.reserve(phrase.size() + 2);
  p += ' ';
  p += phrase;
  p += ' ';
  return padded.find(p) != std::string_view::npos;
}

bool ContainsAny(std::string_view padded, std::initializer_list<std::string_view> phrases) {
  for (std::string_view p : phrases)
    if (Contains(padded, p)) return true;
  return false;
}

// Levenshtein distance capped at 2, for misrecognised service words.
int EditDistance(std::string_view a, std::string_view b) {
  if (a.size() > b.size() + 2 || b.size() > a.size() + 2) return 3;
  std::array<int, 64> prev{}, cur{};
  if (b.size() >= prev.size()) return 3;
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    prev = cur;
  }
  return prev[b.size()];
}

constexpr std::string_view kTitles[] = {"dr", "doctor", "dra", "doctora", "mr", "mrs", "ms", "miss", "mister"};

bool IsTitle(std::string_view w) {
  return std::find(std::begin(kTitles), std::end(kTitles), w) != std::end(kTitles);
}

Topic FindTopic(std::string_view padded) {
  if (ContainsAny(padded, {"hours", "open", "opening", "close", "closing", "horario", "abren", "cierran", "abiertos",
                           "abierto"}))
    return Topic::kHours;
  if (ContainsAny(padded, {"address", "where are you", "where is the office", "located", "location", "direccion",
                           "donde estan", "donde queda", "ubicados"}))
    return Topic::kAddress;
  if (ContainsAny(padded, {"how much", "cost", "costs", "price", "prices", "fee", "charge", "cuanto cuesta", "cuanto es",
                           "precio", "cuesta"}))
    return Topic::kPrice;
  if (ContainsAny(padded, {"what services", "which services", "what do you offer", "what do you do", "services",
                           "que servicios", "que ofrecen"}))
    return Topic::kServices;
  return Topic::kOther;
}

// "the first one", "the 2nd", "option 3", "la segunda".
std::optional<int> FindChoice(std::string_view padded, bool* last) {
  *last = ContainsAny(padded, {"last", "last one", "the later one", "latest", "ultima", "ultimo"});
  if (*last) return std::nullopt;
  static constexpr std::pair<std::string_view, int> kOrdinals[] = {
      {"1st", 0},     {"2nd", 1},      {"3rd", 2},     {"primera", 0}, {"primero", 0}, {"segunda", 1},
      {"segundo", 1}, {"tercera", 2},  {"tercero", 2}, {"option 1", 0}, {"option 2", 1}, {"option 3", 2},
      {"earlier one", 0}, {"earliest", 0}, {"first one", 0}, {"second one", 1}, {"third one", 2}, {"first", 0},
      {"second", 1},  {"third", 2},
  };
  for (const auto& [word, index] : kOrdinals)
    if (Contains(padded, word)) return index;
  return std::nullopt;
}

// Opposing party in a legal intake: "against Gregory Hale", "my ex is
// Linda Hale", "the other party is ...", "contra ...".
std::optional<std::string> FindOpposingParty(std::string_view utterance, std::string_view padded, Lang lang,
                                             bool expecting) {
  if (expecting && ContainsAny(padded, {"none", "no one", "nobody", "there is none", "theres none", "no other party",
                                        "not applicable", "ninguna", "ninguno", "nadie", "no hay"}))
    return std::string();
  // Cue words, then a name right after them in the raw text.
  static constexpr std::string_view kCues[] = {"against ", "the other party is ", "other party is ", "opposing party is ",
                                               "his name is ", "her name is ", "their name is ", "my ex is ",
                                               "my ex husband ", "my ex wife ", "my husband ", "my wife ", "my ex ",
                                               "contra ", "se llama ", "mi esposo ", "mi esposa ", "mi ex "};
  std::string lower(utterance);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view cue : kCues) {
    const auto at = lower.find(cue);
    if (at == std::string::npos) continue;
    if (auto name = NameFromAnswer(utterance.substr(at + cue.size()), lang)) return name;
  }
  if (expecting) return NameFromAnswer(utterance, lang);
  return std::nullopt;
}

// "hal jordan august 8th 1980" -> "hal jordan": the words before a date.
std::string_view NameBeforeDate(std::string_view utterance) {
  static constexpr std::string_view kMonths[] = {
      "january", "february", "march",   "april",   "may",     "june",      "july",    "august",    "september",
      "october", "november", "december", "enero",  "febrero", "marzo",     "abril",   "mayo",      "junio",
      "julio",   "agosto",   "septiembre", "octubre", "noviembre", "diciembre", "born", "nacido", "nacida", "dob"};
  std::size_t i = 0;
  while (i < utterance.size()) {
    while (i < utterance.size() && (utterance[i] == ' ' || utterance[i] == ',')) ++i;
    std::size_t j = i;
    while (j < utterance.size() && utterance[j] != ' ' && utterance[j] != ',') ++j;
    std::string word(utterance.substr(i, j - i));
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool digit = !word.empty() && std::isdigit(static_cast<unsigned char>(word[0]));
    if (i < j && (digit || std::find(std::begin(kMonths), std::end(kMonths), word) != std::end(kMonths)))
      return utterance.substr(0, i);
    i = j;
  }
  return utterance;
}

constexpr std::string_view kSilenceMarkers[] = {"<silence>", "[silence]", "(silence)", "..."};

}  // namespace

std::string_view IntentName(Intent i) {
  if (i == Intent::kUnknown) return "unknown";
  for (const auto& k : kIntents)
    if (k.intent == i) return k.name;
  return "unknown";
}

double Understanding::Score(Intent i) const {
  for (const auto& [intent, score] : scores)
    if (intent == i) return score;
  return 0;
}

bool Understanding::HasFacts() const {
  return intent != Intent::kUnknown || service || staff || when || date_of_birth || name || phone || email || zip ||
         address || insurance || matter || opposing_party || choice || choice_last || emergency || urgent;
}

std::optional<Lang> DetectLanguage(std::string_view normalized) {
  static constexpr std::string_view kEs[] = {
      "quiero", "necesito", "para",   "una",    "el",     "la",   "los",  "las",      "de",     "por", "favor",
      "hola",   "si",       "gracias", "mi",    "me",     "cita", "manana", "tarde",  "que",    "con", "es",
      "esta",   "puede",    "buenos", "dias",   "usted",  "tengo", "hablar", "llamo", "soy",    "y",   "del",
      "al",     "lunes",    "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "semana", "proximo", "cuanto", "mis", "en", "un", "necesita", "huele", "hay", "tiene"};
  static constexpr std::string_view kEn[] = {
      "i",    "the",  "an",    "to",    "for",   "my",  "please", "hello", "hi",   "yes",    "thanks",   "want",
      "need", "can",  "is",    "at",    "on",    "you", "would",  "like",  "this", "it",     "appointment", "and",
      "with", "next", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "tomorrow", "thank",
      "what", "do",   "im",    "id",    "that",  "of",  "book"};
  int es = 0, en = 0;
  for (std::string_view w : SplitWords(normalized)) {
    if (std::find(std::begin(kEs), std::end(kEs), w) != std::end(kEs)) ++es;
    if (std::find(std::begin(kEn), std::end(kEn), w) != std::end(kEn)) ++en;
  }
  if (es >= en + 2 || (es >= 1 && en == 0)) return Lang::kEs;
  if (en >= es + 2 || (en >= 1 && es == 0)) return Lang::kEn;
  return std::nullopt;
}

EmbeddedNlu::EmbeddedNlu(const Business& business, std::shared_ptr<const Pack> pack)
    : business_(business), pack_(std::move(pack)) {
  for (const Service& s : business_.services) {
    std::vector<std::string> terms = {s.name, s.id};
    for (const auto& syn : s.synonyms) terms.push_back(syn);
    for (const auto& t : terms) {
      std::string text = t;
      std::replace(text.begin(), text.end(), '-', ' ');
      AddServiceTerm(s, text, Lang::kEn);
      AddServiceTerm(s, text, Lang::kEs);
    }
    // Pack vocabulary: a service whose words contain a key gets its synonyms.
    for (const auto& [key, words] : pack_->synonyms) {
      const std::string key_norm = Pad(NormalizeText(key, Lang::kEn));
      bool related = false;
      for (const auto& t : terms) {
        std::string text = t;
        std::replace(text.begin(), text.end(), '-', ' ');
        if (Pad(NormalizeText(text, Lang::kEn)).find(key_norm) != std::string::npos) related = true;
      }
      if (!related) continue;
      for (const auto& w : words) AddServiceTerm(s, w, Lang::kEs);
    }
  }
  // Longest terms first: "teeth cleaning" beats "cleaning" of another service.
  std::stable_sort(service_terms_.begin(), service_terms_.end(),
                   [](const ServiceTerm& a, const ServiceTerm& b) { return a.padded.size() > b.padded.size(); });
  for (const Staff& st : business_.staff) {
    const std::string norm = NormalizeText(st.name, Lang::kEn);
    std::vector<std::string_view> words = SplitWords(norm);
    words.erase(std::remove_if(words.begin(), words.end(), [](std::string_view w) { return IsTitle(w); }),
                words.end());
    for (std::size_t i = 0; i < words.size(); ++i)
      if (words[i].size() >= 2) staff_terms_.push_back({std::string(words[i]), &st, i + 1 == words.size()});
    staff_terms_.push_back({NormalizeText(st.id, Lang::kEn), &st, true});
  }
}

void EmbeddedNlu::AddServiceTerm(const Service& s, std::string_view text, Lang lang) {
  std::string norm = NormalizeText(text, lang);
  if (norm.empty()) return;
  std::string padded = Pad(norm);
  for (const auto& t : service_terms_)
    if (t.service == &s && t.lang == lang && t.padded == padded) return;
  service_terms_.push_back({std::move(padded), &s, lang});
}

const Service* EmbeddedNlu::FindService(std::string_view padded, Lang lang, bool expecting) const {
  for (const auto& t : service_terms_)
    if (t.lang == lang && padded.find(t.padded) != std::string_view::npos) return t.service;
  // A misheard word ("cleening"): one edit on words of five letters or more.
  const std::vector<std::string_view> words = SplitWords(padded);
  const Service* found = nullptr;
  for (const auto& t : service_terms_) {
    if (t.lang != lang) continue;
    const std::vector<std::string_view> tw = SplitWords(t.padded);
    if (tw.size() != 1 || tw[0].size() < 5) continue;
    for (std::string_view w : words)
      if (w.size() >= 5 && EditDistance(w, tw[0]) <= 1) {
        if (found && found != t.service) return expecting ? nullptr : nullptr;  // ambiguous
        found = t.service;
      }
  }
  return found;
}

const Staff* EmbeddedNlu::FindStaff(const std::vector<std::string_view>& words) const {
  for (std::size_t i = 0; i < words.size(); ++i) {
    for (const auto& t : staff_terms_) {
      if (words[i] != t.word) continue;
      // A first name alone is often an ordinary word or the caller's own
      // name; take it only after a title or "with"/"con"/"see"/"for".
      const bool cued = i > 0 && (IsTitle(words[i - 1]) || words[i - 1] == "with" || words[i - 1] == "con" ||
                                  words[i - 1] == "see" || words[i - 1] == "for" || words[i - 1] == "para");
      if (t.surname || cued) return t.staff;
    }
  }
  return nullptr;
}

Understanding EmbeddedNlu::Understand(std::string_view utterance, const NluContext& ctx) const {
  Understanding u;
  u.lang = ctx.lang;
  {
    std::string_view trimmed = utterance;
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front()))) trimmed.remove_prefix(1);
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) trimmed.remove_suffix(1);
    for (std::string_view m : kSilenceMarkers)
      if (trimmed == m) trimmed = {};
    if (trimmed.empty()) {
      u.silence = true;
      return u;
    }
  }
  u.normalized = NormalizeText(utterance, ctx.lang);
  if (const auto detected = DetectLanguage(u.normalized); detected && *detected != ctx.lang) {
    u.lang = *detected;
    u.normalized = NormalizeText(utterance, u.lang);
  }
  if (u.normalized.empty()) {
    u.silence = true;  // only fillers ("uh", "um")
    return u;
  }
  const Lang lang = u.lang;
  const std::string padded = Pad(u.normalized);
  const std::vector<std::string_view> words = SplitWords(u.normalized);

  // Intents from the pack's phrases.
  for (const auto& k : kIntents) {
    const PhraseSet* set = pack_->Intent(k.name);
    if (!set) continue;
    int hits = 0;
    double score = set->Match(padded, lang, &hits);
    if (score <= 0) continue;
    score = std::min(0.99, score + 0.02 * (hits - 1));
    u.scores.emplace_back(k.intent, score);
  }
  // Emergencies are heard in either language, whatever the call's language.
  const Lang other = lang == Lang::kEn ? Lang::kEs : Lang::kEn;
  std::string_view emergency = pack_->emergency.phrases.Find(padded, lang);
  if (emergency.empty()) emergency = pack_->emergency.phrases.Find(Pad(NormalizeText(utterance, other)), other);
  std::string_view urgent = pack_->urgent.phrases.Find(padded, lang);
  if (urgent.empty()) urgent = pack_->urgent.phrases.Find(Pad(NormalizeText(utterance, other)), other);
  if (const std::string_view p = emergency; !p.empty()) {
    u.emergency = true;
    u.emergency_phrase = std::string(p);
    u.scores.emplace_back(Intent::kEmergency, 0.97);
  }
  if (const std::string_view p = urgent; !p.empty()) {
    u.urgent = true;
    if (u.emergency_phrase.empty()) u.emergency_phrase = std::string(p);
  }
  u.advice = pack_->advice.Match(padded, lang) > 0;
  u.request_message = pack_->message_requests.Match(padded, lang) > 0;

  // Facts.
  const bool want_service = ctx.expect == Expect::kService;
  u.service = FindService(padded, lang, want_service);
  u.staff = FindStaff(words);
  u.date_of_birth = FindDateOfBirth(u.normalized, ctx.today, lang);
  if (!u.date_of_birth && (ctx.expect == Expect::kDateOfBirth || ctx.expect == Expect::kNameAndDateOfBirth)) {
    // A bare date answering "what is your date of birth?" has no birth cue:
    // supply one before each word until a date reads.
    for (std::size_t i = 0; i < words.size() && !u.date_of_birth; ++i) {
      std::string cued = "born";
      for (std::size_t k = i; k < words.size(); ++k) (cued += ' ') += words[k];
      u.date_of_birth = FindDateOfBirth(cued, ctx.today, lang);
    }
  }
  u.when = FindWhen(u.normalized, ctx.today, ctx.now_min, lang);
  if (u.when && u.when->Empty()) u.when.reset();
  u.name = FindPersonName(utterance, lang);
  if (!u.name && (ctx.expect == Expect::kName || ctx.expect == Expect::kNameAndDateOfBirth))
    u.name = NameFromAnswer(NameBeforeDate(utterance), lang);
  u.phone = FindPhoneNumber(utterance, lang);
  u.email = FindEmail(utterance);
  u.zip = FindZip(utterance);
  if (!u.zip && ctx.expect == Expect::kZip) {
    for (std::string_view w : words)
      if (w.size() == 5 && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }))
        u.zip = std::string(w);
  }
  u.address = FindStreetAddress(utterance);
  if (const auto it = pack_->vocabulary.find("insurance"); it != pack_->vocabulary.end())
    if (const std::string_view v = it->second.Find(padded, lang); !v.empty()) u.insurance = std::string(v);
  if (const auto it = pack_->vocabulary.find("matter"); it != pack_->vocabulary.end())
    if (const std::string_view v = it->second.Find(padded, lang); !v.empty()) u.matter = std::string(v);
  if (!u.matter && ctx.expect == Expect::kMatter) u.matter = u.normalized;
  u.opposing_party = FindOpposingParty(utterance, padded, lang, ctx.expect == Expect::kOpposingParty);
  if (ctx.expect == Expect::kOpposingParty) {
    // "his name is John Miles" answers who the other party is.
    if (!u.opposing_party && u.name) u.opposing_party = u.name;
    u.name.reset();
  } else if (u.opposing_party && u.name && *u.opposing_party == *u.name) {
    u.opposing_party.reset();  // the caller's own name
  }
  if (ctx.expect == Expect::kChoice) u.choice = FindChoice(padded, &u.choice_last);

  // A request phrased only through its facts ("a cleaning next Tuesday").
  if (u.service && !u.Has(Intent::kBook) && !u.Has(Intent::kInfo))
    u.scores.emplace_back(Intent::kBook, 0.8);
  if (u.Has(Intent::kInfo) || u.Has(Intent::kAvailability)) u.topic = FindTopic(padded);
  if (u.advice && !u.Has(Intent::kInfo)) u.scores.emplace_back(Intent::kInfo, 0.85);
  // "I need a refill": a request for the provider, not a booking.
  if (u.request_message) u.scores.emplace_back(Intent::kMessage, 0.95);

  std::stable_sort(u.scores.begin(), u.scores.end(), [](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second > b.second;
    return Rank(a.first) < Rank(b.first);
  });
  if (!u.scores.empty()) {
    u.intent = u.scores.front().first;
    u.confidence = u.scores.front().second;
  }
  return u;
}

}  // namespace voxdesk::dialog
