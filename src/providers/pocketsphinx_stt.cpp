#include "providers/pocketsphinx_stt.h"

#include <pocketsphinx.h>
#include <sphinxbase/cmn.h>
#include <sphinxbase/err.h>
#include <sphinxbase/feat.h>
#include <sphinxbase/fsg_model.h>
#include <sphinxbase/jsgf.h>
#include <sphinxbase/logmath.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <mutex>
#include <new>
#include <optional>
#include <vector>

#include "media/preprocess.h"
#include "providers/grammars.h"
#include "providers/telephone_upsampler.h"

#ifndef VOXDESK_POCKETSPHINX_MODELDIR
#define VOXDESK_POCKETSPHINX_MODELDIR "/usr/share/pocketsphinx/model"
#endif

namespace voxdesk::providers {
namespace {

constexpr int kRate = 16000;         // the en-us model's rate
constexpr int kFrameMs = 10;         // pocketsphinx's frame shift
constexpr int kChunk16k = 320;       // 20 ms: how often voice detection is polled
constexpr int kVadStartFrames = 10;  // -vad_startspeech default
constexpr int kVadPreFrames = 20;    // -vad_prespeech default
constexpr size_t kMaxPhraseSearches = 6;

constexpr const char* kYesNo = "yesno";
constexpr const char* kDigits = "digits";
constexpr const char* kDateTime = "datetime";
constexpr const char* kBirthDate = "birthdate";

Status NoMemory() {
  return Status(Code::kNoMemory, "out of memory in the speech recogniser");
}
Status Internal(std::string m) {
  return Status(Code::kInternal, std::move(m));
}

// One built decoder and the searches added to it so far.
struct Decoder {
  ps_decoder_t* ps = nullptr;
  std::string lm_search;  // the general LM
  std::string current;  // the active search (ps_get_search leaks an iterator per call in 5prealpha)
  bool has_yesno = false, has_digits = false, has_datetime = false, has_birthdate = false;
  std::deque<std::string> phrase_searches;  // most recent last
  std::vector<mfcc_t> model_cmn;            // the acoustic model's CMN prior
  bool telephone_model = false;             // built from telephone audio

  Decoder() = default;
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;
  ~Decoder() {
    if (ps) ps_free(ps);
  }
};

// ps_set_jsgf_string without its leak: 5prealpha never frees the parsed
// grammar, which adds up when phrase hints add searches during calls.
bool SetJsgf(ps_decoder_t* ps, const char* name, const std::string& text) {
  jsgf_t* jsgf = jsgf_parse_string(text.c_str(), nullptr);
  if (!jsgf) return false;
  bool ok = false;
  if (jsgf_rule_t* rule = jsgf_get_public_rule(jsgf)) {
    float lw = static_cast<float>(cmd_ln_float32_r(ps_get_config(ps), "-lw"));
    if (fsg_model_t* fsg = jsgf_build_fsg(jsgf, rule, ps_get_logmath(ps), lw)) {
      ok = ps_set_fsg(ps, name, fsg) == 0;  // the search keeps its own reference
      fsg_model_free(fsg);
    }
  }
  jsgf_grammar_free(jsgf);
  return ok;
}

struct Config {
  cmd_ln_t* cmd = nullptr;
  ~Config() {
    if (cmd) cmd_ln_free_r(cmd);
  }
};

}  // namespace

struct PocketsphinxStt::Pool {
  struct Lang {
    std::shared_ptr<Config> config;  // null: no model for this language
    std::string missing;             // why, when config is null
    bool english = true;             // the built-in grammars are English
    bool telephone = false;          // a model adapted to 8 kHz audio
    std::vector<std::unique_ptr<Decoder>> idle;
  };

  PocketsphinxOptions options;
  mutable std::mutex mu;
  Lang en, es;
  Lang en_telephone;  // config null: 8 kHz English streams use `en`

  Lang& For(dialog::Lang lang, bool telephone) {
    if (lang == dialog::Lang::kEs) return es;
    return telephone && en_telephone.config ? en_telephone : en;
  }

  static Result<std::unique_ptr<Decoder>> Build(const Lang& l) {
    auto d = std::make_unique<Decoder>();
    d->telephone_model = l.telephone;
    d->ps = ps_init(l.config->cmd);
    if (!d->ps) return Internal("pocketsphinx could not load its model");
    cmn_t* cmn = ps_get_feat(d->ps)->cmn_struct;
    d->model_cmn.resize(static_cast<size_t>(cmn->veclen));
    cmn_live_get(cmn, d->model_cmn.data());
    // The search ps_init makes from -lm; its name is fixed in 5prealpha
    // (PS_DEFAULT_SEARCH, private to the library).
    d->lm_search = "_default";
    if (l.english) {
      // A grammar that fails to compile only loses its bias: the hint then
      // falls back to the general LM.
      d->has_yesno = SetJsgf(d->ps, kYesNo, YesNoGrammar());
      d->has_digits = SetJsgf(d->ps, kDigits, DigitsGrammar());
      d->has_datetime = SetJsgf(d->ps, kDateTime, DateTimeGrammar());
      d->has_birthdate = SetJsgf(d->ps, kBirthDate, BirthDateGrammar());
    }
    if (ps_set_search(d->ps, d->lm_search.c_str()) != 0)
      return Internal("pocketsphinx has no general LM search");
    d->current = d->lm_search;
    return d;
  }

  Result<std::unique_ptr<Decoder>> Acquire(dialog::Lang lang, bool telephone) {
    Lang tmp;  // what Build needs of the language, copied under the lock
    {
      std::lock_guard<std::mutex> lock(mu);
      Lang& l = For(lang, telephone);
      if (!l.config) return NotFound(l.missing);
      if (!l.idle.empty()) {
        auto d = std::move(l.idle.back());
        l.idle.pop_back();
        return d;
      }
      tmp.config = l.config;
      tmp.english = l.english;
      tmp.telephone = l.telephone;
    }
    // Built outside the lock: it takes a third of a second.
    return Build(tmp);
  }

  void Release(dialog::Lang lang, bool telephone, std::unique_ptr<Decoder> d) {
    if (!d) return;
    std::lock_guard<std::mutex> lock(mu);
    Lang& l = For(lang, telephone);
    if (static_cast<int>(l.idle.size()) < options.max_idle_decoders) l.idle.push_back(std::move(d));
  }
};

namespace {

std::string CheckModel(const PocketsphinxModel& m) {
  for (const std::string* p : {&m.acoustic_model, &m.language_model, &m.dictionary}) {
    std::error_code ec;
    if (!std::filesystem::exists(*p, ec)) return "pocketsphinx model file not found: " + *p;
  }
  return {};
}

Result<std::shared_ptr<Config>> MakeConfig(const PocketsphinxModel& m,
                                           const PocketsphinxOptions& o) {
  std::string post = std::to_string(std::max(5, o.end_silence_ms / kFrameMs));
  std::string maxhmm = std::to_string(std::max(500, o.max_hmms_per_frame));
  auto c = std::make_shared<Config>();
  // Logging goes nowhere: pocketsphinx writes pages of it per decoder.
  c->cmd = cmd_ln_init(nullptr, ps_args(), TRUE, "-hmm", m.acoustic_model.c_str(), "-lm",
                       m.language_model.c_str(), "-dict", m.dictionary.c_str(), "-logfn",
                       "/dev/null", "-vad_postspeech", post.c_str(), "-maxhmmpf", maxhmm.c_str(),
                       "-fwdflat", o.second_pass ? "yes" : "no", nullptr);
  if (!c->cmd) return InvalidArgument("pocketsphinx rejected its configuration");
  return c;
}

// A word as the caller said it: no "(2)" pronunciation variant.
std::string BaseWord(const char* w) {
  std::string s = w ? w : "";
  if (auto p = s.find('('); p != std::string::npos) s.resize(p);
  return s;
}

bool IsFiller(const std::string& w) {
  return w.empty() || w[0] == '<' || w[0] == '[' || w[0] == '+';
}

struct Decoded {
  Transcript t;
  double ascr_per_frame = 0;  // acoustic log-likelihood per frame (ln)
  int frames = 0;
};

// pocketsphinx 5prealpha keeps its search scores in logmath units shifted
// right by SENSCR_SHIFT (10) bits (hmm.h, private to the library). The
// n-gram search reports segments from its lattice, which shifts them back
// (ps_lattice.c: seg->ascr = link->ascr << SENSCR_SHIFT); the FSG search
// reports its history entries' scores as they are (fsg_search.c:
// seg->ascr = hist_entry->score - ...), 1/1024 of the same quantity.
constexpr int kSenscrShift = 10;

// The result of the utterance just ended; times relative to `origin_ms`.
// `shifted`: the active search reports scores in SENSCR_SHIFT units (every
// search but the n-gram one).
Decoded Collect(ps_decoder_t* ps, int64_t origin_ms, bool shifted) {
  Decoded d;
  logmath_t* lmath = ps_get_logmath(ps);
  int32 score = 0;
  const char* hyp = ps_get_hyp(ps, &score);
  (void)hyp;
  int32 prob = ps_get_prob(ps);  // log posterior of the best path
  double ascr_sum = 0;
  int frames = 0;
  // Segment frames count from the start of the decoder's stream, not of the
  // utterance (restarting the stream per utterance would also restart the
  // voice detector's noise estimate), so they are taken relative to the
  // first segment, which begins at the utterance's first frame.
  std::optional<int> base;
  for (ps_seg_t* seg = ps_seg_iter(ps); seg; seg = ps_seg_next(seg)) {
    int sf = 0, ef = 0;
    ps_seg_frames(seg, &sf, &ef);
    if (!base) base = sf;
    sf -= *base;
    ef -= *base;
    int32 ascr = 0, lscr = 0, lback = 0;
    int32 post = ps_seg_prob(seg, &ascr, &lscr, &lback);
    ascr_sum += logmath_log_to_ln(lmath, ascr) * (shifted ? double{1 << kSenscrShift} : 1.0);
    frames += std::max(0, ef - sf + 1);
    std::string w = BaseWord(ps_seg_word(seg));
    if (IsFiller(w)) continue;
    WordTiming wt;
    wt.word = w;
    wt.start_ms = origin_ms + int64_t{sf} * kFrameMs;
    wt.end_ms = origin_ms + int64_t{ef + 1} * kFrameMs;
    wt.confidence = std::clamp(logmath_exp(lmath, post), 0.0, 1.0);
    if (!d.t.text.empty()) d.t.text += ' ';
    d.t.text += w;
    d.t.words.push_back(std::move(wt));
  }
  d.frames = frames;
  d.ascr_per_frame = frames > 0 ? ascr_sum / frames : 0;
  d.t.is_final = true;
  d.t.confidence = d.t.words.empty() ? 0 : std::clamp(logmath_exp(lmath, prob), 0.0, 1.0);
  if (!d.t.words.empty()) {
    d.t.start_ms = d.t.words.front().start_ms;
    d.t.end_ms = d.t.words.back().end_ms;
  }
  return d;
}

class PocketsphinxStream final : public SttStream {
 public:
  PocketsphinxStream(std::shared_ptr<PocketsphinxStt::Pool> pool, std::unique_ptr<Decoder> dec,
                     int rate, dialog::Lang lang, SttSink& sink)
      : pool_(std::move(pool)), dec_(std::move(dec)), rate_(rate), lang_(lang), sink_(sink) {
    const PocketsphinxOptions& o = pool_->options;
    max_utt_samples_ = static_cast<size_t>(std::max(1000, o.max_utterance_ms)) * kRate / 1000;
    partial_samples_ =
        static_cast<size_t>(std::max(kFrameMs, o.partial_interval_ms)) * kRate / 1000;
    // Audio of the current utterance plus the lead-in the detector needs,
    // kept for the grammar's LM cross-check; reserved once, here.
    lead_samples_ =
        static_cast<size_t>(kVadStartFrames + kVadPreFrames + 10) * kFrameMs * kRate / 1000;
    audio_.reserve(max_utt_samples_ + lead_samples_ + kChunk16k);
    up_.resize(kChunk16k);
  }

  ~PocketsphinxStream() override { ReturnDecoder(); }

  Status Init() {
    if (rate_ == 8000) {
      auto r = TelephoneUpsampler::Create(std::max(0.0, pool_->options.telephone_noise_floor));
      if (!r.ok()) return r.status();
      resampler_.emplace(std::move(r.value()));
      const int db = pool_->options.telephone_noise_suppress_db;
      if (db != 0) {
        media::PreprocessConfig pc;
        pc.sample_rate = 8000;
        pc.noise_suppress_db = std::clamp(db, -60, -1);
        auto p = media::Preprocessor::Create(pc);
        if (!p.ok()) return p.status();
        denoiser_.emplace(std::move(p.value()));
        den_.sample_rate = 8000;
      }
    }
    // Every call starts from the same channel estimate instead of whatever
    // the decoder's previous call adapted to: calls are independent and
    // results do not depend on which pooled decoder a stream gets.
    const std::vector<float>& tel = pool_->options.telephone_cmn_prior;
    std::vector<mfcc_t> prior = dec_->model_cmn;
    // A model adapted to telephone audio brings its own prior.
    if (rate_ == 8000 && !dec_->telephone_model && tel.size() == prior.size())
      prior.assign(tel.begin(), tel.end());
    cmn_live_set(ps_get_feat(dec_->ps)->cmn_struct, prior.data());
    ps_start_stream(dec_->ps);
    if (!StartUtt()) return Internal("pocketsphinx could not start an utterance");
    return Status::Ok();
  }

  Status Push(std::span<const int16_t> pcm) override {
    try {
      if (finished_) return Conflict("audio pushed after Finish");
      if (!dec_) return Internal("the recogniser has no decoder");
      const size_t step = rate_ == 8000 ? kChunk16k / 2 : kChunk16k;
      if (denoiser_) {
        // The denoiser takes whole 20 ms frames; a partial one waits for
        // the next Push (or Finish).
        const size_t frame = media::SamplesPer(8000);
        for (size_t off = 0; off < pcm.size();) {
          const size_t n = std::min(frame - den_fill_, pcm.size() - off);
          std::copy_n(pcm.begin() + static_cast<std::ptrdiff_t>(off), n,
                      den_.samples.begin() + static_cast<std::ptrdiff_t>(den_fill_));
          den_fill_ += n;
          off += n;
          if (den_fill_ < frame) break;
          den_.count = frame;
          VOXDESK_RETURN_IF_ERROR(denoiser_->Process(den_));
          den_fill_ = 0;
          VOXDESK_RETURN_IF_ERROR(
              FeedTelephone(std::span<const int16_t>(den_.samples.data(), frame)));
        }
        return Status::Ok();
      }
      for (size_t off = 0; off < pcm.size(); off += step) {
        auto chunk = pcm.subspan(off, std::min(step, pcm.size() - off));
        std::span<const int16_t> in16 = chunk;
        if (resampler_) {
          auto n = resampler_->Process(chunk, std::span<int16_t>(up_.data(), chunk.size() * 2));
          if (!n.ok()) return n.status();
          in16 = std::span<const int16_t>(up_.data(), n.value());
        }
        VOXDESK_RETURN_IF_ERROR(Feed(in16));
      }
      return Status::Ok();
    } catch (const std::bad_alloc&) {
      return NoMemory();
    } catch (...) {
      return Internal("unexpected failure in the speech recogniser");
    }
  }

  // 8 kHz audio: upsampled, given the high-band floor, and recognised.
  Status FeedTelephone(std::span<const int16_t> chunk) {
    auto n = resampler_->Process(chunk, std::span<int16_t>(up_.data(), chunk.size() * 2));
    if (!n.ok()) return n.status();
    return Feed(std::span<const int16_t>(up_.data(), n.value()));
  }

  void SetHint(const RecognitionHint& hint) override {
    try {
      pending_hint_ = hint;
      if (!in_utt_ && !finished_) ApplyPendingSettings();
    } catch (...) {
      sink_.OnError(Internal("could not apply the recognition hint"));
    }
  }

  void SetLanguage(std::string_view language) override {
    try {
      const dialog::Lang lang = dialog::LangFromLocale(language);
      if (lang == lang_ && !pending_lang_) return;
      pending_lang_ = lang;
      if (!in_utt_ && !finished_) ApplyPendingSettings();
    } catch (...) {
      sink_.OnError(Internal("could not change the recognition language"));
    }
  }

  Status Finish() override {
    try {
      if (finished_) return Status::Ok();
      finished_ = true;
      if (!dec_) return Status::Ok();
      if (den_fill_ > 0) {
        // Less than a frame left: it cannot be denoised, so it goes in as is.
        VOXDESK_RETURN_IF_ERROR(
            FeedTelephone(std::span<const int16_t>(den_.samples.data(), den_fill_)));
        den_fill_ = 0;
      }
      if (in_utt_) EndUtterance();
      ReturnDecoder();
      return Status::Ok();
    } catch (const std::bad_alloc&) {
      return NoMemory();
    } catch (...) {
      return Internal("unexpected failure in the speech recogniser");
    }
  }

 private:
  int64_t SamplesToMs(size_t n) const { return static_cast<int64_t>(n) * 1000 / kRate; }

  Status Feed(std::span<const int16_t> in16) {
    if (in16.empty()) return Status::Ok();
    // While silent keep only the lead-in; in speech keep the utterance.
    if (!in_utt_ && audio_.size() + in16.size() > lead_samples_) {
      size_t drop = std::min(audio_.size(), audio_.size() + in16.size() - lead_samples_);
      audio_.erase(audio_.begin(), audio_.begin() + static_cast<std::ptrdiff_t>(drop));
    }
    audio_.insert(audio_.end(), in16.begin(), in16.end());
    stream_samples_ += in16.size();
    if (ps_process_raw(dec_->ps, in16.data(), in16.size(), FALSE, FALSE) < 0) {
      Status st = Internal("pocketsphinx failed to process audio");
      sink_.OnError(st);
      return st;
    }
    bool speech = ps_get_in_speech(dec_->ps) != 0;
    if (speech && !in_utt_) {
      in_utt_ = true;
      // The decoder's frame 0 is the first pre-speech frame it kept.
      utt_origin_ms_ = std::max<int64_t>(
          0, SamplesToMs(stream_samples_) - int64_t{kVadStartFrames + kVadPreFrames} * kFrameMs);
      utt_samples_ = 0;
      since_partial_ = 0;
      last_partial_.clear();
    }
    if (!in_utt_) return Status::Ok();
    utt_samples_ += in16.size();
    since_partial_ += in16.size();
    if (!speech || utt_samples_ >= max_utt_samples_) {
      EndUtterance();
      return Status::Ok();
    }
    if (since_partial_ >= partial_samples_) {
      since_partial_ = 0;
      EmitPartial();
    }
    return Status::Ok();
  }

  void EmitPartial() {
    const char* hyp = ps_get_hyp(dec_->ps, nullptr);
    if (!hyp) return;
    std::string text;
    for (const char* p = hyp; *p;) {
      while (*p == ' ') ++p;
      const char* e = p;
      while (*e && *e != ' ') ++e;
      std::string w = BaseWord(std::string(p, e).c_str());
      if (!IsFiller(w)) text += (text.empty() ? "" : " ") + w;
      p = e;
    }
    if (text.empty() || text == last_partial_) return;
    last_partial_ = text;
    Transcript t;
    t.text = std::move(text);
    t.is_final = false;
    t.start_ms = utt_origin_ms_;
    t.end_ms = SamplesToMs(stream_samples_);
    sink_.OnTranscript(t);
  }

  bool StartUtt() {
    ps_open_ = ps_start_utt(dec_->ps) == 0;
    return ps_open_;
  }
  void EndUtt() {
    if (ps_open_) ps_end_utt(dec_->ps);
    ps_open_ = false;
  }

  void EndUtterance() {
    EndUtt();
    in_utt_ = false;
    std::string grammar = dec_->current;
    const bool constrained = grammar != dec_->lm_search && !dec_->lm_search.empty();
    Decoded best = Collect(dec_->ps, utt_origin_ms_, constrained);
    if (constrained) {
      // A grammar fits anything into itself; decode the same audio with the
      // general LM and keep the grammar only if it explains the audio about
      // as well (acoustic score per frame) as the unconstrained search.
      ps_set_search(dec_->ps, dec_->lm_search.c_str());
      ps_start_utt(dec_->ps);
      ps_process_raw(dec_->ps, audio_.data(), audio_.size(), FALSE, FALSE);
      ps_end_utt(dec_->ps);
      Decoded lm = Collect(dec_->ps, utt_origin_ms_, false);
      ps_set_search(dec_->ps, grammar.c_str());
      if (best.t.words.empty() ||
          (!lm.t.words.empty() &&
           lm.ascr_per_frame - best.ascr_per_frame > pool_->options.grammar_fallback_margin)) {
        best = std::move(lm);
      }
    }
    // Empty finals are sent only to retract partials already shown.
    if (!best.t.words.empty() || !last_partial_.empty()) {
      if (best.t.words.empty()) {
        best.t.start_ms = utt_origin_ms_;
        best.t.end_ms = SamplesToMs(stream_samples_);
      }
      sink_.OnTranscript(best.t);
      sink_.OnEndOfUtterance(SamplesToMs(stream_samples_));
    }
    last_partial_.clear();
    audio_.clear();
    if (!finished_) {
      ApplyPendingSettings();
      if (dec_ && !ps_open_) StartUtt();
    }
  }

  // Called between utterances only: pocketsphinx refuses to switch searches
  // while one is open, so the (silent) open utterance is closed and reopened.
  void ApplyPendingSettings() {
    if (!pending_hint_ && !pending_lang_) return;
    bool reopen = dec_ && !in_utt_ && ps_open_;
    EndUtt();
    if (pending_lang_) {
      dialog::Lang want = *pending_lang_;
      pending_lang_.reset();
      if (want != lang_) {
        auto d = pool_->Acquire(want, rate_ == 8000);
        if (!d.ok()) {
          sink_.OnError(d.status());
        } else {
          ReturnDecoder();
          dec_ = std::move(d.value());
          lang_ = want;
          if (!pending_hint_) pending_hint_ = hint_;
        }
      }
    }
    if (pending_hint_ && dec_) {
      hint_ = *pending_hint_;
      pending_hint_.reset();
      std::string search = SearchFor(hint_);
      if (ps_set_search(dec_->ps, search.c_str()) == 0) dec_->current = search;
    }
    if (reopen && dec_) StartUtt();
  }

  std::string SearchFor(const RecognitionHint& h) {
    using K = RecognitionHint::Kind;
    switch (h.kind) {
      case K::kYesNo:
        if (dec_->has_yesno) return kYesNo;
        break;
      case K::kDigits:
        if (dec_->has_digits) return kDigits;
        break;
      case K::kDate:
      case K::kTime:
        // With phrases: a pick among the times the dialog offered.
        if (!h.phrases.empty() && english()) return GrammarSearch(h.phrases, ChoiceGrammar);
        if (dec_->has_datetime) return kDateTime;
        break;
      case K::kBirthDate:
        if (dec_->has_birthdate) return kBirthDate;
        break;
      case K::kName:
        if (english()) return GrammarSearch(h.phrases, NameGrammar);
        break;
      case K::kService:
        if (!h.phrases.empty() && english()) return GrammarSearch(h.phrases, PhraseGrammar);
        break;
      case K::kAny:
        // An open question (the greeting, "anything else?"): most callers
        // ask for a booking, in words the request grammar holds; anything
        // else falls back to the general LM (EndUtterance).
        if (!h.phrases.empty() && english()) return GrammarSearch(h.phrases, RequestGrammar);
        break;
    }
    return dec_->lm_search;
  }

  bool english() const { return lang_ == dialog::Lang::kEn; }

  using GrammarFn = std::string (*)(const std::vector<std::string>&,
                                    const std::function<bool(std::string_view)>&);

  // The search for `make(phrases)`, added to the decoder on first use and
  // kept (the most recent kMaxPhraseSearches) for the next turns and calls.
  std::string GrammarSearch(const std::vector<std::string>& phrases, GrammarFn make) {
    std::string key = std::to_string(reinterpret_cast<uintptr_t>(make)) + ":";
    for (const std::string& p : phrases) key += NormalizeWords(p) + "|";
    std::string name = "g" + std::to_string(std::hash<std::string>{}(key));
    auto& cache = dec_->phrase_searches;
    if (auto it = std::find(cache.begin(), cache.end(), name); it != cache.end()) {
      cache.erase(it);
      cache.push_back(name);
      return name;
    }
    ps_decoder_t* ps = dec_->ps;
    std::string g = make(phrases, [ps](std::string_view w) {
      std::string s(w);
      char* pron = ps_lookup_word(ps, s.c_str());
      bool ok = pron != nullptr;
      ckd_free(pron);
      return ok;
    });
    if (g.empty() || !SetJsgf(ps, name.c_str(), g)) return dec_->lm_search;
    cache.push_back(name);
    if (cache.size() > kMaxPhraseSearches) {
      ps_unset_search(ps, cache.front().c_str());
      cache.pop_front();
    }
    return name;
  }

  void ReturnDecoder() {
    if (!dec_) return;
    EndUtt();
    // Back to the general LM, so the next stream starts unbiased.
    if (ps_set_search(dec_->ps, dec_->lm_search.c_str()) == 0) dec_->current = dec_->lm_search;
    pool_->Release(lang_, rate_ == 8000, std::move(dec_));
  }

  std::shared_ptr<PocketsphinxStt::Pool> pool_;
  std::unique_ptr<Decoder> dec_;
  int rate_;
  dialog::Lang lang_;
  SttSink& sink_;
  std::optional<TelephoneUpsampler> resampler_;
  std::optional<media::Preprocessor> denoiser_;
  media::AudioFrame den_;  // the 8 kHz frame being gathered for the denoiser
  size_t den_fill_ = 0;
  std::vector<int16_t> up_;
  std::vector<int16_t> audio_;
  size_t lead_samples_ = 0, max_utt_samples_ = 0, partial_samples_ = 0;
  size_t stream_samples_ = 0, utt_samples_ = 0, since_partial_ = 0;
  int64_t utt_origin_ms_ = 0;
  bool in_utt_ = false, finished_ = false, ps_open_ = false;
  std::string last_partial_;
  RecognitionHint hint_;
  std::optional<RecognitionHint> pending_hint_;
  std::optional<dialog::Lang> pending_lang_;
};

}  // namespace

Result<std::shared_ptr<PocketsphinxStt>> PocketsphinxStt::Create(PocketsphinxOptions options) {
  try {
    // sphinxbase logs through one process-wide stream; silence it before
    // any model is read.
    err_set_logfp(nullptr);
    const std::string dir = std::string(VOXDESK_POCKETSPHINX_MODELDIR) + "/en-us/";
    PocketsphinxModel& en = options.english;
    if (en.acoustic_model.empty()) en.acoustic_model = dir + "en-us";
    if (en.language_model.empty()) en.language_model = dir + "en-us.lm.bin";
    if (en.dictionary.empty()) en.dictionary = dir + "cmudict-en-us.dict";
    if (std::string m = CheckModel(en); !m.empty()) return NotFound(m);

    auto pool = std::make_shared<Pool>();
    pool->options = options;
    auto cfg = MakeConfig(en, options);
    if (!cfg.ok()) return cfg.status();
    pool->en.config = cfg.value();

    if (!options.telephone_acoustic_model.empty()) {
      PocketsphinxModel tel = en;
      tel.acoustic_model = options.telephone_acoustic_model;
      if (std::string m = CheckModel(tel); !m.empty()) return NotFound(m);
      auto c = MakeConfig(tel, options);
      if (!c.ok()) return c.status();
      pool->en_telephone.config = c.value();
      pool->en_telephone.telephone = true;
    }

    const PocketsphinxModel& es = options.spanish;
    if (es.acoustic_model.empty() || es.language_model.empty() || es.dictionary.empty()) {
      pool->es.missing =
          "no Spanish pocketsphinx model is installed (Debian packages only en-us); set "
          "PocketsphinxOptions::spanish to an acoustic model directory, language model and "
          "dictionary";
    } else if (std::string m = CheckModel(es); !m.empty()) {
      return NotFound(m);
    } else {
      auto c = MakeConfig(es, options);
      if (!c.ok()) return c.status();
      pool->es.config = c.value();
      pool->es.english = false;
    }

    // Preloaded for calls: the telephone model when there is one.
    Pool::Lang& first = pool->For(dialog::Lang::kEn, true);
    for (int i = 0; i < options.preload_decoders && i < options.max_idle_decoders; ++i) {
      auto d = Pool::Build(first);
      if (!d.ok()) return d.status();
      first.idle.push_back(std::move(d.value()));
    }
    return std::shared_ptr<PocketsphinxStt>(new PocketsphinxStt(std::move(pool)));
  } catch (const std::bad_alloc&) {
    return NoMemory();
  } catch (...) {
    return Internal("unexpected failure loading the speech recogniser");
  }
}

PocketsphinxStt::~PocketsphinxStt() = default;

Result<std::unique_ptr<SttStream>> PocketsphinxStt::Open(int sample_rate, std::string_view language,
                                                         SttSink& sink) {
  try {
    if (sample_rate != 8000 && sample_rate != kRate) {
      return InvalidArgument("pocketsphinx streams take 8000 or 16000 Hz audio, not " +
                             std::to_string(sample_rate));
    }
    const dialog::Lang lang = dialog::LangFromLocale(language);
    auto d = pool_->Acquire(lang, sample_rate == 8000);
    if (!d.ok()) return d.status();
    auto s =
        std::make_unique<PocketsphinxStream>(pool_, std::move(d.value()), sample_rate, lang, sink);
    VOXDESK_RETURN_IF_ERROR(s->Init());
    return std::unique_ptr<SttStream>(std::move(s));
  } catch (const std::bad_alloc&) {
    return NoMemory();
  } catch (...) {
    return Internal("unexpected failure opening a recognition stream");
  }
}

std::string SyntheticCallerModel() {
  std::error_code ec;
  if (const char* env = std::getenv("VOXDESK_SYNTHETIC_CALLER_MODEL"); env && *env) return env;
#ifdef VOXDESK_SYNTHETIC_CALLER_MODEL_DIR
  if (std::filesystem::exists(std::string(VOXDESK_SYNTHETIC_CALLER_MODEL_DIR) + "/mdef", ec))
    return VOXDESK_SYNTHETIC_CALLER_MODEL_DIR;
#endif
  return {};
}

int PocketsphinxStt::idle_decoders() const {
  std::lock_guard<std::mutex> lock(pool_->mu);
  return static_cast<int>(pool_->en.idle.size() + pool_->es.idle.size() +
                          pool_->en_telephone.idle.size());
}

}  // namespace voxdesk::providers
