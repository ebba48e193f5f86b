// The pocketsphinx stream contract: rates, bad input, lifecycle, events in
// order with plausible times, hints, Spanish without a model, decoder reuse.
#include <chrono>
#include <cstdio>
#include <fstream>

#include "media/halfband_resampler.h"
#include "test_pocketsphinx_support.h"

namespace voxdesk::providers {
namespace {

using namespace pstest;

const Utterance& Corpus(const std::string& id) {
  static const std::vector<Utterance> corpus = LoadCorpus();
  for (const Utterance& u : corpus)
    if (u.id == id) return u;
  FAIL("no utterance " << id);
  return corpus.front();
}

TEST_CASE("pocketsphinx rejects rates other than 8 and 16 kHz") {
  RecordingSink sink;
  for (int rate : {0, -8000, 11025, 24000, 48000}) {
    CAPTURE(rate);
    auto s = SharedStt()->Open(rate, "en", sink);
    REQUIRE_FALSE(s.ok());
    CHECK(s.status().code() == Code::kInvalidArgument);
  }
}

TEST_CASE("pocketsphinx Spanish without an installed model is a clear not-found error") {
  RecordingSink sink;
  auto s = SharedStt()->Open(8000, "es", sink);
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().code() == Code::kNotFound);
  CHECK(s.status().message().find("Spanish") != std::string::npos);
  CHECK(s.status().message().find("PocketsphinxOptions") != std::string::npos);

  // Switching an English stream to Spanish reports the same and keeps English.
  auto en = SharedStt()->Open(8000, "en", sink);
  REQUIRE(en.ok());
  (*en)->SetLanguage("es");
  REQUIRE(sink.errors.size() == 1);
  CHECK(sink.errors[0].code() == Code::kNotFound);
  Feed(**en, OnTheLine(Corpus("s13").pcm, 200, 1));
  CHECK(sink.finals.size() == 1);
}

TEST_CASE("pocketsphinx Create reports a missing model path") {
  PocketsphinxOptions o;
  o.english.dictionary = "/nonexistent/voxdesk.dict";
  auto r = PocketsphinxStt::Create(o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Code::kNotFound);
  CHECK(r.status().message().find("/nonexistent/voxdesk.dict") != std::string::npos);
}

TEST_CASE("pocketsphinx accepts empty pushes and rejects pushes after Finish") {
  RecordingSink sink;
  auto s = SharedStt()->Open(16000, "en", sink);
  REQUIRE(s.ok());
  CHECK((*s)->Push({}).ok());
  std::vector<int16_t> silence(320, 0);
  CHECK((*s)->Push(silence).ok());
  CHECK((*s)->Finish().ok());
  CHECK((*s)->Finish().ok());  // idempotent
  Status st = (*s)->Push(silence);
  CHECK(st.code() == Code::kConflict);
  (*s)->SetHint({RecognitionHint::Kind::kYesNo, {}});  // ignored, no crash
  CHECK(sink.finals.empty());
  CHECK(sink.errors.empty());
}

TEST_CASE("pocketsphinx hears nothing in a minute of silence, steady noise or clipped noise") {
  std::mt19937 rng(7);
  std::normal_distribution<double> gauss(0, 300);
  std::vector<int16_t> silence(8000 * 60, 0), hiss(8000 * 20), clipped(8000 * 5);
  for (auto& v : hiss) v = static_cast<int16_t>(std::clamp(gauss(rng), -32768.0, 32767.0));
  for (auto& v : clipped) v = gauss(rng) > 0 ? 32767 : -32768;
  for (const auto* pcm : {&silence, &hiss}) {
    RecordingSink sink;
    auto s = SharedStt()->Open(8000, "en", sink);
    REQUIRE(s.ok());
    Feed(**s, *pcm);
    CHECK_MESSAGE(sink.Text().empty(), "heard: " << sink.Text());
    CHECK(sink.partials.empty());
    CHECK(sink.errors.empty());
  }
  // Full-scale noise bursts may be taken for speech; what matters is no
  // crash, no error and a bounded utterance.
  RecordingSink sink;
  auto s = SharedStt()->Open(8000, "en", sink);
  REQUIRE(s.ok());
  Feed(**s, clipped);
  CHECK(sink.errors.empty());
  for (const Transcript& t : sink.finals) CHECK(t.end_ms - t.start_ms <= 15000 + 1000);
}

TEST_CASE("pocketsphinx emits partials then one final and an end of utterance per sentence") {
  RecordingSink sink;
  auto s = SharedStt()->Open(8000, "en", sink);
  REQUIRE(s.ok());
  const Utterance& a = Corpus("s05");
  const Utterance& b = Corpus("s13");
  std::vector<int16_t> call = OnTheLine(a.pcm, 200, 1);
  std::vector<int16_t> second = OnTheLine(b.pcm, 200, 2);
  call.insert(call.end(), second.begin(), second.end());
  Feed(**s, call);
  REQUIRE(sink.finals.size() == 2);
  REQUIRE(sink.ends.size() == 2);
  CHECK_FALSE(sink.partials.empty());
  const int64_t call_ms = static_cast<int64_t>(call.size()) / 8;
  const int64_t first_len = static_cast<int64_t>(a.pcm.size()) / 8;
  for (const Transcript& t : sink.finals) {
    CHECK(t.is_final);
    CHECK(t.confidence >= 0);
    CHECK(t.confidence <= 1);
    CHECK_FALSE(t.words.empty());
    CHECK(t.start_ms <= t.end_ms);
    int64_t prev = t.start_ms;
    for (const WordTiming& w : t.words) {
      CHECK(w.start_ms >= prev);
      CHECK(w.end_ms > w.start_ms);
      CHECK(w.confidence >= 0);
      CHECK(w.confidence <= 1);
      prev = w.end_ms;
    }
  }
  // The first sentence starts 300 ms in (its lead-in) and lasts about as
  // long as its audio; the 100 ms slack allows for frame rounding.
  CHECK(sink.finals[0].start_ms >= 100);
  CHECK(sink.finals[0].start_ms <= 700);
  CHECK(sink.finals[0].end_ms <= 300 + first_len + 300);
  CHECK(sink.finals[1].start_ms >= sink.finals[0].end_ms);
  CHECK(sink.ends[0] >= sink.finals[0].end_ms);
  CHECK(sink.ends[1] <= call_ms);
  for (const Transcript& p : sink.partials) CHECK_FALSE(p.is_final);
}

TEST_CASE("pocketsphinx 16 kHz input is recognised like 8 kHz input") {
  const Utterance& u = Corpus("s13");  // "yes"
  std::vector<int16_t> line = OnTheLine(u.pcm, 200, 3);
  auto up = media::HalfbandResampler::Create(8000, 16000);
  REQUIRE(up.ok());
  std::vector<int16_t> wide(line.size() * 2);
  REQUIRE(up->Process(line, wide).ok());
  RecordingSink sink;
  auto s = SharedStt()->Open(16000, "en", sink);
  REQUIRE(s.ok());
  (*s)->SetHint({RecognitionHint::Kind::kYesNo, {}});
  for (size_t off = 0; off < wide.size(); off += 320)
    REQUIRE((*s)->Push(std::span<const int16_t>(wide).subspan(
                           off, std::min<size_t>(320, wide.size() - off)))
                .ok());
  REQUIRE((*s)->Finish().ok());
  const std::string text = sink.Text();
  CHECK_MESSAGE((text == "yes" || text == "yeah" || text == "yep" || text == "yup"),
                "got: " << text);
}

TEST_CASE("pocketsphinx grammar hints fall back to the general LM for out-of-grammar speech") {
  // A full sentence under the yes/no grammar must not come back as "yes".
  RecordingSink sink;
  auto s = SharedStt()->Open(8000, "en", sink);
  REQUIRE(s.ok());
  (*s)->SetHint({RecognitionHint::Kind::kYesNo, {}});
  Feed(**s, OnTheLine(Corpus("s05").pcm, 200, 4));
  CHECK_MESSAGE(Words(sink.Text()).size() >= 4, "got: " << sink.Text());
}

TEST_CASE("pocketsphinx phrase hints and digits hints bias toward the expected words") {
  RecordingSink sink;
  auto s = SharedStt()->Open(8000, "en", sink);
  REQUIRE(s.ok());
  // "my name is ana ruiz": the phrase list names the caller.
  (*s)->SetHint({RecognitionHint::Kind::kName,
                 {"Ana Ruiz", "John Smith", "Maria Lopez", "zzqx unknownword"}});
  Feed(**s, OnTheLine(Corpus("s02").pcm, 200, 5));
  CHECK_MESSAGE(sink.Text().find("ruiz") != std::string::npos, "got: " << sink.Text());
}

TEST_CASE("pocketsphinx hands decoders back for reuse and measures their cost") {
  // A fresh recogniser, so the figures are its own.
  auto read_rss_kb = [] {
    std::ifstream f("/proc/self/status");
    for (std::string line; std::getline(f, line);)
      if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return 0L;
  };
  PocketsphinxOptions o;
  o.preload_decoders = 0;
  o.max_idle_decoders = 2;
  auto stt = PocketsphinxStt::Create(o);
  REQUIRE(stt.ok());
  CHECK((*stt)->idle_decoders() == 0);
  RecordingSink sink;
  long rss0 = read_rss_kb();
  auto t0 = std::chrono::steady_clock::now();
  auto a = (*stt)->Open(8000, "en", sink);
  auto t1 = std::chrono::steady_clock::now();
  REQUIRE(a.ok());
  long rss1 = read_rss_kb();
  a.value().reset();
  CHECK((*stt)->idle_decoders() == 1);
  auto t2 = std::chrono::steady_clock::now();
  auto b = (*stt)->Open(8000, "en", sink);
  auto t3 = std::chrono::steady_clock::now();
  REQUIRE(b.ok());
  CHECK((*stt)->idle_decoders() == 0);
  using ms = std::chrono::duration<double, std::milli>;
  std::printf(
      "pocketsphinx stream: new decoder %.0f ms, +%ld MB resident; reused decoder %.2f ms\n",
      ms(t1 - t0).count(), (rss1 - rss0) / 1024, ms(t3 - t2).count());
  CHECK(ms(t3 - t2).count() < ms(t1 - t0).count());
}

}  // namespace
}  // namespace voxdesk::providers
