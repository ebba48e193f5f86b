// ElevenLabs text-to-speech over its stream-input WebSocket, on the network
// event loop. Text goes in as the dialog writes it; each Flush ends one
// generation ({"text":""}), after which the service sends the rest of the
// audio, isFinal, and closes. The next text opens a new connection, which
// is started as soon as the previous generation is flushed so the TLS
// handshake is out of the way before the next sentence.
//
// Audio is asked for as pcm_<rate> at the stream's rate (8, 16, 22.05, 24,
// 32, 44.1 or 48 kHz), so no resampling happens here.
//
// Threading: like every TtsStream, a stream is used by one thread (the
// session's worker). Network events are queued; OnAudio and OnError run
// on that thread inside PushText, Flush and Poll. After Cancel nothing more
// is delivered. The API key (config or ELEVENLABS_API_KEY) travels in the
// xi-api-key header and never appears in a Status message.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "providers/elevenlabs_messages.h"
#include "providers/speech.h"

namespace voxdesk::providers {

namespace net {
class EventLoop;
}

struct ElevenLabsConfig {
  // kWebSocket: stream-input, text sent as it comes, one connection per
  // generation. kHttp: one streamed POST per flushed reply
  // (/v1/text-to-speech/{voice}/stream), for networks that block
  // WebSockets; the base URL's ws(s):// is then taken as http(s)://.
  enum class Transport { kWebSocket, kHttp } transport = Transport::kWebSocket;
  std::string base_url = "wss://api.elevenlabs.io";
  std::string api_key;   // empty: ELEVENLABS_API_KEY
  std::string voice_id;  // the default voice, for languages not in voice_by_language
  // A voice per language, keyed by BCP-47 tag ("pt-BR") or primary subtag
  // ("pt"); the full tag wins. A voice speaks any language the model has,
  // so this is for accent and gender, not for coverage.
  std::map<std::string, std::string> voice_by_language;
  // The multilingual models (eleven_flash_v2_5, eleven_turbo_v2_5,
  // eleven_multilingual_v2, eleven_v3) speak the language of the text;
  // the stream's language is sent as language_code only to the models that
  // take it (ElevenLabsModelTakesLanguageCode).
  std::string model_id = "eleven_flash_v2_5";
  std::optional<ElevenLabsVoiceSettings> voice_settings;
  std::chrono::milliseconds connect_timeout{5000};
  // From Flush to the generation's end (isFinal); a service that stalls
  // longer is reported as kUnavailable.
  std::chrono::milliseconds generation_timeout{8000};
};

// Whether a model accepts language_code (language enforcement): ElevenLabs
// documents it for the v2.5 Turbo and Flash models only.
bool ElevenLabsModelTakesLanguageCode(std::string_view model_id);

// The voice for a BCP-47 tag: the tag's entry, else its primary subtag's,
// else config.voice_id.
const std::string& ElevenLabsVoiceFor(const ElevenLabsConfig& config, std::string_view language);

class ElevenLabsTts final : public Tts {
 public:
  // kConfig for a missing key or voice.
  static Result<std::unique_ptr<ElevenLabsTts>> Create(net::EventLoop& loop,
                                                       ElevenLabsConfig config);
  Result<std::unique_ptr<TtsStream>> Open(int sample_rate, std::string_view language,
                                          TtsSink& sink) override;

 private:
  ElevenLabsTts(net::EventLoop& loop, ElevenLabsConfig config)
      : loop_(loop), config_(std::move(config)) {}
  net::EventLoop& loop_;
  ElevenLabsConfig config_;
};

}  // namespace voxdesk::providers
