#include "fakes/fake_speech.h"

#include <cmath>

namespace voxdesk::fakes {
namespace {

class FakeTtsStream final : public providers::TtsStream {
 public:
  FakeTtsStream(int rate, int ms_per_char, providers::TtsSink& sink)
      : rate_(rate), ms_per_char_(ms_per_char), sink_(sink) {}
  Status PushText(std::string_view text) override {
    if (cancelled_) return Status(Code::kConflict, "stream cancelled");
    text_ += text;
    return Status::Ok();
  }
  Status Flush() override {
    if (cancelled_) return Status(Code::kConflict, "stream cancelled");
    providers::AudioChunk c;
    c.sample_rate = rate_;
    c.pcm = FakeTts::Render(text_, rate_, ms_per_char_);
    c.last = true;
    text_.clear();
    sink_.OnAudio(c);
    return Status::Ok();
  }
  void Cancel() override { cancelled_ = true; }

 private:
  int rate_;
  int ms_per_char_;
  providers::TtsSink& sink_;
  std::string text_;
  bool cancelled_ = false;
};

class ScriptedStream final : public providers::SttStream {
 public:
  ScriptedStream(int rate, int end_silence_ms, std::shared_ptr<TranscriptChannel> channel,
                 providers::SttSink& sink, ScriptedStt& owner)
      : rate_(rate),
        end_silence_samples_(static_cast<int64_t>(end_silence_ms) * rate / 1000),
        channel_(std::move(channel)),
        sink_(sink),
        owner_(owner) {}

  Status Push(std::span<const int16_t> pcm) override {
    double sum = 0;
    for (int16_t s : pcm) sum += static_cast<double>(s) * s;
    const bool loud = !pcm.empty() && std::sqrt(sum / static_cast<double>(pcm.size())) > 300;
    pos_ += static_cast<int64_t>(pcm.size());
    if (loud) {
      if (!in_speech_) start_ = pos_ - static_cast<int64_t>(pcm.size());
      in_speech_ = true;
      last_loud_ = pos_;
    } else if (in_speech_ && pos_ - last_loud_ >= end_silence_samples_) {
      in_speech_ = false;
      providers::Transcript t;
      t.is_final = true;
      t.confidence = 0.95;
      t.start_ms = start_ * 1000 / rate_;
      t.end_ms = last_loud_ * 1000 / rate_;
      if (channel_ && !channel_->lines.empty()) {
        t.text = channel_->lines.front();
        channel_->lines.pop_front();
        if (!channel_->languages.empty()) {
          t.language = channel_->languages.front();
          channel_->languages.pop_front();
        }
      }
      sink_.OnTranscript(t);
      sink_.OnEndOfUtterance(pos_ * 1000 / rate_);
    }
    return Status::Ok();
  }
  void SetHint(const providers::RecognitionHint& hint) override { owner_.AddHint(hint); }
  void SetLanguage(std::string_view language) override { owner_.AddLanguage(language); }
  Status Finish() override { return Status::Ok(); }

 private:
  int rate_;
  int64_t end_silence_samples_;
  std::shared_ptr<TranscriptChannel> channel_;
  providers::SttSink& sink_;
  ScriptedStt& owner_;
  int64_t pos_ = 0, start_ = 0, last_loud_ = 0;
  bool in_speech_ = false;
};

}  // namespace

std::vector<int16_t> FakeTts::Render(std::string_view text, int rate, int ms_per_char) {
  size_t units = 0;
  for (char c : text) units += c != ' ';
  const size_t n = units * static_cast<size_t>(ms_per_char) * static_cast<size_t>(rate) / 1000;
  std::vector<int16_t> pcm(n);
  // Syllable-shaped noise bursts: 160 ms on, 40 ms quieter, from a small LCG
  // so every run makes the same audio.
  uint32_t x = 12345;
  const size_t syllable = static_cast<size_t>(rate) / 5;
  for (size_t i = 0; i < n; ++i) {
    x = x * 1664525u + 1013904223u;
    const double noise = static_cast<double>(static_cast<int32_t>(x >> 16) - 32768) / 32768.0;
    const double env = (i % syllable) < syllable * 4 / 5 ? 6000.0 : 1500.0;
    pcm[i] = static_cast<int16_t>(noise * env);
  }
  return pcm;
}

Result<std::unique_ptr<providers::TtsStream>> FakeTts::Open(int sample_rate,
                                                            std::string_view language,
                                                            providers::TtsSink& sink) {
  {
    std::lock_guard lock(mu_);
    opened_.emplace_back(language);
  }
  return std::unique_ptr<providers::TtsStream>(new FakeTtsStream(sample_rate, ms_per_char_, sink));
}

Result<std::unique_ptr<providers::SttStream>> ScriptedStt::Open(int sample_rate,
                                                                std::string_view language,
                                                                providers::SttSink& sink) {
  AddLanguage(language);
  std::shared_ptr<TranscriptChannel> channel;
  if (!next_.empty()) {
    channel = std::move(next_.front());
    next_.pop_front();
  }
  return std::unique_ptr<providers::SttStream>(
      new ScriptedStream(sample_rate, end_silence_ms_, std::move(channel), sink, *this));
}

}  // namespace voxdesk::fakes
