// The telephony provider interfaces: one live call leg that the session
// steers (answer, play, transfer, hang up, send keypad tones) and the account
// that sends text messages. Carrier adapters (Twilio, Telnyx, a SIP trunk)
// implement them; the session runtime and the notifier use only these.
//
// Commands are requests, not outcomes: a command that returns Ok has been
// accepted (queued on the provider's connection or acknowledged by its API);
// whether the far end answered a transfer, or when the hang-up completed,
// arrives later as call events on the session's event loop. A command the
// call's state does not allow (Play after Hangup, a second Answer) returns
// kConflict; malformed arguments return kInvalidArgument and send nothing.
//
// Threading and ownership: a TelephonyCall belongs to the adapter that
// created it and must outlive the session it is given to (SessionDeps only
// borrows it). It is used by one thread at a time, the worker that owns the
// session, and its methods never call back into the session. A Telephony
// account object is shared by every call and every session worker: SendSms
// may be called from any thread at once.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace voxdesk::providers {

// One leg of a phone call, inbound or outbound.
class TelephonyCall {
 public:
  virtual ~TelephonyCall() = default;

  // Picks up a ringing inbound call. The media stream starts after this.
  virtual Status Answer() = 0;

  // Plays an audio file (http or https URL the carrier can fetch: WAV or
  // MP3) to the caller, e.g. hold music before a transfer. Audio the session
  // synthesises goes through the media stream, not here.
  virtual Status Play(std::string_view url) = 0;

  // Hands the caller to another number (E.164, "+15550100199"): a blind
  // transfer. The session ends its side after the transfer is accepted.
  virtual Status Transfer(std::string_view e164) = 0;

  // Ends the call. Further commands return kConflict.
  virtual Status Hangup() = 0;

  // Sends keypad tones to the far end (an IVR on a transferred leg):
  // "0"-"9", "*", "#", "A"-"D", and "w" for a half-second pause.
  virtual Status SendDtmf(std::string_view digits) = 0;
};

// A carrier account: what is not tied to one call.
class Telephony {
 public:
  virtual ~Telephony() = default;

  // Sends a text message from one of the account's numbers. Both numbers are
  // E.164; `body` is UTF-8 and not empty (carriers split long texts into
  // segments). Returns the carrier's message id (Twilio's "SM..." sid), for
  // delivery receipts and support requests.
  virtual Result<std::string> SendSms(std::string_view from, std::string_view to,
                                      std::string_view body) = 0;
};

}  // namespace voxdesk::providers
