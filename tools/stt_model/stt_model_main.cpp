// voxdesk_stt_model: the two steps of building the telephone acoustic model
// (scripts/build-stt-model) that need voxdesk's own code.
//
//   voxdesk_stt_model corpus SENTENCES OUTDIR
//     Speaks each line of SENTENCES with a rotation of embedded voices
//     (espeak-ng and Flite, several variants and speeds), puts it on an
//     8 kHz G.711 mu-law line with white noise at a drawn SNR (or none), and
//     writes it as the recogniser hears it (TelephoneUpsampler: 16 kHz with
//     the high-band floor) to OUTDIR/wav/uNNNNN.wav, with OUTDIR/fileids and
//     OUTDIR/transcription in sphinxtrain's formats. Seeded: the same input
//     gives the same files.
//
//   voxdesk_stt_model cmninit MFCDIR FILEIDS
//     Prints the mean cepstrum of the corpus's features (sphinx_fe's .mfc
//     files, speech frames only as sphinx_fe keeps them) as the
//     comma-separated -cmninit value of the adapted model's feat.params:
//     where a stream's cepstral mean normalisation starts, which decides how
//     well a call's first utterance is heard.
//
//   voxdesk_stt_model mixw SENDUMP OUT
//     Writes pocketsphinx's quantised mixture weights (sendump) as the
//     float mixture_weights file sphinxtrain's bw and map_adapt read
//     (Debian's en-us model ships only the sendump).
//
// Exit codes: 0 done, 2 bad arguments or input, 1 anything else.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "media/g711.h"
#include "media/wav_io.h"
#include "providers/espeak_tts.h"
#include "providers/flite_tts.h"
#include "providers/telephone_upsampler.h"

namespace {

using namespace voxdesk;

struct Collect : providers::TtsSink {
  std::vector<int16_t> pcm;
  Status error = Status::Ok();
  void OnAudio(const providers::AudioChunk& c) override {
    pcm.insert(pcm.end(), c.pcm.begin(), c.pcm.end());
  }
  void OnError(const Status& st) override { error = st; }
};

Result<std::vector<int16_t>> Speak(providers::Tts& voice, const std::string& text) {
  Collect sink;
  auto s = voice.Open(8000, "en-US", sink);
  if (!s.ok()) return s.status();
  VOXDESK_RETURN_IF_ERROR((*s)->PushText(text));
  VOXDESK_RETURN_IF_ERROR((*s)->Flush());
  if (!sink.error.ok()) return sink.error;
  return sink.pcm;
}

// RMS over the voiced samples, as the tests measure a caller's level.
double VoicedRms(const std::vector<double>& x) {
  double sum = 0;
  size_t n = 0;
  for (double v : x)
    if (std::abs(v) > 64) {
      sum += v * v;
      ++n;
    }
  return n ? std::sqrt(sum / static_cast<double>(n)) : 0;
}

int Corpus(const std::string& sentences_path, const std::filesystem::path& out) {
  std::ifstream in(sentences_path);
  if (!in) {
    std::cerr << "voxdesk_stt_model: cannot read " << sentences_path << "\n";
    return 2;
  }
  std::vector<std::string> sentences;
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') sentences.push_back(line);
  if (sentences.empty()) {
    std::cerr << "voxdesk_stt_model: " << sentences_path << " has no sentences\n";
    return 2;
  }

  // The voices take turns. espeak-ng's default US voice comes up most, at
  // several speeds, because it is the voice furthest from the recorded
  // people the model was trained on.
  std::vector<std::unique_ptr<providers::Tts>> voices;
  const std::pair<const char*, int> espeak[] = {
      {"en-us", 120},    {"en-us", 130},    {"en-us", 150},       {"en-us", 170},
      {"en-us+f3", 140}, {"en-us+m3", 150}, {"en-us+klatt4", 140}};
  for (const auto& [name, wpm] : espeak) {
    providers::EspeakOptions o;
    o.voice_en = name;
    o.rate_wpm = wpm;
    auto v = providers::EspeakTts::Create(o);
    if (!v.ok()) {
      std::cerr << "voxdesk_stt_model: espeak-ng " << name << ": " << v.status().message() << "\n";
      return 1;
    }
    voices.push_back(std::move(*v));
  }
  for (const char* name : {"slt", "awb", "rms", "kal16"}) {
    auto v = providers::FliteTts::Create(name);
    if (!v.ok()) {
      std::cerr << "voxdesk_stt_model: flite " << name << ": " << v.status().message() << "\n";
      return 1;
    }
    voices.push_back(std::move(*v));
  }

  std::error_code ec;
  std::filesystem::create_directories(out / "wav", ec);
  std::ofstream ids(out / "fileids"), tr(out / "transcription");
  if (ec || !ids || !tr) {
    std::cerr << "voxdesk_stt_model: cannot write to " << out << "\n";
    return 1;
  }
  std::mt19937 rng(20261129);
  // SNR in dB; 0 stands for a clean line.
  const double snrs[] = {0, 30, 20, 15, 15, 12, 10};
  for (size_t i = 0; i < sentences.size(); ++i) {
    auto pcm = Speak(*voices[i % voices.size()], sentences[i]);
    if (!pcm.ok()) {
      std::cerr << "voxdesk_stt_model: line " << i + 1 << ": " << pcm.status().message() << "\n";
      return 1;
    }
    // A random level (peak 20..70 % of full scale), 0.3 to 1.2 s of line
    // before and after (the noise the voice detector lets through around
    // speech is what the silence model must learn), noise over all of it,
    // then mu-law.
    std::uniform_int_distribution<size_t> pad(2400, 9600);
    std::vector<double> x(pad(rng), 0.0);
    double peak = 1;
    for (int16_t s : *pcm) peak = std::max(peak, std::abs(static_cast<double>(s)));
    const double gain = std::uniform_real_distribution<double>(0.2, 0.7)(rng) * 32767 / peak;
    for (int16_t s : *pcm) x.push_back(s * gain);
    x.resize(x.size() + pad(rng), 0.0);
    const double snr = snrs[std::uniform_int_distribution<size_t>(0, std::size(snrs) - 1)(rng)];
    if (snr > 0) {
      std::normal_distribution<double> noise(0.0, VoicedRms(x) / std::pow(10.0, snr / 20));
      for (double& v : x) v += noise(rng);
    }
    std::vector<int16_t> line(x.size());
    for (size_t k = 0; k < x.size(); ++k) {
      const auto v = static_cast<int16_t>(std::clamp(std::round(x[k]), -32768.0, 32767.0));
      line[k] = media::g711::UlawToLinear(media::g711::LinearToUlaw(v));
    }
    auto up = providers::TelephoneUpsampler::Create(40);
    if (!up.ok()) return 1;
    media::WavAudio wav;
    wav.sample_rate = 16000;
    wav.samples.resize(line.size() * 2);
    auto n = up->Process(line, wav.samples);
    if (!n.ok()) return 1;
    wav.samples.resize(*n);
    char id[24];
    std::snprintf(id, sizeof id, "u%05zu", i);
    if (auto st = media::WriteWavFile((out / "wav" / (std::string(id) + ".wav")).string(), wav);
        !st.ok()) {
      std::cerr << "voxdesk_stt_model: " << st.message() << "\n";
      return 1;
    }
    ids << id << "\n";
    tr << "<s> " << sentences[i] << " </s> (" << id << ")\n";
  }
  return 0;
}

// sendump (ptm_mgau.c's reader): length-prefixed header strings ended by a
// zero length, then (with cluster_count 0) int32 rows (densities) and
// columns (senones), then per feature stream, per density, one byte per
// senone: the weight's negative log in base 1.0001, shifted right 10 bits.
// mixture_weights (sphinxtrain's s3mixw): an "s3" text header, the byte
// order magic, dimensions [senone][stream][density], the floats, and a
// checksum over the dimensions and the data.
int Mixw(const std::string& in_path, const std::string& out_path) {
  std::ifstream in(in_path, std::ios::binary);
  std::vector<char> b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto bad = [&](const char* why) {
    std::cerr << "voxdesk_stt_model: " << in_path << ": " << why << "\n";
    return 2;
  };
  size_t at = 0;
  auto i32 = [&](int32_t& v) {
    if (at + 4 > b.size()) return false;
    std::memcpy(&v, b.data() + at, 4);
    at += 4;
    return true;
  };
  int n_feat = 0, n_clust = -1;
  for (int32_t len = 0;;) {
    if (!i32(len) || len < 0 || at + static_cast<size_t>(len) > b.size())
      return bad("not a sendump file");
    if (len == 0) break;
    std::string s(b.data() + at, static_cast<size_t>(len));
    at += static_cast<size_t>(len);
    if (s.rfind("feature_count ", 0) == 0) n_feat = std::atoi(s.c_str() + 14);
    if (s.rfind("cluster_count ", 0) == 0) n_clust = std::atoi(s.c_str() + 14);
  }
  int32_t rows = 0, cols = 0;
  if (n_clust != 0) return bad("clustered (4-bit) sendump files are not supported");
  if (!i32(rows) || !i32(cols) || n_feat < 1 || rows < 1 || cols < 1)
    return bad("bad sendump dimensions");
  const size_t R = static_cast<size_t>(rows), C = static_cast<size_t>(cols),
               F = static_cast<size_t>(n_feat);
  if (b.size() - at != F * R * C) return bad("sendump size does not match its dimensions");
  const auto* q = reinterpret_cast<const uint8_t*>(b.data() + at);
  std::vector<float> w(C * F * R);
  const double step = 1024 * std::log(1.0001);
  for (size_t f = 0; f < F; ++f)
    for (size_t r = 0; r < R; ++r)
      for (size_t c = 0; c < C; ++c)
        w[(c * F + f) * R + r] = static_cast<float>(std::exp(-step * q[(f * R + r) * C + c]));
  for (size_t cf = 0; cf < C * F; ++cf) {
    double sum = 0;
    for (size_t r = 0; r < R; ++r) sum += w[cf * R + r];
    for (size_t r = 0; r < R; ++r) w[cf * R + r] = static_cast<float>(w[cf * R + r] / sum);
  }
  std::ofstream out(out_path, std::ios::binary);
  uint32_t sum = 0;
  auto put = [&](uint32_t v, bool in_sum) {
    out.write(reinterpret_cast<const char*>(&v), 4);
    if (in_sum) sum = ((sum << 20) | (sum >> 12)) + v;
  };
  out << "s3\nversion 1.0\nchksum0 yes\nendhdr\n";
  put(0x11223344u, false);
  for (size_t d : {C, F, R, C * F * R}) put(static_cast<uint32_t>(d), true);
  for (float v : w) {
    uint32_t u;
    std::memcpy(&u, &v, 4);
    put(u, true);
  }
  put(sum, false);
  if (!out) {
    std::cerr << "voxdesk_stt_model: cannot write " << out_path << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

// An .mfc file: an int32 count of floats, then the 13-coefficient frames;
// the byte order is whichever makes the count match the file's size.
int CmnInit(const std::filesystem::path& dir, const std::string& fileids) {
  std::ifstream ids(fileids);
  if (!ids) {
    std::cerr << "voxdesk_stt_model: cannot read " << fileids << "\n";
    return 2;
  }
  std::vector<double> sum(13, 0.0);
  size_t frames = 0;
  for (std::string id; std::getline(ids, id);) {
    if (id.empty()) continue;
    const auto path = dir / (id + ".mfc");
    std::ifstream f(path, std::ios::binary);
    std::vector<char> b((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    if (b.size() < 4 || (b.size() - 4) % (13 * 4) != 0) {
      std::cerr << "voxdesk_stt_model: " << path << " is not a 13-coefficient .mfc file\n";
      return 2;
    }
    uint32_t count;
    std::memcpy(&count, b.data(), 4);
    const bool swap = count != (b.size() - 4) / 4;
    for (size_t at = 4; at < b.size(); at += 4) {
      uint32_t u;
      std::memcpy(&u, b.data() + at, 4);
      if (swap) u = __builtin_bswap32(u);
      float v;
      std::memcpy(&v, &u, 4);
      sum[((at - 4) / 4) % 13] += v;
    }
    frames += (b.size() - 4) / (13 * 4);
  }
  if (frames == 0) {
    std::cerr << "voxdesk_stt_model: no frames in " << dir << "\n";
    return 2;
  }
  for (size_t k = 0; k < sum.size(); ++k)
    std::printf("%s%.2f", k ? "," : "", sum[k] / static_cast<double>(frames));
  std::printf("\n");
  return 0;
}

int main(int argc, char** argv) {
  const std::string cmd = argc > 1 ? argv[1] : "";
  if (argc == 4 && cmd == "corpus") return Corpus(argv[2], argv[3]);
  if (argc == 4 && cmd == "mixw") return Mixw(argv[2], argv[3]);
  if (argc == 4 && cmd == "cmninit") return CmnInit(argv[2], argv[3]);
  std::cerr << "usage: voxdesk_stt_model corpus SENTENCES OUTDIR\n"
               "       voxdesk_stt_model cmninit MFCDIR FILEIDS\n"
               "       voxdesk_stt_model mixw SENDUMP OUT\n";
  return 2;
}
