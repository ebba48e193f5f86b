// Shared pieces of the pocketsphinx tests: one recogniser for the whole
// binary (a decoder takes a third of a second to build), a sink that
// records everything, the committed test utterances, noise and WER.
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "media/g711.h"
#include "media/wav_io.h"
#include "providers/pocketsphinx_stt.h"

namespace voxdesk::providers::pstest {

inline std::shared_ptr<PocketsphinxStt> SharedStt() {
  static std::shared_ptr<PocketsphinxStt> stt = [] {
    PocketsphinxOptions o;
    o.preload_decoders = 1;
    auto r = PocketsphinxStt::Create(o);
    REQUIRE_MESSAGE(r.ok(), r.status().message());
    return r.value();
  }();
  return stt;
}

struct RecordingSink : SttSink {
  std::vector<Transcript> finals, partials;
  std::vector<int64_t> ends;
  std::vector<Status> errors;
  void OnTranscript(const Transcript& t) override { (t.is_final ? finals : partials).push_back(t); }
  void OnEndOfUtterance(int64_t at_ms) override { ends.push_back(at_ms); }
  void OnError(const Status& st) override { errors.push_back(st); }
  std::string Text() const {
    std::string s;
    for (const Transcript& t : finals) {
      if (t.text.empty()) continue;
      if (!s.empty()) s += ' ';
      s += t.text;
    }
    return s;
  }
};

struct Utterance {
  std::string id, kind, text;
  std::vector<int16_t> pcm;  // 8 kHz
};

inline std::string DataDir() {
  return std::string(VOXDESK_SOURCE_DIR) + "/tests/providers/data/";
}

inline std::vector<Utterance> LoadCorpus() {
  std::vector<Utterance> out;
  std::ifstream f(DataDir() + "sentences.txt");
  REQUIRE_MESSAGE(f.good(), "tests/providers/data/sentences.txt is missing");
  for (std::string line; std::getline(f, line);) {
    if (line.empty() || line[0] == '#') continue;
    Utterance u;
    std::istringstream ss(line);
    std::getline(ss, u.id, '|');
    std::getline(ss, u.kind, '|');
    std::getline(ss, u.text);
    auto wav = media::ReadWavFile(DataDir() + u.id + ".wav");
    REQUIRE_MESSAGE(wav.ok(), u.id << ".wav: " << wav.status().message());
    REQUIRE(wav->sample_rate == 8000);
    u.pcm = std::move(wav->samples);
    out.push_back(std::move(u));
  }
  return out;
}

// Silence before and after (so the voice detector sees the end), white
// Gaussian noise at `snr_db` relative to the speech power over the whole
// call, then a G.711 mu-law round trip as a phone line would apply.
inline std::vector<int16_t> OnTheLine(const std::vector<int16_t>& speech, double snr_db,
                                      uint32_t seed) {
  std::vector<double> x(2400, 0.0);  // 0.3 s lead-in
  double power = 0;
  for (int16_t s : speech) {
    x.push_back(s);
    power += double(s) * s;
  }
  power /= std::max<size_t>(1, speech.size());
  x.resize(x.size() + 7200, 0.0);  // 0.9 s of trailing silence
  if (snr_db < 100) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> n(0.0, std::sqrt(power / std::pow(10.0, snr_db / 10)));
    for (double& v : x) v += n(rng);
  }
  std::vector<int16_t> out(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    double v = std::clamp(std::round(x[i]), -32768.0, 32767.0);
    out[i] = media::g711::UlawToLinear(media::g711::LinearToUlaw(static_cast<int16_t>(v)));
  }
  return out;
}

// Pushes 20 ms frames at 8 kHz, then Finish.
inline void Feed(SttStream& s, const std::vector<int16_t>& pcm) {
  for (size_t off = 0; off < pcm.size(); off += 160) {
    size_t n = std::min<size_t>(160, pcm.size() - off);
    REQUIRE(s.Push(std::span<const int16_t>(pcm.data() + off, n)).ok());
  }
  REQUIRE(s.Finish().ok());
}

inline std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> w;
  std::istringstream ss(s);
  for (std::string t; ss >> t;) w.push_back(t);
  return w;
}

// Word-level Levenshtein distance.
inline size_t WordEdits(const std::vector<std::string>& ref, const std::vector<std::string>& hyp) {
  std::vector<size_t> prev(hyp.size() + 1), cur(hyp.size() + 1);
  for (size_t j = 0; j <= hyp.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= ref.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= hyp.size(); ++j) {
      size_t sub = prev[j - 1] + (ref[i - 1] == hyp[j - 1] ? 0 : 1);
      cur[j] = std::min({sub, prev[j] + 1, cur[j - 1] + 1});
    }
    std::swap(prev, cur);
  }
  return prev[hyp.size()];
}

}  // namespace voxdesk::providers::pstest
