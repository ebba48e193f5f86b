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

bool FakeElevenLabsServer::Start() {
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
