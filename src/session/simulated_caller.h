// A caller made of a script: the far end of `voxdesk demo`, of the
// end-to-end tests and of load benchmarks. It speaks each line with a TTS
// voice at the line's rate (through G.711 mu-law, as a phone line does, and
// with white noise when asked), listens to the agent's audio to know when it
// is its turn, and hangs up after the agent's last words. A line may instead
// interrupt the agent some time after the agent starts talking, or press keys.
//
// Thread safety: a Line, used by its worker's thread only. The voice engine
// must deliver audio synchronously inside PushText/Flush (espeak-ng and the
// test fakes do).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/status.h"
#include "dialog/lang.h"
#include "providers/speech.h"
#include "session/line.h"

namespace voxdesk::session {

struct CallerLine {
  std::string text;  // what the caller says
  std::string keys;  // or: keys pressed instead (DTMF tones in band), e.g. "1"
  // >= 0: start talking this long after the agent starts its reply, without
  // waiting for it to finish (barge-in).
  int barge_in_after_ms = -1;
};

struct SimulatedCallerOptions {
  int sample_rate = 8000;
  dialog::Lang lang = dialog::Lang::kEn;
  bool mulaw = true;           // the caller's audio passes through G.711 mu-law
  double noise_snr_db = -1;    // < 0: a clean line; else white noise this far below the speech
  uint32_t seed = 1;           // noise is repeatable
  int think_ms = 500;          // pause after the agent stops before answering
  int agent_done_ms = 1000;    // agent silence that means the agent is waiting
  int hangup_after_ms = 2500;  // after the last line, hang up when the agent stays silent this long
};

class SimulatedCaller final : public Line {
 public:
  // Synthesises every line up front (so the call itself runs at tick speed).
  static Result<std::unique_ptr<SimulatedCaller>> Create(std::vector<CallerLine> lines,
                                                         providers::Tts& voice,
                                                         SimulatedCallerOptions options = {});

  bool Read(media::AudioFrame& in) override;
  void Write(const media::AudioFrame& out) override;
  bool hung_up() const override { return hung_up_; }
  void Close(std::string_view reason) override { close_reason_ = reason; }

  // Called when the caller starts a line (a test's scripted recogniser
  // learns the words this way).
  std::function<void(const std::string&)> on_say;

  struct Said {
    std::string text;
    int64_t start_ms = 0;
    int64_t end_ms = 0;
    bool interrupted_agent = false;  // started while the agent was talking
  };
  const std::vector<Said>& said() const { return said_; }
  const std::string& close_reason() const { return close_reason_; }
  size_t lines_left() const { return lines_.size() - next_; }

 private:
  SimulatedCaller(std::vector<CallerLine> lines, SimulatedCallerOptions options);
  void StartLine(int64_t now_ms);

  std::vector<CallerLine> lines_;
  std::vector<std::vector<int16_t>> audio_;  // per line, at the line rate
  SimulatedCallerOptions options_;
  size_t frame_ = 0;  // samples per frame
  int64_t t_ms_ = 0;  // time of the next frame
  size_t next_ = 0;   // next line to say
  const std::vector<int16_t>* speaking_ = nullptr;
  size_t pos_ = 0;
  double noise_rms_ = 0;
  std::mt19937 rng_;
  std::normal_distribution<double> gauss_{0.0, 1.0};

  bool agent_talking_ = false;
  bool agent_spoke_since_line_ = false;
  int64_t agent_started_ms_ = -1;  // start of the agent's current stretch of speech
  int64_t agent_quiet_since_ms_ = 0;
  bool hung_up_ = false;
  std::string close_reason_;
  std::vector<Said> said_;
};

}  // namespace voxdesk::session
