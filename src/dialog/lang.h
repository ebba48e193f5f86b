// The languages the embedded conversation engine understands and speaks.
// LLM mode carries any language its provider supports; the embedded NLU,
// prompts and date phrasing cover these.
#pragma once

#include <string_view>

namespace voxdesk::dialog {

enum class Lang { kEn, kEs };

// "en-US", "en", "es-MX", "es" ... -> the language; anything else -> English.
Lang LangFromLocale(std::string_view locale);

// "en" | "es": the key used in packs and prompt templates.
std::string_view LangCode(Lang lang);

}  // namespace voxdesk::dialog
