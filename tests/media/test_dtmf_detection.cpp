// In-band DTMF detection: all keys at 10 dB SNR, Q.24-style frequency and
// duration tolerances, twist limits and digit sequences with short gaps.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <string>

#include "media/dtmf.h"
#include "media/speech_fixture.h"

using namespace voxdesk::media;
using namespace voxdesk::media::testing;

namespace {

constexpr double kRow[4] = {697, 770, 852, 941};
constexpr double kCol[4] = {1209, 1336, 1477, 1633};
constexpr const char* kPad[4] = {"123A", "456B", "789C", "*0#D"};

// Appends a tone pair for `digit`, with both frequencies scaled by `scale`
// and the column tone `twist_db` louder than the row tone.
void AppendTone(std::vector<int16_t>& x, int rate, char digit, int ms, double level_dbfs,
                double scale = 1.0, double twist_db = 0.0) {
  int r = 0, c = 0;
  for (r = 0; r < 4; ++r) {
    const char* at = std::strchr(kPad[r], digit);
    if (at) {
      c = static_cast<int>(at - kPad[r]);
      break;
    }
  }
  const double a = 32768.0 * std::pow(10.0, level_dbfs / 20) * std::numbers::sqrt2;
  const double b = a * std::pow(10.0, twist_db / 20);
  const size_t n = static_cast<size_t>(ms) * static_cast<size_t>(rate) / 1000;
  for (size_t i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / rate;
    x.push_back(Clip(a * std::sin(2 * std::numbers::pi * kRow[r] * scale * t) +
                     b * std::sin(2 * std::numbers::pi * kCol[c] * scale * t + 1.0)));
  }
}

void AppendSilence(std::vector<int16_t>& x, int rate, int ms) {
  x.resize(x.size() + static_cast<size_t>(ms) * static_cast<size_t>(rate) / 1000, 0);
}

std::vector<DtmfEvent> Detect(const std::vector<int16_t>& x, int rate) {
  DtmfDetectorConfig config;
  config.sample_rate = rate;
  auto det = DtmfDetector::Create(config);
  REQUIRE(det.ok());
  std::vector<DtmfEvent> found;
  std::array<DtmfEvent, 4> out;
  for (size_t i = 0; i <= x.size() / SamplesPer(rate); ++i) {
    const size_t n = det->Process(FrameAt(x, rate, i), out);
    found.insert(found.end(), out.begin(), out.begin() + static_cast<long>(n));
  }
  return found;
}

std::string Digits(const std::vector<DtmfEvent>& events) {
  std::string s;
  for (const auto& e : events) s += e.digit;
  return s;
}

}  // namespace

TEST_CASE("dtmf: all 16 keys from the generator are detected at 10 dB SNR in white noise") {
  for (int rate : {8000, 16000}) {
    auto gen = DtmfGenerator::Create(rate);
    REQUIRE(gen.ok());
    std::vector<int16_t> x;
    std::vector<int64_t> starts;
    AppendSilence(x, rate, 100);
    for (char d : std::string(kDtmfDigits)) {
      starts.push_back(static_cast<int64_t>(x.size()) * 1000000 / rate);
      // 100 ms tone in five frames, then 100 ms of silence.
      REQUIRE(gen->Start(d, 100, -10).ok());
      for (int f = 0; f < 10; ++f) {
        AudioFrame frame;
        gen->Fill(frame);
        x.insert(x.end(), frame.pcm().begin(), frame.pcm().end());
      }
      CHECK_FALSE(gen->active());
    }
    // Tone pair power is -7 dBFS (two tones at -10): noise at -17 dBFS is 10 dB SNR.
    const auto found = Detect(AddWhiteNoise(x, -17, 42 + static_cast<uint32_t>(rate)), rate);
    CHECK_MESSAGE(Digits(found) == std::string(kDtmfDigits), "at ", rate, " Hz got ",
                  Digits(found));
    for (size_t i = 0; i < std::min(found.size(), starts.size()); ++i)
      CHECK_MESSAGE(std::abs(found[i].pts_us - starts[i]) <= 13000, "digit ", found[i].digit,
                    " at ", found[i].pts_us, " us, tone began at ", starts[i]);
  }
}

TEST_CASE("dtmf: tones 1.5 % off nominal are detected, 5 % off are rejected") {
  for (int rate : {8000, 16000}) {
    for (double dev : {-0.015, 0.015, -0.05, 0.05}) {
      std::vector<int16_t> x;
      for (char d : std::string(kDtmfDigits)) {
        AppendTone(x, rate, d, 80, -12, 1.0 + dev);
        AppendSilence(x, rate, 80);
      }
      const std::string got = Digits(Detect(AddWhiteNoise(x, -45, 3), rate));
      const std::string want = std::abs(dev) < 0.02 ? std::string(kDtmfDigits) : "";
      CHECK_MESSAGE(got == want, rate, " Hz, deviation ", dev * 100, " %: got '", got, "'");
    }
  }
}

TEST_CASE("dtmf: a 30 ms tone is rejected and a 45 ms tone accepted, wherever it starts") {
  for (int rate : {8000, 16000}) {
    for (int offset_ms = 0; offset_ms < 20; offset_ms += 3) {
      for (int ms : {30, 45}) {
        std::vector<int16_t> x;
        AppendSilence(x, rate, 40 + offset_ms);
        AppendTone(x, rate, '5', ms, -10);
        AppendSilence(x, rate, 60);
        const std::string got = Digits(Detect(AddWhiteNoise(x, -45, 8), rate));
        CHECK_MESSAGE(got == (ms == 45 ? "5" : ""), rate, " Hz, ", ms, " ms tone at +", offset_ms,
                      " ms: got '", got, "'");
      }
    }
  }
}

TEST_CASE("dtmf: a digit sequence with 50 ms gaps is detected in order") {
  for (int rate : {8000, 16000}) {
    const std::string seq = "5551234*0#9D";
    std::vector<int16_t> x;
    AppendSilence(x, rate, 30);
    for (char d : seq) {
      AppendTone(x, rate, d, 50, -10);
      AppendSilence(x, rate, 50);
    }
    const std::string got = Digits(Detect(AddWhiteNoise(x, -35, 13), rate));
    CHECK_MESSAGE(got == seq, rate, " Hz: got '", got, "'");
  }
}

TEST_CASE("dtmf: twist within the limits is accepted, beyond them rejected") {
  const int rate = 8000;
  struct Case {
    double twist_db;  // column tone relative to row tone
    bool accepted;
  };
  for (Case c : {Case{-6, true}, Case{3, true}, Case{-11, false}, Case{7, false}}) {
    std::vector<int16_t> x;
    AppendTone(x, rate, '8', 80, -14, 1.0, c.twist_db);
    AppendSilence(x, rate, 60);
    const std::string got = Digits(Detect(AddWhiteNoise(x, -50, 17), rate));
    CHECK_MESSAGE(got == (c.accepted ? "8" : ""), "twist ", c.twist_db, " dB: got '", got, "'");
  }
}

TEST_CASE("dtmf: a held key is one digit, and configuration and generator inputs are validated") {
  std::vector<int16_t> x;
  AppendTone(x, 8000, '#', 1500, -10);
  CHECK(Digits(Detect(AddWhiteNoise(x, -30, 1), 8000)) == "#");

  DtmfDetectorConfig bad;
  bad.sample_rate = 48000;
  CHECK_FALSE(DtmfDetector::Create(bad).ok());
  auto gen = DtmfGenerator::Create(8000);
  REQUIRE(gen.ok());
  CHECK_FALSE(gen->Start('E', 100, -10).ok());
  CHECK_FALSE(gen->Start('1', 0, -10).ok());
  CHECK_FALSE(gen->Start('1', 100, -3).ok());  // would clip
  CHECK_FALSE(DtmfGenerator::Create(11025).ok());
}
