// A loopback ElevenLabs stream-input WebSocket for tests: checks the
// xi-api-key header and the output format, reads the client's messages
// with the codec, and at the end of each generation speaks 10 ms of PCM
// per character of the text it got (each sample equal to the character's
// code, so a test can tell which text became which audio), then isFinal,
// then closes. Faults: close or stall after the first audio message, an
// error message, a malformed frame. Runs on its own event loop.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "fakes/loopback_http.h"
#include "fakes/loopback_ws.h"

namespace voxdesk::fakes {

class FakeElevenLabsServer {
 public:
  enum class Fault { kNone, kCloseMidStream, kStall, kErrorMessage, kMalformed };

  explicit FakeElevenLabsServer(std::string api_key);
  bool Start();
  std::string url() const { return ws_.url(); }
  // The HTTP streaming endpoint (POST /v1/text-to-speech/{voice}/stream),
  // served beside the WebSocket with the same script and faults: the reply
  // is the same PCM as a chunked body; kCloseMidStream and kStall act after
  // its first piece, kErrorMessage answers 500 with ElevenLabs' error body.
  std::string http_url() const { return "http://127.0.0.1:" + std::to_string(http_.port()); }

  void InjectFault(Fault f) { fault_ = f; }
  // Audible speech for whole calls against the fake: each character's 10 ms
  // is a square wave at its code times 40 in amplitude, so that a listener
  // (a simulated caller) hears the agent talking and waits for the end.
  void SetAudible(bool on) { audible_ = on; }
  int connections() const { return connections_.load(); }
  // When the last injected fault happened (close or stall), for failover timing.
  std::chrono::steady_clock::time_point last_fault_at() const {
    std::lock_guard lock(mu_);
    return fault_at_;
  }
  std::vector<std::string> generations() const;  // the text of each finished generation
  // Each accepted stream's voice and language_code ("" when not sent), in order.
  struct Opened {
    std::string voice_id, language_code, model_id;
  };
  std::vector<Opened> opened() const;

 private:
  const std::string api_key_;
  std::atomic<Fault> fault_{Fault::kNone};
  std::atomic<int> connections_{0};
  std::atomic<bool> audible_{false};
  mutable std::mutex mu_;
  std::vector<std::string> generations_;
  std::vector<Opened> opened_;                        // guarded by mu_
  std::chrono::steady_clock::time_point fault_at_{};  // guarded by mu_
  LoopbackHttp http_;
  LoopbackWs ws_;  // last: stops before the members its handlers use
};

}  // namespace voxdesk::fakes
