#include <algorithm>
#include <cctype>

#include "schedule/business.h"

namespace voxdesk {

bool IsE164(std::string_view s) {
  return s.size() >= 9 && s.size() <= 16 && s[0] == '+' && s[1] != '0' &&
         std::all_of(s.begin() + 1, s.end(),
                     [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)) != 0; });
}

Status ValidateCustomer(const Customer& c) {
  auto blank = [](const std::string& s) {
    for (unsigned char ch : s)
      if (!std::isspace(ch)) return false;
    return true;
  };
  if (blank(c.name)) return InvalidArgument("name: must not be empty");
  if (c.name.size() > 200) return InvalidArgument("name: longer than 200 characters");
  for (unsigned char ch : c.name)
    if (ch < 0x20) return InvalidArgument("name: contains control characters");
  const std::string& p = c.phone;
  bool e164 = p.size() >= 8 && p.size() <= 16 && p[0] == '+' && p[1] != '0';
  for (size_t i = 1; e164 && i < p.size(); ++i)
    e164 = std::isdigit(static_cast<unsigned char>(p[i]));
  if (!e164)
    return InvalidArgument("phone: \"" + p +
                           "\" is not an E.164 number (+ then 7 to 15 digits, e.g. +15550100199)");
  if (!c.email.empty()) {
    const auto at = c.email.find('@');
    if (at == 0 || at == std::string::npos || c.email.find('.', at) == std::string::npos ||
        c.email.find(' ') != std::string::npos)
      return InvalidArgument("email: \"" + c.email + "\" is not an email address");
  }
  if (!c.date_of_birth.empty() && !ParseLocalDate(c.date_of_birth, "date_of_birth").ok())
    return InvalidArgument("date_of_birth: \"" + c.date_of_birth + "\" is not a date (YYYY-MM-DD)");
  return Status::Ok();
}

}  // namespace voxdesk
