// What espeak-ng speaks: the rate asked for, a length that fits the words,
// real (non-silent) audio, both languages, the same samples every time, and
// whole 20 ms frames in every chunk.
#include <string>

#include "test_espeak_tts_support.h"

namespace voxdesk::providers {
namespace {

using testing::DeterministicTts;
using testing::RecordingSink;
using testing::Rms;
using testing::Seconds;
using testing::SharedTts;

constexpr const char* kEnglish =
    "Thank you for calling. Your cleaning is booked for Tuesday at ten in the morning.";
constexpr int kEnglishWords = 14;
constexpr const char* kSpanish =
    "Gracias por llamar. Su cita quedó reservada para el martes a las diez de la mañana.";
constexpr int kSpanishWords = 15;

TEST_CASE("espeak tts speaks English at every pipeline rate with a plausible length") {
  for (int rate : {8000, 16000, 24000, 48000}) {
    CAPTURE(rate);
    auto pcm = SynthesizeAll(SharedTts(), kEnglish, rate, dialog::Lang::kEn);
    REQUIRE_MESSAGE(pcm.ok(), pcm.status().message());
    const double per_word = Seconds(*pcm, rate) / kEnglishWords;
    CHECK_MESSAGE(per_word >= 0.2, "too short: " << per_word << " s per word");
    CHECK_MESSAGE(per_word <= 1.2, "too long: " << per_word << " s per word");
    CHECK_MESSAGE(Rms(*pcm) > 500, "nearly silent, RMS " << Rms(*pcm));
    CHECK_MESSAGE(pcm->size() % static_cast<size_t>(rate / 50) == 0,
                  "not whole 20 ms frames: " << pcm->size() << " samples");
  }
}

TEST_CASE("espeak tts keeps the length of speech the same across output rates") {
  // The repeatable voice, settled by a first run: the default voice's pitch
  // flutter makes lengths drift between runs (by tens of ms), whatever the
  // rate, which would hide what this checks.
  EspeakTts& tts = DeterministicTts();
  REQUIRE(SynthesizeAll(tts, kEnglish, 8000, dialog::Lang::kEn).ok());
  auto at8 = SynthesizeAll(tts, kEnglish, 8000, dialog::Lang::kEn);
  auto at48 = SynthesizeAll(tts, kEnglish, 48000, dialog::Lang::kEn);
  REQUIRE(at8.ok());
  REQUIRE(at48.ok());
  CHECK(std::abs(Seconds(*at8, 8000) - Seconds(*at48, 48000)) <= 0.021);
}

TEST_CASE("espeak tts speaks Spanish with the Spanish voice") {
  auto es = SynthesizeAll(SharedTts(), kSpanish, 16000, dialog::Lang::kEs);
  REQUIRE_MESSAGE(es.ok(), es.status().message());
  const double per_word = Seconds(*es, 16000) / kSpanishWords;
  CHECK_MESSAGE(per_word >= 0.2, "too short: " << per_word << " s per word");
  CHECK_MESSAGE(per_word <= 1.2, "too long: " << per_word << " s per word");
  CHECK_MESSAGE(Rms(*es) > 500, "nearly silent, RMS " << Rms(*es));
  // The same letters read by the English voice must sound different.
  auto en = SynthesizeAll(SharedTts(), kSpanish, 16000, dialog::Lang::kEn);
  REQUIRE(en.ok());
  CHECK_MESSAGE(*en != *es, "the Spanish stream spoke with the English voice");
}

TEST_CASE("espeak tts speaks another language it has with its own voice, else English") {
  constexpr const char* kFrench = "Bonjour, je voudrais un rendez-vous mardi matin.";
  EspeakTts& tts = DeterministicTts();
  REQUIRE(SynthesizeAll(tts, kFrench, 8000, "en").ok());  // settles espeak's state
  auto en = SynthesizeAll(tts, kFrench, 8000, "en");
  auto fr = SynthesizeAll(tts, kFrench, 8000, "fr-CA");  // no fr-ca voice: French
  auto unknown = SynthesizeAll(tts, kFrench, 8000, "tlh");
  auto bad = SynthesizeAll(tts, kFrench, 8000, "fr;rm -rf");  // never reaches a voice lookup
  REQUIRE(en.ok());
  REQUIRE(fr.ok());
  REQUIRE(unknown.ok());
  REQUIRE(bad.ok());
  CHECK_MESSAGE(Rms(*fr) > 500, "nearly silent, RMS " << Rms(*fr));
  CHECK_MESSAGE(*fr != *en, "the French stream spoke with the English voice");
  CHECK_MESSAGE(*unknown == *en, "a language espeak-ng lacks is not spoken in English");
  CHECK(*bad == *en);
  // The configured Spanish voice still wins for Spanish tags: the same
  // timing as Lang::kEs once a first run has settled the switch (the
  // samples differ by the voice's pitch flutter).
  REQUIRE(SynthesizeAll(tts, kSpanish, 8000, "es").ok());
  auto es = SynthesizeAll(tts, kSpanish, 8000, "es-MX");
  auto es_lang = SynthesizeAll(tts, kSpanish, 8000, dialog::Lang::kEs);
  auto es_en = SynthesizeAll(tts, kSpanish, 8000, "en");
  REQUIRE(es.ok());
  REQUIRE(es_lang.ok());
  REQUIRE(es_en.ok());
  CHECK(es->size() == es_lang->size());
  CHECK(es->size() != es_en->size());
}

TEST_CASE("espeak tts gives identical samples for the same text spoken twice") {
  EspeakTts& tts = DeterministicTts();
  // The first run settles the state espeak keeps from earlier tests.
  REQUIRE(SynthesizeAll(tts, kEnglish, 8000, dialog::Lang::kEn).ok());
  auto first = SynthesizeAll(tts, kEnglish, 8000, dialog::Lang::kEn);
  auto again = SynthesizeAll(tts, kEnglish, 8000, dialog::Lang::kEn);
  REQUIRE(first.ok());
  REQUIRE(again.ok());
  CHECK_MESSAGE(*first == *again, "two runs of the same text differ");
  // A Spanish utterance in between switches voices twice; the English
  // words and pauses come back the same.
  REQUIRE(SynthesizeAll(tts, kSpanish, 8000, dialog::Lang::kEs).ok());
  auto after = SynthesizeAll(tts, kEnglish, 8000, dialog::Lang::kEn);
  REQUIRE(after.ok());
  CHECK_MESSAGE(std::abs(Seconds(*after, 8000) - Seconds(*first, 8000)) < 0.1,
                Seconds(*first, 8000) << " s before, " << Seconds(*after, 8000) << " s after");
}

TEST_CASE("espeak tts default voice repeats a text with the same length within a pitch period") {
  // Only espeak's flutter phase differs between repeats (see
  // DeterministicTts); the words and pauses are the same.
  auto first = SynthesizeAll(SharedTts(), kEnglish, 8000, dialog::Lang::kEn);
  auto again = SynthesizeAll(SharedTts(), kEnglish, 8000, dialog::Lang::kEn);
  REQUIRE(first.ok());
  REQUIRE(again.ok());
  const double a = Seconds(*first, 8000);
  const double b = Seconds(*again, 8000);
  CHECK_MESSAGE(std::abs(a - b) <= 0.05 * a, a << " s then " << b << " s");
}

TEST_CASE("espeak tts chunks are whole 20 ms frames, at most chunk_ms, last only at the end") {
  for (int rate : {8000, 16000, 24000, 48000}) {
    CAPTURE(rate);
    RecordingSink sink;
    auto stream = SharedTts().Open(rate, "en", sink);
    REQUIRE(stream.ok());
    REQUIRE((*stream)->PushText(kEnglish).ok());
    REQUIRE((*stream)->Flush().ok());
    REQUIRE(!sink.chunks.empty());
    const size_t frame = static_cast<size_t>(rate / 50);
    const size_t max = frame * static_cast<size_t>(SharedTts().options().chunk_ms / 20);
    for (size_t i = 0; i < sink.chunks.size(); ++i) {
      const AudioChunk& c = sink.chunks[i];
      CAPTURE(i);
      CHECK(c.sample_rate == rate);
      CHECK_MESSAGE(c.pcm.size() % frame == 0, c.pcm.size() << " samples is not whole frames");
      CHECK(c.pcm.size() <= max);
      CHECK(c.last == (i + 1 == sink.chunks.size()));
    }
  }
}

TEST_CASE("espeak tts streams used in turn do not mix their audio") {
  const std::string a1 = "Your appointment is on Monday. ";
  const std::string a2 = "Please arrive ten minutes early.";
  const std::string b1 = "Su cita es el lunes. ";
  const std::string b2 = "Por favor llegue diez minutos antes.";
  RecordingSink sink_a;
  RecordingSink sink_b;
  auto a = DeterministicTts().Open(8000, "en", sink_a);
  auto b = DeterministicTts().Open(8000, "es", sink_b);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE((*a)->PushText(a1).ok());
  REQUIRE((*b)->PushText(b1).ok());
  REQUIRE((*a)->PushText(a2).ok());
  REQUIRE((*b)->PushText(b2).ok());
  REQUIRE((*b)->Flush().ok());
  REQUIRE((*a)->Flush().ok());
  auto alone_a = SynthesizeAll(DeterministicTts(), a1 + a2, 8000, dialog::Lang::kEn);
  auto alone_b = SynthesizeAll(DeterministicTts(), b1 + b2, 8000, dialog::Lang::kEs);
  REQUIRE(alone_a.ok());
  REQUIRE(alone_b.ok());
  // espeak's hidden per-process state (see DeterministicTts) lets the
  // samples depend on what was spoken before, by a pitch period or two;
  // a clause of the other stream would add a second or more.
  CHECK_MESSAGE(std::abs(Seconds(sink_a.pcm, 8000) - Seconds(*alone_a, 8000)) < 0.1,
                "English stream " << Seconds(sink_a.pcm, 8000) << " s, alone "
                                  << Seconds(*alone_a, 8000) << " s");
  CHECK_MESSAGE(std::abs(Seconds(sink_b.pcm, 8000) - Seconds(*alone_b, 8000)) < 0.1,
                "Spanish stream " << Seconds(sink_b.pcm, 8000) << " s, alone "
                                  << Seconds(*alone_b, 8000) << " s");
  CHECK_MESSAGE(sink_a.pcm != sink_b.pcm, "both streams got the same audio");
}

TEST_CASE("espeak tts stream takes a second utterance after Flush") {
  RecordingSink sink;
  auto stream = DeterministicTts().Open(16000, "en", sink);
  REQUIRE(stream.ok());
  REQUIRE((*stream)->PushText("Goodbye.").ok());
  REQUIRE((*stream)->Flush().ok());
  const std::vector<int16_t> first = sink.pcm;
  sink.pcm.clear();
  REQUIRE((*stream)->PushText("Goodbye.").ok());
  REQUIRE((*stream)->Flush().ok());
  CHECK_MESSAGE(sink.pcm == first, "the second utterance did not start from silence");
}

}  // namespace
}  // namespace voxdesk::providers
