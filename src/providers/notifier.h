// The notification provider interface: what the business tells a customer
// after a call (a confirmation text, an email with a calendar invite) and
// what it tells the host's systems (a webhook event). Adapters (Twilio SMS,
// SMTP, an HTTP webhook poster) implement it; OutboxNotifier writes the
// messages to a local directory for demos and tests.
//
// Every implementation checks a message with the Validate* functions below
// before doing anything else, so a bad message is rejected with the same
// clear Status everywhere and nothing is sent or written. Header fields are
// checked for CR and LF in particular: one line break in a subject or an
// address would let its text add headers of its own (header injection).
//
// Threading: a Notifier is shared by every session worker; its methods may
// be called from any thread at once. Messages are COPIED: the caller may
// free them after the call returns.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "schedule/business.h"

namespace voxdesk::providers {

struct SmsMessage {
  std::string to;    // E.164
  std::string from;  // E.164
  std::string body;  // UTF-8, not empty, at most 1600 bytes
};

struct EmailAttachment {
  std::string filename;  // printable ASCII, e.g. "invite.ics"
  // e.g. "text/calendar; method=REQUEST; charset=utf-8". When empty, a
  // notifier picks one from the file name.
  std::string content_type;
  std::string content;  // bytes
};

struct EmailMessage {
  std::string to;         // local@domain
  std::string from;       // local@domain
  std::string from_name;  // optional display name ("Bright Smile Dental")
  std::string subject;    // UTF-8, one line
  std::string text_body;  // UTF-8, not empty; line breaks LF or CRLF
  std::vector<EmailAttachment> attachments;
};

struct WebhookEvent {
  std::string id;    // unique per event, for the receiver's de-duplication
  std::string type;  // "booking.confirmed": lower case, digits, '.', '_'
  std::string body;  // a JSON object, as text
};

class Notifier {
 public:
  virtual ~Notifier() = default;
  virtual Status SendSms(const SmsMessage& sms) = 0;
  virtual Status SendEmail(const EmailMessage& email) = 0;
  virtual Status SendWebhook(const WebhookEvent& event) = 0;
};

// Phone numbers are checked with voxdesk::IsE164 (schedule/business.h).
// local@domain: one '@', a dotted domain, no spaces, control characters or
// characters that end an address in a header (<>()[],;:"\).
bool IsEmailAddress(std::string_view address);

// kInvalidArgument naming the field ("sms.to: ..."), or Ok. Each rejects
// CR/LF in every field that becomes a header, text that is not UTF-8, and
// empty bodies.
Status ValidateSms(const SmsMessage& sms);
Status ValidateEmail(const EmailMessage& email);
Status ValidateWebhook(const WebhookEvent& event);

}  // namespace voxdesk::providers
