#include "providers/deepgram_messages.h"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <utility>

#include "providers/form_urlencoded.h"

namespace voxdesk::providers {
namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

// A live message is a few KB; a pre-recorded response for an hour of speech
// is a few MB.
constexpr size_t kMaxMessageBytes = 1 << 20;
constexpr size_t kMaxPrerecordedBytes = 64 << 20;
// Beyond this a time in seconds is not a stream position but garbage (and
// its milliseconds would not fit comfortably in int64).
constexpr double kMaxSeconds = 1e9;
constexpr int kMaxChannels = 1024;

// The field parsers below share one shape: an absent or null field leaves
// *out alone (Deepgram's default), a present one of the wrong type or out of
// range is an error that names `where` (the message type) and the field path.
Status WrongType(const std::string& where, const std::string& path, const char* expected,
                 const Json& got) {
  return InvalidArgument("deepgram " + where + ": " + path + ": expected " + expected + ", got " +
                         got.type_name());
}

const Json* Field(const Json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

Status GetString(const Json& obj, const char* key, const std::string& where,
                 const std::string& prefix, std::string* out) {
  const Json* v = Field(obj, key);
  if (!v) return Status::Ok();
  if (!v->is_string()) return WrongType(where, prefix + key, "a string", *v);
  *out = v->get<std::string>();
  return Status::Ok();
}

Status GetBool(const Json& obj, const char* key, const std::string& where,
               const std::string& prefix, bool* out) {
  const Json* v = Field(obj, key);
  if (!v) return Status::Ok();
  if (!v->is_boolean()) return WrongType(where, prefix + key, "true or false", *v);
  *out = v->get<bool>();
  return Status::Ok();
}

Status GetNumber(const Json& obj, const char* key, const std::string& where,
                 const std::string& prefix, double lo, double hi, double* out) {
  const Json* v = Field(obj, key);
  if (!v) return Status::Ok();
  if (!v->is_number()) return WrongType(where, prefix + key, "a number", *v);
  const double d = v->get<double>();
  if (!std::isfinite(d) || d < lo || d > hi) {
    return InvalidArgument("deepgram " + where + ": " + prefix + key + ": " + v->dump() +
                           " is outside " + Json(lo).dump() + ".." + Json(hi).dump());
  }
  *out = d;
  return Status::Ok();
}

Status GetSecondsAsMs(const Json& obj, const char* key, const std::string& where,
                      const std::string& prefix, int64_t* out) {
  double seconds = -1;
  VOXDESK_RETURN_IF_ERROR(GetNumber(obj, key, where, prefix, 0, kMaxSeconds, &seconds));
  if (seconds >= 0) *out = std::llround(seconds * 1000);
  return Status::Ok();
}

Status GetInt(const Json& obj, const char* key, const std::string& where, const std::string& prefix,
              int lo, int hi, int* out) {
  double d = lo - 1.0;
  VOXDESK_RETURN_IF_ERROR(GetNumber(obj, key, where, prefix, lo, hi, &d));
  if (d < lo) return Status::Ok();
  if (d != std::floor(d)) {
    return InvalidArgument("deepgram " + where + ": " + prefix + key + ": expected a whole number");
  }
  *out = static_cast<int>(d);
  return Status::Ok();
}

// channel_index (Results) and channel (UtteranceEnd, SpeechStarted): [index, count].
Status GetChannelPair(const Json& obj, const char* key, const std::string& where,
                      DeepgramMessage* m) {
  const Json* v = Field(obj, key);
  if (!v) return Status::Ok();
  if (!v->is_array() || v->empty() || v->size() > 2) {
    return InvalidArgument("deepgram " + where + ": " + key +
                           ": expected [channel index, channel count]");
  }
  for (size_t i = 0; i < v->size(); ++i) {
    const Json& n = (*v)[i];
    if (!n.is_number_integer() || n.get<int64_t>() < 0 || n.get<int64_t>() > kMaxChannels) {
      return InvalidArgument("deepgram " + where + ": " + key + "[" + std::to_string(i) +
                             "]: expected a whole number in 0.." + std::to_string(kMaxChannels));
    }
  }
  m->channel_index = (*v)[0].get<int>();
  m->channel_count = v->size() == 2 ? (*v)[1].get<int>() : m->channel_index + 1;
  if (m->channel_index >= m->channel_count || m->channel_count > kMaxChannels) {
    return InvalidArgument("deepgram " + where + ": " + key + ": channel index " +
                           std::to_string(m->channel_index) + " is not below the count " +
                           std::to_string(m->channel_count));
  }
  return Status::Ok();
}

Status GetStringArray(const Json& obj, const char* key, const std::string& where,
                      const std::string& prefix, std::vector<std::string>* out) {
  const Json* v = Field(obj, key);
  if (!v) return Status::Ok();
  if (!v->is_array()) return WrongType(where, prefix + key, "an array of strings", *v);
  out->clear();
  for (const Json& s : *v) {
    if (!s.is_string()) return WrongType(where, prefix + key + "[]", "a string", s);
    out->push_back(s.get<std::string>());
  }
  return Status::Ok();
}

Status ParseWord(const Json& w, const std::string& where, const std::string& prefix,
                 DeepgramWord* out) {
  if (!w.is_object()) return WrongType(where, prefix, "an object", w);
  const Json* word = Field(w, "word");
  if (!word || !word->is_string()) {
    return InvalidArgument("deepgram " + where + ": " + prefix + "word: expected a string");
  }
  out->word = word->get<std::string>();
  if (!Field(w, "start") || !Field(w, "end")) {
    return InvalidArgument("deepgram " + where + ": " + prefix + ": a word needs start and end");
  }
  VOXDESK_RETURN_IF_ERROR(GetSecondsAsMs(w, "start", where, prefix, &out->start_ms));
  VOXDESK_RETURN_IF_ERROR(GetSecondsAsMs(w, "end", where, prefix, &out->end_ms));
  if (out->end_ms < out->start_ms) {
    return InvalidArgument("deepgram " + where + ": " + prefix + "end: before its start");
  }
  VOXDESK_RETURN_IF_ERROR(GetNumber(w, "confidence", where, prefix, 0, 1, &out->confidence));
  VOXDESK_RETURN_IF_ERROR(GetString(w, "punctuated_word", where, prefix, &out->punctuated_word));
  return GetString(w, "language", where, prefix, &out->language);
}

// One alternative: the transcript, its confidence, words and languages.
struct Alternative {
  std::string transcript;
  double confidence = 0;
  std::vector<DeepgramWord> words;
  std::vector<std::string> languages;
};

Status ParseAlternative(const Json& a, const std::string& where, const std::string& prefix,
                        Alternative* out) {
  if (!a.is_object()) return WrongType(where, prefix, "an object", a);
  VOXDESK_RETURN_IF_ERROR(GetString(a, "transcript", where, prefix, &out->transcript));
  VOXDESK_RETURN_IF_ERROR(GetNumber(a, "confidence", where, prefix, 0, 1, &out->confidence));
  VOXDESK_RETURN_IF_ERROR(GetStringArray(a, "languages", where, prefix, &out->languages));
  const Json* words = Field(a, "words");
  if (!words) return Status::Ok();
  if (!words->is_array()) return WrongType(where, prefix + "words", "an array", *words);
  out->words.resize(words->size());
  for (size_t i = 0; i < words->size(); ++i) {
    VOXDESK_RETURN_IF_ERROR(ParseWord(
        (*words)[i], where, prefix + "words[" + std::to_string(i) + "].", &out->words[i]));
  }
  return Status::Ok();
}

// channel.alternatives[0] and channel.detected_language of a Results message
// or of one pre-recorded channel.
Status ParseChannel(const Json& channel, const std::string& where, const std::string& prefix,
                    Alternative* best, std::string* detected_language,
                    double* language_confidence) {
  if (!channel.is_object()) return WrongType(where, prefix, "an object", channel);
  const Json* alternatives = Field(channel, "alternatives");
  if (!alternatives || !alternatives->is_array()) {
    return InvalidArgument("deepgram " + where + ": " + prefix + "alternatives: expected an array");
  }
  // Only the best alternative is used, but every one must be well-formed.
  for (size_t i = 0; i < alternatives->size(); ++i) {
    Alternative a;
    VOXDESK_RETURN_IF_ERROR(ParseAlternative(
        (*alternatives)[i], where, prefix + "alternatives[" + std::to_string(i) + "].", &a));
    if (i == 0) *best = std::move(a);
  }
  VOXDESK_RETURN_IF_ERROR(
      GetString(channel, "detected_language", where, prefix, detected_language));
  return GetNumber(channel, "language_confidence", where, prefix, 0, 1, language_confidence);
}

Status ParseResults(const Json& j, DeepgramMessage* m) {
  const std::string where = "Results";
  VOXDESK_RETURN_IF_ERROR(GetChannelPair(j, "channel_index", where, m));
  VOXDESK_RETURN_IF_ERROR(GetSecondsAsMs(j, "start", where, "", &m->start_ms));
  VOXDESK_RETURN_IF_ERROR(GetSecondsAsMs(j, "duration", where, "", &m->duration_ms));
  VOXDESK_RETURN_IF_ERROR(GetBool(j, "is_final", where, "", &m->is_final));
  VOXDESK_RETURN_IF_ERROR(GetBool(j, "speech_final", where, "", &m->speech_final));
  VOXDESK_RETURN_IF_ERROR(GetBool(j, "from_finalize", where, "", &m->from_finalize));
  const Json* channel = Field(j, "channel");
  if (!channel) return InvalidArgument("deepgram Results: channel: missing");
  Alternative best;
  std::string detected;
  double language_confidence = 0;
  VOXDESK_RETURN_IF_ERROR(
      ParseChannel(*channel, where, "channel.", &best, &detected, &language_confidence));
  m->transcript = std::move(best.transcript);
  m->confidence = best.confidence;
  m->words = std::move(best.words);
  m->languages = std::move(best.languages);
  if (m->languages.empty() && !detected.empty()) m->languages.push_back(std::move(detected));
  if (const Json* metadata = Field(j, "metadata")) {
    if (!metadata->is_object()) return WrongType(where, "metadata", "an object", *metadata);
    VOXDESK_RETURN_IF_ERROR(GetString(*metadata, "request_id", where, "metadata.", &m->request_id));
  }
  return Status::Ok();
}

Status ParseError(const Json& j, DeepgramMessage* m) {
  const std::string where = "Error";
  std::string err_code, variant, err_msg, description, message;
  VOXDESK_RETURN_IF_ERROR(GetString(j, "err_code", where, "", &err_code));
  VOXDESK_RETURN_IF_ERROR(GetString(j, "variant", where, "", &variant));
  VOXDESK_RETURN_IF_ERROR(GetString(j, "err_msg", where, "", &err_msg));
  VOXDESK_RETURN_IF_ERROR(GetString(j, "description", where, "", &description));
  VOXDESK_RETURN_IF_ERROR(GetString(j, "message", where, "", &message));
  m->error_code = !err_code.empty() ? err_code : variant;
  m->error_message = !err_msg.empty() ? err_msg : !description.empty() ? description : message;
  return Status::Ok();
}

Result<Json> ParseObject(std::string_view text, size_t limit, const char* what) {
  if (text.size() > limit) {
    return InvalidArgument(std::string("deepgram: ") + what + " of " + std::to_string(text.size()) +
                           " bytes, more than " + std::to_string(limit));
  }
  Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidArgument(std::string("deepgram: ") + what + " is not JSON");
  if (!j.is_object()) {
    return InvalidArgument(std::string("deepgram: ") + what + " is a JSON " + j.type_name() +
                           ", not an object");
  }
  return j;
}

std::string Dump(const OrderedJson& j) {
  // Invalid UTF-8 handed to an encoder becomes U+FFFD instead of throwing.
  return j.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

double Seconds(int64_t ms) {
  return static_cast<double>(ms) / 1000.0;
}

OrderedJson ChannelPair(int index, int count) {
  return OrderedJson::array({index, count});
}

// ------------------------------------------------------------ query string

bool IsToken(std::string_view s, bool allow_colon) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.' || (allow_colon && c == ':');
    if (!ok) return false;
  }
  return true;
}

Result<int> QueryInt(const std::string& name, const std::string& value, int lo, int hi) {
  int n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size() || n < lo || n > hi) {
    return InvalidArgument("deepgram query: " + name + "='" + value.substr(0, 20) +
                           "' is not a whole number in " + std::to_string(lo) + ".." +
                           std::to_string(hi));
  }
  return n;
}

Result<bool> QueryBool(const std::string& name, const std::string& value) {
  if (value == "true") return true;
  if (value == "false") return false;
  return InvalidArgument("deepgram query: " + name + "='" + value.substr(0, 20) +
                         "' is not true or false");
}

}  // namespace

const char* DeepgramEncodingName(DeepgramEncoding encoding) {
  return encoding == DeepgramEncoding::kLinear16 ? "linear16" : "mulaw";
}

std::string DeepgramListenQuery(const DeepgramListenOptions& o) {
  FormParams p;
  p.emplace_back("encoding", DeepgramEncodingName(o.encoding));
  p.emplace_back("sample_rate", std::to_string(o.sample_rate));
  p.emplace_back("channels", std::to_string(o.channels));
  if (!o.model.empty()) p.emplace_back("model", o.model);
  if (!o.language.empty()) p.emplace_back("language", o.language);
  if (o.detect_language) p.emplace_back("detect_language", "true");
  if (o.interim_results) p.emplace_back("interim_results", "true");
  p.emplace_back("endpointing", o.endpointing_ms ? std::to_string(*o.endpointing_ms) : "false");
  if (o.utterance_end_ms) p.emplace_back("utterance_end_ms", std::to_string(*o.utterance_end_ms));
  if (o.vad_events) p.emplace_back("vad_events", "true");
  if (o.smart_format) p.emplace_back("smart_format", "true");
  if (o.punctuate) p.emplace_back("punctuate", "true");
  for (const std::string& k : o.keyterms) p.emplace_back("keyterm", k);
  for (const std::string& k : o.keywords) p.emplace_back("keywords", k);
  return EncodeForm(p);
}

Result<DeepgramListenOptions> ParseDeepgramListenQuery(std::string_view query) {
  FormLimits limits;
  limits.max_body_bytes = 16 * 1024;
  auto params = ParseForm(query, limits);
  if (!params.ok()) return InvalidArgument("deepgram query: " + params.status().message());
  DeepgramListenOptions o;
  // What Deepgram assumes when a parameter is absent.
  o.language.clear();
  o.interim_results = false;
  o.endpointing_ms = 10;
  std::vector<std::string> seen;
  for (const auto& [name, value] : *params) {
    const bool repeatable = name == "keyterm" || name == "keywords";
    if (!repeatable) {
      for (const std::string& s : seen) {
        if (s == name) return InvalidArgument("deepgram query: " + name + " given twice");
      }
      seen.push_back(name);
    }
    if (name == "encoding") {
      if (value == "mulaw") {
        o.encoding = DeepgramEncoding::kMulaw;
      } else if (value == "linear16") {
        o.encoding = DeepgramEncoding::kLinear16;
      } else {
        return InvalidArgument("deepgram query: encoding='" + value.substr(0, 20) +
                               "' is not supported (mulaw or linear16)");
      }
    } else if (name == "sample_rate") {
      auto n = QueryInt(name, value, 8000, 48000);
      if (!n.ok()) return n.status();
      o.sample_rate = *n;
    } else if (name == "channels") {
      auto n = QueryInt(name, value, 1, 8);
      if (!n.ok()) return n.status();
      o.channels = *n;
    } else if (name == "model" || name == "language") {
      if (!IsToken(value, false)) {
        return InvalidArgument("deepgram query: " + name + "='" + value.substr(0, 20) +
                               "' is not a model or language name");
      }
      (name == "model" ? o.model : o.language) = value;
    } else if (name == "endpointing") {
      if (value == "false") {
        o.endpointing_ms.reset();
      } else {
        auto n = QueryInt(name, value, 0, 60000);
        if (!n.ok()) return InvalidArgument(n.status().message() + " or false");
        o.endpointing_ms = *n;
      }
    } else if (name == "utterance_end_ms") {
      auto n = QueryInt(name, value, 1, 60000);
      if (!n.ok()) return n.status();
      o.utterance_end_ms = *n;
    } else if (name == "detect_language" || name == "interim_results" || name == "vad_events" ||
               name == "smart_format" || name == "punctuate") {
      auto b = QueryBool(name, value);
      if (!b.ok()) return b.status();
      bool* field = name == "detect_language"   ? &o.detect_language
                    : name == "interim_results" ? &o.interim_results
                    : name == "vad_events"      ? &o.vad_events
                    : name == "smart_format"    ? &o.smart_format
                                                : &o.punctuate;
      *field = *b;
    } else if (name == "keyterm") {
      if (value.empty() || value.size() > 200) {
        return InvalidArgument("deepgram query: keyterm: expected 1..200 bytes");
      }
      o.keyterms.push_back(value);
    } else if (name == "keywords") {
      if (!IsToken(value, true)) {
        return InvalidArgument("deepgram query: keywords='" + value.substr(0, 20) +
                               "' is not a word with an optional :boost");
      }
      o.keywords.push_back(value);
    }
  }
  return o;
}

std::string DeepgramKeepAliveJson() {
  return R"({"type":"KeepAlive"})";
}
std::string DeepgramFinalizeJson() {
  return R"({"type":"Finalize"})";
}
std::string DeepgramCloseStreamJson() {
  return R"({"type":"CloseStream"})";
}

Result<DeepgramControl> ParseDeepgramControl(std::string_view json) {
  auto j = ParseObject(json, kMaxMessageBytes, "control message");
  if (!j.ok()) return j.status();
  const Json* type = Field(*j, "type");
  if (!type || !type->is_string()) {
    return InvalidArgument("deepgram control message: type: expected a string");
  }
  DeepgramControl c;
  c.type_name = type->get<std::string>();
  if (c.type_name == "KeepAlive") {
    c.type = DeepgramControl::Type::kKeepAlive;
  } else if (c.type_name == "Finalize") {
    c.type = DeepgramControl::Type::kFinalize;
    VOXDESK_RETURN_IF_ERROR(GetInt(*j, "channel", "Finalize", "", 0, kMaxChannels, &c.channel));
  } else if (c.type_name == "CloseStream") {
    c.type = DeepgramControl::Type::kCloseStream;
  }
  return c;
}

const char* DeepgramMessageTypeName(DeepgramMessage::Type type) {
  switch (type) {
    case DeepgramMessage::Type::kResults:
      return "Results";
    case DeepgramMessage::Type::kUtteranceEnd:
      return "UtteranceEnd";
    case DeepgramMessage::Type::kSpeechStarted:
      return "SpeechStarted";
    case DeepgramMessage::Type::kMetadata:
      return "Metadata";
    case DeepgramMessage::Type::kError:
      return "Error";
    case DeepgramMessage::Type::kUnknown:
      break;
  }
  return "unknown";
}

Result<DeepgramMessage> ParseDeepgramMessage(std::string_view json) {
  auto parsed = ParseObject(json, kMaxMessageBytes, "message");
  if (!parsed.ok()) return parsed.status();
  const Json& j = *parsed;
  const Json* type = Field(j, "type");
  if (!type || !type->is_string()) {
    return InvalidArgument("deepgram message: type: expected a string");
  }
  DeepgramMessage m;
  m.type_name = type->get<std::string>();
  const std::string& t = m.type_name;
  if (t == "Results") {
    m.type = DeepgramMessage::Type::kResults;
    VOXDESK_RETURN_IF_ERROR(ParseResults(j, &m));
  } else if (t == "UtteranceEnd") {
    m.type = DeepgramMessage::Type::kUtteranceEnd;
    VOXDESK_RETURN_IF_ERROR(GetChannelPair(j, "channel", t, &m));
    VOXDESK_RETURN_IF_ERROR(GetSecondsAsMs(j, "last_word_end", t, "", &m.last_word_end_ms));
  } else if (t == "SpeechStarted") {
    m.type = DeepgramMessage::Type::kSpeechStarted;
    VOXDESK_RETURN_IF_ERROR(GetChannelPair(j, "channel", t, &m));
    VOXDESK_RETURN_IF_ERROR(GetSecondsAsMs(j, "timestamp", t, "", &m.timestamp_ms));
  } else if (t == "Metadata") {
    m.type = DeepgramMessage::Type::kMetadata;
    VOXDESK_RETURN_IF_ERROR(GetString(j, "request_id", t, "", &m.request_id));
    VOXDESK_RETURN_IF_ERROR(GetSecondsAsMs(j, "duration", t, "", &m.duration_ms));
    VOXDESK_RETURN_IF_ERROR(GetInt(j, "channels", t, "", 1, kMaxChannels, &m.channel_count));
  } else if (t == "Error") {
    m.type = DeepgramMessage::Type::kError;
    VOXDESK_RETURN_IF_ERROR(ParseError(j, &m));
  }
  return m;
}

Transcript ToTranscript(const DeepgramMessage& m) {
  Transcript t;
  t.text = m.transcript;
  t.confidence = m.confidence;
  t.is_final = m.is_final;
  t.start_ms = m.start_ms;
  t.end_ms = m.start_ms + m.duration_ms;
  if (!m.languages.empty()) t.language = m.languages.front();
  t.words.reserve(m.words.size());
  for (const DeepgramWord& w : m.words) {
    t.words.push_back({w.punctuated_word.empty() ? w.word : w.punctuated_word, w.start_ms, w.end_ms,
                       w.confidence});
  }
  return t;
}

std::string DeepgramResultsJson(const DeepgramMessage& m) {
  OrderedJson words = OrderedJson::array();
  for (const DeepgramWord& w : m.words) {
    OrderedJson word = {{"word", w.word},
                        {"start", Seconds(w.start_ms)},
                        {"end", Seconds(w.end_ms)},
                        {"confidence", w.confidence}};
    if (!w.punctuated_word.empty()) word["punctuated_word"] = w.punctuated_word;
    if (!w.language.empty()) word["language"] = w.language;
    words.push_back(std::move(word));
  }
  OrderedJson alternative = {
      {"transcript", m.transcript}, {"confidence", m.confidence}, {"words", std::move(words)}};
  if (!m.languages.empty()) alternative["languages"] = m.languages;
  OrderedJson j = {
      {"type", "Results"},
      {"channel_index", ChannelPair(m.channel_index, m.channel_count)},
      {"duration", Seconds(m.duration_ms)},
      {"start", Seconds(m.start_ms)},
      {"is_final", m.is_final},
      {"speech_final", m.speech_final},
      {"channel", {{"alternatives", OrderedJson::array({std::move(alternative)})}}},
      {"metadata",
       {{"request_id", m.request_id},
        {"model_info",
         {{"name", "general-nova-3"}, {"version", "2024-12-20.0"}, {"arch", "nova-3"}}},
        {"model_uuid", "40bd3654-e622-47c4-a111-63a61b23bfe6"}}},
      {"from_finalize", m.from_finalize}};
  return Dump(j);
}

std::string DeepgramUtteranceEndJson(int64_t last_word_end_ms, int channel_index,
                                     int channel_count) {
  return Dump({{"type", "UtteranceEnd"},
               {"channel", ChannelPair(channel_index, channel_count)},
               {"last_word_end", Seconds(last_word_end_ms)}});
}

std::string DeepgramSpeechStartedJson(int64_t timestamp_ms, int channel_index, int channel_count) {
  return Dump({{"type", "SpeechStarted"},
               {"channel", ChannelPair(channel_index, channel_count)},
               {"timestamp", Seconds(timestamp_ms)}});
}

std::string DeepgramMetadataJson(std::string_view request_id, int64_t duration_ms, int channels) {
  return Dump({{"type", "Metadata"},
               {"transaction_key", "deprecated"},
               {"request_id", request_id},
               {"sha256", "1dbd3ce3bd8a9e1d1b6d4d31e9bd45c0a9b3bd7a4c6e1f0a2b3c4d5e6f708192"},
               {"created", "2025-01-01T00:00:00.000Z"},
               {"duration", Seconds(duration_ms)},
               {"channels", channels}});
}

std::string DeepgramErrorJson(std::string_view code, std::string_view message) {
  return Dump({{"type", "Error"}, {"err_code", code}, {"err_msg", message}});
}

std::string DeepgramMessageJson(const DeepgramMessage& m) {
  switch (m.type) {
    case DeepgramMessage::Type::kResults:
      return DeepgramResultsJson(m);
    case DeepgramMessage::Type::kUtteranceEnd:
      return DeepgramUtteranceEndJson(m.last_word_end_ms, m.channel_index, m.channel_count);
    case DeepgramMessage::Type::kSpeechStarted:
      return DeepgramSpeechStartedJson(m.timestamp_ms, m.channel_index, m.channel_count);
    case DeepgramMessage::Type::kMetadata:
      return DeepgramMetadataJson(m.request_id, m.duration_ms, m.channel_count);
    case DeepgramMessage::Type::kError:
      return DeepgramErrorJson(m.error_code, m.error_message);
    case DeepgramMessage::Type::kUnknown:
      break;
  }
  return Dump({{"type", m.type_name}});
}

Result<DeepgramPrerecorded> ParseDeepgramPrerecordedResponse(std::string_view json) {
  auto parsed = ParseObject(json, kMaxPrerecordedBytes, "pre-recorded response");
  if (!parsed.ok()) return parsed.status();
  const Json& j = *parsed;
  const std::string where = "pre-recorded response";
  const Json* results = Field(j, "results");
  if (!results) {
    // An error body: {"err_code","err_msg","request_id"} or the newer
    // {"category","message","details","request_id"}.
    std::string code, msg, category, message, details;
    VOXDESK_RETURN_IF_ERROR(GetString(j, "err_code", where, "", &code));
    VOXDESK_RETURN_IF_ERROR(GetString(j, "err_msg", where, "", &msg));
    VOXDESK_RETURN_IF_ERROR(GetString(j, "category", where, "", &category));
    VOXDESK_RETURN_IF_ERROR(GetString(j, "message", where, "", &message));
    VOXDESK_RETURN_IF_ERROR(GetString(j, "details", where, "", &details));
    if (code.empty()) code = category;
    if (msg.empty()) msg = details.empty() ? message : message + " " + details;
    if (!code.empty() || !msg.empty()) {
      return Unavailable("deepgram: the request failed: " + code + (code.empty() ? "" : ": ") +
                         msg.substr(0, 300));
    }
    return InvalidArgument("deepgram " + where + ": results: missing");
  }
  if (!results->is_object()) return WrongType(where, "results", "an object", *results);
  DeepgramPrerecorded out;
  if (const Json* metadata = Field(j, "metadata")) {
    if (!metadata->is_object()) return WrongType(where, "metadata", "an object", *metadata);
    VOXDESK_RETURN_IF_ERROR(
        GetString(*metadata, "request_id", where, "metadata.", &out.request_id));
    VOXDESK_RETURN_IF_ERROR(
        GetSecondsAsMs(*metadata, "duration", where, "metadata.", &out.duration_ms));
  }
  const Json* channels = Field(*results, "channels");
  if (!channels || !channels->is_array()) {
    return InvalidArgument("deepgram " + where + ": results.channels: expected an array");
  }
  if (channels->size() > kMaxChannels) {
    return InvalidArgument("deepgram " + where + ": results.channels: more than " +
                           std::to_string(kMaxChannels));
  }
  for (size_t i = 0; i < channels->size(); ++i) {
    DeepgramPrerecordedChannel c;
    Alternative best;
    VOXDESK_RETURN_IF_ERROR(ParseChannel((*channels)[i], where,
                                         "results.channels[" + std::to_string(i) + "].", &best,
                                         &c.detected_language, &c.language_confidence));
    Transcript& t = c.transcript;
    t.text = std::move(best.transcript);
    t.confidence = best.confidence;
    t.is_final = true;
    for (const DeepgramWord& w : best.words) {
      t.words.push_back({w.punctuated_word.empty() ? w.word : w.punctuated_word, w.start_ms,
                         w.end_ms, w.confidence});
    }
    t.start_ms = t.words.empty() ? 0 : t.words.front().start_ms;
    t.end_ms = t.words.empty() ? out.duration_ms : t.words.back().end_ms;
    c.languages = std::move(best.languages);
    out.channels.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<Transcript>> ParseDeepgramPrerecorded(std::string_view json) {
  auto r = ParseDeepgramPrerecordedResponse(json);
  if (!r.ok()) return r.status();
  std::vector<Transcript> out;
  out.reserve(r->channels.size());
  for (DeepgramPrerecordedChannel& c : r->channels) out.push_back(std::move(c.transcript));
  return out;
}

}  // namespace voxdesk::providers
