// JSON helpers shared by the LLM providers' codecs (OpenAI Chat
// Completions, Anthropic Messages): bounded parsing that never throws,
// dumping that survives invalid UTF-8, and typed field reads whose errors
// name the field. nlohmann parses iteratively but dumps and compares
// recursively, so nesting is bounded before parsing.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/status.h"

namespace voxdesk::providers::llm_json {

using nlohmann::json;

inline constexpr size_t kMaxDepth = 64;
inline constexpr size_t kMaxToolNameBytes = 64;

inline bool NestedTooDeep(std::string_view text) {
  size_t depth = 0;
  bool in_string = false, escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

template <typename J>
Result<J> ParseJson(std::string_view text, const std::string& what) {
  if (NestedTooDeep(text)) {
    return InvalidArgument(what + ": nested deeper than " + std::to_string(kMaxDepth) + " levels");
  }
  J j = J::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidArgument(what + ": not valid JSON");
  return j;
}

// Invalid UTF-8 in caller text (a transcript, a tool result) must not make
// dump() throw; the API would refuse such bytes anyway.
template <typename J>
inline std::string Dump(const J& j) {
  return j.dump(-1, ' ', false, J::error_handler_t::replace);
}

// The first bytes of a body that is not JSON (a proxy's HTML page), safe to
// put in a log line.
inline std::string Printable(std::string_view text, size_t max = 200) {
  std::string out;
  for (const char c : text.substr(0, max)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u >= 0x7f) ? ' ' : c;
  }
  if (text.size() > max) out += "...";
  return out;
}

// An absent field and one sent as null read the same: not given.
inline const json* Get(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

inline Status WrongType(const std::string& where, const char* key, const char* expected,
                        const json& got) {
  return InvalidArgument(where + ": " + key + ": expected " + expected + ", got " +
                         got.type_name());
}

inline Status GetString(const json& obj, const char* key, const std::string& where,
                        std::string* out) {
  const json* v = Get(obj, key);
  if (!v) return Status::Ok();
  if (!v->is_string()) return WrongType(where, key, "a string", *v);
  *out = v->get<std::string>();
  return Status::Ok();
}

inline Status GetCount(const json& obj, const char* key, const std::string& where, int64_t* out) {
  const json* v = Get(obj, key);
  if (!v) return Status::Ok();
  if (!v->is_number_unsigned() && !(v->is_number_integer() && v->get<int64_t>() >= 0)) {
    return WrongType(where, key, "a whole number >= 0", *v);
  }
  if (v->is_number_unsigned() && v->get<uint64_t>() > uint64_t{1} << 62) {
    return InvalidArgument(where + ": " + key + ": out of range");
  }
  *out = v->get<int64_t>();
  return Status::Ok();
}

// Tool names as both the APIs and their SDKs define them.
inline bool ValidToolName(std::string_view name) {
  if (name.empty() || name.size() > kMaxToolNameBytes) return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace voxdesk::providers::llm_json
