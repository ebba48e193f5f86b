#include "providers/cloud_stack.h"

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <utility>

#include "providers/anthropic_llm.h"
#include "providers/deepgram_stt.h"
#include "providers/elevenlabs_tts.h"
#include "providers/failover_llm.h"
#include "providers/failover_stt.h"
#include "providers/failover_tts.h"
#include "providers/net/circuit_breaker.h"
#include "providers/net/event_loop.h"
#include "providers/openai_llm.h"
#include "providers/openai_realtime.h"

namespace voxdesk::providers {
namespace {

using nlohmann::json;

struct Capability {
  const char* name;
  std::vector<std::string_view> types;
};

Result<std::vector<CloudEngineSpec>> ParseChain(const json& doc, const Capability& cap) {
  std::vector<CloudEngineSpec> out;
  if (!doc.contains(cap.name)) return out;
  const std::string where = std::string("providers.") + cap.name;
  const json& list = doc[cap.name];
  if (!list.is_array()) return ConfigError(where + ": must be an array of engines");
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string at = where + "[" + std::to_string(i) + "]";
    const json& e = list[i];
    if (!e.is_object()) return ConfigError(at + ": must be an object");
    CloudEngineSpec spec;
    for (const auto& [key, value] : e.items()) {
      std::string* field = key == "type"          ? &spec.type
                           : key == "base_url"    ? &spec.base_url
                           : key == "api_key_env" ? &spec.api_key_env
                           : key == "model"       ? &spec.model
                           : key == "voice_id"    ? &spec.voice_id
                           : key == "language"    ? &spec.language
                           : key == "voice"       ? &spec.voice
                           : key == "transport"   ? &spec.transport
                                                  : nullptr;
      if (key == "api_key")
        return ConfigError(at +
                           ".api_key: keys are not read from this file; name the "
                           "environment variable that holds it in \"api_key_env\"");
      if (key == "detect_language") {
        if (!value.is_boolean()) return ConfigError(at + ".detect_language: must be true or false");
        spec.detect_language = value.get<bool>();
        continue;
      }
      if (key == "voice_by_language") {
        if (!value.is_object())
          return ConfigError(at + ".voice_by_language: must map language tags to voice ids");
        for (const auto& [tag, voice] : value.items()) {
          if (!voice.is_string() || voice.get<std::string>().empty())
            return ConfigError(at + ".voice_by_language." + tag + ": must be a voice id");
          spec.voice_by_language[tag] = voice.get<std::string>();
        }
        continue;
      }
      if (!field) return ConfigError(at + "." + key + ": unknown setting");
      if (!value.is_string()) return ConfigError(at + "." + key + ": must be a string");
      *field = value.get<std::string>();
    }
    bool known = false;
    for (std::string_view t : cap.types) known |= spec.type == t;
    if (!known) {
      std::string list_of;
      for (std::string_view t : cap.types)
        list_of += (list_of.empty() ? "" : ", ") + std::string(t);
      return ConfigError(at + ".type: \"" + spec.type + "\" is not one of " + list_of);
    }
    if (!spec.base_url.empty() && spec.base_url.find("://") == std::string::npos)
      return ConfigError(at + ".base_url: \"" + spec.base_url + "\" is not a URL");
    if (spec.type == "elevenlabs" && spec.voice_id.empty())
      return ConfigError(at + ".voice_id: required for elevenlabs");
    if (spec.type != "deepgram" && (!spec.language.empty() || spec.detect_language))
      return ConfigError(at + (spec.language.empty() ? ".detect_language" : ".language") +
                         ": a deepgram setting, not one of " + spec.type);
    if (std::string_view(cap.name) != "realtime" && !spec.voice.empty())
      return ConfigError(at + ".voice: a realtime setting (elevenlabs takes voice_id)");
    if (!spec.transport.empty() &&
        (spec.type != "elevenlabs" || (spec.transport != "websocket" && spec.transport != "http")))
      return ConfigError(at + ".transport: \"websocket\" or \"http\", for elevenlabs");
    if (spec.type != "elevenlabs" && !spec.voice_by_language.empty())
      return ConfigError(at + ".voice_by_language: an elevenlabs setting, not one of " + spec.type);
    if (spec.detect_language && !spec.language.empty())
      return ConfigError(at +
                         ".detect_language: Deepgram detects only when no language is set "
                         "(drop \"language\", or use \"language\": \"multi\")");
    out.push_back(std::move(spec));
  }
  if (std::string_view(cap.name) == "realtime" && out.size() > 1)
    return ConfigError(where + ": one realtime model at most (its failover is the other chains)");
  return out;
}

// A caller is waiting on the line: one quick retry, then the next provider
// in the chain is the better retry, and a model slow to start answering is
// no use to a phone call.
template <typename Config>
void ForLiveCalls(Config& c) {
  c.retry.max_retries = 1;
  c.retry.cap = std::chrono::milliseconds(500);
  c.connect_timeout = std::chrono::milliseconds(2000);
  c.first_byte_timeout = std::chrono::milliseconds(8000);
}

// The key from the named variable (or the provider's usual one).
Result<std::string> Key(const CloudEngineSpec& e, std::string_view where, const char* fallback) {
  const std::string var = e.api_key_env.empty() ? fallback : e.api_key_env;
  const char* value = std::getenv(var.c_str());
  if (!value || !*value)
    return ConfigError(std::string(where) + ": the API key is missing: set " + var);
  return std::string(value);
}

std::string Chain(const std::vector<CloudEngineSpec>& engines, bool embedded) {
  std::string s;
  for (const auto& e : engines) s += (s.empty() ? "" : " > ") + e.type;
  if (embedded) s += (s.empty() ? "" : " > ") + std::string("embedded");
  return s;
}

}  // namespace

Result<CloudSpec> ParseCloudSpec(std::string_view json_text) {
  const json doc = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return ConfigError("providers: not valid JSON");
  if (!doc.is_object()) return ConfigError("providers: must be an object");
  for (const auto& [key, value] : doc.items())
    if (key != "stt" && key != "tts" && key != "llm" && key != "realtime")
      return ConfigError("providers." + key + ": unknown capability (stt, tts, llm or realtime)");
  CloudSpec spec;
  auto stt = ParseChain(doc, {"stt", {"deepgram"}});
  if (!stt.ok()) return stt.status();
  auto tts = ParseChain(doc, {"tts", {"elevenlabs"}});
  if (!tts.ok()) return tts.status();
  auto llm = ParseChain(doc, {"llm", {"openai", "anthropic"}});
  if (!llm.ok()) return llm.status();
  auto realtime = ParseChain(doc, {"realtime", {"openai"}});
  if (!realtime.ok()) return realtime.status();
  spec.stt = std::move(*stt);
  spec.tts = std::move(*tts);
  spec.llm = std::move(*llm);
  spec.realtime = std::move(*realtime);
  return spec;
}

CloudStack::~CloudStack() = default;

Result<std::unique_ptr<CloudStack>> CloudStack::Create(const CloudSpec& spec, Stt& embedded_stt,
                                                       Tts& embedded_tts) {
  std::unique_ptr<CloudStack> s(new CloudStack());
  auto loop = net::EventLoop::Start();
  if (!loop.ok()) return loop.status();
  s->loop_ = std::move(*loop);

  std::vector<std::pair<std::string, Stt*>> stt_chain;
  for (size_t i = 0; i < spec.stt.size(); ++i) {
    const CloudEngineSpec& e = spec.stt[i];
    const std::string where = "providers.stt[" + std::to_string(i) + "]";
    auto key = Key(e, where, "DEEPGRAM_API_KEY");
    if (!key.ok()) return key.status();
    DeepgramConfig c;
    if (!e.base_url.empty()) c.base_url = e.base_url;
    if (!e.model.empty()) c.model = e.model;
    c.language = e.language;
    c.detect_language = e.detect_language;
    c.api_key = *key;
    auto d = DeepgramStt::Create(*s->loop_, c);
    if (!d.ok()) return ConfigError(where + ": " + d.status().message());
    stt_chain.emplace_back(e.type, d->get());
    s->stts_.push_back(std::move(*d));
  }
  stt_chain.emplace_back("embedded", &embedded_stt);
  s->stt_ = std::make_unique<FailoverStt>(std::move(stt_chain));
  s->stt_chain_ = Chain(spec.stt, true);

  std::vector<std::pair<std::string, Tts*>> tts_chain;
  for (size_t i = 0; i < spec.tts.size(); ++i) {
    const CloudEngineSpec& e = spec.tts[i];
    const std::string where = "providers.tts[" + std::to_string(i) + "]";
    auto key = Key(e, where, "ELEVENLABS_API_KEY");
    if (!key.ok()) return key.status();
    ElevenLabsConfig c;
    if (!e.base_url.empty()) c.base_url = e.base_url;
    if (!e.model.empty()) c.model_id = e.model;
    c.voice_id = e.voice_id;
    c.voice_by_language = e.voice_by_language;
    if (e.transport == "http") c.transport = ElevenLabsConfig::Transport::kHttp;
    c.api_key = *key;
    auto t = ElevenLabsTts::Create(*s->loop_, c);
    if (!t.ok()) return ConfigError(where + ": " + t.status().message());
    tts_chain.emplace_back(e.type, t->get());
    s->ttss_.push_back(std::move(*t));
  }
  tts_chain.emplace_back("embedded", &embedded_tts);
  s->tts_ = std::make_unique<FailoverTts>(std::move(tts_chain));
  s->tts_chain_ = Chain(spec.tts, true);

  std::vector<std::pair<std::string, dialog::Llm*>> llm_chain;
  for (size_t i = 0; i < spec.llm.size(); ++i) {
    const CloudEngineSpec& e = spec.llm[i];
    const std::string where = "providers.llm[" + std::to_string(i) + "]";
    // A provider that keeps failing is skipped at once, not waited on each turn.
    auto breaker = std::make_shared<net::CircuitBreaker>();
    if (e.type == "openai") {
      auto key = Key(e, where, "OPENAI_API_KEY");
      if (!key.ok()) return key.status();
      OpenAiLlmConfig c;
      if (!e.base_url.empty()) c.base_url = e.base_url;
      if (!e.model.empty()) c.model = e.model;
      c.api_key = *key;
      c.breaker = breaker;
      ForLiveCalls(c);
      auto o = OpenAiLlm::Create(*s->loop_, c);
      if (!o.ok()) return ConfigError(where + ": " + o.status().message());
      llm_chain.emplace_back(e.type, o->get());
      s->llms_.push_back(std::move(*o));
    } else {
      auto key = Key(e, where, "ANTHROPIC_API_KEY");
      if (!key.ok()) return key.status();
      AnthropicLlmConfig c;
      if (!e.base_url.empty()) c.base_url = e.base_url;
      if (!e.model.empty()) c.model = e.model;
      c.api_key = *key;
      c.breaker = breaker;
      ForLiveCalls(c);
      auto a = AnthropicLlm::Create(*s->loop_, c);
      if (!a.ok()) return ConfigError(where + ": " + a.status().message());
      llm_chain.emplace_back(e.type, a->get());
      s->llms_.push_back(std::move(*a));
    }
  }
  if (!llm_chain.empty()) {
    s->llm_ = std::make_unique<FailoverLlm>(std::move(llm_chain));
    s->llm_chain_ = Chain(spec.llm, true);
  }
  if (!spec.realtime.empty()) {
    const CloudEngineSpec& e = spec.realtime.front();
    auto key = Key(e, "providers.realtime[0]", "OPENAI_API_KEY");
    if (!key.ok()) return key.status();
    OpenAiRealtimeConfig c;
    if (!e.base_url.empty()) c.base_url = e.base_url;
    c.api_key = *key;
    c.connect_timeout = std::chrono::milliseconds(2000);  // the caller is waiting
    auto r = OpenAiRealtime::Create(*s->loop_, c);
    if (!r.ok()) return ConfigError("providers.realtime[0]: " + r.status().message());
    s->realtime_ = std::move(*r);
    s->realtime_config_.model = e.model.empty() ? "gpt-realtime" : e.model;
    s->realtime_config_.voice = e.voice;
  }
  return s;
}

}  // namespace voxdesk::providers
