// Speech recognition that survives its provider: an ordered chain of
// engines (Deepgram, then the embedded pocketsphinx) behind one Stt. A
// stream listens with the first engine until that engine reports
// kUnavailable (a dropped socket, an error frame, a refused key), or gives
// no transcript at all for `no_result_timeout` after the caller started
// speaking (a service that went silent). It then opens the next engine for
// the rest of the call and replays the last `replay` of audio into it, so
// the utterance in progress is recognised rather than lost. The sink never
// sees the failed engine's error, only the switch counters here; other
// errors, and the last engine's failure, are passed on.
//
// Timestamps reach the sink on one timeline, from the start of the call,
// whichever engine produced them.
//
// Threading: as the engines'. A stream is used by one thread; the switch
// happens on that thread, after the failed engine's call has returned. The
// engines are borrowed and outlive this. The counters may be read from any
// thread.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "providers/speech.h"

namespace voxdesk::providers {

struct FailoverSttConfig {
  // Speech (frames whose RMS is over `speech_rms`) with no transcript from
  // the engine for this much audio (time on the line, not the wall clock,
  // so virtual-time calls behave as live ones): the engine is taken as
  // stalled. 0: never.
  std::chrono::milliseconds no_result_timeout{3000};
  double speech_rms = 500;  // 16-bit sample units; room noise is well below
  // Audio kept to replay into the next engine (the utterance in progress).
  std::chrono::milliseconds replay{4000};
};

// One move to a later engine.
struct SttSwitch {
  std::string from, to;
  std::string why;
  // When the fault was seen: the failed engine's error reaching the stream,
  // or the first unanswered speech frame of a stall.
  std::chrono::steady_clock::time_point fault_at;
  std::chrono::steady_clock::time_point switched_at;  // the next engine is open
};

class FailoverStt final : public Stt {
 public:
  // `chain`: (name, engine) in order of preference; at least one.
  explicit FailoverStt(std::vector<std::pair<std::string, Stt*>> chain,
                       FailoverSttConfig config = {})
      : chain_(std::move(chain)), config_(config) {}
  Result<std::unique_ptr<SttStream>> Open(int sample_rate, std::string_view language,
                                          SttSink& sink) override;

  // Streams moved to a later engine, over the life of this object.
  int switches() const { return switches_.load(); }
  // "<engine>: <why>" of the latest failure that caused a switch.
  std::string last_failure() const;
  std::optional<SttSwitch> last_switch() const;

  const std::vector<std::pair<std::string, Stt*>>& chain() const { return chain_; }
  const FailoverSttConfig& config() const { return config_; }
  void RecordSwitch(SttSwitch s);

 private:
  std::vector<std::pair<std::string, Stt*>> chain_;
  FailoverSttConfig config_;
  std::atomic<int> switches_{0};
  mutable std::mutex mu_;
  std::optional<SttSwitch> last_switch_;  // guarded by mu_
};

}  // namespace voxdesk::providers
