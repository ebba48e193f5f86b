#include "providers/failover_stt.h"

#include <algorithm>
#include <cmath>

namespace voxdesk::providers {

namespace {

using Clock = std::chrono::steady_clock;

class FailoverStream final : public SttStream, public SttSink {
 public:
  FailoverStream(FailoverStt& owner, int rate, std::string_view lang, SttSink& sink)
      : owner_(owner),
        rate_(rate),
        lang_(lang),
        sink_(sink),
        ring_(std::max<size_t>(1, static_cast<size_t>(owner.config().replay.count()) *
                                      static_cast<size_t>(rate) / 1000)) {}

  Status OpenAt(size_t index) {
    for (; index < owner_.chain().size(); ++index) {
      auto s = owner_.chain()[index].second->Open(rate_, lang_, *this);
      if (s.ok()) {
        active_ = std::move(*s);
        index_ = index;
        return Status::Ok();
      }
      if (s.status().code() != Code::kUnavailable) return s.status();
    }
    return Unavailable("every speech recogniser failed");
  }

  Status Push(std::span<const int16_t> pcm) override {
    Remember(pcm);
    double sum = 0;
    for (int16_t s : pcm) sum += static_cast<double>(s) * s;
    const bool speech = !pcm.empty() && std::sqrt(sum / static_cast<double>(pcm.size())) >
                                            owner_.config().speech_rms;
    if (speech && !unanswered_since_) {
      unanswered_since_ = pos_ - static_cast<int64_t>(pcm.size());
      first_unanswered_at_ = Clock::now();
    }
    return Guard([&] { return active_->Push(pcm); });
  }

  void SetHint(const RecognitionHint& hint) override {
    hint_ = hint;
    (void)Guard([&] {
      active_->SetHint(hint);
      return Status::Ok();
    });
  }

  void SetLanguage(std::string_view lang) override {
    lang_ = lang;
    (void)Guard([&] {
      active_->SetLanguage(lang);
      return Status::Ok();
    });
  }

  Status Finish() override {
    finished_ = true;
    return Guard([&] { return active_->Finish(); });
  }

  // From the active engine, on this thread, inside one of the calls above.
  void OnTranscript(const Transcript& t) override {
    unanswered_since_.reset();
    if (offset_ms() == 0) return sink_.OnTranscript(t);
    Transcript shifted = t;
    shifted.start_ms += offset_ms();
    shifted.end_ms += offset_ms();
    for (WordTiming& w : shifted.words) {
      w.start_ms += offset_ms();
      w.end_ms += offset_ms();
    }
    sink_.OnTranscript(shifted);
  }

  void OnEndOfUtterance(int64_t at_ms) override {
    unanswered_since_.reset();
    // The utterance is recognised: a later switch need not replay it.
    const int64_t end = offset_ + at_ms * rate_ / 1000;
    const int64_t oldest = pos_ - static_cast<int64_t>(count_);
    if (end > oldest) count_ -= static_cast<size_t>(std::min<int64_t>(end, pos_) - oldest);
    sink_.OnEndOfUtterance(at_ms + offset_ms());
  }

  void OnError(const Status& st) override {
    if (st.code() == Code::kUnavailable && index_ + 1 < owner_.chain().size()) {
      if (failed_.ok()) {
        failed_ = st;  // switched after the engine's call returns
        fault_at_ = Clock::now();
      }
      return;
    }
    sink_.OnError(st);
  }

 private:
  int64_t offset_ms() const { return offset_ * 1000 / rate_; }

  void Remember(std::span<const int16_t> pcm) {
    // Only the newest ring_.size() samples can be kept.
    if (pcm.size() > ring_.size()) pcm = pcm.subspan(pcm.size() - ring_.size());
    for (int16_t s : pcm) {
      ring_[head_] = s;
      head_ = (head_ + 1) % ring_.size();
    }
    pos_ += static_cast<int64_t>(pcm.size());
    count_ = std::min(ring_.size(), count_ + pcm.size());
  }

  std::vector<int16_t> Replay() const {
    std::vector<int16_t> out(count_);
    size_t at = (head_ + ring_.size() - count_) % ring_.size();
    for (size_t i = 0; i < count_; ++i) {
      out[i] = ring_[at];
      at = (at + 1) % ring_.size();
    }
    return out;
  }

  void CheckStall() {
    const auto limit = owner_.config().no_result_timeout;
    if (!failed_.ok() || !unanswered_since_ || limit.count() <= 0) return;
    if (index_ + 1 >= owner_.chain().size()) return;  // nothing to move to
    // Measured in audio, which arrives in real time on a live line: the same
    // call in virtual time switches at the same point of the conversation.
    const int64_t waited_ms = (pos_ - *unanswered_since_) * 1000 / rate_;
    if (waited_ms < limit.count()) return;
    failed_ = Unavailable("no transcript for " + std::to_string(waited_ms) +
                          " ms of audio after the caller started speaking");
    fault_at_ = first_unanswered_at_;
  }

  // Runs a call on the active engine, then moves to the next engine if it
  // failed or stalled, replaying the audio kept.
  template <typename Fn>
  Status Guard(Fn fn) {
    if (!active_) return Unavailable("no speech recogniser left");
    Status st = fn();
    if (st.code() == Code::kUnavailable && index_ + 1 < owner_.chain().size() && failed_.ok()) {
      failed_ = st;
      fault_at_ = Clock::now();
    }
    CheckStall();
    while (!failed_.ok()) {
      const Status why = std::exchange(failed_, Status::Ok());
      SttSwitch record;
      record.from = owner_.chain()[index_].first;
      record.why = why.message();
      record.fault_at = fault_at_;
      active_.reset();  // closes its connection without calling back
      if (Status open = OpenAt(index_ + 1); !open.ok()) {
        sink_.OnError(why);
        return why;
      }
      record.to = owner_.chain()[index_].first;
      record.switched_at = Clock::now();
      owner_.RecordSwitch(std::move(record));
      unanswered_since_.reset();
      offset_ = pos_ - static_cast<int64_t>(count_);
      active_->SetLanguage(lang_);
      if (hint_) active_->SetHint(*hint_);
      st = Status::Ok();
      const std::vector<int16_t> audio = Replay();
      const size_t frame = static_cast<size_t>(rate_) / 50;  // 20 ms, as a session pushes
      for (size_t at = 0; at < audio.size() && st.ok() && failed_.ok(); at += frame) {
        st = active_->Push(std::span(audio).subspan(at, std::min(frame, audio.size() - at)));
      }
      if (st.ok() && failed_.ok() && finished_) st = active_->Finish();
      if (st.code() == Code::kUnavailable && index_ + 1 < owner_.chain().size() && failed_.ok()) {
        failed_ = st;
        fault_at_ = Clock::now();
      }
    }
    return st;
  }

  FailoverStt& owner_;
  const int rate_;
  std::string lang_;  // BCP-47, for the next engine in the chain
  SttSink& sink_;
  std::unique_ptr<SttStream> active_;
  size_t index_ = 0;
  std::optional<RecognitionHint> hint_;
  bool finished_ = false;
  Status failed_;
  Clock::time_point fault_at_{};
  // The sample where the caller started speaking with nothing recognised
  // since, and when that frame arrived (for the switch record).
  std::optional<int64_t> unanswered_since_;
  Clock::time_point first_unanswered_at_;

  // The newest audio, for the next engine: ring_[head_] is the oldest slot.
  std::vector<int16_t> ring_;
  size_t head_ = 0;
  size_t count_ = 0;
  int64_t pos_ = 0;     // samples pushed since the stream opened
  int64_t offset_ = 0;  // where the active engine's time 0 falls in them
};

}  // namespace

std::string FailoverStt::last_failure() const {
  std::lock_guard lock(mu_);
  return last_switch_ ? last_switch_->from + ": " + last_switch_->why : std::string();
}

std::optional<SttSwitch> FailoverStt::last_switch() const {
  std::lock_guard lock(mu_);
  return last_switch_;
}

void FailoverStt::RecordSwitch(SttSwitch s) {
  ++switches_;
  std::lock_guard lock(mu_);
  last_switch_ = std::move(s);
}

Result<std::unique_ptr<SttStream>> FailoverStt::Open(int sample_rate, std::string_view language,
                                                     SttSink& sink) {
  if (chain_.empty()) return InvalidArgument("a failover chain needs at least one recogniser");
  if (sample_rate <= 0) return InvalidArgument("sample rate must be positive");
  auto stream = std::make_unique<FailoverStream>(*this, sample_rate, language, sink);
  VOXDESK_RETURN_IF_ERROR(stream->OpenAt(0));
  return std::unique_ptr<SttStream>(std::move(stream));
}

}  // namespace voxdesk::providers
