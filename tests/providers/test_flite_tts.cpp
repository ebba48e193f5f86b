// The Flite voice: real speech at the asked rate, in bounded chunks with an
// end mark, repeatable, English only, and silent once cancelled.
#include <doctest/doctest.h>

#include <cmath>

#include "providers/flite_tts.h"

using namespace voxdesk;
using namespace voxdesk::providers;

namespace {
struct Collect : TtsSink {
  std::vector<AudioChunk> chunks;
  void OnAudio(const AudioChunk& c) override { chunks.push_back(c); }
  void OnError(const Status&) override {}
  std::vector<int16_t> All() const {
    std::vector<int16_t> out;
    for (const auto& c : chunks) out.insert(out.end(), c.pcm.begin(), c.pcm.end());
    return out;
  }
};

std::vector<int16_t> Say(FliteTts& tts, const std::string& text, int rate,
                         Collect* keep = nullptr) {
  Collect sink;
  auto s = tts.Open(rate, "en", sink);
  REQUIRE(s.ok());
  REQUIRE((*s)->PushText(text).ok());
  REQUIRE((*s)->Flush().ok());
  if (keep) *keep = sink;
  return sink.All();
}
}  // namespace

TEST_CASE(
    "flite: speech at 8 and 16 kHz whose length fits the words, in 100 ms chunks ending with "
    "last") {
  auto tts = FliteTts::Create();
  REQUIRE(tts.ok());
  Collect sink;
  const auto pcm8 = Say(**tts, "Yes, please book the appointment for Tuesday at ten.", 8000, &sink);
  const double seconds = static_cast<double>(pcm8.size()) / 8000;
  CHECK(seconds > 1.5);
  CHECK(seconds < 6.0);
  CHECK(pcm8.size() % 160 == 0);  // whole 20 ms frames
  REQUIRE_FALSE(sink.chunks.empty());
  for (size_t i = 0; i < sink.chunks.size(); ++i) {
    CHECK(sink.chunks[i].sample_rate == 8000);
    CHECK(sink.chunks[i].pcm.size() <= 800);
    CHECK(sink.chunks[i].last == (i + 1 == sink.chunks.size()));
  }
  double energy = 0;
  for (int16_t s : pcm8) energy += static_cast<double>(s) * s;
  CHECK(std::sqrt(energy / static_cast<double>(pcm8.size())) > 300);  // speech, not silence
  const auto pcm16 = Say(**tts, "Yes, please book the appointment for Tuesday at ten.", 16000);
  CHECK(std::abs(static_cast<double>(pcm16.size()) / 16000 - seconds) < 0.05);
}

TEST_CASE("flite: the same text gives audio of the same length, a longer text gives more") {
  auto tts = FliteTts::Create();
  REQUIRE(tts.ok());
  // The samples may differ in the fine detail from one synthesis to the next
  // (Flite's clustergen keeps state in the voice), never in timing.
  CHECK(Say(**tts, "the second one please", 8000).size() ==
        Say(**tts, "the second one please", 8000).size());
  CHECK(Say(**tts, "the second one please, and thank you very much", 8000).size() >
        Say(**tts, "the second one please", 8000).size());
}

TEST_CASE(
    "flite: sentences are spoken as they are pushed; cancel stops; Spanish and odd rates are "
    "refused") {
  auto tts = FliteTts::Create();
  REQUIRE(tts.ok());
  Collect sink;
  auto s = (*tts)->Open(8000, "en", sink);
  REQUIRE(s.ok());
  REQUIRE((*s)->PushText("Hello there. And then").ok());
  CHECK_FALSE(sink.chunks.empty());  // the first sentence is out before the rest arrives
  const size_t before = sink.chunks.size();
  (*s)->Cancel();
  CHECK((*s)->PushText(" more.").code() == Code::kConflict);
  CHECK((*s)->Flush().code() == Code::kConflict);
  CHECK(sink.chunks.size() == before);
  CHECK((*tts)->Open(8000, "es", sink).status().code() == Code::kInvalidArgument);
  CHECK((*tts)->Open(11025, "en", sink).status().code() == Code::kInvalidArgument);
}
