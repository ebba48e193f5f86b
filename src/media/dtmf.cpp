#include "media/dtmf.h"

#include <cmath>
#include <cstring>
#include <numbers>
#include <string>

namespace voxdesk::media {
namespace {

constexpr double kRowHz[4] = {697, 770, 852, 941};
constexpr double kColHz[4] = {1209, 1336, 1477, 1633};
constexpr char kKeypad[4][5] = {"123A", "456B", "789C", "*0#D"};

// Talk-off guards. A pure tone pair puts ~all block energy into its two bins
// (about 0.9 at 10 dB SNR); speech rarely reaches 0.7. The winning tone of a
// group must beat its neighbours by 6 dB, and a tone's second harmonic must
// be 12 dB down (a DTMF source has none; voiced speech has many).
constexpr double kMinToneFraction = 0.7;
constexpr double kRelativePeak = 3.98;       // 6 dB
constexpr double kMaxHarmonicRatio = 0.063;  // -12 dB
// Both halves of a block must hold the tone at similar strength, so blocks
// only partly covered by a tone do not count towards its duration.
constexpr double kMaxHalfImbalance = 2.0;  // 3 dB

bool ValidRate(int hz) {
  return hz == 8000 || hz == 16000;
}

double Db(double ratio) {
  return std::pow(10.0, ratio / 10);
}

}  // namespace

bool IsDtmfDigit(char c) {
  return c != 0 && std::strchr(kDtmfDigits, c) != nullptr;
}

Status ValidateDtmfDetectorConfig(const DtmfDetectorConfig& c) {
  if (!ValidRate(c.sample_rate))
    return InvalidArgument("dtmf.sample_rate: must be 8000 or 16000, got " +
                           std::to_string(c.sample_rate));
  if (!(c.max_frequency_error > 0 && c.max_frequency_error <= 0.05))
    return InvalidArgument("dtmf.max_frequency_error: must be in (0, 0.05]");
  if (!(c.normal_twist_db >= 0 && c.normal_twist_db <= 20))
    return InvalidArgument("dtmf.normal_twist_db: must be in [0, 20]");
  if (!(c.reverse_twist_db >= 0 && c.reverse_twist_db <= 20))
    return InvalidArgument("dtmf.reverse_twist_db: must be in [0, 20]");
  if (!(c.min_tone_dbfs >= -80 && c.min_tone_dbfs <= -6))
    return InvalidArgument("dtmf.min_tone_dbfs: must be in [-80, -6]");
  if (c.min_duration_ms < 20 || c.min_duration_ms > 1000)
    return InvalidArgument("dtmf.min_duration_ms: must be in [20, 1000]");
  if (c.min_pause_ms < 10 || c.min_pause_ms > 1000)
    return InvalidArgument("dtmf.min_pause_ms: must be in [10, 1000]");
  return Status::Ok();
}

Result<DtmfDetector> DtmfDetector::Create(const DtmfDetectorConfig& config) {
  VOXDESK_RETURN_IF_ERROR(ValidateDtmfDetectorConfig(config));
  return DtmfDetector(config);
}

DtmfDetector::DtmfDetector(const DtmfDetectorConfig& config) : config_(config) {
  half_ = config.sample_rate == 8000 ? 51 : 102;
  const double half_ms = 1000.0 * half_ / config.sample_rate;  // 6.375 ms
  // A tone of D ms fully covers (D - 2 halves) / half + 1 blocks spaced one
  // half apart; partly covered blocks fail the half-balance check.
  min_hits_ = std::max(1, static_cast<int>((config.min_duration_ms - 2 * half_ms) / half_ms) + 1);
  pause_windows_ = std::max(1, static_cast<int>(std::lround(config.min_pause_ms / half_ms)));
  // Block energy of a tone with RMS r over N samples is r^2 N.
  const double rms = 32768.0 * std::pow(10.0, config.min_tone_dbfs / 20);
  min_tone_energy_ = rms * rms * 2 * half_;
  for (int i = 0; i < kTones; ++i) {
    const double base = i % 8 < 4 ? kRowHz[i % 4] : kColHz[i % 4];
    const double w = 2 * std::numbers::pi * base * (i < 8 ? 1 : 2) / config.sample_rate;
    coef_[i] = static_cast<float>(2 * std::cos(w));
    rot1_[i] = std::polar(1.0f, static_cast<float>(-w));
    endrot_[i] = std::polar(1.0f, static_cast<float>(-w * (half_ - 1)));
    halfrot_[i] = std::polar(1.0f, static_cast<float>(-w * half_));
  }
  Reset();
}

void DtmfDetector::Reset() {
  s1_.fill(0);
  s2_.fill(0);
  energy_ = 0;
  filled_ = 0;
  have_prev_ = false;
  current_ = 0;
  hits_ = gap_ = 0;
  reported_ = false;
}

size_t DtmfDetector::Process(const AudioFrame& frame, std::span<DtmfEvent> out) {
  if (frame.sample_rate != config_.sample_rate || frame.count > kMaxFrameSamples) {
    ++rejected_;
    return 0;
  }
  size_t written = 0;
  for (size_t i = 0; i < frame.count; ++i) {
    if (filled_ == 0)
      half_start_pts_ = frame.pts_us + static_cast<int64_t>(i) * 1000000 / config_.sample_rate;
    const float x = frame.samples[i];
    energy_ += static_cast<double>(x) * x;
    for (int k = 0; k < kTones; ++k) {
      const float s = x + coef_[k] * s1_[k] - s2_[k];
      s2_[k] = s1_[k];
      s1_[k] = s;
    }
    if (++filled_ == half_) OnHalfBlock(half_start_pts_, out, written);
  }
  return written;
}

void DtmfDetector::OnHalfBlock(int64_t half_start_pts, std::span<DtmfEvent> out, size_t& written) {
  prev_ = cur_;
  prev_energy_ = cur_energy_;
  // DFT at w over the half: e^{-jw(M-1)} (s[M-1] - e^{-jw} s[M-2]).
  for (int k = 0; k < kTones; ++k) {
    cur_[k] = endrot_[k] * (std::complex<float>(s1_[k], 0) - rot1_[k] * s2_[k]);
    s1_[k] = s2_[k] = 0;
  }
  cur_energy_ = energy_;
  energy_ = 0;
  filled_ = 0;
  const int64_t block_start = prev_start_pts_;
  prev_start_pts_ = half_start_pts;
  if (!have_prev_) {
    have_prev_ = true;
    return;
  }

  const char d = Classify();
  if (d != 0 && d == current_) {
    ++hits_;
    gap_ = 0;
  } else if (d != 0) {
    current_ = d;
    hits_ = 1;
    gap_ = 0;
    reported_ = false;
    digit_start_pts_ = block_start;
  } else if (!reported_) {
    // Unconfirmed tones must be continuous: a gap restarts the count.
    current_ = 0;
    hits_ = 0;
  } else if (++gap_ >= pause_windows_) {
    // The pause after a reported digit is long enough to allow a new press.
    current_ = 0;
    hits_ = 0;
    reported_ = false;
  }
  if (current_ != 0 && !reported_ && hits_ >= min_hits_) {
    reported_ = true;
    if (written < out.size()) out[written++] = {current_, digit_start_pts_};
  }
}

char DtmfDetector::Classify() const {
  // Energies of the whole block (previous half + current half, phase-aligned).
  std::array<float, kTones> e{};
  for (int k = 0; k < kTones; ++k)
    e[k] = 2 * std::norm(prev_[k] + halfrot_[k] * cur_[k]) / (2 * half_);
  int r = 0, c = 4;
  for (int k = 1; k < 4; ++k) {
    if (e[k] > e[r]) r = k;
    if (e[4 + k] > e[c]) c = 4 + k;
  }
  const double row = e[r], col = e[c];
  if (row < min_tone_energy_ || col < min_tone_energy_) return 0;
  if (row > col * Db(config_.normal_twist_db) || col > row * Db(config_.reverse_twist_db)) return 0;
  if (row + col < kMinToneFraction * (prev_energy_ + cur_energy_)) return 0;
  for (int k = 0; k < 4; ++k) {
    if (k != r && e[k] * kRelativePeak > row) return 0;
    if (4 + k != c && e[4 + k] * kRelativePeak > col) return 0;
  }
  // For 2, 3, 6, B and C the row's second harmonic lies within 1.5 bins of
  // the column tone (closer still for tones off nominal), whose leakage would
  // fail the check; there the column's own harmonic check still applies.
  const double bin_hz = static_cast<double>(config_.sample_rate) / (2 * half_);
  const bool row_harmonic_clear = std::abs(2 * kRowHz[r] - kColHz[c - 4]) >= 1.5 * bin_hz;
  if (row_harmonic_clear && e[8 + r] > kMaxHarmonicRatio * row) return 0;
  if (e[8 + c] > kMaxHarmonicRatio * col) return 0;
  for (int k : {r, c}) {
    const double a = std::norm(prev_[k]), b = std::norm(cur_[k]);
    if (a > b * kMaxHalfImbalance || b > a * kMaxHalfImbalance) return 0;
    // The tone advances by w_true * M between halves; what is left after the
    // nominal advance is the frequency offset (unambiguous within +-fs/N).
    const double nominal = k < 4 ? kRowHz[k] : kColHz[k - 4];
    const double w = 2 * std::numbers::pi * nominal / config_.sample_rate;
    double dphi = std::arg(cur_[k] * std::conj(prev_[k])) - w * half_;
    dphi = std::remainder(dphi, 2 * std::numbers::pi);
    const double offset_hz = dphi / half_ * config_.sample_rate / (2 * std::numbers::pi);
    if (std::abs(offset_hz) > config_.max_frequency_error * nominal) return 0;
  }
  return kKeypad[r][c - 4];
}

Result<DtmfGenerator> DtmfGenerator::Create(int sample_rate) {
  if (!ValidRate(sample_rate))
    return InvalidArgument("dtmf generator sample_rate: must be 8000 or 16000, got " +
                           std::to_string(sample_rate));
  return DtmfGenerator(sample_rate);
}

Status DtmfGenerator::Start(char digit, int duration_ms, double level_dbfs) {
  if (!IsDtmfDigit(digit)) return InvalidArgument("dtmf digit: not one of 0-9 * # A-D");
  if (duration_ms <= 0 || duration_ms > 60000)
    return InvalidArgument("dtmf duration_ms: must be in (0, 60000]");
  if (!(level_dbfs >= -60 && level_dbfs <= -9))
    return InvalidArgument("dtmf level_dbfs: must be in [-60, -9] so the pair never clips");
  const char* at = nullptr;
  int row = 0;
  for (row = 0; row < 4; ++row) {
    at = std::strchr(kKeypad[row], digit);
    if (at) break;
  }
  const int col = static_cast<int>(at - kKeypad[row]);
  low_hz_ = kRowHz[row];
  high_hz_ = kColHz[col];
  amplitude_ = 32768.0 * std::pow(10.0, level_dbfs / 20) * std::numbers::sqrt2;
  n_ = 0;
  remaining_ = static_cast<int64_t>(duration_ms) * rate_ / 1000;
  return Status::Ok();
}

void DtmfGenerator::Fill(AudioFrame& frame) {
  frame.sample_rate = rate_;
  frame.count = SamplesPer(rate_);
  for (size_t i = 0; i < frame.count; ++i) {
    if (remaining_ <= 0) {
      frame.samples[i] = 0;
      continue;
    }
    const double t = static_cast<double>(n_++) / rate_;
    const double v = amplitude_ * (std::sin(2 * std::numbers::pi * low_hz_ * t) +
                                   std::sin(2 * std::numbers::pi * high_hz_ * t));
    frame.samples[i] = static_cast<int16_t>(std::lround(v));
    --remaining_;
  }
}

Result<TelephoneEvent> ParseTelephoneEvent(std::span<const uint8_t> p) {
  if (p.size() != 4)
    return InvalidArgument("telephone-event payload: must be 4 bytes, got " +
                           std::to_string(p.size()));
  TelephoneEvent e;
  e.event = p[0];
  e.end = (p[1] & 0x80) != 0;
  // The R bit (0x40) is reserved: senders clear it, receivers ignore it.
  e.volume = p[1] & 0x3f;
  e.duration = static_cast<uint16_t>(p[2] << 8 | p[3]);
  return e;
}

Result<std::array<uint8_t, 4>> SerializeTelephoneEvent(const TelephoneEvent& e) {
  if (e.volume > 63) return InvalidArgument("telephone-event volume: must be 0..63");
  return std::array<uint8_t, 4>{e.event, static_cast<uint8_t>((e.end ? 0x80 : 0) | e.volume),
                                static_cast<uint8_t>(e.duration >> 8),
                                static_cast<uint8_t>(e.duration & 0xff)};
}

Result<char> DigitForEvent(uint8_t event) {
  if (event > 15)
    return InvalidArgument("telephone-event " + std::to_string(event) + ": not a DTMF key");
  return kDtmfDigits[event];
}

Result<uint8_t> EventForDigit(char digit) {
  if (!IsDtmfDigit(digit)) return InvalidArgument("dtmf digit: not one of 0-9 * # A-D");
  return static_cast<uint8_t>(std::strchr(kDtmfDigits, digit) - kDtmfDigits);
}

Result<std::optional<DtmfEvent>> TelephoneEventReceiver::Push(uint32_t rtp_timestamp,
                                                              std::span<const uint8_t> payload,
                                                              int64_t pts_us) {
  auto event = ParseTelephoneEvent(payload);
  if (!event.ok()) return event.status();
  auto digit = DigitForEvent(event->event);
  if (!digit.ok()) return digit.status();
  if (seen_ && rtp_timestamp == last_timestamp_) return std::optional<DtmfEvent>{};
  seen_ = true;
  last_timestamp_ = rtp_timestamp;
  return std::optional<DtmfEvent>{DtmfEvent{*digit, pts_us}};
}

}  // namespace voxdesk::media
