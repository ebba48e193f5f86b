#include "providers/confirmation.h"

#include <string_view>

#include "dialog/phrasing.h"
#include "schedule/ical.h"

namespace voxdesk::providers {
namespace {

using dialog::Lang;

enum class Change { kBooked, kMoved, kCancelled };

// What every message of one change says, resolved from the business once.
struct Facts {
  Lang lang = Lang::kEn;
  std::string business;  // may be empty
  std::string service;
  std::string staff;  // may be empty
  std::string when;   // "Tuesday, March 10th at 10 AM"
  std::string code;   // may be empty (bookings imported from a configuration)
  std::string phone;  // where to call the business; may be empty
  std::string address;
  std::string customer;
};

// The time as the caller heard it: in the business's zone. A Business from
// the config loader always has its zone; one built by hand may only name it,
// and one with an unknown zone gets UTC, labelled, rather than a wrong hour.
std::string When(const Business& business, Instant start, Lang lang) {
  const Zone* zone = business.zone;
  if (!zone) {
    if (auto z = FindZone(business.timezone); z.ok()) zone = *z;
  }
  if (zone) return dialog::SpeakDateTime(InstantToLocal(*zone, start), lang);
  return dialog::SpeakDateTime(LocalSeconds{start.time_since_epoch()}, lang) + " (UTC)";
}

Facts Resolve(const Business& business, const BookingRecord& b, Lang lang) {
  Facts f;
  f.lang = lang;
  f.business = business.name;
  const Service* service = business.FindService(b.service);
  f.service = service && !service->name.empty() ? service->name : b.service;
  const Staff* staff = business.FindStaff(b.staff);
  f.staff = staff && !staff->name.empty() ? staff->name : b.staff;
  f.when = When(business, b.start, lang);
  f.code = b.confirmation_code;
  f.phone = !business.phone.empty() ? business.phone : business.transfer_number;
  f.address = business.address;
  f.customer = b.customer.name;
  return f;
}

bool Es(const Facts& f) {
  return f.lang == Lang::kEs;
}

// "your Teeth cleaning with Dr. Lee" / "su cita de Teeth cleaning con Dr. Lee".
std::string What(const Facts& f, bool capital) {
  std::string s;
  if (Es(f)) {
    s = (capital ? "Su cita de " : "su cita de ") + f.service;
    if (!f.staff.empty()) s += " con " + f.staff;
  } else {
    s = (capital ? "Your " : "your ") + f.service;
    if (!f.staff.empty()) s += " with " + f.staff;
  }
  return s;
}

// The state of the booking after the change, ending the first sentence.
std::string Outcome(const Facts& f, Change change) {
  if (Es(f)) {
    switch (change) {
      case Change::kBooked:
        return " está confirmada para " + f.when + ".";
      case Change::kMoved:
        return " ahora es " + f.when + ".";
      case Change::kCancelled:
        return " para " + f.when + " está cancelada.";
    }
  }
  switch (change) {
    case Change::kBooked:
      return " is booked for " + f.when + ".";
    case Change::kMoved:
      return " has moved to " + f.when + ".";
    case Change::kCancelled:
      return " on " + f.when + " is cancelled.";
  }
  return {};
}

std::string SmsText(const Facts& f, Change change) {
  std::string s;
  if (!f.business.empty()) s = f.business + ": ";
  s += What(f, f.business.empty()) + Outcome(f, change);
  const bool es = Es(f);
  if (change != Change::kCancelled && !f.code.empty())
    s += (es ? " Código de confirmación " : " Confirmation code ") + f.code + ".";
  if (change == Change::kCancelled) {
    if (!f.phone.empty())
      s += es ? " Llame al " + f.phone + " para reservar otra."
              : " Call " + f.phone + " to book again.";
    else
      s += es ? " Responda a este mensaje para reservar otra."
              : " Reply to this message to book again.";
  } else {
    if (!f.phone.empty())
      s += es ? " Responda o llame al " + f.phone + " para cambiarla."
              : " Reply or call " + f.phone + " to change.";
    else
      s += es ? " Responda a este mensaje para cambiarla." : " Reply to this message to change.";
  }
  return s;
}

std::string Subject(const Facts& f, Change change) {
  if (Es(f)) {
    const char* what = change == Change::kBooked  ? "Cita confirmada: "
                       : change == Change::kMoved ? "Cita cambiada: "
                                                  : "Cita cancelada: ";
    return what + f.service + ", " + f.when;
  }
  const char* what = change == Change::kBooked  ? "Booked: "
                     : change == Change::kMoved ? "Moved: "
                                                : "Cancelled: ";
  return what + f.service + " on " + f.when;
}

std::string EmailText(const Facts& f, Change change) {
  const bool es = Es(f);
  std::string s;
  if (es)
    s = f.customer.empty() ? "Hola:\n\n" : "Hola " + f.customer + ":\n\n";
  else
    s = f.customer.empty() ? "Hello,\n\n" : "Hello " + f.customer + ",\n\n";

  s += What(f, true);
  if (!f.business.empty()) s += (es ? " en " : " at ") + f.business;
  s += Outcome(f, change) + "\n\n";

  if (!f.address.empty()) s += (es ? "Dirección: " : "Where: ") + f.address + "\n";
  if (change != Change::kCancelled && !f.code.empty())
    s += (es ? "Código de confirmación: " : "Confirmation code: ") + f.code + "\n";
  if (!f.address.empty() || (change != Change::kCancelled && !f.code.empty())) s += "\n";

  switch (change) {
    case Change::kBooked:
      s += es ? "La invitación para su calendario va adjunta." : "The calendar invite is attached.";
      break;
    case Change::kMoved:
      s += es ? "La invitación adjunta actualiza la cita en su calendario."
              : "The attached invite updates the event in your calendar.";
      break;
    case Change::kCancelled:
      s += es ? "El archivo adjunto quita la cita de su calendario."
              : "The attachment removes the event from your calendar.";
      break;
  }
  if (change == Change::kCancelled) {
    if (!f.phone.empty())
      s += es ? " Para reservar otra, llame al " + f.phone + "."
              : " To book again, call " + f.phone + ".";
  } else if (!f.phone.empty()) {
    s += es ? " Para cambiarla o cancelarla, responda a este correo o llame al " + f.phone + "."
            : " To change or cancel, reply to this email or call " + f.phone + ".";
  } else {
    s += es ? " Para cambiarla o cancelarla, responda a este correo."
            : " To change or cancel, reply to this email.";
  }
  s += "\n";
  if (!f.business.empty()) s += "\n" + f.business + "\n";
  return s;
}

ConfirmationMessages Build(const Business& business, const BookingRecord& booking,
                           const ConfirmationOptions& options, Change change) {
  const Facts f = Resolve(business, booking, options.lang);
  ConfirmationMessages out;
  out.sms.to = booking.customer.phone;
  out.sms.from = !business.phone.empty() ? business.phone : options.default_from_phone;
  out.sms.body = SmsText(f, change);

  if (booking.customer.email.empty()) return out;
  EmailMessage& e = out.email;
  e.to = booking.customer.email;
  e.from = !business.email.empty() ? business.email : options.default_from_email;
  e.from_name = business.name;
  e.subject = Subject(f, change);
  e.text_body = EmailText(f, change);
  // A cancellation carries an iTIP CANCEL for the same UID, so calendar
  // clients remove the event the first invite created.
  const IcsMethod method = change == Change::kCancelled ? IcsMethod::kCancel : IcsMethod::kRequest;
  EmailAttachment invite;
  invite.filename = "invite.ics";
  invite.content_type = method == IcsMethod::kCancel
                            ? "text/calendar; method=CANCEL; charset=utf-8"
                            : "text/calendar; method=REQUEST; charset=utf-8";
  invite.content = BookingToIcs(business, booking, options.now, method);
  e.attachments.push_back(std::move(invite));
  return out;
}

}  // namespace

ConfirmationMessages BuildBookingConfirmation(const Business& business,
                                              const BookingRecord& booking,
                                              const ConfirmationOptions& options) {
  return Build(business, booking, options, Change::kBooked);
}

ConfirmationMessages BuildRescheduleConfirmation(const Business& business,
                                                 const BookingRecord& booking,
                                                 const ConfirmationOptions& options) {
  return Build(business, booking, options, Change::kMoved);
}

ConfirmationMessages BuildCancellationConfirmation(const Business& business,
                                                   const BookingRecord& booking,
                                                   const ConfirmationOptions& options) {
  return Build(business, booking, options, Change::kCancelled);
}

}  // namespace voxdesk::providers
