// The embedded text-to-speech engine on espeak-ng: the voice of `voxdesk
// demo` and of deployments without a cloud TTS key. Formant synthesis needs
// no model files beyond espeak-ng-data and runs a few hundred times faster
// than real time, so a reply is spoken clause by clause while it is still
// being written: PushText synthesises every complete clause (ended by
// . ? ! , ; : or a line break, or cut at a length cap) before it returns,
// and the audio reaches the sink before the rest of the reply is known.
//
// Audio: 16-bit mono PCM, resampled (SpeexDSP) from espeak's native rate
// (22050 Hz) to the rate the stream was opened with (8, 16, 24 or 48 kHz),
// in chunks that are whole 20 ms frames and at most `chunk_ms` long. The
// resampler runs continuously across the clauses of an utterance, so the
// audio of a reply is the same however its text was split into pushes
// (as long as the clauses are the same); Flush pads the tail to a whole
// frame and marks the final chunk `last`.
//
// Repeatability: espeak-ng 1.51 keeps waveform state from one synthesis to
// the next that no API resets (the pitch-flutter phase, a roughness cycle
// counter and a gain control are statics in its wavegen.c). The first
// utterance of a process is the same in every process; later ones keep
// their words and pauses but may differ by a pitch period in the fine
// waveform. Voice variants without flutter and roughness (such as
// "en-us+Denis") repeat a text sample for sample once the first utterance
// is out.
//
// Threading: espeak-ng keeps all of its state in globals and is not
// thread-safe, so every call into it (initialisation, voice changes,
// synthesis) is serialised by one process-wide mutex; streams on different
// threads take turns clause by clause. The lock is released before audio
// is delivered, so a sink never runs under it. This engine assumes it is
// the only user of libespeak-ng in the process. espeak_ng_Initialize sets
// LC_CTYPE to a UTF-8 locale (the library needs one for its character
// classes); that change is process-wide and stays.
//
// A stream is used by one thread at a time (PushText, Flush), and its sink
// is called on that thread, inside PushText or Flush. Cancel may be called
// from any thread, including from inside OnAudio: it aborts a synthesis in
// progress, and once it returns no OnAudio call is running or will start
// (from another thread it waits for a running OnAudio to return). A
// cancelled stream stays cancelled: PushText and Flush then return
// kConflict, and the next reply opens a new stream. After Flush, a stream
// that was not cancelled takes the next utterance.
//
// Errors are returned by the call that met them (PushText, Flush); this
// engine never calls TtsSink::OnError, since all its work is synchronous.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "dialog/lang.h"
#include "providers/speech.h"

namespace voxdesk::providers {

struct EspeakOptions {
  // espeak-ng voice names per language (`espeak-ng --voices=es` lists them).
  // Only espeak's own voices: MBROLA voices synthesise at another rate.
  std::string voice_en = "en-us";
  std::string voice_es = "es-419";  // Latin American Spanish: most US callers
  int rate_wpm = 175;               // words per minute, 80..450
  int pitch = 50;                   // 0..100, 50 is the voice's own
  // Directory holding espeak-ng-data (or that directory itself); empty: the
  // library's built-in default. espeak-ng is initialised once per process,
  // so every EspeakTts in a process must use the same data.
  std::string data_path;
  // Longest audio per OnAudio call, a multiple of 20 in 20..1000.
  int chunk_ms = 100;
  // Text without clause punctuation is cut at a space once it reaches this
  // many bytes, so a run-on reply still starts speaking; 16..4096.
  int max_clause_bytes = 240;
  // SpeexDSP resampler quality 0..10 (5 keeps espeak's 5-11 kHz band from
  // folding into the 8 kHz telephone band).
  int resample_quality = 5;
};

class EspeakTts final : public Tts {
 public:
  // Initialises espeak-ng (once per process) and checks that both voices
  // load: kInvalidArgument for options out of range, kNotFound naming the
  // voice or data path that is missing, kConflict for a data path other
  // than the one espeak-ng was already initialised with.
  static Result<std::unique_ptr<EspeakTts>> Create(EspeakOptions options = {});

  // sample_rate must be 8000, 16000, 24000 or 48000 (kInvalidArgument
  // otherwise). The stream speaks `language` (BCP-47) with that language's
  // voice: voice_en / voice_es for English and Spanish, espeak-ng's own
  // voice for another tag it has ("fr", "pt-BR"), else voice_en. A stream
  // keeps its language, so a call switching language opens a new stream.
  // `sink` must outlive the stream. Streams may outlive the engine.
  Result<std::unique_ptr<TtsStream>> Open(int sample_rate, std::string_view language,
                                          TtsSink& sink) override;

  const EspeakOptions& options() const { return options_; }
  // espeak-ng's output rate before resampling (22050 Hz for its voices).
  int native_rate() const { return native_rate_; }

 private:
  std::string VoiceFor(std::string_view language) const;
  EspeakTts(EspeakOptions options, int native_rate)
      : options_(std::move(options)), native_rate_(native_rate) {}

  EspeakOptions options_;
  int native_rate_;
};

// Speaks `text` as one utterance and returns all of its audio at
// `sample_rate` (for tests, the demo and prompt caching).
Result<std::vector<int16_t>> SynthesizeAll(Tts& tts, std::string_view text, int sample_rate,
                                           dialog::Lang lang);
// The same for a BCP-47 tag ("fr", "pt-BR").
Result<std::vector<int16_t>> SynthesizeAll(Tts& tts, std::string_view text, int sample_rate,
                                           std::string_view language);

}  // namespace voxdesk::providers
