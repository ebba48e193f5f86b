#include "media/twilio_media_fast.h"

#include <cstdint>
#include <cstring>

#include "media/base64.h"

namespace voxdesk::media {
namespace {

// Which of the seven fields a media message needs have been seen; a repeat
// makes the fast path decline (the general parser reports "appears twice").
enum : uint8_t {
  kEvent = 1 << 0,
  kSequenceNumber = 1 << 1,
  kStreamSid = 1 << 2,
  kTrack = 1 << 3,
  kChunk = 1 << 4,
  kTimestamp = 1 << 5,
  kPayload = 1 << 6,
  kMediaObj = 1 << 7,
  kAll = 0xFF,
};

constexpr bool IsWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Same rule as the general parser: 1 to 19 digits, which always fit 64 bits.
bool ParseDecimal(std::string_view s, uint64_t* v) {
  if (s.empty() || s.size() > 19) return false;
  uint64_t r = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    r = r * 10 + static_cast<uint64_t>(c - '0');
  }
  *v = r;
  return true;
}

class Scanner {
 public:
  Scanner(std::string_view text, TwilioInbound& out)
      : p_(text.data()), end_(text.data() + text.size()), out_(out) {}

  bool Message() {
    if (!Eat('{')) return false;
    do {
      std::string_view key;
      if (!String(&key) || !Eat(':')) return false;
      if (key == "media") {
        if (!Mark(kMediaObj) || !MediaObject()) return false;
        continue;
      }
      std::string_view value;
      if (!String(&value)) return false;
      if (key == "event") {
        if (!Mark(kEvent) || value != "media") return false;
      } else if (key == "sequenceNumber") {
        if (!Mark(kSequenceNumber) || !ParseDecimal(value, &out_.sequence_number)) return false;
      } else if (key == "streamSid") {
        if (!Mark(kStreamSid)) return false;
        out_.stream_sid.assign(value);
      } else {
        return false;
      }
    } while (Eat(','));
    if (!Eat('}')) return false;
    SkipWhitespace();
    return p_ == end_ && seen_ == kAll;
  }

 private:
  bool MediaObject() {
    if (!Eat('{')) return false;
    do {
      std::string_view key;
      if (!String(&key) || !Eat(':')) return false;
      if (key == "payload") {
        if (!Mark(kPayload) || !Payload()) return false;
        continue;
      }
      std::string_view value;
      if (!String(&value)) return false;
      if (key == "track") {
        if (!Mark(kTrack)) return false;
        out_.track.assign(value);
      } else if (key == "chunk") {
        if (!Mark(kChunk) || !ParseDecimal(value, &out_.chunk)) return false;
      } else if (key == "timestamp") {
        if (!Mark(kTimestamp) || !ParseDecimal(value, &out_.timestamp_ms)) return false;
      } else {
        return false;
      }
    } while (Eat(','));
    return Eat('}');
  }

  // The payload is found with memchr and validated by the strict base64
  // decoder alone: every character it accepts is plain JSON string content,
  // and anything else (an escape, a control byte) fails the decode.
  bool Payload() {
    SkipWhitespace();
    if (p_ == end_ || *p_ != '"') return false;
    ++p_;
    const auto* close =
        static_cast<const char*>(std::memchr(p_, '"', static_cast<size_t>(end_ - p_)));
    if (!close) return false;
    const std::string_view text(p_, static_cast<size_t>(close - p_));
    p_ = close + 1;
    if (text.empty() || text.size() > Base64EncodedSize(kTwilioMaxPayloadBytes)) return false;
    auto n = Base64Decode(text, out_.payload_buf);
    if (!n.ok()) return false;
    out_.payload_size = *n;
    return true;
  }

  // A string of printable ASCII without escapes; anything else declines, so
  // keys compare as raw bytes and values need no unescaping.
  bool String(std::string_view* s) {
    SkipWhitespace();
    if (p_ == end_ || *p_ != '"') return false;
    const char* begin = ++p_;
    for (; p_ < end_; ++p_) {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        *s = std::string_view(begin, static_cast<size_t>(p_ - begin));
        ++p_;
        return true;
      }
      if (c < 0x20 || c >= 0x7F || c == '\\') return false;
    }
    return false;
  }

  bool Mark(uint8_t bit) {
    if (seen_ & bit) return false;
    seen_ |= bit;
    return true;
  }

  bool Eat(char c) {
    SkipWhitespace();
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }

  void SkipWhitespace() {
    while (p_ < end_ && IsWhitespace(*p_)) ++p_;
  }

  const char* p_;
  const char* end_;
  TwilioInbound& out_;
  uint8_t seen_ = 0;
};

}  // namespace

bool ParseTwilioMediaFast(std::string_view json, TwilioInbound& out) {
  out.Clear();
  if (!Scanner(json, out).Message()) return false;
  out.event = TwilioEvent::kMedia;
  out.has_sequence_number = true;
  return true;
}

}  // namespace voxdesk::media
