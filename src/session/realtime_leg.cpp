#include "session/realtime_leg.h"

#include <utility>

namespace voxdesk::session {

using Kind = RealtimeEvent::Kind;

dialog::Llm& NoTextModel() {
  class NoModel final : public dialog::Llm {
    Status Stream(const dialog::LlmRequest&,
                  const std::function<void(const dialog::LlmEvent&)>&) override {
      return Status(Code::kUnavailable, "no text model is configured");
    }
  };
  static NoModel model;
  return model;
}

Result<std::unique_ptr<RealtimeLeg>> RealtimeLeg::Open(providers::Realtime& realtime,
                                                       const providers::RealtimeConfig& config,
                                                       int line_rate) {
  std::unique_ptr<RealtimeLeg> leg(new RealtimeLeg());
  if (line_rate != config.sample_rate) {
    auto up = media::Resampler::Create(line_rate, config.sample_rate);
    if (!up.ok()) return up.status();
    auto down = media::Resampler::Create(config.sample_rate, line_rate);
    if (!down.ok()) return down.status();
    leg->up_.emplace(std::move(*up));
    leg->down_.emplace(std::move(*down));
  }
  auto s = realtime.Open(config, *leg);
  if (!s.ok()) return s.status();
  leg->session_ = std::move(*s);
  return leg;
}

RealtimeLeg::~RealtimeLeg() {
  session_.reset();  // closes the connection and stops the sink calls first
}

Status RealtimeLeg::Append(std::span<const int16_t> pcm) {
  if (!up_) return session_->AppendAudio(pcm);
  up_buf_.resize(up_->OutputCount(pcm.size()));
  auto n = up_->Process(pcm, up_buf_);
  if (!n.ok()) return n.status();
  return session_->AppendAudio(std::span<const int16_t>(up_buf_.data(), *n));
}

std::deque<RealtimeEvent> RealtimeLeg::Take() {
  std::lock_guard lock(mu_);
  return std::exchange(events_, {});
}

void RealtimeLeg::Push(RealtimeEvent e) {
  std::lock_guard lock(mu_);
  events_.push_back(std::move(e));
}

namespace {

RealtimeEvent Make(Kind kind, std::string id = {}) {
  RealtimeEvent e;
  e.kind = kind;
  e.id = std::move(id);
  return e;
}

}  // namespace

void RealtimeLeg::OnSpeechStarted(const std::string& item_id, int64_t audio_start_ms) {
  RealtimeEvent e = Make(Kind::kSpeechStarted, item_id);
  e.ms = audio_start_ms;
  Push(std::move(e));
}

void RealtimeLeg::OnSpeechStopped(const std::string& item_id, int64_t audio_end_ms) {
  RealtimeEvent e = Make(Kind::kSpeechStopped, item_id);
  e.ms = audio_end_ms;
  Push(std::move(e));
}

void RealtimeLeg::OnTranscript(const providers::RealtimeTranscriptDelta& t) {
  if (!t.done) return;  // the session uses whole lines only
  const bool caller = t.source == providers::RealtimeTranscriptDelta::Source::kCaller;
  RealtimeEvent e = Make(caller ? Kind::kCallerText : Kind::kAgentText, t.item_id);
  e.text = t.delta;
  Push(std::move(e));
}

void RealtimeLeg::OnAudio(const providers::RealtimeAudioDelta& audio) {
  RealtimeEvent e = Make(Kind::kAudio, audio.item_id);
  e.response = audio.response_id;
  if (!down_) {
    e.pcm.assign(audio.pcm.begin(), audio.pcm.end());
  } else {
    // Deltas come in any length: what does not make a whole line sample
    // waits for the next one.
    down_carry_.insert(down_carry_.end(), audio.pcm.begin(), audio.pcm.end());
    const size_t ratio = static_cast<size_t>(down_->in_rate() / down_->out_rate());
    const size_t whole = ratio > 0 ? down_carry_.size() / ratio * ratio : down_carry_.size();
    e.pcm.resize(down_->OutputCount(whole));
    auto n = down_->Process(std::span<const int16_t>(down_carry_.data(), whole), e.pcm);
    down_carry_.erase(down_carry_.begin(),
                      down_carry_.begin() + static_cast<std::ptrdiff_t>(whole));
    if (!n.ok()) return OnError(n.status());
    e.pcm.resize(*n);
  }
  Push(std::move(e));
}

void RealtimeLeg::OnToolCall(const dialog::ToolCall& call) {
  RealtimeEvent e = Make(Kind::kToolCall);
  e.call = call;
  Push(std::move(e));
}

void RealtimeLeg::OnResponseDone(const std::string& response_id) {
  RealtimeEvent e = Make(Kind::kResponseDone);
  e.response = response_id;
  Push(std::move(e));
}

void RealtimeLeg::OnError(const Status& st) {
  RealtimeEvent e = Make(Kind::kError);
  e.error = st;
  Push(std::move(e));
}

}  // namespace voxdesk::session
