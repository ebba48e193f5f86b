// Talk-off: ten minutes of speech (every sentence in four voices, speeds and
// pitches, so harmonics sweep across the DTMF frequencies) must not produce a
// single digit, at 8 and 16 kHz, clean and with line noise.
#include <doctest/doctest.h>

#include "media/dtmf.h"
#include "media/speech_fixture.h"

using namespace voxdesk::media;
using namespace voxdesk::media::testing;

TEST_CASE("dtmf: zero false digits on ten minutes of speech") {
  for (int rate : {8000, 16000}) {
    std::vector<int16_t> speech;
    for (const Voice& voice : Voices())
      for (const std::string& sentence : Sentences()) {
        auto pcm = Speak(sentence, voice, rate);
        speech.insert(speech.end(), pcm.begin(), pcm.end());
      }
    const double minutes = static_cast<double>(speech.size()) / rate / 60;
    REQUIRE_MESSAGE(minutes >= 10.0, "only ", minutes, " minutes of speech");

    for (bool noisy : {false, true}) {
      const auto x = noisy ? AddWhiteNoise(speech, -45, 99) : speech;
      DtmfDetectorConfig config;
      config.sample_rate = rate;
      auto det = DtmfDetector::Create(config);
      REQUIRE(det.ok());
      std::string false_digits;
      std::array<DtmfEvent, 4> out;
      for (size_t i = 0; i < x.size() / SamplesPer(rate); ++i) {
        const size_t n = det->Process(FrameAt(x, rate, i), out);
        for (size_t k = 0; k < n; ++k) false_digits += out[k].digit;
      }
      MESSAGE(rate, " Hz, ", minutes, " min of speech",
              std::string(noisy ? " with noise" : " clean"), ": ", false_digits.size(),
              " false digits");
      CHECK_MESSAGE(false_digits.empty(), "talk-off at ", rate, " Hz: '", false_digits, "'");
    }
  }
}
