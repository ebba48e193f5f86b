// Understanding one caller turn: what the caller wants (intents with a
// confidence in [0, 1]) and the facts they gave (service, staff, date and
// time, name, date of birth, phone, email, address, ZIP, insurance, legal
// matter, opposing party), in English or Spanish, from the noisy text speech
// recognisers produce.
//
// The embedded NLU is rules over the business's config and its industry
// pack: no model files, microseconds per turn. An LLM-backed NLU can
// implement the same interface.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/time.h"
#include "dialog/lang.h"
#include "dialog/pack.h"
#include "dialog/when.h"
#include "schedule/business.h"

namespace voxdesk::dialog {

enum class Intent {
  kUnknown,
  kBook,
  kReschedule,
  kCancel,
  kAvailability,
  kInfo,
  kHuman,
  kMessage,
  kEmergency,
  kYes,
  kNo,
  kCorrection,
  kGoodbye,
};
std::string_view IntentName(Intent i);  // "book", "reschedule", ...

// What a business-info question is about. kOther goes to the knowledge base.
enum class Topic { kNone, kHours, kAddress, kPrice, kServices, kOther };

// What the agent just asked for, so a bare answer ("Tuesday", "Ana Ruiz",
// "yes") is read as that fact.
enum class Expect {
  kNothing,
  kYesNo,
  kService,
  kWhen,
  kChoice,  // one of the offered options
  kName,
  kDateOfBirth,
  kPhone,
  kEmail,
  kInsurance,
  kAddress,
  kZip,
  kMatter,
  kOpposingParty,
  kRecipient,  // who a message is for
  kMessage,    // the message itself: any text
  kNameAndDateOfBirth,
};

struct NluContext {
  LocalDate today;  // in the business zone
  int now_min = 0;  // minutes after local midnight
  Lang lang = Lang::kEn;
  // The recogniser named the caller's language: take `lang` as given rather
  // than guess it from the words (French "un rendez-vous" reads as Spanish).
  bool lang_known = false;
  Expect expect = Expect::kNothing;
};

struct Understanding {
  Lang lang = Lang::kEn;  // the language the caller spoke this turn
  std::string normalized;
  bool silence = false;  // nothing was said

  Intent intent = Intent::kUnknown;
  double confidence = 0;                          // of `intent`
  std::vector<std::pair<Intent, double>> scores;  // every intent heard, best first
  double Score(Intent i) const;
  bool Has(Intent i) const { return Score(i) > 0; }

  // Facts. Pointers refer into the Business the NLU was built with.
  const Service* service = nullptr;
  const Staff* staff = nullptr;
  std::optional<When> when;
  std::optional<LocalDate> date_of_birth;
  std::optional<std::string> name, phone, email, zip, address, insurance, matter;
  std::optional<std::string> opposing_party;  // "" = the caller said there is none
  std::optional<int> choice;  // 0-based pick among offered options ("the second one")
  bool choice_last = false;   // "the last one"
  Topic topic = Topic::kNone;
  bool emergency = false;        // a pack emergency phrase
  bool urgent = false;           // a pack urgent phrase
  bool advice = false;           // asks for medical/legal advice
  bool request_message = false;  // refill, results... (becomes a message)
  std::string emergency_phrase;  // what triggered emergency/urgent, for the record

  // Anything at all the dialog can use (an intent or a fact).
  bool HasFacts() const;
};

class Nlu {
 public:
  virtual ~Nlu() = default;
  // Never fails: text it cannot read is kUnknown with confidence 0.
  virtual Understanding Understand(std::string_view utterance, const NluContext& ctx) const = 0;
};

// Rules over the business's services, staff and the pack's phrases.
// Immutable after construction; Understand may run on several threads.
class EmbeddedNlu final : public Nlu {
 public:
  EmbeddedNlu(const Business& business, std::shared_ptr<const Pack> pack);
  Understanding Understand(std::string_view utterance, const NluContext& ctx) const override;

 private:
  struct ServiceTerm {
    std::string padded;  // normalised " teeth cleaning "
    const Service* service;
    Lang lang;
    double weight = 0;         // sum of its words' 1/(services using the word)
    bool single_word = false;  // a distinctive word of a longer term ("ac")
  };
  struct StaffTerm {
    std::string word;  // a normalised name word: "lee", "hannah"
    const Staff* staff;
    bool surname;
  };
  void AddServiceTerm(const Service& s, std::string_view text, Lang lang, bool single_word = false);
  void WeighServiceTerms();
  const Service* FindService(std::string_view padded, Lang lang, bool expecting) const;
  const Staff* FindStaff(const std::vector<std::string_view>& words) const;

  const Business& business_;
  std::shared_ptr<const Pack> pack_;
  std::vector<ServiceTerm> service_terms_;
  PhraseIndex service_index_[2];  // per language: payload = index into service_terms_
  struct TermWord {
    std::string word, stem;  // a word of five letters or more of a service term
    const Service* service;
    bool whole_term;  // the term is this one word
  };
  std::vector<TermWord> term_words_[2];  // per language, for word forms and misheard words
  std::vector<StaffTerm> staff_terms_;
};

// Which language a normalised utterance is in, when the evidence is clear.
std::optional<Lang> DetectLanguage(std::string_view normalized);

}  // namespace voxdesk::dialog
