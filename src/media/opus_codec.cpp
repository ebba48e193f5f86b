// RAII wrappers over libopus. Packets are checked (size, TOC, duration) before
// opus_decode sees them, so a bad packet is reported with a precise reason and
// never disturbs the decoder's prediction state.
#include "media/opus_codec.h"

#include <opus.h>

#include <algorithm>
#include <string>

namespace voxdesk::media {
namespace {

bool OpusRate(int hz) {
  return hz == 16000 || hz == 48000;
}

Status OpusError(const char* what, int err) {
  return Status(err == OPUS_ALLOC_FAIL ? Code::kNoMemory : Code::kInternal,
                std::string("opus: ") + what + ": " + opus_strerror(err));
}

std::unique_ptr<std::max_align_t[]> Storage(int bytes) {
  const size_t n =
      (static_cast<size_t>(bytes) + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t);
  return std::make_unique<std::max_align_t[]>(n);
}

::OpusEncoder* Enc(const std::unique_ptr<std::max_align_t[]>& s) {
  return reinterpret_cast<::OpusEncoder*>(s.get());
}
::OpusDecoder* Dec(const std::unique_ptr<std::max_align_t[]>& s) {
  return reinterpret_cast<::OpusDecoder*>(s.get());
}

}  // namespace

Result<OpusEncoder> OpusEncoder::Create(const OpusEncoderConfig& c) {
  if (!OpusRate(c.sample_rate))
    return InvalidArgument("opus: encoder rate must be 16000 or 48000 Hz, got " +
                           std::to_string(c.sample_rate));
  if (c.expected_loss_percent < 0 || c.expected_loss_percent > 100)
    return InvalidArgument("opus: expected_loss_percent must be 0..100, got " +
                           std::to_string(c.expected_loss_percent));
  if (c.complexity < 0 || c.complexity > 10)
    return InvalidArgument("opus: complexity must be 0..10, got " + std::to_string(c.complexity));
  auto state = Storage(opus_encoder_get_size(1));
  int err = opus_encoder_init(Enc(state), c.sample_rate, 1, OPUS_APPLICATION_VOIP);
  if (err != OPUS_OK) return OpusError("encoder init", err);
  OpusEncoder e(std::move(state), c.sample_rate);
  VOXDESK_RETURN_IF_ERROR(e.SetBitrate(c.bitrate_bps));
  ::OpusEncoder* raw = Enc(e.state_);
  // FEC only carries redundancy when the encoder expects loss, hence both.
  if ((err = opus_encoder_ctl(raw, OPUS_SET_INBAND_FEC(1))) != OPUS_OK ||
      (err = opus_encoder_ctl(raw, OPUS_SET_PACKET_LOSS_PERC(c.expected_loss_percent))) !=
          OPUS_OK ||
      (err = opus_encoder_ctl(raw, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE))) != OPUS_OK ||
      (err = opus_encoder_ctl(raw, OPUS_SET_COMPLEXITY(c.complexity))) != OPUS_OK)
    return OpusError("encoder setup", err);
  return e;
}

Status OpusEncoder::SetBitrate(int bitrate_bps) {
  if (bitrate_bps < 6000 || bitrate_bps > 510000)
    return InvalidArgument("opus: bitrate must be 6000..510000 bps, got " +
                           std::to_string(bitrate_bps));
  const int err = opus_encoder_ctl(Enc(state_), OPUS_SET_BITRATE(bitrate_bps));
  if (err != OPUS_OK) return OpusError("set bitrate", err);
  return Status::Ok();
}

int OpusEncoder::lookahead() const {
  opus_int32 samples = 0;
  opus_encoder_ctl(Enc(state_), OPUS_GET_LOOKAHEAD(&samples));
  return samples;
}

Result<size_t> OpusEncoder::Encode(const AudioFrame& frame, std::span<uint8_t> packet) {
  if (frame.sample_rate != sample_rate_ || frame.count != SamplesPer(sample_rate_))
    return InvalidArgument("opus: encoder takes 20 ms at " + std::to_string(sample_rate_) +
                           " Hz (" + std::to_string(SamplesPer(sample_rate_)) + " samples), got " +
                           std::to_string(frame.count) + " at " +
                           std::to_string(frame.sample_rate) + " Hz");
  if (packet.empty()) return InvalidArgument("opus: empty packet buffer");
  const auto room = static_cast<opus_int32>(std::min(packet.size(), kMaxOpusFrameBytes));
  const opus_int32 n = opus_encode(Enc(state_), frame.samples.data(), static_cast<int>(frame.count),
                                   packet.data(), room);
  if (n < 0) return OpusError("encode", n);
  return static_cast<size_t>(n);
}

Result<OpusDecoder> OpusDecoder::Create(int sample_rate) {
  if (!OpusRate(sample_rate))
    return InvalidArgument("opus: decoder rate must be 16000 or 48000 Hz, got " +
                           std::to_string(sample_rate));
  auto state = Storage(opus_decoder_get_size(1));
  const int err = opus_decoder_init(Dec(state), sample_rate, 1);
  if (err != OPUS_OK) return OpusError("decoder init", err);
  return OpusDecoder(std::move(state), sample_rate);
}

Status OpusDecoder::Check(std::span<const uint8_t> packet) const {
  if (packet.empty()) return InvalidArgument("opus: empty packet (use Conceal for a lost one)");
  if (packet.size() > kMaxOpusPacketBytes)
    return InvalidArgument("opus: packet of " + std::to_string(packet.size()) + " bytes exceeds " +
                           std::to_string(kMaxOpusPacketBytes));
  // Parses the TOC and frame count, which rejects truncated code 1-3 packets.
  const int n = opus_packet_get_nb_samples(packet.data(), static_cast<opus_int32>(packet.size()),
                                           sample_rate_);
  if (n < 0) return InvalidArgument(std::string("opus: malformed packet: ") + opus_strerror(n));
  if (static_cast<size_t>(n) > SamplesPer(sample_rate_))
    return InvalidArgument("opus: packet holds " + std::to_string(n * 1000 / sample_rate_) +
                           " ms, at most 20 ms accepted");
  return Status::Ok();
}

Status OpusDecoder::Run(const uint8_t* data, size_t len, int frame_size, int fec, AudioFrame& out) {
  const int n = opus_decode(Dec(state_), data, static_cast<opus_int32>(len), out.samples.data(),
                            frame_size, fec);
  if (n < 0) {
    if (n == OPUS_INVALID_PACKET || n == OPUS_BUFFER_TOO_SMALL || n == OPUS_BAD_ARG)
      return InvalidArgument(std::string("opus: packet rejected: ") + opus_strerror(n));
    return OpusError("decode", n);
  }
  out.sample_rate = sample_rate_;
  out.count = static_cast<size_t>(n);
  return Status::Ok();
}

Status OpusDecoder::Decode(std::span<const uint8_t> packet, AudioFrame& out) {
  VOXDESK_RETURN_IF_ERROR(Check(packet));
  return Run(packet.data(), packet.size(), static_cast<int>(SamplesPer(sample_rate_)), 0, out);
}

Status OpusDecoder::Conceal(AudioFrame& out) {
  return Run(nullptr, 0, static_cast<int>(SamplesPer(sample_rate_)), 0, out);
}

Status OpusDecoder::DecodeFec(std::span<const uint8_t> next_packet, AudioFrame& out) {
  VOXDESK_RETURN_IF_ERROR(Check(next_packet));
  // With decode_fec the frame size is the lost span to rebuild, always 20 ms.
  return Run(next_packet.data(), next_packet.size(), static_cast<int>(SamplesPer(sample_rate_)), 1,
             out);
}

}  // namespace voxdesk::media
