// Hand-written scanners over a small token list (see contact.h). Every
// finder first splits the utterance into words with their byte spans, the
// punctuation between them and a folded form (lower case, Latin-1 accents
// removed), then walks that list; each step looks at most a few tokens ahead,
// so the cost stays linear in the utterance.
#include "dialog/contact.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <new>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace voxdesk::dialog {

namespace {

// ---------------------------------------------------------------- text --

bool IsAsciiAlpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsAsciiDigit(unsigned char c) {
  return c >= '0' && c <= '9';
}
bool IsAsciiAlnum(unsigned char c) {
  return IsAsciiAlpha(c) || IsAsciiDigit(c);
}
char AsciiLower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
}

// Length of the UTF-8 sequence at s[i], or 0 when it is not valid UTF-8.
size_t Utf8Len(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  size_t n = 0;
  uint32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  uint32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    const auto d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (d & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

uint32_t CodePoint(std::string_view s, size_t i, size_t n) {
  const auto c = static_cast<unsigned char>(s[i]);
  uint32_t cp = n == 1 ? c : c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t n = Utf8Len(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

// Letters of words: ASCII alphanumerics and every code point from U+00C0 up,
// except the Latin-1 signs, general punctuation and currency blocks. Invalid
// bytes count as letters so that a word with a broken byte stays one word
// (and is then refused where output must be valid UTF-8).
bool IsWordCodePoint(uint32_t cp) {
  if (cp < 0x80) return IsAsciiAlnum(static_cast<unsigned char>(cp));
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols, arrows
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  return true;
}

// Lower-case ASCII, Latin-1 letters folded to their base letter, the right
// single quote as an apostrophe. Other bytes pass through.
std::string Fold(std::string_view w) {
  static constexpr std::string_view kLatin1 =
      "aaaaaaaceeeeiiiidnooooo*ouuuuytsaaaaaaaceeeeiiiidnooooo*ouuuuyty";
  std::string out;
  out.reserve(w.size());
  for (size_t i = 0; i < w.size(); ++i) {
    const auto c = static_cast<unsigned char>(w[i]);
    if (c == 0xC3 && i + 1 < w.size()) {
      const auto d = static_cast<unsigned char>(w[i + 1]);
      if (d >= 0x80 && d <= 0xBF && kLatin1[d - 0x80] != '*') {
        out += kLatin1[d - 0x80];
        ++i;
        continue;
      }
    }
    if (c == 0xE2 && i + 2 < w.size() && static_cast<unsigned char>(w[i + 1]) == 0x80 &&
        static_cast<unsigned char>(w[i + 2]) == 0x99) {
      out += '\'';
      i += 2;
      continue;
    }
    out += AsciiLower(static_cast<char>(c));
  }
  return out;
}

// An immutable set of folded words, searched by binary search.
class WordSet {
 public:
  WordSet(std::initializer_list<std::string_view> words) : words_(words) {
    std::sort(words_.begin(), words_.end());
  }
  bool Has(std::string_view w) const { return std::binary_search(words_.begin(), words_.end(), w); }

 private:
  std::vector<std::string_view> words_;
};

// -------------------------------------------------------------- tokens --

struct Token {
  std::string_view raw;  // the word as written
  std::string low;       // Fold(raw)
  size_t begin = 0;      // byte offsets in the utterance
  size_t end = 0;
  std::string_view sep;  // what stood between the previous token and this one
  bool brk = false;      // sep ends a clause: , ; : ? ! or a sentence-ending '.'
  bool digits = false;   // raw is all ASCII digits
  bool plus = false;     // sep ends with '+'
  bool hyphen = false;   // sep is a lone '-' (555-1234, 80202-1234)
  bool hash = false;     // sep ends with '#'
};

// Splits at everything that is not a word letter; apostrophes and hyphens
// between letters stay inside a word ("O'Brien", "I'm", "Mary-Jane").
std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> toks;
  size_t i = 0;
  size_t sep_begin = 0;
  auto is_word_at = [&](size_t at, size_t* len) {
    const size_t n = Utf8Len(s, at);
    *len = n == 0 ? 1 : n;
    return n == 0 || IsWordCodePoint(CodePoint(s, at, n));
  };
  while (i < s.size()) {
    size_t len = 0;
    if (!is_word_at(i, &len)) {
      i += len;
      continue;
    }
    Token t;
    t.begin = i;
    t.sep = s.substr(sep_begin, i - sep_begin);
    while (i < s.size()) {
      if (is_word_at(i, &len)) {
        i += len;
        continue;
      }
      // A joiner between two letters: ' ’ or '-' (not between digits, so
      // 555-1234 stays two numbers).
      size_t jlen = 0;
      if (s[i] == '\'' || s[i] == '-') {
        jlen = 1;
      } else if (s.substr(i, 3) == "\xE2\x80\x99") {
        jlen = 3;
      }
      size_t next = 0;
      if (jlen && i + jlen < s.size() && is_word_at(i + jlen, &next) &&
          !IsAsciiDigit(static_cast<unsigned char>(s[i + jlen])) &&
          !IsAsciiDigit(static_cast<unsigned char>(s[i - 1]))) {
        i += jlen;
        continue;
      }
      break;
    }
    t.end = i;
    t.raw = s.substr(t.begin, t.end - t.begin);
    t.low = Fold(t.raw);
    t.digits = std::all_of(t.raw.begin(), t.raw.end(),
                           [](char c) { return IsAsciiDigit(static_cast<unsigned char>(c)); });
    for (size_t k = 0; k < t.sep.size(); ++k) {
      const char c = t.sep[k];
      if (c == ',' || c == ';' || c == ':' || c == '?' || c == '!') t.brk = true;
      // A '.' followed by a space ends a sentence; "555.142.2277" does not.
      if (c == '.' && k + 1 < t.sep.size()) t.brk = true;
    }
    if (!t.sep.empty() && t.sep.back() == '+') t.plus = true;
    if (!t.sep.empty() && t.sep.back() == '#') t.hash = true;
    t.hyphen = t.sep == "-";
    if (toks.empty()) t.brk = false;  // nothing before it to break from
    toks.push_back(std::move(t));
    sep_begin = i;
  }
  return toks;
}

std::string NormaliseSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// ------------------------------------------------------- number words --

// A spoken digit word's value, or -1. "oh"/"o" is zero only inside a number.
int UnitWord(std::string_view w, Lang lang) {
  static constexpr std::array<std::string_view, 10> kEn = {"zero", "one", "two",   "three", "four",
                                                           "five", "six", "seven", "eight", "nine"};
  static constexpr std::array<std::string_view, 10> kEs = {
      "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"};
  const auto& words = lang == Lang::kEs ? kEs : kEn;
  for (int d = 0; d < 10; ++d)
    if (words[static_cast<size_t>(d)] == w) return d;
  return -1;
}

int TeenWord(std::string_view w, Lang lang) {
  static constexpr std::array<std::string_view, 10> kEn = {
      "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
      "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
  static constexpr std::array<std::string_view, 10> kEs = {
      "diez",   "once",      "doce",       "trece",     "catorce",
      "quince", "dieciseis", "diecisiete", "dieciocho", "diecinueve"};
  const auto& words = lang == Lang::kEs ? kEs : kEn;
  for (int d = 0; d < 10; ++d)
    if (words[static_cast<size_t>(d)] == w) return 10 + d;
  return -1;
}

int TensWord(std::string_view w, Lang lang) {
  static constexpr std::array<std::string_view, 8> kEn = {"twenty", "thirty",  "forty",  "fifty",
                                                          "sixty",  "seventy", "eighty", "ninety"};
  static constexpr std::array<std::string_view, 8> kEs = {
      "veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"};
  const auto& words = lang == Lang::kEs ? kEs : kEn;
  for (int d = 0; d < 8; ++d)
    if (words[static_cast<size_t>(d)] == w) return 20 + 10 * d;
  if (lang == Lang::kEn && w == "fourty") return 40;
  return -1;
}

// Spanish 21..29 in one word: "veintiuno" ... "veintinueve" (accents folded).
int VeintiWord(std::string_view w, Lang lang) {
  if (lang != Lang::kEs || w.substr(0, 6) != "veinti") return -1;
  const std::string_view rest = w.substr(6);
  if (rest == "un") return 21;
  const int u = UnitWord(rest, lang);
  return u >= 1 ? 20 + u : -1;
}

// Turns a run of tokens into the digits it spells: written digits, digit
// words, teens, tens (+ unit), "double"/"triple" + digit. Used for phone
// numbers and ZIP codes.
struct DigitRun {
  std::string digits;
  size_t first = 0;  // token index where the run starts
  size_t last = 0;   // one past the last token of the run
  bool plus = false;
  bool too_long = false;
  // Digit positions where a clause break fell ("555, 142, 2277"): the run
  // goes on through pauses, and a run that is not valid as a whole is tried
  // piece by piece between them.
  std::vector<size_t> cuts;
};

constexpr size_t kMaxRunDigits = 20;

// Reads the longest run starting at toks[i]; returns false when toks[i]
// starts no number. Stops at a clause break or a word that is not part of a
// number. `allow_hyphen_word` lets "dash"/"guion" join groups.
bool ReadDigitRun(const std::vector<Token>& toks, size_t i, Lang lang, DigitRun* run) {
  *run = DigitRun{};
  run->first = i;
  size_t j = i;
  int pending_tens = -1;  // index in digits of a tens word's '0' that a unit may replace
  const bool en = lang == Lang::kEn;
  auto unit_at = [&](size_t k) {
    if (k >= toks.size() || toks[k].brk) return -1;
    if (toks[k].digits && toks[k].raw.size() == 1) return toks[k].raw[0] - '0';
    return UnitWord(toks[k].low, lang);
  };
  while (j < toks.size() && !run->too_long) {
    const Token& t = toks[j];
    if (j > i && t.brk && (run->cuts.empty() || run->cuts.back() != run->digits.size()))
      run->cuts.push_back(run->digits.size());
    const std::string& w = t.low;
    int tens_here = -1;
    if (t.digits) {
      if (j == i && t.plus) run->plus = true;
      run->digits += t.raw;
    } else if (const int u = UnitWord(w, lang); u >= 0) {
      if (pending_tens >= 0 && u > 0) {
        run->digits[static_cast<size_t>(pending_tens)] = static_cast<char>('0' + u);
      } else {
        run->digits += static_cast<char>('0' + u);
      }
    } else if (en && (w == "oh" || w == "o") && (!run->digits.empty() || unit_at(j + 1) >= 0)) {
      run->digits += '0';  // "oh" is zero only next to other digits
    } else if (const int teen = TeenWord(w, lang); teen >= 0) {
      run->digits += std::to_string(teen);
    } else if (const int tens = TensWord(w, lang); tens >= 0) {
      run->digits += std::to_string(tens);
      tens_here = static_cast<int>(run->digits.size()) - 1;
    } else if (const int v = VeintiWord(w, lang); v >= 0) {
      run->digits += std::to_string(v);
    } else if ((w == "double" || w == "doble" || w == "triple") && unit_at(j + 1) >= 0) {
      run->digits.append(w == "triple" ? 3 : 2, static_cast<char>('0' + unit_at(j + 1)));
      ++j;
    } else if (en && w == "hundred" && !run->digits.empty()) {
      run->digits += "00";
    } else if (!en && w == "y" && pending_tens >= 0 && unit_at(j + 1) >= 1) {
      ++j;  // "cincuenta y cinco": the tens' zero stays pending for the unit
      continue;
    } else if ((w == "dash" || w == "hyphen" || w == "guion") && j > i) {
      // a spoken separator between groups
    } else if (j == i && (w == "plus" || w == "mas") && j + 1 < toks.size()) {
      run->plus = true;
    } else {
      break;
    }
    pending_tens = tens_here;
    ++j;
    if (run->digits.size() > kMaxRunDigits) {
      run->too_long = true;
      run->digits.resize(kMaxRunDigits);
    }
  }
  run->last = j;
  while (!run->cuts.empty() && run->cuts.back() >= run->digits.size()) run->cuts.pop_back();
  return !run->digits.empty();
}

// The whole run if `accept` takes it, else the first stretch between two
// pauses that it takes (earliest start, then longest).
template <typename Accept>
std::optional<std::string> AcceptRun(const DigitRun& run, Accept accept) {
  if (run.too_long && run.cuts.empty()) return std::nullopt;
  if (!run.too_long)
    if (auto v = accept(std::string_view(run.digits), run.plus)) return v;
  std::vector<size_t> bounds;
  bounds.push_back(0);
  bounds.insert(bounds.end(), run.cuts.begin(), run.cuts.end());
  bounds.push_back(run.too_long ? run.cuts.back() : run.digits.size());
  for (size_t a = 0; a + 1 < bounds.size(); ++a) {
    for (size_t b = bounds.size() - 1; b > a; --b) {
      if (a == 0 && b == bounds.size() - 1) continue;  // the whole run, tried above
      const std::string_view d =
          std::string_view(run.digits).substr(bounds[a], bounds[b] - bounds[a]);
      if (auto v = accept(d, run.plus && a == 0)) return v;
    }
  }
  return std::nullopt;
}

// ------------------------------------------------------------- phone --

std::optional<std::string> PhoneFromDigits(std::string_view d, bool plus) {
  if (plus) {
    if (d.size() < 8 || d.size() > 15 || d[0] == '0') return std::nullopt;
    return "+" + std::string(d);
  }
  // North American numbers: the area code starts with 2-9.
  if (d.size() == 10 && d[0] >= '2') return "+1" + std::string(d);
  if (d.size() == 11 && d[0] == '1' && d[1] >= '2') return "+" + std::string(d);
  return std::nullopt;
}

std::optional<std::string> FindPhoneImpl(std::string_view utterance, Lang lang) {
  const std::vector<Token> toks = Tokenize(utterance);
  DigitRun run;
  for (size_t i = 0; i < toks.size();) {
    if (!ReadDigitRun(toks, i, lang, &run)) {
      ++i;
      continue;
    }
    if (auto p = AcceptRun(run, PhoneFromDigits)) return p;
    i = std::max(run.last, i + 1);
  }
  return std::nullopt;
}

// ------------------------------------------------------------- email --

bool IsLocalChar(unsigned char c) {
  return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool IsDomainChar(unsigned char c) {
  return IsAsciiAlnum(c) || c == '.' || c == '-';
}

bool ValidLocal(std::string_view l) {
  if (l.empty() || l.size() > 64 || l.front() == '.' || l.back() == '.') return false;
  if (l.find("..") != std::string_view::npos) return false;
  return std::all_of(l.begin(), l.end(), [](char c) { return IsLocalChar(c); });
}

bool ValidDomain(std::string_view d) {
  if (d.size() < 4 || d.size() > 253) return false;
  size_t labels = 0;
  std::string_view last;
  for (size_t start = 0;;) {
    const size_t dot = d.find('.', start);
    const std::string_view label =
        d.substr(start, dot == std::string_view::npos ? d.npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return false;
    if (!std::all_of(label.begin(), label.end(), [](char c) {
          return IsAsciiAlnum(static_cast<unsigned char>(c)) || c == '-';
        }))
      return false;
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return labels >= 2 && last.size() >= 2 && std::all_of(last.begin(), last.end(), [](char c) {
           return IsAsciiAlpha(static_cast<unsigned char>(c));
         });
}

std::optional<std::string> MakeEmail(std::string local, std::string domain) {
  for (char& c : local) c = AsciiLower(c);
  for (char& c : domain) c = AsciiLower(c);
  if (!ValidLocal(local) || !ValidDomain(domain)) return std::nullopt;
  return local + "@" + domain;
}

// "ana.ruiz@example.com" written out.
std::optional<std::string> LiteralEmail(std::string_view s) {
  for (size_t at = s.find('@'); at != std::string_view::npos; at = s.find('@', at + 1)) {
    size_t b = at;
    while (b > 0 && IsLocalChar(static_cast<unsigned char>(s[b - 1]))) --b;
    size_t e = at + 1;
    while (e < s.size() && IsDomainChar(static_cast<unsigned char>(s[e]))) ++e;
    std::string_view local = s.substr(b, at - b);
    std::string_view domain = s.substr(at + 1, e - at - 1);
    while (!local.empty() && local.front() == '.') local.remove_prefix(1);
    while (!domain.empty() && (domain.back() == '.' || domain.back() == '-'))
      domain.remove_suffix(1);
    if (auto m = MakeEmail(std::string(local), std::string(domain))) return m;
  }
  return std::nullopt;
}

// Spoken form, word by word on whitespace-separated chunks (so "gmail.com"
// and "ana.ruiz" stay whole).
enum class EmailPart { kPiece, kAt, kDot, kUnderscore, kDash, kCue, kOther };

struct EmailTok {
  EmailPart part = EmailPart::kOther;
  std::string text;        // lower-cased, when made of address characters
  bool domain_ok = false;  // may be a domain label ("es" in "hotmail punto es")
  bool brk = false;        // a clause break before it
};

std::vector<EmailTok> EmailTokens(std::string_view s) {
  static const WordSet kNotLocal = {
      "is",     "es",     "my",      "mi",     "me",          "it's",    "its",       "it",
      "the",    "el",     "and",     "y",      "to",          "send",    "you",       "can",
      "reach",  "write",  "escribe", "a",      "de",          "del",     "su",        "your",
      "email",  "e-mail", "mail",    "correo", "electronico", "address", "direccion", "at",
      "that's", "thats",  "be",      "will",   "would",       "should",  "sea",       "seria"};
  static const WordSet kCues = {"email", "e-mail", "mail", "correo", "electronico", "address"};
  std::vector<EmailTok> out;
  size_t i = 0;
  bool brk = false;
  while (i < s.size()) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    size_t e = i;
    while (e < s.size() && s[e] != ' ' && s[e] != '\t' && s[e] != '\n' && s[e] != '\r') ++e;
    std::string_view chunk = s.substr(i, e - i);
    i = e;
    bool brk_after = false;
    while (!chunk.empty() && (chunk.back() == ',' || chunk.back() == '?' || chunk.back() == '!' ||
                              chunk.back() == ';' || chunk.back() == ':' || chunk.back() == '.' ||
                              chunk.back() == '"' || chunk.back() == ')')) {
      brk_after = true;
      chunk.remove_suffix(1);
    }
    while (!chunk.empty() && (chunk.front() == '"' || chunk.front() == '(' ||
                              chunk.front() == '\'' || chunk.front() == '<')) {
      chunk.remove_prefix(1);
    }
    EmailTok t;
    t.brk = brk;
    brk = brk_after;
    const std::string w = Fold(chunk);
    if (w == "at" || w == "arroba" || w == "@") {
      t.part = EmailPart::kAt;
    } else if (w == "dot" || w == "punto") {
      t.part = EmailPart::kDot;
    } else if (w == "underscore" || w == "_") {
      t.part = EmailPart::kUnderscore;
    } else if (w == "dash" || w == "hyphen" || w == "guion" || w == "-") {
      t.part = EmailPart::kDash;
    } else if (kCues.Has(w)) {
      t.part = EmailPart::kCue;
    } else if (!w.empty() && std::all_of(w.begin(), w.end(), [](char ch) {
                 return IsAsciiAlnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '_' ||
                        ch == '-' || ch == '+';
               })) {
      t.part = kNotLocal.Has(w) ? EmailPart::kOther : EmailPart::kPiece;
      t.text = w;
      t.domain_ok = true;
    }
    // "guion bajo" is an underscore.
    if (w == "bajo" && !out.empty() && out.back().part == EmailPart::kDash) {
      out.back().part = EmailPart::kUnderscore;
      continue;
    }
    out.push_back(std::move(t));
  }
  return out;
}

char ConnectorChar(EmailPart p) {
  switch (p) {
    case EmailPart::kDot:
      return '.';
    case EmailPart::kUnderscore:
      return '_';
    case EmailPart::kDash:
      return '-';
    default:
      return 0;
  }
}

std::optional<std::string> SpokenEmail(std::string_view s) {
  const std::vector<EmailTok> toks = EmailTokens(s);
  constexpr size_t kMaxParts = 9;
  for (size_t a = 1; a + 1 < toks.size(); ++a) {
    if (toks[a].part != EmailPart::kAt) continue;
    if (!toks[a + 1].domain_ok || toks[a + 1].brk) continue;

    // Domain: piece (connector piece)*, where '.' may also be inside a piece.
    std::string domain = toks[a + 1].text;
    for (size_t j = a + 2; j + 1 < toks.size() && j < a + 2 + 2 * kMaxParts; j += 2) {
      const char c = ConnectorChar(toks[j].part);
      if (!c || c == '_' || toks[j].brk || !toks[j + 1].domain_ok || toks[j + 1].brk) break;
      domain += c;
      domain += toks[j + 1].text;
    }

    // Local part, backwards: the last piece, extended over connectors; bare
    // pieces (no connector between) are joined only after an email cue.
    if (toks[a - 1].part != EmailPart::kPiece || toks[a].brk) continue;
    size_t start = a - 1;  // first token of the connected local part
    size_t reach = a - 1;  // first token reachable through pieces and connectors
    bool connected = true;
    for (size_t j = a - 1; j > 0 && a - j < 2 * kMaxParts;) {
      const EmailTok& prev = toks[j - 1];
      if (toks[j].brk) break;
      if (ConnectorChar(prev.part) && j >= 2 && toks[j - 2].part == EmailPart::kPiece &&
          !prev.brk) {
        j -= 2;
        if (connected) start = j;
        reach = j;
      } else if (prev.part == EmailPart::kPiece) {
        connected = false;
        j -= 1;
        reach = j;
      } else {
        break;
      }
    }
    // A cue ("my email is", "mi correo es") right before the reachable span.
    size_t k = reach;
    while (k > 0 && (toks[k - 1].part == EmailPart::kOther) && reach - k < 2) --k;
    const bool cued = k > 0 && toks[k - 1].part == EmailPart::kCue;
    const size_t from = cued ? reach : start;
    std::string local;
    for (size_t j = from; j < a; ++j) {
      if (toks[j].part == EmailPart::kPiece) {
        local += toks[j].text;
      } else if (const char c = ConnectorChar(toks[j].part)) {
        local += c;
      }
    }
    if (auto m = MakeEmail(std::move(local), std::move(domain))) return m;
  }
  return std::nullopt;
}

// --------------------------------------------------------------- zip --

// US states and territories, USPS codes and full names (one word or the
// last word of two-word names), lower case.
bool IsStateWord(std::string_view w) {
  static const WordSet kStates = {"al",
                                  "ak",
                                  "az",
                                  "ar",
                                  "ca",
                                  "co",
                                  "ct",
                                  "de",
                                  "dc",
                                  "fl",
                                  "ga",
                                  "hi",
                                  "id",
                                  "il",
                                  "in",
                                  "ia",
                                  "ks",
                                  "ky",
                                  "la",
                                  "me",
                                  "md",
                                  "ma",
                                  "mi",
                                  "mn",
                                  "ms",
                                  "mo",
                                  "mt",
                                  "ne",
                                  "nv",
                                  "nh",
                                  "nj",
                                  "nm",
                                  "ny",
                                  "nc",
                                  "nd",
                                  "oh",
                                  "ok",
                                  "or",
                                  "pa",
                                  "pr",
                                  "ri",
                                  "sc",
                                  "sd",
                                  "tn",
                                  "tx",
                                  "ut",
                                  "vt",
                                  "va",
                                  "wa",
                                  "wv",
                                  "wi",
                                  "wy",
                                  "alabama",
                                  "alaska",
                                  "arizona",
                                  "arkansas",
                                  "california",
                                  "colorado",
                                  "connecticut",
                                  "delaware",
                                  "florida",
                                  "georgia",
                                  "hawaii",
                                  "idaho",
                                  "illinois",
                                  "indiana",
                                  "iowa",
                                  "kansas",
                                  "kentucky",
                                  "louisiana",
                                  "maine",
                                  "maryland",
                                  "massachusetts",
                                  "michigan",
                                  "minnesota",
                                  "mississippi",
                                  "missouri",
                                  "montana",
                                  "nebraska",
                                  "nevada",
                                  "hampshire",
                                  "jersey",
                                  "mexico",
                                  "york",
                                  "carolina",
                                  "dakota",
                                  "ohio",
                                  "oklahoma",
                                  "oregon",
                                  "pennsylvania",
                                  "rico",
                                  "island",
                                  "tennessee",
                                  "texas",
                                  "utah",
                                  "vermont",
                                  "virginia",
                                  "washington",
                                  "wisconsin",
                                  "wyoming",
                                  "columbia"};
  return kStates.Has(w);
}

bool IsStreetSuffix(std::string_view w);

bool IsNumberToken(const Token& t, Lang lang) {
  return t.digits || UnitWord(t.low, lang) >= 0 || TeenWord(t.low, lang) >= 0 ||
         TensWord(t.low, lang) >= 0;
}

std::optional<std::string> ZipFromDigits(std::string_view d, bool plus) {
  if (plus) return std::nullopt;
  if (d.size() == 5) return std::string(d);
  if (d.size() == 9) return std::string(d.substr(0, 5)) + "-" + std::string(d.substr(5));
  return std::nullopt;
}

std::optional<std::string> FindZipImpl(std::string_view utterance) {
  const std::vector<Token> toks = Tokenize(utterance);
  static const WordSet kFillers = {"is",  "es",    "it's", "its", "it", "number", "sera", "seria",
                                   "was", "would", "be",   "the", "el", "mi",     "my",   "de"};
  // 1. After a cue, in digits or words, in either language.
  for (size_t i = 0; i < toks.size(); ++i) {
    size_t after = 0;
    const std::string& w = toks[i].low;
    auto next_is = [&](size_t k, std::string_view word) {
      return k < toks.size() && toks[k].low == word && !toks[k].brk;
    };
    if (w == "zip" || w == "zipcode") {
      after = next_is(i + 1, "code") ? i + 2 : i + 1;
    } else if (w == "postal" && next_is(i + 1, "code")) {
      after = i + 2;
    } else if (w == "codigo" && next_is(i + 1, "postal")) {
      after = i + 2;
    } else {
      continue;
    }
    while (after < toks.size() && after < i + 6 && kFillers.Has(toks[after].low)) ++after;
    if (after >= toks.size()) continue;
    for (Lang lang : {Lang::kEn, Lang::kEs}) {
      DigitRun run;
      if (!ReadDigitRun(toks, after, lang, &run)) continue;
      if (auto z = AcceptRun(run, ZipFromDigits)) return z;
    }
  }
  // 2. A standalone five-digit group closing an address.
  bool street_seen = false;
  for (size_t i = 0; i < toks.size(); ++i) {
    const Token& t = toks[i];
    if (!t.digits || t.raw.size() != 5) {
      if (IsStreetSuffix(t.low)) street_seen = true;
      continue;
    }
    const bool prev_number = i > 0 && !t.brk && !t.plus && IsNumberToken(toks[i - 1], Lang::kEn);
    if (prev_number || t.plus) continue;
    size_t end = i + 1;
    std::string zip(t.raw);
    if (end < toks.size() && toks[end].hyphen && toks[end].digits && toks[end].raw.size() == 4) {
      zip += "-";
      zip += toks[end].raw;
      ++end;
    }
    const bool next_number = end < toks.size() && !toks[end].brk &&
                             (IsNumberToken(toks[end], Lang::kEn) || toks[end].hyphen);
    if (next_number) continue;
    const bool after_state = i > 0 && IsStateWord(toks[i - 1].low);
    if (after_state || street_seen) return zip;
  }
  return std::nullopt;
}

// ------------------------------------------------------------ street --

bool IsStreetSuffix(std::string_view w) {
  static const WordSet kSuffixes = {
      "street",  "st",   "avenue", "ave",       "av",       "road",  "rd",         "drive",
      "dr",      "lane", "ln",     "boulevard", "blvd",     "court", "ct",         "way",
      "place",   "pl",   "circle", "cir",       "terrace",  "ter",   "parkway",    "pkwy",
      "highway", "hwy",  "square", "sq",        "trail",    "trl",   "plaza",      "alley",
      "loop",    "row",  "path",   "pike",      "crescent", "close", "expressway", "freeway"};
  return kSuffixes.Has(w);
}

bool IsDirection(std::string_view w) {
  static const WordSet kDirections = {
      "n",     "s",     "e",    "w",    "ne",        "nw",        "se",        "sw",
      "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"};
  return kDirections.Has(w);
}

bool IsUnitWord(std::string_view w) {
  static const WordSet kUnits = {
      "apartment", "apt",         "suite",  "ste",   "unit",         "room",   "floor",    "fl",
      "piso",      "apartamento", "apto",   "depto", "departamento", "puerta", "interior", "int",
      "local",     "oficina",     "number", "no",    "numero",       "num"};
  return kUnits.Has(w);
}

// Words that end a street name: function words and common verbs that would
// otherwise turn "I need 2 cleanings on main street" into an address.
bool IsStreetStop(std::string_view w) {
  static const WordSet kStops = {
      "i",       "i'm",     "im",    "and",  "or",     "on",    "in",   "at",      "for",
      "to",      "my",      "is",    "are",  "was",    "a",     "an",   "with",    "from",
      "by",      "it",      "it's",  "this", "that",   "we",    "you",  "he",      "she",
      "they",    "be",      "need",  "have", "has",    "want",  "like", "near",    "off",
      "but",     "so",      "then",  "at",   "y",      "en",    "que",  "con",     "por",
      "para",    "vivo",    "es",    "mi",   "the",    "of",    "me",   "am",      "pm",
      "o'clock", "minutes", "hours", "days", "people", "times", "kids", "children"};
  return kStops.Has(w);
}

bool IsHouseNumber(const Token& t) {
  // "42", "1200", "12B": up to six digits and at most one trailing letter.
  size_t d = 0;
  while (d < t.raw.size() && IsAsciiDigit(static_cast<unsigned char>(t.raw[d]))) ++d;
  if (d == 0 || d > 6) return false;
  return d == t.raw.size() ||
         (d + 1 == t.raw.size() && IsAsciiAlpha(static_cast<unsigned char>(t.raw[d])));
}

bool IsStreetNameWord(const Token& t) {
  if (IsStreetStop(t.low) || !ValidUtf8(t.raw)) return false;
  // A lower-case plural ("cleanings", "kids") is a count, not a street name;
  // capitalised words ("Mills") are always allowed.
  const auto first = static_cast<unsigned char>(t.raw[0]);
  const bool lower = first >= 'a' && first <= 'z';
  if (lower && t.raw.size() > 3 && t.raw.back() == 's' && t.raw[t.raw.size() - 2] != 's')
    return false;
  return true;
}

// The unit after a street ("apartment 4", "apt 4B", "#12", "piso 3"); returns
// the index one past it, or `i` when there is none.
size_t ReadUnit(const std::vector<Token>& toks, size_t i) {
  if (i < toks.size() && toks[i].hash && !toks[i].brk && toks[i].raw.size() <= 6) return i + 1;
  if (i + 1 < toks.size() && IsUnitWord(toks[i].low) && !toks[i + 1].brk &&
      toks[i + 1].raw.size() <= 6 && !IsStreetStop(toks[i + 1].low) &&
      (IsAsciiDigit(static_cast<unsigned char>(toks[i + 1].raw[0])) || toks[i + 1].raw.size() == 1))
    return i + 2;
  return i;
}

// Extends an address ending before toks[end] over a unit, which may follow a
// comma ("Elm Street, apartment 4") but no other break.
size_t WithUnit(const std::vector<Token>& toks, size_t end) {
  if (end >= toks.size()) return end;
  if (toks[end].brk && toks[end].sep.find(',') == std::string_view::npos) return end;
  return ReadUnit(toks, end);
}

std::optional<std::string> Span(std::string_view s, const std::vector<Token>& toks, size_t first,
                                size_t last) {
  const std::string_view text = s.substr(toks[first].begin, toks[last - 1].end - toks[first].begin);
  if (!ValidUtf8(text)) return std::nullopt;
  return NormaliseSpaces(text);
}

// "42 Elm Street", "1200 North Broadway Avenue apartment 4".
std::optional<std::pair<size_t, size_t>> EnglishStreet(const std::vector<Token>& toks, size_t i) {
  if (!IsHouseNumber(toks[i])) return std::nullopt;
  constexpr size_t kMaxNameWords = 5;
  size_t names = 0;
  for (size_t j = i + 1; j < toks.size() && names <= kMaxNameWords; ++j) {
    const Token& t = toks[j];
    if (t.brk && !(t.sep == "." || t.sep == ". ")) return std::nullopt;
    if (names > 0 && IsStreetSuffix(t.low)) {
      size_t end = j + 1;
      if (end < toks.size() && !toks[end].brk && IsDirection(toks[end].low) &&
          (end + 1 == toks.size() || toks[end + 1].brk || IsUnitWord(toks[end + 1].low)))
        ++end;
      return std::make_pair(i, WithUnit(toks, end));
    }
    if (t.digits || !IsStreetNameWord(t)) return std::nullopt;
    ++names;
  }
  return std::nullopt;
}

// "Av. Reforma", "C/ Mayor": the separator after an abbreviated street type.
bool AbbreviationSep(std::string_view sep) {
  return std::all_of(sep.begin(), sep.end(),
                     [](char c) { return c == '.' || c == '/' || c == ' '; });
}

bool IsSpanishStreetType(std::string_view w) {
  static const WordSet kTypes = {"calle",    "c",        "avenida", "av",          "avda",
                                 "paseo",    "plaza",    "camino",  "carretera",   "calzada",
                                 "bulevar",  "callejon", "pasaje",  "ronda",       "via",
                                 "glorieta", "privada",  "cerrada", "prolongacion"};
  return kTypes.Has(w);
}

// "calle Mayor 12", "Avenida de la Constitución número 5, piso 3".
std::optional<std::pair<size_t, size_t>> SpanishStreet(const std::vector<Token>& toks, size_t i) {
  if (!IsSpanishStreetType(toks[i].low)) return std::nullopt;
  // "c" is a street only as "C/ Mayor".
  if (toks[i].low == "c" &&
      (i + 1 >= toks.size() || toks[i + 1].sep.find('/') == std::string_view::npos))
    return std::nullopt;
  static const WordSet kParticles = {"de", "del", "la", "las", "los", "el", "san", "santa"};
  constexpr size_t kMaxNameWords = 6;
  size_t names = 0;
  bool real_name = false;
  for (size_t j = i + 1; j < toks.size() && names <= kMaxNameWords; ++j) {
    const Token& t = toks[j];
    if (t.brk && !(j == i + 1 && AbbreviationSep(t.sep)) &&
        !(real_name && IsHouseNumber(t) && t.sep.find(',') != std::string_view::npos))
      return std::nullopt;
    if (IsHouseNumber(t)) {
      if (!real_name) return std::nullopt;
      return std::make_pair(i, WithUnit(toks, j + 1));
    }
    if (t.low == "numero" || t.low == "no" || t.low == "num" || t.low == "n") {
      if (!real_name) return std::nullopt;
      continue;
    }
    if (kParticles.Has(t.low)) {
      ++names;
      continue;
    }
    if (IsStreetStop(t.low) || !ValidUtf8(t.raw) || IsUnitWord(t.low)) return std::nullopt;
    real_name = true;
    ++names;
  }
  return std::nullopt;
}

std::optional<std::string> FindStreetImpl(std::string_view utterance) {
  const std::vector<Token> toks = Tokenize(utterance);
  for (size_t i = 0; i < toks.size(); ++i) {
    auto span = EnglishStreet(toks, i);
    if (!span) span = SpanishStreet(toks, i);
    if (span) {
      if (auto a = Span(utterance, toks, span->first, span->second)) return a;
    }
  }
  return std::nullopt;
}

// -------------------------------------------------------------- names --

// Words that cannot start or continue a name after an introduction cue:
// function words, fillers, verbs and adjectives callers use after "I'm" /
// "it's" / "this is" / "soy", relatives, and days.
bool IsNameStop(std::string_view w) {
  static const WordSet kStops = {
      // English function words and fillers
      "a", "about", "actually", "afraid", "after", "again", "all", "almost", "also", "am", "an",
      "and", "any", "are", "as", "at", "back", "be", "because", "been", "before", "being", "but",
      "by", "can", "could", "did", "do", "does", "doing", "done", "down", "er", "even", "for",
      "from", "gonna", "had", "has", "have", "he", "her", "here", "hers", "him", "his", "how",
      "hmm", "i", "i'd", "i'll", "i'm", "i've", "if", "in", "into", "is", "it", "it's", "its",
      "just", "kind", "like", "may", "me", "might", "mine", "more", "my", "no", "nope", "not",
      "now", "of", "off", "oh", "ok", "okay", "on", "one", "only", "or", "our", "out", "over",
      "please", "pretty", "quite", "really", "right", "said", "same", "she", "should", "so", "some",
      "someone", "something", "sort", "still", "such", "than", "that", "that's", "the", "their",
      "them", "then", "there", "these", "they", "this", "those", "to", "too", "uh", "um", "up",
      "us", "very", "was", "we", "well", "were", "what", "when", "where", "which", "who", "whom",
      "why", "will", "with", "would", "yeah", "yes", "yet", "you", "your", "ah", "mm", "umm", "uhh",
      "hey", "hi", "hello", "thanks", "thank", "sorry", "yep", "yup",
      // English verbs and adjectives seen after "I'm" / "it's"
      "calling", "call", "called", "looking", "trying", "wondering", "hoping", "going", "wanting",
      "want", "need", "needing", "having", "getting", "born", "interested", "available", "free",
      "busy", "late", "early", "sick", "ill", "fine", "good", "great", "glad", "happy", "sad",
      "tired", "hungry", "sure", "unsure", "new", "old", "existing", "returning", "regular",
      "patient", "customer", "client", "member", "booked", "scheduled", "ready", "running", "stuck",
      "worried", "concerned", "confused", "calling", "following", "checking", "reaching",
      "responding", "returning", "speaking", "regarding", "re", "urgent", "important", "fast",
      "quick", "pain", "hurt", "hurting", "allergic", "pregnant", "staying", "coming", "leaving",
      "moving", "driving", "outside", "inside", "home", "work", "there's", "nobody", "anyone",
      "everyone", "somebody", "mom", "dad", "mother", "father", "wife", "husband", "son",
      "daughter", "brother", "sister", "friend", "boss", "today", "tomorrow", "yesterday", "monday",
      "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "morning", "afternoon",
      "evening", "night", "noon", "ten", "two", "three", "four", "five", "six", "seven", "eight",
      "nine", "doctor", "dr", "mr", "mrs", "ms", "miss", "sir", "madam", "ma'am", "okay", "alright",
      "correct", "wrong", "true", "false", "possible", "impossible", "ok", "done", "finished",
      "over", "here's", "time", "about", "regarding", "concerning", "name", "number", "phone",
      "email", "address", "appointment", "booking", "reservation", "question", "emergency",
      "cleaning", "checkup",
      // Spanish
      "y", "e", "o", "u", "yo", "tu", "el", "ella", "usted", "que", "quiero", "queria", "quisiera",
      "necesito", "necesitaba", "me", "mi", "mis", "de", "del", "la", "las", "los", "lo", "le",
      "un", "una", "unos", "unas", "para", "por", "con", "sin", "en", "a", "al", "no", "si", "muy",
      "bien", "mal", "nuevo", "nueva", "paciente", "cliente", "llamando", "llamo", "buscando",
      "tengo", "tiene", "es", "esta", "estoy", "soy", "aqui", "hola", "buenos", "buenas", "dias",
      "tardes", "noches", "gracias", "favor", "porque", "pero", "mama", "papa", "hijo", "hija",
      "esposo", "esposa", "hermano", "hermana", "amigo", "amiga", "sobre", "acerca", "como",
      "cuando", "donde", "ya", "tambien", "solo", "pues", "bueno", "este", "eh", "ah", "ok", "vale",
      "claro", "perdon", "disculpe", "senor", "senora", "senorita", "doctor", "doctora", "hoy",
      "manana", "ayer", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
      "cita", "urgente", "nombre", "telefono", "correo", "direccion", "para", "otra", "otro",
      "alguien", "nadie", "todo", "nada", "algo", "su", "sus", "nos", "les", "te", "se", "he", "ha",
      "hay", "fue", "era", "voy", "vengo", "vivo", "trabajo", "llame", "habla", "hablo", "puedo",
      "podria", "feliz", "enfermo", "enferma", "ocupado", "ocupada", "disponible", "listo", "lista",
      "seguro", "segura", "cansado", "cansada"};
  return kStops.Has(w);
}

bool IsParticle(std::string_view w) {
  static const WordSet kParticles = {"de",  "del", "la", "las", "los", "van",
                                     "von", "da",  "di", "du",  "dos", "das"};
  return kParticles.Has(w);
}

bool IsUpperLetterAt(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c >= 'A' && c <= 'Z') return true;
  if (c == 0xC3 && i + 1 < s.size()) {
    const auto d = static_cast<unsigned char>(s[i + 1]);
    return d >= 0x80 && d <= 0x9E && d != 0x97;
  }
  return false;
}

bool IsLowerLetterAt(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c >= 'a' && c <= 'z') return true;
  if (c == 0xC3 && i + 1 < s.size()) {
    const auto d = static_cast<unsigned char>(s[i + 1]);
    return d >= 0x9F && d <= 0xBF && d != 0xB7;
  }
  return false;
}

// A word that can be part of a name: letters (any script), apostrophes and
// hyphens between them, valid UTF-8, no digits, not too long.
bool IsNameShaped(const Token& t) {
  if (t.raw.size() > 40 || !ValidUtf8(t.raw)) return false;
  for (char c : t.raw)
    if (IsAsciiDigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// "ana" -> "Ana", "o’brien" -> "O'Brien", "MARY-JANE" -> "Mary-Jane";
// "McDonald" (upper case inside, not all capitals) is kept as written.
std::string TitleCase(std::string_view raw) {
  // A typographic apostrophe is stored as a plain one.
  std::string plain(raw);
  for (size_t at = plain.find("\xE2\x80\x99"); at != std::string::npos;
       at = plain.find("\xE2\x80\x99", at))
    plain.replace(at, 3, "'");
  const std::string_view w = plain;
  bool has_inner_upper = false, has_lower = false;
  for (size_t i = 0; i < w.size(); ++i) {
    if (i > 0 && IsUpperLetterAt(w, i) && w[i - 1] != '-' && w[i - 1] != '\'')
      has_inner_upper = true;
    if (IsLowerLetterAt(w, i)) has_lower = true;
  }
  if (has_inner_upper && has_lower && IsUpperLetterAt(w, 0)) return plain;
  std::string out;
  out.reserve(w.size());
  bool start = true;
  for (size_t i = 0; i < w.size(); ++i) {
    const auto c = static_cast<unsigned char>(w[i]);
    if (c == 0xC3 && i + 1 < w.size()) {
      auto d = static_cast<unsigned char>(w[i + 1]);
      if (start && IsLowerLetterAt(w, i) && d >= 0xA0 && d != 0xBF)
        d = static_cast<unsigned char>(d - 0x20);
      if (!start && IsUpperLetterAt(w, i)) d = static_cast<unsigned char>(d + 0x20);
      out += static_cast<char>(c);
      out += static_cast<char>(d);
      ++i;
      start = false;
      continue;
    }
    if (c == '-' || c == '\'') {
      out += static_cast<char>(c);
      start = true;
      continue;
    }
    if (c >= 0x80) {
      out += static_cast<char>(c);
      if ((c & 0xC0) != 0x80) start = false;
      continue;
    }
    out += start ? static_cast<char>(c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c)
                 : AsciiLower(static_cast<char>(c));
    start = false;
  }
  return out;
}

// Whether the recogniser wrote case: some capital letter that is neither the
// first letter of a sentence nor the pronoun "I".
bool TranscriptIsCased(const std::vector<Token>& toks) {
  for (size_t i = 0; i < toks.size(); ++i) {
    const Token& t = toks[i];
    const bool sentence_start = i == 0 || t.sep.find_first_of(".?!") != std::string_view::npos;
    if (sentence_start) continue;
    if (t.low == "i" || t.low.rfind("i'", 0) == 0) continue;
    for (size_t k = 0; k < t.raw.size(); ++k)
      if (IsUpperLetterAt(t.raw, k)) return true;
  }
  return false;
}

struct NameScan {
  bool require_capital = false;  // the first word must be capitalised
  bool stop_at_lower = false;    // a lower-case word ends the name
};

// Reads a name starting at toks[i]: 1-4 words, ending at a stop word, a
// clause break or a non-name word. nullopt when the first word is not a name.
std::optional<std::string> ReadName(const std::vector<Token>& toks, size_t i, NameScan scan,
                                    size_t* end_out = nullptr) {
  constexpr size_t kMaxWords = 4;
  std::vector<size_t> words;
  size_t j = i;
  for (; j < toks.size() && words.size() < kMaxWords; ++j) {
    const Token& t = toks[j];
    if (j > i && t.brk) break;
    if (!IsNameShaped(t)) break;
    const bool particle = !words.empty() && IsParticle(t.low);
    if (!particle && IsNameStop(t.low)) break;
    if (words.empty()) {
      if (scan.require_capital && !IsUpperLetterAt(t.raw, 0)) break;
      // "I'm calling", "it's regarding": English -ing forms are not names.
      if (t.low.size() >= 6 && t.low.ends_with("ing")) break;
    } else if (scan.stop_at_lower && !particle && !IsUpperLetterAt(t.raw, 0)) {
      break;
    }
    words.push_back(j);
  }
  // A name does not end in a particle ("Ana de" -> "Ana").
  while (!words.empty() && IsParticle(toks[words.back()].low) && words.size() > 1) words.pop_back();
  if (words.empty()) return std::nullopt;
  if (end_out) *end_out = words.back() + 1;
  std::string name;
  for (size_t k = 0; k < words.size(); ++k) {
    const Token& t = toks[words[k]];
    if (!name.empty()) name += ' ';
    name += k > 0 && IsParticle(t.low) ? t.low : TitleCase(t.raw);
  }
  return name;
}

struct Cue {
  std::array<std::string_view, 3> words;
  bool weak;  // also introduces things that are not names ("it's Tuesday")
};

constexpr Cue kEnCues[] = {
    {{"my", "name", "is"}, false}, {{"my", "name's", ""}, false}, {{"name's", "", ""}, false},
    {{"name", "is", ""}, false},   {{"call", "me", ""}, false},   {{"this", "is", ""}, true},
    {{"it's", "", ""}, true},      {{"it", "is", ""}, true},      {{"i'm", "", ""}, true},
    {{"i", "am", ""}, true},       {{"im", "", ""}, true},        {{"here", "is", ""}, true},
};
constexpr Cue kEsCues[] = {
    {{"me", "llamo", ""}, false},
    {{"mi", "nombre", "es"}, false},
    {{"le", "habla", ""}, false},
    {{"mi", "nombre", ""}, false},
    {{"soy", "", ""}, true},
    {{"habla", "", ""}, true},
    {{"con", "usted", "habla"}, false},
};

// Length in tokens of the cue starting at toks[i], or 0.
size_t MatchCue(const std::vector<Token>& toks, size_t i, const Cue& cue) {
  size_t n = 0;
  for (std::string_view w : cue.words) {
    if (w.empty()) break;
    const size_t k = i + n;
    if (k >= toks.size() || toks[k].low != w || (n > 0 && toks[k].brk)) return 0;
    ++n;
  }
  return n;
}

bool IsFiller(std::string_view w) {
  static const WordSet kFillers = {
      "uh",  "um",    "umm",   "uhh",  "er",   "erm",  "ah",  "eh",    "oh", "well",  "mm",
      "hmm", "so",    "yeah",  "yes",  "yep",  "sure", "ok",  "okay",  "hi", "hello", "hey",
      "si",  "claro", "bueno", "pues", "este", "hola", "mhm", "right", "oh", "like"};
  return kFillers.Has(w);
}

std::optional<std::string> FindNameImpl(const std::vector<Token>& toks, Lang lang) {
  const bool cased = TranscriptIsCased(toks);
  const auto cues =
      lang == Lang::kEs ? std::span<const Cue>(kEsCues) : std::span<const Cue>(kEnCues);
  for (size_t i = 0; i < toks.size(); ++i) {
    for (const Cue& cue : cues) {
      const size_t n = MatchCue(toks, i, cue);
      if (n == 0) continue;
      size_t s = i + n;
      // "my name is, uh, Ana Ruiz"
      while (s < toks.size() && s < i + n + 3 && IsFiller(toks[s].low) && !cue.weak) ++s;
      if (s >= toks.size()) continue;
      NameScan scan;
      scan.require_capital = cue.weak && cased;
      scan.stop_at_lower = cased && IsUpperLetterAt(toks[s].raw, 0);
      if (auto name = ReadName(toks, s, scan)) return name;
    }
  }
  return std::nullopt;
}

std::optional<std::string> NameFromAnswerImpl(std::string_view utterance, Lang lang) {
  const std::vector<Token> toks = Tokenize(utterance);
  if (auto n = FindNameImpl(toks, lang)) return n;
  size_t i = 0;
  while (i < toks.size() && IsFiller(toks[i].low)) ++i;
  if (i >= toks.size()) return std::nullopt;
  // "Ruiz, Ana": one or two words, a comma, one or two words, nothing else.
  size_t comma = 0;
  for (size_t k = i + 1; k < toks.size(); ++k)
    if (toks[k].sep.find(',') != std::string_view::npos) {
      comma = k;
      break;
    }
  NameScan scan;
  if (comma && comma - i <= 2 && toks.size() - comma <= 2) {
    size_t end_last = 0, end_first = 0;
    auto last = ReadName(toks, i, scan, &end_last);
    auto first = ReadName(toks, comma, scan, &end_first);
    if (last && first && end_last == comma && end_first == toks.size()) return *first + " " + *last;
  }
  // A bare name: it must be the whole clause, give or take a closing word.
  static const WordSet kClosers = {"here",   "speaking", "calling", "thanks", "thank",
                                   "please", "gracias",  "por",     "and",    "y"};
  size_t end = 0;
  auto name = ReadName(toks, i, scan, &end);
  if (!name) return std::nullopt;
  if (end == toks.size() || toks[end].brk || kClosers.Has(toks[end].low)) return name;
  return std::nullopt;
}

template <typename F>
auto NoThrow(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (...) {
    // Only std::bad_alloc can get here; an answer we cannot afford to
    // compute is no answer.
    return std::nullopt;
  }
}

}  // namespace

std::optional<std::string> FindPhoneNumber(std::string_view utterance, Lang lang) {
  return NoThrow([&] { return FindPhoneImpl(utterance, lang); });
}

std::optional<std::string> FindEmail(std::string_view utterance) {
  return NoThrow([&]() -> std::optional<std::string> {
    if (auto e = LiteralEmail(utterance)) return e;
    return SpokenEmail(utterance);
  });
}

std::optional<std::string> FindZip(std::string_view utterance) {
  return NoThrow([&] { return FindZipImpl(utterance); });
}

std::optional<std::string> FindStreetAddress(std::string_view utterance) {
  return NoThrow([&] { return FindStreetImpl(utterance); });
}

std::optional<std::string> FindPersonName(std::string_view utterance, Lang lang) {
  return NoThrow([&] { return FindNameImpl(Tokenize(utterance), lang); });
}

std::optional<std::string> NameFromAnswer(std::string_view utterance, Lang lang) {
  return NoThrow([&] { return NameFromAnswerImpl(utterance, lang); });
}

}  // namespace voxdesk::dialog
