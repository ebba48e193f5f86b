// The contact finders on arbitrary bytes, in both languages: they must never
// crash, and whatever they return must have the shape contact.h promises
// (abort otherwise).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "dialog/contact.h"

namespace {

void Fail(const char* what, std::string_view input, const std::string& out) {
  std::fprintf(stderr, "fuzz_contact: %s: input \"%.*s\" output \"%s\"\n", what,
               static_cast<int>(input.size()), input.data(), out.c_str());
  std::abort();
}

bool Digit(char c) {
  return c >= '0' && c <= '9';
}

bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80             ? 1
                     : (c & 0xE0) == 0xC0 ? 2
                     : (c & 0xF0) == 0xE0 ? 3
                     : (c & 0xF8) == 0xF0 ? 4
                                          : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

// ^\+[0-9]{8,15}$
void CheckPhone(std::string_view in, const std::optional<std::string>& p) {
  if (!p) return;
  if (p->size() < 9 || p->size() > 16 || (*p)[0] != '+') Fail("phone shape", in, *p);
  for (size_t i = 1; i < p->size(); ++i)
    if (!Digit((*p)[i])) Fail("phone has a non-digit", in, *p);
}

void CheckEmail(std::string_view in, const std::optional<std::string>& e) {
  if (!e) return;
  const size_t at = e->find('@');
  if (at == std::string::npos || at == 0 || e->find('@', at + 1) != std::string::npos)
    Fail("email needs exactly one '@' after a local part", in, *e);
  const std::string_view domain = std::string_view(*e).substr(at + 1);
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.')
    Fail("email domain needs an inner dot", in, *e);
  for (char c : *e) {
    if (c >= 'A' && c <= 'Z') Fail("email not lower-cased", in, *e);
    if (static_cast<unsigned char>(c) <= ' ' || static_cast<unsigned char>(c) >= 0x7F)
      Fail("email has a space, control or non-ASCII byte", in, *e);
  }
}

// ^[0-9]{5}(-[0-9]{4})?$
void CheckZip(std::string_view in, const std::optional<std::string>& z) {
  if (!z) return;
  const bool five = z->size() == 5;
  const bool nine = z->size() == 10 && (*z)[5] == '-';
  if (!five && !nine) Fail("zip shape", in, *z);
  for (size_t i = 0; i < z->size(); ++i)
    if (i != 5 && !Digit((*z)[i])) Fail("zip has a non-digit", in, *z);
}

void CheckText(const char* what, std::string_view in, const std::optional<std::string>& t,
               size_t max_words) {
  if (!t) return;
  if (t->empty() || !ValidUtf8(*t)) Fail(what, in, *t);
  if (t->front() == ' ' || t->back() == ' ' || t->find("  ") != std::string::npos)
    Fail(what, in, *t);
  size_t words = 1;
  for (char c : *t) words += c == ' ';
  if (words > max_words) Fail(what, in, *t);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  using voxdesk::dialog::Lang;
  for (Lang lang : {Lang::kEn, Lang::kEs}) {
    CheckPhone(text, voxdesk::dialog::FindPhoneNumber(text, lang));
    CheckText("name", text, voxdesk::dialog::FindPersonName(text, lang), 4);
    CheckText("name from answer", text, voxdesk::dialog::NameFromAnswer(text, lang), 4);
  }
  CheckEmail(text, voxdesk::dialog::FindEmail(text));
  CheckZip(text, voxdesk::dialog::FindZip(text));
  CheckText("address", text, voxdesk::dialog::FindStreetAddress(text), size + 1);
  return 0;
}
