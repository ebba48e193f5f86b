#include "providers/elevenlabs_messages.h"

#include <array>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <utility>

#include "core/utf8.h"
#include "media/base64.h"
#include "providers/form_urlencoded.h"

namespace voxdesk::providers {
namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

// An audio message carries up to a few seconds of base64 audio; pcm_48000
// is 96 KB a second.
constexpr size_t kMaxMessageBytes = 16 << 20;
constexpr size_t kMaxTextBytes = 64 * 1024;  // one HTTP request's text, with room
constexpr size_t kMaxScheduleEntries = 32;
constexpr int64_t kMaxTimeMs = int64_t{1} << 40;  // alignment times past this are garbage
constexpr std::string_view kTargetPrefix = "/v1/text-to-speech/";

constexpr std::array<int, 7> kPcmRates = {8000, 16000, 22050, 24000, 32000, 44100, 48000};

Status WrongType(const std::string& where, const std::string& field, const char* expected,
                 const Json& got) {
  return InvalidArgument("elevenlabs " + where + ": " + field + ": expected " + expected +
                         ", got " + got.type_name());
}

const Json* Field(const Json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

Status GetString(const Json& obj, const char* key, const std::string& where, std::string* out) {
  const Json* v = Field(obj, key);
  if (!v) return Status::Ok();
  if (!v->is_string()) return WrongType(where, key, "a string", *v);
  *out = v->get<std::string>();
  return Status::Ok();
}

Status GetBool(const Json& obj, const char* key, const std::string& where, bool* out) {
  const Json* v = Field(obj, key);
  if (!v) return Status::Ok();
  if (!v->is_boolean()) return WrongType(where, key, "true or false", *v);
  *out = v->get<bool>();
  return Status::Ok();
}

Status CheckRange(const std::string& where, const char* field, double v, double lo, double hi) {
  if (std::isfinite(v) && v >= lo && v <= hi) return Status::Ok();
  return InvalidArgument("elevenlabs " + where + ": " + field + ": " + Json(v).dump() +
                         " is outside " + Json(lo).dump() + ".." + Json(hi).dump());
}

Status GetNumber(const Json& obj, const char* key, const std::string& where, double lo, double hi,
                 std::optional<double>* out) {
  const Json* v = Field(obj, key);
  if (!v) return Status::Ok();
  if (!v->is_number()) return WrongType(where, key, "a number", *v);
  const double d = v->get<double>();
  VOXDESK_RETURN_IF_ERROR(CheckRange(where, key, d, lo, hi));
  *out = d;
  return Status::Ok();
}

// A whole number in lo..hi (JSON integers, or floats with no fraction).
Status GetInt(const Json& v, const std::string& where, const std::string& field, int64_t lo,
              int64_t hi, int64_t* out) {
  if (!v.is_number()) return WrongType(where, field, "a whole number", v);
  const double d = v.get<double>();
  if (!(d >= static_cast<double>(lo) && d <= static_cast<double>(hi)) || d != std::floor(d)) {
    return InvalidArgument("elevenlabs " + where + ": " + field + ": " + v.dump() +
                           " is not a whole number in " + std::to_string(lo) + ".." +
                           std::to_string(hi));
  }
  *out = v.is_number_integer() ? v.get<int64_t>() : static_cast<int64_t>(d);
  return Status::Ok();
}

Status CheckVoiceSettings(const ElevenLabsVoiceSettings& s, const std::string& where) {
  VOXDESK_RETURN_IF_ERROR(CheckRange(where, "voice_settings.stability", s.stability, 0, 1));
  VOXDESK_RETURN_IF_ERROR(
      CheckRange(where, "voice_settings.similarity_boost", s.similarity_boost, 0, 1));
  if (s.style) VOXDESK_RETURN_IF_ERROR(CheckRange(where, "voice_settings.style", *s.style, 0, 1));
  if (s.speed) {
    VOXDESK_RETURN_IF_ERROR(CheckRange(where, "voice_settings.speed", *s.speed, 0.7, 1.2));
  }
  return Status::Ok();
}

OrderedJson VoiceSettingsJson(const ElevenLabsVoiceSettings& s) {
  OrderedJson j = {{"stability", s.stability}, {"similarity_boost", s.similarity_boost}};
  if (s.style) j["style"] = *s.style;
  if (s.use_speaker_boost) j["use_speaker_boost"] = *s.use_speaker_boost;
  if (s.speed) j["speed"] = *s.speed;
  return j;
}

Status ParseVoiceSettings(const Json& obj, const std::string& where,
                          std::optional<ElevenLabsVoiceSettings>* out) {
  const Json* v = Field(obj, "voice_settings");
  if (!v) return Status::Ok();
  if (!v->is_object()) return WrongType(where, "voice_settings", "an object", *v);
  ElevenLabsVoiceSettings s;
  std::optional<double> d;
  VOXDESK_RETURN_IF_ERROR(GetNumber(*v, "stability", where, 0, 1, &d));
  if (d) s.stability = *d;
  d.reset();
  VOXDESK_RETURN_IF_ERROR(GetNumber(*v, "similarity_boost", where, 0, 1, &d));
  if (d) s.similarity_boost = *d;
  VOXDESK_RETURN_IF_ERROR(GetNumber(*v, "style", where, 0, 1, &s.style));
  VOXDESK_RETURN_IF_ERROR(GetNumber(*v, "speed", where, 0.7, 1.2, &s.speed));
  if (const Json* b = Field(*v, "use_speaker_boost")) {
    if (!b->is_boolean()) return WrongType(where, "use_speaker_boost", "true or false", *b);
    s.use_speaker_boost = b->get<bool>();
  }
  *out = s;
  return Status::Ok();
}

bool IsToken(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

Status CheckText(std::string_view text, const std::string& where) {
  if (text.size() > kMaxTextBytes) {
    return InvalidArgument("elevenlabs " + where + ": text of " + std::to_string(text.size()) +
                           " bytes, more than " + std::to_string(kMaxTextBytes));
  }
  if (!IsValidUtf8(text)) return InvalidArgument("elevenlabs " + where + ": text is not UTF-8");
  return Status::Ok();
}

// RFC 3986 path segment: unreserved characters stay, every other byte is %XX.
std::string PathEscape(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> PathUnescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    const int hi = i + 2 < s.size() ? HexValue(s[i + 1]) : -1;
    const int lo = hi >= 0 ? HexValue(s[i + 2]) : -1;
    if (lo < 0) return InvalidArgument("elevenlabs target: a '%' without two hex digits");
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

Status CheckVoiceId(std::string_view voice_id) {
  if (voice_id.empty()) return InvalidArgument("elevenlabs: voice_id is empty");
  if (voice_id.size() > 128) return InvalidArgument("elevenlabs: voice_id longer than 128 bytes");
  if (!IsValidUtf8(voice_id) || voice_id.find('\0') != std::string_view::npos) {
    return InvalidArgument("elevenlabs: voice_id is not UTF-8 text");
  }
  return Status::Ok();
}

Status CheckLanguageCode(std::string_view code, const std::string& where) {
  if (code.empty() || (IsToken(code) && code.size() <= 16)) return Status::Ok();
  return InvalidArgument("elevenlabs " + where + ": language_code '" +
                         std::string(code.substr(0, 20)) + "' is not a language code");
}

Result<Json> ParseObject(std::string_view text, const char* what) {
  if (text.size() > kMaxMessageBytes) {
    return InvalidArgument(std::string("elevenlabs: ") + what + " of " +
                           std::to_string(text.size()) + " bytes, more than " +
                           std::to_string(kMaxMessageBytes));
  }
  Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidArgument(std::string("elevenlabs: ") + what + " is not JSON");
  if (!j.is_object()) {
    return InvalidArgument(std::string("elevenlabs: ") + what + " is a JSON " + j.type_name() +
                           ", not an object");
  }
  return j;
}

std::string Dump(const OrderedJson& j) {
  return j.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

// alignment / normalizedAlignment. The durations have been sent both as
// charDurationsMs and charsDurationsMs; either is read.
Status ParseAlignment(const Json& obj, const char* key, std::optional<ElevenLabsAlignment>* out) {
  const Json* v = Field(obj, key);
  if (!v) return Status::Ok();
  const std::string where = "message";
  const std::string name = key;
  if (!v->is_object()) return WrongType(where, name, "an object", *v);
  ElevenLabsAlignment a;
  if (const Json* chars = Field(*v, "chars")) {
    if (!chars->is_array()) return WrongType(where, name + ".chars", "an array", *chars);
    for (const Json& c : *chars) {
      if (!c.is_string()) return WrongType(where, name + ".chars[]", "a string", c);
      a.chars.push_back(c.get<std::string>());
    }
  }
  auto times = [&](std::initializer_list<const char*> keys, std::vector<int64_t>* dst) -> Status {
    for (const char* k : keys) {
      const Json* t = Field(*v, k);
      if (!t) continue;
      if (!t->is_array()) return WrongType(where, name + "." + k, "an array", *t);
      for (const Json& n : *t) {
        int64_t ms = 0;
        VOXDESK_RETURN_IF_ERROR(GetInt(n, where, name + "." + k + "[]", 0, kMaxTimeMs, &ms));
        dst->push_back(ms);
      }
      return Status::Ok();
    }
    return Status::Ok();
  };
  VOXDESK_RETURN_IF_ERROR(times({"charStartTimesMs", "charsStartTimesMs"}, &a.char_start_times_ms));
  VOXDESK_RETURN_IF_ERROR(times({"charDurationsMs", "charsDurationsMs"}, &a.char_durations_ms));
  if (a.char_start_times_ms.size() != a.chars.size() ||
      a.char_durations_ms.size() != a.chars.size()) {
    return InvalidArgument("elevenlabs message: " + name + ": " + std::to_string(a.chars.size()) +
                           " chars but " + std::to_string(a.char_start_times_ms.size()) +
                           " start times and " + std::to_string(a.char_durations_ms.size()) +
                           " durations");
  }
  *out = std::move(a);
  return Status::Ok();
}

OrderedJson AlignmentJson(const ElevenLabsAlignment& a) {
  return {{"chars", a.chars},
          {"charStartTimesMs", a.char_start_times_ms},
          {"charDurationsMs", a.char_durations_ms}};
}

}  // namespace

// ------------------------------------------------------------ output formats

Result<ElevenLabsOutputFormat> ParseElevenLabsOutputFormat(std::string_view name) {
  const auto bad = [&] {
    return InvalidArgument("elevenlabs: output_format '" + std::string(name.substr(0, 24)) +
                           "' is not supported (ulaw_8000 or pcm_<8000|16000|22050|24000|32000|"
                           "44100|48000>)");
  };
  if (name == "ulaw_8000") return ElevenLabsOutputFormat{ElevenLabsCodec::kUlaw, 8000};
  if (name.substr(0, 4) != "pcm_") return bad();
  const std::string_view digits = name.substr(4);
  int rate = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), rate);
  if (ec != std::errc() || end != digits.data() + digits.size() || digits.front() == '0') {
    return bad();
  }
  for (int r : kPcmRates) {
    if (r == rate) return ElevenLabsOutputFormat{ElevenLabsCodec::kPcm, rate};
  }
  return bad();
}

Result<std::string> ElevenLabsOutputFormatName(const ElevenLabsOutputFormat& f) {
  if (f.codec == ElevenLabsCodec::kUlaw && f.sample_rate == 8000) return std::string("ulaw_8000");
  if (f.codec == ElevenLabsCodec::kPcm) {
    for (int r : kPcmRates) {
      if (r == f.sample_rate) return "pcm_" + std::to_string(r);
    }
  }
  return InvalidArgument(std::string("elevenlabs: no output format for ") +
                         (f.codec == ElevenLabsCodec::kUlaw ? "ulaw" : "pcm") + " at " +
                         std::to_string(f.sample_rate) + " Hz");
}

// ------------------------------------------------------------ request targets

Result<std::string> ElevenLabsStreamInputTarget(const ElevenLabsStreamInputOptions& o) {
  VOXDESK_RETURN_IF_ERROR(CheckVoiceId(o.voice_id));
  auto format = ElevenLabsOutputFormatName(o.output_format);
  if (!format.ok()) return format.status();
  if (!o.model_id.empty() && !IsToken(o.model_id)) {
    return InvalidArgument("elevenlabs: model_id '" + o.model_id.substr(0, 20) +
                           "' is not a model name");
  }
  VOXDESK_RETURN_IF_ERROR(CheckLanguageCode(o.language_code, "stream-input"));
  if (o.inactivity_timeout_s < 0 || o.inactivity_timeout_s > 180) {
    return InvalidArgument("elevenlabs: inactivity_timeout " +
                           std::to_string(o.inactivity_timeout_s) + " s is outside 1..180");
  }
  FormParams p;
  if (!o.model_id.empty()) p.emplace_back("model_id", o.model_id);
  p.emplace_back("output_format", *format);
  if (!o.language_code.empty()) p.emplace_back("language_code", o.language_code);
  if (o.inactivity_timeout_s > 0) {
    p.emplace_back("inactivity_timeout", std::to_string(o.inactivity_timeout_s));
  }
  if (o.auto_mode) p.emplace_back("auto_mode", "true");
  return std::string(kTargetPrefix) + PathEscape(o.voice_id) + "/stream-input?" + EncodeForm(p);
}

Result<std::string> ElevenLabsHttpStreamTarget(std::string_view voice_id,
                                               const ElevenLabsOutputFormat& format) {
  VOXDESK_RETURN_IF_ERROR(CheckVoiceId(voice_id));
  auto name = ElevenLabsOutputFormatName(format);
  if (!name.ok()) return name.status();
  return std::string(kTargetPrefix) + PathEscape(voice_id) + "/stream?" +
         EncodeForm({{"output_format", *name}});
}

Result<ElevenLabsTarget> ParseElevenLabsTarget(std::string_view target) {
  const size_t q = target.find('?');
  std::string_view path = target.substr(0, q);
  const std::string_view query = q == std::string_view::npos ? "" : target.substr(q + 1);
  if (path.substr(0, kTargetPrefix.size()) != kTargetPrefix) {
    return InvalidArgument("elevenlabs target: not under " + std::string(kTargetPrefix));
  }
  path.remove_prefix(kTargetPrefix.size());
  ElevenLabsTarget t;
  const size_t slash = path.find('/');
  const std::string_view tail = slash == std::string_view::npos ? "" : path.substr(slash);
  if (tail == "/stream-input") {
    t.endpoint = ElevenLabsTarget::Endpoint::kStreamInput;
  } else if (tail == "/stream") {
    t.endpoint = ElevenLabsTarget::Endpoint::kHttpStream;
  } else {
    return InvalidArgument(
        "elevenlabs target: expected {voice_id}/stream-input or {voice_id}/stream");
  }
  auto voice = PathUnescape(path.substr(0, slash));
  if (!voice.ok()) return voice.status();
  VOXDESK_RETURN_IF_ERROR(CheckVoiceId(*voice));
  t.options.voice_id = std::move(*voice);
  t.options.model_id.clear();
  FormLimits limits;
  limits.max_body_bytes = 8 * 1024;
  auto params = ParseForm(query, limits);
  if (!params.ok()) return InvalidArgument("elevenlabs target: " + params.status().message());
  bool have_format = false;
  for (const auto& [name, value] : *params) {
    if (name == "output_format") {
      auto f = ParseElevenLabsOutputFormat(value);
      if (!f.ok()) return f.status();
      t.options.output_format = *f;
      have_format = true;
    }
    if (t.endpoint != ElevenLabsTarget::Endpoint::kStreamInput) continue;
    if (name == "model_id") {
      if (!IsToken(value)) {
        return InvalidArgument("elevenlabs target: model_id '" + value.substr(0, 20) +
                               "' is not a model name");
      }
      t.options.model_id = value;
    } else if (name == "language_code") {
      if (value.empty()) return InvalidArgument("elevenlabs target: language_code is empty");
      VOXDESK_RETURN_IF_ERROR(CheckLanguageCode(value, "target"));
      t.options.language_code = value;
    } else if (name == "inactivity_timeout") {
      int n = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || end != value.data() + value.size() || n < 1 || n > 180) {
        return InvalidArgument("elevenlabs target: inactivity_timeout='" + value.substr(0, 20) +
                               "' is not a whole number of seconds in 1..180");
      }
      t.options.inactivity_timeout_s = n;
    } else if (name == "auto_mode") {
      if (value != "true" && value != "false") {
        return InvalidArgument("elevenlabs target: auto_mode='" + value.substr(0, 20) +
                               "' is not true or false");
      }
      t.options.auto_mode = value == "true";
    }
  }
  if (!have_format) {
    return InvalidArgument("elevenlabs target: output_format missing (the service would send mp3)");
  }
  return t;
}

// ------------------------------------------------------------ client messages

Result<std::string> ElevenLabsInitJson(const ElevenLabsInit& init) {
  OrderedJson j = {{"text", " "}};
  if (init.voice_settings) {
    VOXDESK_RETURN_IF_ERROR(CheckVoiceSettings(*init.voice_settings, "initial message"));
    j["voice_settings"] = VoiceSettingsJson(*init.voice_settings);
  }
  if (!init.chunk_length_schedule.empty()) {
    if (init.chunk_length_schedule.size() > kMaxScheduleEntries) {
      return InvalidArgument("elevenlabs initial message: chunk_length_schedule longer than " +
                             std::to_string(kMaxScheduleEntries));
    }
    for (int n : init.chunk_length_schedule) {
      if (n < 50 || n > 500) {
        return InvalidArgument("elevenlabs initial message: chunk_length_schedule entry " +
                               std::to_string(n) + " is outside 50..500");
      }
    }
    j["generation_config"] = {{"chunk_length_schedule", init.chunk_length_schedule}};
  }
  if (!init.xi_api_key.empty()) {
    if (!IsValidUtf8(init.xi_api_key)) {
      return InvalidArgument("elevenlabs initial message: xi_api_key is not text");
    }
    j["xi_api_key"] = init.xi_api_key;
  }
  return Dump(j);
}

Result<std::string> ElevenLabsTextJson(std::string_view text, ElevenLabsTrigger trigger) {
  if (text.empty()) {
    return InvalidArgument(
        "elevenlabs text chunk: empty (an empty text ends the stream; use "
        "ElevenLabsEndJson)");
  }
  VOXDESK_RETURN_IF_ERROR(CheckText(text, "text chunk"));
  OrderedJson j = {{"text", text}};
  if (trigger == ElevenLabsTrigger::kTryTrigger) j["try_trigger_generation"] = true;
  if (trigger == ElevenLabsTrigger::kFlush) j["flush"] = true;
  return Dump(j);
}

std::string ElevenLabsEndJson() {
  return R"({"text":""})";
}

Result<std::string> ElevenLabsHttpBodyJson(const ElevenLabsHttpRequest& r) {
  if (r.text.empty()) return InvalidArgument("elevenlabs request: text is empty");
  VOXDESK_RETURN_IF_ERROR(CheckText(r.text, "request"));
  if (!r.model_id.empty() && !IsToken(r.model_id)) {
    return InvalidArgument("elevenlabs request: model_id '" + r.model_id.substr(0, 20) +
                           "' is not a model name");
  }
  VOXDESK_RETURN_IF_ERROR(CheckLanguageCode(r.language_code, "request"));
  OrderedJson j = {{"text", r.text}};
  if (!r.model_id.empty()) j["model_id"] = r.model_id;
  if (r.voice_settings) {
    VOXDESK_RETURN_IF_ERROR(CheckVoiceSettings(*r.voice_settings, "request"));
    j["voice_settings"] = VoiceSettingsJson(*r.voice_settings);
  }
  if (!r.language_code.empty()) j["language_code"] = r.language_code;
  return Dump(j);
}

Result<ElevenLabsClientMessage> ParseElevenLabsClientMessage(std::string_view json) {
  auto parsed = ParseObject(json, "client message");
  if (!parsed.ok()) return parsed.status();
  const Json& j = *parsed;
  const std::string where = "client message";
  const Json* text = Field(j, "text");
  if (!text || !text->is_string()) {
    return InvalidArgument("elevenlabs client message: text: expected a string");
  }
  ElevenLabsClientMessage m;
  m.text = text->get<std::string>();
  VOXDESK_RETURN_IF_ERROR(CheckText(m.text, where));
  bool try_trigger = false, flush = false;
  VOXDESK_RETURN_IF_ERROR(GetBool(j, "try_trigger_generation", where, &try_trigger));
  VOXDESK_RETURN_IF_ERROR(GetBool(j, "flush", where, &flush));
  m.trigger = flush         ? ElevenLabsTrigger::kFlush
              : try_trigger ? ElevenLabsTrigger::kTryTrigger
                            : ElevenLabsTrigger::kNone;
  VOXDESK_RETURN_IF_ERROR(ParseVoiceSettings(j, where, &m.init.voice_settings));
  VOXDESK_RETURN_IF_ERROR(GetString(j, "xi_api_key", where, &m.init.xi_api_key));
  if (const Json* g = Field(j, "generation_config")) {
    if (!g->is_object()) return WrongType(where, "generation_config", "an object", *g);
    if (const Json* s = Field(*g, "chunk_length_schedule")) {
      if (!s->is_array() || s->size() > kMaxScheduleEntries) {
        return InvalidArgument(
            "elevenlabs client message: chunk_length_schedule: expected an "
            "array of at most " +
            std::to_string(kMaxScheduleEntries) + " numbers");
      }
      for (const Json& n : *s) {
        int64_t v = 0;
        VOXDESK_RETURN_IF_ERROR(GetInt(n, where, "chunk_length_schedule[]", 50, 500, &v));
        m.init.chunk_length_schedule.push_back(static_cast<int>(v));
      }
    }
  }
  const bool has_settings =
      m.init.voice_settings || !m.init.chunk_length_schedule.empty() || !m.init.xi_api_key.empty();
  if (m.text.empty()) {
    m.type = ElevenLabsClientMessage::Type::kEnd;
  } else if (m.text == " " && (has_settings || m.trigger == ElevenLabsTrigger::kNone)) {
    // The initial message is a single space, usually with the settings (the
    // official SDK also sets try_trigger_generation on it).
    m.type = ElevenLabsClientMessage::Type::kInit;
  }
  if (m.type != ElevenLabsClientMessage::Type::kInit) m.init = {};
  if (m.type != ElevenLabsClientMessage::Type::kText) {
    m.text = m.type == ElevenLabsClientMessage::Type::kInit ? " " : "";
    m.trigger = ElevenLabsTrigger::kNone;
  }
  return m;
}

Result<ElevenLabsHttpRequest> ParseElevenLabsHttpBody(std::string_view json) {
  auto parsed = ParseObject(json, "request body");
  if (!parsed.ok()) return parsed.status();
  const Json& j = *parsed;
  const std::string where = "request body";
  ElevenLabsHttpRequest r;
  r.model_id.clear();
  const Json* text = Field(j, "text");
  if (!text || !text->is_string() || text->get_ref<const std::string&>().empty()) {
    return InvalidArgument("elevenlabs request body: text: expected a non-empty string");
  }
  r.text = text->get<std::string>();
  VOXDESK_RETURN_IF_ERROR(CheckText(r.text, where));
  VOXDESK_RETURN_IF_ERROR(GetString(j, "model_id", where, &r.model_id));
  if (!r.model_id.empty() && !IsToken(r.model_id)) {
    return InvalidArgument("elevenlabs request body: model_id '" + r.model_id.substr(0, 20) +
                           "' is not a model name");
  }
  VOXDESK_RETURN_IF_ERROR(GetString(j, "language_code", where, &r.language_code));
  VOXDESK_RETURN_IF_ERROR(CheckLanguageCode(r.language_code, where));
  VOXDESK_RETURN_IF_ERROR(ParseVoiceSettings(j, where, &r.voice_settings));
  return r;
}

// ------------------------------------------------------------ server messages

const char* ElevenLabsMessageTypeName(ElevenLabsMessage::Type type) {
  switch (type) {
    case ElevenLabsMessage::Type::kAudio:
      return "audio";
    case ElevenLabsMessage::Type::kFinal:
      return "final";
    case ElevenLabsMessage::Type::kError:
      return "error";
    case ElevenLabsMessage::Type::kUnknown:
      break;
  }
  return "unknown";
}

Result<ElevenLabsMessage> ParseElevenLabsMessage(std::string_view json) {
  auto parsed = ParseObject(json, "message");
  if (!parsed.ok()) return parsed.status();
  const Json& j = *parsed;
  const std::string where = "message";
  ElevenLabsMessage m;
  bool has_audio = false;
  if (const Json* audio = Field(j, "audio")) {
    if (!audio->is_string()) return WrongType(where, "audio", "a base64 string", *audio);
    auto bytes = media::Base64Decode(audio->get_ref<const std::string&>());
    if (!bytes.ok())
      return InvalidArgument("elevenlabs message: audio: " + bytes.status().message());
    m.audio = std::move(*bytes);
    has_audio = true;
  }
  VOXDESK_RETURN_IF_ERROR(GetBool(j, "isFinal", where, &m.is_final));
  VOXDESK_RETURN_IF_ERROR(ParseAlignment(j, "alignment", &m.alignment));
  VOXDESK_RETURN_IF_ERROR(ParseAlignment(j, "normalizedAlignment", &m.normalized_alignment));
  VOXDESK_RETURN_IF_ERROR(GetString(j, "error", where, &m.error));
  VOXDESK_RETURN_IF_ERROR(GetString(j, "message", where, &m.message));
  if (const Json* code = Field(j, "code")) {
    int64_t c = 0;
    VOXDESK_RETURN_IF_ERROR(
        GetInt(*code, where, "code", -(int64_t{1} << 31), (int64_t{1} << 31) - 1, &c));
    m.code = static_cast<int>(c);
  }
  if (m.is_final) {
    m.type = ElevenLabsMessage::Type::kFinal;
  } else if (has_audio) {
    m.type = ElevenLabsMessage::Type::kAudio;
  } else if (!m.error.empty() || !m.message.empty()) {
    m.type = ElevenLabsMessage::Type::kError;
  }
  return m;
}

std::string ElevenLabsAudioJson(const std::vector<uint8_t>& audio,
                                const std::optional<ElevenLabsAlignment>& alignment,
                                const std::optional<ElevenLabsAlignment>& normalized) {
  ElevenLabsMessage m;
  m.type = ElevenLabsMessage::Type::kAudio;
  m.audio = audio;
  m.alignment = alignment;
  m.normalized_alignment = normalized;
  return ElevenLabsMessageJson(m);
}

std::string ElevenLabsFinalJson() {
  return R"({"isFinal":true})";
}

std::string ElevenLabsErrorJson(std::string_view error, std::string_view message, int code) {
  ElevenLabsMessage m;
  m.type = ElevenLabsMessage::Type::kError;
  m.error = error;
  m.message = message;
  m.code = code;
  return ElevenLabsMessageJson(m);
}

std::string ElevenLabsMessageJson(const ElevenLabsMessage& m) {
  // Every field the message holds is written, so whatever the parser took
  // in comes back out; the type follows from the fields as it does there.
  OrderedJson j = OrderedJson::object();
  if (m.type == ElevenLabsMessage::Type::kAudio || !m.audio.empty()) {
    j["audio"] = media::Base64Encode(m.audio);
  }
  if (m.is_final || m.type == ElevenLabsMessage::Type::kFinal) {
    j["isFinal"] = true;
  } else if (m.type == ElevenLabsMessage::Type::kAudio) {
    j["isFinal"] = nullptr;  // what the service sends mid-stream
  }
  if (m.normalized_alignment) j["normalizedAlignment"] = AlignmentJson(*m.normalized_alignment);
  if (m.alignment) j["alignment"] = AlignmentJson(*m.alignment);
  if (!m.message.empty()) j["message"] = m.message;
  if (!m.error.empty()) j["error"] = m.error;
  if (m.code != 0) j["code"] = m.code;
  return Dump(j);
}

}  // namespace voxdesk::providers
