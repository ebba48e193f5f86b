#include "dialog/pack.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "dialog/pack_data.h"

namespace voxdesk::dialog {
namespace {

using nlohmann::json;

constexpr std::array<std::pair<Field, std::string_view>, 9> kFieldNames = {{
    {Field::kName, "name"},
    {Field::kDateOfBirth, "date_of_birth"},
    {Field::kPhone, "phone"},
    {Field::kEmail, "email"},
    {Field::kInsurance, "insurance"},
    {Field::kAddress, "address"},
    {Field::kZip, "zip"},
    {Field::kMatter, "matter"},
    {Field::kOpposingParty, "opposing_party"},
}};

constexpr std::array<std::pair<Lang, std::string_view>, 2> kLangs = {
    {{Lang::kEn, "en"}, {Lang::kEs, "es"}}};

Status Bad(const std::string& path, const std::string& what) {
  return Status(Code::kConfig, path + ": " + what);
}

// Reads {"en": [...], "es": [...]} into `set` (appending).
Status ReadPhrases(const json& j, const std::string& path, PhraseSet* set) {
  if (!j.is_object()) return Bad(path, "must be an object of language -> list of phrases");
  for (const auto& item : j.items()) {
    const std::string& lang_key = item.key();
    const json& list = item.value();
    const auto lang =
        std::find_if(kLangs.begin(), kLangs.end(), [&](auto& l) { return l.second == lang_key; });
    if (lang == kLangs.end())
      return Bad(path + "." + lang_key, "unknown language (use \"en\" or \"es\")");
    if (!list.is_array()) return Bad(path + "." + lang_key, "must be a list of phrases");
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_string())
        return Bad(path + "." + lang_key + "[" + std::to_string(i) + "]", "must be a string");
      set->Add(lang->first, list[i].get<std::string>());
    }
  }
  return Status::Ok();
}

Status ReadStrings(const json& j, const std::string& path, std::vector<std::string>* out) {
  if (!j.is_array()) return Bad(path, "must be a list of strings");
  out->clear();
  for (std::size_t i = 0; i < j.size(); ++i) {
    if (!j[i].is_string()) return Bad(path + "[" + std::to_string(i) + "]", "must be a string");
    out->push_back(j[i].get<std::string>());
  }
  return Status::Ok();
}

Status ReadIntake(const json& j, const std::string& path, std::vector<IntakeField>* out) {
  if (!j.is_array()) return Bad(path, "must be a list of {field, stage, required}");
  out->clear();
  for (std::size_t i = 0; i < j.size(); ++i) {
    const std::string p = path + "[" + std::to_string(i) + "]";
    const json& e = j[i];
    if (!e.is_object() || !e.contains("field") || !e["field"].is_string())
      return Bad(p, "must be an object with a \"field\" name");
    IntakeField f;
    const std::string name = e["field"].get<std::string>();
    const auto it = std::find_if(kFieldNames.begin(), kFieldNames.end(),
                                 [&](auto& k) { return k.second == name; });
    if (it == kFieldNames.end())
      return Bad(
          p + ".field",
          "unknown field \"" + name +
              "\" (known: name, date_of_birth, phone, email, insurance, address, zip, matter, "
              "opposing_party)");
    f.field = it->first;
    if (e.contains("stage")) {
      const json& s = e["stage"];
      if (s == "before_slots")
        f.stage = IntakeField::Stage::kBeforeSlots;
      else if (s == "before_confirm")
        f.stage = IntakeField::Stage::kBeforeConfirm;
      else
        return Bad(p + ".stage", "must be \"before_slots\" or \"before_confirm\"");
    }
    if (e.contains("required")) {
      if (!e["required"].is_boolean()) return Bad(p + ".required", "must be true or false");
      f.required = e["required"].get<bool>();
    }
    out->push_back(f);
  }
  return Status::Ok();
}

Status ReadTrigger(const json& j, const std::string& path, Trigger* t) {
  if (!j.is_object()) return Bad(path, "must be an object {phrases, script, route}");
  if (j.contains("phrases"))
    VOXDESK_RETURN_IF_ERROR(ReadPhrases(j["phrases"], path + ".phrases", &t->phrases));
  if (j.contains("script")) {
    if (!j["script"].is_string()) return Bad(path + ".script", "must be a prompt key");
    t->script = j["script"].get<std::string>();
  }
  if (j.contains("route")) {
    if (j["route"] != "on_call" && j["route"] != "transfer")
      return Bad(path + ".route", "must be \"on_call\" or \"transfer\"");
    t->route = j["route"].get<std::string>();
  }
  return Status::Ok();
}

// `known_prompts` (from generic) restricts which keys an override may set, so
// a typo in a business config is an error rather than a silently unused prompt.
Status ReadPrompts(const json& j, const std::string& path, Pack* pack, const Pack* known_prompts) {
  if (!j.is_object()) return Bad(path, "must be an object of language -> {key: template}");
  for (const auto& item : j.items()) {
    const std::string& lang_key = item.key();
    const json& obj = item.value();
    const auto lang =
        std::find_if(kLangs.begin(), kLangs.end(), [&](auto& l) { return l.second == lang_key; });
    if (lang == kLangs.end())
      return Bad(path + "." + lang_key, "unknown language (use \"en\" or \"es\")");
    if (!obj.is_object())
      return Bad(path + "." + lang_key, "must be an object of prompt key -> text");
    auto& table = pack->prompts[lang->first == Lang::kEs ? 1 : 0];
    for (const auto& [key, text] : obj.items()) {
      const std::string p = path + "." + lang_key + "." + key;
      if (!text.is_string()) return Bad(p, "must be a string");
      if (known_prompts && !known_prompts->prompts[0].contains(key))
        return Bad(p, "unknown prompt");
      table[key] = text.get<std::string>();
    }
  }
  return Status::Ok();
}

// Applies one pack (or override) document on top of `pack`. Lists replace,
// phrase sets and prompts add to what is there.
Status Apply(const json& j, const std::string& root, Pack* pack, const Pack* known_prompts) {
  if (!j.is_object()) return Bad(root.empty() ? "pack" : root, "must be a JSON object");
  const auto path = [&](const char* key) {
    return root.empty() ? std::string(key) : root + "." + key;
  };
  for (const auto& [key, v] : j.items()) {
    if (key == "id" || key == "name") {
      if (!v.is_string()) return Bad(path(key.c_str()), "must be a string");
      (key == "id" ? pack->id : pack->name) = v.get<std::string>();
    } else if (key == "intents") {
      if (!v.is_object()) return Bad(path("intents"), "must be an object of intent -> phrases");
      for (const auto& [intent, phrases] : v.items())
        VOXDESK_RETURN_IF_ERROR(
            ReadPhrases(phrases, path("intents") + "." + intent, &pack->intents[intent]));
    } else if (key == "intake") {
      VOXDESK_RETURN_IF_ERROR(ReadIntake(v, path("intake"), &pack->intake));
    } else if (key == "emergency") {
      VOXDESK_RETURN_IF_ERROR(ReadTrigger(v, path("emergency"), &pack->emergency));
    } else if (key == "urgent") {
      VOXDESK_RETURN_IF_ERROR(ReadTrigger(v, path("urgent"), &pack->urgent));
    } else if (key == "advice") {
      VOXDESK_RETURN_IF_ERROR(ReadPhrases(v, path("advice"), &pack->advice));
    } else if (key == "message_requests") {
      VOXDESK_RETURN_IF_ERROR(ReadPhrases(v, path("message_requests"), &pack->message_requests));
    } else if (key == "synonyms") {
      if (!v.is_object())
        return Bad(path("synonyms"), "must be an object of word -> list of synonyms");
      for (const auto& [word, list] : v.items()) {
        std::vector<std::string> words;
        VOXDESK_RETURN_IF_ERROR(ReadStrings(list, path("synonyms") + "." + word, &words));
        pack->synonyms.emplace_back(word, std::move(words));
      }
    } else if (key == "vocabulary") {
      if (!v.is_object())
        return Bad(path("vocabulary"), "must be an object of kind -> list of words");
      for (const auto& [kind, list] : v.items()) {
        std::vector<std::string> words;
        VOXDESK_RETURN_IF_ERROR(ReadStrings(list, path("vocabulary") + "." + kind, &words));
        PhraseSet& set = pack->vocabulary[kind];
        // Vocabulary is language-neutral (carrier names, matter types).
        for (const auto& w : words) {
          set.Add(Lang::kEn, w);
          set.Add(Lang::kEs, w);
        }
      }
    } else if (key == "checks") {
      VOXDESK_RETURN_IF_ERROR(ReadStrings(v, path("checks"), &pack->checks));
      for (std::size_t i = 0; i < pack->checks.size(); ++i)
        if (pack->checks[i] != "conflict" && pack->checks[i] != "service_area")
          return Bad(path("checks") + "[" + std::to_string(i) + "]",
                     "must be \"conflict\" or \"service_area\"");
    } else if (key == "summary_fields") {
      VOXDESK_RETURN_IF_ERROR(ReadStrings(v, path("summary_fields"), &pack->summary_fields));
    } else if (key == "prompts") {
      VOXDESK_RETURN_IF_ERROR(ReadPrompts(v, path("prompts"), pack, known_prompts));
    } else {
      return Bad(path(key.c_str()), "unknown key");
    }
  }
  return Status::Ok();
}

const char* FindEmbedded(std::string_view id) {
  for (std::size_t i = 0; i < kEmbeddedPackCount; ++i)
    if (id == kEmbeddedPacks[i].id) return kEmbeddedPacks[i].json;
  return nullptr;
}

Status ApplyEmbedded(std::string_view id, Pack* pack) {
  const char* text = FindEmbedded(id);
  if (!text) return Status(Code::kNotFound, "unknown industry pack \"" + std::string(id) + "\"");
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Bad("packs/" + std::string(id) + "/pack.json", "not valid JSON");
  Status st = Apply(j, "", pack, nullptr);
  if (!st.ok())
    return Status(Code::kConfig, "packs/" + std::string(id) + "/pack.json: " + st.message());
  return Status::Ok();
}

}  // namespace

std::string_view FieldName(Field f) {
  for (const auto& [field, name] : kFieldNames)
    if (field == f) return name;
  return "?";
}

bool Pack::HasCheck(std::string_view c) const {
  return std::find(checks.begin(), checks.end(), c) != checks.end();
}

const PhraseSet* Pack::Intent(std::string_view name) const {
  const auto it = intents.find(std::string(name));
  return it == intents.end() ? nullptr : &it->second;
}

const std::string& Pack::Prompt(std::string_view key, Lang lang) const {
  static const std::string kEmpty;
  const auto& table = prompts[lang == Lang::kEs ? 1 : 0];
  if (const auto it = table.find(std::string(key)); it != table.end()) return it->second;
  if (const auto it = prompts[0].find(std::string(key)); it != prompts[0].end()) return it->second;
  return kEmpty;
}

std::string Render(std::string_view tmpl,
                   const std::vector<std::pair<std::string_view, std::string>>& vars) {
  std::string out;
  out.reserve(tmpl.size() + 32);
  std::size_t i = 0;
  while (i < tmpl.size()) {
    if (tmpl[i] == '{') {
      const std::size_t close = tmpl.find('}', i);
      if (close != std::string_view::npos) {
        const std::string_view name = tmpl.substr(i + 1, close - i - 1);
        const auto it =
            std::find_if(vars.begin(), vars.end(), [&](auto& v) { return v.first == name; });
        if (it != vars.end()) {
          out += it->second;
          i = close + 1;
          continue;
        }
      }
    }
    out += tmpl[i++];
  }
  return out;
}

Result<std::shared_ptr<const Pack>> LoadPack(std::string_view id) {
  auto pack = std::make_shared<Pack>();
  VOXDESK_RETURN_IF_ERROR(ApplyEmbedded("generic", pack.get()));
  if (id != "generic") VOXDESK_RETURN_IF_ERROR(ApplyEmbedded(id, pack.get()));
  pack->id = std::string(id);
  return std::shared_ptr<const Pack>(std::move(pack));
}

Result<std::shared_ptr<const Pack>> CustomizePack(const Pack& base, std::string_view dialog_json) {
  auto pack = std::make_shared<Pack>(base);
  if (dialog_json.empty()) return std::shared_ptr<const Pack>(std::move(pack));
  const json j = json::parse(dialog_json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Bad("dialog", "not valid JSON");
  if (!j.is_object()) return Bad("dialog", "must be an object");
  // Only these keys belong to the pack; the rest of "dialog" is engine policy.
  json pack_part = json::object();
  for (const char* k : {"prompts", "intake", "intents", "emergency", "urgent", "advice",
                        "message_requests", "synonyms", "vocabulary", "summary_fields"})
    if (j.contains(k)) pack_part[k] = j[k];
  VOXDESK_RETURN_IF_ERROR(Apply(pack_part, "dialog", pack.get(), &base));
  pack->id = base.id;
  return std::shared_ptr<const Pack>(std::move(pack));
}

std::vector<std::string> PackIds() {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < kEmbeddedPackCount; ++i) ids.emplace_back(kEmbeddedPacks[i].id);
  return ids;
}

}  // namespace voxdesk::dialog
