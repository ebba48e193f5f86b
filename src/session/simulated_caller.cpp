#include "session/simulated_caller.h"

#include <algorithm>
#include <cmath>

#include "media/dtmf.h"
#include "media/g711.h"

namespace voxdesk::session {
namespace {

// Collects a synchronous engine's audio for one line.
class Collect final : public providers::TtsSink {
 public:
  void OnAudio(const providers::AudioChunk& c) override {
    pcm.insert(pcm.end(), c.pcm.begin(), c.pcm.end());
    last |= c.last;
  }
  void OnError(const Status& st) override { error = st; }
  std::vector<int16_t> pcm;
  bool last = false;
  Status error;
};

Result<std::vector<int16_t>> Render(const CallerLine& line, providers::Tts& voice,
                                    const SimulatedCallerOptions& o) {
  if (!line.keys.empty()) {
    auto gen = media::DtmfGenerator::Create(o.sample_rate);
    if (!gen.ok()) return gen.status();
    std::vector<int16_t> pcm;
    media::AudioFrame f;
    f.sample_rate = o.sample_rate;
    f.count = media::SamplesPer(o.sample_rate);
    for (char k : line.keys) {
      if (Status st = gen->Start(k, 100, -12); !st.ok()) return st;
      for (int i = 0; i < 10; ++i) {  // 100 ms of tone, 100 ms of silence
        gen->Fill(f);
        pcm.insert(pcm.end(), f.samples.begin(), f.samples.begin() + f.count);
      }
    }
    return pcm;
  }
  Collect sink;
  auto stream = voice.Open(o.sample_rate, dialog::LangCode(o.lang), sink);
  if (!stream.ok()) return stream.status();
  if (Status st = (*stream)->PushText(line.text); !st.ok()) return st;
  if (Status st = (*stream)->Flush(); !st.ok()) return st;
  if (!sink.error.ok()) return sink.error;
  if (!sink.last)
    return Status(Code::kInvalidArgument,
                  "the caller's voice must synthesise synchronously (no audio end after Flush)");
  return std::move(sink.pcm);
}

double Rms(const std::vector<int16_t>& pcm) {
  double sum = 0;
  size_t n = 0;
  for (int16_t s : pcm)
    if (std::abs(s) > 64) {  // the voiced part, not the pauses around it
      sum += static_cast<double>(s) * s;
      ++n;
    }
  return n ? std::sqrt(sum / static_cast<double>(n)) : 0;
}

}  // namespace

Result<std::unique_ptr<SimulatedCaller>> SimulatedCaller::Create(std::vector<CallerLine> lines,
                                                                 providers::Tts& voice,
                                                                 SimulatedCallerOptions options) {
  if (!media::IsSupportedRate(options.sample_rate))
    return Status(Code::kInvalidArgument, "sample_rate: not a supported rate");
  std::unique_ptr<SimulatedCaller> c(new SimulatedCaller(std::move(lines), options));
  double level = 0;
  for (const CallerLine& line : c->lines_) {
    auto pcm = Render(line, voice, options);
    if (!pcm.ok())
      return Status(pcm.status().code(),
                    "caller line \"" + line.text + line.keys + "\": " + pcm.status().message());
    if (line.keys.empty()) level = std::max(level, Rms(*pcm));
    c->audio_.push_back(std::move(*pcm));
  }
  if (options.noise_snr_db >= 0) c->noise_rms_ = level / std::pow(10.0, options.noise_snr_db / 20);
  return c;
}

SimulatedCaller::SimulatedCaller(std::vector<CallerLine> lines, SimulatedCallerOptions options)
    : lines_(std::move(lines)),
      options_(options),
      frame_(media::SamplesPer(options.sample_rate)),
      rng_(options.seed) {}

void SimulatedCaller::StartLine(int64_t now_ms) {
  speaking_ = &audio_[next_];
  pos_ = 0;
  said_.push_back(
      {lines_[next_].keys.empty() ? lines_[next_].text : "[keys " + lines_[next_].keys + "]",
       now_ms,
       now_ms + static_cast<int64_t>(speaking_->size() * 1000 /
                                     static_cast<size_t>(options_.sample_rate)),
       agent_talking_});
  if (on_say && lines_[next_].keys.empty()) on_say(lines_[next_].text);
  ++next_;
  agent_spoke_since_line_ = false;
  agent_started_ms_ = -1;
}

bool SimulatedCaller::Read(media::AudioFrame& in) {
  const int64_t now = t_ms_;
  t_ms_ += media::kFrameMs;
  in.sample_rate = options_.sample_rate;
  in.count = frame_;
  in.pts_us = now * 1000;
  if (hung_up_) return false;

  if (!speaking_ && next_ < lines_.size()) {
    const CallerLine& line = lines_[next_];
    const bool agent_waiting = agent_spoke_since_line_ && !agent_talking_ &&
                               now - agent_quiet_since_ms_ >= options_.agent_done_ms;
    const bool barge = line.barge_in_after_ms >= 0 && agent_talking_ && agent_started_ms_ >= 0 &&
                       now - agent_started_ms_ >= line.barge_in_after_ms;
    if (agent_waiting || barge) StartLine(now);
  } else if (!speaking_ && next_ == lines_.size() && agent_spoke_since_line_ && !agent_talking_ &&
             now - agent_quiet_since_ms_ >= options_.hangup_after_ms) {
    hung_up_ = true;
    return false;
  }

  for (size_t i = 0; i < frame_; ++i) {
    double s = 0;
    if (speaking_ && pos_ < speaking_->size()) s = (*speaking_)[pos_++];
    if (noise_rms_ > 0) s += gauss_(rng_) * noise_rms_;
    int16_t v = static_cast<int16_t>(std::clamp(std::lround(s), -32768L, 32767L));
    if (options_.mulaw) v = media::g711::UlawToLinear(media::g711::LinearToUlaw(v));
    in.samples[i] = v;
  }
  if (speaking_ && pos_ >= speaking_->size()) speaking_ = nullptr;
  return true;
}

void SimulatedCaller::Write(const media::AudioFrame& out) {
  const int64_t now = t_ms_;
  double sum = 0;
  for (size_t i = 0; i < out.count; ++i)
    sum += static_cast<double>(out.samples[i]) * out.samples[i];
  const bool voice = out.count && std::sqrt(sum / static_cast<double>(out.count)) > 200;
  if (voice) {
    if (!agent_talking_ && agent_started_ms_ < 0) agent_started_ms_ = now;
    agent_talking_ = true;
    agent_spoke_since_line_ = true;
  } else if (agent_talking_) {
    agent_talking_ = false;
    agent_quiet_since_ms_ = now;
  }
}

}  // namespace voxdesk::session
