#include "media/vad.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>
#include <string>

namespace voxdesk::media {
namespace {

// Floor tracking, per 20 ms frame. Falling is fast (the floor must never sit
// above real background), rising through non-speech frames is moderate, and
// during speech the floor only creeps, so speech is never learned as noise.
constexpr double kFallRate = 0.3;
constexpr double kRiseRate = 0.05;
constexpr double kSpeechCreepDb = 0.01;
constexpr double kSilentDb = -120.0;

// Butterworth sections from the RBJ cookbook, coefficients normalised by a0.
struct Coeffs {
  float b0, b1, b2, a1, a2;
};
Coeffs Design(bool highpass, double fc, double q, int rate) {
  const double w = 2 * std::numbers::pi * fc / rate;
  const double alpha = std::sin(w) / (2 * q);
  const double c = std::cos(w);
  const double a0 = 1 + alpha;
  const double k = highpass ? (1 + c) / 2 : (1 - c) / 2;
  return {static_cast<float>(k / a0), static_cast<float>((highpass ? -2 * k : 2 * k) / a0),
          static_cast<float>(k / a0), static_cast<float>(-2 * c / a0),
          static_cast<float>((1 - alpha) / a0)};
}

// One biquad in transposed direct form II, in double: used only to derive
// the block matrices by running unit states and unit impulses through it.
struct Section {
  double b0, b1, b2, a1, a2;
};

double Step(const std::array<Section, 3>& sections, std::array<double, 6>& s, double x) {
  for (size_t k = 0; k < sections.size(); ++k) {
    const Section& c = sections[k];
    const double y = c.b0 * x + s[2 * k];
    s[2 * k] = c.b1 * x - c.a1 * y + s[2 * k + 1];
    s[2 * k + 1] = c.b2 * x - c.a2 * y;
    x = y;
  }
  return x;
}

}  // namespace

Status ValidateVadConfig(const VadConfig& c) {
  if (c.sample_rate != 8000 && c.sample_rate != 16000)
    return InvalidArgument("vad.sample_rate: must be 8000 or 16000, got " +
                           std::to_string(c.sample_rate));
  if (c.start_hangover_ms < 0 || c.start_hangover_ms > 1000)
    return InvalidArgument("vad.start_hangover_ms: must be in [0, 1000]");
  if (c.stop_hangover_ms < 0 || c.stop_hangover_ms > 5000)
    return InvalidArgument("vad.stop_hangover_ms: must be in [0, 5000]");
  if (!(c.threshold_db > 0 && c.threshold_db <= 40))
    return InvalidArgument("vad.threshold_db: must be in (0, 40]");
  if (!(c.min_speech_dbfs >= -100 && c.min_speech_dbfs <= 0))
    return InvalidArgument("vad.min_speech_dbfs: must be in [-100, 0]");
  if (!(c.max_tonality_db >= 3 && c.max_tonality_db <= 100))
    return InvalidArgument("vad.max_tonality_db: must be in [3, 100]");
  return Status::Ok();
}

Result<EnergyVad> EnergyVad::Create(const VadConfig& config) {
  VOXDESK_RETURN_IF_ERROR(ValidateVadConfig(config));
  return EnergyVad(config);
}

EnergyVad::EnergyVad(const VadConfig& config) : config_(config) {
  // Q values of a 4th-order Butterworth split into two biquads.
  const Coeffs sections[] = {Design(true, 200, 0.5412, config.sample_rate),
                             Design(true, 200, 1.3066, config.sample_rate),
                             Design(false, 3400, 0.7071, config.sample_rate)};
  std::array<Section, 3> cascade{};
  for (size_t i = 0; i < cascade.size(); ++i) {
    const Coeffs& c = sections[i];
    cascade[i] = {c.b0, c.b1, c.b2, c.a1, c.a2};
  }
  // The cascade is linear, so one block of kBlock outputs and the state after
  // it are sums of the responses to each initial state value and to each
  // input sample alone; those responses are the block matrices.
  for (size_t j = 0; j < kOrder + kBlock; ++j) {
    std::array<double, 6> st{};
    if (j < kOrder) st[j] = 1;
    Row& out = j < kOrder ? filter_.state_to_out[j] : filter_.in_to_out[j - kOrder];
    Row& next = j < kOrder ? filter_.state_to_state[j] : filter_.in_to_state[j - kOrder];
    for (size_t r = 0; r < kBlock; ++r) {
      const double x = j >= kOrder && r == j - kOrder ? 1.0 : 0.0;
      out[r] = static_cast<float>(Step(cascade, st, x));
    }
    for (size_t i = 0; i < kOrder; ++i) next[i] = static_cast<float>(st[i]);
  }
  // Hangovers in whole frames, rounding up so a configured time is a minimum.
  start_frames_ = std::max(1, (config.start_hangover_ms + kFrameMs - 1) / kFrameMs);
  stop_frames_ = std::max(1, (config.stop_hangover_ms + kFrameMs - 1) / kFrameMs);
  Reset();
}

void EnergyVad::Reset() {
  state_.fill(0);
  primed_ = false;
  floor_db_ = kSilentDb;
  level_db_ = kSilentDb;
  block_min_.fill(0);
  block_index_ = block_fill_ = blocks_done_ = 0;
  current_min_ = 0;
  frame_speech_ = in_speech_ = false;
  run_ = 0;
  run_start_pts_ = 0;
}

void EnergyVad::UpdateFloor(double level, bool speech) {
  if (!primed_) {
    floor_db_ = level;
    primed_ = true;
  } else if (level < floor_db_) {
    floor_db_ += kFallRate * (level - floor_db_);
  } else if (!speech) {
    floor_db_ += kRiseRate * (level - floor_db_);
  } else {
    floor_db_ += kSpeechCreepDb;
  }

  current_min_ = block_fill_ == 0 ? level : std::min(current_min_, level);
  if (++block_fill_ == kBlockFrames) {
    block_min_[block_index_] = current_min_;
    block_index_ = (block_index_ + 1) % kMinBlocks;
    block_fill_ = 0;
    if (blocks_done_ < kMinBlocks) ++blocks_done_;
    if (blocks_done_ == kMinBlocks) {
      const double window_min = *std::min_element(block_min_.begin(), block_min_.end());
      floor_db_ = std::max(floor_db_, window_min);
    }
  }
}

VadEvent EnergyVad::Process(const AudioFrame& frame) {
  const size_t n = frame.count;
  if (frame.sample_rate != config_.sample_rate ||
      (n != SamplesPer(config_.sample_rate, 20) && n != SamplesPer(config_.sample_rate, 10))) {
    ++rejected_;
    return {};
  }

  // Band-limit, then the energy and the first two autocorrelation lags of
  // the band signal (lags within the frame are enough for a tonality test).
  // Frames are whole blocks (80, 160 or 320 samples). Each block's outputs and
  // next state are matrix-vector products; the sums run in kBlock double
  // lanes, added up at the end.
  // GCC/clang vector types: plain SSE2 on baseline x86-64, lowered to scalar
  // code elsewhere; the block matrices' rows are loaded as two halves.
  using V4 = float __attribute__((vector_size(16)));
  const auto load = [](const float* p) {
    V4 v;
    std::memcpy(&v, p, sizeof v);
    return v;
  };
  using V2d = double __attribute__((vector_size(16)));
  const auto load_d = [](const double* p) {
    V2d v;
    std::memcpy(&v, p, sizeof v);
    return v;
  };
  V4 s_lo = load(state_.data()), s_hi = load(state_.data() + 4);
  // The lag sums run in two double lanes each (the order of additions is all
  // that differs from a sequential sum). y[0] and y[1] hold the previous
  // block's last two band samples, zero at the start of a frame.
  V2d a0{}, a1{}, a2{};
  std::array<double, kBlock + 2> y{};
  for (size_t at = 0; at < n; at += kBlock) {
    V4 out_lo{}, out_hi{}, next_lo{}, next_hi{};
    for (size_t j = 0; j < kOrder; ++j) {
      const float s = j < 4 ? s_lo[j] : s_hi[j - 4];
      out_lo += load(filter_.state_to_out[j].data()) * s;
      out_hi += load(filter_.state_to_out[j].data() + 4) * s;
      next_lo += load(filter_.state_to_state[j].data()) * s;
      next_hi += load(filter_.state_to_state[j].data() + 4) * s;
    }
    for (size_t c = 0; c < kBlock; ++c) {
      const float x = frame.samples[at + c];
      out_lo += load(filter_.in_to_out[c].data()) * x;
      out_hi += load(filter_.in_to_out[c].data() + 4) * x;
      next_lo += load(filter_.in_to_state[c].data()) * x;
      next_hi += load(filter_.in_to_state[c].data() + 4) * x;
    }
    s_lo = next_lo;
    s_hi = next_hi;
    for (size_t r = 0; r < 4; ++r) {
      y[2 + r] = out_lo[r];
      y[6 + r] = out_hi[r];
    }
    for (size_t r = 2; r < kBlock + 2; r += 2) {
      const V2d v = load_d(y.data() + r);
      a0 += v * v;
      a1 += v * load_d(y.data() + r - 1);
      a2 += v * load_d(y.data() + r - 2);
    }
    y[0] = y[kBlock];
    y[1] = y[kBlock + 1];
  }
  const double r0 = a0[0] + a0[1];
  const double r1 = a1[0] + a1[1];
  const double r2 = a2[0] + a2[1];
  std::memcpy(state_.data(), &s_lo, sizeof s_lo);
  std::memcpy(state_.data() + 4, &s_hi, sizeof s_hi);
  const double mean_sq = r0 / static_cast<double>(n);
  level_db_ = mean_sq > 1e-3 ? 10 * std::log10(mean_sq / (32768.0 * 32768.0)) : kSilentDb;

  // Order-2 Levinson recursion: a pure tone is almost perfectly predictable
  // from two past samples, speech (broadband excitation) is not.
  double tonality_db = 0;
  if (r0 > 0) {
    const double k1 = r1 / r0;
    const double e1 = r0 * (1 - k1 * k1);
    double e2 = e1;
    if (e1 > 0) {
      const double k2 = (r2 - k1 * r1) / e1;
      e2 = e1 * (1 - std::min(k2 * k2, 1.0));
    }
    tonality_db = e2 > r0 * 1e-10 ? 10 * std::log10(r0 / e2) : 100;
  }

  const bool speech = primed_ && level_db_ > floor_db_ + config_.threshold_db &&
                      level_db_ > config_.min_speech_dbfs && tonality_db < config_.max_tonality_db;
  tonality_db_ = tonality_db;
  frame_speech_ = speech;
  UpdateFloor(level_db_, speech);

  // Hangover: count frames that disagree with the current state; the first of
  // them carries the event's timestamp.
  if (speech == in_speech_) {
    run_ = 0;
    return {};
  }
  if (run_ == 0) run_start_pts_ = frame.pts_us;
  ++run_;
  if (!in_speech_ && run_ >= start_frames_) {
    in_speech_ = true;
    run_ = 0;
    return {VadEventType::kSpeechStart, run_start_pts_};
  }
  if (in_speech_ && run_ >= stop_frames_) {
    in_speech_ = false;
    run_ = 0;
    return {VadEventType::kSpeechEnd, run_start_pts_};
  }
  return {};
}

}  // namespace voxdesk::media
