// Opus packets from the network on arbitrary bytes: the decoder (normal,
// FEC from the next packet, and concealment after a bad one) must never
// crash, and every frame it returns holds 2.5 to 20 ms at the decoder's rate.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "media/opus_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace voxdesk::media;
  static auto dec16 = OpusDecoder::Create(16000);
  static auto dec48 = OpusDecoder::Create(48000);
  if (!dec16.ok() || !dec48.ok()) std::abort();
  if (size == 0) return 0;
  // The first byte picks the decoder and splits the rest into two packets.
  OpusDecoder& dec = (data[0] & 1) ? *dec48 : *dec16;
  const size_t split = 1 + data[0] % size;
  const std::span<const uint8_t> all(data + 1, size - 1);
  const std::span<const uint8_t> first = all.subspan(0, std::min(split - 1, all.size()));
  const std::span<const uint8_t> second = all.subspan(first.size());
  AudioFrame frame;
  const size_t twenty_ms = static_cast<size_t>(dec.sample_rate() / 50);
  const auto check = [&](const voxdesk::Status& st) {
    const size_t quantum = twenty_ms / 8;  // Opus frames are multiples of 2.5 ms
    if (st.ok() && (frame.count == 0 || frame.count > twenty_ms || frame.count % quantum != 0 ||
                    frame.sample_rate != dec.sample_rate()))
      std::abort();
  };
  const auto st = dec.Decode(first, frame);
  check(st);
  if (!st.ok()) check(dec.Conceal(frame));
  check(dec.DecodeFec(second, frame));
  check(dec.Decode(second, frame));
  check(dec.Conceal(frame));
  return 0;
}
