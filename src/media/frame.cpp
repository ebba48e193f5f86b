#include "media/frame.h"

namespace voxdesk::media {

FramePool::FramePool(size_t capacity) : storage_(capacity) {
  free_.reserve(capacity);
  for (auto& f : storage_) free_.push_back(&f);
}

FramePool::Ptr FramePool::Acquire() {
  if (free_.empty()) return Ptr(nullptr, Release{this});
  AudioFrame* f = free_.back();
  free_.pop_back();
  f->count = 0;
  f->pts_us = 0;
  return Ptr(f, Release{this});
}

void FramePool::Put(AudioFrame* f) {
  if (f) free_.push_back(f);
}

}  // namespace voxdesk::media
