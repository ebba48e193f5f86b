// Deepgram live speech-to-text over its /v1/listen WebSocket, on the network
// event loop. A stream is one WebSocket: Open() starts connecting and
// returns at once; audio pushed before the socket is up is kept (bounded:
// the oldest goes first) and sent when it opens. Audio travels as linear16
// (little-endian 16-bit PCM) at the stream's rate, so nothing is converted
// but the byte order. While no audio flows, a KeepAlive text frame goes out
// every `keepalive_interval` so Deepgram does not close the stream.
//
// Results map onto the speech interface: interim Results are partial
// transcripts, is_final ones final; speech_final, or an UtteranceEnd for an
// utterance that had none, is one OnEndOfUtterance. A refused key, an Error
// message, a malformed frame, a socket that closes before Finish, or no
// message at all for `response_timeout` while audio is being sent is one
// OnError with kUnavailable; the stream is then dead and drops later audio.
// Unknown message types are counted and skipped.
//
// Threading: like every SttStream, a stream is used by one thread (the
// session's worker). Network events are queued on the loop thread and
// delivered to the sink on the worker, inside its next Push, SetHint,
// SetLanguage or Finish, as the embedded engines do. Destroying a stream
// closes its socket and never touches the sink again. The API key (config
// or DEEPGRAM_API_KEY) travels only in the Authorization header; it is
// never put in a Status message.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "providers/speech.h"

namespace voxdesk::providers {

namespace net {
class EventLoop;
}

struct DeepgramConfig {
  std::string base_url = "wss://api.deepgram.com";
  std::string api_key;  // empty: DEEPGRAM_API_KEY
  std::string model = "nova-3";
  // BCP-47; empty: the language the stream is opened with ("en", "es").
  // "multi" asks for the Nova-2/3 multilingual (code-switching) model: each
  // result then names the language heard (Transcript::language), so a call
  // can follow a caller who changes language.
  std::string language;
  // detect_language=true: Deepgram names the dominant language of the audio
  // (channel.detected_language) and transcribes in it. Streaming supports it
  // on Nova models only; Deepgram recommends "multi" for live code-switching.
  bool detect_language = false;
  bool interim_results = true;
  std::optional<int> endpointing_ms = 300;     // nullopt: endpointing=false
  std::optional<int> utterance_end_ms = 1000;  // nullopt: no UtteranceEnd
  bool smart_format = true;
  // Nova-3 keyterm prompting. Deepgram reads them only when the stream
  // opens, so they are fixed per Stt rather than per turn (see SetHint).
  std::vector<std::string> keyterms;
  std::chrono::milliseconds keepalive_interval{4000};
  std::chrono::milliseconds connect_timeout{5000};
  // Audio sent with no message back for this long is a dead service
  // (Deepgram answers every second or so while audio flows). 0: never.
  std::chrono::milliseconds response_timeout{5000};
  // Audio kept while the socket is still opening.
  std::chrono::milliseconds max_buffered_audio{5000};
  // How long Finish waits for the last results after CloseStream.
  std::chrono::milliseconds finish_timeout{1000};
};

class DeepgramStt final : public Stt {
 public:
  // kConfig for a missing key or a base URL that is not ws:// or wss://.
  static Result<std::unique_ptr<DeepgramStt>> Create(net::EventLoop& loop, DeepgramConfig config);
  Result<std::unique_ptr<SttStream>> Open(int sample_rate, std::string_view language,
                                          SttSink& sink) override;

 private:
  DeepgramStt(net::EventLoop& loop, DeepgramConfig config)
      : loop_(loop), config_(std::move(config)) {}
  net::EventLoop& loop_;
  DeepgramConfig config_;
};

}  // namespace voxdesk::providers
