#include "providers/elevenlabs_tts.h"

#include <cstdlib>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

#include "providers/net/event_loop.h"
#include "providers/net/http_client.h"
#include "providers/net/websockets.h"

namespace voxdesk::providers {

namespace {

// What the loop hands to the worker.
struct Shared {
  std::mutex mu;
  std::deque<AudioChunk> ready;
  Status error;
  bool cancelled = false;
};

// One generation (one WebSocket). Loop thread only, except `conn` which is
// set by the loop task that connects and read by later loop tasks.
struct Generation {
  std::shared_ptr<net::WsConnection> conn;
  bool final = false;
  bool has_odd_byte = false;
  uint8_t odd_byte = 0;
  net::EventLoop::TimerId timeout = 0;
};

void Fail(Shared& shared, Status st) {
  std::lock_guard lock(shared.mu);
  if (shared.error.ok() && !shared.cancelled) shared.error = std::move(st);
}

// Hands queued audio and the first error to the sink, on the polling
// thread; a sink that cancels the stream from OnAudio stops the rest.
void DeliverQueued(Shared& shared, TtsSink& sink, const bool& cancelled, bool& error_reported) {
  std::deque<AudioChunk> chunks;
  Status error;
  {
    std::lock_guard lock(shared.mu);
    chunks.swap(shared.ready);
    if (!shared.error.ok() && !error_reported) {
      error = shared.error;
      error_reported = true;
    }
  }
  for (const AudioChunk& c : chunks) {
    if (cancelled) return;
    sink.OnAudio(c);
  }
  if (!error.ok() && !cancelled) sink.OnError(error);
}

class ElevenLabsStream final : public TtsStream {
 public:
  ElevenLabsStream(net::EventLoop& loop, const ElevenLabsConfig& config, std::string url, int rate,
                   TtsSink& sink)
      : loop_(loop), config_(config), url_(std::move(url)), rate_(rate), sink_(sink) {}

  ~ElevenLabsStream() override { Cancel(); }

  Status PushText(std::string_view text) override {
    if (cancelled_) return Conflict("the synthesis stream was cancelled");
    Deliver();
    if (text.empty()) return Status::Ok();
    // ElevenLabs wants chunks that end at a word boundary, with a space.
    std::string chunk(text);
    if (chunk.back() != ' ') chunk += ' ';
    auto json = ElevenLabsTextJson(chunk, ElevenLabsTrigger::kTryTrigger);
    if (!json.ok()) return json.status();
    if (!current_) current_ = Start();
    Send(current_, std::move(*json));
    return Status::Ok();
  }

  Status Flush() override {
    if (cancelled_) return Conflict("the synthesis stream was cancelled");
    if (current_) {
      Send(current_, ElevenLabsEndJson());
      auto gen = std::move(current_);
      const auto limit = config_.generation_timeout;
      loop_.Post([this_loop = &loop_, gen, shared = shared_, limit] {
        if (gen->final || !gen->conn) return;
        gen->timeout = this_loop->AddTimer(limit, [gen, shared, limit] {
          gen->timeout = 0;
          if (gen->final) return;
          Fail(*shared, Unavailable("ElevenLabs sent no end of speech within " +
                                    std::to_string(limit.count()) + " ms"));
          if (gen->conn) gen->conn->Close();
        });
      });
    }
    Deliver();
    return Status::Ok();
  }

  void Cancel() override {
    if (cancelled_) return;
    cancelled_ = true;
    {
      std::lock_guard lock(shared_->mu);
      shared_->cancelled = true;
      shared_->ready.clear();
    }
    for (auto* gen : {&current_}) {
      if (!*gen) continue;
      loop_.Post([gen = *gen] {
        if (gen->conn) gen->conn->Close();
      });
    }
    current_.reset();
  }

  void Poll() override { Deliver(); }

 private:
  void Send(const std::shared_ptr<Generation>& gen, std::string json) {
    loop_.Post([gen, json = std::move(json), shared = shared_] {
      if (!gen->conn) return;
      if (Status st = gen->conn->SendText(json); !st.ok() && !gen->final) Fail(*shared, st);
    });
  }

  std::shared_ptr<Generation> Start() {
    auto gen = std::make_shared<Generation>();
    loop_.Post([this_loop = &loop_, gen, shared = shared_, url = url_, config = config_,
                rate = rate_] {
      net::WsConnectOptions o;
      o.url = url;
      o.headers = {{"xi-api-key", config.api_key}};
      o.connect_timeout = config.connect_timeout;
      o.limits.max_message_bytes = 4u << 20;
      net::WsHandlers h;
      h.on_text = [gen, shared, rate](std::string_view text) {
        auto msg = ParseElevenLabsMessage(text);
        if (!msg.ok()) return Fail(*shared, Unavailable("ElevenLabs: " + msg.status().message()));
        if (msg->type == ElevenLabsMessage::Type::kError) {
          return Fail(*shared, Unavailable("ElevenLabs error " + std::to_string(msg->code) + " (" +
                                           msg->error + "): " + msg->message));
        }
        AudioChunk chunk;
        chunk.sample_rate = rate;
        const std::vector<uint8_t>& bytes = msg->audio;
        size_t i = 0;
        if (gen->has_odd_byte && !bytes.empty()) {  // a sample split across messages
          chunk.pcm.push_back(static_cast<int16_t>(gen->odd_byte | (bytes[0] << 8)));
          gen->has_odd_byte = false;
          i = 1;
        }
        for (; i + 1 < bytes.size(); i += 2) {
          chunk.pcm.push_back(static_cast<int16_t>(bytes[i] | (bytes[i + 1] << 8)));
        }
        if (i < bytes.size()) {
          gen->has_odd_byte = true;
          gen->odd_byte = bytes[i];
        }
        if (msg->is_final || msg->type == ElevenLabsMessage::Type::kFinal) {
          gen->final = true;
          chunk.last = true;
        }
        if (chunk.pcm.empty() && !chunk.last) return;
        std::lock_guard lock(shared->mu);
        if (!shared->cancelled) shared->ready.push_back(std::move(chunk));
      };
      h.on_close = [this_loop, gen, shared](const Status& st, int code) {
        if (gen->timeout) this_loop->CancelTimer(gen->timeout);
        gen->timeout = 0;
        gen->conn.reset();
        if (gen->final) return;
        Fail(*shared, Unavailable("ElevenLabs closed the stream before the end of speech (" +
                                  (st.ok() ? "code " + std::to_string(code) : st.message()) + ")"));
      };
      auto conn = this_loop->ws().Connect(o, std::move(h));
      if (!conn.ok()) return Fail(*shared, conn.status());
      gen->conn = *conn;
      ElevenLabsInit init;
      init.voice_settings = config.voice_settings;
      auto json = ElevenLabsInitJson(init);
      if (json.ok()) (void)gen->conn->SendText(*json);
    });
    return gen;
  }

  void Deliver() { DeliverQueued(*shared_, sink_, cancelled_, error_reported_); }

  net::EventLoop& loop_;
  const ElevenLabsConfig& config_;
  const std::string url_;
  const int rate_;
  TtsSink& sink_;
  std::shared_ptr<Shared> shared_ = std::make_shared<Shared>();
  std::shared_ptr<Generation> current_;
  bool cancelled_ = false;
  bool error_reported_ = false;
};

// The HTTP streaming transport: text is kept until Flush, which POSTs it
// and streams the reply's raw PCM back. One request at a time per stream,
// in order, so replies never overlap.
class ElevenLabsHttpStream final : public TtsStream {
 public:
  ElevenLabsHttpStream(net::EventLoop& loop, const ElevenLabsConfig& config, std::string url,
                       ElevenLabsHttpRequest body, int rate, TtsSink& sink)
      : loop_(loop),
        config_(config),
        url_(std::move(url)),
        body_(std::move(body)),
        rate_(rate),
        sink_(sink) {}

  ~ElevenLabsHttpStream() override { Cancel(); }

  Status PushText(std::string_view text) override {
    if (cancelled_) return Conflict("the synthesis stream was cancelled");
    Deliver();
    if (!text.empty()) {
      if (!text_.empty() && text_.back() != ' ') text_ += ' ';
      text_ += text;
    }
    return Status::Ok();
  }

  Status Flush() override {
    if (cancelled_) return Conflict("the synthesis stream was cancelled");
    Deliver();
    if (text_.empty()) return Status::Ok();
    ElevenLabsHttpRequest body = body_;
    body.text = std::exchange(text_, {});
    body.voice_settings = config_.voice_settings;
    auto json = ElevenLabsHttpBodyJson(body);
    if (!json.ok()) return json.status();
    net::HttpRequest r;
    r.method = "POST";
    r.url = url_;
    r.headers = {{"xi-api-key", config_.api_key},
                 {"Content-Type", "application/json"},
                 {"Accept", "audio/*"}};
    r.body = std::move(*json);
    r.connect_timeout = config_.connect_timeout;
    r.first_byte_timeout = config_.generation_timeout;
    r.idle_timeout = config_.generation_timeout;
    r.max_response_bytes = 64u << 20;
    r.retry.max_retries = 1;  // before any audio only (the client's rule)
    loop_.Post([this_loop = &loop_, gen = gen_, shared = shared_, rate = rate_,
                r = std::move(r)]() mutable {
      if (gen->cancelled) return;
      auto carry = std::make_shared<std::optional<uint8_t>>();
      net::HttpHandlers h;
      h.on_body = [shared, rate, carry](std::string_view piece) {
        AudioChunk chunk;
        chunk.sample_rate = rate;
        size_t i = 0;
        if (*carry && !piece.empty()) {  // a sample split across pieces
          chunk.pcm.push_back(static_cast<int16_t>(**carry | (uint8_t(piece[0]) << 8)));
          carry->reset();
          i = 1;
        }
        for (; i + 1 < piece.size(); i += 2)
          chunk.pcm.push_back(
              static_cast<int16_t>(uint8_t(piece[i]) | (uint8_t(piece[i + 1]) << 8)));
        if (i < piece.size()) *carry = uint8_t(piece[i]);
        if (chunk.pcm.empty()) return;
        std::lock_guard lock(shared->mu);
        if (!shared->cancelled) shared->ready.push_back(std::move(chunk));
      };
      h.on_done = [shared, rate](const Status& st, net::HttpResult& res) {
        if (!st.ok()) {
          const std::string detail = res.status ? " (HTTP " + std::to_string(res.status) + ")" : "";
          return Fail(*shared, Unavailable("ElevenLabs: " + st.message() + detail));
        }
        AudioChunk last;
        last.sample_rate = rate;
        last.last = true;
        std::lock_guard lock(shared->mu);
        if (!shared->cancelled) shared->ready.push_back(std::move(last));
      };
      gen->requests.push_back(this_loop->http().Start(std::move(r), std::move(h)));
    });
    return Status::Ok();
  }

  void Cancel() override {
    if (cancelled_) return;
    cancelled_ = true;
    {
      std::lock_guard lock(shared_->mu);
      shared_->cancelled = true;
      shared_->ready.clear();
    }
    loop_.Post([this_loop = &loop_, gen = gen_] {
      gen->cancelled = true;
      for (auto id : gen->requests) this_loop->http().Cancel(id);
    });
  }

  void Poll() override { Deliver(); }

 private:
  void Deliver() { DeliverQueued(*shared_, sink_, cancelled_, error_reported_); }

  // The requests in flight, for Cancel (loop thread only).
  struct Requests {
    std::vector<net::HttpClient::RequestId> requests;
    bool cancelled = false;
  };

  net::EventLoop& loop_;
  const ElevenLabsConfig& config_;
  const std::string url_;
  const ElevenLabsHttpRequest body_;
  const int rate_;
  TtsSink& sink_;
  std::string text_;  // pushed since the last Flush
  std::shared_ptr<Shared> shared_ = std::make_shared<Shared>();
  std::shared_ptr<Requests> gen_ = std::make_shared<Requests>();
  bool cancelled_ = false;
  bool error_reported_ = false;
};

}  // namespace

Result<std::unique_ptr<ElevenLabsTts>> ElevenLabsTts::Create(net::EventLoop& loop,
                                                             ElevenLabsConfig config) {
  if (config.api_key.empty()) {
    if (const char* env = std::getenv("ELEVENLABS_API_KEY")) config.api_key = env;
  }
  if (config.api_key.empty())
    return ConfigError("ElevenLabs API key missing: set it or ELEVENLABS_API_KEY");
  if (config.voice_id.empty()) return ConfigError("ElevenLabs needs a voice_id");
  while (!config.base_url.empty() && config.base_url.back() == '/') config.base_url.pop_back();
  if (config.transport == ElevenLabsConfig::Transport::kHttp) {
    // One base URL serves both transports: the WebSocket scheme's HTTP twin.
    if (config.base_url.starts_with("wss://")) config.base_url.replace(0, 3, "https");
    if (config.base_url.starts_with("ws://")) config.base_url.replace(0, 2, "http");
    if (!config.base_url.starts_with("http://") && !config.base_url.starts_with("https://"))
      return ConfigError("ElevenLabs base URL must be http(s):// or ws(s)://, not \"" +
                         config.base_url + "\"");
  }
  return std::unique_ptr<ElevenLabsTts>(new ElevenLabsTts(loop, std::move(config)));
}

bool ElevenLabsModelTakesLanguageCode(std::string_view model_id) {
  return model_id == "eleven_turbo_v2_5" || model_id == "eleven_flash_v2_5";
}

const std::string& ElevenLabsVoiceFor(const ElevenLabsConfig& config, std::string_view language) {
  if (language.empty()) return config.voice_id;
  const std::string tag = dialog::NormalizeTag(language);
  const std::string primary(dialog::PrimarySubtag(tag));
  const std::string* by_primary = nullptr;
  for (const auto& [key, voice] : config.voice_by_language) {
    if (voice.empty()) continue;
    const std::string k = dialog::NormalizeTag(key);
    if (k == tag) return voice;
    if (k == primary) by_primary = &voice;
  }
  return by_primary ? *by_primary : config.voice_id;
}

Result<std::unique_ptr<TtsStream>> ElevenLabsTts::Open(int sample_rate, std::string_view language,
                                                       TtsSink& sink) {
  ElevenLabsStreamInputOptions o;
  o.voice_id = ElevenLabsVoiceFor(config_, language);
  o.model_id = config_.model_id;
  if (!language.empty() && ElevenLabsModelTakesLanguageCode(o.model_id)) {
    // ISO 639-1: the primary subtag, lower case ("pt-BR" -> "pt").
    o.language_code = dialog::NormalizeTag(dialog::PrimarySubtag(language));
  }
  o.output_format = {ElevenLabsCodec::kPcm, sample_rate};
  if (config_.transport == ElevenLabsConfig::Transport::kHttp) {
    auto target = ElevenLabsHttpStreamTarget(o.voice_id, o.output_format);
    if (!target.ok()) return target.status();
    ElevenLabsHttpRequest body;
    body.model_id = o.model_id;
    body.language_code = o.language_code;
    return std::unique_ptr<TtsStream>(new ElevenLabsHttpStream(
        loop_, config_, config_.base_url + *target, std::move(body), sample_rate, sink));
  }
  auto target = ElevenLabsStreamInputTarget(o);
  if (!target.ok()) return target.status();
  return std::unique_ptr<TtsStream>(
      new ElevenLabsStream(loop_, config_, config_.base_url + *target, sample_rate, sink));
}

}  // namespace voxdesk::providers
