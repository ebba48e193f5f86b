// Jitter buffer for telephony media that arrives over a WebSocket or RTP:
// packets of exactly one 20 ms frame, keyed by sequence number, go in as they
// arrive; the session pulls one frame per 20 ms tick and gets them back in
// sequence order with the network's jitter absorbed.
//
// - Reordering within the window is undone; duplicates and late packets
//   (their slot was already played or concealed) are dropped and counted.
// - A gap is filled exactly once, by the caller's concealment callback (PLC)
//   or by silence, and the sequence then moves on.
// - Latency is bounded: playout starts (and restarts after an underrun) once
//   `target_depth` frames are spanned; a packet that would make the span
//   exceed `max_depth` drops the oldest frames to get back to target depth.
// - Sequence numbers are unwrapped: 16-bit RTP numbers wrap, 32-bit ones too,
//   and 64-bit counters (Twilio's media `chunk`) simply increase.
//
// All storage is a fixed ring allocated at construction; Push and Pull never
// allocate, lock or log. Thread safety: one owner thread (the stream's worker).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "core/status.h"
#include "media/frame.h"

namespace voxdesk::media {

struct JitterBufferConfig {
  int sample_rate = 8000;
  size_t target_depth = 3;  // frames spanned before playout (re)starts
  size_t max_depth = 10;    // frames spanned at most; beyond, the oldest are dropped
  int sequence_bits = 16;   // 16 or 32 (wrapping RTP-style numbers) or 64 (counters)
};

// Fills `out` (one frame) in place of a missing packet. `consecutive` is 1 for
// the first concealed frame in a row, so a PLC can fade out over long gaps.
using ConcealFn = std::function<void(std::span<int16_t> out, uint32_t consecutive)>;

enum class JitterPush {
  kAccepted,
  kLate,       // its turn already passed (played or concealed); dropped
  kDuplicate,  // already buffered; dropped
  kInvalid,    // wrong frame size or sequence number out of range; dropped
};

enum class JitterPull {
  kAudio,      // a received packet
  kConcealed,  // a lost packet or an underrun, filled by the PLC or silence
  kSilence,    // nothing received yet (before the stream starts)
};

struct JitterStats {
  uint64_t received = 0;   // Push calls
  uint64_t played = 0;     // packets pulled as audio
  uint64_t late = 0;       // dropped: arrived after their turn
  uint64_t duplicate = 0;  // dropped: same sequence number already buffered
  uint64_t invalid = 0;    // dropped: wrong size or sequence number out of range
  uint64_t dropped = 0;    // dropped to bring latency back to target depth
  uint64_t reordered = 0;  // accepted although a later sequence number came first
  uint64_t lost = 0;       // sequence numbers never received when their turn came
  uint64_t underruns = 0;  // ticks with nothing buffered after playout started
  uint64_t concealed = 0;  // frames produced by concealment (lost + underrun ticks)
};

class JitterBuffer {
 public:
  // Checks the configuration: a supported rate, 1 <= target_depth <=
  // max_depth <= 500 and sequence_bits of 16, 32 or 64.
  static Status Validate(const JitterBufferConfig& config);
  static Result<JitterBuffer> Create(const JitterBufferConfig& config, ConcealFn conceal = {});

  // `pcm` must hold exactly one frame (20 ms at the configured rate).
  // `pts_us` is the packet's presentation time on the stream clock and comes
  // back unchanged on the pulled frame.
  JitterPush Push(uint64_t seq, int64_t pts_us, std::span<const int16_t> pcm);

  // One tick: always fills `out` with one full frame at the configured rate.
  JitterPull Pull(AudioFrame& out);

  const JitterStats& stats() const { return stats_; }
  // Packets held right now.
  size_t buffered() const { return buffered_; }
  // Frames between the next to play and the newest received (inclusive): the
  // latency the buffer currently adds, in frames.
  size_t span() const {
    return have_any_ && highest_ >= next_ ? static_cast<size_t>(highest_ - next_ + 1) : 0;
  }
  const JitterBufferConfig& config() const { return config_; }

 private:
  JitterBuffer(const JitterBufferConfig& config, ConcealFn conceal);
  bool Unwrap(uint64_t seq, int64_t* ext) const;
  void DropBefore(int64_t new_next);
  void Conceal(AudioFrame& out);

  JitterBufferConfig config_;
  ConcealFn conceal_;
  size_t frame_samples_ = 0;
  size_t slots_ = 0;
  std::vector<int64_t> slot_seq_;  // -1 when empty
  std::vector<int64_t> slot_pts_;
  std::vector<int16_t> pcm_;  // slots_ * frame_samples_

  bool have_any_ = false;    // a packet was ever accepted
  bool playing_ = false;     // past the (re)buffering phase
  bool played_any_ = false;  // a frame was ever pulled after the first packet
  int64_t next_ = 0;         // extended sequence number of the next frame to play
  int64_t highest_ = 0;      // highest extended sequence number accepted
  int64_t last_pts_ = 0;
  uint32_t consecutive_ = 0;
  size_t buffered_ = 0;
  JitterStats stats_;
};

}  // namespace voxdesk::media
