// Span and frame forms of G.711 companding; the per-sample kernels are inline
// in g711.h so a caller's loop can be vectorised. Errors are raised before any
// output is written, so a rejected call leaves the destination untouched.
#include "media/g711.h"

#include <string>

namespace voxdesk::media::g711 {
namespace {

Status Room(size_t have, size_t need, const char* what) {
  if (have >= need) return Status::Ok();
  return InvalidArgument(std::string("g711: ") + what + " holds " + std::to_string(have) +
                         " samples, " + std::to_string(need) + " needed");
}

template <uint8_t (*Compress)(int16_t)>
Status Encode(std::span<const int16_t> pcm, std::span<uint8_t> out) {
  VOXDESK_RETURN_IF_ERROR(Room(out.size(), pcm.size(), "output"));
  for (size_t i = 0; i < pcm.size(); ++i) out[i] = Compress(pcm[i]);
  return Status::Ok();
}

Status Decode(const std::array<int16_t, 256>& table, std::span<const uint8_t> codes,
              std::span<int16_t> out) {
  VOXDESK_RETURN_IF_ERROR(Room(out.size(), codes.size(), "output"));
  for (size_t i = 0; i < codes.size(); ++i) out[i] = table[codes[i]];
  return Status::Ok();
}

Status DecodeFrame(const std::array<int16_t, 256>& table, std::span<const uint8_t> codes,
                   AudioFrame& frame) {
  VOXDESK_RETURN_IF_ERROR(Room(frame.samples.size(), codes.size(), "frame"));
  for (size_t i = 0; i < codes.size(); ++i) frame.samples[i] = table[codes[i]];
  frame.sample_rate = 8000;
  frame.count = codes.size();
  return Status::Ok();
}

Status NarrowbandFrame(const AudioFrame& frame) {
  if (frame.sample_rate == 8000 && frame.count <= frame.samples.size()) return Status::Ok();
  return InvalidArgument("g711: frame must be 8000 Hz with at most " +
                         std::to_string(frame.samples.size()) + " samples, got " +
                         std::to_string(frame.sample_rate) + " Hz, " + std::to_string(frame.count) +
                         " samples");
}

}  // namespace

Status EncodeUlaw(std::span<const int16_t> pcm, std::span<uint8_t> out) {
  return Encode<LinearToUlaw>(pcm, out);
}
Status EncodeAlaw(std::span<const int16_t> pcm, std::span<uint8_t> out) {
  return Encode<LinearToAlaw>(pcm, out);
}
Status DecodeUlaw(std::span<const uint8_t> codes, std::span<int16_t> out) {
  return Decode(detail::kUlawTable, codes, out);
}
Status DecodeAlaw(std::span<const uint8_t> codes, std::span<int16_t> out) {
  return Decode(detail::kAlawTable, codes, out);
}
Status DecodeUlaw(std::span<const uint8_t> codes, AudioFrame& frame) {
  return DecodeFrame(detail::kUlawTable, codes, frame);
}
Status DecodeAlaw(std::span<const uint8_t> codes, AudioFrame& frame) {
  return DecodeFrame(detail::kAlawTable, codes, frame);
}
Status EncodeUlaw(const AudioFrame& frame, std::span<uint8_t> out) {
  VOXDESK_RETURN_IF_ERROR(NarrowbandFrame(frame));
  return Encode<LinearToUlaw>(frame.pcm(), out);
}
Status EncodeAlaw(const AudioFrame& frame, std::span<uint8_t> out) {
  VOXDESK_RETURN_IF_ERROR(NarrowbandFrame(frame));
  return Encode<LinearToAlaw>(frame.pcm(), out);
}

}  // namespace voxdesk::media::g711
