// Speech engine fakes for session tests and benchmarks: engines that answer
// instantly, so a test measures the session and not a recogniser, and 300
// calls fit in a test run. They speak the real Stt/Tts interfaces.
//
// FakeTts turns text into a repeatable speech-like signal (bursts of noise
// shaped as syllables, 60 ms per letter-ish unit) that a VAD takes for speech.
// ScriptedStt "recognises" by energy: when an utterance ends it reports the
// words the simulated caller said it was saying (a TranscriptChannel), after
// `end_silence_ms` of silence, like a real endpointer.
//
// Thread safety: an engine may be shared; a stream and its channel are used
// by one thread (the worker that owns the call).
#pragma once

#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "providers/speech.h"

namespace voxdesk::fakes {

class FakeTts final : public providers::Tts {
 public:
  explicit FakeTts(int ms_per_char = 55) : ms_per_char_(ms_per_char) {}
  Result<std::unique_ptr<providers::TtsStream>> Open(int sample_rate, std::string_view language,
                                                     providers::TtsSink& sink) override;
  // The language of each stream opened, in order (for tests).
  std::vector<std::string> opened_languages() const {
    std::lock_guard lock(mu_);
    return opened_;
  }
  // The audio FakeTts makes for `text`: its length is what tests can check.
  static std::vector<int16_t> Render(std::string_view text, int sample_rate, int ms_per_char);

 private:
  int ms_per_char_;
  mutable std::mutex mu_;
  std::vector<std::string> opened_;
};

// What the caller is saying, in order; the recogniser takes one per utterance.
struct TranscriptChannel {
  std::deque<std::string> lines;
  // The language the recogniser reports with each line, in order (BCP-47;
  // none left or "": the transcript carries no language).
  std::deque<std::string> languages;
};

class ScriptedStt final : public providers::Stt {
 public:
  explicit ScriptedStt(int end_silence_ms = 300) : end_silence_ms_(end_silence_ms) {}
  // The next Open() reads this channel (sessions are started one by one).
  void Expect(std::shared_ptr<TranscriptChannel> channel) { next_.push_back(std::move(channel)); }
  Result<std::unique_ptr<providers::SttStream>> Open(int sample_rate, std::string_view language,
                                                     providers::SttSink& sink) override;
  // Hints the streams were given, in order (for tests).
  std::vector<providers::RecognitionHint> hints() const {
    std::lock_guard lock(mu_);
    return hints_;
  }
  void AddHint(const providers::RecognitionHint& h) {
    std::lock_guard lock(mu_);
    hints_.push_back(h);
  }
  // Languages the streams were opened with or switched to, in order, each
  // one only when it differs from the last (for tests).
  std::vector<std::string> languages() const {
    std::lock_guard lock(mu_);
    return languages_;
  }
  void AddLanguage(std::string_view language) {
    std::lock_guard lock(mu_);
    if (languages_.empty() || languages_.back() != language) languages_.emplace_back(language);
  }

 private:
  int end_silence_ms_;
  std::deque<std::shared_ptr<TranscriptChannel>> next_;
  mutable std::mutex mu_;
  std::vector<providers::RecognitionHint> hints_;
  std::vector<std::string> languages_;
};

}  // namespace voxdesk::fakes
