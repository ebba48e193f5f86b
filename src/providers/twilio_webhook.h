// The fields of Twilio's voice webhooks (the incoming-call request, status
// callbacks, <Gather> results) and SMS status callbacks, read from a form
// body that ParseForm accepted and whose signature was checked. Ids and
// statuses are checked against Twilio's formats, so a forged or corrupted
// request is refused with the field named instead of reaching a session.
//
// Thread safety: pure functions.
#pragma once

#include <string>

#include "core/status.h"
#include "providers/form_urlencoded.h"

namespace voxdesk::providers {

enum class TwilioCallStatus {
  kQueued,
  kRinging,
  kInProgress,
  kCompleted,
  kBusy,
  kFailed,
  kNoAnswer,
  kCanceled
};

struct TwilioCallWebhook {
  std::string call_sid;     // CA + 32 hex digits
  std::string account_sid;  // AC + 32 hex digits
  std::string from;         // E.164, a client:/sip: address, or "" when withheld
  std::string to;
  TwilioCallStatus status = TwilioCallStatus::kRinging;
  std::string direction;   // "inbound", "outbound-api", "outbound-dial"
  int duration_s = -1;     // CallDuration, on completion; -1 = absent
  std::string digits;      // <Gather> keys ("" = none)
  std::string speech;      // <Gather> SpeechResult
  double confidence = -1;  // <Gather> speech Confidence 0..1; -1 = absent
};

Result<TwilioCallWebhook> ParseTwilioCallWebhook(const FormParams& form);

struct TwilioMessageStatus {
  std::string message_sid;  // SM or MM + 32 hex digits
  std::string account_sid;
  std::string status;  // queued, sending, sent, delivered, undelivered, failed, ...
  int error_code = 0;  // ErrorCode, 0 = none
};

Result<TwilioMessageStatus> ParseTwilioMessageStatus(const FormParams& form);

const char* TwilioCallStatusName(TwilioCallStatus status);

// "CA" + 32 hex digits and the like: Twilio's 34-character resource ids.
bool IsTwilioSid(std::string_view sid, std::string_view prefix);

}  // namespace voxdesk::providers
