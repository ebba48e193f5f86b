// DTMF: callers press keys to pick menu options or enter numbers, and the
// digits reach us either as in-band tones (detected here with Goertzel
// filters) or as RFC 4733 telephone-event packets (parsed here). Both paths
// produce the same DtmfEvent. The generator plays tones back into frames.
//
// The detector follows ITU-T Q.24-style acceptance rules: each tone within
// +-1.5 % of nominal is accepted and beyond ~3.5 % rejected (the offset is
// measured from the phase advance between half-blocks, not guessed from bin
// energy), twist limits, a minimum tone duration of ~40 ms and a minimum
// pause, and three checks that keep speech from faking digits (talk-off): the
// two tones must carry most of the signal energy, dominate their groups, and
// have no strong second harmonic. Analysis blocks are 12.75 ms (102 samples
// at 8 kHz, 204 at 16 kHz) evaluated every half-block, streamed across frame
// boundaries.
//
// Threading: one detector / generator / receiver per stream, used by the one
// thread that owns the stream. The per-frame calls do not allocate, lock or log.
#pragma once

#include <array>
#include <complex>
#include <cstdint>
#include <optional>
#include <span>

#include "core/status.h"
#include "media/frame.h"

namespace voxdesk::media {

struct DtmfEvent {
  char digit = 0;      // one of 0-9 * # A-D
  int64_t pts_us = 0;  // stream time where the tone (or RFC 4733 event) began
};

// The 16 keys, in RFC 4733 event-code order (0-9, *, #, A-D).
inline constexpr char kDtmfDigits[] = "0123456789*#ABCD";
bool IsDtmfDigit(char c);

struct DtmfDetectorConfig {
  int sample_rate = 8000;  // 8000 or 16000
  // Tone offset accepted from nominal, as a fraction (between the 1.5 % that
  // must be accepted and the 3.5 % that must be rejected).
  double max_frequency_error = 0.025;
  double normal_twist_db = 8.0;   // low (row) tone louder than high (column) tone
  double reverse_twist_db = 4.0;  // high tone louder than low tone
  double min_tone_dbfs = -40.0;   // per-tone RMS level, relative to 32768
  int min_duration_ms = 40;
  int min_pause_ms = 20;  // silence needed before the same digit counts again
};

Status ValidateDtmfDetectorConfig(const DtmfDetectorConfig& config);

class DtmfDetector {
 public:
  static Result<DtmfDetector> Create(const DtmfDetectorConfig& config);

  // Feeds one frame; writes up to out.size() digits that were confirmed in it
  // and returns how many. Frames at another rate are counted and ignored.
  size_t Process(const AudioFrame& frame, std::span<DtmfEvent> out);
  void Reset();
  uint64_t rejected_frames() const { return rejected_; }

 private:
  explicit DtmfDetector(const DtmfDetectorConfig& config);
  // Checks the block made of the previous and the current half; returns the
  // digit it holds or 0.
  char Classify() const;
  void OnHalfBlock(int64_t half_start_pts, std::span<DtmfEvent> out, size_t& written);

  static constexpr int kTones = 16;  // 8 fundamentals, then their second harmonics
  DtmfDetectorConfig config_;
  int half_ = 0;  // samples per half-block
  int min_hits_ = 0;
  int pause_windows_ = 0;
  double min_tone_energy_ = 0;
  std::array<float, kTones> coef_{};                   // 2 cos(w)
  std::array<std::complex<float>, kTones> rot1_{};     // e^{-jw}
  std::array<std::complex<float>, kTones> endrot_{};   // e^{-jw(M-1)}
  std::array<std::complex<float>, kTones> halfrot_{};  // e^{-jwM}

  // Running Goertzel state for the half-block being filled.
  std::array<float, kTones> s1_{}, s2_{};
  double energy_ = 0;
  int filled_ = 0;
  int64_t half_start_pts_ = 0;
  // The previous and current completed halves.
  std::array<std::complex<float>, kTones> prev_{}, cur_{};
  double prev_energy_ = 0, cur_energy_ = 0;
  int64_t prev_start_pts_ = 0;
  bool have_prev_ = false;

  char current_ = 0;
  int hits_ = 0;
  int gap_ = 0;
  bool reported_ = false;
  int64_t digit_start_pts_ = 0;
  uint64_t rejected_ = 0;
};

// Plays one digit at a time into frames, then silence.
class DtmfGenerator {
 public:
  static Result<DtmfGenerator> Create(int sample_rate);
  // level_dbfs is each tone's RMS relative to 32768, at most -9 so the pair
  // never clips.
  Status Start(char digit, int duration_ms, double level_dbfs);
  // Fills a 20 ms frame (rate, count; pts is the caller's) with the tone's
  // next samples, silence once it has ended.
  void Fill(AudioFrame& frame);
  bool active() const { return remaining_ > 0; }

 private:
  explicit DtmfGenerator(int rate) : rate_(rate) {}
  int rate_;
  double low_hz_ = 0, high_hz_ = 0, amplitude_ = 0;
  int64_t n_ = 0;
  int64_t remaining_ = 0;
};

// RFC 4733 section 2.3 telephone-event payload (4 bytes).
struct TelephoneEvent {
  uint8_t event = 0;      // 0-15 are the DTMF keys in kDtmfDigits order
  bool end = false;       // E bit
  uint8_t volume = 0;     // 0..63, -dBm0
  uint16_t duration = 0;  // in RTP timestamp units
};

Result<TelephoneEvent> ParseTelephoneEvent(std::span<const uint8_t> payload);
// Fails when the volume does not fit in six bits.
Result<std::array<uint8_t, 4>> SerializeTelephoneEvent(const TelephoneEvent& e);
Result<char> DigitForEvent(uint8_t event);
Result<uint8_t> EventForDigit(char digit);

// Turns a stream of telephone-event packets into one DtmfEvent per key press:
// a press spans several packets with the same RTP timestamp (updates, then
// the end packet repeated), so only the first packet of each reports.
class TelephoneEventReceiver {
 public:
  // pts_us: the stream time of `rtp_timestamp` (the event's start), mapped
  // by the caller's RTP clock. Malformed or non-DTMF payloads are an error and
  // change nothing.
  Result<std::optional<DtmfEvent>> Push(uint32_t rtp_timestamp, std::span<const uint8_t> payload,
                                        int64_t pts_us);

 private:
  bool seen_ = false;
  uint32_t last_timestamp_ = 0;
};

}  // namespace voxdesk::media
