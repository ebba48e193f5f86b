// Shared pieces of the espeak-ng TTS tests: one engine for the process
// (espeak-ng is process-wide anyway) and a sink that records what it gets.
#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>
#include <vector>

#include "providers/espeak_tts.h"

namespace voxdesk::providers::testing {

inline EspeakTts& SharedTts() {
  static std::unique_ptr<EspeakTts> tts = [] {
    auto r = EspeakTts::Create();
    REQUIRE_MESSAGE(r.ok(), "espeak-ng engine: " << r.status().message());
    return std::move(r).value();
  }();
  return *tts;
}

// espeak-ng 1.51 carries its pitch-flutter phase from one synthesis to the
// next (a static counter in wavegen.c with no reset), so the default voices
// repeat a text with slightly different samples within one process. Voice
// variants without flutter or roughness repeat it exactly once settled
// (the first utterance of a process differs; gain control is hidden state
// too): tests that compare samples use this engine.
inline EspeakTts& DeterministicTts() {
  static std::unique_ptr<EspeakTts> tts = [] {
    EspeakOptions o;
    o.voice_en = "en-us+Denis";
    o.voice_es = "es-419+Denis";
    auto r = EspeakTts::Create(o);
    REQUIRE_MESSAGE(r.ok(), "espeak-ng engine: " << r.status().message());
    return std::move(r).value();
  }();
  return *tts;
}

struct RecordingSink final : TtsSink {
  void OnAudio(const AudioChunk& chunk) override {
    chunks.push_back(chunk);
    pcm.insert(pcm.end(), chunk.pcm.begin(), chunk.pcm.end());
    if (on_audio) on_audio(chunk);
  }
  void OnError(const Status& st) override { errors.push_back(st); }

  std::vector<AudioChunk> chunks;
  std::vector<int16_t> pcm;
  std::vector<Status> errors;
  std::function<void(const AudioChunk&)> on_audio;
};

inline double Rms(const std::vector<int16_t>& pcm) {
  if (pcm.empty()) return 0;
  double sum = 0;
  for (int16_t s : pcm) sum += static_cast<double>(s) * s;
  return std::sqrt(sum / static_cast<double>(pcm.size()));
}

inline double Seconds(const std::vector<int16_t>& pcm, int rate) {
  return static_cast<double>(pcm.size()) / rate;
}

}  // namespace voxdesk::providers::testing
