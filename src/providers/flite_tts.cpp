#include "providers/flite_tts.h"

#include <iterator>
#include <mutex>
#include <string>
#include <vector>

extern "C" {
#include <flite/flite.h>
cst_voice* register_cmu_us_slt(const char* voxdir);
cst_voice* register_cmu_us_awb(const char* voxdir);
cst_voice* register_cmu_us_rms(const char* voxdir);
cst_voice* register_cmu_us_kal16(const char* voxdir);
}

#include "media/frame.h"
#include "media/resampler.h"

namespace voxdesk::providers {
namespace {

constexpr int kFliteRate = 16000;
constexpr int kChunkMs = 100;
constexpr size_t kTenMs = kFliteRate / 100;

std::mutex& FliteMutex() {
  static std::mutex mu;
  return mu;
}

// The voices Debian's libflite ships at 16 kHz (kal, the 8 kHz diphone
// voice, is left out: kal16 is the same speaker at Flite's rate).
struct VoiceEntry {
  const char* name;
  cst_voice* (*reg)(const char*);
};
constexpr VoiceEntry kVoices[] = {{"slt", register_cmu_us_slt},
                                  {"awb", register_cmu_us_awb},
                                  {"rms", register_cmu_us_rms},
                                  {"kal16", register_cmu_us_kal16}};

// Called with FliteMutex held. Each voice is registered once per process and
// kept: Flite has no safe teardown for a voice other threads may still use.
// Null for a name Flite does not have.
cst_voice* Voice(std::string_view name) {
  static bool init = (flite_init(), true);
  (void)init;
  static cst_voice* voices[std::size(kVoices)] = {};
  for (size_t i = 0; i < std::size(kVoices); ++i) {
    if (name != kVoices[i].name) continue;
    if (!voices[i]) voices[i] = kVoices[i].reg(nullptr);
    return voices[i];
  }
  return nullptr;
}

class FliteStream final : public TtsStream {
 public:
  // `resampler` is null when the call rate is Flite's own; its state runs
  // across the sentences of one utterance.
  FliteStream(cst_voice* voice, int rate, TtsSink& sink,
              std::unique_ptr<media::Resampler> resampler)
      : voice_(voice), rate_(rate), sink_(sink), resampler_(std::move(resampler)) {}

  Status PushText(std::string_view text) override {
    if (cancelled_) return Status(Code::kConflict, "the stream was cancelled");
    pending_ += text;
    // Speak every complete sentence now; keep the rest for more text.
    size_t end = pending_.find_last_of(".?!\n");
    if (end == std::string::npos) return Status::Ok();
    std::string ready = pending_.substr(0, end + 1);
    pending_.erase(0, end + 1);
    return Speak(ready, false);
  }

  Status Flush() override {
    if (cancelled_) return Status(Code::kConflict, "the stream was cancelled");
    std::string rest = std::move(pending_);
    pending_.clear();
    return Speak(rest, true);
  }

  void Cancel() override { cancelled_ = true; }

 private:
  Status Speak(const std::string& text, bool last) {
    std::vector<int16_t> pcm;
    if (text.find_first_not_of(" \t\r\n") != std::string::npos) {
      std::lock_guard lock(FliteMutex());
      cst_wave* w = flite_text_to_wave(text.c_str(), voice_);
      if (!w) return Status(Code::kInternal, "flite could not synthesise the text");
      if (w->sample_rate != kFliteRate) {
        delete_wave(w);
        return Status(Code::kInternal, "flite: the voice does not speak at 16 kHz");
      }
      pcm.assign(w->samples, w->samples + w->num_samples);
      delete_wave(w);
    }
    // Whole 10 ms at Flite's rate: the resampler converts only lengths that
    // are whole at the call rate too (voices end sentences on any sample).
    if (pcm.size() % kTenMs) pcm.resize(pcm.size() + kTenMs - pcm.size() % kTenMs, 0);
    if (resampler_ && !pcm.empty()) {
      std::vector<int16_t> out(pcm.size() * static_cast<size_t>(rate_) / kFliteRate + 64);
      auto n = resampler_->Process(pcm, out);
      if (!n.ok()) return n.status();
      out.resize(*n);
      pcm.swap(out);
    }
    // Whole frames: each sentence ends on a frame boundary.
    const size_t frame = media::SamplesPer(rate_);
    if (pcm.size() % frame) pcm.resize(pcm.size() + frame - pcm.size() % frame, 0);
    const size_t chunk = media::SamplesPer(rate_, kChunkMs);
    for (size_t at = 0; at < pcm.size() || (last && at == 0); at += chunk) {
      if (cancelled_) return Status::Ok();
      AudioChunk c;
      c.sample_rate = rate_;
      const size_t n = std::min(chunk, pcm.size() - std::min(at, pcm.size()));
      c.pcm.assign(pcm.begin() + static_cast<std::ptrdiff_t>(at),
                   pcm.begin() + static_cast<std::ptrdiff_t>(at + n));
      c.last = last && at + chunk >= pcm.size();
      sink_.OnAudio(c);
      if (pcm.empty()) break;
    }
    return Status::Ok();
  }

  cst_voice* voice_;
  int rate_;
  TtsSink& sink_;
  std::unique_ptr<media::Resampler> resampler_;
  std::string pending_;
  bool cancelled_ = false;
};

}  // namespace

Result<std::unique_ptr<FliteTts>> FliteTts::Create(std::string_view voice) {
  std::lock_guard lock(FliteMutex());
  cst_voice* v = Voice(voice);
  if (!v) {
    bool known = false;
    for (const VoiceEntry& e : kVoices) known = known || voice == e.name;
    if (!known)
      return Status(Code::kInvalidArgument,
                    "flite: no voice \"" + std::string(voice) + "\" (slt, awb, rms or kal16)");
    return Status(Code::kNotFound,
                  "flite: the cmu_us_" + std::string(voice) + " voice could not be loaded");
  }
  return std::unique_ptr<FliteTts>(new FliteTts(v));
}

Result<std::unique_ptr<TtsStream>> FliteTts::Open(int sample_rate, std::string_view language,
                                                  TtsSink& sink) {
  if (dialog::LangFromLocale(language) != dialog::Lang::kEn)
    return Status(Code::kInvalidArgument, "flite: only English is available");
  if (!media::IsSupportedRate(sample_rate))
    return Status(Code::kInvalidArgument, "sample_rate: " + std::to_string(sample_rate) +
                                              " is not 8000, 16000, 24000 or 48000");
  std::unique_ptr<media::Resampler> r;
  if (sample_rate != kFliteRate) {
    auto made = media::Resampler::Create(kFliteRate, sample_rate);
    if (!made.ok()) return made.status();
    r = std::make_unique<media::Resampler>(std::move(*made));
  }
  return std::unique_ptr<TtsStream>(new FliteStream(voice_, sample_rate, sink, std::move(r)));
}

}  // namespace voxdesk::providers
