// Fast path for the one Twilio Media Streams message that matters for cost:
// `"event":"media"`, 50 per second per call, more than 99 % of all traffic.
//
// The message is scanned in place, without a DOM or a SAX lexer: keys are
// matched as raw bytes, the digits of sequenceNumber/chunk/timestamp are read
// directly, and the base64 payload is decoded straight into the caller's
// TwilioInbound. Nothing is allocated once the message object's stream_sid
// and track strings have their capacity.
//
// The fast path only accepts what it fully understands: one JSON object with
// exactly the keys event ("media"), sequenceNumber, streamSid and media
// {track, chunk, timestamp, payload}, in any order, each once, with string
// values of printable ASCII without escapes, and JSON whitespace anywhere the
// grammar allows it. Anything else (other events, escapes, non-ASCII text,
// unknown or repeated keys, invalid digits or base64, trailing bytes) makes it
// decline, and ParseTwilioMessage falls back to the general parser, which
// then accepts or reports the precise error. When the fast path accepts, the
// result is exactly what the general parser produces (fuzz_twilio_fast checks
// this on arbitrary bytes).
//
// Thread safety: pure; `out` belongs to the calling thread.
#pragma once

#include <string_view>

#include "media/twilio_media.h"

namespace voxdesk::media {

// True when `json` is a media message the fast path fully understood; `out`
// then holds the parsed message. False means "not decided here": `out` is in
// an unspecified state and the caller must use the general parser.
bool ParseTwilioMediaFast(std::string_view json, TwilioInbound& out);

}  // namespace voxdesk::media
