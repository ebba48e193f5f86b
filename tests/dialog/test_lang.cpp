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
