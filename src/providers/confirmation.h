// The messages a booking change sends to the customer: a text message and,
// when the customer gave an email address, an email with the calendar invite
// (src/schedule/ical.h) attached, for a new, a moved and a cancelled
// booking, in English or Spanish. Times are written as the agent says them
// ("Tuesday, March 10th at 10 AM"), in the business's time zone, so they
// match what the caller heard on the phone.
//
// The builders only compose messages; a Notifier sends them.
//
// Thread safety: pure functions, safe to call concurrently.
#pragma once

#include <string>

#include "core/time.h"
#include "dialog/lang.h"
#include "providers/notifier.h"
#include "schedule/business.h"
#include "schedule/store.h"

namespace voxdesk::providers {

struct ConfirmationOptions {
  dialog::Lang lang = dialog::Lang::kEn;
  // When the messages are made: the injected clock's now, written as the
  // invite's DTSTAMP.
  Instant now{};
  // The sender when the business's configuration has no email address.
  std::string default_from_email = "no-reply@voxdesk.invalid";
  // The SMS sender when the business has no phone number (e.g. the
  // account's messaging number). With neither, sms.from is empty and a
  // Notifier rejects the text.
  std::string default_from_phone;
};

struct ConfirmationMessages {
  SmsMessage sms;      // to the customer's phone
  EmailMessage email;  // email.to is empty when the customer gave no email
  bool has_email() const { return !email.to.empty(); }
};

// "Bright Smile Dental: your Teeth cleaning with Dr. Lee is booked for
// Tuesday, March 10th at 10 AM. Confirmation code QXT7KM. Reply or call
// +15550100100 to change." The email carries an iTIP REQUEST invite.
ConfirmationMessages BuildBookingConfirmation(const Business& business,
                                              const BookingRecord& booking,
                                              const ConfirmationOptions& options);

// The booking at its new time; the invite is a REQUEST with the record's
// bumped SEQUENCE, so calendars move the existing event.
ConfirmationMessages BuildRescheduleConfirmation(const Business& business,
                                                 const BookingRecord& booking,
                                                 const ConfirmationOptions& options);

// The invite is a CANCEL for the same UID, so calendars remove the event.
ConfirmationMessages BuildCancellationConfirmation(const Business& business,
                                                   const BookingRecord& booking,
                                                   const ConfirmationOptions& options);

}  // namespace voxdesk::providers
