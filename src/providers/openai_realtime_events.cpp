#include "providers/openai_realtime_events.h"

#include <array>
#include <limits>
#include <nlohmann/json.hpp>
#include <utility>

#include "media/base64.h"

namespace voxdesk::providers {
namespace {

using nlohmann::json;
using Type = RealtimeServerEventType;

// Transcription models named in the SDK types: the GA list leads with the
// gpt-4o transcribers; the beta interface documents whisper-1.
constexpr const char* kGaTranscriptionModel = "gpt-4o-mini-transcribe";
constexpr const char* kBetaTranscriptionModel = "whisper-1";
constexpr int kPcmRate = 24000;

struct EventName {
  Type type;
  std::string_view ga;
  std::string_view beta;  // the same as `ga` where the name did not change
};

constexpr std::array<EventName, 22> kNames = {{
    {Type::kSessionCreated, "session.created", "session.created"},
    {Type::kSessionUpdated, "session.updated", "session.updated"},
    {Type::kSpeechStarted, "input_audio_buffer.speech_started",
     "input_audio_buffer.speech_started"},
    {Type::kSpeechStopped, "input_audio_buffer.speech_stopped",
     "input_audio_buffer.speech_stopped"},
    {Type::kInputAudioCommitted, "input_audio_buffer.committed", "input_audio_buffer.committed"},
    {Type::kItemCreated, "conversation.item.created", "conversation.item.created"},
    {Type::kItemAdded, "conversation.item.added", "conversation.item.added"},
    {Type::kItemDone, "conversation.item.done", "conversation.item.done"},
    {Type::kInputTranscriptDelta, "conversation.item.input_audio_transcription.delta",
     "conversation.item.input_audio_transcription.delta"},
    {Type::kInputTranscriptCompleted, "conversation.item.input_audio_transcription.completed",
     "conversation.item.input_audio_transcription.completed"},
    {Type::kInputTranscriptFailed, "conversation.item.input_audio_transcription.failed",
     "conversation.item.input_audio_transcription.failed"},
    {Type::kResponseCreated, "response.created", "response.created"},
    {Type::kAudioDelta, "response.output_audio.delta", "response.audio.delta"},
    {Type::kAudioDone, "response.output_audio.done", "response.audio.done"},
    {Type::kAudioTranscriptDelta, "response.output_audio_transcript.delta",
     "response.audio_transcript.delta"},
    {Type::kAudioTranscriptDone, "response.output_audio_transcript.done",
     "response.audio_transcript.done"},
    {Type::kTextDelta, "response.output_text.delta", "response.text.delta"},
    {Type::kFunctionCallArgumentsDelta, "response.function_call_arguments.delta",
     "response.function_call_arguments.delta"},
    {Type::kFunctionCallArgumentsDone, "response.function_call_arguments.done",
     "response.function_call_arguments.done"},
    {Type::kResponseDone, "response.done", "response.done"},
    {Type::kRateLimitsUpdated, "rate_limits.updated", "rate_limits.updated"},
    {Type::kError, "error", "error"},
}};

constexpr std::array<std::pair<std::string_view, RealtimeResponseStatus>, 5> kStatuses = {{
    {"in_progress", RealtimeResponseStatus::kInProgress},
    {"completed", RealtimeResponseStatus::kCompleted},
    {"cancelled", RealtimeResponseStatus::kCancelled},
    {"failed", RealtimeResponseStatus::kFailed},
    {"incomplete", RealtimeResponseStatus::kIncomplete},
}};

// Invalid UTF-8 in caller text (a prompt, a tool result) must not make
// dump() throw; the API would reject such bytes anyway.
std::string Dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

json Event(std::string_view type, std::string_view event_id) {
  json j = json::object();
  if (!event_id.empty()) j["event_id"] = event_id;
  j["type"] = type;
  return j;
}

std::string PcmToBase64(std::span<const int16_t> pcm) {
  // The API's PCM is little-endian whatever the host's byte order.
  std::vector<uint8_t> bytes(pcm.size() * 2);
  for (size_t i = 0; i < pcm.size(); ++i) {
    const auto u = static_cast<uint16_t>(pcm[i]);
    bytes[2 * i] = static_cast<uint8_t>(u & 0xff);
    bytes[2 * i + 1] = static_cast<uint8_t>(u >> 8);
  }
  return media::Base64Encode(bytes);
}

Result<std::vector<int16_t>> Base64ToPcm(std::string_view text, std::string_view where) {
  auto bytes = media::Base64Decode(text);
  if (!bytes.ok()) {
    return InvalidArgument(std::string(where) + ": audio is not valid base64 (" +
                           bytes.status().message() + ")");
  }
  if (bytes->size() % 2 != 0) {
    return InvalidArgument(std::string(where) + ": audio has an odd number of bytes (" +
                           std::to_string(bytes->size()) + "), not 16-bit PCM");
  }
  std::vector<int16_t> pcm(bytes->size() / 2);
  for (size_t i = 0; i < pcm.size(); ++i) {
    const auto u = static_cast<uint16_t>((*bytes)[2 * i] | ((*bytes)[2 * i + 1] << 8));
    pcm[i] = static_cast<int16_t>(u);
  }
  return pcm;
}

// Typed reads of one JSON object's fields, with errors that name the event
// and the field. An optional field sent as null reads as absent.
class Fields {
 public:
  Fields(const json& obj, std::string where) : obj_(obj), where_(std::move(where)) {}

  const std::string& where() const { return where_; }

  Status Str(const char* key, std::string* out, bool required) const {
    const json* v = Find(key);
    if (!v) return required ? Missing(key) : Status::Ok();
    if (!v->is_string()) return Wrong(key, "a string");
    *out = v->get_ref<const std::string&>();
    return Status::Ok();
  }

  Status Int(const char* key, int64_t* out, bool required) const {
    const json* v = Find(key);
    if (!v) return required ? Missing(key) : Status::Ok();
    if (!v->is_number_integer()) return Wrong(key, "a whole number");
    if (v->is_number_unsigned()) {
      if (v->get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        return Wrong(key, "a whole number in range");
      }
    } else if (v->get<int64_t>() < 0) {
      return Wrong(key, "a whole number, not negative");
    }
    *out = v->get<int64_t>();
    return Status::Ok();
  }

  Status Number(const char* key, double* out) const {
    const json* v = Find(key);
    if (!v) return Status::Ok();
    if (!v->is_number()) return Wrong(key, "a number");
    *out = v->get<double>();
    return Status::Ok();
  }

  // An object or array field; nullptr when absent (and not required).
  Status Sub(const char* key, const json** out, bool required, bool array = false) const {
    *out = Find(key);
    if (!*out) return required ? Missing(key) : Status::Ok();
    if (array ? !(*out)->is_array() : !(*out)->is_object()) {
      return Wrong(key, array ? "an array" : "an object");
    }
    return Status::Ok();
  }

  // Whether `key` is present at all, null included.
  bool Has(const char* key) const { return obj_.contains(key); }

 private:
  const json* Find(const char* key) const {
    auto it = obj_.find(key);
    if (it == obj_.end() || it->is_null()) return nullptr;
    return &*it;
  }
  Status Missing(const char* key) const {
    return InvalidArgument(where_ + ": field '" + key + "' is missing");
  }
  Status Wrong(const char* key, const char* what) const {
    return InvalidArgument(where_ + ": field '" + key + "' must be " + what);
  }

  const json& obj_;
  std::string where_;
};

Result<json> ParseObject(std::string_view text, const char* what) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidArgument(std::string(what) + " is not valid JSON");
  if (!j.is_object()) return InvalidArgument(std::string(what) + " is not a JSON object");
  return j;
}

// ---------------------------------------------------------------------------
// session.update

json TurnDetectionJson(const RealtimeConfig& c) {
  switch (c.turn_detection) {
    case RealtimeConfig::TurnDetection::kServerVad:
      return {{"type", "server_vad"},
              {"silence_duration_ms", c.vad_silence_ms},
              {"prefix_padding_ms", c.vad_prefix_padding_ms}};
    case RealtimeConfig::TurnDetection::kSemanticVad:
      return {{"type", "semantic_vad"}};
    case RealtimeConfig::TurnDetection::kNone:
      break;
  }
  return nullptr;
}

Result<json> ToolsJson(const std::vector<dialog::ToolSpec>& tools) {
  json out = json::array();
  for (const auto& t : tools) {
    if (t.name.empty()) return InvalidArgument("session.update: a tool has no name");
    json params = json::parse(t.parameters, nullptr, /*allow_exceptions=*/false);
    if (params.is_discarded() || !params.is_object()) {
      return InvalidArgument("session.update: tool '" + t.name +
                             "': parameters must be a JSON Schema object, as text");
    }
    out.push_back({{"type", "function"},
                   {"name", t.name},
                   {"description", t.description},
                   {"parameters", std::move(params)}});
  }
  return out;
}

}  // namespace

Result<std::string> BuildSessionUpdate(const RealtimeConfig& config, RealtimeDialect dialect,
                                       std::string_view event_id) {
  if (config.sample_rate != kPcmRate) {
    return InvalidArgument("session.update: sample rate " + std::to_string(config.sample_rate) +
                           " Hz is not supported; the Realtime API takes PCM at 24000 Hz only");
  }
  auto tools = ToolsJson(config.tools);
  if (!tools.ok()) return tools.status();
  const std::string lang(dialog::LangCode(config.lang));
  json s = json::object();
  if (dialect == RealtimeDialect::kGa) {
    s["type"] = "realtime";
    s["output_modalities"] = {"audio"};
    s["instructions"] = config.instructions;
    const json pcm = {{"type", "audio/pcm"}, {"rate", kPcmRate}};
    json input = {{"format", pcm}, {"turn_detection", TurnDetectionJson(config)}};
    input["transcription"] = config.transcribe_input
                                 ? json{{"model", kGaTranscriptionModel}, {"language", lang}}
                                 : json(nullptr);
    json output = {{"format", pcm}};
    if (!config.voice.empty()) output["voice"] = config.voice;
    s["audio"] = {{"input", std::move(input)}, {"output", std::move(output)}};
  } else {
    // The beta API did not allow audio without text.
    s["modalities"] = {"audio", "text"};
    s["instructions"] = config.instructions;
    if (!config.voice.empty()) s["voice"] = config.voice;
    s["input_audio_format"] = "pcm16";
    s["output_audio_format"] = "pcm16";
    s["turn_detection"] = TurnDetectionJson(config);
    s["input_audio_transcription"] =
        config.transcribe_input ? json{{"model", kBetaTranscriptionModel}, {"language", lang}}
                                : json(nullptr);
  }
  s["tools"] = std::move(*tools);
  json j = Event("session.update", event_id);
  j["session"] = std::move(s);
  return Dump(j);
}

std::string BuildInputAudioAppend(std::span<const int16_t> pcm, std::string_view event_id) {
  json j = Event("input_audio_buffer.append", event_id);
  j["audio"] = PcmToBase64(pcm);
  return Dump(j);
}

std::string BuildInputAudioCommit(std::string_view event_id) {
  return Dump(Event("input_audio_buffer.commit", event_id));
}

std::string BuildInputAudioClear(std::string_view event_id) {
  return Dump(Event("input_audio_buffer.clear", event_id));
}

std::string BuildResponseCreate(std::string_view event_id) {
  return Dump(Event("response.create", event_id));
}

std::string BuildResponseCancel(std::string_view event_id) {
  return Dump(Event("response.cancel", event_id));
}

std::string BuildItemTruncate(std::string_view item_id, int64_t audio_end_ms,
                              std::string_view event_id) {
  json j = Event("conversation.item.truncate", event_id);
  j["item_id"] = item_id;
  j["content_index"] = 0;
  j["audio_end_ms"] = audio_end_ms;
  return Dump(j);
}

std::string BuildFunctionCallOutput(std::string_view call_id, std::string_view output,
                                    std::string_view event_id) {
  json j = Event("conversation.item.create", event_id);
  j["item"] = {{"type", "function_call_output"}, {"call_id", call_id}, {"output", output}};
  return Dump(j);
}

// ---------------------------------------------------------------------------
// Server events

std::string_view RealtimeServerEventName(RealtimeServerEventType type, RealtimeDialect dialect) {
  for (const auto& n : kNames) {
    if (n.type == type) return dialect == RealtimeDialect::kBeta ? n.beta : n.ga;
  }
  return {};
}

namespace {

Status ReadItem(const Fields& f, RealtimeServerEvent& e) {
  const json* item = nullptr;
  VOXDESK_RETURN_IF_ERROR(f.Sub("item", &item, true));
  VOXDESK_RETURN_IF_ERROR(f.Str("previous_item_id", &e.previous_item_id, false));
  Fields it(*item, f.where() + " item");
  VOXDESK_RETURN_IF_ERROR(it.Str("id", &e.item_id, false));
  VOXDESK_RETURN_IF_ERROR(it.Str("type", &e.item_type, true));
  VOXDESK_RETURN_IF_ERROR(it.Str("role", &e.item_role, false));
  VOXDESK_RETURN_IF_ERROR(it.Str("status", &e.item_status, false));
  VOXDESK_RETURN_IF_ERROR(it.Str("call_id", &e.call_id, false));
  VOXDESK_RETURN_IF_ERROR(it.Str("name", &e.name, false));
  return it.Str("arguments", &e.arguments, false);
}

Status ReadResponse(const Fields& f, RealtimeServerEvent& e, bool id_required) {
  const json* resp = nullptr;
  VOXDESK_RETURN_IF_ERROR(f.Sub("response", &resp, true));
  Fields r(*resp, f.where() + " response");
  VOXDESK_RETURN_IF_ERROR(r.Str("id", &e.response_id, id_required));
  VOXDESK_RETURN_IF_ERROR(r.Str("status", &e.status_text, false));
  if (!e.status_text.empty()) {
    e.status = RealtimeResponseStatus::kOther;
    for (const auto& [name, s] : kStatuses) {
      if (e.status_text == name) e.status = s;
    }
  }
  const json* details = nullptr;
  VOXDESK_RETURN_IF_ERROR(r.Sub("status_details", &details, false));
  if (!details) return Status::Ok();
  Fields d(*details, f.where() + " status_details");
  VOXDESK_RETURN_IF_ERROR(d.Str("reason", &e.status_reason, false));
  const json* error = nullptr;
  VOXDESK_RETURN_IF_ERROR(d.Sub("error", &error, false));
  if (!error) return Status::Ok();
  Fields de(*error, f.where() + " status_details.error");
  VOXDESK_RETURN_IF_ERROR(de.Str("type", &e.status_error_type, false));
  return de.Str("code", &e.status_error_code, false);
}

Status ReadError(const Fields& f, RealtimeServerEvent& e, bool required) {
  const json* error = nullptr;
  VOXDESK_RETURN_IF_ERROR(f.Sub("error", &error, required));
  if (!error) return Status::Ok();
  Fields er(*error, f.where() + " error");
  VOXDESK_RETURN_IF_ERROR(er.Str("type", &e.error_type, required));
  VOXDESK_RETURN_IF_ERROR(er.Str("message", &e.error_message, required));
  VOXDESK_RETURN_IF_ERROR(er.Str("code", &e.error_code, false));
  VOXDESK_RETURN_IF_ERROR(er.Str("param", &e.error_param, false));
  return er.Str("event_id", &e.error_event_id, false);
}

// The ids and indexes every response.* content event carries.
Status ReadContentRef(const Fields& f, RealtimeServerEvent& e) {
  VOXDESK_RETURN_IF_ERROR(f.Str("response_id", &e.response_id, true));
  VOXDESK_RETURN_IF_ERROR(f.Str("item_id", &e.item_id, true));
  VOXDESK_RETURN_IF_ERROR(f.Int("output_index", &e.output_index, false));
  return f.Int("content_index", &e.content_index, false);
}

Status ReadServerFields(const Fields& f, RealtimeServerEvent& e) {
  switch (e.type) {
    case Type::kUnknown:
      return Status::Ok();
    case Type::kSessionCreated:
    case Type::kSessionUpdated: {
      const json* session = nullptr;
      VOXDESK_RETURN_IF_ERROR(f.Sub("session", &session, true));
      return Fields(*session, f.where() + " session").Str("id", &e.session_id, false);
    }
    case Type::kSpeechStarted:
      VOXDESK_RETURN_IF_ERROR(f.Str("item_id", &e.item_id, true));
      return f.Int("audio_start_ms", &e.audio_start_ms, true);
    case Type::kSpeechStopped:
      VOXDESK_RETURN_IF_ERROR(f.Str("item_id", &e.item_id, true));
      return f.Int("audio_end_ms", &e.audio_end_ms, true);
    case Type::kInputAudioCommitted:
      VOXDESK_RETURN_IF_ERROR(f.Str("item_id", &e.item_id, true));
      return f.Str("previous_item_id", &e.previous_item_id, false);
    case Type::kItemCreated:
    case Type::kItemAdded:
    case Type::kItemDone:
      return ReadItem(f, e);
    case Type::kInputTranscriptDelta:
      VOXDESK_RETURN_IF_ERROR(f.Str("item_id", &e.item_id, true));
      VOXDESK_RETURN_IF_ERROR(f.Int("content_index", &e.content_index, false));
      return f.Str("delta", &e.text, false);
    case Type::kInputTranscriptCompleted:
      VOXDESK_RETURN_IF_ERROR(f.Str("item_id", &e.item_id, true));
      VOXDESK_RETURN_IF_ERROR(f.Int("content_index", &e.content_index, false));
      return f.Str("transcript", &e.text, true);
    case Type::kInputTranscriptFailed:
      VOXDESK_RETURN_IF_ERROR(f.Str("item_id", &e.item_id, true));
      VOXDESK_RETURN_IF_ERROR(f.Int("content_index", &e.content_index, false));
      return ReadError(f, e, false);
    case Type::kResponseCreated:
      return ReadResponse(f, e, false);
    case Type::kResponseDone:
      return ReadResponse(f, e, true);
    case Type::kAudioDelta: {
      VOXDESK_RETURN_IF_ERROR(ReadContentRef(f, e));
      std::string delta;
      VOXDESK_RETURN_IF_ERROR(f.Str("delta", &delta, true));
      auto pcm = Base64ToPcm(delta, f.where());
      if (!pcm.ok()) return pcm.status();
      e.pcm = std::move(*pcm);
      return Status::Ok();
    }
    case Type::kAudioDone:
      return ReadContentRef(f, e);
    case Type::kAudioTranscriptDelta:
    case Type::kTextDelta:
      VOXDESK_RETURN_IF_ERROR(ReadContentRef(f, e));
      return f.Str("delta", &e.text, true);
    case Type::kAudioTranscriptDone:
      VOXDESK_RETURN_IF_ERROR(ReadContentRef(f, e));
      return f.Str("transcript", &e.text, true);
    case Type::kFunctionCallArgumentsDelta:
      VOXDESK_RETURN_IF_ERROR(f.Str("call_id", &e.call_id, true));
      VOXDESK_RETURN_IF_ERROR(f.Str("response_id", &e.response_id, false));
      VOXDESK_RETURN_IF_ERROR(f.Str("item_id", &e.item_id, false));
      VOXDESK_RETURN_IF_ERROR(f.Int("output_index", &e.output_index, false));
      return f.Str("delta", &e.text, true);
    case Type::kFunctionCallArgumentsDone:
      VOXDESK_RETURN_IF_ERROR(f.Str("call_id", &e.call_id, true));
      VOXDESK_RETURN_IF_ERROR(f.Str("name", &e.name, false));
      VOXDESK_RETURN_IF_ERROR(f.Str("response_id", &e.response_id, false));
      VOXDESK_RETURN_IF_ERROR(f.Str("item_id", &e.item_id, false));
      VOXDESK_RETURN_IF_ERROR(f.Int("output_index", &e.output_index, false));
      return f.Str("arguments", &e.arguments, true);
    case Type::kRateLimitsUpdated: {
      const json* limits = nullptr;
      VOXDESK_RETURN_IF_ERROR(f.Sub("rate_limits", &limits, true, /*array=*/true));
      for (const json& l : *limits) {
        if (!l.is_object()) {
          return InvalidArgument(f.where() + ": each of 'rate_limits' must be an object");
        }
        Fields lf(l, f.where() + " rate_limits[]");
        RealtimeRateLimit r;
        VOXDESK_RETURN_IF_ERROR(lf.Str("name", &r.name, false));
        VOXDESK_RETURN_IF_ERROR(lf.Int("limit", &r.limit, false));
        VOXDESK_RETURN_IF_ERROR(lf.Int("remaining", &r.remaining, false));
        VOXDESK_RETURN_IF_ERROR(lf.Number("reset_seconds", &r.reset_seconds));
        e.rate_limits.push_back(std::move(r));
      }
      return Status::Ok();
    }
    case Type::kError:
      return ReadError(f, e, true);
  }
  return Status::Ok();
}

}  // namespace

Result<RealtimeServerEvent> ParseRealtimeServerEvent(std::string_view text) {
  auto j = ParseObject(text, "realtime server event");
  if (!j.ok()) return j.status();
  RealtimeServerEvent e;
  Fields top(*j, "realtime server event");
  VOXDESK_RETURN_IF_ERROR(top.Str("type", &e.type_name, true));
  for (const auto& n : kNames) {
    if (e.type_name == n.ga) {
      e.type = n.type;
    } else if (e.type_name == n.beta) {
      e.type = n.type;
      e.dialect = RealtimeDialect::kBeta;
    }
  }
  // The event id is informative: a wrong type loses it, not the event.
  if (auto it = j->find("event_id"); it != j->end() && it->is_string()) {
    e.event_id = it->get<std::string>();
  }
  if (e.type == Type::kUnknown) return e;
  VOXDESK_RETURN_IF_ERROR(ReadServerFields(Fields(*j, e.type_name), e));
  return e;
}

void DispatchRealtimeEvent(const RealtimeServerEvent& e, RealtimeSink& sink) {
  using Source = RealtimeTranscriptDelta::Source;
  auto transcript = [&](Source source, bool done) {
    RealtimeTranscriptDelta t;
    t.source = source;
    t.item_id = e.item_id;
    t.delta = e.text;
    t.done = done;
    sink.OnTranscript(t);
  };
  switch (e.type) {
    case Type::kSpeechStarted:
      sink.OnSpeechStarted(e.item_id, e.audio_start_ms);
      return;
    case Type::kSpeechStopped:
      sink.OnSpeechStopped(e.item_id, e.audio_end_ms);
      return;
    case Type::kInputTranscriptDelta:
      transcript(Source::kCaller, false);
      return;
    case Type::kInputTranscriptCompleted:
      transcript(Source::kCaller, true);
      return;
    case Type::kAudioTranscriptDelta:
      transcript(Source::kAgent, false);
      return;
    case Type::kAudioTranscriptDone:
      transcript(Source::kAgent, true);
      return;
    case Type::kAudioDelta: {
      RealtimeAudioDelta a;
      a.response_id = e.response_id;
      a.item_id = e.item_id;
      a.pcm = e.pcm;
      sink.OnAudio(a);
      return;
    }
    case Type::kFunctionCallArgumentsDone:
      sink.OnToolCall(dialog::ToolCall{e.call_id, e.name, e.arguments});
      return;
    case Type::kResponseDone:
      sink.OnResponseDone(e.response_id);
      return;
    case Type::kError: {
      std::string msg = "openai realtime: " + e.error_type;
      if (!e.error_code.empty()) msg += " (" + e.error_code + ")";
      msg += ": " + e.error_message;
      if (!e.error_event_id.empty()) msg += " [client event " + e.error_event_id + "]";
      sink.OnError(Status(
          e.error_type == "invalid_request_error" ? Code::kInvalidArgument : Code::kUnavailable,
          std::move(msg)));
      return;
    }
    default:
      return;
  }
}

// ---------------------------------------------------------------------------
// The fake server's side

namespace {

void PutIf(json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

void PutContentRef(json& j, const RealtimeServerEvent& e) {
  j["response_id"] = e.response_id;
  j["item_id"] = e.item_id;
  j["output_index"] = e.output_index;
  j["content_index"] = e.content_index;
}

json ResponseJson(const RealtimeServerEvent& e) {
  json r = {{"object", "realtime.response"}};
  // response.done needs the id even when empty, to parse back the same.
  if (!e.response_id.empty() || e.type == Type::kResponseDone) r["id"] = e.response_id;
  PutIf(r, "status", e.status_text);
  if (!e.status_reason.empty() || !e.status_error_type.empty() || !e.status_error_code.empty()) {
    json d = json::object();
    PutIf(d, "type", e.status_text);
    PutIf(d, "reason", e.status_reason);
    if (!e.status_error_type.empty() || !e.status_error_code.empty()) {
      d["error"] = json::object();
      PutIf(d["error"], "type", e.status_error_type);
      PutIf(d["error"], "code", e.status_error_code);
    }
    r["status_details"] = std::move(d);
  }
  r["output"] = json::array();
  return r;
}

json ErrorJson(const RealtimeServerEvent& e) {
  json er = {{"type", e.error_type}, {"message", e.error_message}};
  er["code"] = e.error_code.empty() ? json(nullptr) : json(e.error_code);
  er["param"] = e.error_param.empty() ? json(nullptr) : json(e.error_param);
  er["event_id"] = e.error_event_id.empty() ? json(nullptr) : json(e.error_event_id);
  return er;
}

}  // namespace

std::string EncodeRealtimeServerEvent(const RealtimeServerEvent& e, RealtimeDialect dialect) {
  const std::string_view name = e.type == Type::kUnknown ? std::string_view(e.type_name)
                                                         : RealtimeServerEventName(e.type, dialect);
  json j = {{"type", name}};
  PutIf(j, "event_id", e.event_id);
  switch (e.type) {
    case Type::kUnknown:
      break;
    case Type::kSessionCreated:
    case Type::kSessionUpdated: {
      json s = {{"object", "realtime.session"}};
      if (dialect == RealtimeDialect::kGa) s["type"] = "realtime";
      PutIf(s, "id", e.session_id);
      j["session"] = std::move(s);
      break;
    }
    case Type::kSpeechStarted:
      j["item_id"] = e.item_id;
      j["audio_start_ms"] = e.audio_start_ms;
      break;
    case Type::kSpeechStopped:
      j["item_id"] = e.item_id;
      j["audio_end_ms"] = e.audio_end_ms;
      break;
    case Type::kInputAudioCommitted:
      j["item_id"] = e.item_id;
      j["previous_item_id"] = e.previous_item_id.empty() ? json(nullptr) : json(e.previous_item_id);
      break;
    case Type::kItemCreated:
    case Type::kItemAdded:
    case Type::kItemDone: {
      j["previous_item_id"] = e.previous_item_id.empty() ? json(nullptr) : json(e.previous_item_id);
      json item = {{"object", "realtime.item"}, {"type", e.item_type}};
      PutIf(item, "id", e.item_id);
      PutIf(item, "role", e.item_role);
      PutIf(item, "status", e.item_status);
      PutIf(item, "call_id", e.call_id);
      PutIf(item, "name", e.name);
      PutIf(item, "arguments", e.arguments);
      if (e.item_type == "message") item["content"] = json::array();
      j["item"] = std::move(item);
      break;
    }
    case Type::kInputTranscriptDelta:
      j["item_id"] = e.item_id;
      j["content_index"] = e.content_index;
      j["delta"] = e.text;
      break;
    case Type::kInputTranscriptCompleted:
      j["item_id"] = e.item_id;
      j["content_index"] = e.content_index;
      j["transcript"] = e.text;
      j["usage"] = {{"type", "duration"}, {"seconds", 0}};
      break;
    case Type::kInputTranscriptFailed:
      j["item_id"] = e.item_id;
      j["content_index"] = e.content_index;
      j["error"] = ErrorJson(e);
      break;
    case Type::kResponseCreated:
    case Type::kResponseDone:
      j["response"] = ResponseJson(e);
      break;
    case Type::kAudioDelta:
      PutContentRef(j, e);
      j["delta"] = PcmToBase64(e.pcm);
      break;
    case Type::kAudioDone:
      PutContentRef(j, e);
      break;
    case Type::kAudioTranscriptDelta:
    case Type::kTextDelta:
      PutContentRef(j, e);
      j["delta"] = e.text;
      break;
    case Type::kAudioTranscriptDone:
      PutContentRef(j, e);
      j["transcript"] = e.text;
      break;
    case Type::kFunctionCallArgumentsDelta:
      j["response_id"] = e.response_id;
      j["item_id"] = e.item_id;
      j["output_index"] = e.output_index;
      j["call_id"] = e.call_id;
      j["delta"] = e.text;
      break;
    case Type::kFunctionCallArgumentsDone:
      j["response_id"] = e.response_id;
      j["item_id"] = e.item_id;
      j["output_index"] = e.output_index;
      j["call_id"] = e.call_id;
      PutIf(j, "name", e.name);
      j["arguments"] = e.arguments;
      break;
    case Type::kRateLimitsUpdated: {
      json limits = json::array();
      for (const auto& l : e.rate_limits) {
        json lj = {
            {"limit", l.limit}, {"remaining", l.remaining}, {"reset_seconds", l.reset_seconds}};
        PutIf(lj, "name", l.name);
        limits.push_back(std::move(lj));
      }
      j["rate_limits"] = std::move(limits);
      break;
    }
    case Type::kError:
      j["error"] = ErrorJson(e);
      break;
  }
  return Dump(j);
}

namespace {

constexpr std::array<std::pair<std::string_view, RealtimeClientEventType>, 8> kClientNames = {{
    {"session.update", RealtimeClientEventType::kSessionUpdate},
    {"input_audio_buffer.append", RealtimeClientEventType::kInputAudioAppend},
    {"input_audio_buffer.commit", RealtimeClientEventType::kInputAudioCommit},
    {"input_audio_buffer.clear", RealtimeClientEventType::kInputAudioClear},
    {"response.create", RealtimeClientEventType::kResponseCreate},
    {"response.cancel", RealtimeClientEventType::kResponseCancel},
    {"conversation.item.truncate", RealtimeClientEventType::kItemTruncate},
    {"conversation.item.create", RealtimeClientEventType::kItemCreate},
}};

Status ReadTurnDetection(const Fields& parent, const char* key, RealtimeClientEvent& e) {
  e.has_turn_detection = parent.Has(key);
  if (!e.has_turn_detection) return Status::Ok();
  const json* td = nullptr;
  VOXDESK_RETURN_IF_ERROR(parent.Sub(key, &td, false));
  if (!td) {
    e.session.turn_detection = RealtimeConfig::TurnDetection::kNone;
    return Status::Ok();
  }
  Fields t(*td, parent.where() + " " + key);
  std::string type;
  VOXDESK_RETURN_IF_ERROR(t.Str("type", &type, true));
  if (type == "server_vad") {
    e.session.turn_detection = RealtimeConfig::TurnDetection::kServerVad;
  } else if (type == "semantic_vad") {
    e.session.turn_detection = RealtimeConfig::TurnDetection::kSemanticVad;
  } else {
    return InvalidArgument(t.where() + ": unknown type '" + type.substr(0, 40) + "'");
  }
  int64_t silence = e.session.vad_silence_ms, prefix = e.session.vad_prefix_padding_ms;
  VOXDESK_RETURN_IF_ERROR(t.Int("silence_duration_ms", &silence, false));
  VOXDESK_RETURN_IF_ERROR(t.Int("prefix_padding_ms", &prefix, false));
  if (silence > std::numeric_limits<int>::max() || prefix > std::numeric_limits<int>::max()) {
    return InvalidArgument(t.where() + ": durations out of range");
  }
  e.session.vad_silence_ms = static_cast<int>(silence);
  e.session.vad_prefix_padding_ms = static_cast<int>(prefix);
  return Status::Ok();
}

Status ReadTranscription(const Fields& parent, const char* key, RealtimeClientEvent& e) {
  const json* tr = nullptr;
  VOXDESK_RETURN_IF_ERROR(parent.Sub(key, &tr, false));
  e.session.transcribe_input = tr != nullptr;
  if (!tr) return Status::Ok();
  std::string language;
  VOXDESK_RETURN_IF_ERROR(
      Fields(*tr, parent.where() + " " + key).Str("language", &language, false));
  if (!language.empty()) e.session.lang = dialog::LangFromLocale(language);
  return Status::Ok();
}

// GA audio format: {"type": "audio/pcm", "rate": 24000}; other types carry
// no rate (G.711 is 8 kHz).
Status ReadGaFormat(const Fields& parent, std::string* type, int* rate) {
  const json* fmt = nullptr;
  VOXDESK_RETURN_IF_ERROR(parent.Sub("format", &fmt, false));
  if (!fmt) return Status::Ok();
  Fields f(*fmt, parent.where() + " format");
  VOXDESK_RETURN_IF_ERROR(f.Str("type", type, true));
  int64_t r = *type == "audio/pcm" ? kPcmRate : 8000;
  VOXDESK_RETURN_IF_ERROR(f.Int("rate", &r, false));
  if (r > std::numeric_limits<int>::max())
    return InvalidArgument(f.where() + ": rate out of range");
  *rate = static_cast<int>(r);
  return Status::Ok();
}

Status ReadTools(const Fields& s, RealtimeClientEvent& e) {
  const json* tools = nullptr;
  VOXDESK_RETURN_IF_ERROR(s.Sub("tools", &tools, false, /*array=*/true));
  if (!tools) return Status::Ok();
  for (const json& t : *tools) {
    if (!t.is_object()) return InvalidArgument(s.where() + ": each of 'tools' must be an object");
    Fields tf(t, s.where() + " tools[]");
    dialog::ToolSpec spec;
    std::string type;
    VOXDESK_RETURN_IF_ERROR(tf.Str("type", &type, false));
    VOXDESK_RETURN_IF_ERROR(tf.Str("name", &spec.name, true));
    VOXDESK_RETURN_IF_ERROR(tf.Str("description", &spec.description, false));
    const json* params = nullptr;
    VOXDESK_RETURN_IF_ERROR(tf.Sub("parameters", &params, false));
    if (params) spec.parameters = Dump(*params);
    e.session.tools.push_back(std::move(spec));
  }
  return Status::Ok();
}

Status ReadModalities(const Fields& s, const char* key, RealtimeClientEvent& e) {
  const json* m = nullptr;
  VOXDESK_RETURN_IF_ERROR(s.Sub(key, &m, false, /*array=*/true));
  if (!m) return Status::Ok();
  for (const json& v : *m) {
    if (!v.is_string()) return InvalidArgument(s.where() + ": '" + key + "' must hold strings");
    e.modalities.push_back(v.get<std::string>());
  }
  return Status::Ok();
}

Status ReadSession(const Fields& top, RealtimeClientEvent& e) {
  const json* session = nullptr;
  VOXDESK_RETURN_IF_ERROR(top.Sub("session", &session, true));
  Fields s(*session, "session.update session");
  e.session = RealtimeConfig{};
  e.session.transcribe_input = false;
  std::string type;
  VOXDESK_RETURN_IF_ERROR(s.Str("type", &type, false));
  VOXDESK_RETURN_IF_ERROR(s.Str("model", &e.session.model, false));
  VOXDESK_RETURN_IF_ERROR(s.Str("instructions", &e.session.instructions, false));
  VOXDESK_RETURN_IF_ERROR(ReadTools(s, e));
  if (!type.empty()) {
    if (type != "realtime") {
      return InvalidArgument(s.where() + ": type '" + type.substr(0, 40) +
                             "' is not supported (only \"realtime\")");
    }
    e.dialect = RealtimeDialect::kGa;
    VOXDESK_RETURN_IF_ERROR(ReadModalities(s, "output_modalities", e));
    const json* audio = nullptr;
    VOXDESK_RETURN_IF_ERROR(s.Sub("audio", &audio, false));
    if (!audio) return Status::Ok();
    Fields a(*audio, s.where() + " audio");
    const json* input = nullptr;
    const json* output = nullptr;
    VOXDESK_RETURN_IF_ERROR(a.Sub("input", &input, false));
    VOXDESK_RETURN_IF_ERROR(a.Sub("output", &output, false));
    if (input) {
      Fields in(*input, a.where() + ".input");
      VOXDESK_RETURN_IF_ERROR(ReadGaFormat(in, &e.input_audio_format, &e.session.sample_rate));
      VOXDESK_RETURN_IF_ERROR(ReadTurnDetection(in, "turn_detection", e));
      VOXDESK_RETURN_IF_ERROR(ReadTranscription(in, "transcription", e));
    }
    if (output) {
      Fields out(*output, a.where() + ".output");
      int rate = e.session.sample_rate;
      VOXDESK_RETURN_IF_ERROR(ReadGaFormat(out, &e.output_audio_format, &rate));
      VOXDESK_RETURN_IF_ERROR(out.Str("voice", &e.session.voice, false));
    }
    return Status::Ok();
  }
  e.dialect = RealtimeDialect::kBeta;
  VOXDESK_RETURN_IF_ERROR(ReadModalities(s, "modalities", e));
  VOXDESK_RETURN_IF_ERROR(s.Str("voice", &e.session.voice, false));
  VOXDESK_RETURN_IF_ERROR(s.Str("input_audio_format", &e.input_audio_format, false));
  VOXDESK_RETURN_IF_ERROR(s.Str("output_audio_format", &e.output_audio_format, false));
  if (!e.input_audio_format.empty()) {
    e.session.sample_rate = e.input_audio_format == "pcm16" ? kPcmRate : 8000;
  }
  VOXDESK_RETURN_IF_ERROR(ReadTurnDetection(s, "turn_detection", e));
  return ReadTranscription(s, "input_audio_transcription", e);
}

}  // namespace

Result<RealtimeClientEvent> ParseRealtimeClientEvent(std::string_view text) {
  auto j = ParseObject(text, "realtime client event");
  if (!j.ok()) return j.status();
  RealtimeClientEvent e;
  Fields top(*j, "realtime client event");
  VOXDESK_RETURN_IF_ERROR(top.Str("type", &e.type_name, true));
  VOXDESK_RETURN_IF_ERROR(top.Str("event_id", &e.event_id, false));
  for (const auto& [name, type] : kClientNames) {
    if (e.type_name == name) e.type = type;
  }
  const Fields f(*j, e.type_name);
  switch (e.type) {
    case RealtimeClientEventType::kSessionUpdate:
      VOXDESK_RETURN_IF_ERROR(ReadSession(f, e));
      break;
    case RealtimeClientEventType::kInputAudioAppend: {
      std::string audio;
      VOXDESK_RETURN_IF_ERROR(f.Str("audio", &audio, true));
      auto pcm = Base64ToPcm(audio, e.type_name);
      if (!pcm.ok()) return pcm.status();
      e.pcm = std::move(*pcm);
      break;
    }
    case RealtimeClientEventType::kItemTruncate:
      VOXDESK_RETURN_IF_ERROR(f.Str("item_id", &e.item_id, true));
      VOXDESK_RETURN_IF_ERROR(f.Int("content_index", &e.content_index, true));
      VOXDESK_RETURN_IF_ERROR(f.Int("audio_end_ms", &e.audio_end_ms, true));
      break;
    case RealtimeClientEventType::kItemCreate: {
      const json* item = nullptr;
      VOXDESK_RETURN_IF_ERROR(f.Sub("item", &item, true));
      Fields it(*item, e.type_name + " item");
      VOXDESK_RETURN_IF_ERROR(it.Str("type", &e.item_type, true));
      const bool output = e.item_type == "function_call_output";
      VOXDESK_RETURN_IF_ERROR(it.Str("call_id", &e.call_id, output));
      VOXDESK_RETURN_IF_ERROR(it.Str("output", &e.output, output));
      break;
    }
    default:
      break;
  }
  return e;
}

}  // namespace voxdesk::providers
