#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "media/playout_queue.h"

using namespace voxdesk::media;
using namespace std::chrono_literals;

namespace {

PlayoutQueue Make(PlayoutQueueConfig c = {}) {
  auto q = PlayoutQueue::Create(c);
  REQUIRE_MESSAGE(q.ok(), q.status().message());
  return std::move(q).value();
}

std::vector<int16_t> Tone(size_t n, int16_t v) {
  return std::vector<int16_t>(n, v);
}

std::vector<std::string> PopAll(PlayoutQueue& q) {
  std::vector<std::string> names;
  std::string n;
  while (q.PopReachedMark(n)) names.push_back(n);
  return names;
}

}  // namespace

TEST_CASE("playout: chunks of any length come out as full 20 ms frames in order") {
  auto q = Make();
  REQUIRE(q.Enqueue(Tone(100, 1)).ok());
  REQUIRE(q.Enqueue(Tone(250, 2)).ok());  // 350 samples: two frames and a 30-sample tail
  AudioFrame f;
  REQUIRE(q.NextFrame(f));
  CHECK(f.count == 160);
  CHECK(f.samples[99] == 1);
  CHECK(f.samples[100] == 2);
  CHECK(f.pts_us == 0);
  REQUIRE(q.NextFrame(f));
  CHECK(f.pts_us == 20000);
  REQUIRE(q.NextFrame(f));
  CHECK(f.count == 160);
  CHECK(f.samples[29] == 2);
  CHECK(f.samples[30] == 0);  // tail padded with silence
  CHECK_FALSE(q.NextFrame(f));
}

TEST_CASE("playout: marks are reported in order when playout passes them") {
  auto q = Make();
  REQUIRE(q.Enqueue(Tone(320, 1)).ok());
  REQUIRE(q.Mark("greeting").ok());
  REQUIRE(q.Enqueue(Tone(200, 2)).ok());
  REQUIRE(q.Mark("question").ok());
  REQUIRE(q.Mark("question-end").ok());
  AudioFrame f;
  REQUIRE(q.NextFrame(f));
  CHECK(PopAll(q).empty());
  REQUIRE(q.NextFrame(f));
  CHECK(PopAll(q) == std::vector<std::string>{"greeting"});
  REQUIRE(q.NextFrame(f));
  CHECK(PopAll(q).empty());  // 40 of the 200 samples still queued
  REQUIRE(q.NextFrame(f));
  CHECK(PopAll(q) == std::vector<std::string>{"question", "question-end"});
  CHECK(q.last_mark_played() == "question-end");
  CHECK(q.empty());
}

TEST_CASE("playout: a mark with no audio after it is reached on the next tick") {
  auto q = Make();
  REQUIRE(q.Mark("start").ok());
  AudioFrame f;
  CHECK_FALSE(q.NextFrame(f));
  CHECK(PopAll(q) == std::vector<std::string>{"start"});
}

TEST_CASE("playout: barge-in clear stops within one frame and reports the last mark played") {
  auto q = Make();
  REQUIRE(q.Enqueue(Tone(800, 1)).ok());  // 100 ms
  REQUIRE(q.Mark("prompt-1").ok());
  REQUIRE(q.Enqueue(Tone(8000, 2)).ok());  // 1 s
  REQUIRE(q.Mark("prompt-2").ok());
  REQUIRE(q.Enqueue(Tone(800, 3)).ok());
  REQUIRE(q.Mark("prompt-3").ok());
  AudioFrame f;
  for (int i = 0; i < 7; ++i) REQUIRE(q.NextFrame(f));  // 140 ms played
  CHECK(f.samples[0] == 2);

  auto r = q.Clear();
  REQUIRE(r.last_mark_played.has_value());
  CHECK(*r.last_mark_played == "prompt-1");
  CHECK(r.dropped_marks == std::vector<std::string>{"prompt-2", "prompt-3"});
  CHECK(r.dropped_samples == 800 + 8000 + 800 - 7 * 160);
  CHECK_FALSE(q.NextFrame(f));                               // nothing of the dropped audio plays
  CHECK(PopAll(q) == std::vector<std::string>{"prompt-1"});  // heard, so still reported
  CHECK(q.empty());

  // The queue keeps working after barge-in.
  REQUIRE(q.Enqueue(Tone(160, 4)).ok());
  REQUIRE(q.Mark("after").ok());
  REQUIRE(q.NextFrame(f));
  CHECK(f.samples[0] == 4);
  CHECK(PopAll(q) == std::vector<std::string>{"after"});
}

TEST_CASE("playout: clear before any mark is reached reports none played") {
  auto q = Make();
  REQUIRE(q.Enqueue(Tone(1600, 1)).ok());
  REQUIRE(q.Mark("m").ok());
  AudioFrame f;
  REQUIRE(q.NextFrame(f));
  auto r = q.Clear();
  CHECK_FALSE(r.last_mark_played.has_value());
  CHECK(r.dropped_marks == std::vector<std::string>{"m"});
}

TEST_CASE("playout: capacity is bounded and a rejected chunk leaves the queue unchanged") {
  auto q = Make({.sample_rate = 16000, .max_duration = 100ms, .max_marks = 2});
  REQUIRE(q.Enqueue(Tone(1000, 1)).ok());
  auto st = q.Enqueue(Tone(601, 2));
  REQUIRE_FALSE(st.ok());
  CHECK(st.code() == voxdesk::Code::kConflict);
  CHECK(st.message().find("playout queue full") != std::string::npos);
  CHECK(q.queued_samples() == 1000);
  CHECK(q.Enqueue(Tone(600, 2)).ok());
  REQUIRE(q.Mark("a").ok());
  REQUIRE(q.Mark("b").ok());
  CHECK(q.Mark("c").code() == voxdesk::Code::kConflict);
  CHECK(q.Mark("").code() == voxdesk::Code::kInvalidArgument);
  // Wrapping the ring keeps samples intact.
  AudioFrame f;
  for (int i = 0; i < 5; ++i) REQUIRE(q.NextFrame(f));
  REQUIRE(q.Enqueue(Tone(1500, 3)).ok());
  size_t threes = 0;
  while (q.NextFrame(f))
    for (size_t i = 0; i < f.count; ++i) threes += f.samples[i] == 3;
  CHECK(threes == 1500);
}

TEST_CASE("playout: invalid configurations are rejected") {
  CHECK_FALSE(PlayoutQueue::Validate({.sample_rate = 11025}).ok());
  CHECK_FALSE(PlayoutQueue::Validate({.max_duration = 5ms}).ok());
  CHECK_FALSE(PlayoutQueue::Validate({.max_marks = 0}).ok());
}
