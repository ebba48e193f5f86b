// Drives a jitter buffer with an arbitrary sequence of pushes (any sequence
// number, timestamp and frame size) and pulls, and aborts when an invariant
// breaks: every pulled frame is full size at the configured rate, latency
// never exceeds max_depth, and every push is accounted for exactly once.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "media/jitter_buffer.h"

namespace {
void Fail(const char* what) {
  std::fprintf(stderr, "fuzz_jitter_buffer: %s\n", what);
  std::abort();
}

struct Reader {
  const uint8_t* p;
  size_t n;
  bool Take(void* out, size_t k) {
    if (n < k) return false;
    std::memcpy(out, p, k);
    p += k;
    n -= k;
    return true;
  }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace voxdesk::media;
  Reader in{data, size};
  uint8_t setup[3];
  if (!in.Take(setup, sizeof setup)) return 0;
  JitterBufferConfig cfg;
  cfg.sample_rate = kRates[setup[0] & 3];
  cfg.sequence_bits = (setup[0] >> 2) % 3 == 0 ? 16 : (setup[0] >> 2) % 3 == 1 ? 32 : 64;
  cfg.max_depth = 1 + setup[1] % 40;
  cfg.target_depth = 1 + setup[2] % cfg.max_depth;
  uint64_t plc_calls = 0;
  auto jb = JitterBuffer::Create(cfg, [&](std::span<int16_t> out, uint32_t consecutive) {
    if (consecutive == 0) Fail("consecutive count starts at 0");
    for (auto& s : out) s = 1;
    ++plc_calls;
  });
  if (!jb.ok()) Fail("valid config rejected");
  const size_t frame = SamplesPer(cfg.sample_rate);
  std::vector<int16_t> pcm(kMaxFrameSamples + 1, 7);
  AudioFrame out;
  uint64_t pulls = 0, outputs[3] = {0, 0, 0};
  uint8_t op = 0;
  while (in.Take(&op, 1)) {
    if (op & 1) {
      uint64_t seq = 0;
      int64_t pts = 0;
      // Small sequence steps most of the time, so reordering windows are hit.
      if (op & 2) {
        if (!in.Take(&seq, sizeof seq) || !in.Take(&pts, sizeof pts)) break;
      } else {
        seq = static_cast<uint64_t>(op >> 3) + (cfg.sequence_bits == 16 ? 65520 : 0);
        if (cfg.sequence_bits == 16) seq &= 0xFFFF;
      }
      const size_t len = (op & 4) ? frame : (op >> 3) % 3 == 0 ? frame - 1 : frame;
      (void)jb->Push(seq, pts, std::span<const int16_t>(pcm.data(), len));
    } else {
      ++pulls;
      out.count = 0;
      const auto kind = jb->Pull(out);
      ++outputs[static_cast<int>(kind)];
      if (out.count != frame || out.sample_rate != cfg.sample_rate) Fail("frame not full size");
    }
    if (jb->span() > cfg.max_depth) Fail("latency above max_depth");
    if (jb->buffered() > jb->span()) Fail("more packets than the span holds");
    const auto& st = jb->stats();
    if (st.received !=
        st.played + st.late + st.duplicate + st.dropped + st.invalid + jb->buffered())
      Fail("push accounting broken");
    if (st.concealed != plc_calls) Fail("concealment count differs from PLC calls");
    if (st.played != outputs[0] || st.concealed != outputs[1]) Fail("pull accounting broken");
    if (st.lost + st.underruns > st.concealed) Fail("lost frames not concealed");
  }
  if (outputs[0] + outputs[1] + outputs[2] != pulls) Fail("pull count");
  return 0;
}
