// Twilio Media Streams message codec (shared/protocols/twilio.md): the JSON
// text frames of a bidirectional <Connect><Stream> WebSocket.
//
// Inbound (Twilio -> us): connected, start, media, dtmf, mark, stop are parsed
// into one reusable TwilioInbound. Every field is type-checked; required
// fields are enforced per event; the base64 mu-law payload is decoded straight
// into a fixed buffer inside the message; anything malformed yields a Status
// whose message names the field ("media.payload: invalid base64 ...").
// Unknown keys are ignored so Twilio can add fields without breaking calls.
// Outbound (us -> Twilio): media, mark and clear are written into a caller
// string whose capacity is reused from message to message.
//
// Cost: a media message in Twilio's usual shape is scanned in place by the
// fast path (twilio_media_fast.h, about 10x cheaper, allocation-free once a
// reused TwilioInbound has its strings' capacity). Everything else is parsed
// with nlohmann's SAX interface (no DOM): strings are compared in place and
// the payload is decoded once, without an intermediate copy; that path
// allocates inside the JSON lexer.
//
// Thread safety: functions are pure; a TwilioInbound or TwilioSequenceChecker
// belongs to the one thread that owns its stream.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace voxdesk::media {

// 200 ms of 8 kHz mu-law. Twilio sends 20 ms (160 bytes); anything far larger
// is a broken or hostile peer, rejected before any decoding.
inline constexpr size_t kTwilioMaxPayloadBytes = 1600;

enum class TwilioEvent { kConnected, kStart, kMedia, kDtmf, kMark, kStop };
const char* TwilioEventName(TwilioEvent e);

struct TwilioMediaFormat {
  std::string encoding;  // always "audio/x-mulaw" once validated
  uint32_t sample_rate = 0;
  uint32_t channels = 0;
};

// One inbound message. Only the fields of `event` are meaningful; the rest are
// left empty/zero by the parser.
struct TwilioInbound {
  TwilioEvent event = TwilioEvent::kConnected;
  bool has_sequence_number = false;  // every event but `connected` carries one
  uint64_t sequence_number = 0;
  std::string stream_sid;

  // connected
  std::string protocol;
  std::string version;

  // start (account_sid and call_sid also on stop)
  std::string account_sid;
  std::string call_sid;
  std::vector<std::string> tracks;
  TwilioMediaFormat media_format;
  std::vector<std::pair<std::string, std::string>> custom_parameters;

  // media (track also on dtmf)
  std::string track;
  uint64_t chunk = 0;
  uint64_t timestamp_ms = 0;  // since stream start
  std::array<uint8_t, kTwilioMaxPayloadBytes> payload_buf{};
  size_t payload_size = 0;
  std::span<const uint8_t> payload() const { return {payload_buf.data(), payload_size}; }

  // dtmf
  char digit = 0;  // one of 0-9 * # A-D

  // mark
  std::string mark_name;

  // Empties every field, keeping the strings' capacity for the next message.
  void Clear();

  // Equal when every field and the payload bytes are (the rest of
  // payload_buf is scratch and not compared).
  friend bool operator==(const TwilioInbound& a, const TwilioInbound& b);
};

// Parses one text frame into `out` (which is reset first). kInvalidArgument
// with a field-precise message on any malformed input; never throws.
// Media messages in Twilio's own shape take the allocation-free fast path
// (twilio_media_fast.h); everything else goes through the general parser.
Status ParseTwilioMessage(std::string_view json, TwilioInbound& out);

// The general parser alone, without the fast path: same contract. For
// differential tests of the fast path against it.
Status ParseTwilioMessageGeneral(std::string_view json, TwilioInbound& out);

// Checks that a stream's sequence numbers strictly increase: a repeat or a
// step back is an error (the message should be dropped), a jump forward is
// accepted and the skipped numbers are counted.
class TwilioSequenceChecker {
 public:
  explicit TwilioSequenceChecker(std::string_view what = "sequenceNumber") : what_(what) {}
  Status Check(uint64_t n);
  uint64_t duplicates() const { return duplicates_; }
  uint64_t reordered() const { return reordered_; }
  uint64_t skipped() const { return skipped_; }

 private:
  std::string what_;
  bool have_last_ = false;
  uint64_t last_ = 0;
  uint64_t duplicates_ = 0;
  uint64_t reordered_ = 0;
  uint64_t skipped_ = 0;
};

// Outbound messages, written into `out` (cleared first). Stream sids and mark
// names must be non-empty valid UTF-8; they are JSON-escaped.
Status SerializeTwilioMedia(std::string_view stream_sid, std::span<const uint8_t> mulaw,
                            std::string& out);
Status SerializeTwilioMark(std::string_view stream_sid, std::string_view name, std::string& out);
Status SerializeTwilioClear(std::string_view stream_sid, std::string& out);

}  // namespace voxdesk::media
