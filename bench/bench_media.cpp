// media.chain: the whole per-stream work for one 20 ms frame, both ways:
// Twilio media JSON -> base64 -> mu-law decode -> 8->16 kHz resample -> VAD,
// and back 16->8 kHz -> mu-law -> base64 -> JSON. The chain uses the fast
// paths: ParseTwilioMessage's media scanner and the half-band 2:1 resampler. Reports CPU time per
// frame (process CPU clock over the run, so other load on the machine does not count) and how many
// streams one core could carry in real time.
#include <time.h>

#include <cmath>
#include <random>

#include "bench.h"
#include "media/base64.h"
#include "media/g711.h"
#include "media/halfband_resampler.h"
#include "media/preprocess.h"
#include "media/resampler.h"
#include "media/twilio_media.h"
#include "media/vad.h"

namespace voxdesk::bench {
namespace {

using namespace voxdesk::media;

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

// Speech-like input, as the peer harness makes it: a 220 Hz tone with noise.
std::vector<std::string> InboundMessages(int n) {
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0, 800);
  std::vector<std::string> msgs;
  long t = 0;
  for (int i = 0; i < n; ++i) {
    std::array<int16_t, 160> pcm{};
    for (auto& s : pcm) {
      const double v = 6000 * std::sin(2 * M_PI * 220 * t++ / 8000.0) + noise(rng);
      s = static_cast<int16_t>(std::clamp(v, -32768.0, 32767.0));
    }
    std::array<uint8_t, 160> ulaw{};
    (void)g711::EncodeUlaw(pcm, ulaw);
    nlohmann::json j = {{"event", "media"},
                        {"sequenceNumber", std::to_string(i + 2)},
                        {"streamSid", "MZ00000000000000000000000000000000"},
                        {"media",
                         {{"track", "inbound"},
                          {"chunk", std::to_string(i + 1)},
                          {"timestamp", std::to_string(i * 20)},
                          {"payload", Base64Encode(ulaw)}}}};
    msgs.push_back(j.dump());
  }
  return msgs;
}

// With `denoise`, SpeexDSP noise suppression runs on the caller's 8 kHz audio
// right after decoding (media.chain_ns).
void RunChain(const std::string& name, bool denoise) {
  constexpr int kFrames = 20000;
  const auto msgs = InboundMessages(kFrames);
  auto up = HalfbandResampler::Create(8000, 16000);
  auto down = HalfbandResampler::Create(16000, 8000);
  VadConfig vc;
  vc.sample_rate = 16000;
  auto vad = EnergyVad::Create(vc);
  PreprocessConfig pc;
  pc.sample_rate = 8000;
  auto pre = Preprocessor::Create(pc);
  if (!up || !down || !vad || !pre) {
    std::fprintf(stderr, "%s: setup failed\n", name.c_str());
    std::exit(1);
  }
  TwilioInbound in;
  AudioFrame f8, f16, back8;
  f8.sample_rate = 8000;
  std::array<uint8_t, 160> ulaw_out{};
  std::string out;
  out.reserve(512);
  size_t speech_frames = 0;
  auto one = [&](int i) {
    if (!ParseTwilioMessage(msgs[i], in).ok()) std::abort();
    f8.count = in.payload_size;
    (void)g711::DecodeUlaw(in.payload(), f8.pcm());
    if (denoise) (void)pre->Process(f8);
    (void)up->Process(f8, f16);
    vad->Process(f16);
    speech_frames += vad->frame_is_speech();
    (void)down->Process(f16, back8);
    (void)g711::EncodeUlaw(back8.pcm(), std::span<uint8_t>(ulaw_out.data(), back8.count));
    (void)SerializeTwilioMedia(in.stream_sid,
                               std::span<const uint8_t>(ulaw_out.data(), back8.count), out);
  };
  for (int i = 0; i < 1000; ++i) one(i);  // warm-up
  const double c0 = CpuSeconds();
  auto j = MeasureLatency(name, kFrames, one);
  const double cpu_us = (CpuSeconds() - c0) * 1e6 / (kFrames + std::min(kFrames / 10, 1000));
  j["unit"] = "us_cpu_per_frame";
  j["value"] = std::round(cpu_us * 100) / 100;
  j["streams_per_core"] = std::floor(20000.0 / cpu_us);
  j["params"] = {
      {"frame_ms", 20}, {"noise_suppression", denoise}, {"speech_frames", speech_frames}};
  Emit(j);
}

Register chain("media.chain", [] { RunChain("media.chain", false); });
Register chain_ns("media.chain_ns", [] { RunChain("media.chain_ns", true); });

// Components of the chain, one stage each, as CPU time per 20 ms frame, so a
// change to one stage can be compared with its alternative in the same run.
template <typename Fn>
void RunPart(const std::string& name, Fn&& fn) {
  constexpr int kCalls = 20000;
  for (int i = 0; i < 1000; ++i) fn(i);
  const double c0 = CpuSeconds();
  for (int i = 0; i < kCalls; ++i) fn(i);
  const double cpu_us = (CpuSeconds() - c0) * 1e6 / kCalls;
  Emit({{"name", name},
        {"unit", "us_cpu_per_frame"},
        {"value", std::round(cpu_us * 1000) / 1000},
        {"n", kCalls}});
}

Register part_parse("media.part.twilio_parse", [] {
  const auto msgs = InboundMessages(1000);
  TwilioInbound in;
  RunPart("media.part.twilio_parse", [&](int i) {
    if (!ParseTwilioMessage(msgs[i % msgs.size()], in).ok()) std::abort();
  });
});
Register part_parse_general("media.part.twilio_parse_general", [] {
  const auto msgs = InboundMessages(1000);
  TwilioInbound in;
  RunPart("media.part.twilio_parse_general", [&](int i) {
    if (!ParseTwilioMessageGeneral(msgs[i % msgs.size()], in).ok()) std::abort();
  });
});

}  // namespace
}  // namespace voxdesk::bench

namespace voxdesk::bench {
namespace {

std::vector<int16_t> TestSignal(int rate, size_t n) {
  std::mt19937 rng(11);
  std::normal_distribution<double> noise(0, 800);
  std::vector<int16_t> v(n);
  for (size_t i = 0; i < n; ++i)
    v[i] = static_cast<int16_t>(
        std::clamp(6000 * std::sin(2 * M_PI * 220 * i / rate) + noise(rng), -32768.0, 32767.0));
  return v;
}

// One 20 ms frame through `r` per call, cycling over one second of signal.
template <typename R>
void RunResample(const std::string& name, R r) {
  const auto signal = TestSignal(r.in_rate(), static_cast<size_t>(r.in_rate()));
  const size_t step = SamplesPer(r.in_rate());
  AudioFrame in, out;
  in.sample_rate = r.in_rate();
  in.count = step;
  RunPart(name, [&](int i) {
    const size_t at = (static_cast<size_t>(i) * step) % signal.size();
    std::copy_n(signal.begin() + static_cast<long>(at), step, in.samples.begin());
    if (!r.Process(in, out).ok()) std::abort();
  });
}

Register part_up_speex("media.part.resample_up_speex", [] {
  RunResample("media.part.resample_up_speex", Resampler::Create(8000, 16000).value());
});
Register part_down_speex("media.part.resample_down_speex", [] {
  RunResample("media.part.resample_down_speex", Resampler::Create(16000, 8000).value());
});
Register part_up_halfband("media.part.resample_up_halfband", [] {
  RunResample("media.part.resample_up_halfband", HalfbandResampler::Create(8000, 16000).value());
});
Register part_down_halfband("media.part.resample_down_halfband", [] {
  RunResample("media.part.resample_down_halfband", HalfbandResampler::Create(16000, 8000).value());
});

// The VAD on one 20 ms frame of the chain's input at `rate`.
void RunVad(const std::string& name, int rate) {
  const auto signal = TestSignal(rate, static_cast<size_t>(rate));
  const size_t step = SamplesPer(rate);
  VadConfig vc;
  vc.sample_rate = rate;
  auto vad = EnergyVad::Create(vc).value();
  std::vector<AudioFrame> frames(signal.size() / step);
  for (size_t k = 0; k < frames.size(); ++k) {
    frames[k].sample_rate = rate;
    frames[k].count = step;
    std::copy_n(signal.begin() + static_cast<long>(k * step), step, frames[k].samples.begin());
  }
  RunPart(name, [&](int i) { vad.Process(frames[static_cast<size_t>(i) % frames.size()]); });
}

Register part_vad16("media.part.vad_16k", [] { RunVad("media.part.vad_16k", 16000); });
Register part_vad8("media.part.vad_8k", [] { RunVad("media.part.vad_8k", 8000); });

}  // namespace
}  // namespace voxdesk::bench
