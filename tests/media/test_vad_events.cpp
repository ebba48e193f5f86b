// Speech-start and speech-end come in pairs and carry the pts of the first
// speech frame and of the frame where speech ended, although each is
// reported a hangover later.
#include <doctest/doctest.h>

#include "media/speech_fixture.h"
#include "media/vad.h"

using namespace voxdesk::media;
using namespace voxdesk::media::testing;

TEST_CASE("vad: events alternate start/end with frame-accurate timestamps") {
  for (int rate : {8000, 16000}) {
    // Three utterances at known frame positions, 2 s of silence between them
    // (longer than the stop hangover), white line noise at -50 dBFS.
    std::vector<int16_t> signal(static_cast<size_t>(rate), 0);
    struct Span {
      int64_t first_us, end_us;
    };
    std::vector<Span> truth;
    // Sentences without commas or full stops inside, so each is one utterance.
    const size_t sentence[] = {20, 23, 25};
    for (size_t k = 0; k < 3; ++k) {
      auto pcm = Speak(Sentences()[sentence[k]], Voices()[k], rate);
      // Trim espeak's own leading/trailing silence so the truth is the audio.
      const size_t n = SamplesPer(rate);
      size_t first = 0, last = pcm.size() / n;
      while (first < last && RmsDbfs({pcm.data() + first * n, n}) < -40) ++first;
      while (last > first && RmsDbfs({pcm.data() + (last - 1) * n, n}) < -40) --last;
      const size_t at_frame = signal.size() / n;
      signal.insert(signal.end(), pcm.begin() + static_cast<long>(first * n),
                    pcm.begin() + static_cast<long>(last * n));
      truth.push_back({static_cast<int64_t>(at_frame) * 20000,
                       static_cast<int64_t>(at_frame + last - first) * 20000});
      signal.resize(signal.size() + 2 * static_cast<size_t>(rate), 0);
    }
    const auto noisy = AddWhiteNoise(signal, -50, 21);

    VadConfig config;
    config.sample_rate = rate;
    auto vad = EnergyVad::Create(config);
    REQUIRE(vad.ok());
    std::vector<VadEvent> events;
    for (size_t i = 0; i < noisy.size() / SamplesPer(rate); ++i) {
      const AudioFrame f = FrameAt(noisy, rate, i);
      const VadEvent e = vad->Process(f);
      if (e.type == VadEventType::kNone) continue;
      // The event is reported after its own timestamp, by at most the hangover.
      CHECK(e.pts_us <= f.pts_us);
      events.push_back(e);
    }
    REQUIRE_MESSAGE(events.size() == 6, "expected three start/end pairs at ", rate, " Hz");
    for (size_t k = 0; k < 3; ++k) {
      CHECK(events[2 * k].type == VadEventType::kSpeechStart);
      CHECK(events[2 * k + 1].type == VadEventType::kSpeechEnd);
      // Start within one frame of the clean signal's first speech frame; the
      // end within three, since an utterance decays gradually into the noise.
      CHECK_MESSAGE(std::abs(events[2 * k].pts_us - truth[k].first_us) <= 20000,
                    "start of utterance ", k, " at ", events[2 * k].pts_us, " us, truth ",
                    truth[k].first_us);
      CHECK_MESSAGE(std::abs(events[2 * k + 1].pts_us - truth[k].end_us) <= 60000,
                    "end of utterance ", k, " at ", events[2 * k + 1].pts_us, " us, truth ",
                    truth[k].end_us);
    }
    CHECK_FALSE(vad->in_speech());
  }
}

TEST_CASE("vad: configuration is validated and wrong frames are counted, not processed") {
  VadConfig bad;
  bad.sample_rate = 44100;
  CHECK_FALSE(EnergyVad::Create(bad).ok());
  bad = {};
  bad.threshold_db = 0;
  auto r = EnergyVad::Create(bad);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find("threshold_db") != std::string::npos);

  auto vad = EnergyVad::Create({});
  REQUIRE(vad.ok());
  AudioFrame f;
  f.sample_rate = 16000;  // detector runs at 8 kHz
  f.count = 320;
  CHECK(vad->Process(f).type == VadEventType::kNone);
  f.sample_rate = 8000;
  f.count = 100;  // neither 10 nor 20 ms
  vad->Process(f);
  CHECK(vad->rejected_frames() == 2);
}
