#include "schedule/config_loader.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <span>
#include <system_error>
#include <utility>

namespace voxdesk {
namespace {

using Json = nlohmann::json;
using Keys = std::span<const std::string_view>;

// A real configuration nests 7 levels deep (staff[].overrides[].hours[][]);
// the cap keeps hostile input from exhausting the stack of recursive JSON
// operations (destruction, dump) anywhere downstream.
constexpr size_t kMaxDepth = 64;
constexpr size_t kMaxWarnings = 100;
constexpr size_t kMaxQuotedBytes = 64;
constexpr size_t kMaxIdBytes = 128;
constexpr size_t kMaxFileBytes = size_t{64} << 20;
constexpr int kMinutesPerDay = 1440;

// ---------------------------------------------------------------- text

// Length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlongs,
// no surrogates, nothing above U+10FFFF), or 0 when the bytes are invalid.
size_t Utf8Length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c == 0xE0) {
    n = 3, lo = 0xA0;
  } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
    n = 3;
  } else if (c == 0xED) {
    n = 3, hi = 0x9F;
  } else if (c == 0xF0) {
    n = 4, lo = 0x90;
  } else if (c >= 0xF1 && c <= 0xF3) {
    n = 4;
  } else if (c == 0xF4) {
    n = 4, hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size() || byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return n;
}

// Messages are printed, logged and embedded in JSON responses, so they must
// be valid UTF-8 on one line whatever bytes the input held: invalid bytes and
// control characters become '?'. Cuts only between characters.
std::string Printable(std::string_view s, size_t max_bytes = std::string_view::npos,
                      bool* truncated = nullptr) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    const size_t n = Utf8Length(s, i);
    if (out.size() + std::max<size_t>(n, 1) > max_bytes) {
      if (truncated) *truncated = true;
      break;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (n == 0 || (n == 1 && (c < 0x20 || c == 0x7F))) {
      out += '?';
      i += 1;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string Quote(std::string_view s) {
  bool truncated = false;
  std::string q = "\"" + Printable(s, kMaxQuotedBytes, &truncated);
  return q + (truncated ? "...\"" : "\"");
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), IsDigit);
}
bool AllAlpha(std::string_view s) {
  return std::all_of(s.begin(), s.end(), IsAlpha);
}
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// What a value is, for "expected X, got Y" messages.
std::string Describe(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return v.get<bool>() ? "true" : "false";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return v.dump();
    case Json::value_t::string:
      return "the string " + Quote(v.get_ref<const std::string&>());
    case Json::value_t::array:
      if (v.empty()) return "an empty array";
      return "an array of " + std::to_string(v.size()) + (v.size() == 1 ? " item" : " items");
    case Json::value_t::object:
      return "an object";
    default:
      return "an unsupported value";
  }
}

// ---------------------------------------------------------------- paths

bool IsPlainKey(std::string_view key) {
  if (key.empty() || key.size() > kMaxQuotedBytes) return false;
  return std::all_of(key.begin(), key.end(),
                     [](char c) { return IsAlpha(c) || IsDigit(c) || c == '_' || c == '-'; });
}

// `staff[0].hours`, or `staff[0]["odd key"]` when the key would be ambiguous.
std::string KeyPath(const std::string& parent, std::string_view key) {
  if (!IsPlainKey(key)) return parent + "[" + Quote(key) + "]";
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string IndexPath(const std::string& parent, size_t i) {
  return parent + "[" + std::to_string(i) + "]";
}

Status Fail(const std::string& path, const std::string& message) {
  return ConfigError((path.empty() ? std::string("(top level)") : path) + ": " + message);
}

// A value found (or not) at a path. `v` is null when the key is absent.
struct Field {
  const Json* v = nullptr;
  std::string path;
};

Field At(const Json& obj, const std::string& parent, std::string_view key) {
  auto it = obj.find(key);
  return {it == obj.end() ? nullptr : &*it, KeyPath(parent, key)};
}

Field At(const Json& arr, const std::string& parent, size_t i) {
  return {&arr[i], IndexPath(parent, i)};
}

// Optional fields may be given as null (exporters often write them), which
// means the same as leaving them out.
bool Present(const Field& f) {
  return f.v != nullptr && !f.v->is_null();
}

Status Missing(const Field& f, std::string_view expected) {
  return Fail(f.path, "missing (expected " + std::string(expected) + ")");
}

Status WrongType(const Field& f, std::string_view expected) {
  return Fail(f.path, "must be " + std::string(expected) + ", got " + Describe(*f.v));
}

// ---------------------------------------------------------------- unknown keys

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// The key the author most likely meant ("colour" has no match, "hourz" ->
// "hours", "Monday" -> "mon"), or empty.
std::string_view Suggest(std::string_view key, Keys known) {
  if (key.size() > kMaxQuotedBytes) return {};
  const std::string lower = Lower(key);
  for (std::string_view k : known)
    if (lower == k || (k.size() >= 3 && lower.starts_with(k))) return k;
  std::string_view best;
  size_t best_distance = 3;
  for (std::string_view k : known) {
    const size_t d = EditDistance(lower, k);
    const size_t limit = k.size() <= 4 ? 1 : 2;
    if (d <= limit && d < best_distance) best = k, best_distance = d;
  }
  return best;
}

// ---------------------------------------------------------------- JSON text

// Builds the document like nlohmann's own DOM parser, but bounds the nesting
// depth and notices duplicate keys (which JSON parsers silently collapse).
class DomBuilder final : public nlohmann::json_sax<Json> {
 public:
  bool null() override { return Put(Json(nullptr)); }
  bool boolean(bool v) override { return Put(Json(v)); }
  bool number_integer(number_integer_t v) override { return Put(Json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return Put(Json(v)); }
  bool number_float(number_float_t v, const string_t&) override { return Put(Json(v)); }
  bool string(string_t& v) override { return Put(Json(std::move(v))); }
  bool binary(binary_t&) override { return false; }  // JSON text never yields one
  bool start_object(std::size_t) override { return Open(Json::object()); }
  bool start_array(std::size_t) override { return Open(Json::array()); }
  bool end_object() override { return Close(); }
  bool end_array() override { return Close(); }

  bool key(string_t& k) override {
    const Frame& top = stack_.back();
    if (top.node->contains(k))
      duplicates_.push_back(KeyPath(top.path, k) + ": duplicate key (the last value is used)");
    key_ = std::move(k);
    return true;
  }

  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::json::exception& ex) override {
    syntax_error_ = true;
    error_position_ = position;
    error_reason_ = ex.what();
    return false;
  }

  Json& root() { return root_; }
  std::vector<std::string>& duplicates() { return duplicates_; }
  bool syntax_error() const { return syntax_error_; }
  size_t error_position() const { return error_position_; }
  const std::string& error_reason() const { return error_reason_; }
  const std::string& too_deep_path() const { return too_deep_path_; }

 private:
  struct Frame {
    Json* node;
    std::string path;
  };

  std::string ChildPath() const {
    if (stack_.empty()) return {};
    const Frame& top = stack_.back();
    return top.node->is_object() ? KeyPath(top.path, key_) : IndexPath(top.path, top.node->size());
  }

  Json* Place(Json v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    Json& parent = *stack_.back().node;
    if (parent.is_object()) {
      Json& slot = parent[key_];
      slot = std::move(v);
      return &slot;
    }
    parent.push_back(std::move(v));
    return &parent.back();
  }

  bool Put(Json v) {
    Place(std::move(v));
    return true;
  }

  bool Open(Json container) {
    std::string path = ChildPath();
    if (stack_.size() >= kMaxDepth) {
      too_deep_path_ = std::move(path);
      return false;
    }
    Json* node = Place(std::move(container));
    stack_.push_back({node, std::move(path)});
    return true;
  }

  bool Close() {
    stack_.pop_back();
    return true;
  }

  Json root_;
  std::vector<Frame> stack_;
  std::string key_;
  std::vector<std::string> duplicates_;
  bool syntax_error_ = false;
  size_t error_position_ = 0;
  std::string error_reason_;
  std::string too_deep_path_;
};

// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax
// error ..." -> "syntax error ..."; our own line/column lead the message.
std::string ParseReason(std::string what) {
  if (what.starts_with("[json.exception.")) {
    const size_t end = what.find("] ");
    if (end != std::string::npos) what.erase(0, end + 2);
  }
  if (what.starts_with("parse error")) {
    const size_t colon = what.find(": ");
    if (colon != std::string::npos) what.erase(0, colon + 2);
  }
  bool truncated = false;
  std::string out = Printable(what, 200, &truncated);
  return truncated ? out + "..." : out;
}

// nlohmann reports how many bytes it consumed, including the offending one.
std::string LineColumn(std::string_view text, size_t consumed) {
  const size_t at = std::min(consumed == 0 ? 0 : consumed - 1, text.size());
  size_t line = 1, line_start = 0;
  for (size_t i = 0; i < at; ++i)
    if (text[i] == '\n') ++line, line_start = i + 1;
  return "line " + std::to_string(line) + " column " + std::to_string(at - line_start + 1);
}

// ---------------------------------------------------------------- loader

constexpr std::string_view kTopKeys[] = {"id",
                                         "name",
                                         "timezone",
                                         "industry",
                                         "locale",
                                         "transfer_number",
                                         "on_call_number",
                                         "address",
                                         "phone",
                                         "email",
                                         "hours",
                                         "closures",
                                         "booking",
                                         "services",
                                         "staff",
                                         "bookings",
                                         "faq",
                                         "knowledge",
                                         "conflicts",
                                         "service_area",
                                         "dialog"};
constexpr std::string_view kDayKeys[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::string_view kBookingRuleKeys[] = {"min_notice_min", "horizon_days", "slot_step_min"};
constexpr std::string_view kServiceKeys[] = {
    "id",    "name",     "duration_min", "buffer_before_min", "buffer_after_min", "slot_step_min",
    "staff", "synonyms", "price",        "description"};
constexpr std::string_view kStaffKeys[] = {"id", "name", "timezone", "hours", "overrides", "busy"};
constexpr std::string_view kOverrideKeys[] = {"date", "hours"};
constexpr std::string_view kRangeKeys[] = {"start", "end"};
constexpr std::string_view kConfigBookingKeys[] = {"id", "service", "staff", "start", "customer"};
constexpr std::string_view kCustomerKeys[] = {"name", "phone", "email"};
constexpr std::string_view kFaqKeys[] = {"q", "a"};
constexpr std::string_view kKnowledgeKeys[] = {"title", "text"};
constexpr std::string_view kIndustries[] = {"medical", "legal", "home_services", "generic"};

struct IntRule {
  long long min;
  long long max;
  const char* unit;  // "minutes", "days"
};

constexpr IntRule kDuration{1, kMinutesPerDay, "minutes"};
constexpr IntRule kBuffer{0, kMinutesPerDay, "minutes"};
constexpr IntRule kStep{1, kMinutesPerDay, "minutes"};
constexpr IntRule kHorizon{1, 730, "days"};
constexpr IntRule kNotice{0, 730 * kMinutesPerDay, "minutes"};

std::string IntExpectation(const IntRule& r) {
  if (r.min == 1) return "a positive integer";
  if (r.min == 0) return "a non-negative integer";
  return "an integer";
}

Status ReadInt(const Field& f, const IntRule& r, int* out) {
  const std::string expected = IntExpectation(r);
  if (!f.v) return Missing(f, expected + " of " + r.unit);
  const Json& v = *f.v;
  if (v.is_number_float())
    return Fail(f.path, "must be " + expected + ", got " + v.dump() +
                            " (write whole numbers without a decimal point or exponent)");
  if (v.is_string())
    return Fail(f.path,
                "must be " + expected + ", got " + Describe(v) + " (write numbers without quotes)");
  if (!v.is_number_integer()) return WrongType(f, expected);
  const std::string above = " is above the maximum of " + std::to_string(r.max) + " " + r.unit;
  // Parsed non-negative integers arrive as unsigned, negative ones as signed.
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(r.max)) return Fail(f.path, std::to_string(u) + above);
  }
  const auto i = v.get<std::int64_t>();
  if (i < r.min) {
    if (r.min <= 1) return Fail(f.path, "must be " + expected + ", got " + std::to_string(i));
    return Fail(f.path, std::to_string(i) + " is below the minimum of " + std::to_string(r.min));
  }
  if (i > r.max) return Fail(f.path, std::to_string(i) + above);
  *out = static_cast<int>(i);
  return Status::Ok();
}

Status ReadString(const Field& f, std::string* out) {
  if (!f.v) return Missing(f, "a string");
  if (!f.v->is_string()) return WrongType(f, "a string");
  *out = f.v->get<std::string>();
  return Status::Ok();
}

// A name or a sentence: something a person would read out.
Status ReadText(const Field& f, std::string* out) {
  if (!f.v) return Missing(f, "a non-empty string");
  if (!f.v->is_string()) return WrongType(f, "a non-empty string");
  const auto& s = f.v->get_ref<const std::string&>();
  if (std::all_of(s.begin(), s.end(), IsSpace)) return Fail(f.path, "must not be empty");
  *out = s;
  return Status::Ok();
}

// Ids are typed on command lines and stored as keys, so stray whitespace or
// control characters would make them impossible to match.
Status ReadId(const Field& f, std::string* out) {
  constexpr std::string_view kExpected = "a non-empty id string";
  if (!f.v) return Missing(f, kExpected);
  if (!f.v->is_string()) return WrongType(f, kExpected);
  const auto& s = f.v->get_ref<const std::string&>();
  if (s.empty()) return Fail(f.path, "must not be empty");
  if (s.size() > kMaxIdBytes)
    return Fail(f.path, "is longer than " + std::to_string(kMaxIdBytes) + " bytes");
  if (IsSpace(s.front()) || IsSpace(s.back()))
    return Fail(f.path, Quote(s) + " has leading or trailing whitespace");
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
      return Fail(f.path, Quote(s) + " contains a control character");
  *out = s;
  return Status::Ok();
}

Status ReadZone(const Field& f, std::string* name, const Zone** zone) {
  constexpr std::string_view kExpected = "an IANA time zone name such as \"America/New_York\"";
  if (!f.v) return Missing(f, kExpected);
  if (!f.v->is_string() || f.v->get_ref<const std::string&>().empty())
    return WrongType(f, kExpected);
  const auto& s = f.v->get_ref<const std::string&>();
  auto z = FindZone(s);
  if (!z) return Fail(f.path, z.status().message());
  *name = s;
  *zone = *z;
  return Status::Ok();
}

Status ReadPhone(const Field& f, std::string* out) {
  constexpr std::string_view kExpected = "an E.164 phone number such as \"+15550100199\"";
  if (!f.v) return Missing(f, kExpected);
  if (!f.v->is_string()) return WrongType(f, kExpected);
  const auto& s = f.v->get_ref<const std::string&>();
  if (!IsE164(s))
    return Fail(f.path, Quote(s) +
                            " is not an E.164 phone number (expected + then 8 to 15 digits, no "
                            "spaces or dashes, e.g. +15550100199)");
  *out = s;
  return Status::Ok();
}

bool IsEmail(std::string_view s) {
  if (s.size() > 254) return false;
  for (char c : s)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F || c == ',' || c == ';') return false;
  const size_t at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos)
    return false;
  const std::string_view domain = s.substr(at + 1);
  const size_t dot = domain.rfind('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size() &&
         !domain.starts_with('.') && domain.find("..") == std::string_view::npos;
}

Status ReadEmail(const Field& f, std::string* out) {
  constexpr std::string_view kExpected = "an email address such as \"frontdesk@example.com\"";
  if (!f.v) return Missing(f, kExpected);
  if (!f.v->is_string()) return WrongType(f, kExpected);
  const auto& s = f.v->get_ref<const std::string&>();
  if (!IsEmail(s)) return Fail(f.path, Quote(s) + " is not an email address");
  *out = s;
  return Status::Ok();
}

// lang[-Script][-REGION], e.g. en, en-US, es-419, zh-Hant-TW, normalised to
// the canonical letter case so that "EN-us" and "en-US" compare equal.
bool NormalizeLocale(std::string_view s, std::string* out) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t dash = s.find('-', start);
    parts.push_back(s.substr(start, dash == std::string_view::npos ? dash : dash - start));
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  if (parts.size() > 3) return false;
  const std::string_view lang = parts[0];
  if (lang.size() < 2 || lang.size() > 3 || !AllAlpha(lang)) return false;
  std::string result = Lower(lang);
  size_t next = 1;
  if (next < parts.size() && parts[next].size() == 4 && AllAlpha(parts[next])) {
    std::string script = Lower(parts[next]);
    script[0] = static_cast<char>(script[0] - 'a' + 'A');
    result += "-" + script;
    ++next;
  }
  if (next < parts.size()) {
    const std::string_view region = parts[next];
    if (region.size() == 2 && AllAlpha(region)) {
      std::string upper(region);
      for (char& c : upper)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      result += "-" + upper;
    } else if (region.size() == 3 && AllDigits(region)) {
      result += "-" + std::string(region);
    } else {
      return false;
    }
    ++next;
  }
  if (next != parts.size()) return false;
  *out = std::move(result);
  return true;
}

Status ReadLocale(const Field& f, std::string* out) {
  constexpr std::string_view kExpected = "a language tag such as \"en-US\", \"es\" or \"es-MX\"";
  if (!f.v) return Missing(f, kExpected);
  if (!f.v->is_string()) return WrongType(f, kExpected);
  const auto& s = f.v->get_ref<const std::string&>();
  if (NormalizeLocale(s, out)) return Status::Ok();
  std::string hint;
  if (s.find('_') != std::string::npos) hint = "; use '-' instead of '_'";
  return Fail(f.path, Quote(s) +
                          " is not a language tag (expected lang[-REGION], e.g. en-US, es, " +
                          "es-MX" + hint + ")");
}

Status ReadDate(const Field& f, LocalDate* out) {
  constexpr std::string_view kExpected = "a date \"YYYY-MM-DD\"";
  if (!f.v) return Missing(f, kExpected);
  if (!f.v->is_string()) return WrongType(f, kExpected);
  auto d = ParseLocalDate(f.v->get_ref<const std::string&>(), f.path);
  if (!d) return ConfigError(d.status().message());
  *out = *d;
  return Status::Ok();
}

Status ReadInstant(const Field& f, Instant* out) {
  constexpr std::string_view kExpected =
      "an RFC 3339 date-time such as \"2026-03-09T10:00:00-04:00\"";
  if (!f.v) return Missing(f, kExpected);
  if (!f.v->is_string()) return WrongType(f, kExpected);
  auto t = ParseRfc3339(f.v->get_ref<const std::string&>(), f.path);
  if (!t) return ConfigError(t.status().message());
  *out = *t;
  return Status::Ok();
}

Status ReadZip(const Field& f, std::string* out) {
  constexpr std::string_view kExpected = "a ZIP code string such as \"80202\"";
  if (!f.v) return Missing(f, kExpected);
  if (f.v->is_number_integer())
    return Fail(f.path, "must be " + std::string(kExpected) + ", got the number " + f.v->dump() +
                            " (quote ZIP codes so that leading zeros survive)");
  if (!f.v->is_string()) return WrongType(f, kExpected);
  const auto& s = f.v->get_ref<const std::string&>();
  const bool zip5 = s.size() == 5 && AllDigits(s);
  const bool zip9 = s.size() == 10 && AllDigits(s.substr(0, 5)) && s[5] == '-' &&
                    AllDigits(std::string_view(s).substr(6));
  if (!zip5 && !zip9)
    return Fail(f.path, Quote(s) + " is not a ZIP code (expected 12345 or 12345-6789)");
  *out = s;
  return Status::Ok();
}

Status RequireObject(const Field& f, std::string_view expected = "an object {...}") {
  if (!f.v) return Missing(f, expected);
  if (!f.v->is_object()) return WrongType(f, expected);
  return Status::Ok();
}

Status RequireArray(const Field& f, std::string_view expected) {
  if (!f.v) return Missing(f, expected);
  if (!f.v->is_array()) return WrongType(f, expected);
  return Status::Ok();
}

std::string Interval(const LocalInterval& iv) {
  return FormatClockMinutes(iv.open_min) + "-" + FormatClockMinutes(iv.close_min);
}

// One day's list of ["HH:MM", "HH:MM"] pairs -> sorted intervals; pairs that
// touch (09:00-12:00, 12:00-17:00) merge, so an appointment may span them.
Status ReadDay(const Field& f, DayHours* out) {
  constexpr std::string_view kExpected =
      "a list of [\"HH:MM\", \"HH:MM\"] pairs, e.g. [[\"09:00\", \"17:00\"]] ([] = closed)";
  VOXDESK_RETURN_IF_ERROR(RequireArray(f, kExpected));
  struct Entry {
    LocalInterval iv;
    size_t index;
  };
  std::vector<Entry> entries;
  for (size_t i = 0; i < f.v->size(); ++i) {
    const Field pair = At(*f.v, f.path, i);
    if (!pair.v->is_array() || pair.v->size() != 2) {
      std::string hint;
      if (pair.v->is_string())
        hint =
            " (each day is a list of pairs: write [[\"09:00\", \"17:00\"]], not "
            "[\"09:00\", \"17:00\"])";
      return Fail(pair.path,
                  "must be an [\"HH:MM\", \"HH:MM\"] pair, got " + Describe(*pair.v) + hint);
    }
    int bounds[2] = {0, 0};
    for (size_t k = 0; k < 2; ++k) {
      const Field t = At(*pair.v, pair.path, k);
      if (!t.v->is_string())
        return WrongType(t, k == 0 ? "an opening time \"HH:MM\"" : "a closing time \"HH:MM\"");
      auto m = ParseClockMinutes(t.v->get_ref<const std::string&>(), /*allow_24=*/k == 1, t.path);
      if (!m) return ConfigError(m.status().message());
      bounds[k] = *m;
    }
    const LocalInterval iv{bounds[0], bounds[1]};
    if (iv.close_min < iv.open_min)
      return Fail(pair.path, "close " + FormatClockMinutes(iv.close_min) + " is before open " +
                                 FormatClockMinutes(iv.open_min) +
                                 " (to work past midnight, close at \"24:00\" and open the next "
                                 "day at \"00:00\")");
    if (iv.close_min == iv.open_min)
      return Fail(pair.path, "close " + FormatClockMinutes(iv.close_min) + " equals open " +
                                 FormatClockMinutes(iv.open_min) + " (use [] for a day off)");
    entries.push_back({iv, i});
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.iv.open_min < b.iv.open_min; });
  DayHours day;
  size_t last_index = 0;
  for (const Entry& e : entries) {
    if (!day.empty() && e.iv.open_min < day.back().close_min)
      return Fail(IndexPath(f.path, e.index), Interval(e.iv) + " overlaps " + Interval(day.back()) +
                                                  " (" + IndexPath(f.path, last_index) + ")");
    if (!day.empty() && e.iv.open_min == day.back().close_min) {
      day.back().close_min = e.iv.close_min;
    } else {
      day.push_back(e.iv);
    }
    last_index = e.index;
  }
  *out = std::move(day);
  return Status::Ok();
}

class Loader {
 public:
  Result<Business> Load(const Json& root);
  std::vector<std::string>& warnings() { return warnings_; }

 private:
  void CheckKeys(const Field& obj, Keys known);
  Status ReadWeek(const Field& f, WeeklyHours* out);
  Status ReadTop(const Json& root, Business* b);
  Status ReadBookingRules(const Field& f, BookingRules* out);
  Status ReadClosures(const Field& f, std::vector<LocalDate>* out);
  Status ReadStaffList(const Field& f, Business* b);
  Status ReadStaff(const Field& f, const Business& b, Staff* out);
  Status ReadServices(const Field& f, Business* b);
  Status ReadService(const Field& f, const Business& b, Service* out);
  Status ReadBookings(const Field& f, Business* b);
  Status ReadBooking(const Field& f, const Business& b, ConfigBooking* out);
  Status ReadCustomer(const Field& f, Customer* out);
  Status ReadFaq(const Field& f, std::vector<FaqEntry>* out);
  Status ReadKnowledge(const Field& f, std::vector<KnowledgeEntry>* out);
  Status ReadTextList(const Field& f, std::vector<std::string>* out);
  Status ReadZipList(const Field& f, std::vector<std::string>* out);

  std::vector<std::string> warnings_;
};

void Loader::CheckKeys(const Field& obj, Keys known) {
  for (const auto& [key, value] : obj.v->items()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string w = KeyPath(obj.path, key) + ": unknown key (ignored)";
    const std::string_view guess = Suggest(key, known);
    if (!guess.empty()) w += "; did you mean \"" + std::string(guess) + "\"?";
    warnings_.push_back(std::move(w));
  }
}

Status Loader::ReadWeek(const Field& f, WeeklyHours* out) {
  VOXDESK_RETURN_IF_ERROR(
      RequireObject(f, "an object with keys mon..sun, e.g. {\"mon\": [[\"09:00\", \"17:00\"]]}"));
  CheckKeys(f, kDayKeys);
  WeeklyHours week;
  for (size_t d = 0; d < 7; ++d) {
    const Field day = At(*f.v, f.path, kDayKeys[d]);
    if (Present(day)) VOXDESK_RETURN_IF_ERROR(ReadDay(day, &week[d]));
  }
  *out = std::move(week);
  return Status::Ok();
}

Status Loader::ReadBookingRules(const Field& f, BookingRules* out) {
  VOXDESK_RETURN_IF_ERROR(RequireObject(f));
  CheckKeys(f, kBookingRuleKeys);
  const Field notice = At(*f.v, f.path, "min_notice_min");
  const Field horizon = At(*f.v, f.path, "horizon_days");
  const Field step = At(*f.v, f.path, "slot_step_min");
  if (Present(notice)) VOXDESK_RETURN_IF_ERROR(ReadInt(notice, kNotice, &out->min_notice_min));
  if (Present(horizon)) VOXDESK_RETURN_IF_ERROR(ReadInt(horizon, kHorizon, &out->horizon_days));
  if (Present(step)) VOXDESK_RETURN_IF_ERROR(ReadInt(step, kStep, &out->slot_step_min));
  if (out->min_notice_min >= out->horizon_days * kMinutesPerDay)
    return Fail(notice.path, std::to_string(out->min_notice_min) +
                                 " minutes of notice leave nothing bookable within horizon_days " +
                                 std::to_string(out->horizon_days));
  return Status::Ok();
}

Status Loader::ReadClosures(const Field& f, std::vector<LocalDate>* out) {
  VOXDESK_RETURN_IF_ERROR(RequireArray(f, "a list of dates \"YYYY-MM-DD\""));
  std::map<LocalDate, size_t> seen;
  for (size_t i = 0; i < f.v->size(); ++i) {
    const Field e = At(*f.v, f.path, i);
    LocalDate d;
    VOXDESK_RETURN_IF_ERROR(ReadDate(e, &d));
    auto [it, fresh] = seen.emplace(d, i);
    if (!fresh)
      return Fail(e.path, "duplicate date " + FormatLocalDate(d) + " (also " +
                              IndexPath(f.path, it->second) + ")");
  }
  out->clear();
  for (const auto& [d, i] : seen) out->push_back(d);
  return Status::Ok();
}

Status Loader::ReadStaff(const Field& f, const Business& b, Staff* out) {
  VOXDESK_RETURN_IF_ERROR(RequireObject(f));
  CheckKeys(f, kStaffKeys);
  const Json& o = *f.v;
  VOXDESK_RETURN_IF_ERROR(ReadId(At(o, f.path, "id"), &out->id));
  VOXDESK_RETURN_IF_ERROR(ReadText(At(o, f.path, "name"), &out->name));

  out->timezone = b.timezone;
  out->zone = b.zone;
  if (const Field tz = At(o, f.path, "timezone"); Present(tz))
    VOXDESK_RETURN_IF_ERROR(ReadZone(tz, &out->timezone, &out->zone));

  out->hours = b.hours;
  if (const Field hours = At(o, f.path, "hours"); Present(hours))
    VOXDESK_RETURN_IF_ERROR(ReadWeek(hours, &out->hours));

  if (const Field overrides = At(o, f.path, "overrides"); Present(overrides)) {
    VOXDESK_RETURN_IF_ERROR(RequireArray(
        overrides, "a list of {\"date\": \"YYYY-MM-DD\", \"hours\": [[\"HH:MM\", \"HH:MM\"]]}"));
    std::map<LocalDate, size_t> first_seen;
    for (size_t i = 0; i < overrides.v->size(); ++i) {
      const Field ov = At(*overrides.v, overrides.path, i);
      VOXDESK_RETURN_IF_ERROR(RequireObject(ov, "an object {\"date\": ..., \"hours\": [...]}"));
      CheckKeys(ov, kOverrideKeys);
      const Field date = At(*ov.v, ov.path, "date");
      LocalDate d;
      VOXDESK_RETURN_IF_ERROR(ReadDate(date, &d));
      auto [it, fresh] = first_seen.emplace(d, i);
      if (!fresh)
        return Fail(date.path, "duplicate date " + FormatLocalDate(d) + " (also " +
                                   IndexPath(overrides.path, it->second) + ")");
      DayHours day;
      VOXDESK_RETURN_IF_ERROR(ReadDay(At(*ov.v, ov.path, "hours"), &day));
      out->overrides.emplace(d, std::move(day));
    }
  }

  if (const Field busy = At(o, f.path, "busy"); Present(busy)) {
    VOXDESK_RETURN_IF_ERROR(
        RequireArray(busy, "a list of {\"start\": RFC 3339, \"end\": RFC 3339} blocks"));
    for (size_t i = 0; i < busy.v->size(); ++i) {
      const Field block = At(*busy.v, busy.path, i);
      VOXDESK_RETURN_IF_ERROR(RequireObject(block, "an object {\"start\": ..., \"end\": ...}"));
      CheckKeys(block, kRangeKeys);
      TimeRange r;
      VOXDESK_RETURN_IF_ERROR(ReadInstant(At(*block.v, block.path, "start"), &r.start));
      const Field end = At(*block.v, block.path, "end");
      VOXDESK_RETURN_IF_ERROR(ReadInstant(end, &r.end));
      if (r.end <= r.start)
        return Fail(end.path, "must be after start (" + FormatRfc3339(r.end, *out->zone) +
                                  " is not after " + FormatRfc3339(r.start, *out->zone) + ")");
      out->busy.push_back(r);
    }
    std::stable_sort(out->busy.begin(), out->busy.end(),
                     [](const TimeRange& a, const TimeRange& c) { return a.start < c.start; });
  }
  return Status::Ok();
}

Status Loader::ReadStaffList(const Field& f, Business* b) {
  VOXDESK_RETURN_IF_ERROR(RequireArray(f, "a non-empty list of staff members"));
  if (f.v->empty()) return Fail(f.path, "must list at least one staff member");
  std::map<std::string, size_t, std::less<>> ids;
  for (size_t i = 0; i < f.v->size(); ++i) {
    const Field entry = At(*f.v, f.path, i);
    Staff s;
    VOXDESK_RETURN_IF_ERROR(ReadStaff(entry, *b, &s));
    auto [it, fresh] = ids.emplace(s.id, i);
    if (!fresh)
      return Fail(entry.path + ".id",
                  "duplicate id " + Quote(s.id) + " (also " + IndexPath(f.path, it->second) + ")");
    b->staff.push_back(std::move(s));
  }
  return Status::Ok();
}

Status Loader::ReadService(const Field& f, const Business& b, Service* out) {
  VOXDESK_RETURN_IF_ERROR(RequireObject(f));
  CheckKeys(f, kServiceKeys);
  const Json& o = *f.v;
  VOXDESK_RETURN_IF_ERROR(ReadId(At(o, f.path, "id"), &out->id));
  VOXDESK_RETURN_IF_ERROR(ReadText(At(o, f.path, "name"), &out->name));
  VOXDESK_RETURN_IF_ERROR(ReadInt(At(o, f.path, "duration_min"), kDuration, &out->duration_min));
  if (const Field x = At(o, f.path, "buffer_before_min"); Present(x))
    VOXDESK_RETURN_IF_ERROR(ReadInt(x, kBuffer, &out->buffer_before_min));
  if (const Field x = At(o, f.path, "buffer_after_min"); Present(x))
    VOXDESK_RETURN_IF_ERROR(ReadInt(x, kBuffer, &out->buffer_after_min));
  if (const Field x = At(o, f.path, "slot_step_min"); Present(x)) {
    int step = 0;
    VOXDESK_RETURN_IF_ERROR(ReadInt(x, kStep, &step));
    out->slot_step_min = step;
  }

  if (const Field staff = At(o, f.path, "staff"); Present(staff)) {
    VOXDESK_RETURN_IF_ERROR(RequireArray(staff, "a list of staff ids"));
    if (staff.v->empty())
      return Fail(staff.path, "must list at least one staff id (leave it out to allow all staff)");
    std::map<std::string, size_t, std::less<>> seen;
    for (size_t i = 0; i < staff.v->size(); ++i) {
      const Field e = At(*staff.v, staff.path, i);
      std::string id;
      VOXDESK_RETURN_IF_ERROR(ReadId(e, &id));
      if (!b.FindStaff(id)) return Fail(e.path, "unknown staff id " + Quote(id));
      auto [it, fresh] = seen.emplace(id, i);
      if (!fresh)
        return Fail(e.path, Quote(id) + " is listed twice (also " +
                                IndexPath(staff.path, it->second) + ")");
      out->staff.push_back(std::move(id));
    }
  } else {
    for (const Staff& s : b.staff) out->staff.push_back(s.id);
  }

  if (const Field syn = At(o, f.path, "synonyms"); Present(syn))
    VOXDESK_RETURN_IF_ERROR(ReadTextList(syn, &out->synonyms));

  if (const Field price = At(o, f.path, "price"); Present(price)) {
    if (!price.v->is_number()) return WrongType(price, "a non-negative number such as 120 or 89.5");
    const double p = price.v->get<double>();
    if (!(p >= 0)) return Fail(price.path, "must be a non-negative number, got " + price.v->dump());
    out->price = p;
  }
  if (const Field d = At(o, f.path, "description"); Present(d))
    VOXDESK_RETURN_IF_ERROR(ReadString(d, &out->description));
  return Status::Ok();
}

Status Loader::ReadServices(const Field& f, Business* b) {
  VOXDESK_RETURN_IF_ERROR(RequireArray(f, "a non-empty list of services"));
  if (f.v->empty()) return Fail(f.path, "must list at least one service");
  std::map<std::string, size_t, std::less<>> ids;
  // Callers say a synonym; if two services share one the agent cannot tell
  // which is meant, so it is a configuration error, not a runtime guess.
  std::map<std::string, std::pair<size_t, size_t>, std::less<>> synonyms;
  for (size_t i = 0; i < f.v->size(); ++i) {
    const Field entry = At(*f.v, f.path, i);
    Service s;
    VOXDESK_RETURN_IF_ERROR(ReadService(entry, *b, &s));
    auto [it, fresh] = ids.emplace(s.id, i);
    if (!fresh)
      return Fail(entry.path + ".id",
                  "duplicate id " + Quote(s.id) + " (also " + IndexPath(f.path, it->second) + ")");
    for (size_t k = 0; k < s.synonyms.size(); ++k) {
      auto [sit, new_synonym] = synonyms.emplace(Lower(s.synonyms[k]), std::pair{i, k});
      if (!new_synonym && sit->second.first != i)
        return Fail(
            IndexPath(entry.path + ".synonyms", k),
            Quote(s.synonyms[k]) + " is already a synonym of service " +
                Quote(b->services[sit->second.first].id) + " (" +
                IndexPath(IndexPath(f.path, sit->second.first) + ".synonyms", sit->second.second) +
                ")");
    }
    b->services.push_back(std::move(s));
  }
  return Status::Ok();
}

Status Loader::ReadCustomer(const Field& f, Customer* out) {
  VOXDESK_RETURN_IF_ERROR(RequireObject(f, "an object {\"name\", \"phone\", \"email\"}"));
  CheckKeys(f, kCustomerKeys);
  if (const Field x = At(*f.v, f.path, "name"); Present(x))
    VOXDESK_RETURN_IF_ERROR(ReadText(x, &out->name));
  if (const Field x = At(*f.v, f.path, "phone"); Present(x))
    VOXDESK_RETURN_IF_ERROR(ReadPhone(x, &out->phone));
  if (const Field x = At(*f.v, f.path, "email"); Present(x))
    VOXDESK_RETURN_IF_ERROR(ReadEmail(x, &out->email));
  return Status::Ok();
}

Status Loader::ReadBooking(const Field& f, const Business& b, ConfigBooking* out) {
  VOXDESK_RETURN_IF_ERROR(RequireObject(f));
  CheckKeys(f, kConfigBookingKeys);
  const Json& o = *f.v;
  VOXDESK_RETURN_IF_ERROR(ReadId(At(o, f.path, "id"), &out->id));

  const Field service = At(o, f.path, "service");
  VOXDESK_RETURN_IF_ERROR(ReadId(service, &out->service));
  const Service* svc = b.FindService(out->service);
  if (!svc) return Fail(service.path, "unknown service id " + Quote(out->service));

  const Field staff = At(o, f.path, "staff");
  VOXDESK_RETURN_IF_ERROR(ReadId(staff, &out->staff));
  if (!b.FindStaff(out->staff)) return Fail(staff.path, "unknown staff id " + Quote(out->staff));
  if (std::find(svc->staff.begin(), svc->staff.end(), out->staff) == svc->staff.end())
    return Fail(staff.path, Quote(out->staff) + " does not perform service " + Quote(svc->id) +
                                " (not in its staff list)");

  VOXDESK_RETURN_IF_ERROR(ReadInstant(At(o, f.path, "start"), &out->start));
  if (const Field c = At(o, f.path, "customer"); Present(c))
    VOXDESK_RETURN_IF_ERROR(ReadCustomer(c, &out->customer));
  return Status::Ok();
}

Status Loader::ReadBookings(const Field& f, Business* b) {
  VOXDESK_RETURN_IF_ERROR(RequireArray(f, "a list of bookings"));
  std::map<std::string, size_t, std::less<>> ids;
  for (size_t i = 0; i < f.v->size(); ++i) {
    const Field entry = At(*f.v, f.path, i);
    ConfigBooking bk;
    VOXDESK_RETURN_IF_ERROR(ReadBooking(entry, *b, &bk));
    auto [it, fresh] = ids.emplace(bk.id, i);
    if (!fresh)
      return Fail(entry.path + ".id",
                  "duplicate id " + Quote(bk.id) + " (also " + IndexPath(f.path, it->second) + ")");
    b->bookings.push_back(std::move(bk));
  }

  // The store refuses two bookings of one person whose buffered intervals
  // overlap; a config that already holds such a pair could never be imported.
  struct Span {
    Instant start, end;
    size_t index;
  };
  std::map<std::string, std::vector<Span>, std::less<>> by_staff;
  for (size_t i = 0; i < b->bookings.size(); ++i) {
    const ConfigBooking& bk = b->bookings[i];
    const Service& s = *b->FindService(bk.service);
    const Instant start = bk.start - std::chrono::minutes{s.buffer_before_min};
    const Instant end = bk.start + std::chrono::minutes{s.duration_min + s.buffer_after_min};
    by_staff[bk.staff].push_back({start, end, i});
  }
  for (auto& [staff, spans] : by_staff) {
    std::stable_sort(spans.begin(), spans.end(),
                     [](const Span& a, const Span& c) { return a.start < c.start; });
    const Span* latest = nullptr;  // the span reaching furthest so far
    for (const Span& sp : spans) {
      if (latest && sp.start < latest->end)
        return Fail(
            IndexPath(f.path, sp.index) + ".start",
            "overlaps " + IndexPath(f.path, latest->index) + " for staff " + Quote(staff) +
                " (buffers included): " + FormatRfc3339(b->bookings[sp.index].start, *b->zone) +
                " vs " + FormatRfc3339(b->bookings[latest->index].start, *b->zone));
      if (!latest || sp.end > latest->end) latest = &sp;
    }
  }
  return Status::Ok();
}

Status Loader::ReadFaq(const Field& f, std::vector<FaqEntry>* out) {
  VOXDESK_RETURN_IF_ERROR(RequireArray(f, "a list of {\"q\": ..., \"a\": ...}"));
  for (size_t i = 0; i < f.v->size(); ++i) {
    const Field e = At(*f.v, f.path, i);
    VOXDESK_RETURN_IF_ERROR(RequireObject(e, "an object {\"q\": ..., \"a\": ...}"));
    CheckKeys(e, kFaqKeys);
    FaqEntry entry;
    VOXDESK_RETURN_IF_ERROR(ReadText(At(*e.v, e.path, "q"), &entry.q));
    VOXDESK_RETURN_IF_ERROR(ReadText(At(*e.v, e.path, "a"), &entry.a));
    out->push_back(std::move(entry));
  }
  return Status::Ok();
}

Status Loader::ReadKnowledge(const Field& f, std::vector<KnowledgeEntry>* out) {
  VOXDESK_RETURN_IF_ERROR(RequireArray(f, "a list of {\"title\": ..., \"text\": ...}"));
  for (size_t i = 0; i < f.v->size(); ++i) {
    const Field e = At(*f.v, f.path, i);
    VOXDESK_RETURN_IF_ERROR(RequireObject(e, "an object {\"title\": ..., \"text\": ...}"));
    CheckKeys(e, kKnowledgeKeys);
    KnowledgeEntry entry;
    VOXDESK_RETURN_IF_ERROR(ReadText(At(*e.v, e.path, "title"), &entry.title));
    VOXDESK_RETURN_IF_ERROR(ReadText(At(*e.v, e.path, "text"), &entry.text));
    out->push_back(std::move(entry));
  }
  return Status::Ok();
}

Status Loader::ReadTextList(const Field& f, std::vector<std::string>* out) {
  VOXDESK_RETURN_IF_ERROR(RequireArray(f, "a list of strings"));
  for (size_t i = 0; i < f.v->size(); ++i) {
    std::string s;
    VOXDESK_RETURN_IF_ERROR(ReadText(At(*f.v, f.path, i), &s));
    out->push_back(std::move(s));
  }
  return Status::Ok();
}

Status Loader::ReadZipList(const Field& f, std::vector<std::string>* out) {
  VOXDESK_RETURN_IF_ERROR(RequireArray(f, "a list of ZIP code strings"));
  std::map<std::string, size_t, std::less<>> seen;
  for (size_t i = 0; i < f.v->size(); ++i) {
    const Field e = At(*f.v, f.path, i);
    std::string zip;
    VOXDESK_RETURN_IF_ERROR(ReadZip(e, &zip));
    auto [it, fresh] = seen.emplace(zip, i);
    if (!fresh)
      return Fail(e.path, "duplicate ZIP code " + Quote(zip) + " (also " +
                              IndexPath(f.path, it->second) + ")");
    out->push_back(std::move(zip));
  }
  return Status::Ok();
}

Status Loader::ReadTop(const Json& root, Business* b) {
  const std::string top;
  VOXDESK_RETURN_IF_ERROR(ReadId(At(root, top, "id"), &b->id));
  VOXDESK_RETURN_IF_ERROR(ReadText(At(root, top, "name"), &b->name));
  VOXDESK_RETURN_IF_ERROR(ReadZone(At(root, top, "timezone"), &b->timezone, &b->zone));

  if (const Field x = At(root, top, "industry"); Present(x)) {
    std::string industry;
    VOXDESK_RETURN_IF_ERROR(ReadString(x, &industry));
    if (std::find(std::begin(kIndustries), std::end(kIndustries), industry) ==
        std::end(kIndustries))
      return Fail(x.path, "unknown industry " + Quote(industry) +
                              " (expected one of medical, legal, home_services, generic)");
    b->industry = industry;
  }
  if (const Field x = At(root, top, "locale"); Present(x))
    VOXDESK_RETURN_IF_ERROR(ReadLocale(x, &b->locale));
  if (const Field x = At(root, top, "transfer_number"); Present(x))
    VOXDESK_RETURN_IF_ERROR(ReadPhone(x, &b->transfer_number));
  if (const Field x = At(root, top, "on_call_number"); Present(x))
    VOXDESK_RETURN_IF_ERROR(ReadPhone(x, &b->on_call_number));
  if (const Field x = At(root, top, "phone"); Present(x))
    VOXDESK_RETURN_IF_ERROR(ReadPhone(x, &b->phone));
  if (const Field x = At(root, top, "email"); Present(x))
    VOXDESK_RETURN_IF_ERROR(ReadEmail(x, &b->email));
  if (const Field x = At(root, top, "address"); Present(x))
    VOXDESK_RETURN_IF_ERROR(ReadString(x, &b->address));

  VOXDESK_RETURN_IF_ERROR(ReadWeek(At(root, top, "hours"), &b->hours));
  if (const Field x = At(root, top, "closures"); Present(x))
    VOXDESK_RETURN_IF_ERROR(ReadClosures(x, &b->closures));
  if (const Field x = At(root, top, "booking"); Present(x))
    VOXDESK_RETURN_IF_ERROR(ReadBookingRules(x, &b->booking));

  // Staff first: services and bookings refer to staff ids.
  VOXDESK_RETURN_IF_ERROR(ReadStaffList(At(root, top, "staff"), b));
  VOXDESK_RETURN_IF_ERROR(ReadServices(At(root, top, "services"), b));
  if (const Field x = At(root, top, "bookings"); Present(x))
    VOXDESK_RETURN_IF_ERROR(ReadBookings(x, b));

  if (const Field x = At(root, top, "faq"); Present(x))
    VOXDESK_RETURN_IF_ERROR(ReadFaq(x, &b->faq));
  if (const Field x = At(root, top, "knowledge"); Present(x))
    VOXDESK_RETURN_IF_ERROR(ReadKnowledge(x, &b->knowledge));
  if (const Field x = At(root, top, "conflicts"); Present(x))
    VOXDESK_RETURN_IF_ERROR(ReadTextList(x, &b->conflicts));
  if (const Field x = At(root, top, "service_area"); Present(x))
    VOXDESK_RETURN_IF_ERROR(ReadZipList(x, &b->service_area));
  // The conversation engine validates its own section (prompts, intake,
  // escalation) against the industry pack; here it only has to be an object.
  if (const Field x = At(root, top, "dialog"); Present(x)) {
    if (!x.v->is_object()) return WrongType(x, "an object");
    b->dialog_json = x.v->dump();
  }
  return Status::Ok();
}

Result<Business> Loader::Load(const Json& root) {
  if (!root.is_object())
    return Fail("", "the configuration must be a JSON object {...}, got " + Describe(root));
  CheckKeys(Field{&root, ""}, kTopKeys);
  Business b;
  VOXDESK_RETURN_IF_ERROR(ReadTop(root, &b));
  return b;
}

// `file` names the source in syntax-level errors; null for in-memory text.
Result<LoadedConfig> LoadText(std::string_view text, const std::string* file) {
  const std::string where = file ? Printable(*file) + ": " : "";
  DomBuilder dom;
  const bool parsed = Json::sax_parse(text.begin(), text.end(), &dom);
  if (!parsed) {
    if (dom.syntax_error())
      return ConfigError(where + "not JSON at " + LineColumn(text, dom.error_position()) + ": " +
                         ParseReason(dom.error_reason()));
    bool truncated = false;
    const std::string at = Printable(dom.too_deep_path(), 120, &truncated);
    return ConfigError(where + "nested more than " + std::to_string(kMaxDepth) +
                       " arrays/objects deep at " + at + (truncated ? "..." : ""));
  }
  Loader loader;
  auto business = loader.Load(dom.root());
  if (!business) return ConfigError(Printable(business.status().message()));

  LoadedConfig out{std::move(business).value(), std::move(dom.duplicates())};
  for (std::string& w : loader.warnings()) out.warnings.push_back(std::move(w));
  if (out.warnings.size() > kMaxWarnings) {
    const size_t more = out.warnings.size() - kMaxWarnings;
    out.warnings.resize(kMaxWarnings);
    out.warnings.push_back(std::to_string(more) + " more warnings not shown");
  }
  for (std::string& w : out.warnings) w = Printable(w);
  return out;
}

}  // namespace

Result<LoadedConfig> LoadBusinessJson(std::string_view json_text) {
  return LoadText(json_text, nullptr);
}

Result<LoadedConfig> LoadBusinessFile(const std::string& path) {
  const std::string name = Printable(path);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) return ConfigError(name + ": cannot open: " + std::generic_category().message(errno));
  std::string text;
  char buf[1 << 16];
  while (true) {
    const size_t n = std::fread(buf, 1, sizeof buf, file.get());
    text.append(buf, n);
    if (text.size() > kMaxFileBytes)
      return ConfigError(name + ": larger than " + std::to_string(kMaxFileBytes >> 20) +
                         " MiB; this is not a business configuration");
    if (n < sizeof buf) break;
  }
  if (std::ferror(file.get()))
    return ConfigError(name + ": cannot read: " + std::generic_category().message(errno));
  return LoadText(text, &path);
}

}  // namespace voxdesk
