#include "dialog/lang.h"

#include <array>
#include <utility>

namespace voxdesk::dialog {

namespace {

char Lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (Lower(a[i]) != Lower(b[i])) return false;
  return true;
}

// The languages cloud speech and LLM providers commonly share (the product
// promises 32); names in English because the system prompt is English.
constexpr std::array<std::pair<std::string_view, std::string_view>, 32> kNames = {{
    {"ar", "Arabic"},    {"bg", "Bulgarian"}, {"cs", "Czech"},      {"da", "Danish"},
    {"de", "German"},    {"el", "Greek"},     {"en", "English"},    {"es", "Spanish"},
    {"fi", "Finnish"},   {"fil", "Filipino"}, {"fr", "French"},     {"hi", "Hindi"},
    {"hr", "Croatian"},  {"hu", "Hungarian"}, {"id", "Indonesian"}, {"it", "Italian"},
    {"ja", "Japanese"},  {"ko", "Korean"},    {"ms", "Malay"},      {"nl", "Dutch"},
    {"no", "Norwegian"}, {"pl", "Polish"},    {"pt", "Portuguese"}, {"ro", "Romanian"},
    {"ru", "Russian"},   {"sk", "Slovak"},    {"sv", "Swedish"},    {"ta", "Tamil"},
    {"tr", "Turkish"},   {"uk", "Ukrainian"}, {"vi", "Vietnamese"}, {"zh", "Chinese"},
}};

}  // namespace

Lang LangFromLocale(std::string_view locale) {
  if (locale.size() >= 2 && (locale[0] == 'e' || locale[0] == 'E') &&
      (locale[1] == 's' || locale[1] == 'S') &&
      (locale.size() == 2 || locale[2] == '-' || locale[2] == '_'))
    return Lang::kEs;
  return Lang::kEn;
}

std::string_view LangCode(Lang lang) {
  return lang == Lang::kEs ? "es" : "en";
}

std::string NormalizeTag(std::string_view tag) {
  std::string out(tag);
  for (char& c : out) c = c == '_' ? '-' : Lower(c);
  return out;
}

std::string_view PrimarySubtag(std::string_view tag) {
  const size_t end = tag.find_first_of("-_");
  return end == std::string_view::npos ? tag : tag.substr(0, end);
}

bool SameLanguage(std::string_view a, std::string_view b) {
  return EqualsNoCase(PrimarySubtag(a), PrimarySubtag(b));
}

std::optional<Lang> EmbeddedLang(std::string_view tag) {
  const std::string_view p = PrimarySubtag(tag);
  if (EqualsNoCase(p, "en")) return Lang::kEn;
  if (EqualsNoCase(p, "es")) return Lang::kEs;
  return std::nullopt;
}

std::string_view LanguageName(std::string_view tag) {
  const std::string_view p = PrimarySubtag(tag);
  for (const auto& [code, name] : kNames)
    if (EqualsNoCase(code, p)) return name;
  return tag;
}

}  // namespace voxdesk::dialog
