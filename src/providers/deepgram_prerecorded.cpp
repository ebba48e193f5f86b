#include "providers/deepgram_prerecorded.h"

#include <cstdlib>
#include <future>
#include <nlohmann/json.hpp>
#include <utility>

#include "core/redact.h"
#include "media/wav_io.h"
#include "providers/form_urlencoded.h"
#include "providers/net/event_loop.h"
#include "providers/net/http_client.h"

namespace voxdesk::providers {

namespace {

// Deepgram's error body ({"err_code","err_msg"} or {"category","message"}),
// in words a host can log; the key is scrubbed in case it was echoed.
std::string DeepgramError(int status, const std::string& body, const std::string& key) {
  std::string what = "HTTP " + std::to_string(status);
  const auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_object()) {
    for (const char* field : {"err_msg", "message", "err_code", "category"}) {
      if (j.contains(field) && j[field].is_string()) {
        what += ": " + j[field].get<std::string>();
        break;
      }
    }
  }
  return RedactSecret(what, key);
}

}  // namespace

std::string DeepgramPrerecordedQuery(const DeepgramPrerecordedConfig& c) {
  FormParams p;
  if (!c.model.empty()) p.emplace_back("model", c.model);
  // Deepgram detects only when it is not told the language.
  if (c.detect_language) {
    p.emplace_back("detect_language", "true");
  } else if (!c.language.empty()) {
    p.emplace_back("language", c.language);
  }
  if (c.smart_format) p.emplace_back("smart_format", "true");
  if (c.punctuate) p.emplace_back("punctuate", "true");
  for (const std::string& k : c.keyterms) p.emplace_back("keyterm", k);
  return EncodeForm(p);
}

Result<std::unique_ptr<DeepgramPrerecordedStt>> DeepgramPrerecordedStt::Create(
    net::EventLoop& loop, DeepgramPrerecordedConfig config) {
  if (config.api_key.empty()) {
    if (const char* env = std::getenv("DEEPGRAM_API_KEY")) config.api_key = env;
  }
  if (config.api_key.empty())
    return ConfigError("Deepgram API key missing: set it or DEEPGRAM_API_KEY");
  while (!config.base_url.empty() && config.base_url.back() == '/') config.base_url.pop_back();
  if (!config.base_url.starts_with("http://") && !config.base_url.starts_with("https://"))
    return ConfigError("Deepgram base URL must be http:// or https://, not \"" + config.base_url +
                       "\"");
  if (!config.breaker) config.breaker = std::make_shared<net::CircuitBreaker>();
  return std::unique_ptr<DeepgramPrerecordedStt>(
      new DeepgramPrerecordedStt(loop, std::move(config)));
}

void DeepgramPrerecordedStt::Transcribe(std::span<const int16_t> pcm, int sample_rate, Done done) {
  if (pcm.empty()) return done(InvalidArgument("Deepgram: no audio to transcribe"));
  if (sample_rate < 8000 || sample_rate > 48000)
    return done(InvalidArgument("Deepgram takes 8000..48000 Hz audio, not " +
                                std::to_string(sample_rate) + " Hz"));
  media::WavAudio wav;
  wav.sample_rate = sample_rate;
  wav.samples.assign(pcm.begin(), pcm.end());
  auto bytes = media::WriteWavMemory(wav);
  if (!bytes.ok()) return done(bytes.status());

  net::HttpRequest r;
  r.method = "POST";
  r.url = config_.base_url + "/v1/listen?" + DeepgramPrerecordedQuery(config_);
  r.headers = {{"Authorization", "Token " + config_.api_key},
               {"Content-Type", "audio/wav"},
               {"Accept", "application/json"}};
  r.body.assign(bytes->begin(), bytes->end());
  r.connect_timeout = config_.connect_timeout;
  r.first_byte_timeout = config_.response_timeout;
  r.idle_timeout = config_.response_timeout;
  r.max_response_bytes = 64u << 20;
  r.retry = config_.retry;
  r.idempotent = true;  // a transcription changes nothing: safe to repeat
  r.breaker = config_.breaker;
  net::HttpHandlers h;
  h.on_done = [done = std::move(done), key = config_.api_key](const Status& st,
                                                              net::HttpResult& res) {
    if (!st.ok()) {
      if (res.status == 0) return done(Status(st.code(), RedactSecret(st.message(), key)));
      const std::string why = "Deepgram " + DeepgramError(res.status, res.body, key);
      return done(Status(st.code(), why));
    }
    auto parsed = ParseDeepgramPrerecordedResponse(res.body);
    if (!parsed.ok())
      return done(Unavailable("Deepgram answered with an unreadable transcript: " +
                              parsed.status().message()));
    done(std::move(*parsed));
  };
  loop_.Post([&loop = loop_, r = std::move(r), h = std::move(h)]() mutable {
    loop.http().Start(std::move(r), std::move(h));
  });
}

Result<DeepgramPrerecorded> DeepgramPrerecordedStt::TranscribeAndWait(std::span<const int16_t> pcm,
                                                                      int sample_rate) {
  if (loop_.InLoopThread())
    return Status(Code::kInternal, "Deepgram: a blocking call on the event loop's own thread");
  std::promise<Result<DeepgramPrerecorded>> answer;
  auto got = answer.get_future();
  Transcribe(pcm, sample_rate,
             [&answer](Result<DeepgramPrerecorded> r) { answer.set_value(std::move(r)); });
  return got.get();
}

}  // namespace voxdesk::providers
