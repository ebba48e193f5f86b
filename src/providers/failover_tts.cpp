#include "providers/failover_tts.h"

namespace voxdesk::providers {

namespace {

class FailoverStream final : public TtsStream, public TtsSink {
 public:
  FailoverStream(FailoverTts& owner, int rate, std::string_view lang, TtsSink& sink)
      : owner_(owner), rate_(rate), lang_(lang), sink_(sink) {}

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
    return Unavailable("every speech engine failed");
  }

  Status PushText(std::string_view text) override {
    utterance_.append(text);
    return Guard([&] { return active_->PushText(text); });
  }
  Status Flush() override {
    flushed_ = true;
    return Guard([&] { return active_->Flush(); });
  }
  void Cancel() override {
    utterance_.clear();
    flushed_ = false;
    if (active_) active_->Cancel();
  }
  void Poll() override {
    (void)Guard([&] {
      active_->Poll();
      return Status::Ok();
    });
  }

  // From the active engine.
  void OnAudio(const AudioChunk& chunk) override {
    if (chunk.last) {
      utterance_.clear();
      flushed_ = false;
    }
    sink_.OnAudio(chunk);
  }
  void OnError(const Status& st) override {
    if (st.code() == Code::kUnavailable && index_ + 1 < owner_.chain().size()) {
      failed_ = st;  // switched after the engine's call returns
      return;
    }
    sink_.OnError(st);
  }

 private:
  // Runs a call on the active engine, then moves to the next engine if it
  // failed, replaying the utterance in progress.
  template <typename Fn>
  Status Guard(Fn fn) {
    if (!active_) return Unavailable("no speech engine left");
    Status st = fn();
    if (st.code() == Code::kUnavailable && failed_.ok()) failed_ = st;
    while (!failed_.ok()) {
      const Status why = std::exchange(failed_, Status::Ok());
      owner_.RecordFailure(owner_.chain()[index_].first + ": " + why.message());
      active_->Cancel();
      active_.reset();
      if (Status open = OpenAt(index_ + 1); !open.ok()) {
        sink_.OnError(why);
        return why;
      }
      owner_.CountSwitch();
      if (!utterance_.empty()) {
        st = active_->PushText(utterance_);
        if (st.ok() && flushed_) st = active_->Flush();
        if (st.code() == Code::kUnavailable && failed_.ok()) failed_ = st;
      } else {
        st = Status::Ok();
      }
    }
    return st;
  }

  FailoverTts& owner_;
  const int rate_;
  const std::string lang_;  // BCP-47
  TtsSink& sink_;
  std::unique_ptr<TtsStream> active_;
  size_t index_ = 0;
  std::string utterance_;  // text of the utterance not yet fully spoken
  bool flushed_ = false;
  Status failed_;
};

}  // namespace

Result<std::unique_ptr<TtsStream>> FailoverTts::Open(int sample_rate, std::string_view language,
                                                     TtsSink& sink) {
  if (chain_.empty()) return InvalidArgument("a failover chain needs at least one engine");
  auto stream = std::make_unique<FailoverStream>(*this, sample_rate, language, sink);
  VOXDESK_RETURN_IF_ERROR(stream->OpenAt(0));
  return std::unique_ptr<TtsStream>(std::move(stream));
}

}  // namespace voxdesk::providers
