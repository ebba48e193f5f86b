#include "media/wav_io.h"

#include <sndfile.h>
#include <speex/speex_resampler.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <numeric>

#include "media/frame.h"

namespace voxdesk::media {
namespace {

struct SndfileCloser {
  void operator()(SNDFILE* f) const { sf_close(f); }
};
using SndfilePtr = std::unique_ptr<SNDFILE, SndfileCloser>;

// Memory as a libsndfile virtual file: read from a borrowed span, or write to
// a growing vector.
struct MemoryFile {
  const uint8_t* data = nullptr;
  std::vector<uint8_t>* sink = nullptr;
  sf_count_t size = 0;
  sf_count_t pos = 0;
};

sf_count_t VGetLength(void* u) {
  return static_cast<MemoryFile*>(u)->size;
}
sf_count_t VSeek(sf_count_t offset, int whence, void* u) {
  auto* m = static_cast<MemoryFile*>(u);
  sf_count_t base = whence == SEEK_CUR ? m->pos : whence == SEEK_END ? m->size : 0;
  const sf_count_t to = base + offset;
  if (to < 0 || to > (m->sink ? sf_count_t{1} << 40 : m->size)) return -1;
  m->pos = to;
  return m->pos;
}
sf_count_t VRead(void* ptr, sf_count_t count, void* u) {
  auto* m = static_cast<MemoryFile*>(u);
  const uint8_t* src = m->sink ? m->sink->data() : m->data;
  const sf_count_t n = std::max<sf_count_t>(0, std::min(count, m->size - m->pos));
  if (n > 0) std::memcpy(ptr, src + m->pos, static_cast<size_t>(n));
  m->pos += n;
  return n;
}
sf_count_t VWrite(const void* ptr, sf_count_t count, void* u) {
  auto* m = static_cast<MemoryFile*>(u);
  if (!m->sink || count < 0) return 0;
  const auto end = static_cast<size_t>(m->pos + count);
  if (m->sink->size() < end) m->sink->resize(end);
  std::memcpy(m->sink->data() + m->pos, ptr, static_cast<size_t>(count));
  m->pos += count;
  m->size = static_cast<sf_count_t>(m->sink->size());
  return count;
}
sf_count_t VTell(void* u) {
  return static_cast<MemoryFile*>(u)->pos;
}

SF_VIRTUAL_IO kVirtualIo = {VGetLength, VSeek, VRead, VWrite, VTell};

// The smallest pipeline rate at or above `rate` (48 kHz above that), so no
// band the file has is lost below 48 kHz.
int PipelineRateFor(int rate) {
  for (int r : {8000, 16000, 24000, 48000})
    if (rate <= r) return r;
  return 48000;
}

Result<WavAudio> ToPipelineRate(WavAudio in, const std::string& where) {
  // SpeexDSP directly: the pipeline's Resampler only takes pipeline rates.
  const int target = PipelineRateFor(in.sample_rate);
  int err = RESAMPLER_ERR_SUCCESS;
  std::unique_ptr<SpeexResamplerState, void (*)(SpeexResamplerState*)> st(
      speex_resampler_init(1, static_cast<spx_uint32_t>(in.sample_rate), static_cast<spx_uint32_t>(target),
                           SPEEX_RESAMPLER_QUALITY_DEFAULT, &err),
      speex_resampler_destroy);
  if (!st || err != RESAMPLER_ERR_SUCCESS)
    return InvalidArgument(where + ": cannot resample " + std::to_string(in.sample_rate) + " Hz");
  // Pad with the filter's delay in silence so the tail comes out, then drop
  // the same delay from the start: the output lines up with the input.
  const size_t delay_in = static_cast<size_t>(speex_resampler_get_input_latency(st.get()));
  const size_t delay_out = static_cast<size_t>(speex_resampler_get_output_latency(st.get()));
  const size_t n = in.samples.size();
  const size_t want = static_cast<size_t>(std::llround(static_cast<double>(n) * target / in.sample_rate));
  in.samples.resize(n + delay_in, 0);
  WavAudio out;
  out.sample_rate = target;
  out.samples.resize(want + delay_out + 16);
  spx_uint32_t in_len = static_cast<spx_uint32_t>(in.samples.size());
  spx_uint32_t out_len = static_cast<spx_uint32_t>(out.samples.size());
  if (speex_resampler_process_int(st.get(), 0, in.samples.data(), &in_len, out.samples.data(), &out_len) !=
      RESAMPLER_ERR_SUCCESS)
    return InvalidArgument(where + ": resampling failed");
  out.samples.resize(out_len);
  const size_t skip = std::min(delay_out, out.samples.size());
  out.samples.erase(out.samples.begin(), out.samples.begin() + static_cast<long>(skip));
  out.samples.resize(std::min(want, out.samples.size()));
  return out;
}

Result<WavAudio> ReadOpened(SNDFILE* raw, const SF_INFO& info, const WavReadOptions& opt,
                            const std::string& where) {
  SndfilePtr f(raw);
  // Other rates (44.1 kHz, 22.05 kHz, 96 kHz...) are resampled after reading.
  if (info.samplerate < 4000 || info.samplerate > 192000)
    return InvalidArgument(where + ": sample rate " + std::to_string(info.samplerate) +
                           " Hz is out of range (4000 to 192000)");
  if (info.channels < 1 || info.channels > 2 || (info.channels == 2 && !opt.downmix_stereo))
    return InvalidArgument(where + ": " + std::to_string(info.channels) +
                           " channels are not supported (mono" +
                           (opt.downmix_stereo ? " or stereo)" : ")"));
  const auto max_frames = static_cast<size_t>(opt.max_seconds * info.samplerate);
  WavAudio out;
  out.sample_rate = info.samplerate;
  // Read as normalised float and convert here: libsndfile's own float-to-short
  // path does not scale, so float files would read as near-silence. For
  // 16-bit sources the float step is exact (x / 32768 and back).
  std::vector<float> block(4096 * static_cast<size_t>(info.channels));
  auto to16 = [](float x) {
    const float v = std::nearbyint(x * 32768.0f);
    return static_cast<int16_t>(std::clamp(std::isnan(v) ? 0.0f : v, -32768.0f, 32767.0f));
  };
  while (true) {
    const sf_count_t got = sf_readf_float(f.get(), block.data(), 4096);
    if (got <= 0) break;
    if (out.samples.size() + static_cast<size_t>(got) > max_frames)
      return InvalidArgument(where + ": longer than the " + std::to_string(opt.max_seconds) +
                             " s limit");
    for (sf_count_t i = 0; i < got; ++i) {
      if (info.channels == 1) {
        out.samples.push_back(to16(block[static_cast<size_t>(i)]));
      } else {
        const int sum =
            to16(block[static_cast<size_t>(2 * i)]) + to16(block[static_cast<size_t>(2 * i + 1)]);
        out.samples.push_back(static_cast<int16_t>(sum / 2));
      }
    }
  }
  if (sf_error(f.get()) != SF_ERR_NO_ERROR)
    return InvalidArgument(where + ": " + sf_strerror(f.get()));
  if (!IsSupportedRate(out.sample_rate)) return ToPipelineRate(std::move(out), where);
  return out;
}

Status CheckWritable(const WavAudio& a) {
  if (!IsSupportedRate(a.sample_rate))
    return InvalidArgument("wav: sample rate " + std::to_string(a.sample_rate) +
                           " Hz is not supported (8000, 16000, 24000 or 48000)");
  if (a.channels != 1 && a.channels != 2)
    return InvalidArgument("wav: " + std::to_string(a.channels) + " channels (1 or 2 supported)");
  if (a.samples.size() % static_cast<size_t>(a.channels) != 0)
    return InvalidArgument("wav: sample count is not a multiple of the channel count");
  return Status::Ok();
}

Status WriteOpened(SNDFILE* raw, const WavAudio& a, const std::string& where) {
  if (!raw) return StorageError(where + ": " + sf_strerror(nullptr));
  SndfilePtr f(raw);
  const auto frames = static_cast<sf_count_t>(a.samples.size() / static_cast<size_t>(a.channels));
  if (sf_writef_short(f.get(), a.samples.data(), frames) != frames)
    return StorageError(where + ": " + sf_strerror(f.get()));
  if (sf_close(f.release()) != 0) return StorageError(where + ": closing failed");
  return Status::Ok();
}

SF_INFO WriteInfo(const WavAudio& a) {
  SF_INFO info{};
  info.samplerate = a.sample_rate;
  info.channels = a.channels;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  return info;
}

}  // namespace

Result<WavAudio> ReadWavFile(const std::string& path, const WavReadOptions& options) {
  SF_INFO info{};
  SNDFILE* f = sf_open(path.c_str(), SFM_READ, &info);
  if (!f) return InvalidArgument("wav " + path + ": " + sf_strerror(nullptr));
  return ReadOpened(f, info, options, "wav " + path);
}

Result<WavAudio> ReadWavMemory(std::span<const uint8_t> bytes, const WavReadOptions& options) {
  MemoryFile m;
  m.data = bytes.data();
  m.size = static_cast<sf_count_t>(bytes.size());
  SF_INFO info{};
  SNDFILE* f = sf_open_virtual(&kVirtualIo, SFM_READ, &info, &m);
  if (!f) return InvalidArgument(std::string("wav: ") + sf_strerror(nullptr));
  return ReadOpened(f, info, options, "wav");
}

Status WriteWavFile(const std::string& path, const WavAudio& audio) {
  VOXDESK_RETURN_IF_ERROR(CheckWritable(audio));
  SF_INFO info = WriteInfo(audio);
  return WriteOpened(sf_open(path.c_str(), SFM_WRITE, &info), audio, "wav " + path);
}

Result<std::vector<uint8_t>> WriteWavMemory(const WavAudio& audio) {
  VOXDESK_RETURN_IF_ERROR(CheckWritable(audio));
  std::vector<uint8_t> bytes;
  MemoryFile m;
  m.sink = &bytes;
  SF_INFO info = WriteInfo(audio);
  Status st = WriteOpened(sf_open_virtual(&kVirtualIo, SFM_WRITE, &info, &m), audio, "wav");
  if (!st.ok()) return st;
  return bytes;
}

}  // namespace voxdesk::media
