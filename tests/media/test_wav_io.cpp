#include <doctest/doctest.h>
#include <sndfile.h>

#include <cmath>
#include <cstdio>
#include <numbers>
#include <filesystem>
#include <vector>

#include "media/wav_io.h"

using namespace voxdesk::media;

namespace {
std::vector<int16_t> Ramp(size_t n) {
  std::vector<int16_t> v(n);
  for (size_t i = 0; i < n; ++i)
    v[i] = static_cast<int16_t>(static_cast<int>(i * 37 % 65536) - 32768);
  return v;
}
}  // namespace

TEST_CASE("wav: a 16-bit mono file round-trips sample-exact through disk and memory") {
  WavAudio a{.sample_rate = 16000, .channels = 1, .samples = Ramp(16000)};
  const auto path =
      (std::filesystem::temp_directory_path() / "voxdesk_test_wav_roundtrip.wav").string();
  REQUIRE(WriteWavFile(path, a).ok());
  auto back = ReadWavFile(path);
  std::remove(path.c_str());
  REQUIRE_MESSAGE(back.ok(), back.status().message());
  CHECK(back->sample_rate == 16000);
  CHECK(back->samples == a.samples);

  auto bytes = WriteWavMemory(a);
  REQUIRE(bytes.ok());
  CHECK(bytes->size() == 44 + 2 * a.samples.size());
  auto mem = ReadWavMemory(*bytes);
  REQUIRE_MESSAGE(mem.ok(), mem.status().message());
  CHECK(mem->samples == a.samples);
}

TEST_CASE("wav: stereo input is downmixed to mono, or rejected when asked") {
  WavAudio s{.sample_rate = 8000, .channels = 2, .samples = {100, 300, -100, -300, 32767, 32767}};
  auto bytes = WriteWavMemory(s);
  REQUIRE(bytes.ok());
  auto mono = ReadWavMemory(*bytes);
  REQUIRE(mono.ok());
  CHECK(mono->samples == std::vector<int16_t>{200, -200, 32767});
  auto strict = ReadWavMemory(*bytes, {.downmix_stereo = false});
  REQUIRE_FALSE(strict.ok());
  CHECK(strict.status().message() == "wav: 2 channels are not supported (mono)");
}

TEST_CASE("wav: other encodings convert to 16-bit, and unsupported rates get a clear error") {
  // A float WAV written by libsndfile itself.
  std::vector<uint8_t> file;
  {
    const auto path =
        (std::filesystem::temp_directory_path() / "voxdesk_test_wav_float.wav").string();
    SF_INFO info{};
    info.samplerate = 8000;
    info.channels = 1;
    info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
    SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
    REQUIRE(f);
    const float half[] = {0.5f, -0.5f, 0.0f};
    sf_writef_float(f, half, 3);
    sf_close(f);
    auto r = ReadWavFile(path);
    std::remove(path.c_str());
    REQUIRE_MESSAGE(r.ok(), r.status().message());
    REQUIRE(r->samples.size() == 3);
    CHECK(r->samples[0] == doctest::Approx(16384).epsilon(0.001));
    CHECK(r->samples[1] == doctest::Approx(-16384).epsilon(0.001));
  }
  WavAudio odd{.sample_rate = 16000, .channels = 1, .samples = {1, 2}};
  auto bytes = WriteWavMemory(odd);
  REQUIRE(bytes.ok());
  (*bytes)[24] = 0xE8;  // patch the header's rate to 1000 Hz (0x03E8): out of range
  (*bytes)[25] = 0x03;
  auto r = ReadWavMemory(*bytes);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() == "wav: sample rate 1000 Hz is out of range (4000 to 192000)");
  // Writing stays at the pipeline's rates.
  CHECK_FALSE(WriteWavMemory({.sample_rate = 44100, .channels = 1, .samples = {}}).ok());
}

TEST_CASE("wav: 44.1 kHz and 22.05 kHz input is resampled to 48 and 24 kHz, pitch and length kept") {
  for (const int rate : {44100, 22050, 11025}) {
    CAPTURE(rate);
    const int want_rate = rate == 44100 ? 48000 : rate == 22050 ? 24000 : 16000;
    // One second of a 1 kHz tone.
    WavAudio tone;
    tone.sample_rate = rate;
    for (int i = 0; i < rate; ++i)
      tone.samples.push_back(static_cast<int16_t>(12000 * std::sin(2 * std::numbers::pi * 1000.0 * i / rate)));
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = 1;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    const std::string path =
        (std::filesystem::temp_directory_path() / ("voxdesk-wav-" + std::to_string(rate) + ".wav")).string();
    SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
    REQUIRE(f);
    sf_writef_short(f, tone.samples.data(), static_cast<sf_count_t>(tone.samples.size()));
    sf_close(f);
    auto r = ReadWavFile(path);
    std::remove(path.c_str());
    REQUIRE_MESSAGE(r.ok(), r.status().message());
    CHECK(r->sample_rate == want_rate);
    CHECK(static_cast<int>(r->samples.size()) == want_rate);  // still one second
    // 1 kHz: 2,000 zero crossings a second, give or take the edges.
    int crossings = 0;
    for (size_t i = want_rate / 10; i + 1 < r->samples.size() - want_rate / 10; ++i)
      crossings += (r->samples[i] < 0) != (r->samples[i + 1] < 0);
    CHECK(crossings == doctest::Approx(1600).epsilon(0.01));
  }
}

TEST_CASE("wav: garbage, truncated and over-long input is rejected without crashing") {
  const uint8_t junk[] = {'R', 'I', 'F', 'F', 1, 2, 3};
  auto r = ReadWavMemory(junk);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().rfind("wav: ", 0) == 0);
  CHECK_FALSE(ReadWavMemory({}).ok());
  CHECK_FALSE(ReadWavFile("/nonexistent/voxdesk.wav").ok());

  WavAudio a{.sample_rate = 8000, .channels = 1, .samples = Ramp(8000)};
  auto bytes = WriteWavMemory(a);
  REQUIRE(bytes.ok());
  auto cut = std::vector<uint8_t>(bytes->begin(), bytes->begin() + 1044);  // header + 500 samples
  auto part = ReadWavMemory(cut);
  REQUIRE_MESSAGE(part.ok(), part.status().message());
  CHECK(part->samples.size() == 500);
  auto long_one = ReadWavMemory(*bytes, {.max_seconds = 0.5});
  REQUIRE_FALSE(long_one.ok());
  CHECK(long_one.status().message().find("limit") != std::string::npos);
}
