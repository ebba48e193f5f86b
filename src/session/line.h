// The telephone side of one call as its worker sees it: the caller's audio
// in and the agent's audio out, one 20 ms frame per tick. A media-stream
// WebSocket (Twilio), an RTP leg or a simulated caller implements it.
//
// Thread safety: used by the worker thread that owns the call only.
#pragma once

#include <string_view>

#include "media/frame.h"

namespace voxdesk::session {

class Line {
 public:
  virtual ~Line() = default;
  // The caller's frame for this tick; false when none arrived (lost, late,
  // or the line is quiet), which the session treats as a gap.
  virtual bool Read(media::AudioFrame& in) = 0;
  // The agent's frame for this tick (silence when the agent is quiet).
  virtual void Write(const media::AudioFrame& out) = 0;
  // A key pressed out of band (RFC 4733, a media-stream "dtmf" event).
  virtual bool PopDigit(char& /*digit*/) { return false; }
  // The caller hung up.
  virtual bool hung_up() const = 0;
  // The call is over on the agent's side ("agent", "transfer", "timeout").
  virtual void Close(std::string_view /*reason*/) {}
};

}  // namespace voxdesk::session
