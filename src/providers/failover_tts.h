// Speech synthesis that survives its provider: an ordered chain of engines
// (ElevenLabs, then the embedded espeak-ng) behind one Tts. A stream speaks
// with the first engine until that engine reports kUnavailable (a dropped
// socket, a stall, a refused key); it then opens the next engine for the
// rest of the call and speaks the interrupted utterance again with it, so
// the caller hears the sentence rather than silence (possibly its start
// twice). The sink never sees the failed engine's error; other errors
// (a bad request) are passed on.
//
// Threading: as the engines'. A stream is used by one thread; the switch
// happens on that thread, after the failed engine's call has returned.
// The engines are borrowed and outlive this.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "providers/speech.h"

namespace voxdesk::providers {

class FailoverTts final : public Tts {
 public:
  // `chain`: (name, engine) in order of preference; at least one.
  explicit FailoverTts(std::vector<std::pair<std::string, Tts*>> chain)
      : chain_(std::move(chain)) {}
  Result<std::unique_ptr<TtsStream>> Open(int sample_rate, std::string_view language,
                                          TtsSink& sink) override;

  // Streams moved to a later engine, over the life of this object.
  int switches() const { return switches_.load(); }
  // "<engine>: <why>" of the latest failure that caused a switch.
  std::string last_failure() const {
    std::lock_guard lock(mu_);
    return last_failure_;
  }
  const std::vector<std::pair<std::string, Tts*>>& chain() const { return chain_; }
  void CountSwitch() { ++switches_; }
  void RecordFailure(std::string why) {
    std::lock_guard lock(mu_);
    last_failure_ = std::move(why);
  }

 private:
  std::vector<std::pair<std::string, Tts*>> chain_;
  std::atomic<int> switches_{0};
  mutable std::mutex mu_;
  std::string last_failure_;  // guarded by mu_
};

}  // namespace voxdesk::providers
