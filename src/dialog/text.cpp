#include "dialog/text.h"

#include <array>
#include <cstdint>
#include <unordered_map>

namespace voxdesk::dialog {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsLower(char c) {
  return c >= 'a' && c <= 'z';
}

// Folds the second byte of a UTF-8 sequence starting with 0xC3 (U+00C0 to
// U+00FF) to its unaccented lower-case ASCII letter, or 0 for a symbol.
char FoldC3(unsigned char b) {
  b = static_cast<unsigned char>(b | 0x20);  // upper and lower differ by 0x20 here
  if (b >= 0xA0 && b <= 0xA5) return 'a';
  if (b == 0xA7) return 'c';
  if (b >= 0xA8 && b <= 0xAB) return 'e';
  if (b >= 0xAC && b <= 0xAF) return 'i';
  if (b == 0xB1) return 'n';
  if (b >= 0xB2 && b <= 0xB6) return 'o';
  if (b >= 0xB9 && b <= 0xBC) return 'u';
  if (b == 0xBD || b == 0xBF) return 'y';
  return 0;
}

// Pass 1: case, accents and punctuation. Every byte becomes a lower-case
// letter, a digit, a kept separator between digits, or a space.
std::string FoldChars(std::string_view in) {
  std::string out;
  out.reserve(in.size() + 1);
  const size_t n = in.size();
  for (size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') {
        out.push_back(static_cast<char>(c + 32));
      } else if (IsLower(static_cast<char>(c)) || IsDigit(static_cast<char>(c))) {
        out.push_back(static_cast<char>(c));
      } else if ((c == ':' || c == '/' || c == '-') && !out.empty() && IsDigit(out.back()) &&
                 i + 1 < n && IsDigit(in[i + 1])) {
        out.push_back(static_cast<char>(c));
      } else if (c == '\'' || c == '`') {
        // Apostrophes join: "o'clock" -> "oclock", "don't" -> "dont".
      } else {
        out.push_back(' ');
      }
      continue;
    }
    // Multi-byte UTF-8: length from the lead byte; invalid bytes are spaces.
    size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    if (i + len > n) len = 1;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(in[i + k]) & 0xC0) != 0x80) len = 1;
    if (len == 1) {
      out.push_back(' ');
      continue;
    }
    const auto b1 = static_cast<unsigned char>(in[i + 1]);
    if (len == 2 && c == 0xC3) {
      const char f = FoldC3(b1);
      out.push_back(f ? f : ' ');
    } else if (len == 2 && c == 0xC2 && (b1 == 0xBA || b1 == 0xAA)) {
      // Ordinal indicators: "1º" -> "1".
    } else if (len == 3 && c == 0xE2 && b1 == 0x80 &&
               (static_cast<unsigned char>(in[i + 2]) == 0x98 ||
                static_cast<unsigned char>(in[i + 2]) == 0x99)) {
      // Typographic apostrophes join like ASCII ones.
    } else {
      out.push_back(' ');
    }
    i += len - 1;
  }
  return out;
}

bool IsFiller(std::string_view w, Lang lang) {
  static constexpr std::array<std::string_view, 16> kEn = {"uh",  "uhh", "uhm", "um",   "umm", "er",
                                                           "erm", "err", "hmm", "hmmm", "hm",  "mm",
                                                           "mmm", "eh",  "ehh", "ah"};
  static constexpr std::array<std::string_view, 11> kEs = {"eh", "ehh", "ehm", "em", "emm", "este",
                                                           "mm", "mmm", "hmm", "hm", "mmmm"};
  // Every filler is short and starts with one of these letters.
  if (w.size() > 4 || (w[0] != 'u' && w[0] != 'e' && w[0] != 'h' && w[0] != 'm' && w[0] != 'a'))
    return false;
  if (lang == Lang::kEs) {
    for (auto f : kEs)
      if (w == f) return true;
  } else {
    for (auto f : kEn)
      if (w == f) return true;
  }
  return false;
}

// Pass 2: words, with letters glued to digits split off or dropped.
void AppendWord(std::string_view w, Lang lang, std::vector<std::string_view>& out) {
  size_t d = 0;
  while (d < w.size() && IsDigit(w[d])) ++d;
  if (d == 0 || d == w.size()) {
    out.push_back(w);
    return;
  }
  // Digits (possibly "2:30", "3/12") followed by letters.
  size_t k = d;
  while (k < w.size() && !IsLower(w[k])) ++k;
  if (k == w.size()) {  // no letters at all: "2:30", "1985-03-03"
    out.push_back(w);
    return;
  }
  const std::string_view num = w.substr(0, k), suffix = w.substr(k);
  if (lang == Lang::kEn && k == d &&
      (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th")) {
    out.push_back(w);
    return;
  }
  if (lang == Lang::kEs && k == d &&
      (suffix == "ro" || suffix == "ero" || suffix == "o" || suffix == "a" || suffix == "er")) {
    out.push_back(num);
    return;
  }
  out.push_back(num);
  out.push_back(suffix);
}

enum class NK : uint8_t {
  kZero,
  kUnit,
  kTeen,
  kTens,
  kHundred,
  kThousand,
  kOrdUnit,
  kOrdTeen,
  kOrdTens
};

struct NumWord {
  std::string_view w;
  int v;
  NK k;
};

constexpr NumWord kEnNums[] = {
    {"zero", 0, NK::kZero},
    {"one", 1, NK::kUnit},
    {"two", 2, NK::kUnit},
    {"three", 3, NK::kUnit},
    {"four", 4, NK::kUnit},
    {"five", 5, NK::kUnit},
    {"six", 6, NK::kUnit},
    {"seven", 7, NK::kUnit},
    {"eight", 8, NK::kUnit},
    {"nine", 9, NK::kUnit},
    {"ten", 10, NK::kTeen},
    {"eleven", 11, NK::kTeen},
    {"twelve", 12, NK::kTeen},
    {"thirteen", 13, NK::kTeen},
    {"fourteen", 14, NK::kTeen},
    {"fifteen", 15, NK::kTeen},
    {"sixteen", 16, NK::kTeen},
    {"seventeen", 17, NK::kTeen},
    {"eighteen", 18, NK::kTeen},
    {"nineteen", 19, NK::kTeen},
    {"twenty", 20, NK::kTens},
    {"thirty", 30, NK::kTens},
    {"forty", 40, NK::kTens},
    {"fourty", 40, NK::kTens},
    {"fifty", 50, NK::kTens},
    {"sixty", 60, NK::kTens},
    {"seventy", 70, NK::kTens},
    {"eighty", 80, NK::kTens},
    {"ninety", 90, NK::kTens},
    {"hundred", 100, NK::kHundred},
    {"thousand", 1000, NK::kThousand},
    {"first", 1, NK::kOrdUnit},
    {"second", 2, NK::kOrdUnit},
    {"third", 3, NK::kOrdUnit},
    {"fourth", 4, NK::kOrdUnit},
    {"fifth", 5, NK::kOrdUnit},
    {"sixth", 6, NK::kOrdUnit},
    {"seventh", 7, NK::kOrdUnit},
    {"eighth", 8, NK::kOrdUnit},
    {"ninth", 9, NK::kOrdUnit},
    {"tenth", 10, NK::kOrdTeen},
    {"eleventh", 11, NK::kOrdTeen},
    {"twelfth", 12, NK::kOrdTeen},
    {"thirteenth", 13, NK::kOrdTeen},
    {"fourteenth", 14, NK::kOrdTeen},
    {"fifteenth", 15, NK::kOrdTeen},
    {"sixteenth", 16, NK::kOrdTeen},
    {"seventeenth", 17, NK::kOrdTeen},
    {"eighteenth", 18, NK::kOrdTeen},
    {"nineteenth", 19, NK::kOrdTeen},
    {"twentieth", 20, NK::kOrdTens},
    {"thirtieth", 30, NK::kOrdTens},
};

// Spanish: 10-29 are single words (kTeen), "veinte" and the tens take "y"
// and a unit (kTens), hundreds are single words (kHundred with their value).
constexpr NumWord kEsNums[] = {
    {"cero", 0, NK::kZero},
    {"uno", 1, NK::kUnit},
    {"una", 1, NK::kUnit},
    {"un", 1, NK::kUnit},
    {"dos", 2, NK::kUnit},
    {"tres", 3, NK::kUnit},
    {"cuatro", 4, NK::kUnit},
    {"cinco", 5, NK::kUnit},
    {"seis", 6, NK::kUnit},
    {"siete", 7, NK::kUnit},
    {"ocho", 8, NK::kUnit},
    {"nueve", 9, NK::kUnit},
    {"diez", 10, NK::kTeen},
    {"once", 11, NK::kTeen},
    {"doce", 12, NK::kTeen},
    {"trece", 13, NK::kTeen},
    {"catorce", 14, NK::kTeen},
    {"quince", 15, NK::kTeen},
    {"dieciseis", 16, NK::kTeen},
    {"diecisiete", 17, NK::kTeen},
    {"dieciocho", 18, NK::kTeen},
    {"diecinueve", 19, NK::kTeen},
    {"veintiuno", 21, NK::kTeen},
    {"veintiuna", 21, NK::kTeen},
    {"veintiun", 21, NK::kTeen},
    {"veintidos", 22, NK::kTeen},
    {"veintitres", 23, NK::kTeen},
    {"veinticuatro", 24, NK::kTeen},
    {"veinticinco", 25, NK::kTeen},
    {"veintiseis", 26, NK::kTeen},
    {"veintisiete", 27, NK::kTeen},
    {"veintiocho", 28, NK::kTeen},
    {"veintinueve", 29, NK::kTeen},
    {"veinte", 20, NK::kTens},
    {"treinta", 30, NK::kTens},
    {"cuarenta", 40, NK::kTens},
    {"cincuenta", 50, NK::kTens},
    {"sesenta", 60, NK::kTens},
    {"setenta", 70, NK::kTens},
    {"ochenta", 80, NK::kTens},
    {"noventa", 90, NK::kTens},
    {"cien", 100, NK::kHundred},
    {"ciento", 100, NK::kHundred},
    {"doscientos", 200, NK::kHundred},
    {"doscientas", 200, NK::kHundred},
    {"trescientos", 300, NK::kHundred},
    {"trescientas", 300, NK::kHundred},
    {"cuatrocientos", 400, NK::kHundred},
    {"cuatrocientas", 400, NK::kHundred},
    {"quinientos", 500, NK::kHundred},
    {"quinientas", 500, NK::kHundred},
    {"seiscientos", 600, NK::kHundred},
    {"seiscientas", 600, NK::kHundred},
    {"setecientos", 700, NK::kHundred},
    {"setecientas", 700, NK::kHundred},
    {"ochocientos", 800, NK::kHundred},
    {"ochocientas", 800, NK::kHundred},
    {"novecientos", 900, NK::kHundred},
    {"novecientas", 900, NK::kHundred},
    {"mil", 1000, NK::kThousand},
    {"primero", 1, NK::kOrdUnit},
};

// Every word of an utterance is looked up, so the tables are hashed once
// (immutable after first use, safe to share between threads).
template <size_t N>
std::unordered_map<std::string_view, const NumWord*> Index(const NumWord (&table)[N]) {
  std::unordered_map<std::string_view, const NumWord*> m;
  for (const NumWord& e : table) m.emplace(e.w, &e);
  return m;
}

const NumWord* Lookup(std::string_view w, Lang lang) {
  if (w.empty() || !IsLower(w[0])) return nullptr;
  static const auto en = Index(kEnNums);
  static const auto es = Index(kEsNums);
  const auto& m = lang == Lang::kEs ? es : en;
  const auto it = m.find(w);
  return it == m.end() ? nullptr : it->second;
}

bool IsMonthWord(std::string_view w) {
  static constexpr std::array<std::string_view, 24> kMonths = {
      "january", "february", "march",      "april",   "may",       "june",
      "july",    "august",   "september",  "october", "november",  "december",
      "enero",   "febrero",  "marzo",      "abril",   "mayo",      "junio",
      "julio",   "agosto",   "septiembre", "octubre", "noviembre", "diciembre"};
  for (auto m : kMonths)
    if (w == m) return true;
  return false;
}

struct Parsed {
  int value = 0;
  size_t end = 0;  // one past the last word used
  bool ordinal = false;
  bool small = false;  // a single 0-99 group, no hundred/thousand
};

std::string_view At(const std::vector<std::string_view>& w, size_t i) {
  return i < w.size() ? w[i] : std::string_view();
}

// English "first"/"second" are ordinals only where a date is likely.
bool EnOrdinalContext(const std::vector<std::string_view>& w, size_t i) {
  const std::string_view prev = i > 0 ? w[i - 1] : std::string_view();
  const std::string_view next = At(w, i + 1);
  if (IsMonthWord(prev) || next == "of") return true;
  if (prev != "the") return false;
  return next.empty() || next == "at" || next == "in" || next == "or" || next == "and" ||
         next == "please" || next == "is" || next == "then" || next == "if" || next == "works" ||
         next == "would" || next == "for" || IsMonthWord(next);
}

// One group below 100 at w[i] (English).
bool EnSmall(const std::vector<std::string_view>& w, size_t i, Parsed& p) {
  const NumWord* a = Lookup(At(w, i), Lang::kEn);
  if (!a) return false;
  switch (a->k) {
    case NK::kZero:
    case NK::kUnit:
    case NK::kTeen:
      p = {a->v, i + 1, false, true};
      return true;
    case NK::kOrdUnit:
      if (a->v <= 2 && !EnOrdinalContext(w, i)) return false;
      p = {a->v, i + 1, true, true};
      return true;
    case NK::kOrdTeen:
    case NK::kOrdTens:
      p = {a->v, i + 1, true, true};
      return true;
    case NK::kTens: {
      const NumWord* b = Lookup(At(w, i + 1), Lang::kEn);
      if (b && b->k == NK::kUnit) {
        p = {a->v + b->v, i + 2, false, true};
      } else if (b && b->k == NK::kOrdUnit) {
        p = {a->v + b->v, i + 2, true, true};
      } else {
        p = {a->v, i + 1, false, true};
      }
      return true;
    }
    default:
      return false;
  }
}

bool IsNumWord(const std::vector<std::string_view>& w, size_t i, Lang lang) {
  return Lookup(At(w, i), lang) != nullptr;
}

// A group below 1000: [small] hundred [and] [small] | small.
bool EnBelow1000(const std::vector<std::string_view>& w, size_t i, Parsed& p) {
  Parsed s;
  if (At(w, i) == "hundred") {
    s = {1, i, false, true};
  } else if (!EnSmall(w, i, s)) {
    return false;
  }
  if (s.ordinal || At(w, s.end) != "hundred") {
    p = s;
    return true;
  }
  p = {s.value * 100, s.end + 1, false, false};
  size_t j = p.end;
  if (At(w, j) == "and" && IsNumWord(w, j + 1, Lang::kEn)) ++j;
  Parsed t;
  const NumWord* nw = Lookup(At(w, j), Lang::kEn);
  if (nw && nw->k != NK::kHundred && nw->k != NK::kThousand && EnSmall(w, j, t)) {
    p.value += t.value;
    p.end = t.end;
    p.ordinal = t.ordinal;
  }
  return true;
}

bool EnNumber(const std::vector<std::string_view>& w, size_t i, Parsed& p) {
  Parsed a;
  if (At(w, i) == "thousand") {
    a = {1, i, false, true};
  } else if (!EnBelow1000(w, i, a)) {
    return false;
  }
  if (a.ordinal || At(w, a.end) != "thousand") {
    p = a;
    return true;
  }
  p = {a.value * 1000, a.end + 1, false, false};
  size_t j = p.end;
  if (At(w, j) == "and" && IsNumWord(w, j + 1, Lang::kEn)) ++j;
  Parsed t;
  const NumWord* nw = Lookup(At(w, j), Lang::kEn);
  if (nw && nw->k != NK::kThousand && EnBelow1000(w, j, t)) {
    p.value += t.value;
    p.end = t.end;
    p.ordinal = t.ordinal;
  }
  return true;
}

// Spanish group below 100; `standalone` is false inside a compound, where
// "un"/"una" are always 1.
bool EsSmall(const std::vector<std::string_view>& w, size_t i, Parsed& p, bool standalone) {
  const std::string_view word = At(w, i);
  const NumWord* a = Lookup(word, Lang::kEs);
  if (!a) return false;
  switch (a->k) {
    case NK::kUnit:
      if (standalone && word == "un") return false;
      if (standalone && word == "una") {
        const std::string_view next = At(w, i + 1);
        const bool hour = (i > 0 && w[i - 1] == "la") || next == "y" || next == "menos";
        if (!hour) return false;
      }
      [[fallthrough]];
    case NK::kZero:
    case NK::kTeen:
    case NK::kOrdUnit:
      p = {a->v, i + 1, false, true};
      return true;
    case NK::kTens: {
      const NumWord* b = Lookup(At(w, i + 2), Lang::kEs);
      if (At(w, i + 1) == "y" && b && b->k == NK::kUnit) {
        p = {a->v + b->v, i + 3, false, true};
      } else {
        p = {a->v, i + 1, false, true};
      }
      return true;
    }
    default:
      return false;
  }
}

bool EsBelow1000(const std::vector<std::string_view>& w, size_t i, Parsed& p, bool standalone) {
  const NumWord* a = Lookup(At(w, i), Lang::kEs);
  if (a && a->k == NK::kHundred) {
    p = {a->v, i + 1, false, false};
    Parsed t;
    const NumWord* b = Lookup(At(w, i + 1), Lang::kEs);
    if (b && b->k != NK::kHundred && b->k != NK::kThousand && b->k != NK::kOrdUnit &&
        EsSmall(w, i + 1, t, false)) {
      p.value += t.value;
      p.end = t.end;
    }
    return true;
  }
  return EsSmall(w, i, p, standalone);
}

bool EsNumber(const std::vector<std::string_view>& w, size_t i, Parsed& p) {
  Parsed a;
  const bool mil_first = At(w, i) == "mil";
  if (mil_first) {
    a = {1, i, false, true};
  } else if (!EsBelow1000(w, i, a, /*standalone=*/At(w, i + 1) != "mil")) {
    return false;
  }
  if (At(w, a.end) != "mil") {
    p = a;
    return true;
  }
  p = {a.value * 1000, a.end + 1, false, false};
  Parsed t;
  const NumWord* b = Lookup(At(w, p.end), Lang::kEs);
  if (b && b->k != NK::kThousand && b->k != NK::kOrdUnit && EsBelow1000(w, p.end, t, false)) {
    p.value += t.value;
    p.end = t.end;
  }
  return true;
}

const char* EnSuffix(int v) {
  const int t = v % 100;
  if (t >= 11 && t <= 13) return "th";
  switch (v % 10) {
    case 1:
      return "st";
    case 2:
      return "nd";
    case 3:
      return "rd";
    default:
      return "th";
  }
}

void Emit(std::string& out, std::string_view w) {
  if (!out.empty()) {
    // Merging ("a m" -> "am") can put a word next to itself again.
    const size_t sp = out.rfind(' ');
    const std::string_view last =
        std::string_view(out).substr(sp == std::string::npos ? 0 : sp + 1);
    if (last == w && !IsDigit(w[0])) return;
    out.push_back(' ');
  }
  out.append(w);
}

void EmitInt(std::string& out, int v, bool two_digits = false) {
  char buf[16];
  int n = 0;
  char tmp[16];
  if (v == 0) tmp[n++] = '0';
  while (v > 0 && n < 15) {
    tmp[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  if (two_digits && n == 1) tmp[n++] = '0';
  for (int k = 0; k < n; ++k) buf[k] = tmp[n - 1 - k];
  Emit(out, std::string_view(buf, static_cast<size_t>(n)));
}

bool StartsWithDigit(const std::string& out) {
  // The last emitted word starts with a digit.
  size_t sp = out.rfind(' ');
  sp = sp == std::string::npos ? 0 : sp + 1;
  return sp < out.size() && IsDigit(out[sp]);
}

}  // namespace

std::string NormalizeText(std::string_view utterance, Lang lang) {
  const std::string chars = FoldChars(utterance);

  std::vector<std::string_view> raw;
  raw.reserve(chars.size() / 3 + 4);
  const std::string_view all(chars);
  for (size_t i = 0; i < all.size();) {
    while (i < all.size() && all[i] == ' ') ++i;
    size_t j = i;
    while (j < all.size() && all[j] != ' ') ++j;
    if (j > i) AppendWord(all.substr(i, j - i), lang, raw);
    i = j;
  }

  // Fillers out, then a word said twice in a row once (numbers excepted).
  std::vector<std::string_view> w;
  w.reserve(raw.size());
  for (std::string_view t : raw) {
    if (IsFiller(t, lang)) continue;
    if (!w.empty() && w.back() == t && !IsDigit(t[0]) && !Lookup(t, lang)) continue;
    w.push_back(t);
  }

  std::string out;
  out.reserve(chars.size() + 8);
  for (size_t i = 0; i < w.size();) {
    const std::string_view t = w[i];
    // "a m" / "p m" after a number, "o clock".
    if ((t == "a" || t == "p") && At(w, i + 1) == "m" && StartsWithDigit(out)) {
      Emit(out, t == "a" ? "am" : "pm");
      i += 2;
      continue;
    }
    if (t == "o" && At(w, i + 1) == "clock") {
      Emit(out, "oclock");
      i += 2;
      continue;
    }
    Parsed p;
    const bool ok = lang == Lang::kEs ? EsNumber(w, i, p) : EnNumber(w, i, p);
    if (!ok) {
      Emit(out, t);
      ++i;
      continue;
    }
    if (p.ordinal) {
      EmitInt(out, p.value);
      if (lang == Lang::kEn) out.append(EnSuffix(p.value));
      i = p.end;
      continue;
    }
    if (lang == Lang::kEn && p.small) {
      // "ten oh five" -> "10 05"; "nineteen oh five" -> "1905".
      const NumWord* u = Lookup(At(w, p.end + 1), Lang::kEn);
      if (At(w, p.end) == "oh" && u && u->k == NK::kUnit) {
        if (p.value == 19 || p.value == 20) {
          EmitInt(out, p.value * 100 + u->v);
        } else {
          EmitInt(out, p.value);
          EmitInt(out, u->v, /*two_digits=*/true);
        }
        i = p.end + 2;
        continue;
      }
      // "nineteen eighty five" -> "1985", "twenty twenty six" -> "2026".
      Parsed b;
      if ((p.value == 19 || p.value == 20) && EnSmall(w, p.end, b) && !b.ordinal && b.value >= 10) {
        EmitInt(out, p.value * 100 + b.value);
        i = b.end;
        continue;
      }
    }
    EmitInt(out, p.value);
    i = p.end;
  }
  return out;
}

std::vector<std::string_view> SplitWords(std::string_view normalized) {
  std::vector<std::string_view> words;
  words.reserve(normalized.size() / 4 + 2);
  for (size_t i = 0; i < normalized.size();) {
    while (i < normalized.size() && normalized[i] == ' ') ++i;
    size_t j = i;
    while (j < normalized.size() && normalized[j] != ' ') ++j;
    if (j > i) words.push_back(normalized.substr(i, j - i));
    i = j;
  }
  return words;
}

}  // namespace voxdesk::dialog
