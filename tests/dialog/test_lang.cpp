#include <doctest/doctest.h>

#include "dialog/lang.h"

using voxdesk::dialog::Lang;
using voxdesk::dialog::LangCode;
using voxdesk::dialog::LangFromLocale;

TEST_CASE("locales map to the language of their primary subtag") {
  CHECK(LangFromLocale("es-MX") == Lang::kEs);
  CHECK(LangFromLocale("es") == Lang::kEs);
  CHECK(LangFromLocale("ES_es") == Lang::kEs);
  CHECK(LangFromLocale("en-US") == Lang::kEn);
  CHECK(LangFromLocale("est") == Lang::kEn);  // Estonian is not Spanish
  CHECK(LangFromLocale("") == Lang::kEn);
  CHECK(LangCode(Lang::kEs) == "es");
  CHECK(LangCode(Lang::kEn) == "en");
}

TEST_CASE("language tags compare by their primary subtag whatever the case or separator") {
  using voxdesk::dialog::PrimarySubtag;
  using voxdesk::dialog::SameLanguage;
  CHECK(PrimarySubtag("pt-BR") == "pt");
  CHECK(PrimarySubtag("es_MX") == "es");
  CHECK(PrimarySubtag("fil") == "fil");
  CHECK(PrimarySubtag("") == "");
  CHECK(SameLanguage("en-US", "en"));
  CHECK(SameLanguage("EN-gb", "en_US"));
  CHECK_FALSE(SameLanguage("pt", "es"));
  CHECK_FALSE(SameLanguage("est", "es"));  // Estonian is not Spanish
  CHECK_FALSE(SameLanguage("fr", ""));
}

TEST_CASE("only English and Spanish tags are embedded languages") {
  using voxdesk::dialog::EmbeddedLang;
  CHECK(EmbeddedLang("es-419") == Lang::kEs);
  CHECK(EmbeddedLang("EN") == Lang::kEn);
  CHECK_FALSE(EmbeddedLang("fr-CA").has_value());
  CHECK_FALSE(EmbeddedLang("est").has_value());
  CHECK_FALSE(EmbeddedLang("").has_value());
}

TEST_CASE("language names for a model's prompt come from the primary subtag") {
  using voxdesk::dialog::LanguageName;
  CHECK(LanguageName("fr-CA") == "French");
  CHECK(LanguageName("PT_br") == "Portuguese");
  CHECK(LanguageName("fil") == "Filipino");
  CHECK(LanguageName("zh-Hant-TW") == "Chinese");
  CHECK(LanguageName("tlh") == "tlh");  // unknown: the tag itself
}
