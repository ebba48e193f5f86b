// A second embedded voice: CMU Flite (libflite). Its default "slt" voice is
// a statistical parametric (clustergen) US English voice that sounds far
// more like a recorded person than espeak-ng's formant synthesis; "awb" and
// "rms" are two more clustergen voices and "kal16" a diphone voice. It is
// English only. Recognisers trained on human speech understand it much better than
// espeak-ng, which is why `voxdesk demo` gives it to the simulated caller.
//
// Audio: Flite speaks at 16 kHz; chunks are resampled (SpeexDSP) to the rate
// the stream was opened with, in 100 ms pieces. Text is synthesised per
// complete sentence as it is pushed (ended by . ? ! or a line break), and
// whatever is left at Flush; the last chunk of a Flush is marked `last`.
//
// Threading: Flite keeps per-voice state that is not safe to share between
// threads, so synthesis is serialised by a process-wide mutex (it runs about
// fifty times faster than real time). A stream is used by one thread; its
// sink is called on that thread. Cancel: a cancelled stream stays cancelled.
#pragma once

#include <memory>
#include <string_view>

#include "providers/speech.h"

struct cst_voice_struct;  // Flite's voice (flite/cst_voice.h)

namespace voxdesk::providers {

class FliteTts final : public Tts {
 public:
  // `voice`: "slt", "awb", "rms" or "kal16" (kInvalidArgument otherwise).
  // Open: kInvalidArgument for a language other than English.
  static Result<std::unique_ptr<FliteTts>> Create(std::string_view voice = "slt");
  Result<std::unique_ptr<TtsStream>> Open(int sample_rate, std::string_view language,
                                          TtsSink& sink) override;

 private:
  explicit FliteTts(::cst_voice_struct* voice) : voice_(voice) {}
  ::cst_voice_struct* voice_;  // owned by Flite, kept for the process
};

}  // namespace voxdesk::providers
