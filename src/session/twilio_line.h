// A session Line over a Twilio media stream: the caller's frames, keypad
// presses and hang-up come from the stream's queues, the agent's frames go
// back as mu-law. Closing the line ends the stream; the call itself goes
// on in Twilio (a transfer's <Dial>, or a REST hang-up through the leg).
//
// Thread safety: the worker that owns the session, like every Line.
#pragma once

#include <memory>

#include "providers/twilio_media_server.h"
#include "session/line.h"

namespace voxdesk::session {

class TwilioLine final : public Line {
 public:
  explicit TwilioLine(std::shared_ptr<providers::TwilioMediaCall> call) : call_(std::move(call)) {}

  bool Read(media::AudioFrame& in) override { return call_->PopAudio(in); }
  void Write(const media::AudioFrame& out) override {
    if (!call_->ended()) (void)call_->SendAudio(out);
  }
  bool PopDigit(char& digit) override { return call_->PopDigit(digit); }
  bool hung_up() const override { return call_->ended(); }
  void Close(std::string_view /*reason*/) override { call_->Close(); }

  providers::TwilioMediaCall& call() { return *call_; }

 private:
  std::shared_ptr<providers::TwilioMediaCall> call_;
};

}  // namespace voxdesk::session
