#include "fakes/fake_elevenlabs_server.h"

#include "core/utf8.h"
#include "providers/elevenlabs_messages.h"
#include "providers/net/websockets.h"

namespace voxdesk::fakes {

using providers::ElevenLabsClientMessage;
using providers::net::WsConnection;
using providers::net::WsHandlers;

FakeElevenLabsServer::FakeElevenLabsServer(std::string api_key) : api_key_(std::move(api_key)) {}

std::vector<std::string> FakeElevenLabsServer::generations() const {
  std::lock_guard lock(mu_);
  return generations_;
}

std::vector<FakeElevenLabsServer::Opened> FakeElevenLabsServer::opened() const {
  std::lock_guard lock(mu_);
  return opened_;
}

namespace {

// 10 ms of PCM per character at `rate`: each sample the character's code,
// or a square wave 40 times louder when audible.
std::string Speak(std::string_view text, int rate, bool audible) {
  std::string pcm;
  const size_t per_char = static_cast<size_t>(rate) / 100;
  for (char ch : text) {
    const int16_t code = static_cast<unsigned char>(ch);
    for (size_t s = 0; s < per_char; ++s) {
      const int16_t v = audible ? static_cast<int16_t>((s / 4 % 2 ? 40 : -40) * code) : code;
      pcm.push_back(static_cast<char>(v & 0xff));
      pcm.push_back(static_cast<char>((v >> 8) & 0xff));
    }
  }
  return pcm;
}

}  // namespace

bool FakeElevenLabsServer::Start() {
  http_.server().Post(R"(/v1/text-to-speech/([^/]+)/stream)", [this](const httplib::Request& req,
                                                                     httplib::Response& res) {
    if (req.get_header_value("xi-api-key") != api_key_) {
      res.status = 401;
      res.set_content(R"({"detail":{"status":"invalid_api_key","message":"Invalid API key"}})",
                      "application/json");
      return;
    }
    auto body = providers::ParseElevenLabsHttpBody(req.body);
    auto format = providers::ParseElevenLabsOutputFormat(req.get_param_value("output_format"));
    if (!body.ok() || !format.ok() || format->codec != providers::ElevenLabsCodec::kPcm) {
      res.status = 400;
      res.set_content(R"({"detail":{"status":"invalid_request","message":"bad request"}})",
                      "application/json");
      return;
    }
    ++connections_;
    {
      std::lock_guard lock(mu_);
      opened_.push_back({req.matches[1].str(), body->language_code, body->model_id});
      generations_.push_back(body->text);
    }
    const Fault fault = fault_.load();
    if (fault == Fault::kErrorMessage) {
      res.status = 500;
      res.set_content(R"({"detail":{"status":"internal_error","message":"out of credits"}})",
                      "application/json");
      return;
    }
    auto pcm = std::make_shared<std::string>(Speak(body->text, format->sample_rate, audible_));
    const size_t piece = static_cast<size_t>(format->sample_rate) / 100 * 2 * 8;  // 8 chars
    res.set_chunked_content_provider(
        "application/octet-stream",
        [this, pcm, piece, fault](size_t offset, httplib::DataSink& sink) {
          if (offset >= pcm->size()) {
            sink.done();
            return true;
          }
          const size_t n = std::min(piece, pcm->size() - offset);
          sink.write(pcm->data() + offset, n);
          if (fault == Fault::kCloseMidStream || fault == Fault::kStall) {
            {
              std::lock_guard lock(mu_);
              fault_at_ = std::chrono::steady_clock::now();
            }
            if (fault == Fault::kStall) http_.Stall(std::chrono::seconds(3));
            return false;  // drops the connection mid-body
          }
          return true;
        });
  });
  if (!http_.Start()) return false;
  providers::net::WsServerOptions o;
  o.capture_headers = {"xi-api-key"};
  o.on_accept = [this](const std::shared_ptr<WsConnection>& c) -> std::optional<WsHandlers> {
    if (providers::net::FindHeader(c->request_headers(), "xi-api-key") != api_key_)
      return std::nullopt;
    if (!c->path().starts_with("/v1/text-to-speech/") || !c->path().ends_with("/stream-input")) {
      return std::nullopt;
    }
    auto format = providers::ParseElevenLabsOutputFormat(c->query_value("output_format"));
    if (!format.ok() || format->codec != providers::ElevenLabsCodec::kPcm) return std::nullopt;
    {
      // "/v1/text-to-speech/{voice_id}/stream-input"
      std::string voice(std::string_view(c->path()).substr(19));
      voice.resize(voice.size() - std::string_view("/stream-input").size());
      std::lock_guard lock(mu_);
      opened_.push_back({voice, std::string(c->query_value("language_code")),
                         std::string(c->query_value("model_id"))});
    }
    ++connections_;
    const int rate = format->sample_rate;
    auto text = std::make_shared<std::string>();
    std::weak_ptr<WsConnection> weak = c;
    WsHandlers h;
    h.on_text = [this, weak, text, rate](std::string_view json) {
      auto conn = weak.lock();
      auto msg = providers::ParseElevenLabsClientMessage(json);
      if (!conn || !msg.ok()) return;
      if (msg->type == ElevenLabsClientMessage::Type::kText) *text += msg->text;
      if (msg->type != ElevenLabsClientMessage::Type::kEnd) return;
      {
        std::lock_guard lock(mu_);
        generations_.push_back(*text);
      }
      const Fault fault = fault_.load();
      if (fault == Fault::kErrorMessage) {
        (void)conn->SendText(
            providers::ElevenLabsErrorJson("quota_exceeded", "out of credits", 1008));
        return;
      }
      if (fault == Fault::kMalformed) {
        (void)conn->SendText("{\"audio\": 12");
        return;
      }
      // 10 ms of audio per byte of text, one message per 8 bytes.
      const size_t per_char = static_cast<size_t>(rate) / 100;
      for (size_t at = 0; at < text->size(); at += 8) {
        std::vector<uint8_t> pcm;
        for (size_t k = at; k < std::min(text->size(), at + 8); ++k) {
          const int16_t code = static_cast<unsigned char>((*text)[k]);
          const bool audible = audible_.load();
          for (size_t s = 0; s < per_char; ++s) {
            const int16_t v = audible ? static_cast<int16_t>((s / 4 % 2 ? 40 : -40) * code) : code;
            pcm.push_back(static_cast<uint8_t>(v & 0xff));
            pcm.push_back(static_cast<uint8_t>(v >> 8));
          }
        }
        (void)conn->SendText(providers::ElevenLabsAudioJson(pcm));
        if (fault == Fault::kCloseMidStream || fault == Fault::kStall) {
          {
            std::lock_guard lock(mu_);
            fault_at_ = std::chrono::steady_clock::now();
          }
          if (fault == Fault::kCloseMidStream) conn->Close(1011, "internal error");
          return;
        }
      }
      (void)conn->SendText(providers::ElevenLabsFinalJson());
      conn->Close();
    };
    return h;
  };
  return ws_.Start(std::move(o));
}

}  // namespace voxdesk::fakes
