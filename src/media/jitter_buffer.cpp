#include "media/jitter_buffer.h"

#include <algorithm>
#include <limits>
#include <string>

namespace voxdesk::media {
namespace {
constexpr int64_t kFrameUs = kFrameMs * 1000;
// 64-bit counters above this are rejected so extended arithmetic cannot overflow.
constexpr uint64_t kMaxCounter = uint64_t{1} << 62;
}  // namespace

Status JitterBuffer::Validate(const JitterBufferConfig& c) {
  if (!IsSupportedRate(c.sample_rate))
    return InvalidArgument("jitter buffer: sample_rate " + std::to_string(c.sample_rate) +
                           " Hz is not one of 8000, 16000, 24000, 48000");
  if (c.target_depth < 1 || c.target_depth > c.max_depth || c.max_depth > 500)
    return InvalidArgument("jitter buffer: need 1 <= target_depth (" +
                           std::to_string(c.target_depth) + ") <= max_depth (" +
                           std::to_string(c.max_depth) + ") <= 500");
  if (c.sequence_bits != 16 && c.sequence_bits != 32 && c.sequence_bits != 64)
    return InvalidArgument("jitter buffer: sequence_bits must be 16, 32 or 64, not " +
                           std::to_string(c.sequence_bits));
  return Status::Ok();
}

Result<JitterBuffer> JitterBuffer::Create(const JitterBufferConfig& config, ConcealFn conceal) {
  VOXDESK_RETURN_IF_ERROR(Validate(config));
  return JitterBuffer(config, std::move(conceal));
}

JitterBuffer::JitterBuffer(const JitterBufferConfig& config, ConcealFn conceal)
    : config_(config),
      conceal_(std::move(conceal)),
      frame_samples_(SamplesPer(config.sample_rate)),
      slots_(config.max_depth),
      slot_seq_(slots_, -1),
      slot_pts_(slots_, 0),
      pcm_(slots_ * frame_samples_, 0) {}

bool JitterBuffer::Unwrap(uint64_t seq, int64_t* ext) const {
  if (config_.sequence_bits == 64) {
    if (seq >= kMaxCounter) return false;
    *ext = static_cast<int64_t>(seq);
    return true;
  }
  const int bits = config_.sequence_bits;
  const uint64_t modulus = uint64_t{1} << bits;
  if (seq >= modulus) return false;
  if (!have_any_) {
    // Start one full cycle up so numbers just before the first stay positive.
    *ext = static_cast<int64_t>(seq + modulus);
    return true;
  }
  // The nearest extended number to the highest seen with these low bits:
  // the signed difference modulo 2^bits, as in RFC 3550 appendix A.1.
  const uint64_t diff = (seq - static_cast<uint64_t>(highest_)) & (modulus - 1);
  const int64_t delta = diff >= modulus / 2
                            ? static_cast<int64_t>(diff) - static_cast<int64_t>(modulus)
                            : static_cast<int64_t>(diff);
  *ext = highest_ + delta;
  return *ext >= 0;
}

void JitterBuffer::DropBefore(int64_t new_next) {
  for (size_t i = 0; i < slots_; ++i) {
    if (slot_seq_[i] >= 0 && slot_seq_[i] < new_next) {
      slot_seq_[i] = -1;
      --buffered_;
      ++stats_.dropped;
    }
  }
  next_ = new_next;
}

JitterPush JitterBuffer::Push(uint64_t seq, int64_t pts_us, std::span<const int16_t> pcm) {
  ++stats_.received;
  int64_t ext = 0;
  if (pcm.size() != frame_samples_ || !Unwrap(seq, &ext)) {
    ++stats_.invalid;
    return JitterPush::kInvalid;
  }
  const int64_t depth = static_cast<int64_t>(config_.max_depth);
  if (!have_any_) {
    have_any_ = true;
    next_ = highest_ = ext;
  } else if (ext < next_) {
    // Before anything was played the window may still grow backwards, so a
    // stream whose first two packets swap does not lose its first frame.
    if (played_any_ || highest_ - ext + 1 > depth) {
      ++stats_.late;
      return JitterPush::kLate;
    }
    next_ = ext;
  }
  const size_t slot = static_cast<size_t>(ext % depth);
  if (slot_seq_[slot] == ext) {
    ++stats_.duplicate;
    return JitterPush::kDuplicate;
  }
  if (ext < highest_) ++stats_.reordered;
  if (ext - next_ + 1 > depth) {
    // Too far behind the sender: skip ahead so this packet sits at target depth.
    DropBefore(ext - static_cast<int64_t>(config_.target_depth) + 1);
  }
  slot_seq_[slot] = ext;
  slot_pts_[slot] = pts_us;
  std::copy(pcm.begin(), pcm.end(), pcm_.begin() + static_cast<ptrdiff_t>(slot * frame_samples_));
  ++buffered_;
  highest_ = std::max(highest_, ext);
  return JitterPush::kAccepted;
}

void JitterBuffer::Conceal(AudioFrame& out) {
  ++consecutive_;
  ++stats_.concealed;
  // Timestamps come from the sender; one near the top of the range must not
  // overflow when a concealed frame is placed after it.
  out.pts_us = last_pts_ > std::numeric_limits<int64_t>::max() - kFrameUs
                   ? std::numeric_limits<int64_t>::max()
                   : last_pts_ + kFrameUs;
  std::fill(out.samples.begin(), out.samples.begin() + static_cast<ptrdiff_t>(frame_samples_),
            int16_t{0});
  if (conceal_) conceal_(out.pcm(), consecutive_);
}

JitterPull JitterBuffer::Pull(AudioFrame& out) {
  out.sample_rate = config_.sample_rate;
  out.count = frame_samples_;
  if (!playing_) {
    if (have_any_ && span() >= config_.target_depth) {
      playing_ = true;
    } else if (!played_any_) {
      out.pts_us = last_pts_;
      std::fill(out.samples.begin(), out.samples.begin() + static_cast<ptrdiff_t>(frame_samples_),
                int16_t{0});
      return JitterPull::kSilence;
    } else {
      // Rebuffering after an underrun: keep the call's audio continuous.
      Conceal(out);
      last_pts_ = out.pts_us;
      return JitterPull::kConcealed;
    }
  }
  played_any_ = true;
  if (buffered_ == 0) {
    // Nothing to play: the next packet is late, not necessarily lost, so the
    // sequence does not advance; playout waits for target depth again.
    ++stats_.underruns;
    playing_ = false;
    Conceal(out);
    last_pts_ = out.pts_us;
    return JitterPull::kConcealed;
  }
  const size_t slot = static_cast<size_t>(next_ % static_cast<int64_t>(config_.max_depth));
  ++next_;
  if (slot_seq_[slot] == next_ - 1) {
    slot_seq_[slot] = -1;
    --buffered_;
    ++stats_.played;
    consecutive_ = 0;
    const auto* src = pcm_.data() + slot * frame_samples_;
    std::copy(src, src + frame_samples_, out.samples.begin());
    out.pts_us = slot_pts_[slot];
    last_pts_ = out.pts_us;
    return JitterPull::kAudio;
  }
  ++stats_.lost;
  Conceal(out);
  last_pts_ = out.pts_us;
  return JitterPull::kConcealed;
}

}  // namespace voxdesk::media
