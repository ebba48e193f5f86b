// A loopback OpenAI Realtime WebSocket for tests. It checks the bearer
// key, answers session.update with session.updated, and once the client
// has appended half a second of audio it "hears" a scripted caller line
// and answers as the service does: speech started and stopped, the
// committed buffer, the caller's transcript, a response with audio deltas
// (10 ms of 24 kHz PCM per character of the scripted answer, each sample
// the character's code), the answer's transcript, an optional function
// call, and response.done. response.cancel ends the response as
// cancelled; response.create after a tool result answers "Done.". Faults:
// close after speech starts, a malformed frame, an error event.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "fakes/loopback_ws.h"

namespace voxdesk::fakes {

class FakeOpenAiRealtimeServer {
 public:
  enum class Fault { kNone, kCloseAfterSpeech, kMalformed, kErrorEvent };
  struct Seen {
    int session_updates = 0;
    std::string instructions;
    std::vector<std::string> tools;
    int64_t samples = 0;
    int cancels = 0;
    std::vector<std::pair<std::string, int64_t>> truncates;
    std::vector<std::pair<std::string, std::string>> tool_outputs;
    int responses = 0;
  };

  explicit FakeOpenAiRealtimeServer(std::string api_key);
  bool Start();
  std::string url() const { return ws_.url(); }

  void InjectFault(Fault f) { fault_ = f; }
  // When the last injected close happened, for failover timing.
  std::chrono::steady_clock::time_point last_fault_at() const {
    std::lock_guard lock(mu_);
    return fault_at_;
  }
  void Script(std::string caller_text, std::string agent_text, std::string tool_name = {},
              std::string tool_arguments = {});
  // A whole call, exchange by exchange. The first response.create that
  // follows no tool result speaks `greeting`. Each exchange is "heard" once
  // half a second of audio has been appended after the last response's audio
  // would have finished playing (at once after it started, with
  // `barge_in`); after a tool result, response.create speaks `after_tool`.
  struct Exchange {
    std::string caller;
    std::string agent = {};  // may be empty (the response is only a tool call)
    std::string tool_name = {};
    std::string tool_arguments = {};
    std::string after_tool = "Done.";
    bool barge_in = false;
  };
  void ScriptCall(std::string greeting, std::vector<Exchange> exchanges);
  Seen seen() const;

 private:
  const std::string api_key_;
  std::atomic<Fault> fault_{Fault::kNone};
  mutable std::mutex mu_;
  Seen seen_;
  std::chrono::steady_clock::time_point fault_at_{};  // guarded by mu_
  std::string greeting_ = "Hello.";
  std::vector<Exchange> exchanges_{
      {"I'd like to book a cleaning.", "Sure, when works for you?", "", "", "Done.", false}};
  LoopbackWs ws_;  // last: stops before the members its handlers use
};

}  // namespace voxdesk::fakes
