// Playout queue for the agent's speech. TTS audio arrives in chunks of any
// length; the session takes one 20 ms frame per tick and sends it to the
// caller. Named marks sit between chunks, and playout reports each one when
// it passes it, so the session knows exactly what the caller has heard
// (which prompt finished, where an interruption landed).
//
// Clear() is barge-in: the very next NextFrame() returns nothing, and the
// result says which mark was the last one actually played and which queued
// marks were dropped unheard.
//
// Audio lives in a fixed ring sized for `max_duration` and marks in a fixed
// ring of `max_marks`, both allocated at construction; Enqueue beyond either
// bound is rejected with a Status (back-pressure, never growth). NextFrame()
// does not allocate, lock or log. Thread safety: one owner thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "media/frame.h"

namespace voxdesk::media {

struct PlayoutQueueConfig {
  int sample_rate = 8000;
  std::chrono::milliseconds max_duration{60000};  // audio queued at most
  size_t max_marks = 256;                         // marks queued or unreported at most
};

struct PlayoutClearResult {
  std::optional<std::string> last_mark_played;  // newest mark playout passed, if any
  std::vector<std::string> dropped_marks;       // queued marks never reached, in order
  size_t dropped_samples = 0;
};

class PlayoutQueue {
 public:
  static Status Validate(const PlayoutQueueConfig& config);
  static Result<PlayoutQueue> Create(const PlayoutQueueConfig& config);

  // Appends samples at the configured rate. All or nothing: a chunk that does
  // not fit is rejected with kConflict and the queue is unchanged.
  Status Enqueue(std::span<const int16_t> pcm);
  // Places a mark after everything enqueued so far. Empty names are rejected.
  Status Mark(std::string_view name);

  // One tick. Fills `out` with the next 20 ms and returns true, or returns
  // false when nothing is queued. A trailing piece shorter than a frame is
  // played padded with silence rather than held back, so an utterance's end
  // and its mark are never stuck behind a missing next chunk.
  bool NextFrame(AudioFrame& out);

  // Reached marks, oldest first; returns false when none is waiting.
  bool PopReachedMark(std::string& name);

  // Drops all queued audio and unreached marks (barge-in). Marks already
  // reached but not yet popped stay poppable: the caller did hear them.
  PlayoutClearResult Clear();

  size_t queued_samples() const { return static_cast<size_t>(write_pos_ - read_pos_); }
  // The most audio Enqueue can hold at once (max_duration at the rate).
  size_t capacity_samples() const { return ring_.size(); }
  size_t pending_marks() const { return mark_tail_ - mark_reached_; }
  bool empty() const { return write_pos_ == read_pos_ && pending_marks() == 0; }
  // Samples played since construction; NextFrame's pts is derived from it.
  uint64_t played_samples() const { return read_pos_; }
  const std::optional<std::string>& last_mark_played() const { return last_mark_; }

 private:
  explicit PlayoutQueue(const PlayoutQueueConfig& config);
  void ReachMarks();

  struct MarkSlot {
    std::string name;
    uint64_t pos = 0;  // absolute sample position the mark follows
  };

  PlayoutQueueConfig config_;
  size_t frame_samples_ = 0;
  std::vector<int16_t> ring_;
  uint64_t write_pos_ = 0;  // absolute sample positions (never wrap in practice)
  uint64_t read_pos_ = 0;
  // Marks ring, as absolute counters: [head, reached) were passed and wait to
  // be popped, [reached, tail) are still ahead of playout.
  std::vector<MarkSlot> marks_;
  size_t mark_head_ = 0;
  size_t mark_reached_ = 0;
  size_t mark_tail_ = 0;
  std::optional<std::string> last_mark_;
};

}  // namespace voxdesk::media
