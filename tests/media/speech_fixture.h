// Test-only helpers: real (synthetic) speech from espeak-ng, resampled with
// sox to the telephone rates, cached in the build tree so repeated runs only
// pay for synthesis once; plus seeded noise, level measurement and framing.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <span>
#include <string>
#include <vector>

#include <unistd.h>

#include "media/frame.h"

namespace voxdesk::media::testing {

// Reads a 16-bit mono PCM RIFF/WAVE file. espeak-ng and sox both write the
// canonical layout; chunk sizes past the end of the file are clamped.
inline std::vector<int16_t> ReadWav(const std::string& path, int* rate) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto u32 = [&](size_t at) {
    uint32_t v = 0;
    std::memcpy(&v, bytes.data() + at, 4);
    return v;
  };
  auto u16 = [&](size_t at) {
    uint16_t v = 0;
    std::memcpy(&v, bytes.data() + at, 2);
    return v;
  };
  REQUIRE_MESSAGE(bytes.size() >= 12, "not a WAV file: ", path);
  REQUIRE(std::memcmp(bytes.data(), "RIFF", 4) == 0);
  REQUIRE(std::memcmp(bytes.data() + 8, "WAVE", 4) == 0);
  std::vector<int16_t> out;
  size_t at = 12;
  while (at + 8 <= bytes.size()) {
    const size_t size = std::min<size_t>(u32(at + 4), bytes.size() - at - 8);
    if (std::memcmp(bytes.data() + at, "fmt ", 4) == 0) {
      REQUIRE(u16(at + 8) == 1);    // PCM
      REQUIRE(u16(at + 10) == 1);   // mono
      REQUIRE(u16(at + 22) == 16);  // 16-bit
      *rate = static_cast<int>(u32(at + 12));
    } else if (std::memcmp(bytes.data() + at, "data", 4) == 0) {
      out.resize(size / 2);
      std::memcpy(out.data(), bytes.data() + at + 8, out.size() * 2);
    }
    at += 8 + size + (size & 1);
  }
  return out;
}

struct Voice {
  const char* name;
  int words_per_minute;
  int pitch;  // espeak-ng -p, 0-99
};

// Synthesises `text` with espeak-ng and resamples it to `rate` with sox.
// Results are cached under the build tree, keyed by all the inputs.
inline std::vector<int16_t> Speak(const std::string& text, const Voice& voice, int rate) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(VOXDESK_BINARY_DIR) / "test_speech";
  fs::create_directories(dir);
  const std::string key = text + '|' + voice.name + '|' + std::to_string(voice.words_per_minute) +
                          '|' + std::to_string(voice.pitch) + '|' + std::to_string(rate);
  const std::string stem = (dir / std::to_string(std::hash<std::string>{}(key))).string();
  const std::string out = stem + ".wav";
  if (!fs::exists(out)) {
    // Test binaries run in parallel and may want the same clip: every process
    // works on its own scratch files and renames the result into place
    // atomically, so a reader never sees a half-written WAV.
    const std::string scratch = stem + "." + std::to_string(::getpid());
    { std::ofstream(scratch + ".txt") << text; }
    const std::string cmd = "espeak-ng -v " + std::string(voice.name) + " -s " +
                            std::to_string(voice.words_per_minute) + " -p " +
                            std::to_string(voice.pitch) + " -w " + scratch + ".raw.wav -f " +
                            scratch + ".txt && sox " + scratch + ".raw.wav -r " +
                            std::to_string(rate) + " " + scratch + ".tmp.wav && mv " + scratch +
                            ".tmp.wav " + out + " && rm -f " + scratch + ".txt " + scratch +
                            ".raw.wav";
    REQUIRE_MESSAGE(std::system(cmd.c_str()) == 0, "speech synthesis failed: ", cmd);
  }
  int got_rate = 0;
  auto pcm = ReadWav(out, &got_rate);
  REQUIRE(got_rate == rate);
  REQUIRE_MESSAGE(!pcm.empty(), "espeak-ng produced no audio for: ", text);
  return pcm;
}

// Receptionist-style sentences: varied phonetics, numbers, names and times,
// which is what a caller actually says over DTMF-capable lines.
inline const std::vector<std::string>& Sentences() {
  static const std::vector<std::string> s = {
      "Hello, I would like to book an appointment for next Tuesday afternoon.",
      "Can you move my cleaning from Friday at nine to Monday morning instead?",
      "My name is Margaret Oliveira and my date of birth is the fourth of July.",
      "I need to cancel the consultation I made for tomorrow at three thirty.",
      "Is doctor Patel available any time this week before lunch?",
      "The phone number is five five five, two one nine, eight seven six zero.",
      "We have a leaking pipe under the kitchen sink and water everywhere.",
      "Could somebody come out to look at the furnace on Saturday?",
      "Yes, that works for me, please go ahead and confirm it.",
      "No, actually, the earlier slot would be much better for my schedule.",
      "What are your opening hours on public holidays and weekends?",
      "I am calling about my daughter's vaccination appointment.",
      "Do you accept insurance from Blue Shield or only cash payments?",
      "Please send the confirmation to my email address, thank you so much.",
      "How long does the first visit usually take, roughly an hour?",
      "I have been waiting for a callback since Wednesday morning.",
      "Sorry, could you repeat that? The line is really quite bad today.",
      "Seven forty five in the evening would be perfect if it is still free.",
      "Is there parking near the office, or should I take the bus?",
      "My husband will bring the documents, he is called Thomas Brennan.",
      "We need a lawyer to review a lease agreement before the end of the month.",
      "The tenant has not paid rent for three months and stopped answering.",
      "Could I speak to a real person, please? This is rather urgent.",
      "I think I left my reading glasses in the waiting room yesterday.",
      "Book me in with whoever is free first, I do not mind at all.",
      "The pain started on Sunday night and it keeps getting worse.",
      "Eight, nine, ten, eleven and twelve o'clock are all fine with me.",
      "Zero one two three four five six seven eight nine, star, pound.",
      "Thank you very much for your help, have a wonderful afternoon.",
      "Wait a second, let me check my calendar before we decide anything.",
      "Does the electrician charge extra for emergency visits at night?",
      "I would rather not give my address over the phone, if that is okay.",
      "Our air conditioning unit is making a loud rattling noise again.",
      "Can you remind me what I need to bring to the first appointment?",
      "She is allergic to penicillin and also to some kinds of nuts.",
      "The twenty third of November, a Thursday, at quarter past ten.",
      "Hmm, I am not sure, maybe sometime in the middle of next week?",
      "Please cancel everything I have booked for the whole of December.",
      "Is it possible to get a same day appointment for my dog's ear infection?",
      "Right, so that is Tuesday the ninth at two, with Sarah. Great.",
  };
  return s;
}

// Four renditions of every sentence (voice, speed and pitch vary so that
// harmonics land on many different frequencies), each once, back to back.
inline const std::vector<Voice>& Voices() {
  static const std::vector<Voice> v = {{"en-us", 150, 50},
                                       {"en-gb+f3", 175, 70},
                                       {"en-us+m3", 135, 25},
                                       {"en-gb-scotland", 190, 60}};
  return v;
}

inline double RmsDbfs(std::span<const int16_t> x) {
  double acc = 0;
  for (int16_t s : x) acc += static_cast<double>(s) * s;
  const double ms = x.empty() ? 0 : acc / static_cast<double>(x.size());
  return ms > 0 ? 10 * std::log10(ms / (32768.0 * 32768.0)) : -200;
}

inline int16_t Clip(double v) {
  return static_cast<int16_t>(std::lround(std::clamp(v, -32768.0, 32767.0)));
}

// Adds Gaussian white noise with the given RMS (dBFS), seeded.
inline std::vector<int16_t> AddWhiteNoise(std::span<const int16_t> x, double noise_dbfs,
                                          uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> gauss(0.0, 32768.0 * std::pow(10.0, noise_dbfs / 20));
  std::vector<int16_t> out(x.size());
  for (size_t i = 0; i < x.size(); ++i) out[i] = Clip(x[i] + gauss(rng));
  return out;
}

// Frame `index` (20 ms) of a signal, with pts on the stream clock.
inline AudioFrame FrameAt(std::span<const int16_t> x, int rate, size_t index) {
  AudioFrame f;
  f.sample_rate = rate;
  const size_t n = SamplesPer(rate);
  f.count = n;
  f.pts_us = static_cast<int64_t>(index) * kFrameMs * 1000;
  for (size_t i = 0; i < n; ++i) {
    const size_t at = index * n + i;
    f.samples[i] = at < x.size() ? x[at] : 0;
  }
  return f;
}

}  // namespace voxdesk::media::testing
