// Lost packets: concealment (PLC) fills exactly one 20 ms frame with audio
// that continues the signal rather than silence or noise, and in-band FEC
// taken from the following packet rebuilds the lost frame closer to the
// original than concealment does.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "media/opus_codec.h"

using namespace voxdesk::media;

namespace {

constexpr int kRate = 16000;
constexpr size_t kStep = SamplesPer(kRate);

// Speech-like: a 120..240 Hz gliding fundamental with harmonics, amplitude
// moving at syllable rate, so concealment cannot simply repeat the last period.
std::vector<int16_t> SpeechLike(double seconds) {
  std::vector<int16_t> v(static_cast<size_t>(kRate * seconds));
  double phase = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    const double t = static_cast<double>(i) / kRate;
    const double f0 = 180 + 60 * std::sin(2 * std::numbers::pi * 1.3 * t);
    phase += 2 * std::numbers::pi * f0 / kRate;
    double s = 0;
    for (int h = 1; h <= 10; ++h) s += std::sin(h * phase) / h;
    const double env = 0.55 + 0.45 * std::sin(2 * std::numbers::pi * 3.7 * t);
    v[i] = static_cast<int16_t>(std::lround(6000 * env * s));
  }
  return v;
}

struct Encoded {
  std::vector<std::vector<uint8_t>> packets;
  int lookahead;
};

Encoded EncodeAll(const std::vector<int16_t>& in) {
  OpusEncoderConfig cfg;
  cfg.sample_rate = kRate;
  cfg.bitrate_bps = 32000;
  cfg.expected_loss_percent = 30;
  auto enc = OpusEncoder::Create(cfg);
  REQUIRE_MESSAGE(enc.ok(), enc.status().message());
  Encoded e{{}, enc->lookahead()};
  AudioFrame f;
  f.sample_rate = kRate;
  std::vector<uint8_t> buf(kMaxOpusFrameBytes);
  for (size_t at = 0; at + kStep <= in.size(); at += kStep) {
    std::copy_n(in.begin() + static_cast<long>(at), kStep, f.samples.begin());
    f.count = kStep;
    auto n = enc->Encode(f, buf);
    REQUIRE_MESSAGE(n.ok(), n.status().message());
    e.packets.emplace_back(buf.begin(), buf.begin() + static_cast<long>(*n));
  }
  return e;
}

enum class Recover { kConceal, kFec };

// Decodes every packet, treating those in `lost` as lost, and returns the
// decoded stream.
std::vector<int16_t> DecodeWithLoss(const Encoded& e, const std::vector<size_t>& lost,
                                    Recover how) {
  auto dec = OpusDecoder::Create(kRate);
  REQUIRE(dec.ok());
  std::vector<int16_t> out;
  AudioFrame f;
  for (size_t i = 0; i < e.packets.size(); ++i) {
    const bool is_lost = std::find(lost.begin(), lost.end(), i) != lost.end();
    voxdesk::Status st;
    if (!is_lost)
      st = dec->Decode(e.packets[i], f);
    else if (how == Recover::kFec && i + 1 < e.packets.size())
      st = dec->DecodeFec(e.packets[i + 1], f);
    else
      st = dec->Conceal(f);
    REQUIRE_MESSAGE(st.ok(), st.message());
    REQUIRE_MESSAGE(f.count == kStep, "frame " << i << " has " << f.count << " samples");
    out.insert(out.end(), f.samples.begin(), f.samples.begin() + static_cast<long>(f.count));
  }
  return out;
}

// Error energy over the lost frames (decoded output lags the input by
// `delay`), relative to the original's energy there, in dB.
double LostFrameError(const std::vector<int16_t>& in, const std::vector<int16_t>& out,
                      const std::vector<size_t>& lost, int delay) {
  double err = 0, ref = 0;
  for (size_t k : lost)
    for (size_t j = 0; j < kStep; ++j) {
      const size_t o = k * kStep + j;
      const double x = in[o - static_cast<size_t>(delay)], y = out[o];
      err += (x - y) * (x - y);
      ref += x * x;
    }
  return 10 * std::log10(err / ref);
}

const std::vector<size_t> kLost = {13, 29, 41, 58, 77, 90};

}  // namespace

TEST_CASE("opus: concealing a lost packet yields one full frame continuing the signal") {
  const auto in = SpeechLike(2.0);
  const auto e = EncodeAll(in);
  const auto clean = DecodeWithLoss(e, {}, Recover::kConceal);
  const auto plc = DecodeWithLoss(e, kLost, Recover::kConceal);
  REQUIRE(plc.size() == clean.size());
  for (size_t k : kLost) {
    double plc_energy = 0, clean_energy = 0;
    for (size_t j = 0; j < kStep; ++j) {
      plc_energy += std::pow(plc[k * kStep + j], 2);
      clean_energy += std::pow(clean[k * kStep + j], 2);
    }
    const double level = 10 * std::log10(plc_energy / clean_energy);
    // Not silence, and not a burst louder than the signal it replaces.
    CHECK_MESSAGE(level > -12, "frame " << k << " concealed at " << level << " dB");
    CHECK_MESSAGE(level < 6, "frame " << k << " concealed at " << level << " dB");
  }
  // Not garbage: the concealed frames follow the original better than silence
  // would (silence scores 0 dB on this measure).
  const double err = LostFrameError(in, plc, kLost, e.lookahead);
  MESSAGE("PLC error over lost frames: " << err << " dB");
  CHECK(err < 0);
}

TEST_CASE("opus: FEC from the next packet recovers a lost frame better than concealment") {
  const auto in = SpeechLike(2.0);
  const auto e = EncodeAll(in);
  const auto plc = DecodeWithLoss(e, kLost, Recover::kConceal);
  const auto fec = DecodeWithLoss(e, kLost, Recover::kFec);
  const auto clean = DecodeWithLoss(e, {}, Recover::kConceal);
  const double plc_err = LostFrameError(in, plc, kLost, e.lookahead);
  const double fec_err = LostFrameError(in, fec, kLost, e.lookahead);
  const double clean_err = LostFrameError(in, clean, kLost, e.lookahead);
  MESSAGE("lost-frame error vs original: PLC " << plc_err << " dB, FEC " << fec_err
                                               << " dB, no loss " << clean_err << " dB");
  CHECK_MESSAGE(fec_err < plc_err - 1, "FEC " << fec_err << " dB vs PLC " << plc_err << " dB");
  CHECK_MESSAGE(fec_err < clean_err + 1, "FEC " << fec_err << " dB vs lossless " << clean_err);
  // Against the lossless decode, which takes the codec's own error out of the
  // comparison: FEC lands much nearer than concealment.
  const double plc_vs_clean = LostFrameError(clean, plc, kLost, 0);
  const double fec_vs_clean = LostFrameError(clean, fec, kLost, 0);
  MESSAGE("lost-frame error vs lossless decode: PLC " << plc_vs_clean << " dB, FEC " << fec_vs_clean
                                                      << " dB");
  CHECK_MESSAGE(fec_vs_clean < plc_vs_clean - 3,
                "FEC " << fec_vs_clean << " dB vs PLC " << plc_vs_clean << " dB");
}
