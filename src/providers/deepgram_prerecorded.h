// Deepgram pre-recorded transcription (POST /v1/listen with the audio as
// the body): a whole recording in, one final transcript per channel out.
// For what does not need a live stream: a voicemail or message the caller
// left, a recorded call for its summary. The recording is sent as a WAV
// file, so Deepgram reads its format from the container (encoding and
// sample_rate are then left out, as Deepgram asks for containerized audio).
//
// Failure handling is the network layer's: connect and response timeouts,
// retries with backoff for what Deepgram did not act on (429 with
// Retry-After, 503, a connection refused) and, since a transcription has no
// side effect, for any 5xx or timeout; a circuit breaker shared by the
// requests. Errors are kUnavailable (the service failed; try later) or
// kInvalidArgument (Deepgram refused the request: bad audio or options),
// with Deepgram's own words and never the key.
//
// Threading: Transcribe may be called from any thread; `done` runs on the
// event loop's thread. TranscribeAndWait blocks and must not run there.
// Ownership: the loop outlives this object; requests in flight when it is
// destroyed still call `done`.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "providers/deepgram_messages.h"
#include "providers/net/backoff.h"
#include "providers/net/circuit_breaker.h"

namespace voxdesk::providers {

namespace net {
class EventLoop;
}

struct DeepgramPrerecordedConfig {
  std::string base_url = "https://api.deepgram.com";
  std::string api_key;  // empty: DEEPGRAM_API_KEY
  std::string model = "nova-3";
  // BCP-47 or "multi". Not sent with detect_language: Deepgram then names
  // the language itself (DeepgramPrerecordedChannel::detected_language).
  std::string language = "en";
  bool detect_language = false;
  bool smart_format = true;
  bool punctuate = true;
  std::vector<std::string> keyterms;  // Nova-3 keyterm prompting
  std::chrono::milliseconds connect_timeout{5000};
  // Deepgram answers after it has transcribed the whole file.
  std::chrono::milliseconds response_timeout{120'000};
  net::BackoffPolicy retry{std::chrono::milliseconds(500), std::chrono::milliseconds(8000), 2};
  std::shared_ptr<net::CircuitBreaker> breaker;  // null: one of its own
};

// The query after "/v1/listen?" for a containerized recording.
std::string DeepgramPrerecordedQuery(const DeepgramPrerecordedConfig& config);

class DeepgramPrerecordedStt {
 public:
  // kConfig for a missing key or a base URL that is not http:// or https://.
  static Result<std::unique_ptr<DeepgramPrerecordedStt>> Create(net::EventLoop& loop,
                                                                DeepgramPrerecordedConfig config);

  using Done = std::function<void(Result<DeepgramPrerecorded>)>;
  // 16-bit mono PCM at `sample_rate` (8000..48000). kInvalidArgument at
  // once (through `done`) for empty audio or a rate out of range.
  void Transcribe(std::span<const int16_t> pcm, int sample_rate, Done done);
  Result<DeepgramPrerecorded> TranscribeAndWait(std::span<const int16_t> pcm, int sample_rate);

 private:
  DeepgramPrerecordedStt(net::EventLoop& loop, DeepgramPrerecordedConfig config)
      : loop_(loop), config_(std::move(config)) {}
  net::EventLoop& loop_;
  DeepgramPrerecordedConfig config_;
};

}  // namespace voxdesk::providers
