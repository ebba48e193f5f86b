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
  std::string base_url = "wss://api.elevenlabs.io";
  std::string api_key;  // empty: ELEVENLABS_API_KEY
  std::string voice_id;
  std::string model_id = "eleven_flash_v2_5";
  std::optional<ElevenLabsVoiceSettings> voice_settings;
  std::chrono::milliseconds connect_timeout{5000};
  // From Flush to the generation's end (isFinal); a service that stalls
  // longer is reported as kUnavailable.
  std::chrono::milliseconds generation_timeout{8000};
};

class ElevenLabsTts final : public Tts {
 public:
  // kConfig for a missing key or voice.
  static Result<std::unique_ptr<ElevenLabsTts>> Create(net::EventLoop& loop,
                                                       ElevenLabsConfig config);
  Result<std::unique_ptr<TtsStream>> Open(int sample_rate, dialog::Lang lang,
                                          TtsSink& sink) override;

 private:
  ElevenLabsTts(net::EventLoop& loop, ElevenLabsConfig config)
      : loop_(loop), config_(std::move(config)) {}
  net::EventLoop& loop_;
  ElevenLabsConfig config_;
};

}  // namespace voxdesk::providers
