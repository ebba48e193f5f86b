#include "media/call_recorder.h"

#include <algorithm>

namespace voxdesk::media {

Result<CallRecorder> CallRecorder::Create(const CallRecorderConfig& config) {
  if (!IsSupportedRate(config.sample_rate))
    return InvalidArgument("call recorder: sample_rate " + std::to_string(config.sample_rate) +
                           " Hz is not one of 8000, 16000, 24000, 48000");
  if (config.max_duration.count() <= 0 || config.max_duration > std::chrono::hours(24))
    return InvalidArgument("call recorder: max_duration must be between 1 s and 24 h");
  return CallRecorder(config);
}

CallRecorder::CallRecorder(const CallRecorderConfig& config)
    : config_(config),
      max_samples_(static_cast<size_t>(config.max_duration.count()) *
                   static_cast<size_t>(config.sample_rate)) {
  const size_t reserve = std::min(
      max_samples_, static_cast<size_t>(std::max<int64_t>(0, config.reserve_duration.count())) *
                        static_cast<size_t>(config.sample_rate));
  caller_.reserve(reserve);
  agent_.reserve(reserve);
}

Status CallRecorder::Add(std::vector<int16_t>& leg, const char* name, int64_t pts_us,
                         std::span<const int16_t> pcm) {
  if (pts_us < 0)
    return InvalidArgument(std::string("call recorder: ") + name + " frame at negative time " +
                           std::to_string(pts_us) + " us");
  // Rounded to the nearest sample so 20 ms steps never drift at any rate.
  const auto limit_us = static_cast<int64_t>(config_.max_duration.count()) * 1000000;
  if (pts_us > limit_us)
    return InvalidArgument(std::string("call recorder: ") + name + " frame past max_duration");
  const auto at = static_cast<size_t>((pts_us * config_.sample_rate + 500000) / 1000000);
  if (at + pcm.size() > max_samples_)
    return InvalidArgument(std::string("call recorder: ") + name + " frame past max_duration (" +
                           std::to_string(config_.max_duration.count()) + " s)");
  if (leg.size() < at + pcm.size()) leg.resize(at + pcm.size(), 0);  // gap becomes silence
  std::copy(pcm.begin(), pcm.end(), leg.begin() + static_cast<ptrdiff_t>(at));
  return Status::Ok();
}

Status CallRecorder::AddCaller(int64_t pts_us, std::span<const int16_t> pcm) {
  return Add(caller_, "caller", pts_us, pcm);
}
Status CallRecorder::AddAgent(int64_t pts_us, std::span<const int16_t> pcm) {
  return Add(agent_, "agent", pts_us, pcm);
}

Status CallRecorder::AddCaller(const AudioFrame& f) {
  if (f.sample_rate != config_.sample_rate)
    return InvalidArgument("call recorder: caller frame at " + std::to_string(f.sample_rate) +
                           " Hz, recording at " + std::to_string(config_.sample_rate) + " Hz");
  return AddCaller(f.pts_us, f.pcm());
}
Status CallRecorder::AddAgent(const AudioFrame& f) {
  if (f.sample_rate != config_.sample_rate)
    return InvalidArgument("call recorder: agent frame at " + std::to_string(f.sample_rate) +
                           " Hz, recording at " + std::to_string(config_.sample_rate) + " Hz");
  return AddAgent(f.pts_us, f.pcm());
}

WavAudio CallRecorder::Mixed() const {
  WavAudio w;
  w.sample_rate = config_.sample_rate;
  w.channels = 1;
  w.samples.resize(length_samples());
  for (size_t i = 0; i < w.samples.size(); ++i) {
    const int a = i < caller_.size() ? caller_[i] : 0;
    const int b = i < agent_.size() ? agent_[i] : 0;
    w.samples[i] = static_cast<int16_t>(std::clamp(a + b, -32768, 32767));
  }
  return w;
}

WavAudio CallRecorder::Stacked() const {
  WavAudio w;
  w.sample_rate = config_.sample_rate;
  w.channels = 2;
  const size_t n = length_samples();
  w.samples.resize(2 * n);
  for (size_t i = 0; i < n; ++i) {
    w.samples[2 * i] = i < caller_.size() ? caller_[i] : int16_t{0};
    w.samples[2 * i + 1] = i < agent_.size() ? agent_[i] : int16_t{0};
  }
  return w;
}

}  // namespace voxdesk::media
