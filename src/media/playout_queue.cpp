#include "media/playout_queue.h"

#include <algorithm>

namespace voxdesk::media {

Status PlayoutQueue::Validate(const PlayoutQueueConfig& c) {
  if (!IsSupportedRate(c.sample_rate))
    return InvalidArgument("playout queue: sample_rate " + std::to_string(c.sample_rate) +
                           " Hz is not one of 8000, 16000, 24000, 48000");
  if (c.max_duration < std::chrono::milliseconds(kFrameMs) ||
      c.max_duration > std::chrono::minutes(10))
    return InvalidArgument("playout queue: max_duration must be between 20 ms and 10 min, not " +
                           std::to_string(c.max_duration.count()) + " ms");
  if (c.max_marks < 1 || c.max_marks > 65536)
    return InvalidArgument("playout queue: max_marks must be between 1 and 65536");
  return Status::Ok();
}

Result<PlayoutQueue> PlayoutQueue::Create(const PlayoutQueueConfig& config) {
  VOXDESK_RETURN_IF_ERROR(Validate(config));
  return PlayoutQueue(config);
}

PlayoutQueue::PlayoutQueue(const PlayoutQueueConfig& config)
    : config_(config),
      frame_samples_(SamplesPer(config.sample_rate)),
      ring_(static_cast<size_t>(config.max_duration.count()) *
            static_cast<size_t>(config.sample_rate) / 1000),
      marks_(config.max_marks) {}

Status PlayoutQueue::Enqueue(std::span<const int16_t> pcm) {
  const size_t free = ring_.size() - queued_samples();
  if (pcm.size() > free)
    return Conflict("playout queue full: " + std::to_string(pcm.size()) + " samples offered, " +
                    std::to_string(free) + " of " + std::to_string(ring_.size()) +
                    " free (max_duration " + std::to_string(config_.max_duration.count()) + " ms)");
  size_t done = 0;
  while (done < pcm.size()) {
    const size_t at = static_cast<size_t>((write_pos_ + done) % ring_.size());
    const size_t n = std::min(pcm.size() - done, ring_.size() - at);
    std::copy_n(pcm.begin() + static_cast<ptrdiff_t>(done), n,
                ring_.begin() + static_cast<ptrdiff_t>(at));
    done += n;
  }
  write_pos_ += pcm.size();
  return Status::Ok();
}

Status PlayoutQueue::Mark(std::string_view name) {
  if (name.empty()) return InvalidArgument("playout queue: mark name is empty");
  if (mark_tail_ - mark_head_ >= marks_.size())
    return Conflict("playout queue: " + std::to_string(marks_.size()) +
                    " marks already queued or unreported (max_marks)");
  MarkSlot& m = marks_[mark_tail_ % marks_.size()];
  m.name.assign(name);
  m.pos = write_pos_;
  ++mark_tail_;
  return Status::Ok();
}

void PlayoutQueue::ReachMarks() {
  while (mark_reached_ < mark_tail_ && marks_[mark_reached_ % marks_.size()].pos <= read_pos_) {
    // Assigning into the optional reuses its buffer once it has grown.
    const std::string& name = marks_[mark_reached_ % marks_.size()].name;
    if (last_mark_)
      last_mark_->assign(name);
    else
      last_mark_.emplace(name);
    ++mark_reached_;
  }
}

bool PlayoutQueue::NextFrame(AudioFrame& out) {
  const size_t n = std::min(frame_samples_, queued_samples());
  if (n == 0) {
    ReachMarks();  // marks placed after the last audio are passed now
    return false;
  }
  out.sample_rate = config_.sample_rate;
  out.count = frame_samples_;
  out.pts_us =
      static_cast<int64_t>(read_pos_ * 1000000 / static_cast<uint64_t>(config_.sample_rate));
  size_t done = 0;
  while (done < n) {
    const size_t at = static_cast<size_t>((read_pos_ + done) % ring_.size());
    const size_t k = std::min(n - done, ring_.size() - at);
    std::copy_n(ring_.begin() + static_cast<ptrdiff_t>(at), k,
                out.samples.begin() + static_cast<ptrdiff_t>(done));
    done += k;
  }
  std::fill(out.samples.begin() + static_cast<ptrdiff_t>(n),
            out.samples.begin() + static_cast<ptrdiff_t>(frame_samples_), int16_t{0});
  read_pos_ += n;
  ReachMarks();
  return true;
}

bool PlayoutQueue::PopReachedMark(std::string& name) {
  if (mark_head_ == mark_reached_) return false;
  name.assign(marks_[mark_head_ % marks_.size()].name);
  ++mark_head_;
  return true;
}

PlayoutClearResult PlayoutQueue::Clear() {
  PlayoutClearResult r;
  r.last_mark_played = last_mark_;
  r.dropped_samples = queued_samples();
  for (size_t i = mark_reached_; i < mark_tail_; ++i)
    r.dropped_marks.push_back(marks_[i % marks_.size()].name);
  mark_tail_ = mark_reached_;
  read_pos_ = write_pos_;
  return r;
}

}  // namespace voxdesk::media
