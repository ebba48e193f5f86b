#include "providers/form_urlencoded.h"

#include <string>

#include "core/utf8.h"

namespace voxdesk::providers {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes one name or value; `what` names it in errors.
Result<std::string> Unescape(std::string_view in, const std::string& what) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      const int hi = i + 2 < in.size() ? HexValue(in[i + 1]) : -1;
      const int lo = hi >= 0 ? HexValue(in[i + 2]) : -1;
      if (lo < 0) {
        return InvalidArgument(what + ": '%' at offset " + std::to_string(i) +
                               " does not start a two-digit hex escape");
      }
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += c;
    }
  }
  if (out.find('\0') != std::string::npos) {
    return InvalidArgument(what + ": contains a NUL character");
  }
  if (!IsValidUtf8(out)) return InvalidArgument(what + ": is not valid UTF-8");
  return out;
}

}  // namespace

Result<FormParams> ParseForm(std::string_view body, const FormLimits& limits) {
  if (body.size() > limits.max_body_bytes) {
    return InvalidArgument("form body: " + std::to_string(body.size()) + " bytes, more than " +
                           std::to_string(limits.max_body_bytes));
  }
  FormParams params;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('&', start);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view field = body.substr(start, end - start);
    start = end + 1;
    if (field.empty()) continue;  // "a=1&&b=2" and a trailing '&' are harmless
    if (params.size() == limits.max_params) {
      return InvalidArgument("form body: more than " + std::to_string(limits.max_params) +
                             " fields");
    }
    const size_t eq = field.find('=');
    const std::string where = "form field " + std::to_string(params.size() + 1);
    auto name = Unescape(field.substr(0, eq), where + " name");
    if (!name.ok()) return name.status();
    if (name->empty()) return InvalidArgument(where + ": empty name");
    std::string value;
    if (eq != std::string_view::npos) {
      auto v = Unescape(field.substr(eq + 1), where + " (" + *name + ") value");
      if (!v.ok()) return v.status();
      value = std::move(*v);
    }
    params.emplace_back(std::move(*name), std::move(value));
  }
  return params;
}

const std::string* FormValue(const FormParams& params, std::string_view name) {
  for (const auto& [n, v] : params) {
    if (n == name) return &v;
  }
  return nullptr;
}

std::string FormEscape(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '*' || c == '-' || c == '.' || c == '_';
    if (keep) {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string EncodeForm(const FormParams& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += '&';
    out += FormEscape(name);
    out += '=';
    out += FormEscape(value);
  }
  return out;
}

}  // namespace voxdesk::providers
