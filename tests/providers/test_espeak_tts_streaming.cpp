// Streaming behaviour of the espeak-ng TTS: audio for a clause before the
// reply is complete, Cancel that stops audio at once (from the sink and from
// another thread), and the figures the session's latency budget needs.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "test_espeak_tts_support.h"

namespace voxdesk::providers {
namespace {

using testing::RecordingSink;
using testing::Seconds;
using testing::SharedTts;

std::string LongReply(int sentences) {
  std::string text;
  for (int i = 0; i < sentences; ++i)
    text += "Your appointment with doctor Lopez is confirmed for Tuesday at ten in the morning. ";
  return text;
}

TEST_CASE("espeak tts speaks the first sentence before the rest of the reply is pushed") {
  RecordingSink sink;
  auto stream = SharedTts().Open(8000, "en", sink);
  REQUIRE(stream.ok());
  REQUIRE((*stream)->PushText("Sure").ok());
  CHECK_MESSAGE(sink.chunks.empty(), "audio for an unfinished clause");
  REQUIRE((*stream)->PushText(", I can help with that").ok());
  CHECK_MESSAGE(!sink.chunks.empty(), "no audio after a complete clause");
  const size_t after_clause = sink.chunks.size();
  REQUIRE((*stream)->PushText(". What day").ok());
  CHECK_MESSAGE(sink.chunks.size() > after_clause, "no audio after '. ' ended a sentence");
  const size_t after_sentence = sink.chunks.size();
  REQUIRE((*stream)->PushText(" works for you at 3.").ok());
  CHECK_MESSAGE(sink.chunks.size() == after_sentence,
                "'.' without a following space ended a clause");
  REQUIRE((*stream)->PushText("5? ").ok());
  CHECK_MESSAGE(sink.chunks.size() > after_sentence, "no audio after a question");
  for (const AudioChunk& c : sink.chunks) CHECK_MESSAGE(!c.last, "last before Flush");
  REQUIRE((*stream)->Flush().ok());
  CHECK(sink.chunks.back().last);
}

TEST_CASE("espeak tts keeps abbreviations and numbers inside their clause") {
  RecordingSink sink;
  auto stream = SharedTts().Open(8000, "en", sink);
  REQUIRE(stream.ok());
  REQUIRE((*stream)
              ->PushText("Dr. Smith sees you at 10:30 a.m. on the 3.5 mile route for 1,000 dollars")
              .ok());
  CHECK_MESSAGE(sink.chunks.empty(), "a clause ended at an abbreviation or inside a number");
  REQUIRE((*stream)->Flush().ok());
  CHECK(!sink.chunks.empty());
}

TEST_CASE("espeak tts starts a run-on reply at the length cap") {
  RecordingSink sink;
  auto stream = SharedTts().Open(8000, "en", sink);
  REQUIRE(stream.ok());
  std::string words;
  while (words.size() < 300) words += "and then we will see ";
  REQUIRE((*stream)->PushText(words).ok());
  CHECK_MESSAGE(!sink.chunks.empty(), "no audio for 300 bytes without punctuation");
  REQUIRE((*stream)->Flush().ok());
}

TEST_CASE("espeak tts Cancel from inside OnAudio stops all further audio") {
  RecordingSink sink;
  auto stream = SharedTts().Open(8000, "en", sink);
  REQUIRE(stream.ok());
  TtsStream* s = stream->get();
  sink.on_audio = [s](const AudioChunk&) { s->Cancel(); };
  REQUIRE((*stream)->PushText(LongReply(5)).ok());
  CHECK_MESSAGE(sink.chunks.size() == 1, sink.chunks.size() << " OnAudio calls after Cancel");
  CHECK((*stream)->PushText("More text.").code() == Code::kConflict);
  CHECK((*stream)->Flush().code() == Code::kConflict);
  CHECK(sink.chunks.size() == 1);
}

TEST_CASE("espeak tts Cancel from another thread aborts synthesis in progress") {
  RecordingSink sink;
  auto stream = SharedTts().Open(8000, "en", sink);
  REQUIRE(stream.ok());
  std::mutex mu;
  std::condition_variable cv;
  bool first = false;
  std::atomic<int> calls{0};
  sink.on_audio = [&](const AudioChunk&) {
    calls.fetch_add(1);
    std::lock_guard<std::mutex> lk(mu);
    first = true;
    cv.notify_one();
  };
  // One push of a long run-on text: synthesis is in progress when Cancel
  // arrives (the cut clauses keep it busy for a long time).
  std::string text;
  while (text.size() < 60000) text += "one more word ";
  Status push_status;
  std::thread pusher([&] { push_status = (*stream)->PushText(text); });
  {
    std::unique_lock<std::mutex> lk(mu);
    REQUIRE(cv.wait_for(lk, std::chrono::seconds(30), [&] { return first; }));
  }
  (*stream)->Cancel();
  const int at_cancel = calls.load();
  pusher.join();
  CHECK_MESSAGE(calls.load() == at_cancel, (calls.load() - at_cancel)
                                               << " OnAudio calls after Cancel");
  CHECK(push_status.ok());
  // The whole text is many minutes of speech; far less was delivered.
  CHECK(Seconds(sink.pcm, 8000) < 120);
}

TEST_CASE("espeak tts rejects a call from its own OnAudio other than Cancel") {
  RecordingSink sink;
  auto stream = SharedTts().Open(8000, "en", sink);
  REQUIRE(stream.ok());
  TtsStream* s = stream->get();
  Status inner;
  sink.on_audio = [&](const AudioChunk&) {
    if (inner.ok()) inner = s->PushText("again.");
    if (inner.ok()) inner = Status(Code::kInternal, "the nested PushText was accepted");
  };
  REQUIRE((*stream)->PushText("Hello there. ").ok());
  CHECK_MESSAGE(inner.code() == Code::kConflict, inner.message());
}

TEST_CASE("espeak tts time to first audio and real-time factor at 8 kHz") {
  using Clock = std::chrono::steady_clock;
  // Warm: the voice is loaded and pages touched, as in a running call.
  REQUIRE(SynthesizeAll(SharedTts(), "Hello.", 8000, dialog::Lang::kEn).ok());

  RecordingSink sink;
  Clock::time_point first_at{};
  sink.on_audio = [&](const AudioChunk&) {
    if (first_at == Clock::time_point{}) first_at = Clock::now();
  };
  auto stream = SharedTts().Open(8000, "en", sink);
  REQUIRE(stream.ok());
  const auto t0 = Clock::now();
  REQUIRE((*stream)->PushText("Sure, I can book you for Tuesday at ten in the morning. ").ok());
  REQUIRE(first_at != Clock::time_point{});
  const double ttfa_ms = std::chrono::duration<double, std::milli>(first_at - t0).count();

  const std::string reply = LongReply(10);
  const auto t1 = Clock::now();
  auto pcm = SynthesizeAll(SharedTts(), reply, 8000, dialog::Lang::kEn);
  const double took = std::chrono::duration<double>(Clock::now() - t1).count();
  REQUIRE(pcm.ok());
  const double rtf = took / Seconds(*pcm, 8000);
  MESSAGE("espeak tts: first audio "
          << ttfa_ms << " ms after a one-sentence push; real-time factor " << rtf << " at 8 kHz ("
          << Seconds(*pcm, 8000) << " s of audio in " << took * 1000 << " ms)");
  // Generous bounds (sanitizer builds are several times slower): a phone
  // call needs the first audio well inside a second and synthesis faster
  // than playback.
  CHECK(ttfa_ms < 500);
  CHECK(rtf < 0.5);
}

}  // namespace
}  // namespace voxdesk::providers
