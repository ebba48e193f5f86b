// A loopback ElevenLabs stream-input WebSocket for tests: checks the
// xi-api-key header and the output format, reads the client's messages
// with the codec, and at the end of each generation speaks 10 ms of PCM
// per character of the text it got (each sample equal to the character's
// code, so a test can tell which text became which audio), then isFinal,
// then closes. Faults: close or stall after the first audio message, an
// error message, a malformed frame. Runs on its own event loop.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "providers/net/event_loop.h"

namespace voxdesk::fakes {

class FakeElevenLabsServer {
 public:
  enum class Fault { kNone, kCloseMidStream, kStall, kErrorMessage, kMalformed };

  explicit FakeElevenLabsServer(std::string api_key);
  ~FakeElevenLabsServer();
  bool Start();
  std::string url() const { return "ws://127.0.0.1:" + std::to_string(port_); }

  void InjectFault(Fault f) { fault_ = f; }
  int connections() const { return connections_.load(); }
  std::vector<std::string> generations() const;  // the text of each finished generation

 private:
  const std::string api_key_;
  std::unique_ptr<providers::net::EventLoop> loop_;
  uint64_t server_id_ = 0;
  int port_ = 0;
  std::atomic<Fault> fault_{Fault::kNone};
  std::atomic<int> connections_{0};
  mutable std::mutex mu_;
  std::vector<std::string> generations_;
};

}  // namespace voxdesk::fakes
