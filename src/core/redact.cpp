#include "core/redact.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <utility>

namespace voxdesk {
namespace {

// ---------------------------------------------------------------------------
// Character classes. ASCII only on purpose: locale-dependent <cctype> would
// make redaction differ between hosts.

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsUpper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool IsLower(char c) {
  return c >= 'a' && c <= 'z';
}
bool IsAlpha(char c) {
  return IsUpper(c) || IsLower(c);
}
bool IsAlnum(char c) {
  return IsAlpha(c) || IsDigit(c);
}
bool IsWord(char c) {
  return IsAlnum(c) || c == '_';
}
bool IsBlank(char c) {
  return c == ' ' || c == '\t';
}
char Lower(char c) {
  return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}
// A literal set of characters; the size is known at compile time, so no
// strlen runs per character scanned.
template <size_t N>
constexpr bool In(char c, const char (&set)[N]) {
  for (size_t k = 0; k + 1 < N; ++k)
    if (set[k] == c) return true;
  return false;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (Lower(a[i]) != Lower(b[i])) return false;
  return true;
}

size_t CountDigits(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size() && IsDigit(s[j])) ++j;
  return j - i;
}

size_t WordEnd(std::string_view s, size_t i) {
  while (i < s.size() && IsWord(s[i])) ++i;
  return i;
}

size_t SkipBlanks(std::string_view s, size_t i) {
  while (i < s.size() && IsBlank(s[i])) ++i;
  return i;
}

// ---------------------------------------------------------------------------
// Field names.

struct KeyRule {
  std::string_view name;
  PiiKind kind;
  bool suffix;  // also matches "<anything>_<name>"
};

constexpr KeyRule kKeyRules[] = {
    {"name", PiiKind::kName, false},
    {"names", PiiKind::kName, false},
    {"customer", PiiKind::kName, false},
    {"patient", PiiKind::kName, false},
    {"customer_name", PiiKind::kName, true},
    {"caller_name", PiiKind::kName, true},
    {"patient_name", PiiKind::kName, true},
    {"contact_name", PiiKind::kName, true},
    {"first_name", PiiKind::kName, true},
    {"middle_name", PiiKind::kName, true},
    {"last_name", PiiKind::kName, true},
    {"full_name", PiiKind::kName, true},
    {"given_name", PiiKind::kName, true},
    {"family_name", PiiKind::kName, true},
    {"firstname", PiiKind::kName, true},
    {"lastname", PiiKind::kName, true},
    {"fullname", PiiKind::kName, true},
    {"surname", PiiKind::kName, true},

    {"phone", PiiKind::kPhone, true},
    {"phones", PiiKind::kPhone, true},
    {"phone_number", PiiKind::kPhone, true},
    {"phone_numbers", PiiKind::kPhone, true},
    {"phonenumber", PiiKind::kPhone, true},
    {"telephone", PiiKind::kPhone, true},
    {"tel", PiiKind::kPhone, false},
    {"mobile", PiiKind::kPhone, false},
    {"mobile_number", PiiKind::kPhone, true},
    {"cell", PiiKind::kPhone, false},
    {"cell_phone", PiiKind::kPhone, true},
    {"cellphone", PiiKind::kPhone, true},
    {"caller", PiiKind::kPhone, true},
    {"caller_id", PiiKind::kPhone, true},
    {"caller_number", PiiKind::kPhone, true},
    {"callback_number", PiiKind::kPhone, true},
    {"from", PiiKind::kPhone, false},
    {"to", PiiKind::kPhone, false},
    {"from_number", PiiKind::kPhone, true},
    {"to_number", PiiKind::kPhone, true},
    {"forwarded_from", PiiKind::kPhone, true},
    {"msisdn", PiiKind::kPhone, true},
    {"ani", PiiKind::kPhone, false},

    {"email", PiiKind::kEmail, true},
    {"emails", PiiKind::kEmail, true},
    {"email_address", PiiKind::kEmail, true},
    {"emailaddress", PiiKind::kEmail, true},
    {"e_mail", PiiKind::kEmail, true},

    {"dob", PiiKind::kDob, true},
    {"date_of_birth", PiiKind::kDob, true},
    {"birth_date", PiiKind::kDob, true},
    {"birthdate", PiiKind::kDob, true},
    {"birthday", PiiKind::kDob, true},

    {"address", PiiKind::kAddress, true},
    {"addresses", PiiKind::kAddress, true},
    {"addr", PiiKind::kAddress, false},
    {"street", PiiKind::kAddress, true},
    {"street_address", PiiKind::kAddress, true},
    {"address_line1", PiiKind::kAddress, true},
    {"address_line2", PiiKind::kAddress, true},
    {"address1", PiiKind::kAddress, true},
    {"address2", PiiKind::kAddress, true},
    {"zip", PiiKind::kAddress, true},
    {"zip_code", PiiKind::kAddress, true},
    {"zipcode", PiiKind::kAddress, true},
    {"postal_code", PiiKind::kAddress, true},
    {"postcode", PiiKind::kAddress, true},

    {"ssn", PiiKind::kSsn, true},
    {"social_security", PiiKind::kSsn, true},
    {"social_security_number", PiiKind::kSsn, true},

    {"passport", PiiKind::kGovId, true},
    {"passport_number", PiiKind::kGovId, true},
    {"national_id", PiiKind::kGovId, true},
    {"tax_id", PiiKind::kGovId, true},
    {"drivers_license", PiiKind::kGovId, true},
    {"driver_license", PiiKind::kGovId, true},
    {"license_number", PiiKind::kGovId, true},

    {"insurance_id", PiiKind::kInsurance, true},
    {"insurance_number", PiiKind::kInsurance, true},
    {"member_id", PiiKind::kInsurance, true},
    {"policy_number", PiiKind::kInsurance, true},
    {"group_number", PiiKind::kInsurance, true},
    {"subscriber_id", PiiKind::kInsurance, true},
    {"medicare_number", PiiKind::kInsurance, true},
    {"medicaid_id", PiiKind::kInsurance, true},

    {"mrn", PiiKind::kMedicalRecord, true},
    {"medical_record_number", PiiKind::kMedicalRecord, true},

    {"card", PiiKind::kCard, false},
    {"card_number", PiiKind::kCard, true},
    {"credit_card", PiiKind::kCard, true},
    {"creditcard", PiiKind::kCard, true},
    {"cc_number", PiiKind::kCard, true},
    {"pan", PiiKind::kCard, false},
    {"cvv", PiiKind::kCard, true},
    {"cvc", PiiKind::kCard, true},

    {"transcript", PiiKind::kTranscript, true},
    {"utterance", PiiKind::kTranscript, true},
    {"caller_text", PiiKind::kTranscript, true},
    {"agent_text", PiiKind::kTranscript, true},
    {"speech", PiiKind::kTranscript, true},
    {"stt_text", PiiKind::kTranscript, true},
    {"tts_text", PiiKind::kTranscript, true},
    {"prompt", PiiKind::kTranscript, true},
    {"completion", PiiKind::kTranscript, false},

    {"notes", PiiKind::kNotes, true},
    {"note", PiiKind::kNotes, true},
    {"symptoms", PiiKind::kNotes, true},
    {"reason_for_visit", PiiKind::kNotes, true},

    {"authorization", PiiKind::kSecret, true},
    {"auth", PiiKind::kSecret, false},
    {"bearer", PiiKind::kSecret, false},
    {"api_key", PiiKind::kSecret, true},
    {"apikey", PiiKind::kSecret, true},
    {"key", PiiKind::kSecret, false},
    {"private_key", PiiKind::kSecret, true},
    {"secret_key", PiiKind::kSecret, true},
    {"access_key", PiiKind::kSecret, true},
    {"signing_key", PiiKind::kSecret, true},
    {"encryption_key", PiiKind::kSecret, true},
    {"master_key", PiiKind::kSecret, true},
    {"token", PiiKind::kSecret, true},
    {"auth_token", PiiKind::kSecret, true},
    {"password", PiiKind::kSecret, true},
    {"passwd", PiiKind::kSecret, true},
    {"pwd", PiiKind::kSecret, false},
    {"passphrase", PiiKind::kSecret, true},
    {"secret", PiiKind::kSecret, true},
    {"signature", PiiKind::kSecret, true},
    {"sig", PiiKind::kSecret, false},
    {"cookie", PiiKind::kSecret, true},
    {"cookies", PiiKind::kSecret, true},
    {"credential", PiiKind::kSecret, true},
    {"credentials", PiiKind::kSecret, true},
    {"jwt", PiiKind::kSecret, true},
    {"otp", PiiKind::kSecret, true},
    {"pin", PiiKind::kSecret, false},
};

constexpr auto kSortedKeyRules = [] {
  std::array<KeyRule, std::size(kKeyRules)> a{};
  std::copy(std::begin(kKeyRules), std::end(kKeyRules), a.begin());
  std::sort(a.begin(), a.end(), [](const KeyRule& x, const KeyRule& y) { return x.name < y.name; });
  return a;
}();

static_assert(std::adjacent_find(kSortedKeyRules.begin(), kSortedKeyRules.end(),
                                 [](const KeyRule& x, const KeyRule& y) {
                                   return x.name == y.name;
                                 }) == kSortedKeyRules.end(),
              "duplicate key rule");

const KeyRule* FindKeyRule(std::string_view name) {
  const auto it = std::lower_bound(kSortedKeyRules.begin(), kSortedKeyRules.end(), name,
                                   [](const KeyRule& r, std::string_view v) { return r.name < v; });
  return it != kSortedKeyRules.end() && it->name == name ? &*it : nullptr;
}

// Keys can be arbitrarily long; only the tail of the last segment matters
// for exact and suffix matches, so a fixed buffer avoids allocating.
constexpr size_t kMaxKeySegment = 64;

size_t NormalizeKey(std::string_view key, std::array<char, 2 * kMaxKeySegment>& buf) {
  while (!key.empty() && key.back() == ']') {
    const size_t open = key.rfind('[');
    if (open == std::string_view::npos) break;
    key = key.substr(0, open);
  }
  const size_t sep = key.find_last_of(".:/");
  if (sep != std::string_view::npos) key = key.substr(sep + 1);
  if (key.size() > kMaxKeySegment) key = key.substr(key.size() - kMaxKeySegment);
  size_t n = 0;
  for (size_t k = 0; k < key.size(); ++k) {
    const char c = key[k];
    if (IsUpper(c)) {
      // camelCase and acronyms: "customerPhone" -> customer_phone,
      // "XApiKey" -> x_api_key, "APIKey" -> api_key.
      const bool boundary =
          k > 0 && (IsLower(key[k - 1]) || IsDigit(key[k - 1]) ||
                    (IsUpper(key[k - 1]) && k + 1 < key.size() && IsLower(key[k + 1])));
      if (boundary && n > 0 && buf[n - 1] != '_') buf[n++] = '_';
      buf[n++] = Lower(c);
    } else if (c == '-' || c == ' ') {
      buf[n++] = '_';
    } else {
      buf[n++] = c;
    }
  }
  return n;
}

constexpr std::string_view kMarkers[] = {
    "[redacted:name]",   "[redacted:phone]",      "[redacted:email]",
    "[redacted:dob]",    "[redacted:address]",    "[redacted:ssn]",
    "[redacted:gov_id]", "[redacted:insurance]",  "[redacted:medical_record]",
    "[redacted:card]",   "[redacted:transcript]", "[redacted:notes]",
    "[redacted:secret]",
};

std::string_view Marker(PiiKind kind) {
  return kMarkers[static_cast<size_t>(kind)];
}

// ---------------------------------------------------------------------------
// Free-text scanner.

// A digit run starts a number only at a token boundary: not glued to a word
// character, and not continuing a hyphenated/dotted token (UUID, version,
// ISO date) or a digit group (1,234,567; 04/12; 10:00).
bool DigitLeftBoundary(std::string_view s, size_t i) {
  if (i == 0) return true;
  const char p = s[i - 1];
  if (IsWord(p)) return false;
  if (i >= 2 && In(p, "-.,") && IsAlnum(s[i - 2])) return false;
  if (i >= 2 && In(p, "/:") && IsDigit(s[i - 2])) return false;
  return true;
}

bool DigitRightBoundary(std::string_view s, size_t e) {
  if (e >= s.size()) return true;
  const char c = s[e];
  if (IsWord(c)) return false;
  if (e + 1 < s.size()) {
    const char next = s[e + 1];
    if (c == '-' && IsAlnum(next)) return false;
    if (In(c, ".,/:") && IsDigit(next)) return false;
  }
  return true;
}

struct Hit {
  size_t end = 0;  // 0: no match
  PiiKind kind = PiiKind::kPhone;
};

Hit MatchSsn(std::string_view s, size_t i) {
  if (CountDigits(s, i) != 3 || i + 3 >= s.size()) return {};
  const char sep = s[i + 3];
  if (sep != '-' && sep != ' ') return {};
  if (CountDigits(s, i + 4) != 2 || i + 6 >= s.size() || s[i + 6] != sep) return {};
  if (CountDigits(s, i + 7) != 4 || !DigitRightBoundary(s, i + 11)) return {};
  return {i + 11, PiiKind::kSsn};
}

Hit MatchGroupedCard(std::string_view s, size_t i) {
  if (CountDigits(s, i) != 4 || i + 4 >= s.size()) return {};
  const char sep = s[i + 4];
  if (sep != ' ' && sep != '-') return {};
  size_t j = i + 4, total = 4, groups = 1;
  while (j < s.size() && s[j] == sep) {
    const size_t d = CountDigits(s, j + 1);
    if (d < 3 || d > 6 || total + d > 19) break;
    total += d;
    ++groups;
    j += 1 + d;
  }
  if (groups < 3 || total < 13 || !DigitRightBoundary(s, j)) return {};
  return {j, PiiKind::kCard};
}

// 555-010-0199, 555.010.0199, 555 010 0199, (555) 010-0199, 555-0199.
size_t MatchNanpCore(std::string_view s, size_t i) {
  const size_t n = s.size();
  size_t j = i;
  if (j < n && s[j] == '(') {
    if (CountDigits(s, j + 1) != 3 || j + 4 >= n || s[j + 4] != ')') return 0;
    j += 5;
    if (j < n && s[j] == ' ') ++j;
    if (CountDigits(s, j) != 3 || j + 3 >= n || !In(s[j + 3], "-. ")) return 0;
    j += 4;
    if (CountDigits(s, j) != 4 || !DigitRightBoundary(s, j + 4)) return 0;
    return j + 4;
  }
  if (CountDigits(s, j) != 3 || j + 3 >= n || !In(s[j + 3], "-. ")) return 0;
  const char sep1 = s[j + 3];
  j += 4;
  const size_t d = CountDigits(s, j);
  if (d == 4 && sep1 != ' ' && DigitRightBoundary(s, j + 4)) return j + 4;
  if (d != 3 || j + 3 >= n || !In(s[j + 3], "-. ")) return 0;
  j += 4;
  if (CountDigits(s, j) != 4 || !DigitRightBoundary(s, j + 4)) return 0;
  return j + 4;
}

Hit MatchNanp(std::string_view s, size_t i) {
  if (i + 2 < s.size() && s[i] == '1' && In(s[i + 1], "-. ") &&
      (IsDigit(s[i + 2]) || s[i + 2] == '(')) {
    if (const size_t e = MatchNanpCore(s, i + 2)) return {e, PiiKind::kPhone};
  }
  if (const size_t e = MatchNanpCore(s, i)) return {e, PiiKind::kPhone};
  return {};
}

// "+" and 7-15 digits with single separators; "(area)" groups allowed.
Hit MatchE164(std::string_view s, size_t i) {
  const size_t n = s.size();
  size_t j = i + 1, digits = 0, end = 0;
  bool first = true;
  while (j < n) {
    size_t k = j;
    if (!first && In(s[k], " -.")) {
      // Once a full number has been read, a space-separated group is more
      // likely the next word ("+15550100199 2 people") than more digits.
      if (s[k] == ' ' && digits >= 10) break;
      ++k;
    }
    const bool paren = k < n && s[k] == '(';
    if (paren) ++k;
    const size_t d = CountDigits(s, k);
    if (d == 0) break;
    if (paren && (k + d >= n || s[k + d] != ')')) break;
    digits += d;
    if (digits > 15) return {};
    j = k + d + (paren ? 1 : 0);
    end = j;
    first = false;
  }
  if (digits < 7 || !DigitRightBoundary(s, end)) return {};
  return {end, PiiKind::kPhone};
}

Hit MatchPlainRun(std::string_view s, size_t i) {
  const size_t d = CountDigits(s, i);
  if (d < 7 || d > 19 || !DigitRightBoundary(s, i + d)) return {};
  return {i + d, d <= 12 ? PiiKind::kPhone : PiiKind::kCard};
}

constexpr std::string_view kDigitWords[] = {"zero", "oh",  "one",   "two",   "three", "four",
                                            "five", "six", "seven", "eight", "nine",  "niner"};

bool IsDigitWord(std::string_view w) {
  for (std::string_view d : kDigitWords)
    if (EqualsNoCase(w, d)) return true;
  return false;
}

// One spoken token at i: a single digit, a 3-4 digit group, a digit word, or
// double/triple + digit. Returns {end, digit count} or {0, 0}.
std::pair<size_t, size_t> SpokenToken(std::string_view s, size_t i) {
  if (i >= s.size()) return {0, 0};
  if (IsDigit(s[i])) {
    const size_t d = CountDigits(s, i);
    if ((d != 1 && d != 3 && d != 4) || (i + d < s.size() && IsWord(s[i + d]))) return {0, 0};
    return {i + d, d};
  }
  if (!IsAlpha(s[i])) return {0, 0};
  const size_t e = WordEnd(s, i);
  const std::string_view w = s.substr(i, e - i);
  if (IsDigitWord(w)) return {e, 1};
  size_t mult = 0;
  if (EqualsNoCase(w, "double")) mult = 2;
  if (EqualsNoCase(w, "triple")) mult = 3;
  if (mult == 0) return {0, 0};
  const size_t k = SkipBlanks(s, e);
  if (k == e || k >= s.size()) return {0, 0};
  if (IsDigit(s[k]) && CountDigits(s, k) == 1 && (k + 1 >= s.size() || !IsWord(s[k + 1])))
    return {k + 1, mult};
  const size_t we = WordEnd(s, k);
  if (IsAlpha(s[k]) && IsDigitWord(s.substr(k, we - k))) return {we, mult};
  return {0, 0};
}

Hit MatchSpokenRun(std::string_view s, size_t i) {
  const size_t n = s.size();
  size_t j = i, digits = 0, end = 0;
  while (true) {
    const auto [tok_end, tok_digits] = SpokenToken(s, j);
    if (tok_end == 0) break;
    digits += tok_digits;
    end = tok_end;
    // Separators as transcribed: spaces, commas, periods ("5, 5, 5."), or a
    // lone hyphen ("five-five-five"). A bare comma or period between digits
    // is a number format (1,234,567 / 10.0.0.1), not speech.
    size_t k = tok_end, len = 0;
    bool blank = false;
    while (k < n && len < 3 && In(s[k], " \t,-.")) {
      blank |= IsBlank(s[k]);
      ++k;
      ++len;
    }
    if (len == 0 || (!blank && !(len == 1 && s[tok_end] == '-'))) break;
    j = k;
  }
  if (digits < 7) return {};
  return {end, digits >= 16 && digits <= 19 ? PiiKind::kCard : PiiKind::kPhone};
}

constexpr std::string_view kMonths[] = {
    "january",   "february", "march",    "april",    "may",  "june", "july", "august",
    "september", "october",  "november", "december", "jan",  "feb",  "mar",  "apr",
    "jun",       "jul",      "aug",      "sep",      "sept", "oct",  "nov",  "dec"};

size_t MatchMonth(std::string_view s, size_t i) {
  if (i >= s.size() || !IsAlpha(s[i])) return 0;
  size_t e = i;
  while (e < s.size() && IsAlpha(s[e])) ++e;
  if (e < s.size() && IsWord(s[e])) return 0;
  const std::string_view w = s.substr(i, e - i);
  for (std::string_view m : kMonths) {
    if (EqualsNoCase(w, m)) {
      if (w.size() <= 4 && e < s.size() && s[e] == '.') ++e;
      return e;
    }
  }
  return 0;
}

// Day of month: 1-2 digits with an optional ordinal suffix.
size_t MatchDay(std::string_view s, size_t i) {
  const size_t d = CountDigits(s, i);
  if (d < 1 || d > 2) return 0;
  size_t e = i + d;
  if (e + 1 < s.size()) {
    const char a = Lower(s[e]), b = Lower(s[e + 1]);
    if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
        (a == 't' && b == 'h'))
      e += 2;
  }
  if (e < s.size() && IsWord(s[e])) return 0;
  return e;
}

size_t MatchYear(std::string_view s, size_t i) {
  if (CountDigits(s, i) != 4 || !DigitRightBoundary(s, i + 4)) return 0;
  return i + 4;
}

// After a day or a month: an optional ", 1990" / " 1990".
size_t ExtendWithYear(std::string_view s, size_t e) {
  size_t k = e;
  if (k < s.size() && s[k] == ',') ++k;
  const size_t y = SkipBlanks(s, k);
  if (y == k) return e;
  if (const size_t ye = MatchYear(s, y)) return ye;
  return e;
}

Hit MatchBirthDate(std::string_view s, size_t i) {
  const size_t n = s.size();
  if (IsAlpha(s[i])) {
    const size_t me = MatchMonth(s, i);
    if (me == 0) return {};
    const size_t k = SkipBlanks(s, me);
    if (k == me) return {};
    if (const size_t de = MatchDay(s, k)) return {ExtendWithYear(s, de), PiiKind::kDob};
    if (const size_t ye = MatchYear(s, k)) return {ye, PiiKind::kDob};
    return {};
  }
  const size_t a = CountDigits(s, i);
  if (a == 8 && DigitRightBoundary(s, i + 8)) return {i + 8, PiiKind::kDob};
  if ((a == 1 || a == 2 || a == 4) && i + a < n && In(s[i + a], "-/.")) {
    const char sep = s[i + a];
    const size_t b = CountDigits(s, i + a + 1);
    const size_t j = i + a + 1 + b;
    if (b >= 1 && b <= 2 && j < n && s[j] == sep) {
      const size_t c = CountDigits(s, j + 1);
      const bool shape = a == 4 ? (c == 1 || c == 2) : (c == 2 || c == 4);
      if (shape && DigitRightBoundary(s, j + 1 + c)) return {j + 1 + c, PiiKind::kDob};
    }
  }
  if (a == 4) {
    const size_t ye = MatchYear(s, i);
    const int century = (s[i] - '0') * 10 + (s[i + 1] - '0');
    if (ye && (century == 19 || century == 20)) return {ye, PiiKind::kDob};
  }
  if (const size_t de = MatchDay(s, i)) {
    size_t k = SkipBlanks(s, de);
    if (k == de) return {};
    if (k + 2 < n && EqualsNoCase(s.substr(k, 2), "of") && IsBlank(s[k + 2]))
      k = SkipBlanks(s, k + 2);
    if (const size_t me = MatchMonth(s, k)) return {ExtendWithYear(s, me), PiiKind::kDob};
  }
  return {};
}

bool IsBirthWord(std::string_view w) {
  if (w.size() < 3 || w.size() > 13 || (Lower(w[0]) != 'b' && Lower(w[0]) != 'd')) return false;
  for (std::string_view b :
       {"born", "birth", "birthday", "birthdate", "birth_date", "dob", "date_of_birth"})
    if (EqualsNoCase(w, b)) return true;
  return false;
}

constexpr size_t kBirthWindow = 48;

// Token characters of RFC 6750 bearer tokens (token68).
bool IsToken68(char c) {
  return IsAlnum(c) || In(c, "-._~+/");
}

size_t Token68End(std::string_view s, size_t i) {
  while (i < s.size() && IsToken68(s[i])) ++i;
  while (i < s.size() && s[i] == '=') ++i;
  return i;
}

struct KeyPrefix {
  std::string_view prefix;
  size_t min_len;
};

constexpr KeyPrefix kKeyPrefixes[] = {
    {"sk-", 20},      {"sk_live_", 20},    {"sk_test_", 20}, {"rk_live_", 20},
    {"rk_test_", 20}, {"xoxb-", 20},       {"xoxp-", 20},    {"xoxa-", 20},
    {"xoxs-", 20},    {"ghp_", 30},        {"gho_", 30},     {"ghs_", 30},
    {"ghu_", 30},     {"github_pat_", 30}, {"AKIA", 20},     {"AIza", 35},
};

bool IsKeyChar(char c) {
  return IsWord(c) || c == '-';
}

// Well-known credential shapes: provider key prefixes and JWTs.
size_t MatchKnownSecret(std::string_view s, size_t i) {
  const size_t n = s.size();
  if (s.substr(i, 3) == "eyJ") {
    size_t e = i, dots = 0;
    while (e < n && (IsKeyChar(s[e]) || s[e] == '.')) dots += s[e++] == '.';
    while (e > i && s[e - 1] == '.') {
      --e;
      --dots;
    }
    if (dots >= 2 && e - i >= 20) return e;
    return 0;
  }
  size_t e = i;
  while (e < n && IsKeyChar(s[e])) ++e;
  for (const KeyPrefix& p : kKeyPrefixes) {
    if (e - i >= p.min_len && s.substr(i, p.prefix.size()) == p.prefix) return e;
  }
  return 0;
}

// HTTP auth schemes kept visible in "Authorization: Basic <secret>".
bool IsAuthScheme(std::string_view w) {
  for (std::string_view a : {"bearer", "basic", "digest", "token", "negotiate", "ntlm", "hoba"})
    if (EqualsNoCase(w, a)) return true;
  return false;
}

bool EndsUnquotedValue(char c) {
  return IsBlank(c) || c == '\n' || c == '\r' || In(c, "&;,\"'<>)]}");
}

// Characters that can appear inside a URL written in text; quotes and
// angle brackets usually delimit it.
bool IsUrlChar(char c) {
  return static_cast<unsigned char>(c) > 0x20 && c != 0x7F && !In(c, "\"'<>`");
}

int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else if (s[i] == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}

class Scanner {
 public:
  Scanner(std::string_view s, std::string& out, bool allow_urls)
      : s_(s), out_(out), allow_urls_(allow_urls) {}

  size_t Run() {
    const size_t n = s_.size();
    size_t i = 0;
    while (i < n) {
      const char c = s_[i];
      size_t next = 0;
      if (IsWord(c)) {
        const bool start = i == 0 || !IsWord(s_[i - 1]);
        next = start ? AtWordStart(i) : 0;
        if (next == 0) next = CopyWord(i);
      } else if (c == '+' && (i == 0 || !IsWord(s_[i - 1]))) {
        next = Emit(MatchE164(s_, i));
      } else if (c == '(' && (i == 0 || !IsWord(s_[i - 1]))) {
        next = Emit(MatchNanp(s_, i));
      } else if (c == '"') {
        next = QuotedKeyValue(i);
      } else if (c == '\n') {
        dob_until_ = 0;  // a birth word does not reach into the next line
      }
      if (next == 0) {
        out_ += c;
        next = i + 1;
      }
      i = next;
    }
    return count_;
  }

 private:
  size_t Emit(Hit h) {
    if (h.end == 0) return 0;
    out_ += Marker(h.kind);
    ++count_;
    return h.end;
  }

  size_t CopyWord(size_t i) {
    const size_t e = WordEnd(s_, i);
    const std::string_view w = s_.substr(i, e - i);
    if (IsBirthWord(w)) dob_until_ = e + kBirthWindow;
    out_ += w;
    return e;
  }

  // Returns the end of what was consumed and written, or 0. Most words are
  // plain; the character after the word decides cheaply which matchers can
  // apply at all.
  size_t AtWordStart(size_t i) {
    const char c = s_[i];
    const size_t w = WordEnd(s_, i);
    const size_t len = w - i;
    const char after = w < s_.size() ? s_[w] : '\0';
    if (IsAlpha(c) && allow_urls_ && i >= no_url_before_ && In(after, "+.-:")) {
      if (const size_t e = Url(i)) return e;
    }
    if (i >= no_email_before_ && In(after, "._%+-@")) {
      if (const size_t e = Emit(MatchEmail(i))) return e;
    }
    const bool in_birth_window = i < dob_until_;
    if (IsDigit(c)) {
      if (!DigitLeftBoundary(s_, i)) return 0;
      if (in_birth_window) {
        if (const size_t e = Emit(MatchBirthDate(s_, i))) return e;
      }
      using Matcher = Hit (*)(std::string_view, size_t);
      for (Matcher m : {MatchSsn, MatchGroupedCard, MatchNanp, MatchPlainRun, MatchSpokenRun}) {
        if (const size_t e = Emit(m(s_, i))) return e;
      }
      return 0;
    }
    if (In(after, "-.=:") && i >= no_key_before_) {
      if (const size_t e = KeyValue(i)) return e;
    }
    if (!IsAlpha(c)) return 0;
    if (len == 6) {
      if (const size_t e = Bearer(i)) return e;
    }
    if (In(c, "srxgAe")) {
      if (const size_t e = MatchKnownSecret(s_, i)) return Emit({e, PiiKind::kSecret});
    }
    if (len == 1 && after == '.' && s_.size() - i >= 5 && EqualsNoCase(s_.substr(i, 5), "d.o.b")) {
      dob_until_ = i + 5 + kBirthWindow;
      out_ += s_.substr(i, 5);
      return i + 5;
    }
    if (in_birth_window) {
      if (const size_t e = Emit(MatchBirthDate(s_, i))) return e;
    }
    // Digit words, "double" and "triple" start with one of these letters.
    if (len >= 2 && len <= 6 && In(Lower(c), "zotfsend")) {
      if (const size_t e = SpokenFromWord(i)) return e;
    }
    return 0;
  }

  // "Oh, 555 0100 199": an interjection "oh" stays visible when the digits
  // after it form the same run on their own.
  size_t SpokenFromWord(size_t i) {
    const Hit h = MatchSpokenRun(s_, i);
    if (h.end == 0) return 0;
    const size_t w = WordEnd(s_, i);
    if (EqualsNoCase(s_.substr(i, w - i), "oh")) {
      size_t j = w;
      while (j < s_.size() && In(s_[j], " \t,-.")) ++j;
      const Hit rest = MatchSpokenRun(s_, j);
      if (rest.end == h.end) {
        out_ += s_.substr(i, j - i);
        return Emit(rest);
      }
    }
    return Emit(h);
  }

  Hit MatchEmail(size_t i) {
    const size_t n = s_.size();
    size_t k = i;
    while (k < n && (IsAlnum(s_[k]) || In(s_[k], "._%+-"))) ++k;
    if (k >= n || s_[k] != '@') {
      // Every later start inside this run reaches the same end and fails the
      // same way; remembering it keeps the scan linear on "a.a.a.a...".
      no_email_before_ = k;
      return {};
    }
    size_t j = k + 1, dots = 0, last_dot = 0;
    while (j < n) {
      if (IsAlnum(s_[j]) || s_[j] == '-') {
        ++j;
      } else if (s_[j] == '.' && j > k + 1 && s_[j - 1] != '.' && j + 1 < n && IsAlnum(s_[j + 1])) {
        ++dots;
        last_dot = j++;
      } else {
        break;
      }
    }
    bool tld_ok = dots > 0 && j - last_dot > 2;
    for (size_t t = last_dot + 1; tld_ok && t < j; ++t) tld_ok = IsAlpha(s_[t]);
    if (!tld_ok) {
      no_email_before_ = k;
      return {};
    }
    return {j, PiiKind::kEmail};
  }

  size_t Bearer(size_t i) {
    const size_t w = WordEnd(s_, i);
    const std::string_view word = s_.substr(i, w - i);
    if (!EqualsNoCase(word, "bearer")) return 0;
    const size_t t = SkipBlanks(s_, w);
    if (t == w) return 0;
    const size_t e = Token68End(s_, t);
    // "Bearer"/"BEARER" is the header spelling; a lower-case "bearer" in
    // prose ("the bearer of") needs a token that looks like one.
    const bool header_case = word == "Bearer" || word == "BEARER";
    if (e == t || (!header_case && e - t < 16)) return 0;
    out_ += s_.substr(i, t - i);
    out_ += Marker(PiiKind::kSecret);
    ++count_;
    return e;
  }

  // Writes s_[i, v) (the key and separator), then the marker in place of the
  // value at v: a quoted string, or one token after an optional auth scheme
  // word. Returns the end of the value, or 0 when there is no value.
  size_t RedactValue(size_t i, size_t v, PiiKind kind, bool quote_bare) {
    const size_t n = s_.size();
    if (v >= n) return 0;
    if (s_[v] == '"' || s_[v] == '\'') {
      const char q = s_[v];
      size_t c = v + 1;
      while (c < n && s_[c] != q) c += (s_[c] == '\\' && c + 1 < n) ? 2 : 1;
      if (c < n) {
        out_ += s_.substr(i, v + 1 - i);
        out_ += Marker(kind);
        out_ += q;
        ++count_;
        return c + 1;
      }
      ++v;  // unterminated: treat the rest as a bare token
    }
    size_t t = v;
    if (kind == PiiKind::kSecret && IsAlpha(s_[v])) {
      const size_t w = WordEnd(s_, v);
      const size_t after = SkipBlanks(s_, w);
      if (IsAuthScheme(s_.substr(v, w - v)) && after > w && after < n &&
          !EndsUnquotedValue(s_[after]))
        t = after;
    }
    size_t e = t;
    while (e < n && !EndsUnquotedValue(s_[e])) ++e;
    if (e == t) return 0;
    out_ += s_.substr(i, t - i);
    if (quote_bare) out_ += '"';
    out_ += Marker(kind);
    if (quote_bare) out_ += '"';
    ++count_;
    return e;
  }

  // token=abc, password: hunter2, Authorization: Basic xyz, name=Ana.
  size_t KeyValue(size_t i) {
    const size_t n = s_.size();
    size_t k = i;
    while (k < n && (IsWord(s_[k]) || s_[k] == '-' || s_[k] == '.')) ++k;
    // The whole run is the key ("x-from" is not "from"); later starts inside
    // it would only re-decide the same key, so one scan covers them all.
    no_key_before_ = k;
    if (k >= n || (s_[k] != '=' && s_[k] != ':')) return 0;
    const auto kind = ClassifyKey(s_.substr(i, k - i));
    if (!kind) return 0;
    const bool colon = s_[k] == ':';
    // "to: the front desk" is prose; only secrets use the colon form bare.
    if (colon && *kind != PiiKind::kSecret) {
      const size_t v = SkipBlanks(s_, k + 1);
      if (v >= n || (s_[v] != '"' && s_[v] != '\'')) return 0;
    }
    if (colon && k + 2 < n && s_[k + 1] == '/' && s_[k + 2] == '/') return 0;
    const size_t v = colon ? SkipBlanks(s_, k + 1) : k + 1;
    return RedactValue(i, v, *kind, false);
  }

  // "name": "Ana Ruiz" inside free text (a JSON fragment in a message).
  size_t QuotedKeyValue(size_t i) {
    const size_t n = s_.size();
    size_t k = i + 1;
    while (k < n && k - i <= kMaxKeySegment && s_[k] != '"' && s_[k] != '\\' &&
           static_cast<unsigned char>(s_[k]) >= 0x20)
      ++k;
    if (k >= n || s_[k] != '"' || k == i + 1) return 0;
    size_t j = SkipBlanks(s_, k + 1);
    if (j >= n || (s_[j] != ':' && s_[j] != '=')) return 0;
    const auto kind = ClassifyKey(s_.substr(i + 1, k - i - 1));
    if (!kind) return 0;
    j = SkipBlanks(s_, j + 1);
    if (s_.substr(j, 4) == "null") return 0;
    return RedactValue(i, j, *kind, true);
  }

  // scheme://userinfo@host/path?query#fragment
  size_t Url(size_t i) {
    const size_t n = s_.size();
    size_t k = i;
    while (k < n && k - i < 32 && (IsAlnum(s_[k]) || In(s_[k], "+.-"))) ++k;
    if (s_.substr(k, 3) != "://") {
      no_url_before_ = k;
      return 0;
    }
    size_t e = k + 3;
    while (e < n && IsUrlChar(s_[e])) ++e;
    while (e > k + 3 && In(s_[e - 1], ".,;:!?)]}")) --e;
    const std::string_view url = s_.substr(0, e);

    out_ += s_.substr(i, k + 3 - i);
    const size_t a = k + 3;
    size_t auth_end = url.find_first_of("/?#", a);
    if (auth_end == std::string_view::npos) auth_end = e;
    const size_t at_rel = s_.substr(a, auth_end - a).rfind('@');
    const size_t at = at_rel == std::string_view::npos ? at_rel : a + at_rel;
    size_t host = a;
    if (at != std::string_view::npos) {
      out_ += Marker(PiiKind::kSecret);
      out_ += '@';
      ++count_;
      host = at + 1;
    }
    out_ += s_.substr(host, auth_end - host);
    size_t path_end = url.find_first_of("?#", auth_end);
    if (path_end == std::string_view::npos) path_end = e;
    ScrubUrlPart(s_.substr(auth_end, path_end - auth_end), false);
    size_t p = path_end;
    while (p < e) {
      const char delim = s_[p];  // '?' or '#'
      out_ += delim;
      size_t part_end = delim == '?' ? url.find('#', p + 1) : e;
      if (part_end == std::string_view::npos) part_end = e;
      Params(s_.substr(p + 1, part_end - p - 1));
      p = part_end;
    }
    return e;
  }

  void Params(std::string_view q) {
    size_t p = 0;
    while (p <= q.size()) {
      size_t amp = q.find_first_of("&;", p);
      if (amp == std::string_view::npos) amp = q.size();
      const std::string_view param = q.substr(p, amp - p);
      const size_t eq = param.find('=');
      if (eq == std::string_view::npos) {
        ScrubUrlPart(param, true);
      } else {
        const std::string_view key = param.substr(0, eq);
        out_ += key;
        out_ += '=';
        if (const auto kind = ClassifyKey(key); kind && eq + 1 < param.size()) {
          out_ += Marker(*kind);
          ++count_;
        } else {
          ScrubUrlPart(param.substr(eq + 1), true);
        }
      }
      if (amp < q.size()) out_ += q[amp];
      p = amp + 1;
    }
  }

  // URL pieces are scrubbed decoded (so %2B15550100199 is seen as a phone)
  // but written back untouched when nothing was found.
  void ScrubUrlPart(std::string_view part, bool query) {
    if (part.empty()) return;
    const std::string decoded = PercentDecode(part, query);
    std::string scrubbed;
    const size_t found = Scanner(decoded, scrubbed, false).Run();
    if (found == 0) {
      out_ += part;
    } else {
      out_ += scrubbed;
      count_ += found;
    }
  }

  std::string_view s_;
  std::string& out_;
  bool allow_urls_;
  size_t count_ = 0;
  size_t dob_until_ = 0;
  size_t no_email_before_ = 0;
  size_t no_url_before_ = 0;
  size_t no_key_before_ = 0;
};

}  // namespace

std::string_view PiiKindName(PiiKind kind) {
  std::string_view m = Marker(kind);
  m.remove_prefix(std::string_view("[redacted:").size());
  m.remove_suffix(1);
  return m;
}

std::string RedactionMarker(PiiKind kind) {
  return std::string(Marker(kind));
}

std::optional<PiiKind> ClassifyKey(std::string_view key) {
  std::array<char, 2 * kMaxKeySegment> buf;
  const size_t n = NormalizeKey(key, buf);
  const std::string_view k(buf.data(), n);
  if (const KeyRule* r = FindKeyRule(k)) return r->kind;
  // Longest suffix first: "email_address" wins over "address".
  for (size_t p = k.find('_'); p != std::string_view::npos; p = k.find('_', p + 1)) {
    const KeyRule* r = FindKeyRule(k.substr(p + 1));
    if (r != nullptr && r->suffix) return r->kind;
  }
  return std::nullopt;
}

size_t ScrubTextTo(std::string_view text, std::string& out) {
  out.reserve(out.size() + text.size());
  return Scanner(text, out, true).Run();
}

std::string ScrubText(std::string_view text) {
  std::string out;
  ScrubTextTo(text, out);
  return out;
}

std::string RedactField(std::string_view key, std::string_view value) {
  if (const auto kind = ClassifyKey(key)) return RedactionMarker(*kind);
  return ScrubText(value);
}

std::string RedactSecret(std::string text, std::string_view secret) {
  if (secret.empty()) return text;
  const std::string mark = RedactionMarker(PiiKind::kSecret);
  for (size_t at = text.find(secret); at != std::string::npos;
       at = text.find(secret, at + mark.size())) {
    text.replace(at, secret.size(), mark);
  }
  return text;
}

}  // namespace voxdesk
