// The languages the embedded conversation engine understands and speaks, and
// the BCP-47 tags ("fr", "pt-BR") the speech engines and the LLM mode carry.
// LLM mode carries any language its provider supports; the embedded NLU,
// prompts and date phrasing cover English and Spanish.
//
// Thread safety: pure functions over static tables.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace voxdesk::dialog {

enum class Lang { kEn, kEs };

// "en-US", "en", "es-MX", "es" ... -> the language; anything else -> English.
Lang LangFromLocale(std::string_view locale);

// "en" | "es": the key used in packs and prompt templates.
std::string_view LangCode(Lang lang);

// A tag in one spelling for comparing and lookups: lower case, '-' for '_'
// ("pt_BR" -> "pt-br").
std::string NormalizeTag(std::string_view tag);

// The primary language subtag of a BCP-47 tag: "pt-BR" -> "pt", "es_MX" -> "es".
std::string_view PrimarySubtag(std::string_view tag);

// Two tags name the same language when their primary subtags match
// (case-insensitive): "en-US" and "en-GB" do, "pt" and "es" do not.
bool SameLanguage(std::string_view a, std::string_view b);

// The embedded language a tag names, or nullopt for a language the embedded
// engine cannot speak ("fr"): the caller then keeps its language.
std::optional<Lang> EmbeddedLang(std::string_view tag);

// The language's English name ("fr-CA" -> "French") for prompts to a
// language model; an unknown tag comes back as given.
std::string_view LanguageName(std::string_view tag);

}  // namespace voxdesk::dialog
