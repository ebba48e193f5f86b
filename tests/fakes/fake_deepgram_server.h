// A loopback Deepgram live-listen WebSocket for tests and benchmarks: checks
// the "Authorization: Token <key>" header, the path (/v1/listen) and the
// query (ParseDeepgramListenQuery), counts the audio it gets, and answers
// from a script: for every `ms_per_result` of audio, an interim Results
// half way (the first half of the line's words), then a final Results with
// the whole line and an UtteranceEnd at the end. Finalize and CloseStream
// flush a partial period as a final (from_finalize); CloseStream then sends
// Metadata and closes. Faults, at a given amount of audio: close the socket
// (with a code), stall (answer nothing more, keep the socket), a malformed
// frame, an Error message, a message of an unknown type (then carry on);
// a wrong key or query is refused at the handshake. Replies can be delayed.
// Scripted languages come back in the field the stream's mode asks for.
//
// Runs on its own event loop; handlers run there. Configuration and
// counters are thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "providers/deepgram_messages.h"
#include "providers/net/event_loop.h"

namespace voxdesk::fakes {

class FakeDeepgramServer {
 public:
  enum class Fault { kNone, kCloseMidStream, kStall, kMalformed, kErrorMessage, kUnknownType };

  struct Script {
    std::vector<std::string> lines;  // one per result period, in order; "" once used up
    int ms_per_result = 500;
    bool speech_final = false;             // mark the final Results speech_final as well
    std::chrono::milliseconds latency{0};  // before each reply
    // Instead of periods: each line answers one utterance found in the
    // audio by its energy (linear16): interims while it lasts (after 300 ms
    // of speech, then every 800 ms, half the words and then more), then a
    // final marked speech_final and an UtteranceEnd once `end_silence_ms`
    // of quiet follows at least 100 ms of speech. This is what lets a whole
    // call run against the fake ("cloud mode" locally). Faults apply to the
    // period mode only.
    bool by_utterance = false;
    int end_silence_ms = 400;
  };

  explicit FakeDeepgramServer(std::string api_key);
  ~FakeDeepgramServer();
  bool Start();
  std::string url() const { return "ws://127.0.0.1:" + std::to_string(port_); }

  void SetScript(Script script);
  // The language of each script line (BCP-47, same order; missing or "":
  // none). Sent as alternatives[0].languages (and per word) when the stream
  // asked for language=multi, as channel.detected_language when it asked
  // for detect_language=true, and not at all otherwise, as Deepgram does.
  void SetLanguages(std::vector<std::string> languages) {
    std::lock_guard lock(mu_);
    languages_ = std::move(languages);
  }
  // `after_ms` of audio on a connection, then `fault` (close code for
  // kCloseMidStream). Applies to connections opened afterwards too.
  void InjectFault(Fault fault, int after_ms = 0, int close_code = 1011);

  int connections() const { return connections_.load(); }
  int refused() const { return refused_.load(); }
  int64_t audio_bytes() const { return audio_bytes_.load(); }
  int keepalives() const { return keepalives_.load(); }
  int close_streams() const { return close_streams_.load(); }
  std::optional<providers::DeepgramListenOptions> last_options() const;
  // When the last fault was acted on, for failover timing.
  std::chrono::steady_clock::time_point last_fault_at() const;

  struct Conn;  // one connection's state (loop thread)

 private:
  void OnAudio(const std::shared_ptr<Conn>& c, std::string_view bytes);
  void OnUtteranceAudio(const std::shared_ptr<Conn>& c, std::string_view bytes);
  void OnControl(const std::shared_ptr<Conn>& c, std::string_view json);
  void Send(const std::shared_ptr<Conn>& c, std::string text, bool close_after = false);
  void SendFinal(const std::shared_ptr<Conn>& c, int64_t start_ms, int64_t end_ms,
                 bool from_finalize);
  std::string NextLine(std::string* language = nullptr);

  const std::string api_key_;
  std::atomic<int> connections_{0}, refused_{0}, keepalives_{0}, close_streams_{0};
  std::atomic<int64_t> audio_bytes_{0};
  mutable std::mutex mu_;
  Script script_;                                                 // guarded by mu_
  std::vector<std::string> languages_;                            // guarded by mu_
  size_t next_line_ = 0;                                          // guarded by mu_
  Fault fault_ = Fault::kNone;                                    // guarded by mu_
  int fault_after_ms_ = 0;                                        // guarded by mu_
  int close_code_ = 1011;                                         // guarded by mu_
  std::optional<providers::DeepgramListenOptions> last_options_;  // guarded by mu_
  std::chrono::steady_clock::time_point fault_at_{};              // guarded by mu_
  int port_ = 0;
  uint64_t server_id_ = 0;
  // Last: stopped (no handler runs any more) before the members above go.
  std::unique_ptr<providers::net::EventLoop> loop_;
};

}  // namespace voxdesk::fakes
