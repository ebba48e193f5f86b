#include <doctest/doctest.h>

#include <array>
#include <limits>
#include <vector>

#include "media/jitter_buffer.h"

using namespace voxdesk::media;

namespace {

// A frame whose samples all equal `tag`, so the pulled order is visible.
std::array<int16_t, 160> Tagged(int16_t tag) {
  std::array<int16_t, 160> f{};
  f.fill(tag);
  return f;
}

JitterBuffer Make(JitterBufferConfig c = {}, ConcealFn plc = {}) {
  auto jb = JitterBuffer::Create(c, std::move(plc));
  REQUIRE_MESSAGE(jb.ok(), jb.status().message());
  return std::move(jb).value();
}

void PushTagged(JitterBuffer& jb, uint64_t seq, int16_t tag) {
  auto f = Tagged(tag);
  REQUIRE(jb.Push(seq, int64_t{tag} * 20000, f) == JitterPush::kAccepted);
}

}  // namespace

TEST_CASE("jitter: reordered packets come out in sequence order") {
  auto jb = Make();
  for (uint64_t s : {1, 3, 2, 5, 4, 6}) PushTagged(jb, s, static_cast<int16_t>(s));
  CHECK(jb.stats().reordered == 2);
  AudioFrame f;
  for (int16_t want = 1; want <= 6; ++want) {
    REQUIRE(jb.Pull(f) == JitterPull::kAudio);
    CHECK(f.count == 160);
    CHECK(f.samples[0] == want);
    CHECK(f.pts_us == want * 20000);
  }
  CHECK(jb.stats().played == 6);
  CHECK(jb.stats().lost == 0);
}

TEST_CASE("jitter: a lost packet is concealed exactly once, by the PLC") {
  std::vector<uint32_t> calls;
  auto jb = Make({}, [&](std::span<int16_t> out, uint32_t consecutive) {
    calls.push_back(consecutive);
    for (auto& s : out) s = 777;
  });
  for (uint64_t s : {10, 11, 13, 14}) PushTagged(jb, s, static_cast<int16_t>(s));
  AudioFrame f;
  std::vector<int16_t> heard;
  std::vector<JitterPull> kinds;
  for (int i = 0; i < 4; ++i) {
    kinds.push_back(jb.Pull(f));
    heard.push_back(f.samples[0]);
  }
  CHECK(heard == std::vector<int16_t>{10, 11, 777, 13});
  CHECK(kinds[2] == JitterPull::kConcealed);
  CHECK(f.pts_us == 13 * 20000);
  REQUIRE(jb.Pull(f) == JitterPull::kAudio);
  CHECK(f.samples[0] == 14);
  CHECK(calls == std::vector<uint32_t>{1});
  CHECK(jb.stats().lost == 1);
  CHECK(jb.stats().concealed == 1);
}

TEST_CASE("jitter: without a PLC a gap is silence with a continuous timestamp") {
  auto jb = Make();
  for (uint64_t s : {1, 2, 4}) PushTagged(jb, s, static_cast<int16_t>(s));
  AudioFrame f;
  jb.Pull(f);
  jb.Pull(f);
  REQUIRE(jb.Pull(f) == JitterPull::kConcealed);
  CHECK(f.count == 160);
  CHECK(f.pts_us == 3 * 20000);
  for (size_t i = 0; i < f.count; ++i) REQUIRE(f.samples[i] == 0);
}

TEST_CASE("jitter: a concealed frame after a timestamp at the top of the range does not overflow") {
  auto jb = Make();
  constexpr int64_t kTop = std::numeric_limits<int64_t>::max();
  for (uint64_t s : {1, 2, 4}) {
    auto f = Tagged(static_cast<int16_t>(s));
    REQUIRE(jb.Push(s, kTop - 5, f) == JitterPush::kAccepted);
  }
  AudioFrame f;
  jb.Pull(f);
  jb.Pull(f);
  REQUIRE(jb.Pull(f) == JitterPull::kConcealed);
  CHECK(f.pts_us == kTop);
}

TEST_CASE("jitter: packets arriving after their turn are dropped and counted as late") {
  auto jb = Make();
  for (uint64_t s : {1, 2, 4}) PushTagged(jb, s, static_cast<int16_t>(s));
  AudioFrame f;
  jb.Pull(f);
  jb.Pull(f);
  jb.Pull(f);  // 3 concealed
  auto three = Tagged(3);
  CHECK(jb.Push(3, 60000, three) == JitterPush::kLate);
  CHECK(jb.Push(1, 20000, three) == JitterPush::kLate);
  CHECK(jb.stats().late == 2);
  REQUIRE(jb.Pull(f) == JitterPull::kAudio);
  CHECK(f.samples[0] == 4);
}

TEST_CASE("jitter: duplicates are dropped and counted") {
  auto jb = Make();
  PushTagged(jb, 5, 5);
  auto again = Tagged(99);
  CHECK(jb.Push(5, 0, again) == JitterPush::kDuplicate);
  CHECK(jb.stats().duplicate == 1);
  CHECK(jb.buffered() == 1);
}

TEST_CASE("jitter: playout waits for target depth, then an underrun rebuffers without losing") {
  auto jb = Make({.target_depth = 2});
  AudioFrame f;
  CHECK(jb.Pull(f) == JitterPull::kSilence);
  PushTagged(jb, 1, 1);
  CHECK(jb.Pull(f) == JitterPull::kSilence);  // one frame spanned, target is two
  PushTagged(jb, 2, 2);
  CHECK(jb.Pull(f) == JitterPull::kAudio);
  CHECK(jb.Pull(f) == JitterPull::kAudio);
  CHECK(jb.Pull(f) == JitterPull::kConcealed);  // network stalled
  CHECK(jb.stats().underruns == 1);
  PushTagged(jb, 3, 3);  // delayed, not lost
  CHECK(jb.Pull(f) == JitterPull::kConcealed);
  PushTagged(jb, 4, 4);
  REQUIRE(jb.Pull(f) == JitterPull::kAudio);
  CHECK(f.samples[0] == 3);
  CHECK(jb.stats().lost == 0);
  CHECK(jb.stats().late == 0);
  CHECK(jb.stats().concealed == 2);
}

TEST_CASE("jitter: a packet swapped with the first one is not lost before playout starts") {
  auto jb = Make();
  for (uint64_t s : {2, 1, 3}) PushTagged(jb, s, static_cast<int16_t>(s));
  AudioFrame f;
  for (int16_t want = 1; want <= 3; ++want) {
    REQUIRE(jb.Pull(f) == JitterPull::kAudio);
    CHECK(f.samples[0] == want);
  }
}

TEST_CASE("jitter: latency is bounded, and a burst beyond max depth drops to target depth") {
  auto jb = Make({.target_depth = 3, .max_depth = 6});
  for (uint64_t s = 1; s <= 6; ++s) PushTagged(jb, s, static_cast<int16_t>(s));
  CHECK(jb.span() == 6);
  PushTagged(jb, 7, 7);
  CHECK(jb.span() == 3);
  CHECK(jb.stats().dropped == 4);  // 1..4 dropped, 5..7 kept
  AudioFrame f;
  REQUIRE(jb.Pull(f) == JitterPull::kAudio);
  CHECK(f.samples[0] == 5);
  // A jump far ahead (a sender restart) resynchronises instead of stalling.
  PushTagged(jb, 1000, 10);
  CHECK(jb.span() == 3);
  CHECK(jb.buffered() == 1);
  REQUIRE(jb.Pull(f) == JitterPull::kConcealed);
  REQUIRE(jb.Pull(f) == JitterPull::kConcealed);
  REQUIRE(jb.Pull(f) == JitterPull::kAudio);
  CHECK(f.samples[0] == 10);
}

TEST_CASE("jitter: 16-bit sequence numbers wrap around without a gap") {
  auto jb = Make();
  const uint64_t seqs[] = {65533, 65535, 65534, 0, 1, 2};
  for (size_t i = 0; i < std::size(seqs); ++i)
    PushTagged(jb, seqs[i], static_cast<int16_t>(seqs[i] > 60000 ? seqs[i] - 65533 : seqs[i] + 3));
  AudioFrame f;
  for (int16_t want = 0; want < 6; ++want) {
    REQUIRE(jb.Pull(f) == JitterPull::kAudio);
    CHECK(f.samples[0] == want);
  }
  CHECK(jb.stats().lost == 0);
  CHECK(jb.stats().late == 0);
  auto late = Tagged(0);
  CHECK(jb.Push(65535, 0, late) == JitterPush::kLate);
  CHECK(jb.Push(70000, 0, late) == JitterPush::kInvalid);
}

TEST_CASE("jitter: 64-bit counters (Twilio chunks) pass through unwrapped") {
  auto jb = Make({.sequence_bits = 64});
  for (uint64_t s : {70000, 70002, 70001}) PushTagged(jb, s, static_cast<int16_t>(s - 70000));
  AudioFrame f;
  for (int16_t want = 0; want < 3; ++want) {
    REQUIRE(jb.Pull(f) == JitterPull::kAudio);
    CHECK(f.samples[0] == want);
  }
}

TEST_CASE("jitter: wrong frame sizes and bad configurations are rejected") {
  auto jb = Make();
  std::array<int16_t, 159> short_frame{};
  CHECK(jb.Push(1, 0, short_frame) == JitterPush::kInvalid);
  CHECK(jb.stats().invalid == 1);
  CHECK(jb.buffered() == 0);
  CHECK_FALSE(JitterBuffer::Validate({.sample_rate = 44100}).ok());
  CHECK_FALSE(JitterBuffer::Validate({.target_depth = 0}).ok());
  CHECK_FALSE(JitterBuffer::Validate({.target_depth = 5, .max_depth = 4}).ok());
  CHECK_FALSE(JitterBuffer::Validate({.sequence_bits = 8}).ok());
  auto m = JitterBuffer::Validate({.sample_rate = 44100});
  CHECK(m.message().find("44100") != std::string::npos);
}

TEST_CASE("jitter: 48 kHz frames are full size and every push is accounted for") {
  auto jb = Make({.sample_rate = 48000});
  std::vector<int16_t> frame(960, 1);
  for (uint64_t s : {1, 2, 2, 4, 3, 9, 5}) (void)jb.Push(s, 0, frame);
  AudioFrame f;
  for (int i = 0; i < 12; ++i) {
    jb.Pull(f);
    REQUIRE(f.count == 960);
  }
  const auto& st = jb.stats();
  CHECK(st.received ==
        st.played + st.late + st.duplicate + st.dropped + st.invalid + jb.buffered());
}
