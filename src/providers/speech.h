// The speech provider interfaces (STT and TTS), shaped for streaming cloud
// services (Deepgram, ElevenLabs) and implemented by the embedded engines
// (pocketsphinx, espeak-ng). Asynchronous by contract: results arrive on
// the sink callbacks, on the thread that calls Push/Poll (embedded engines)
// or on the session's event loop (network adapters), never concurrently
// for one stream.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "dialog/lang.h"

namespace voxdesk::providers {

// ------------------------------------------------------------------ STT

struct WordTiming {
  std::string word;
  int64_t start_ms = 0;  // from the start of the stream
  int64_t end_ms = 0;
  double confidence = 0;
};

struct Transcript {
  std::string text;
  double confidence = 0;  // in [0, 1]
  bool is_final = false;  // false: a partial that may still change
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  std::vector<WordTiming> words;
  // The BCP-47 tag of the language the engine heard ("fr", "pt-BR"); empty
  // when the engine does not say (the embedded engines never do).
  std::string language;
};

// What the dialog expects next, so an engine can bias or constrain
// recognition (grammars, keyword boosts), with a general fallback.
struct RecognitionHint {
  // kBirthDate: a date said with its year ("march third nineteen eighty
  // five"), never a relative day or a time.
  enum class Kind {
    kAny,
    kYesNo,
    kDate,
    kTime,
    kName,
    kDigits,
    kService,
    kBirthDate
  } kind = Kind::kAny;
  std::vector<std::string> phrases;  // e.g. service names and synonyms
};

class SttSink {
 public:
  virtual ~SttSink() = default;
  virtual void OnTranscript(const Transcript& t) = 0;
  // The caller stopped speaking (endpointing / utterance end).
  virtual void OnEndOfUtterance(int64_t at_ms) = 0;
  virtual void OnError(const Status& st) = 0;
};

// One recognition stream per call.
class SttStream {
 public:
  virtual ~SttStream() = default;
  // 16-bit mono PCM at the rate the stream was opened with.
  virtual Status Push(std::span<const int16_t> pcm) = 0;
  virtual void SetHint(const RecognitionHint& hint) = 0;
  // `language` is a BCP-47 tag ("en", "es-MX", "fr"); an engine that cannot
  // recognise it keeps the closest language it has.
  virtual void SetLanguage(std::string_view language) = 0;
  // No more audio: flush a final transcript.
  virtual Status Finish() = 0;
};

class Stt {
 public:
  virtual ~Stt() = default;
  virtual Result<std::unique_ptr<SttStream>> Open(int sample_rate, std::string_view language,
                                                  SttSink& sink) = 0;
};

// ------------------------------------------------------------------ TTS

struct AudioChunk {
  std::vector<int16_t> pcm;  // mono, at the rate asked for
  int sample_rate = 0;
  bool last = false;  // the end of this utterance
};

class TtsSink {
 public:
  virtual ~TtsSink() = default;
  virtual void OnAudio(const AudioChunk& chunk) = 0;
  virtual void OnError(const Status& st) = 0;
};

// One synthesis stream: text may be pushed in pieces (as an LLM streams it);
// audio comes out as soon as a piece is speakable.
class TtsStream {
 public:
  virtual ~TtsStream() = default;
  virtual Status PushText(std::string_view text) = 0;
  // No more text for this utterance: synthesise what is left.
  virtual Status Flush() = 0;
  // Barge-in: drop pending text and audio at once; no more OnAudio calls.
  virtual void Cancel() = 0;
  // Delivers audio that arrived since the last call. Network engines
  // deliver only from PushText, Flush and Poll, on the caller's thread, so
  // the owner calls it every tick while it waits for audio; embedded
  // engines deliver inside PushText/Flush and have nothing to do here.
  virtual void Poll() {}
};

class Tts {
 public:
  virtual ~Tts() = default;
  virtual Result<std::unique_ptr<TtsStream>> Open(int sample_rate, std::string_view language,
                                                  TtsSink& sink) = 0;
};

}  // namespace voxdesk::providers
