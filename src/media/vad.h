// Voice activity detection: tells the session runtime when the caller starts
// and stops talking (turn-taking, barge-in, no-input timers). Detectors sit
// behind VoiceActivityDetector so a neural model can replace the embedded one
// without touching callers.
//
// EnergyVad, the embedded detector, band-limits each frame to the telephone
// speech band (200-3400 Hz; the 200 Hz edge keeps voiced
// murmurs and removes mains hum and its first harmonics), compares its level with an adaptive noise
// floor (so steady line noise, hum and comfort noise are learned, not reported), and rejects
// strongly tonal frames (dial tone, hum harmonics) with an order-2 linear-prediction gain, a cheap
// stand-in for spectral flatness. Raw per-frame decisions are smoothed by a start and a stop
// hangover; events carry the pts of the first speech frame and of the first frame after speech, so
// their timestamps are frame-accurate even though they are reported a hangover late.
//
// Threading: one detector per stream, used by the one thread that owns the
// stream. Process() does not allocate, lock or log.
#pragma once

#include <array>
#include <cstdint>

#include "core/status.h"
#include "media/frame.h"

namespace voxdesk::media {

enum class VadEventType { kNone, kSpeechStart, kSpeechEnd };

struct VadEvent {
  VadEventType type = VadEventType::kNone;
  // kSpeechStart: pts of the first frame of the speech run.
  // kSpeechEnd: pts of the first non-speech frame after it (the end instant).
  int64_t pts_us = 0;
};

class VoiceActivityDetector {
 public:
  virtual ~VoiceActivityDetector() = default;
  // Feeds one frame (10 or 20 ms at the detector's rate). Frames at another
  // rate or of another size are counted in rejected_frames() and ignored.
  virtual VadEvent Process(const AudioFrame& frame) = 0;
  // The smoothed state: true between a speech-start and its speech-end.
  virtual bool in_speech() const = 0;
  // The raw decision for the last accepted frame, before hangover.
  virtual bool frame_is_speech() const = 0;
  virtual uint64_t rejected_frames() const = 0;
  // Forgets the noise floor and the speech state (new call on a reused object).
  virtual void Reset() = 0;
};

struct VadConfig {
  int sample_rate = 8000;  // 8000 or 16000
  // Speech must last this long before speech-start is reported (rejects clicks).
  int start_hangover_ms = 60;
  // Silence must last this long before speech-end (bridges pauses between words).
  int stop_hangover_ms = 300;
  // A frame is speech when its band level is this far above the noise floor...
  double threshold_db = 3.5;
  // ...and above this absolute level (dBFS: RMS relative to 32768), so
  // comfort noise and very quiet lines never count as speech.
  double min_speech_dbfs = -50.0;
  // Frames whose order-2 prediction gain exceeds this are tones, not speech.
  double max_tonality_db = 22.0;
};

// Checks ranges and the rate; the message names the offending field.
Status ValidateVadConfig(const VadConfig& config);

class EnergyVad final : public VoiceActivityDetector {
 public:
  static Result<EnergyVad> Create(const VadConfig& config);

  VadEvent Process(const AudioFrame& frame) override;
  bool in_speech() const override { return in_speech_; }
  bool frame_is_speech() const override { return frame_speech_; }
  uint64_t rejected_frames() const override { return rejected_; }
  void Reset() override;

  // Diagnostics for tests and tuning: the last frame's band level and the floor.
  double level_dbfs() const { return level_db_; }
  double noise_floor_dbfs() const { return floor_db_; }
  // The last frame's order-2 prediction gain (the tonality measure).
  double tonality_db() const { return tonality_db_; }

 private:
  explicit EnergyVad(const VadConfig& config);

  // The band filter: three biquads in cascade (4th-order high-pass 200 Hz,
  // 2nd-order low-pass 3400 Hz) written as one 6-state linear system and run
  // kBlock samples at a time with precomputed block matrices, so the per-sample
  // recursion (latency-bound as biquads) becomes independent multiply-adds the
  // compiler vectorises. See vad.cpp.
  static constexpr size_t kOrder = 6;
  static constexpr size_t kBlock = 8;
  using Row = std::array<float, kBlock>;
  struct BlockFilter {
    std::array<Row, kOrder> state_to_out{};    // [j][r]: output r from state j
    std::array<Row, kBlock> in_to_out{};       // [c][r]: output r from input c
    std::array<Row, kOrder> state_to_state{};  // [j][i]: next state i from state j
    std::array<Row, kBlock> in_to_state{};     // [c][i]: next state i from input c
  };
  void UpdateFloor(double level_db, bool speech);

  VadConfig config_;
  BlockFilter filter_;
  Row state_{};  // the filter's 6 state values (padded to a row)
  int start_frames_ = 0;
  int stop_frames_ = 0;

  bool primed_ = false;
  double floor_db_ = 0;
  double level_db_ = -120;
  double tonality_db_ = 0;
  // Minimum statistics: minima of the last kMinBlocks blocks of kBlockFrames
  // frames. A level that never dipped for the whole window is background,
  // which lets the floor follow a step in stationary noise within ~1 s.
  static constexpr int kMinBlocks = 5;
  static constexpr int kBlockFrames = 10;
  std::array<double, kMinBlocks> block_min_{};
  int block_index_ = 0;
  int block_fill_ = 0;
  double current_min_ = 0;
  int blocks_done_ = 0;

  bool frame_speech_ = false;
  bool in_speech_ = false;
  int run_ = 0;                // consecutive frames disagreeing with in_speech_
  int64_t run_start_pts_ = 0;  // pts of the first frame of that run
  uint64_t rejected_ = 0;
};

}  // namespace voxdesk::media
