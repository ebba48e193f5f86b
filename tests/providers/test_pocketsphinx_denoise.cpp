// The recogniser's optional noise suppression on 8 kHz streams: audio pushed
// in pieces that are not whole 20 ms frames is still all heard, in order.
#include "test_pocketsphinx_support.h"

namespace voxdesk::providers {
namespace {

using namespace pstest;

TEST_CASE("pocketsphinx with noise suppression hears each sentence pushed in odd-sized pieces") {
  PocketsphinxOptions o;
  o.preload_decoders = 0;
  o.telephone_noise_suppress_db = -20;
  auto stt = PocketsphinxStt::Create(o);
  REQUIRE_MESSAGE(stt.ok(), stt.status().message());
  static const std::vector<Utterance> corpus = LoadCorpus();
  REQUIRE(corpus.size() >= 2);
  std::vector<int16_t> call = OnTheLine(corpus[0].pcm, 200, 1);
  std::vector<int16_t> second = OnTheLine(corpus[1].pcm, 200, 2);
  call.insert(call.end(), second.begin(), second.end());
  call.resize(call.size() + 37);  // a last piece shorter than a frame

  RecordingSink sink;
  auto s = (*stt)->Open(8000, "en-US", sink);
  REQUIRE(s.ok());
  for (size_t off = 0; off < call.size(); off += 97) {
    const size_t n = std::min<size_t>(97, call.size() - off);
    REQUIRE((*s)->Push(std::span<const int16_t>(call.data() + off, n)).ok());
  }
  REQUIRE((*s)->Finish().ok());
  CHECK(sink.finals.size() == 2);
  CHECK(sink.ends.size() == sink.finals.size());
  for (const Transcript& t : sink.finals) CHECK_FALSE(t.words.empty());
  if (sink.finals.size() == 2) CHECK(sink.finals[1].start_ms >= sink.finals[0].end_ms);
}

}  // namespace
}  // namespace voxdesk::providers
