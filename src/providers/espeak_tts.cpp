// espeak-ng behind the streaming Tts interface. espeak-ng is a library of
// globals (one voice, one parameter set, one output callback per process),
// so the process-wide Engine below owns it: one mutex around every call,
// the voice and parameters last applied (a voice change reloads a
// dictionary, so it only happens when a stream of the other language
// speaks), and the one synth callback, which finds its stream through the
// user_data pointer given to espeak_ng_Synthesize.
#include "providers/espeak_tts.h"

#include <espeak-ng/espeak_ng.h>
#include <speex/speex_resampler.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <mutex>
#include <new>
#include <thread>
#include <utility>

#include "media/frame.h"

namespace voxdesk::providers {
namespace {

// espeak's output buffer, in ms: the callback sees audio (and can abort a
// cancelled synthesis) every 20 ms of speech, a few microseconds of work.
constexpr int kEspeakBufferMs = 20;

std::string EspeakMessage(espeak_ng_STATUS st) {
  std::array<char, 512> buf{};
  espeak_ng_GetStatusCodeMessage(st, buf.data(), buf.size());
  return buf.data();
}

class EspeakTtsStream;
int SynthCallback(short* wav, int count, espeak_EVENT* events);

// The process-wide espeak-ng state. Never destroyed before exit: streams and
// engines of any lifetime share it, and espeak_ng_Terminate would free data
// another EspeakTts still relies on.
struct Engine {
  std::mutex mu;
  bool initialized = false;
  std::string data_path;  // as given to the first successful Create
  int native_rate = 0;
  // What espeak currently has applied; empty / -1 force the next Apply.
  std::string voice;
  int rate_wpm = -1;
  int pitch = -1;

  // Requires mu.
  Status InitLocked(const std::string& path) {
    if (initialized) {
      if (!path.empty() && path != data_path)
        return Conflict("espeak-ng is initialised once per process, already with data path '" +
                        (data_path.empty() ? std::string("(default)") : data_path) + "', not '" +
                        path + "'");
      return Status::Ok();
    }
    if (!path.empty()) {
      // espeak_ng_InitializePath silently falls back to the default data
      // when the path is wrong, so check it here and say what is missing.
      std::error_code ec;
      const std::filesystem::path p(path);
      if (!std::filesystem::exists(p / "phontab", ec) &&
          !std::filesystem::exists(p / "espeak-ng-data" / "phontab", ec))
        return NotFound("espeak-ng data not found in '" + path +
                        "' (expected phontab there or in espeak-ng-data/)");
    }
    espeak_ng_InitializePath(path.empty() ? nullptr : path.c_str());
    espeak_ng_ERROR_CONTEXT ctx = nullptr;
    espeak_ng_STATUS st = espeak_ng_Initialize(&ctx);
    espeak_ng_ClearErrorContext(&ctx);
    if (st != ENS_OK)
      return NotFound("espeak-ng cannot load its data" +
                      (path.empty() ? std::string() : " from '" + path + "'") + ": " +
                      EspeakMessage(st) + " (is espeak-ng-data installed?)");
    st = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, kEspeakBufferMs, nullptr);
    if (st != ENS_OK) return Status(Code::kInternal, "espeak-ng output: " + EspeakMessage(st));
    espeak_SetSynthCallback(&SynthCallback);
    native_rate = espeak_ng_GetSampleRate();
    if (native_rate <= 0)
      return Status(Code::kInternal, "espeak-ng reports no sample rate after initialisation");
    initialized = true;
    data_path = path;
    return Status::Ok();
  }

  // Requires mu and a successful InitLocked.
  Status ApplyLocked(const std::string& want_voice, int want_rate, int want_pitch) {
    if (want_voice != voice) {
      voice.clear();  // a failed change may leave espeak between voices
      const espeak_ng_STATUS st = espeak_ng_SetVoiceByName(want_voice.c_str());
      if (st != ENS_OK)
        return NotFound("espeak-ng voice '" + want_voice + "' not found" +
                        (data_path.empty() ? std::string() : " in '" + data_path + "'") + ": " +
                        EspeakMessage(st) + " (espeak-ng --voices lists the installed ones)");
      if (espeak_ng_GetSampleRate() != native_rate)
        return InvalidArgument("espeak-ng voice '" + want_voice + "' synthesises at " +
                               std::to_string(espeak_ng_GetSampleRate()) + " Hz, not " +
                               std::to_string(native_rate) + " (MBROLA voices are not supported)");
      voice = want_voice;
      rate_wpm = pitch = -1;  // a voice may bring its own speed and pitch
    }
    if (want_rate != rate_wpm) {
      const espeak_ng_STATUS st = espeak_ng_SetParameter(espeakRATE, want_rate, 0);
      if (st != ENS_OK) return Status(Code::kInternal, "espeak-ng rate: " + EspeakMessage(st));
      rate_wpm = want_rate;
    }
    if (want_pitch != pitch) {
      const espeak_ng_STATUS st = espeak_ng_SetParameter(espeakPITCH, want_pitch, 0);
      if (st != ENS_OK) return Status(Code::kInternal, "espeak-ng pitch: " + EspeakMessage(st));
      pitch = want_pitch;
    }
    return Status::Ok();
  }
};

Engine& TheEngine() {
  static Engine engine;
  return engine;
}

// ------------------------------------------------------------------ text

// Bytes of a complete UTF-8 text prefix, and what stopped the scan.
struct Utf8Scan {
  size_t valid = 0;         // bytes up to the first problem
  bool incomplete = false;  // ends inside a sequence that may still complete
  bool invalid = false;     // a byte that can never be valid UTF-8 at `valid`
};

Utf8Scan ScanUtf8(std::string_view s) {
  Utf8Scan r;
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b < 0x80) {
      len = 1;
    } else if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) lo = 0xA0;  // no overlong forms
      if (b == 0xED) hi = 0x9F;  // no surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    } else {
      r.invalid = true;
      break;
    }
    size_t k = 1;
    for (; k < len && i + k < s.size(); ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if (k == 1 ? (c < lo || c > hi) : (c < 0x80 || c > 0xBF)) {
        r.invalid = true;
        break;
      }
    }
    if (r.invalid) break;
    if (k < len) {
      r.incomplete = true;
      break;
    }
    i += len;
    r.valid = i;
  }
  return r;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool IsClauseMark(char c) {
  return c == '.' || c == '?' || c == '!' || c == ',' || c == ';' || c == ':';
}

// Marks and closing quotes or brackets that belong to the clause before them.
bool IsCloser(char c) {
  return IsClauseMark(c) || c == '"' || c == '\'' || c == ')' || c == ']';
}

// A '.' after these ends no sentence, and cutting there would make espeak
// read "Dr." on its own (as "drive"). Single letters cover initials and
// "a.m."; "No." and "etc." do end sentences.
bool IsAbbreviation(std::string_view text, size_t dot) {
  size_t start = dot;
  while (start > 0 && std::isalpha(static_cast<unsigned char>(text[start - 1]))) --start;
  const size_t n = dot - start;
  if (n == 1) return true;
  if (n == 0 || n > 6) return false;
  std::string word(text.substr(start, n));
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static constexpr std::string_view kWords[] = {"mr",  "mrs",  "ms", "dr",   "dra", "sr",
                                                "sra", "srta", "st", "jr",   "vs",  "approx",
                                                "ud",  "uds",  "av", "avda", "apt", "dept"};
  return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

// Length of the first complete clause of `text`, or 0 if more text may
// still belong to it. '?', '!' and ';' end a clause at once; '.', ',' and
// ':' only before a space, as "3.5", "1,000" and "10:30" continue.
size_t ClauseEnd(std::string_view text, size_t max_bytes) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') return i + 1;
    if (!IsClauseMark(c)) continue;
    size_t j = i + 1;
    while (j < text.size() && IsCloser(text[j])) ++j;
    const bool at_end = j == text.size();
    const bool space_next = !at_end && IsSpace(text[j]);
    if (c == '?' || c == '!' || c == ';') {
      if (at_end || space_next) return j;
    } else if (space_next && !(c == '.' && IsAbbreviation(text, i))) {
      return j;
    }
    i = j - 1;
  }
  if (text.size() < max_bytes) return 0;
  // A run-on clause: cut at the last space within the cap, or inside a very
  // long word at the last character boundary (UTF-8 continuation bytes are
  // 10xxxxxx).
  for (size_t i = max_bytes; i > 0; --i)
    if (IsSpace(text[i - 1])) return i;
  size_t cut = max_bytes;
  while (cut > 0 && cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  return cut > 0 ? cut : max_bytes;
}

// Whether espeak would say anything: letters, digits or any non-ASCII.
bool IsSpeakable(std::string_view clause) {
  return std::any_of(clause.begin(), clause.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0x80 || std::isalnum(b);
  });
}

// ------------------------------------------------------------------ stream

struct SpeexDestroy {
  void operator()(SpeexResamplerState* s) const { speex_resampler_destroy(s); }
};
using SpeexPtr = std::unique_ptr<SpeexResamplerState, SpeexDestroy>;

class EspeakTtsStream final : public TtsStream {
 public:
  EspeakTtsStream(const EspeakOptions& o, std::string voice, int native_rate, int rate,
                  SpeexPtr resampler, TtsSink& sink)
      : voice_(std::move(voice)),
        rate_wpm_(o.rate_wpm),
        pitch_(o.pitch),
        max_clause_(static_cast<size_t>(o.max_clause_bytes)),
        native_rate_(native_rate),
        rate_(rate),
        frame_(static_cast<size_t>(rate / 1000 * media::kFrameMs)),
        chunk_(static_cast<size_t>(rate / 1000 * o.chunk_ms)),
        resampler_(std::move(resampler)),
        sink_(sink) {
    speex_resampler_skip_zeros(resampler_.get());
  }

  Status PushText(std::string_view text) override {
    try {
      VOXDESK_RETURN_IF_ERROR(CheckUsable());
      VOXDESK_RETURN_IF_ERROR(Accept(text));
      while (!cancelled_.load(std::memory_order_acquire)) {
        const size_t n = ClauseEnd(text_, max_clause_);
        if (n == 0) break;
        const std::string clause = text_.substr(0, n);
        text_.erase(0, n);
        VOXDESK_RETURN_IF_ERROR(Speak(clause));
        VOXDESK_RETURN_IF_ERROR(Emit(false));
      }
      return Status::Ok();
    } catch (const std::bad_alloc&) {
      return Status(Code::kNoMemory, "tts: out of memory");
    } catch (...) {
      return Status(Code::kInternal, "tts: unexpected exception (from the sink?)");
    }
  }

  Status Flush() override {
    try {
      VOXDESK_RETURN_IF_ERROR(CheckUsable());
      if (!tail_.empty())
        return InvalidArgument("tts text ends inside a UTF-8 sequence (" +
                               std::to_string(tail_.size()) +
                               " bytes held); push the rest of the character first");
      if (!text_.empty()) {
        const std::string clause = std::move(text_);
        text_.clear();
        VOXDESK_RETURN_IF_ERROR(Speak(clause));
      }
      if (!cancelled_.load(std::memory_order_acquire)) {
        DrainResampler();
        VOXDESK_RETURN_IF_ERROR(Emit(true));
      }
      // The next utterance starts from silence, like a new stream.
      speex_resampler_reset_mem(resampler_.get());
      speex_resampler_skip_zeros(resampler_.get());
      out_.clear();
      return Status::Ok();
    } catch (const std::bad_alloc&) {
      return Status(Code::kNoMemory, "tts: out of memory");
    } catch (...) {
      return Status(Code::kInternal, "tts: unexpected exception (from the sink?)");
    }
  }

  void Cancel() override {
    cancelled_.store(true, std::memory_order_release);
    // From another thread, wait out an OnAudio in progress: every OnAudio
    // starts under deliver_mu_ after checking the flag, so none follows.
    // From inside OnAudio (this thread holds deliver_mu_) there is nothing
    // to wait for.
    if (deliver_thread_.load(std::memory_order_acquire) != std::this_thread::get_id()) {
      try {
        std::lock_guard<std::mutex> lk(deliver_mu_);
      } catch (...) {  // std::system_error: nothing sensible left to do
      }
    }
  }

  // From the synth callback, under the engine mutex. Returns 1 to abort.
  int OnSamples(const short* wav, int count) {
    if (cancelled_.load(std::memory_order_acquire)) return 1;
    if (wav != nullptr && count > 0) {
      try {
        native_.insert(native_.end(), wav, wav + count);
      } catch (...) {
        out_of_memory_ = true;
        return 1;
      }
    }
    return 0;
  }

 private:
  Status CheckUsable() const {
    if (cancelled_.load(std::memory_order_acquire))
      return Conflict("tts stream was cancelled; open a new stream for the next reply");
    if (delivering_) return Conflict("tts stream called from its own OnAudio; only Cancel may be");
    return Status::Ok();
  }

  // Validates and appends pushed text. Nothing is kept unless all of it is
  // valid, so the caller can fix the text and push again.
  Status Accept(std::string_view text) {
    std::string joined = tail_;
    joined.append(text);
    const Utf8Scan scan = ScanUtf8(joined);
    if (scan.invalid) {
      const size_t at = scan.valid >= tail_.size() ? scan.valid - tail_.size() : 0;
      return InvalidArgument("tts text is not valid UTF-8 at byte " + std::to_string(at) +
                             " of the pushed text; nothing of it was taken");
    }
    // Control characters would end espeak's string (NUL) or be spoken as
    // names; a space keeps word boundaries. Line breaks end clauses.
    for (size_t i = 0; i < scan.valid; ++i) {
      const auto b = static_cast<unsigned char>(joined[i]);
      if ((b < 0x20 && b != '\n') || b == 0x7F) joined[i] = ' ';
    }
    text_.append(joined, 0, scan.valid);
    tail_.assign(joined, scan.valid, std::string::npos);
    return Status::Ok();
  }

  // Synthesises one clause into out_ (at the stream rate).
  Status Speak(const std::string& clause) {
    if (!IsSpeakable(clause)) return Status::Ok();
    native_.clear();
    {
      Engine& engine = TheEngine();
      std::lock_guard<std::mutex> lk(engine.mu);
      if (cancelled_.load(std::memory_order_acquire)) return Status::Ok();
      VOXDESK_RETURN_IF_ERROR(engine.ApplyLocked(voice_, rate_wpm_, pitch_));
      // ENDPAUSE keeps the pause espeak puts after the clause's punctuation,
      // so clause-by-clause speech sounds like the whole reply at once.
      const espeak_ng_STATUS st =
          espeak_ng_Synthesize(clause.c_str(), clause.size() + 1, 0, POS_CHARACTER, 0,
                               espeakCHARS_UTF8 | espeakENDPAUSE, nullptr, this);
      if (out_of_memory_) return Status(Code::kNoMemory, "tts: out of memory");
      if (cancelled_.load(std::memory_order_acquire)) return Status::Ok();
      if (st != ENS_OK) return Status(Code::kInternal, "espeak-ng synthesis: " + EspeakMessage(st));
    }
    Resample(native_.data(), native_.size());
    return Status::Ok();
  }

  void Resample(const int16_t* in, size_t count) {
    while (count > 0) {
      const size_t room =
          count * static_cast<size_t>(rate_) / static_cast<size_t>(native_rate_) + 64;
      const size_t old = out_.size();
      out_.resize(old + room);
      auto in_len = static_cast<spx_uint32_t>(std::min<size_t>(count, 1u << 20));
      auto out_len = static_cast<spx_uint32_t>(room);
      speex_resampler_process_int(resampler_.get(), 0, in, &in_len, out_.data() + old, &out_len);
      out_.resize(old + out_len);
      in += in_len;
      count -= in_len;
      if (in_len == 0 && out_len == 0) break;  // cannot happen; never spin
    }
  }

  // The filter still holds its group delay of input: push it out with silence.
  void DrainResampler() {
    const int latency = speex_resampler_get_input_latency(resampler_.get());
    if (latency <= 0) return;
    const std::vector<int16_t> zeros(static_cast<size_t>(latency), 0);
    Resample(zeros.data(), zeros.size());
  }

  // Delivers the whole 20 ms frames of out_ in chunks of at most chunk_;
  // the final call pads the tail to a frame and marks the last chunk.
  Status Emit(bool final) {
    if (final && out_.size() % frame_ != 0) out_.resize((out_.size() / frame_ + 1) * frame_, 0);
    const size_t whole = out_.size() / frame_ * frame_;
    AudioChunk chunk;
    chunk.sample_rate = rate_;
    size_t pos = 0;
    if (final && whole == 0) {
      chunk.last = true;
      Deliver(chunk);
    }
    while (pos < whole) {
      const size_t n = std::min(chunk_, whole - pos);
      chunk.pcm.assign(out_.begin() + static_cast<ptrdiff_t>(pos),
                       out_.begin() + static_cast<ptrdiff_t>(pos + n));
      pos += n;
      chunk.last = final && pos == whole;
      if (!Deliver(chunk)) break;
    }
    out_.erase(out_.begin(), out_.begin() + static_cast<ptrdiff_t>(whole));
    return Status::Ok();
  }

  // Returns false once cancelled.
  bool Deliver(const AudioChunk& chunk) {
    std::lock_guard<std::mutex> lk(deliver_mu_);
    if (cancelled_.load(std::memory_order_acquire)) return false;
    struct Mark {
      EspeakTtsStream& s;
      explicit Mark(EspeakTtsStream& st) : s(st) {
        s.delivering_ = true;
        s.deliver_thread_.store(std::this_thread::get_id(), std::memory_order_release);
      }
      ~Mark() {
        s.deliver_thread_.store(std::thread::id(), std::memory_order_release);
        s.delivering_ = false;
      }
    } mark(*this);
    sink_.OnAudio(chunk);
    return true;
  }

  const std::string voice_;
  const int rate_wpm_;
  const int pitch_;
  const size_t max_clause_;
  const int native_rate_;
  const int rate_;
  const size_t frame_;  // samples per 20 ms
  const size_t chunk_;  // samples per full chunk
  SpeexPtr resampler_;
  TtsSink& sink_;

  std::string text_;             // accepted text not yet spoken
  std::string tail_;             // an incomplete UTF-8 sequence at the end of the pushes
  std::vector<int16_t> native_;  // one clause at the native rate (synth callback)
  std::vector<int16_t> out_;     // resampled audio not yet delivered
  bool out_of_memory_ = false;
  bool delivering_ = false;  // only read on the pushing thread

  std::atomic<bool> cancelled_{false};
  std::mutex deliver_mu_;
  std::atomic<std::thread::id> deliver_thread_{};
};

int SynthCallback(short* wav, int count, espeak_EVENT* events) {
  // Synthesis only runs under the engine mutex, from Speak, which passes the
  // stream as user_data; every event of the list carries it.
  auto* stream = events != nullptr ? static_cast<EspeakTtsStream*>(events->user_data) : nullptr;
  if (stream == nullptr) return 1;
  return stream->OnSamples(wav, count);
}

Status CheckRange(const char* name, int v, int lo, int hi) {
  if (v < lo || v > hi)
    return InvalidArgument(std::string("espeak options: ") + name + " must be in " +
                           std::to_string(lo) + ".." + std::to_string(hi) + ", got " +
                           std::to_string(v));
  return Status::Ok();
}

Status CheckOptions(const EspeakOptions& o) {
  VOXDESK_RETURN_IF_ERROR(
      CheckRange("rate_wpm", o.rate_wpm, espeakRATE_MINIMUM, espeakRATE_MAXIMUM));
  VOXDESK_RETURN_IF_ERROR(CheckRange("pitch", o.pitch, 0, 100));
  VOXDESK_RETURN_IF_ERROR(CheckRange("chunk_ms", o.chunk_ms, media::kFrameMs, 1000));
  if (o.chunk_ms % media::kFrameMs != 0)
    return InvalidArgument("espeak options: chunk_ms must be a multiple of 20, got " +
                           std::to_string(o.chunk_ms));
  VOXDESK_RETURN_IF_ERROR(CheckRange("max_clause_bytes", o.max_clause_bytes, 16, 4096));
  VOXDESK_RETURN_IF_ERROR(CheckRange("resample_quality", o.resample_quality,
                                     SPEEX_RESAMPLER_QUALITY_MIN, SPEEX_RESAMPLER_QUALITY_MAX));
  if (o.voice_en.empty() || o.voice_es.empty())
    return InvalidArgument("espeak options: voice_en and voice_es must name voices");
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<EspeakTts>> EspeakTts::Create(EspeakOptions options) {
  try {
    VOXDESK_RETURN_IF_ERROR(CheckOptions(options));
    Engine& engine = TheEngine();
    std::lock_guard<std::mutex> lk(engine.mu);
    VOXDESK_RETURN_IF_ERROR(engine.InitLocked(options.data_path));
    // Load each voice once now, so a missing one fails here and not in the
    // middle of a call.
    VOXDESK_RETURN_IF_ERROR(engine.ApplyLocked(options.voice_es, options.rate_wpm, options.pitch));
    VOXDESK_RETURN_IF_ERROR(engine.ApplyLocked(options.voice_en, options.rate_wpm, options.pitch));
    return std::unique_ptr<EspeakTts>(new EspeakTts(std::move(options), engine.native_rate));
  } catch (const std::bad_alloc&) {
    return Status(Code::kNoMemory, "espeak tts: out of memory");
  } catch (...) {
    return Status(Code::kInternal, "espeak tts: unexpected exception");
  }
}

std::string EspeakTts::VoiceFor(std::string_view language) const {
  // English and Spanish keep the configured voices (accent choice); other
  // languages use espeak-ng's voice for the tag, then for its primary
  // subtag, and English when espeak-ng has neither.
  if (const auto lang = dialog::EmbeddedLang(language); lang || language.empty())
    return lang == dialog::Lang::kEs ? options_.voice_es : options_.voice_en;
  const std::string tag = dialog::NormalizeTag(language);
  Engine& engine = TheEngine();
  std::lock_guard<std::mutex> lk(engine.mu);
  for (const std::string& want : {tag, std::string(dialog::PrimarySubtag(tag))}) {
    if (want.empty() ||
        want.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
      continue;  // only a plain tag reaches espeak's voice lookup
    if (engine.ApplyLocked(want, options_.rate_wpm, options_.pitch).ok()) return want;
  }
  return options_.voice_en;
}

Result<std::unique_ptr<TtsStream>> EspeakTts::Open(int sample_rate, std::string_view language,
                                                   TtsSink& sink) {
  try {
    if (!media::IsSupportedRate(sample_rate))
      return InvalidArgument(
          "espeak tts: sample rate must be 8000, 16000, 24000 or 48000 Hz, got " +
          std::to_string(sample_rate));
    int err = RESAMPLER_ERR_SUCCESS;
    SpeexPtr resampler(speex_resampler_init(1, static_cast<spx_uint32_t>(native_rate_),
                                            static_cast<spx_uint32_t>(sample_rate),
                                            options_.resample_quality, &err));
    if (!resampler || err != RESAMPLER_ERR_SUCCESS)
      return Status(err == RESAMPLER_ERR_ALLOC_FAILED ? Code::kNoMemory : Code::kInternal,
                    std::string("espeak tts resampler: ") + speex_resampler_strerror(err));
    std::string voice = VoiceFor(language);
    return std::unique_ptr<TtsStream>(std::make_unique<EspeakTtsStream>(
        options_, voice, native_rate_, sample_rate, std::move(resampler), sink));
  } catch (const std::bad_alloc&) {
    return Status(Code::kNoMemory, "espeak tts: out of memory");
  } catch (...) {
    return Status(Code::kInternal, "espeak tts: unexpected exception");
  }
}

namespace {

class CollectSink final : public TtsSink {
 public:
  void OnAudio(const AudioChunk& chunk) override {
    pcm.insert(pcm.end(), chunk.pcm.begin(), chunk.pcm.end());
    if (chunk.last) done = true;
  }
  void OnError(const Status& st) override {
    if (error.ok()) error = st;
  }
  std::vector<int16_t> pcm;
  Status error;
  bool done = false;
};

}  // namespace

Result<std::vector<int16_t>> SynthesizeAll(Tts& tts, std::string_view text, int sample_rate,
                                           dialog::Lang lang) {
  return SynthesizeAll(tts, text, sample_rate, dialog::LangCode(lang));
}

Result<std::vector<int16_t>> SynthesizeAll(Tts& tts, std::string_view text, int sample_rate,
                                           std::string_view language) {
  try {
    CollectSink sink;
    auto stream = tts.Open(sample_rate, language, sink);
    if (!stream.ok()) return stream.status();
    VOXDESK_RETURN_IF_ERROR((*stream)->PushText(text));
    VOXDESK_RETURN_IF_ERROR((*stream)->Flush());
    if (!sink.error.ok()) return sink.error;
    if (!sink.done) return Status(Code::kInternal, "tts: the utterance ended without a last chunk");
    return std::move(sink.pcm);
  } catch (const std::bad_alloc&) {
    return Status(Code::kNoMemory, "tts: out of memory");
  }
}

}  // namespace voxdesk::providers
