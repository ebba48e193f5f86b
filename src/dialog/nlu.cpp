#include "dialog/nlu.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>

#include "dialog/contact.h"
#include "dialog/text.h"

namespace voxdesk::dialog {
namespace {

// A non-empty run of ASCII digits ("1985", "05").
bool AllDigits(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

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
      cur[j] =
          std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    prev = cur;
  }
  return prev[b.size()];
}

// A light English/Spanish suffix strip, enough to match word forms.
std::string_view Stem(std::string_view w) {
  for (std::string_view suffix : {"ing", "ed", "es", "s"})
    if (w.size() > suffix.size() + 3 && w.substr(w.size() - suffix.size()) == suffix)
      return w.substr(0, w.size() - suffix.size());
  return w;
}

constexpr std::string_view kTitles[] = {"dr",  "doctor", "dra",  "doctora", "mr",
                                        "mrs", "ms",     "miss", "mister"};

bool IsTitle(std::string_view w) {
  return std::find(std::begin(kTitles), std::end(kTitles), w) != std::end(kTitles);
}

Topic FindTopic(std::string_view padded) {
  if (ContainsAny(padded, {"hours", "open", "opening", "close", "closing", "horario", "abren",
                           "cierran", "abiertos", "abierto"}))
    return Topic::kHours;
  if (ContainsAny(padded, {"address", "where are you", "where is the office", "located", "location",
                           "direccion", "donde estan", "donde queda", "ubicados"}))
    return Topic::kAddress;
  if (ContainsAny(padded, {"how much", "cost", "costs", "price", "prices", "fee", "charge",
                           "cuanto cuesta", "cuanto es", "precio", "cuesta"}))
    return Topic::kPrice;
  if (ContainsAny(padded, {"what services", "which services", "what do you offer", "what do you do",
                           "services", "que servicios", "que ofrecen"}))
    return Topic::kServices;
  return Topic::kOther;
}

// "the first one", "the 2nd", "option 3", "la segunda".
std::optional<int> FindChoice(std::string_view padded, bool* last) {
  *last = ContainsAny(padded, {"last", "last one", "the later one", "latest", "ultima", "ultimo"});
  if (*last) return std::nullopt;
  static constexpr std::pair<std::string_view, int> kOrdinals[] = {
      {"1st", 0},        {"2nd", 1},       {"3rd", 2},         {"primera", 0},  {"primero", 0},
      {"segunda", 1},    {"segundo", 1},   {"tercera", 2},     {"tercero", 2},  {"option 1", 0},
      {"option 2", 1},   {"option 3", 2},  {"earlier one", 0}, {"earliest", 0}, {"first one", 0},
      {"second one", 1}, {"third one", 2}, {"first", 0},       {"second", 1},   {"third", 2},
  };
  for (const auto& [word, index] : kOrdinals)
    if (Contains(padded, word)) return index;
  return std::nullopt;
}

// Offset of the first word of a raw utterance (split at spaces and commas,
// compared in lower case) for which `stop` is true; the size when none is.
template <typename Pred>
std::size_t FirstWordWhere(std::string_view utterance, Pred stop) {
  std::size_t i = 0;
  std::string word;
  while (i < utterance.size()) {
    while (i < utterance.size() && (utterance[i] == ' ' || utterance[i] == ',')) ++i;
    std::size_t j = i;
    while (j < utterance.size() && utterance[j] != ' ' && utterance[j] != ',') ++j;
    if (i == j) break;
    word.assign(utterance.substr(i, j - i));
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (stop(std::string_view(word))) return i;
    i = j;
  }
  return utterance.size();
}

template <std::size_t N>
bool OneOf(std::string_view w, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

// Opposing party in a legal intake: "against Gregory Hale", "my ex is
// Linda Hale", "the other party is ...", "contra ...".
std::optional<std::string> FindOpposingParty(std::string_view utterance, std::string_view padded,
                                             Lang lang, bool expecting) {
  if (expecting && ContainsAny(padded, {"none", "no one", "nobody", "there is none", "theres none",
                                        "no other party", "not applicable", "ninguna", "ninguno",
                                        "nadie", "no hay"}))
    return std::string();
  // Cue words, then a name right after them in the raw text.
  static constexpr std::string_view kCues[] = {"against ",        "the other party is ",
                                               "other party is ", "opposing party is ",
                                               "his name is ",    "her name is ",
                                               "their name is ",  "my ex is ",
                                               "my ex husband ",  "my ex wife ",
                                               "my husband ",     "my wife ",
                                               "my ex ",          "contra ",
                                               "se llama ",       "mi esposo ",
                                               "mi esposa ",      "mi ex "};
  std::string lower(utterance);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view cue : kCues) {
    const auto at = lower.find(cue);
    if (at == std::string::npos) continue;
    if (auto name = NameFromAnswer(utterance.substr(at + cue.size()), lang)) return name;
  }
  if (!expecting) return std::nullopt;
  // An answer to "who is the other party?": drop the words that say how
  // they are related ("my ex wife is", "her husband", "es mi esposo").
  static constexpr std::string_view kRelation[] = {
      "my",        "his",        "her",    "their",   "the",    "ex",      "wife",    "husband",
      "spouse",    "partner",    "is",     "its",     "it's",   "name",    "other",   "party",
      "boyfriend", "girlfriend", "former", "mi",      "su",     "esposo",  "esposa",  "es",
      "se",        "llama",      "el",     "la",      "marido", "mujer",   "pareja",  "nombre",
      "de",        "otra",       "parte",  "uh",      "um",     "oh",      "well",    "that's",
      "thats",     "called",     "named",  "against", "contra", "company", "empresa", "business"};
  const std::size_t i =
      FirstWordWhere(utterance, [](std::string_view w) { return !OneOf(w, kRelation); });
  return NameFromAnswer(utterance.substr(std::min(i, utterance.size())), lang);
}

// "hal jordan august 8th 1980" -> "hal jordan": the words before a date.
std::string_view NameBeforeDate(std::string_view utterance) {
  // Leading fillers and apologies are not part of a name ("uh sorry carl jensen").
  static constexpr std::string_view kLead[] = {
      "uh", "um", "er",    "oh", "sorry", "yes", "yeah",  "ok",     "okay", "sure", "well",
      "so", "hi", "hello", "eh", "este",  "si",  "bueno", "perdon", "pues", "mire", "hola"};
  utterance.remove_prefix(
      FirstWordWhere(utterance, [](std::string_view w) { return !OneOf(w, kLead); }));
  static constexpr std::string_view kMonths[] = {
      "january", "february",  "march",     "april",    "may",      "june",   "july",
      "august",  "september", "october",   "november", "december", "enero",  "febrero",
      "marzo",   "abril",     "mayo",      "junio",    "julio",    "agosto", "septiembre",
      "octubre", "noviembre", "diciembre", "born",     "nacido",   "nacida", "dob"};
  return utterance.substr(0, FirstWordWhere(utterance, [](std::string_view w) {
                            return std::isdigit(static_cast<unsigned char>(w[0])) ||
                                   OneOf(w, kMonths);
                          }));
}

// "friday the 27th", "el martes 13": the day of the month decides, in the
// first month (from this one) where it falls on that weekday.
When WeekdayAndDayOfMonth(const std::vector<std::string_view>& words, When w, const NluContext& ctx,
                          Lang lang) {
  static constexpr std::pair<std::string_view, unsigned> kDays[] = {
      {"monday", 1},   {"tuesday", 2}, {"wednesday", 3}, {"thursday", 4}, {"friday", 5},
      {"saturday", 6}, {"sunday", 7},  {"lunes", 1},     {"martes", 2},   {"miercoles", 3},
      {"jueves", 4},   {"viernes", 5}, {"sabado", 6},    {"domingo", 7}};
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const auto day = std::find_if(std::begin(kDays), std::end(kDays),
                                  [&](auto& d) { return d.first == words[i]; });
    if (day == std::end(kDays)) continue;
    std::size_t j = i + 1;
    if (j < words.size() && (words[j] == "the" || words[j] == "el" || words[j] == "dia")) ++j;
    if (j >= words.size()) continue;
    int dom = 0;
    std::size_t k = 0;
    // At most three digits are read: a day of the month has two, and a long
    // digit run must not overflow (it is rejected just below).
    while (k < words[j].size() && std::isdigit(static_cast<unsigned char>(words[j][k]))) {
      if (k < 3) dom = dom * 10 + (words[j][k] - '0');
      ++k;
    }
    const std::string_view rest = words[j].substr(k);
    if (k == 0 || k > 2 || dom < 1 || dom > 31 ||
        !(rest.empty() || rest == "st" || rest == "nd" || rest == "rd" || rest == "th"))
      continue;
    // A number right after the weekday that is an hour ("tuesday 10 am") is not a day.
    if (j + 1 < words.size() &&
        (words[j + 1] == "am" || words[j + 1] == "pm" || words[j + 1] == "de")) {
      if (lang == Lang::kEs && j + 2 < words.size() && words[j + 2] == "la") continue;
      if (lang == Lang::kEn) continue;
    }
    date::year_month ym{ctx.today.year(), ctx.today.month()};
    for (int m = 0; m < 13; ++m, ym += date::months{1}) {
      const date::year_month_day cand{ym.year(), ym.month(), date::day{static_cast<unsigned>(dom)}};
      if (!cand.ok() || date::sys_days{cand} < date::sys_days{ctx.today}) continue;
      if (date::weekday{date::sys_days{cand}}.iso_encoding() != day->second) continue;
      w.date = cand;
      return w;
    }
  }
  return w;
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
  return intent != Intent::kUnknown || service || staff || when || date_of_birth || name || phone ||
         email || zip || address || insurance || matter || opposing_party || choice ||
         choice_last || emergency || urgent;
}

std::optional<Lang> DetectLanguage(std::string_view normalized) {
  static constexpr std::string_view kEs[] = {
      "quiero",  "necesito", "para",    "una",    "el",        "la",      "los",     "las",
      "de",      "por",      "favor",   "hola",   "si",        "gracias", "mi",      "me",
      "cita",    "manana",   "tarde",   "que",    "con",       "es",      "esta",    "puede",
      "buenos",  "dias",     "usted",   "tengo",  "hablar",    "llamo",   "soy",     "y",
      "del",     "al",       "lunes",   "martes", "miercoles", "jueves",  "viernes", "sabado",
      "domingo", "semana",   "proximo", "cuanto", "mis",       "en",      "un",      "necesita",
      "huele",   "hay",      "tiene"};
  static constexpr std::string_view kEn[] = {
      "i",         "the",         "an",     "to",       "for",    "my",       "please",
      "hello",     "hi",          "yes",    "thanks",   "want",   "need",     "can",
      "is",        "at",          "on",     "you",      "would",  "like",     "this",
      "it",        "appointment", "and",    "with",     "next",   "monday",   "tuesday",
      "wednesday", "thursday",    "friday", "saturday", "sunday", "tomorrow", "thank",
      "what",      "do",          "im",     "id",       "that",   "of",       "book"};
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
  WeighServiceTerms();
  for (const Staff& st : business_.staff) {
    const std::string norm = NormalizeText(st.name, Lang::kEn);
    std::vector<std::string_view> words = SplitWords(norm);
    words.erase(
        std::remove_if(words.begin(), words.end(), [](std::string_view w) { return IsTitle(w); }),
        words.end());
    for (std::size_t i = 0; i < words.size(); ++i)
      if (words[i].size() >= 2)
        staff_terms_.push_back({std::string(words[i]), &st, i + 1 == words.size()});
    staff_terms_.push_back({NormalizeText(st.id, Lang::kEn), &st, true});
  }
}

void EmbeddedNlu::AddServiceTerm(const Service& s, std::string_view text, Lang lang,
                                 bool single_word) {
  std::string norm = NormalizeText(text, lang);
  if (norm.empty()) return;
  std::string padded = Pad(norm);
  for (const auto& t : service_terms_)
    if (t.service == &s && t.lang == lang && t.padded == padded) return;
  service_terms_.push_back({std::move(padded), &s, lang, 0, single_word});
}

// A word's weight is 1 / (number of services whose terms use it), so
// "custody consultation" is the custody service ("custody" is its own) and
// not the initial consultation ("consultation" is everybody's).
void EmbeddedNlu::WeighServiceTerms() {
  static constexpr std::string_view kGeneric[] = {
      "a",  "an",  "the",  "de",     "la",      "el",    "of",          "and",  "y",    "my",
      "mi", "for", "para", "repair", "service", "visit", "appointment", "cita", "call", "con"};
  std::map<std::pair<std::string, int>, std::set<const Service*>> users;
  for (const auto& t : service_terms_)
    for (std::string_view w : SplitWords(t.padded))
      users[{std::string(w), static_cast<int>(t.lang)}].insert(t.service);
  // Distinctive words of longer terms stand for their service on their own
  // ("my ac is broken" -> AC repair).
  std::vector<ServiceTerm> singles;
  for (const auto& t : service_terms_) {
    const auto words = SplitWords(t.padded);
    if (words.size() < 2) continue;
    for (std::string_view w : words) {
      if (w.size() < 2 ||
          std::find(std::begin(kGeneric), std::end(kGeneric), w) != std::end(kGeneric))
        continue;
      if (users[{std::string(w), static_cast<int>(t.lang)}].size() != 1) continue;
      singles.push_back({Pad(w), t.service, t.lang, 0, true});
    }
  }
  for (auto& s : singles) {
    const bool dup =
        std::any_of(service_terms_.begin(), service_terms_.end(),
                    [&](const ServiceTerm& t) { return t.padded == s.padded && t.lang == s.lang; });
    if (!dup) service_terms_.push_back(std::move(s));
  }
  for (const auto& t : service_terms_) {
    if (t.single_word) continue;
    const auto words = SplitWords(t.padded);
    for (std::string_view w : words) {
      if (w.size() < 5) continue;
      auto& list = term_words_[t.lang == Lang::kEs ? 1 : 0];
      list.push_back({std::string(w), {}, t.service, words.size() == 1});
      list.back().stem = std::string(Stem(list.back().word));
    }
  }
  for (uint32_t k = 0; k < service_terms_.size(); ++k) {
    const ServiceTerm& t = service_terms_[k];
    service_index_[t.lang == Lang::kEs ? 1 : 0].Add(
        std::string_view(t.padded).substr(1, t.padded.size() - 2), k);
  }
  for (auto& t : service_terms_) {
    t.weight = 0;
    for (std::string_view w : SplitWords(t.padded)) {
      if (std::find(std::begin(kGeneric), std::end(kGeneric), w) != std::end(kGeneric)) continue;
      t.weight += 1.0 / static_cast<double>(std::max<std::size_t>(
                            1, users[{std::string(w), static_cast<int>(t.lang)}].size()));
    }
  }
}

const Service* EmbeddedNlu::FindService(std::string_view padded, Lang lang, bool expecting) const {
  // Each service scores the weights of its terms found in the text; a
  // distinctive single word counts half.
  std::vector<std::pair<const Service*, double>> scores;
  service_index_[lang == Lang::kEs ? 1 : 0].ForEachMatch(padded, [&](uint32_t k, std::string_view) {
    const ServiceTerm& t = service_terms_[k];
    const double w = t.single_word ? t.weight / 2 : t.weight;
    auto it =
        std::find_if(scores.begin(), scores.end(), [&](auto& s) { return s.first == t.service; });
    if (it == scores.end())
      scores.emplace_back(t.service, w);
    else
      it->second += w;
    return true;
  });
  if (!scores.empty()) {
    std::stable_sort(scores.begin(), scores.end(),
                     [](auto& a, auto& b) { return a.second > b.second; });
    return scores.front().first;
  }
  // Another form of a service word ("whitened" for "whitening"), then a
  // misheard one ("cleening"): one edit on words of five letters or more.
  // Only words that differ from the term's word count: equal words were
  // weighed above, and a shared word ("teeth") decides nothing.
  const std::vector<std::string_view> words = SplitWords(padded);
  for (int pass = 0; pass < 2; ++pass) {
    const Service* found = nullptr;
    for (const TermWord& tw : term_words_[lang == Lang::kEs ? 1 : 0]) {
      if (pass == 1 && !tw.whole_term) continue;
      for (std::string_view w : words) {
        if (w.size() < 5 || w == tw.word) continue;
        const bool same = pass == 0 ? Stem(w) == tw.stem : EditDistance(w, tw.word) <= 1;
        if (!same) continue;
        if (found && found != tw.service) return nullptr;  // ambiguous
        found = tw.service;
      }
    }
    if (found) return found;
  }
  const Service* found = nullptr;
  (void)expecting;
  return found;
}

const Staff* EmbeddedNlu::FindStaff(const std::vector<std::string_view>& words) const {
  for (std::size_t i = 0; i < words.size(); ++i) {
    for (const auto& t : staff_terms_) {
      if (words[i] != t.word) continue;
      // A first name alone is often an ordinary word or the caller's own
      // name; take it only after a title or "with"/"con"/"see"/"for".
      const bool cued =
          i > 0 && (IsTitle(words[i - 1]) || words[i - 1] == "with" || words[i - 1] == "con" ||
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
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front())))
      trimmed.remove_prefix(1);
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back())))
      trimmed.remove_suffix(1);
    for (std::string_view m : kSilenceMarkers)
      if (trimmed == m) trimmed = {};
    if (trimmed.empty()) {
      u.silence = true;
      return u;
    }
  }
  u.normalized = NormalizeText(utterance, ctx.lang);
  if (const auto detected = ctx.lang_known ? std::nullopt : DetectLanguage(u.normalized);
      detected && *detected != ctx.lang) {
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
    u.scores.emplace_back(k.intent, score);
  }
  // Emergencies are heard in either language, whatever the call's language.
  const Lang other = lang == Lang::kEn ? Lang::kEs : Lang::kEn;
  std::string_view emergency = pack_->emergency.phrases.Find(padded, lang);
  if (emergency.empty())
    emergency = pack_->emergency.phrases.Find(Pad(NormalizeText(utterance, other)), other);
  std::string_view urgent = pack_->urgent.phrases.Find(padded, lang);
  if (urgent.empty())
    urgent = pack_->urgent.phrases.Find(Pad(NormalizeText(utterance, other)), other);
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
  {
    // "a checkup instead, not a cleaning": the negated service is not the one.
    std::string masked = padded;
    for (std::string_view cue :
         {" not a ", " not an ", " not the ", " instead of a ", " instead of an ", " instead of ",
          " rather than ", " no una ", " no un ", " en vez de ", " en lugar de "}) {
      for (std::size_t at = masked.find(cue); at != std::string::npos;
           at = masked.find(cue, at + 1)) {
        std::size_t end = at + cue.size();
        for (int k = 0; k < 2 && end < masked.size(); ++k) {
          const std::size_t next = masked.find(' ', end);
          if (next == std::string::npos) break;
          end = next + 1;
        }
        for (std::size_t i = at + cue.size(); i + 1 < end; ++i) masked[i] = '_';
      }
    }
    u.service = FindService(masked, lang, want_service);
  }
  u.staff = FindStaff(words);
  u.date_of_birth = FindDateOfBirth(u.normalized, ctx.today, lang);
  if (!u.date_of_birth &&
      (ctx.expect == Expect::kDateOfBirth || ctx.expect == Expect::kNameAndDateOfBirth)) {
    // A bare date answering "what is your date of birth?" has no birth cue:
    // supply one before each word until a date reads.
    // "01 15 1988": month, day and year said as plain numbers.
    for (std::size_t i = 0; i + 2 < words.size() && !u.date_of_birth; ++i) {
      if (AllDigits(words[i]) && AllDigits(words[i + 1]) && AllDigits(words[i + 2]) &&
          words[i].size() <= 2 && words[i + 1].size() <= 2 && words[i + 2].size() == 4)
        u.date_of_birth =
            FindDateOfBirth("born " + std::string(words[i]) + "/" + std::string(words[i + 1]) +
                                "/" + std::string(words[i + 2]),
                            ctx.today, lang);
    }
    for (std::size_t i = 0; i < words.size() && !u.date_of_birth; ++i) {
      std::string cued = "born";
      for (std::size_t k = i; k < words.size(); ++k) (cued += ' ') += words[k];
      u.date_of_birth = FindDateOfBirth(cued, ctx.today, lang);
    }
  }
  const auto resolve = [&](std::string_view text) -> std::optional<When> {
    auto w = FindWhen(text, ctx.today, ctx.now_min, lang);
    if (!w || w->Empty()) return std::nullopt;
    if (w->date) w = WeekdayAndDayOfMonth(SplitWords(text), *w, ctx, lang);
    return w;
  };
  u.when = resolve(u.normalized);
  // "Monday at 2, no sorry, I mean Tuesday": what follows the last
  // correction cue wins; parts it leaves out come from before it.
  for (std::string_view cue :
       {" i mean ", " i meant ", " no sorry ", " sorry i mean ", " actually ", " quiero decir ",
        " perdon ", " mejor dicho ", " no no "}) {
    const std::size_t at = padded.rfind(cue);
    if (at == std::string::npos || at == 0) continue;
    const std::string tail = padded.substr(at + cue.size());
    auto fixed = resolve(tail);
    if (!fixed) continue;
    if (u.when && !fixed->date && !fixed->first_day) {
      fixed->date = u.when->date;
      fixed->first_day = u.when->first_day;
      fixed->last_day = u.when->last_day;
    }
    if (u.when && !fixed->time_min && !fixed->window_from_min) {
      fixed->time_min = u.when->time_min;
      fixed->window_from_min = u.when->window_from_min;
      fixed->window_to_min = u.when->window_to_min;
    }
    u.when = fixed;
    u.scores.emplace_back(Intent::kCorrection, 0.8);
    break;
  }
  // Answers that are numbers of another kind ("eight oh two oh six" for a
  // ZIP, "fourteen twenty York Street") are not times unless a day is named.
  switch (ctx.expect) {
    case Expect::kZip:
    case Expect::kPhone:
    case Expect::kAddress:
    case Expect::kName:
    case Expect::kDateOfBirth:
    case Expect::kNameAndDateOfBirth:
    case Expect::kInsurance:
    case Expect::kOpposingParty:
    case Expect::kMatter:
    case Expect::kMessage:
      if (u.when && !u.when->date && !u.when->first_day) u.when.reset();
      break;
    default:
      break;
  }
  // A past year in the answer to "what is your date of birth?" marks the
  // words as a birth date, even one that did not read as a date ("tomorrow
  // third nineteen eighty five", as a noisy line may render "march
  // third..."): it must not move the appointment. The question is asked
  // again instead.
  if (u.when && (ctx.expect == Expect::kDateOfBirth || ctx.expect == Expect::kNameAndDateOfBirth)) {
    const int this_year = static_cast<int>(ctx.today.year());
    for (std::string_view w : words) {
      if (w.size() != 4 || !AllDigits(w)) continue;
      const int y = std::stoi(std::string(w));
      if (y >= 1900 && y <= this_year) {
        u.when.reset();
        break;
      }
    }
  }
  // "eight is fine", "make it 11": a bare hour answers a question about time.
  if (!u.when && (ctx.expect == Expect::kWhen || ctx.expect == Expect::kChoice ||
                  ctx.expect == Expect::kYesNo)) {
    for (std::size_t i = 0; i < words.size(); ++i) {
      const std::string_view w = words[i];
      if (w.size() > 2 || !AllDigits(w)) continue;
      const int n = std::stoi(std::string(w));
      if (n < 1 || n > 12) continue;
      std::string cued = "at " + std::string(w);
      if (i + 1 < words.size() && words[i + 1].size() == 2 &&
          std::isdigit(static_cast<unsigned char>(words[i + 1][0])))
        (cued += ' ') += words[i + 1];
      for (std::size_t k = 0; k < words.size(); ++k)
        if (words[k] == "am" || words[k] == "pm" || words[k] == "morning" ||
            words[k] == "afternoon" || words[k] == "evening" || words[k] == "tarde" ||
            words[k] == "noche")
          (cued += ' ') += words[k];
      auto t = FindWhen(cued, ctx.today, ctx.now_min, lang);
      if (t && t->time_min) u.when = t;
      break;
    }
  }
  u.name = FindPersonName(utterance, lang);
  if (!u.name && (ctx.expect == Expect::kName || ctx.expect == Expect::kNameAndDateOfBirth))
    u.name = NameFromAnswer(NameBeforeDate(utterance), lang);
  u.phone = FindPhoneNumber(utterance, lang);
  u.email = FindEmail(utterance);
  u.zip = FindZip(utterance);
  if (!u.zip && ctx.expect == Expect::kZip) {
    // "eight oh two oh six", "80 206": digits said in groups.
    std::string digits;
    for (std::string_view w : words) {
      if (w == "oh" || w == "o") {
        digits += '0';
      } else if (AllDigits(w)) {
        digits += w;
      } else if (digits.size() != 5) {
        digits.clear();
      }
    }
    if (digits.size() == 5) u.zip = digits;
  }
  u.address = FindStreetAddress(utterance);
  if (const auto it = pack_->vocabulary.find("insurance"); it != pack_->vocabulary.end())
    if (const std::string_view v = it->second.Find(padded, lang); !v.empty())
      u.insurance = std::string(v);
  if (const auto it = pack_->vocabulary.find("matter"); it != pack_->vocabulary.end())
    if (const std::string_view v = it->second.Find(padded, lang); !v.empty())
      u.matter = std::string(v);
  if (!u.matter && ctx.expect == Expect::kMatter) u.matter = u.normalized;
  u.opposing_party =
      FindOpposingParty(utterance, padded, lang, ctx.expect == Expect::kOpposingParty);
  if (ctx.expect == Expect::kOpposingParty) {
    // "his name is John Miles" answers who the other party is.
    if (!u.opposing_party && u.name) u.opposing_party = u.name;
    u.name.reset();
  } else if (u.opposing_party && u.name && *u.opposing_party == *u.name) {
    u.opposing_party.reset();  // the caller's own name
  }
  if (ctx.expect == Expect::kChoice) u.choice = FindChoice(padded, &u.choice_last);

  // A request phrased only through its facts ("a cleaning next Tuesday").
  if (u.service && !u.Has(Intent::kBook) && u.Score(Intent::kInfo) < PhraseSet::kStrong)
    u.scores.emplace_back(Intent::kBook, 0.8);
  if (u.Has(Intent::kInfo) || u.Has(Intent::kAvailability)) u.topic = FindTopic(padded);
  if (u.advice) {
    // Advice is declined, whatever service or time the question mentions.
    std::erase_if(u.scores, [](auto& sc) { return sc.first == Intent::kInfo; });
    u.scores.emplace_back(Intent::kInfo, 0.93);
  }
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
