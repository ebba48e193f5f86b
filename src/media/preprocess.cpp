// RAII over speex_preprocess_* and speex_echo_*. The echo canceller's state is
// attached to the preprocessor when both exist, so residual echo the adaptive
// filter leaves is suppressed along with the noise.
#include "media/preprocess.h"

#include <speex/speex_echo.h>
#include <speex/speex_preprocess.h>

#include <algorithm>
#include <string>

namespace voxdesk::media {
namespace {

Status OutOfRange(const char* field, int value, int lo, int hi) {
  if (value >= lo && value <= hi) return Status::Ok();
  return InvalidArgument(std::string("preprocess: ") + field + " must be " + std::to_string(lo) +
                         ".." + std::to_string(hi) + ", got " + std::to_string(value));
}

}  // namespace

void Preprocessor::Destroy::operator()(SpeexPreprocessState_* s) const {
  speex_preprocess_state_destroy(s);
}
void Preprocessor::Destroy::operator()(SpeexEchoState_* s) const {
  speex_echo_state_destroy(s);
}

Result<Preprocessor> Preprocessor::Create(const PreprocessConfig& c) {
  if (c.sample_rate != 8000 && c.sample_rate != 16000)
    return InvalidArgument("preprocess: rate must be 8000 or 16000 Hz, got " +
                           std::to_string(c.sample_rate));
  VOXDESK_RETURN_IF_ERROR(OutOfRange("noise_suppress_db", c.noise_suppress_db, -60, -1));
  VOXDESK_RETURN_IF_ERROR(OutOfRange("agc_level", c.agc_level, 1, 32767));
  VOXDESK_RETURN_IF_ERROR(OutOfRange("agc_max_gain_db", c.agc_max_gain_db, 0, 60));
  VOXDESK_RETURN_IF_ERROR(OutOfRange("echo_tail_ms", c.echo_tail_ms, 20, 1000));

  const int frame = static_cast<int>(SamplesPer(c.sample_rate));
  std::unique_ptr<SpeexEchoState_, Destroy> echo;
  if (c.echo_cancel) {
    echo.reset(speex_echo_state_init(frame, c.sample_rate / 1000 * c.echo_tail_ms));
    if (!echo) return Status(Code::kNoMemory, "preprocess: echo canceller allocation failed");
    int rate = c.sample_rate;
    speex_echo_ctl(echo.get(), SPEEX_ECHO_SET_SAMPLING_RATE, &rate);
  }
  std::unique_ptr<SpeexPreprocessState_, Destroy> pre;
  if (c.denoise || c.agc || c.echo_cancel) {
    pre.reset(speex_preprocess_state_init(frame, c.sample_rate));
    if (!pre) return Status(Code::kNoMemory, "preprocess: state allocation failed");
    int denoise = c.denoise ? 1 : 0, agc = c.agc ? 1 : 0;
    int suppress = c.noise_suppress_db, max_gain = c.agc_max_gain_db;
    float level = static_cast<float>(c.agc_level);
    speex_preprocess_ctl(pre.get(), SPEEX_PREPROCESS_SET_DENOISE, &denoise);
    speex_preprocess_ctl(pre.get(), SPEEX_PREPROCESS_SET_NOISE_SUPPRESS, &suppress);
    speex_preprocess_ctl(pre.get(), SPEEX_PREPROCESS_SET_AGC, &agc);
    speex_preprocess_ctl(pre.get(), SPEEX_PREPROCESS_SET_AGC_LEVEL, &level);
    speex_preprocess_ctl(pre.get(), SPEEX_PREPROCESS_SET_AGC_MAX_GAIN, &max_gain);
    if (echo) speex_preprocess_ctl(pre.get(), SPEEX_PREPROCESS_SET_ECHO_STATE, echo.get());
  }
  return Preprocessor(c, std::move(pre), std::move(echo));
}

Status Preprocessor::Process(AudioFrame& near, const AudioFrame* far) {
  const size_t frame = SamplesPer(config_.sample_rate);
  if (near.sample_rate != config_.sample_rate || near.count != frame)
    return InvalidArgument("preprocess: expects 20 ms at " + std::to_string(config_.sample_rate) +
                           " Hz (" + std::to_string(frame) + " samples), got " +
                           std::to_string(near.count) + " at " + std::to_string(near.sample_rate) +
                           " Hz");
  if (echo_ && far && (far->sample_rate != near.sample_rate || far->count != frame))
    return InvalidArgument("preprocess: far-end frame must match the near end (" +
                           std::to_string(frame) + " samples at " +
                           std::to_string(config_.sample_rate) + " Hz)");
  if (echo_) {
    const int16_t* played = far ? far->samples.data() : silence_.data();
    speex_echo_cancellation(echo_.get(), near.samples.data(), played, scratch_.data());
    std::copy_n(scratch_.begin(), frame, near.samples.begin());
  }
  if (pre_) speex_preprocess_run(pre_.get(), near.samples.data());
  return Status::Ok();
}

}  // namespace voxdesk::media
