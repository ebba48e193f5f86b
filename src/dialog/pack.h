// An industry pack: what a kind of business asks callers, which phrases mean
// an emergency, what the agent says, in each language. Packs are data
// (packs/<id>/pack.json, compiled in); every pack extends "generic", and a
// business may override prompts and intake in its own config ("dialog").
//
// A Pack is immutable after loading and may be shared between threads.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "dialog/lang.h"
#include "dialog/phrases.h"

namespace voxdesk::dialog {

// A fact the agent collects from the caller before booking.
enum class Field {
  kName,
  kDateOfBirth,
  kPhone,
  kEmail,
  kInsurance,
  kAddress,
  kZip,
  kMatter,
  kOpposingParty
};
std::string_view FieldName(Field f);  // "name", "date_of_birth", ...

struct IntakeField {
  Field field = Field::kName;
  // Before looking for times (e.g. a conflict check or service-area check
  // decides whether to book at all), or before the read-back.
  enum class Stage { kBeforeSlots, kBeforeConfirm } stage = Stage::kBeforeConfirm;
  bool required = true;  // optional fields are kept when volunteered, never asked
};

// What to do when a phrase in `phrases` is heard.
struct Trigger {
  PhraseSet phrases;
  std::string script;  // prompt key spoken first
  std::string route;   // "on_call" | "transfer"
};

struct Pack {
  std::string id;
  std::string name;
  std::map<std::string, PhraseSet> intents;  // "book", "cancel", "yes", ...
  std::vector<IntakeField> intake;
  Trigger emergency;
  Trigger urgent;
  PhraseSet advice;            // requests for medical/legal advice: declined
  PhraseSet message_requests;  // refills, results: become messages
  // Extra service vocabulary: a business service whose name or synonyms
  // contain a key also answers to these words (e.g. Spanish names).
  std::vector<std::pair<std::string, std::vector<std::string>>> synonyms;
  std::map<std::string, PhraseSet> vocabulary;    // "insurance", "matter"
  std::vector<std::string> checks;                // "conflict", "service_area"
  std::vector<std::string> summary_fields;        // minimum-necessary fields for call summaries
  std::map<std::string, std::string> prompts[2];  // [en, es]: key -> template

  bool HasCheck(std::string_view c) const;
  const PhraseSet* Intent(std::string_view name) const;
  // The template for `key` in `lang`, falling back to English; empty if unknown.
  const std::string& Prompt(std::string_view key, Lang lang) const;
};

// Fills {name} placeholders; unknown placeholders stay as written.
std::string Render(std::string_view tmpl,
                   const std::vector<std::pair<std::string_view, std::string>>& vars);

// The pack with this id ("medical", "legal", "home_services", "generic"),
// merged over "generic". kNotFound for an unknown id; kConfig if its JSON is bad.
Result<std::shared_ptr<const Pack>> LoadPack(std::string_view id);

// Applies a business's "dialog" overrides (JSON text, see docs/config.md):
// prompts per language, intake fields and extra phrases. Errors name the
// config path ("dialog.prompts.en.greting: unknown prompt").
Result<std::shared_ptr<const Pack>> CustomizePack(const Pack& base, std::string_view dialog_json);

// Ids of the compiled-in packs.
std::vector<std::string> PackIds();

}  // namespace voxdesk::dialog
