#include "dialog/lang.h"

namespace voxdesk::dialog {

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

}  // namespace voxdesk::dialog
