// Bad input to the espeak-ng TTS gets a clear error and loses nothing:
// empty text, broken UTF-8, control characters, huge text, unsupported
// rates, missing voices or data, options out of range.
#include <string>

#include "test_espeak_tts_support.h"

namespace voxdesk::providers {
namespace {

using testing::DeterministicTts;
using testing::RecordingSink;
using testing::Rms;
using testing::SharedTts;

TEST_CASE("espeak tts empty or unspeakable text gives one empty last chunk") {
  for (const char* text : {"", "   ", " ... ?! \n"}) {
    CAPTURE(text);
    RecordingSink sink;
    auto stream = SharedTts().Open(8000, "en", sink);
    REQUIRE(stream.ok());
    REQUIRE((*stream)->PushText(text).ok());
    REQUIRE((*stream)->Flush().ok());
    REQUIRE(sink.chunks.size() == 1);
    CHECK(sink.chunks[0].pcm.empty());
    CHECK(sink.chunks[0].last);
  }
}

TEST_CASE("espeak tts rejects invalid UTF-8 and keeps the stream usable") {
  RecordingSink sink;
  auto stream = SharedTts().Open(8000, "en", sink);
  REQUIRE(stream.ok());
  for (const char* bad :
       {"caf\xC3\x28", "\xFF hello", "\xED\xA0\x80", "\xC0\xAF", "ok \xF4\x90\x80\x80"}) {
    const Status st = (*stream)->PushText(bad);
    CHECK_MESSAGE(st.code() == Code::kInvalidArgument, "accepted: " << st.message());
    CHECK(st.message().find("UTF-8") != std::string::npos);
  }
  CHECK(sink.chunks.empty());
  REQUIRE((*stream)->PushText("Hello.").ok());
  REQUIRE((*stream)->Flush().ok());
  CHECK(Rms(sink.pcm) > 500);
}

TEST_CASE("espeak tts takes a character split across two pushes") {
  RecordingSink split;
  auto stream = DeterministicTts().Open(8000, "es", split);
  REQUIRE(stream.ok());
  REQUIRE((*stream)->PushText("Ma\xC3").ok());
  CHECK((*stream)->Flush().code() == Code::kInvalidArgument);  // ends inside the character
  REQUIRE((*stream)
              ->PushText("\xB1"
                         "ana.")
              .ok());
  REQUIRE((*stream)->Flush().ok());
  auto whole = SynthesizeAll(DeterministicTts(),
                             "Ma\xC3\xB1"
                             "ana.",
                             8000, dialog::Lang::kEs);
  REQUIRE(whole.ok());
  CHECK_MESSAGE(split.pcm.size() == whole->size(), "the split character was read differently");
}

TEST_CASE("espeak tts reads control characters and NUL as spaces") {
  auto with = SynthesizeAll(DeterministicTts(), std::string("one\0two\x07three", 13), 8000,
                            dialog::Lang::kEn);
  auto plain = SynthesizeAll(DeterministicTts(), "one two three", 8000, dialog::Lang::kEn);
  REQUIRE(with.ok());
  REQUIRE(plain.ok());
  // Same words, same pauses: the same length (the samples may differ by
  // espeak's flutter phase, see DeterministicTts).
  CHECK(with->size() == plain->size());
}

TEST_CASE("espeak tts survives very long text and very long words") {
  std::string text(3000, 'a');
  text += " ";
  for (int i = 0; i < 40; ++i) text += "supercalifragilistic ";
  text += std::string(500, '9');
  auto pcm = SynthesizeAll(SharedTts(), text, 8000, dialog::Lang::kEn);
  REQUIRE_MESSAGE(pcm.ok(), pcm.status().message());
  CHECK(!pcm->empty());
}

TEST_CASE("espeak tts rejects unsupported sample rates") {
  RecordingSink sink;
  for (int rate : {0, -8000, 11025, 22050, 44100, 96000}) {
    CAPTURE(rate);
    auto stream = SharedTts().Open(rate, "en", sink);
    REQUIRE(!stream.ok());
    CHECK(stream.status().code() == Code::kInvalidArgument);
    CHECK(stream.status().message().find(std::to_string(rate)) != std::string::npos);
  }
}

TEST_CASE("espeak tts names the voice that is missing") {
  SharedTts();  // the engine is initialised; a bad voice must not break it
  EspeakOptions o;
  o.voice_es = "zz-nonexistent";
  auto tts = EspeakTts::Create(o);
  REQUIRE(!tts.ok());
  CHECK(tts.status().code() == Code::kNotFound);
  CHECK_MESSAGE(tts.status().message().find("'zz-nonexistent'") != std::string::npos,
                tts.status().message());
  auto after = SynthesizeAll(SharedTts(), "Su cita.", 8000, dialog::Lang::kEs);
  REQUIRE_MESSAGE(after.ok(), after.status().message());
  CHECK(Rms(*after) > 500);
}

TEST_CASE("espeak tts names a data path without espeak data") {
  SharedTts();
  EspeakOptions o;
  o.data_path = "/nonexistent/espeak-data-dir";
  auto tts = EspeakTts::Create(o);
  REQUIRE(!tts.ok());
  // kConflict once espeak-ng runs on other data, kNotFound before.
  CHECK((tts.status().code() == Code::kNotFound || tts.status().code() == Code::kConflict));
  CHECK_MESSAGE(tts.status().message().find("/nonexistent/espeak-data-dir") != std::string::npos,
                tts.status().message());
}

TEST_CASE("espeak tts rejects options out of range") {
  const auto bad = [](auto edit) {
    EspeakOptions o;
    edit(o);
    auto tts = EspeakTts::Create(o);
    return !tts.ok() && tts.status().code() == Code::kInvalidArgument;
  };
  CHECK(bad([](EspeakOptions& o) { o.rate_wpm = 10; }));
  CHECK(bad([](EspeakOptions& o) { o.rate_wpm = 1000; }));
  CHECK(bad([](EspeakOptions& o) { o.pitch = -1; }));
  CHECK(bad([](EspeakOptions& o) { o.chunk_ms = 30; }));
  CHECK(bad([](EspeakOptions& o) { o.chunk_ms = 0; }));
  CHECK(bad([](EspeakOptions& o) { o.max_clause_bytes = 2; }));
  CHECK(bad([](EspeakOptions& o) { o.resample_quality = 11; }));
  CHECK(bad([](EspeakOptions& o) { o.voice_en.clear(); }));
}

TEST_CASE("espeak tts honours its own rate and chunk options") {
  EspeakOptions o;
  o.rate_wpm = 300;
  o.chunk_ms = 20;
  auto fast = EspeakTts::Create(o);
  REQUIRE_MESSAGE(fast.ok(), fast.status().message());
  RecordingSink sink;
  auto stream = (*fast)->Open(8000, "en", sink);
  REQUIRE(stream.ok());
  const char* text = "Thank you for calling, how can I help you today?";
  REQUIRE((*stream)->PushText(text).ok());
  REQUIRE((*stream)->Flush().ok());
  for (const AudioChunk& c : sink.chunks) CHECK(c.pcm.size() == 160);
  auto normal = SynthesizeAll(SharedTts(), text, 8000, dialog::Lang::kEn);
  REQUIRE(normal.ok());
  CHECK_MESSAGE(sink.pcm.size() < normal->size() * 3 / 4, "300 wpm is not faster than 175");
}

}  // namespace
}  // namespace voxdesk::providers
