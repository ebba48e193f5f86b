// Thin RAII layer over speex_resampler_*. Every check happens before Speex is
// called, so a rejected frame leaves the filter history as it was and the
// stream continues cleanly with the next good frame.
#include "media/resampler.h"

#include <speex/speex_resampler.h>

#include <string>

namespace voxdesk::media {

void Resampler::Destroy::operator()(SpeexResamplerState_* s) const {
  speex_resampler_destroy(s);
}

Resampler::Resampler(std::unique_ptr<SpeexResamplerState_, Destroy> st, int in_rate, int out_rate,
                     int quality)
    : st_(std::move(st)), in_rate_(in_rate), out_rate_(out_rate), quality_(quality) {}

Result<Resampler> Resampler::Create(int in_rate, int out_rate, int quality) {
  if (!IsSupportedRate(in_rate) || !IsSupportedRate(out_rate))
    return InvalidArgument("resampler: rates must be 8000, 16000, 24000 or 48000 Hz, got " +
                           std::to_string(in_rate) + " -> " + std::to_string(out_rate));
  if (quality < SPEEX_RESAMPLER_QUALITY_MIN || quality > SPEEX_RESAMPLER_QUALITY_MAX)
    return InvalidArgument("resampler: quality must be 0..10, got " + std::to_string(quality));
  int err = RESAMPLER_ERR_SUCCESS;
  std::unique_ptr<SpeexResamplerState_, Destroy> st(speex_resampler_init(
      1, static_cast<spx_uint32_t>(in_rate), static_cast<spx_uint32_t>(out_rate), quality, &err));
  if (!st || err != RESAMPLER_ERR_SUCCESS)
    return Status(err == RESAMPLER_ERR_ALLOC_FAILED ? Code::kNoMemory : Code::kInternal,
                  std::string("resampler: ") + speex_resampler_strerror(err));
  return Resampler(std::move(st), in_rate, out_rate, quality);
}

size_t Resampler::OutputCount(size_t in_samples) const {
  const auto num = static_cast<unsigned long long>(in_samples) * static_cast<unsigned>(out_rate_);
  if (num % static_cast<unsigned>(in_rate_) != 0) return 0;
  return static_cast<size_t>(num / static_cast<unsigned>(in_rate_));
}

void Resampler::Reset() {
  speex_resampler_reset_mem(st_.get());
}

int Resampler::input_latency() const {
  return speex_resampler_get_input_latency(st_.get());
}

Status Resampler::Run(const int16_t* in, size_t in_len, int16_t* out, size_t out_len) {
  auto consumed = static_cast<spx_uint32_t>(in_len);
  auto produced = static_cast<spx_uint32_t>(out_len);
  const int err = speex_resampler_process_int(st_.get(), 0, in, &consumed, out, &produced);
  if (err != RESAMPLER_ERR_SUCCESS)
    return Status(Code::kInternal, std::string("resampler: ") + speex_resampler_strerror(err));
  if (consumed != in_len || produced != out_len)
    return Status(Code::kInternal, "resampler: consumed " + std::to_string(consumed) + "/" +
                                       std::to_string(in_len) + ", produced " +
                                       std::to_string(produced) + "/" + std::to_string(out_len));
  return Status::Ok();
}

Status Resampler::Process(const AudioFrame& in, AudioFrame& out) {
  if (&in == &out) return InvalidArgument("resampler: input and output frame must differ");
  if (in.sample_rate != in_rate_)
    return InvalidArgument("resampler: frame is " + std::to_string(in.sample_rate) +
                           " Hz, stream expects " + std::to_string(in_rate_));
  if (in.count > in.samples.size())
    return InvalidArgument("resampler: frame count " + std::to_string(in.count) +
                           " exceeds capacity");
  const size_t n = OutputCount(in.count);
  if (in.count != 0 && n == 0)
    return InvalidArgument("resampler: " + std::to_string(in.count) +
                           " samples do not convert to a whole number at " +
                           std::to_string(in_rate_) + " -> " + std::to_string(out_rate_));
  if (n > out.samples.size())
    return InvalidArgument("resampler: " + std::to_string(in.count) + " samples at " +
                           std::to_string(in_rate_) + " Hz exceed one output frame");
  if (n != 0) VOXDESK_RETURN_IF_ERROR(Run(in.samples.data(), in.count, out.samples.data(), n));
  out.sample_rate = out_rate_;
  out.count = n;
  out.pts_us = in.pts_us;
  return Status::Ok();
}

Result<size_t> Resampler::Process(std::span<const int16_t> in, std::span<int16_t> out) {
  if (in.size() > 0xFFFFFFFFull / 6)  // Speex counts in 32 bits; 48/8 is the widest ratio
    return InvalidArgument("resampler: block too long");
  const size_t n = OutputCount(in.size());
  if (!in.empty() && n == 0)
    return InvalidArgument("resampler: " + std::to_string(in.size()) +
                           " samples do not convert to a whole number");
  if (out.size() < n)
    return InvalidArgument("resampler: output holds " + std::to_string(out.size()) + " samples, " +
                           std::to_string(n) + " needed");
  if (n != 0) VOXDESK_RETURN_IF_ERROR(Run(in.data(), in.size(), out.data(), n));
  return n;
}

}  // namespace voxdesk::media
