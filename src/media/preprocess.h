// Caller-leg clean-up before VAD and speech recognition, with SpeexDSP: noise
// suppression and automatic gain control (speex_preprocess_*) and acoustic
// echo cancellation (speex_echo_*), each switched on per stream. Works on
// 20 ms frames at 8 or 16 kHz, in place. Echo cancellation needs the far-end
// frame (what the agent played to the caller) that matches each captured
// near-end frame; without one the far end is taken as silent, which keeps the
// canceller's timeline aligned. States are allocated in Create; Process does
// not allocate.
//
// Thread safety: one Preprocessor belongs to one stream and is used by the
// one thread that owns that stream; different instances are independent.
#pragma once

#include <array>
#include <memory>

#include "core/status.h"
#include "media/frame.h"

struct SpeexPreprocessState_;
struct SpeexEchoState_;

namespace voxdesk::media {

struct PreprocessConfig {
  int sample_rate = 8000;  // 8000 or 16000
  bool denoise = true;
  int noise_suppress_db = -20;  // maximum attenuation of noise, -60..-1 dB
  bool agc = false;
  int agc_level = 8000;      // target RMS of speech, 1..32767
  int agc_max_gain_db = 30;  // 0..60
  bool echo_cancel = false;
  int echo_tail_ms = 200;  // longest echo path modelled, 20..1000 ms
};

class Preprocessor {
 public:
  static Result<Preprocessor> Create(const PreprocessConfig& config);

  // Cleans `near` (20 ms at the configured rate) in place. `far` is the
  // far-end frame played while `near` was captured (same rate and size), or
  // nullptr when nothing was played; ignored unless echo cancellation is on.
  Status Process(AudioFrame& near, const AudioFrame* far = nullptr);

  const PreprocessConfig& config() const { return config_; }

 private:
  struct Destroy {
    void operator()(SpeexPreprocessState_* s) const;
    void operator()(SpeexEchoState_* s) const;
  };
  Preprocessor(const PreprocessConfig& c, std::unique_ptr<SpeexPreprocessState_, Destroy> pre,
               std::unique_ptr<SpeexEchoState_, Destroy> echo)
      : config_(c), pre_(std::move(pre)), echo_(std::move(echo)) {}

  PreprocessConfig config_;
  std::unique_ptr<SpeexPreprocessState_, Destroy> pre_;
  std::unique_ptr<SpeexEchoState_, Destroy> echo_;
  // The canceller cannot work in place, and a missing far end is silence.
  std::array<int16_t, SamplesPer(16000)> scratch_{};
  std::array<int16_t, SamplesPer(16000)> silence_{};
};

}  // namespace voxdesk::media
