#include "media/twilio_media.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "media/base64.h"
#include "media/twilio_media_fast.h"

namespace voxdesk::media {
namespace {

// Where the parser is: which object or array the next value belongs to.
enum class Ctx : uint8_t {
  kTop,
  kStart,
  kMedia,
  kDtmf,
  kMark,
  kStop,
  kMediaFormat,
  kCustomParameters,
  kTracks,
  kIgnored,  // inside an unknown key's value
};

// Known fields, one bit each, to enforce presence and reject repeats.
enum Field : uint8_t {
  kEvent,
  kSequenceNumber,
  kStreamSid,
  kProtocol,
  kVersion,
  kStartObj,
  kMediaObj,
  kDtmfObj,
  kMarkObj,
  kStopObj,
  kStartAccountSid,
  kStartStreamSid,
  kStartCallSid,
  kStartTracks,
  kStartMediaFormat,
  kStartCustomParameters,
  kFormatEncoding,
  kFormatSampleRate,
  kFormatChannels,
  kMediaTrack,
  kMediaChunk,
  kMediaTimestamp,
  kMediaPayload,
  kDtmfTrack,
  kDtmfDigit,
  kMarkName,
  kStopAccountSid,
  kStopCallSid,
  kFieldCount,
  kUnknown = 255,
};

constexpr const char* kFieldPath[kFieldCount] = {
    "event",
    "sequenceNumber",
    "streamSid",
    "protocol",
    "version",
    "start",
    "media",
    "dtmf",
    "mark",
    "stop",
    "start.accountSid",
    "start.streamSid",
    "start.callSid",
    "start.tracks",
    "start.mediaFormat",
    "start.customParameters",
    "start.mediaFormat.encoding",
    "start.mediaFormat.sampleRate",
    "start.mediaFormat.channels",
    "media.track",
    "media.chunk",
    "media.timestamp",
    "media.payload",
    "dtmf.track",
    "dtmf.digit",
    "mark.name",
    "stop.accountSid",
    "stop.callSid",
};

enum class Kind : uint8_t { kString, kDecimal, kUnsigned, kObject, kArray };

constexpr Kind KindOf(Field f) {
  switch (f) {
    case kSequenceNumber:
    case kMediaChunk:
    case kMediaTimestamp:
      return Kind::kDecimal;  // decimal digits inside a JSON string
    case kFormatSampleRate:
    case kFormatChannels:
      return Kind::kUnsigned;
    case kStartObj:
    case kMediaObj:
    case kDtmfObj:
    case kMarkObj:
    case kStopObj:
    case kStartMediaFormat:
    case kStartCustomParameters:
      return Kind::kObject;
    case kStartTracks:
      return Kind::kArray;
    default:
      return Kind::kString;
  }
}

const char* KindName(Kind k) {
  switch (k) {
    case Kind::kString:
      return "a string";
    case Kind::kDecimal:
      return "a string of decimal digits";
    case Kind::kUnsigned:
      return "a non-negative integer";
    case Kind::kObject:
      return "an object";
    case Kind::kArray:
      return "an array";
  }
  return "?";
}

Field Lookup(Ctx ctx, std::string_view k) {
  switch (ctx) {
    case Ctx::kTop:
      if (k == "event") return kEvent;
      if (k == "sequenceNumber") return kSequenceNumber;
      if (k == "streamSid") return kStreamSid;
      if (k == "protocol") return kProtocol;
      if (k == "version") return kVersion;
      if (k == "start") return kStartObj;
      if (k == "media") return kMediaObj;
      if (k == "dtmf") return kDtmfObj;
      if (k == "mark") return kMarkObj;
      if (k == "stop") return kStopObj;
      break;
    case Ctx::kStart:
      if (k == "accountSid") return kStartAccountSid;
      if (k == "streamSid") return kStartStreamSid;
      if (k == "callSid") return kStartCallSid;
      if (k == "tracks") return kStartTracks;
      if (k == "mediaFormat") return kStartMediaFormat;
      if (k == "customParameters") return kStartCustomParameters;
      break;
    case Ctx::kMediaFormat:
      if (k == "encoding") return kFormatEncoding;
      if (k == "sampleRate") return kFormatSampleRate;
      if (k == "channels") return kFormatChannels;
      break;
    case Ctx::kMedia:
      if (k == "track") return kMediaTrack;
      if (k == "chunk") return kMediaChunk;
      if (k == "timestamp") return kMediaTimestamp;
      if (k == "payload") return kMediaPayload;
      break;
    case Ctx::kDtmf:
      if (k == "track") return kDtmfTrack;
      if (k == "digit") return kDtmfDigit;
      break;
    case Ctx::kMark:
      if (k == "name") return kMarkName;
      break;
    case Ctx::kStop:
      if (k == "accountSid") return kStopAccountSid;
      if (k == "callSid") return kStopCallSid;
      break;
    default:
      break;
  }
  return kUnknown;
}

Ctx ChildCtx(Field f) {
  switch (f) {
    case kStartObj:
      return Ctx::kStart;
    case kMediaObj:
      return Ctx::kMedia;
    case kDtmfObj:
      return Ctx::kDtmf;
    case kMarkObj:
      return Ctx::kMark;
    case kStopObj:
      return Ctx::kStop;
    case kStartMediaFormat:
      return Ctx::kMediaFormat;
    case kStartCustomParameters:
      return Ctx::kCustomParameters;
    case kStartTracks:
      return Ctx::kTracks;
    default:
      return Ctx::kIgnored;
  }
}

// Quotes text for an error message: printable ASCII kept, anything else as
// \xNN, long text cut, so messages stay one safe line.
std::string Quote(std::string_view s) {
  std::string q = "\"";
  const size_t n = std::min<size_t>(s.size(), 40);
  for (size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      q += static_cast<char>(c);
    } else {
      q += "\\x";
      q += "0123456789abcdef"[c >> 4];
      q += "0123456789abcdef"[c & 15];
    }
  }
  if (s.size() > n) q += "...";
  q += '"';
  return q;
}

bool ParseDecimal(std::string_view s, uint64_t* v) {
  if (s.empty() || s.size() > 19) return false;  // 19 digits always fit in 64 bits
  uint64_t r = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    r = r * 10 + static_cast<uint64_t>(c - '0');
  }
  *v = r;
  return true;
}

using json = nlohmann::json;

class Handler {
 public:
  explicit Handler(TwilioInbound& out) : out_(out) {}

  Status TakeError() { return std::move(error_); }
  bool failed() const { return !error_.ok(); }
  uint32_t seen() const { return seen_; }
  std::string_view event() const { return event_; }

  bool null() { return Scalar(nullptr, "null"); }
  bool boolean(bool) { return Scalar(nullptr, "a boolean"); }
  bool number_integer(json::number_integer_t) { return Scalar(nullptr, "a negative integer"); }
  bool number_unsigned(json::number_unsigned_t v) { return Unsigned(v); }
  bool number_float(json::number_float_t, const json::string_t&) {
    return Scalar(nullptr, "a fraction");
  }
  bool binary(json::binary_t&) { return Scalar(nullptr, "binary"); }
  bool string(json::string_t& s) { return Scalar(&s, "a string"); }

  bool start_object(std::size_t) { return Open(Kind::kObject, "an object"); }
  bool start_array(std::size_t) { return Open(Kind::kArray, "an array"); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }

  bool key(json::string_t& k) {
    const Ctx ctx = stack_[depth_ - 1];
    if (ctx == Ctx::kCustomParameters) {
      out_.custom_parameters.emplace_back(k, std::string());
      field_ = kUnknown;
      return true;
    }
    field_ = ctx == Ctx::kIgnored ? kUnknown : Lookup(ctx, k);
    if (field_ != kUnknown) {
      if (seen_ & (1u << field_)) return Fail(std::string(kFieldPath[field_]) + ": appears twice");
      seen_ |= 1u << field_;
    }
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) {
    if (!failed())
      error_ =
          InvalidArgument("twilio media: malformed JSON near byte " + std::to_string(position));
    return false;
  }

 private:
  static constexpr int kMaxDepth = 16;

  bool Fail(std::string m) {
    error_ = InvalidArgument("twilio media: " + std::move(m));
    return false;
  }

  bool WrongType(const char* got) {
    return Fail(std::string(kFieldPath[field_]) + ": expected " + KindName(KindOf(field_)) +
                ", got " + got);
  }

  // The context a value belongs to when it is not a keyed member.
  Ctx Here() const { return depth_ ? stack_[depth_ - 1] : Ctx::kIgnored; }

  bool Open(Kind kind, const char* got) {
    if (depth_ == 0) {
      if (kind != Kind::kObject) return Fail(std::string("message is ") + got + ", not an object");
      stack_[depth_++] = Ctx::kTop;
      return true;
    }
    if (depth_ >= kMaxDepth) return Fail("nested deeper than 16 levels");
    Ctx child = Ctx::kIgnored;
    const Ctx here = Here();
    if (here == Ctx::kTracks)
      return Fail(std::string("start.tracks: expected strings, got ") + got);
    if (here == Ctx::kCustomParameters)
      return Fail("start.customParameters." + out_.custom_parameters.back().first +
                  ": expected a string, got " + got);
    if (here != Ctx::kIgnored && field_ != kUnknown) {
      if (KindOf(field_) != kind) return WrongType(got);
      child = ChildCtx(field_);
    }
    field_ = kUnknown;
    stack_[depth_++] = child;
    return true;
  }

  bool Close() {
    --depth_;
    field_ = kUnknown;
    return true;
  }

  bool Unsigned(uint64_t v) {
    if (depth_ == 0) return Fail("message is a number, not an object");
    const Ctx here = Here();
    if (here == Ctx::kIgnored ||
        (field_ == kUnknown && here != Ctx::kTracks && here != Ctx::kCustomParameters))
      return true;
    if (here == Ctx::kTracks) return Fail("start.tracks: expected strings, got a number");
    if (here == Ctx::kCustomParameters)
      return Fail("start.customParameters." + out_.custom_parameters.back().first +
                  ": expected a string, got a number");
    if (KindOf(field_) != Kind::kUnsigned) return WrongType("a number");
    if (v > 1000000)
      return Fail(std::string(kFieldPath[field_]) + ": " + std::to_string(v) + " is out of range");
    if (field_ == kFormatSampleRate) out_.media_format.sample_rate = static_cast<uint32_t>(v);
    if (field_ == kFormatChannels) out_.media_format.channels = static_cast<uint32_t>(v);
    field_ = kUnknown;
    return true;
  }

  bool Scalar(json::string_t* s, const char* got) {
    if (depth_ == 0) return Fail(std::string("message is ") + got + ", not an object");
    const Ctx here = Here();
    if (here == Ctx::kTracks) {
      if (!s) return Fail(std::string("start.tracks: expected strings, got ") + got);
      if (out_.tracks.size() >= 8) return Fail("start.tracks: more than 8 tracks");
      out_.tracks.emplace_back(*s);
      return true;
    }
    if (here == Ctx::kCustomParameters) {
      if (!s)
        return Fail("start.customParameters." + out_.custom_parameters.back().first +
                    ": expected a string, got " + got);
      if (out_.custom_parameters.size() > 64)
        return Fail("start.customParameters: more than 64 entries");
      out_.custom_parameters.back().second = *s;
      return true;
    }
    if (here == Ctx::kIgnored || field_ == kUnknown) return true;
    const Field f = field_;
    field_ = kUnknown;
    const Kind want = KindOf(f);
    if (!s || (want != Kind::kString && want != Kind::kDecimal)) {
      field_ = f;
      return WrongType(got);
    }
    if (want == Kind::kDecimal) {
      uint64_t v = 0;
      if (!ParseDecimal(*s, &v))
        return Fail(std::string(kFieldPath[f]) + ": " + Quote(*s) + " is not a decimal number");
      if (f == kSequenceNumber) {
        out_.has_sequence_number = true;
        out_.sequence_number = v;
      } else if (f == kMediaChunk) {
        out_.chunk = v;
      } else {
        out_.timestamp_ms = v;
      }
      return true;
    }
    switch (f) {
      case kEvent:
        if (s->size() > 32) return Fail("event: " + Quote(*s) + " is not a Twilio event");
        event_.assign(*s);
        return true;
      case kStreamSid:
        out_.stream_sid = *s;
        return true;
      case kStartStreamSid:
        start_stream_sid_ = *s;
        return true;
      case kProtocol:
        out_.protocol = *s;
        return true;
      case kVersion:
        out_.version = *s;
        return true;
      case kStartAccountSid:
      case kStopAccountSid:
        out_.account_sid = *s;
        return true;
      case kStartCallSid:
      case kStopCallSid:
        out_.call_sid = *s;
        return true;
      case kFormatEncoding:
        out_.media_format.encoding = *s;
        return true;
      case kMediaTrack:
      case kDtmfTrack:
        out_.track = *s;
        return true;
      case kDtmfDigit:
        if (s->size() != 1 ||
            std::string_view("0123456789*#ABCD").find((*s)[0]) == std::string_view::npos)
          return Fail("dtmf.digit: " + Quote(*s) + " is not one of 0-9 * # A-D");
        out_.digit = (*s)[0];
        return true;
      case kMarkName:
        out_.mark_name = *s;
        return true;
      case kMediaPayload: {
        // Check the size before decoding so an oversized frame costs nothing.
        if (s->size() > Base64EncodedSize(kTwilioMaxPayloadBytes))
          return Fail("media.payload: " + std::to_string(s->size()) +
                      " base64 characters exceed the " + std::to_string(kTwilioMaxPayloadBytes) +
                      "-byte limit");
        auto n = Base64Decode(*s, out_.payload_buf);
        if (!n.ok()) return Fail("media.payload: " + n.status().message());
        out_.payload_size = *n;
        return true;
      }
      default:
        return true;
    }
  }

 public:
  std::string start_stream_sid_;

 private:
  TwilioInbound& out_;
  Status error_;
  std::array<Ctx, kMaxDepth> stack_{};
  int depth_ = 0;
  Field field_ = kUnknown;
  uint32_t seen_ = 0;
  std::string event_;
};

void Reset(TwilioInbound& m) {
  m.Clear();
}

}  // namespace

void TwilioInbound::Clear() {
  event = TwilioEvent::kConnected;
  has_sequence_number = false;
  sequence_number = 0;
  stream_sid.clear();
  protocol.clear();
  version.clear();
  account_sid.clear();
  call_sid.clear();
  tracks.clear();
  media_format.encoding.clear();
  media_format.sample_rate = 0;
  media_format.channels = 0;
  custom_parameters.clear();
  track.clear();
  chunk = 0;
  timestamp_ms = 0;
  payload_size = 0;
  digit = 0;
  mark_name.clear();
}

bool operator==(const TwilioInbound& a, const TwilioInbound& b) {
  const auto pa = a.payload(), pb = b.payload();
  return a.event == b.event && a.has_sequence_number == b.has_sequence_number &&
         a.sequence_number == b.sequence_number && a.stream_sid == b.stream_sid &&
         a.protocol == b.protocol && a.version == b.version && a.account_sid == b.account_sid &&
         a.call_sid == b.call_sid && a.tracks == b.tracks &&
         a.media_format.encoding == b.media_format.encoding &&
         a.media_format.sample_rate == b.media_format.sample_rate &&
         a.media_format.channels == b.media_format.channels &&
         a.custom_parameters == b.custom_parameters && a.track == b.track && a.chunk == b.chunk &&
         a.timestamp_ms == b.timestamp_ms &&
         std::equal(pa.begin(), pa.end(), pb.begin(), pb.end()) && a.digit == b.digit &&
         a.mark_name == b.mark_name;
}

namespace {

Status Missing(Field f) {
  return InvalidArgument("twilio media: " + std::string(kFieldPath[f]) + ": missing");
}

Status Require(uint32_t seen, std::initializer_list<Field> fields) {
  for (Field f : fields)
    if (!(seen & (1u << f))) return Missing(f);
  return Status::Ok();
}

}  // namespace

const char* TwilioEventName(TwilioEvent e) {
  switch (e) {
    case TwilioEvent::kConnected:
      return "connected";
    case TwilioEvent::kStart:
      return "start";
    case TwilioEvent::kMedia:
      return "media";
    case TwilioEvent::kDtmf:
      return "dtmf";
    case TwilioEvent::kMark:
      return "mark";
    case TwilioEvent::kStop:
      return "stop";
  }
  return "?";
}

Status ParseTwilioMessage(std::string_view text, TwilioInbound& out) {
  if (ParseTwilioMediaFast(text, out)) return Status::Ok();
  return ParseTwilioMessageGeneral(text, out);
}

Status ParseTwilioMessageGeneral(std::string_view text, TwilioInbound& out) {
  Reset(out);
  Handler h(out);
  // sax_parse reports errors through the handler; nothing here throws for bad
  // input, but out-of-memory inside the lexer still may, as elsewhere.
  json::sax_parse(text.begin(), text.end(), &h);
  if (h.failed()) {
    Status st = h.TakeError();
    Reset(out);
    return st;
  }
  const uint32_t seen = h.seen();
  const std::string_view ev = h.event();
  Status st;
  if (!(seen & (1u << kEvent))) {
    st = Missing(kEvent);
  } else if (ev == "connected") {
    out.event = TwilioEvent::kConnected;
    st = Require(seen, {kProtocol});
  } else if (ev == "start") {
    out.event = TwilioEvent::kStart;
    st = Require(seen, {kSequenceNumber, kStreamSid, kStartObj, kStartAccountSid, kStartCallSid,
                        kStartTracks, kStartMediaFormat, kFormatEncoding, kFormatSampleRate,
                        kFormatChannels});
    if (st.ok() && (seen & (1u << kStartStreamSid)) && h.start_stream_sid_ != out.stream_sid)
      st = InvalidArgument("twilio media: start.streamSid " + Quote(h.start_stream_sid_) +
                           " differs from streamSid " + Quote(out.stream_sid));
    if (st.ok() && out.media_format.encoding != "audio/x-mulaw")
      st = InvalidArgument("twilio media: start.mediaFormat.encoding: " +
                           Quote(out.media_format.encoding) + " is not audio/x-mulaw");
    if (st.ok() && out.media_format.sample_rate != 8000)
      st = InvalidArgument("twilio media: start.mediaFormat.sampleRate: " +
                           std::to_string(out.media_format.sample_rate) + " is not 8000");
    if (st.ok() && out.media_format.channels != 1)
      st = InvalidArgument("twilio media: start.mediaFormat.channels: " +
                           std::to_string(out.media_format.channels) + " is not 1");
    if (st.ok() && out.tracks.empty()) st = InvalidArgument("twilio media: start.tracks: empty");
  } else if (ev == "media") {
    out.event = TwilioEvent::kMedia;
    st = Require(seen, {kSequenceNumber, kStreamSid, kMediaObj, kMediaTrack, kMediaChunk,
                        kMediaTimestamp, kMediaPayload});
    if (st.ok() && out.payload_size == 0)
      st = InvalidArgument("twilio media: media.payload: empty");
  } else if (ev == "dtmf") {
    out.event = TwilioEvent::kDtmf;
    st = Require(seen, {kSequenceNumber, kStreamSid, kDtmfObj, kDtmfDigit});
  } else if (ev == "mark") {
    out.event = TwilioEvent::kMark;
    st = Require(seen, {kSequenceNumber, kStreamSid, kMarkObj, kMarkName});
    if (st.ok() && out.mark_name.empty()) st = InvalidArgument("twilio media: mark.name: empty");
  } else if (ev == "stop") {
    out.event = TwilioEvent::kStop;
    st = Require(seen, {kSequenceNumber, kStreamSid});
  } else {
    st = InvalidArgument("twilio media: event: " + Quote(ev) + " is not a Twilio event");
  }
  if (!st.ok()) Reset(out);
  return st;
}

Status TwilioSequenceChecker::Check(uint64_t n) {
  if (have_last_ && n == last_) {
    ++duplicates_;
    return InvalidArgument("twilio media: " + what_ + " " + std::to_string(n) + " repeated");
  }
  if (have_last_ && n < last_) {
    ++reordered_;
    return InvalidArgument("twilio media: " + what_ + " " + std::to_string(n) + " arrived after " +
                           std::to_string(last_));
  }
  if (have_last_) skipped_ += n - last_ - 1;
  have_last_ = true;
  last_ = n;
  return Status::Ok();
}

namespace {

// Appends `s` as a JSON string body; rejects invalid UTF-8 rather than
// sending Twilio a frame it would drop.
Status AppendEscaped(std::string_view what, std::string_view s, std::string& out) {
  if (s.empty())
    return InvalidArgument(std::string("twilio media: ") + std::string(what) + " is empty");
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c < 0x20) {
        out += "\\u00";
        out += "0123456789abcdef"[c >> 4];
        out += "0123456789abcdef"[c & 15];
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    size_t n = 0;
    uint32_t cp = 0;
    if ((c >> 5) == 0x6)
      n = 2, cp = c & 0x1F;
    else if ((c >> 4) == 0xE)
      n = 3, cp = c & 0x0F;
    else if ((c >> 3) == 0x1E)
      n = 4, cp = c & 0x07;
    bool ok = n != 0 && i + n <= s.size();
    for (size_t k = 1; ok && k < n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      ok = (cc >> 6) == 0x2;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    ok = ok && !(n == 2 && cp < 0x80) && !(n == 3 && cp < 0x800) && !(n == 4 && cp < 0x10000) &&
         !(cp >= 0xD800 && cp <= 0xDFFF) && cp <= 0x10FFFF;
    if (!ok)
      return InvalidArgument("twilio media: " + std::string(what) + " is not valid UTF-8 at byte " +
                             std::to_string(i));
    out.append(s.substr(i, n));
    i += n;
  }
  return Status::Ok();
}

}  // namespace

Status SerializeTwilioMedia(std::string_view stream_sid, std::span<const uint8_t> mulaw,
                            std::string& out) {
  out.clear();
  out += R"({"event":"media","streamSid":")";
  VOXDESK_RETURN_IF_ERROR(AppendEscaped("streamSid", stream_sid, out));
  out += R"(","media":{"payload":")";
  const size_t at = out.size();
  out.resize(at + Base64EncodedSize(mulaw.size()));
  (void)Base64Encode(mulaw, std::span<char>(out.data() + at, out.size() - at));
  out += "\"}}";
  return Status::Ok();
}

Status SerializeTwilioMark(std::string_view stream_sid, std::string_view name, std::string& out) {
  out.clear();
  out += R"({"event":"mark","streamSid":")";
  VOXDESK_RETURN_IF_ERROR(AppendEscaped("streamSid", stream_sid, out));
  out += R"(","mark":{"name":")";
  VOXDESK_RETURN_IF_ERROR(AppendEscaped("mark name", name, out));
  out += "\"}}";
  return Status::Ok();
}

Status SerializeTwilioClear(std::string_view stream_sid, std::string& out) {
  out.clear();
  out += R"({"event":"clear","streamSid":")";
  VOXDESK_RETURN_IF_ERROR(AppendEscaped("streamSid", stream_sid, out));
  out += "\"}";
  return Status::Ok();
}

}  // namespace voxdesk::media
