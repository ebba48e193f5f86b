// The embedded speech recogniser: CMU pocketsphinx (Debian's 0.8+5prealpha)
// with its en-us continuous model, behind the streaming Stt interface.
//
// Each stream owns one pocketsphinx decoder. A decoder is expensive to build
// (about 0.3 s and 90 MB with the en-us language model, most of it the
// trie LM), and the 5prealpha API offers no way to share the acoustic model,
// dictionary or LM between decoders safely (ps_init loads them from paths;
// the trie LM keeps per-query caches, so one LM scored from two threads is
// a data race). PocketsphinxStt therefore keeps a pool of built decoders: a
// closed stream hands its decoder back, the next Open takes it, and only
// calls beyond the pool's size pay for a new one. The config is built once
// and shared by every decoder.
//
// Audio: 16 kHz PCM goes straight in; 8 kHz (telephone) PCM is upsampled 2:1
// with the media layer's half-band filter, because the en-us model is a
// 16 kHz model and keeping its front end (25 mel filters, 130-6800 Hz)
// unchanged matches its training far better than re-deriving the filter bank
// for 8 kHz (the empty 4-6.8 kHz band costs a few filters; a narrower filter
// bank would move every cepstral coefficient).
//
// Segmentation uses pocketsphinx's own voice detection (ps_get_in_speech):
// when speech stops for `end_silence_ms` the utterance ends, a final
// Transcript and OnEndOfUtterance are emitted, and a new utterance starts.
// Partials are emitted every `partial_interval_ms` of speech when they
// change.
//
// Hints: every decoder gets the general LM (default) plus yes/no, digits and
// date/time JSGF grammars, added once when the decoder is built; phrase
// hints (service and name) add a phrase grammar, cached per decoder. A
// grammar always returns something in the grammar, so each grammar result
// is checked against a decode of the same audio with the general LM: if the
// grammar's acoustic score per frame is much worse than the LM's, the
// caller said something else and the LM result is used.
//
// Thread safety: PocketsphinxStt may be shared by threads (Open takes a
// lock). A stream is used by one thread at a time; sink callbacks run on
// the thread calling Push/Finish.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "providers/speech.h"

namespace voxdesk::providers {

struct PocketsphinxModel {
  std::string acoustic_model;  // directory (mdef, means, ...)
  std::string language_model;  // ARPA or binary (.lm.bin)
  std::string dictionary;      // CMU pronouncing dictionary format
};

struct PocketsphinxOptions {
  // Empty paths default to Debian's pocketsphinx-en-us package under
  // VOXDESK_POCKETSPHINX_MODELDIR (/usr/share/pocketsphinx/model).
  PocketsphinxModel english;
  // Debian ships no Spanish model. Put one (e.g. CMU Sphinx's es-es or
  // es-mx "cmusphinx-es" acoustic model, LM and dictionary) on disk and name
  // it here; while these are empty, Open(..., kEs) fails with kNotFound.
  PocketsphinxModel spanish;
  // An acoustic model directory for 8 kHz (telephone) English streams, with
  // english's language model and dictionary; empty: english.acoustic_model
  // at both rates. SyntheticCallerModel() names one voxdesk builds for
  // callers that are speech synthesisers.
  std::string telephone_acoustic_model;
  // Decoders built by Create, so the first calls do not wait for a load.
  int preload_decoders = 1;
  // Built decoders kept for reuse after their stream closes (per language).
  int max_idle_decoders = 4;
  // Silence that ends an utterance (pocketsphinx -vad_postspeech).
  int end_silence_ms = 500;
  // A partial transcript at most this often, in milliseconds of speech.
  int partial_interval_ms = 250;
  // An utterance is cut here even if the voice detector still hears speech
  // (a caller who never pauses, or noise it takes for speech).
  int max_utterance_ms = 15000;
  // A grammar result is replaced by the general LM result when its acoustic
  // log-likelihood is worse than the LM's by more than this, in nats per
  // 10 ms frame.
  double grammar_fallback_margin = 1.0;
  // Search effort. pocketsphinx's defaults (30000 active HMMs per frame and a
  // second, flat-lexicon pass) run at about 0.55x real time per stream on
  // one core here; 3000 HMMs and one pass run at about 0.23x with no
  // measurable loss on the test corpus, so more calls fit on a core.
  int max_hmms_per_frame = 3000;
  bool second_pass = false;
  // Where cepstral mean normalisation starts for 8 kHz streams. The model's
  // own prior is for wideband speech; telephone audio upsampled 2:1 has an
  // empty band above 4 kHz and a far different mean, and pocketsphinx uses
  // the prior unchanged for a call's whole first utterance (often the
  // only one: "yes"). The default was measured on G.711 mu-law telephone-band
  // speech (300-3400 Hz, -3 dBFS peak) through the half-band upsampler.
  // 13 values; any other size means the model's prior. Not used with
  // telephone_acoustic_model, whose feat.params carries its own prior.
  std::vector<float> telephone_cmn_prior = {47.78f,  26.23f, -43.30f, 37.20f, -19.86f,
                                            -25.69f, 0.96f,  -40.29f, 1.23f,  -5.99f,
                                            -16.70f, 4.76f,  -15.37f};
  // RMS (16-bit units) of a noise floor put above 4 kHz in 8 kHz streams
  // after upsampling (see TelephoneUpsampler); 0: none. 40
  // turns clean telephone speech from gibberish into mostly right words
  // (docs/session.md), but the voice detector then also starts on digital
  // silence, so it is off until the segmentation is retuned for it.
  double telephone_noise_floor = 0;
  // Noise suppression on 8 kHz streams before upsampling (SpeexDSP's
  // spectral denoiser, media::Preprocessor): the most a noise band is
  // attenuated, in dB (-60..-1); 0: off. Off by default: at 15 dB of white
  // noise -20 lowered the per-state grammar WER only from 96.7 % to 93.5 %,
  // made the espeak-ng call's first turn worse, and -30 delayed endpointing
  // past the reply deadline (docs/session.md).
  int telephone_noise_suppress_db = 0;
};

// The en-us acoustic model MAP-adapted (scripts/build-stt-model) to
// synthetic callers on a telephone line: espeak-ng and Flite voices on 8 kHz
// G.711 with line noise, as TelephoneUpsampler hands them to the
// recogniser. For calls placed by a speech synthesiser (`voxdesk demo`,
// tests, load generators): on espeak-ng at 15 dB SNR it cuts the word error
// rate by more than half, but it hears recorded people worse than the
// original model does (docs/session.md has both figures), so it is not a
// default. The directory comes from VOXDESK_SYNTHETIC_CALLER_MODEL in the
// environment, else the one the build made; empty when neither exists.
std::string SyntheticCallerModel();

class PocketsphinxStt final : public Stt {
 public:
  // Builds the shared config and `preload_decoders` English decoders.
  // kNotFound when a model file is missing.
  static Result<std::shared_ptr<PocketsphinxStt>> Create(PocketsphinxOptions options = {});
  ~PocketsphinxStt() override;

  // sample_rate: 8000 or 16000. kEs without a Spanish model: kNotFound.
  Result<std::unique_ptr<SttStream>> Open(int sample_rate, std::string_view language,
                                          SttSink& sink) override;

  // Built decoders waiting in the pool (all languages); for tests and metrics.
  int idle_decoders() const;

  struct Pool;  // defined in the .cpp; public so the stream can name it

 private:
  explicit PocketsphinxStt(std::shared_ptr<Pool> pool) : pool_(std::move(pool)) {}
  std::shared_ptr<Pool> pool_;
};

}  // namespace voxdesk::providers
