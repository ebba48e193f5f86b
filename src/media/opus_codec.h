// Opus (libopus) for the wideband and fullband legs: WebRTC and SIP peers
// that send 16 or 48 kHz Opus instead of 8 kHz G.711. Frames are 20 ms of mono
// PCM; the encoder runs the VOIP application with in-band FEC on, so a lost
// packet can be rebuilt from the redundancy carried by the next one
// (DecodeFec) and otherwise concealed (Conceal, Opus's PLC). Wrong rates,
// wrong frame sizes, oversized and malformed packets come back as Status;
// nothing allocates after Create.
//
// Thread safety: an encoder or decoder belongs to one stream and is used by
// the one thread that owns that stream; different instances are independent.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "core/status.h"
#include "media/frame.h"

namespace voxdesk::media {

// One 20 ms frame never needs more (Opus caps a frame at 1275 bytes).
inline constexpr size_t kMaxOpusFrameBytes = 1275;
// Largest packet Decode accepts; a 20 ms packet split into 2.5 ms frames of
// the maximum size stays below this, anything longer is not a 20 ms packet.
inline constexpr size_t kMaxOpusPacketBytes = 8 * 1275 + 16;

struct OpusEncoderConfig {
  int sample_rate = 16000;         // 16000 or 48000
  int bitrate_bps = 24000;         // 6000..510000
  int expected_loss_percent = 10;  // sizes the FEC redundancy; 0 disables it in practice
  int complexity = 5;              // 0..10; 5 keeps the per-frame cost low for many streams
};

class OpusEncoder {
 public:
  static Result<OpusEncoder> Create(const OpusEncoderConfig& config);

  // Encodes one 20 ms frame at the configured rate into `packet` (room for
  // kMaxOpusFrameBytes is always enough); returns the packet length.
  Result<size_t> Encode(const AudioFrame& frame, std::span<uint8_t> packet);

  Status SetBitrate(int bitrate_bps);
  int sample_rate() const { return sample_rate_; }
  // Codec delay in samples at the configured rate (decoded audio lags by this).
  int lookahead() const;

 private:
  // libopus state in memory we own (opus_encoder_init), so this header names
  // no libopus type and `using namespace voxdesk::media` cannot clash with it.
  OpusEncoder(std::unique_ptr<std::max_align_t[]> state, int rate)
      : state_(std::move(state)), sample_rate_(rate) {}
  std::unique_ptr<std::max_align_t[]> state_;
  int sample_rate_;
};

class OpusDecoder {
 public:
  static Result<OpusDecoder> Create(int sample_rate);  // 16000 or 48000

  // Decodes a received packet of at most 20 ms into `out` (rate, count; pts
  // untouched). Empty, oversized, malformed or longer-than-20 ms packets are
  // InvalidArgument and leave the decoder state as it was.
  Status Decode(std::span<const uint8_t> packet, AudioFrame& out);

  // Fills `out` with 20 ms concealing a lost packet (packet loss concealment).
  Status Conceal(AudioFrame& out);

  // Rebuilds the lost 20 ms that preceded `next_packet` from its in-band FEC
  // data (falls back to concealment if it carries none). Decode next_packet
  // itself afterwards as usual.
  Status DecodeFec(std::span<const uint8_t> next_packet, AudioFrame& out);

  int sample_rate() const { return sample_rate_; }

 private:
  OpusDecoder(std::unique_ptr<std::max_align_t[]> state, int rate)
      : state_(std::move(state)), sample_rate_(rate) {}
  Status Check(std::span<const uint8_t> packet) const;
  Status Run(const uint8_t* data, size_t len, int frame_size, int fec, AudioFrame& out);
  std::unique_ptr<std::max_align_t[]> state_;
  int sample_rate_;
};

}  // namespace voxdesk::media
