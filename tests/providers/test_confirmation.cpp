// Booking confirmations say the time the caller heard, in the business's
// zone on both sides of a DST change, in English or Spanish, from the
// business's own number and address (or the configured defaults), with the
// calendar invite that matches the change: REQUEST to book or move, CANCEL
// to cancel.
#include <doctest/doctest.h>

#include <string>

#include "providers/confirmation.h"
#include "schedule/ical.h"

namespace voxdesk::providers {
namespace {

Instant At(const char* rfc3339) {
  auto t = ParseRfc3339(rfc3339);
  REQUIRE(t.ok());
  return *t;
}

Business Dental() {
  Business b;
  b.id = "bright-smile";
  b.name = "Bright Smile Dental";
  b.timezone = "America/New_York";
  auto zone = FindZone(b.timezone);
  REQUIRE(zone.ok());
  b.zone = *zone;
  b.address = "210 Maple Avenue, Springfield";
  b.email = "front-desk@brightsmile.example";
  b.phone = "+15550100100";
  Service s;
  s.id = "cleaning";
  s.name = "Teeth cleaning";
  s.duration_min = 60;
  b.services.push_back(s);
  Staff lee;
  lee.id = "lee";
  lee.name = "Dr. Lee";
  b.staff.push_back(lee);
  return b;
}

BookingRecord Booking(Instant start) {
  BookingRecord r;
  r.business_id = "bright-smile";
  r.id = "bk_0123456789abcdef";
  r.service = "cleaning";
  r.staff = "lee";
  r.start = start;
  r.end = start + std::chrono::hours{1};
  r.confirmation_code = "QXT7KM";
  r.customer = {"Ana Ruiz", "+15550142000", "ana@example.com"};
  return r;
}

ConfirmationOptions Options(dialog::Lang lang = dialog::Lang::kEn) {
  ConfirmationOptions o;
  o.lang = lang;
  o.now = At("2026-03-01T12:00:00Z");
  return o;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// 2026-03-10 10:00 in New York is EDT (UTC-4): 14:00Z.
const char* const kTuesdayTenEdt = "2026-03-10T14:00:00Z";

TEST_CASE("a booking confirmation text names the business, service, staff, local time and code") {
  const auto m = BuildBookingConfirmation(Dental(), Booking(At(kTuesdayTenEdt)), Options());
  CHECK(m.sms.to == "+15550142000");
  CHECK(m.sms.from == "+15550100100");
  CHECK(m.sms.body ==
        "Bright Smile Dental: your Teeth cleaning with Dr. Lee is booked for Tuesday, March 10th "
        "at 10 AM. Confirmation code QXT7KM. Reply or call +15550100100 to change.");
  CHECK(ValidateSms(m.sms).ok());
}

TEST_CASE("confirmation times are local on both sides of the spring DST change") {
  // Friday March 6th (EST, UTC-5) and Tuesday March 10th (EDT, UTC-4), both
  // at 10 AM local: one UTC hour apart from a fixed offset.
  const Business b = Dental();
  const auto before = BuildBookingConfirmation(b, Booking(At("2026-03-06T15:00:00Z")), Options());
  const auto after = BuildBookingConfirmation(b, Booking(At(kTuesdayTenEdt)), Options());
  CHECK_MESSAGE(Contains(before.sms.body, "booked for Friday, March 6th at 10 AM."),
                before.sms.body);
  CHECK_MESSAGE(Contains(after.sms.body, "booked for Tuesday, March 10th at 10 AM."),
                after.sms.body);
  CHECK_MESSAGE(Contains(after.email.subject, "Tuesday, March 10th at 10 AM"), after.email.subject);
  // Across the autumn change too: November 2nd 2026 is back on EST.
  const auto autumn = BuildBookingConfirmation(b, Booking(At("2026-11-02T14:30:00Z")), Options());
  CHECK_MESSAGE(Contains(autumn.sms.body, "Monday, November 2nd at 9:30 AM."), autumn.sms.body);
}

TEST_CASE("a business that names its zone without a resolved pointer still gets local times") {
  Business b = Dental();
  b.zone = nullptr;
  const auto m = BuildBookingConfirmation(b, Booking(At(kTuesdayTenEdt)), Options());
  CHECK_MESSAGE(Contains(m.sms.body, "Tuesday, March 10th at 10 AM."), m.sms.body);
}

TEST_CASE("a booking confirmation email comes from the business with a REQUEST invite") {
  const Business b = Dental();
  const BookingRecord r = Booking(At(kTuesdayTenEdt));
  const ConfirmationOptions o = Options();
  const auto m = BuildBookingConfirmation(b, r, o);
  REQUIRE(m.has_email());
  CHECK(m.email.to == "ana@example.com");
  CHECK(m.email.from == "front-desk@brightsmile.example");
  CHECK(m.email.from_name == "Bright Smile Dental");
  CHECK(m.email.subject == "Booked: Teeth cleaning on Tuesday, March 10th at 10 AM");
  CHECK(Contains(m.email.text_body, "Hello Ana Ruiz,"));
  CHECK(Contains(m.email.text_body,
                 "Your Teeth cleaning with Dr. Lee at Bright Smile Dental is "
                 "booked for Tuesday, March 10th at 10 AM."));
  CHECK(Contains(m.email.text_body, "Confirmation code: QXT7KM"));
  CHECK(Contains(m.email.text_body, "Where: 210 Maple Avenue, Springfield"));
  REQUIRE(m.email.attachments.size() == 1);
  const EmailAttachment& a = m.email.attachments[0];
  CHECK(a.filename == "invite.ics");
  CHECK(a.content_type == "text/calendar; method=REQUEST; charset=utf-8");
  CHECK(a.content == BookingToIcs(b, r, o.now, IcsMethod::kRequest));
  CHECK(Contains(a.content, "DTSTAMP:20260301T120000Z"));
  CHECK(ValidateEmail(m.email).ok());
}

TEST_CASE("a moved booking says its new time and re-sends the invite with the new sequence") {
  BookingRecord r = Booking(At("2026-03-12T19:30:00Z"));  // Thursday 3:30 PM EDT
  r.sequence = 1;
  const auto m = BuildRescheduleConfirmation(Dental(), r, Options());
  CHECK(m.sms.body ==
        "Bright Smile Dental: your Teeth cleaning with Dr. Lee has moved to Thursday, March 12th "
        "at 3:30 PM. Confirmation code QXT7KM. Reply or call +15550100100 to change.");
  CHECK(m.email.subject == "Moved: Teeth cleaning on Thursday, March 12th at 3:30 PM");
  REQUIRE(m.email.attachments.size() == 1);
  CHECK(Contains(m.email.attachments[0].content, "METHOD:REQUEST"));
  CHECK(Contains(m.email.attachments[0].content, "SEQUENCE:1"));
  CHECK(ValidateSms(m.sms).ok());
  CHECK(ValidateEmail(m.email).ok());
}

TEST_CASE("a cancelled booking sends a CANCEL invite and no confirmation code") {
  BookingRecord r = Booking(At(kTuesdayTenEdt));
  r.status = BookingStatus::kCancelled;
  r.sequence = 2;
  const auto m = BuildCancellationConfirmation(Dental(), r, Options());
  CHECK(m.sms.body ==
        "Bright Smile Dental: your Teeth cleaning with Dr. Lee on Tuesday, March 10th at 10 AM is "
        "cancelled. Call +15550100100 to book again.");
  CHECK(m.email.subject == "Cancelled: Teeth cleaning on Tuesday, March 10th at 10 AM");
  CHECK_FALSE(Contains(m.email.text_body, "QXT7KM"));
  REQUIRE(m.email.attachments.size() == 1);
  const EmailAttachment& a = m.email.attachments[0];
  CHECK(a.content_type == "text/calendar; method=CANCEL; charset=utf-8");
  CHECK(Contains(a.content, "METHOD:CANCEL"));
  CHECK(Contains(a.content, "STATUS:CANCELLED"));
  CHECK(Contains(a.content, "UID:bk_0123456789abcdef@bright-smile.voxdesk"));
  CHECK(ValidateEmail(m.email).ok());
}

TEST_CASE("Spanish confirmations use Spanish text and the Spanish way of saying the time") {
  const Business b = Dental();
  const BookingRecord r = Booking(At(kTuesdayTenEdt));
  const auto m = BuildBookingConfirmation(b, r, Options(dialog::Lang::kEs));
  CHECK(m.sms.body ==
        "Bright Smile Dental: su cita de Teeth cleaning con Dr. Lee está confirmada para el martes "
        "10 de marzo a las 10 de la mañana. Código de confirmación QXT7KM. Responda o llame al "
        "+15550100100 para cambiarla.");
  CHECK(m.email.subject ==
        "Cita confirmada: Teeth cleaning, el martes 10 de marzo a las 10 de la mañana");
  CHECK(Contains(m.email.text_body, "Hola Ana Ruiz:"));
  CHECK(Contains(m.email.text_body, "Código de confirmación: QXT7KM"));
  CHECK(Contains(m.email.text_body, "Dirección: 210 Maple Avenue, Springfield"));
  CHECK_FALSE(Contains(m.email.text_body, "booked"));
  CHECK(ValidateSms(m.sms).ok());
  CHECK(ValidateEmail(m.email).ok());

  BookingRecord one = Booking(At("2026-03-10T17:00:00Z"));  // 1 PM EDT
  CHECK(Contains(BuildRescheduleConfirmation(b, one, Options(dialog::Lang::kEs)).sms.body,
                 "ahora es el martes 10 de marzo a la 1 de la tarde."));
  one.status = BookingStatus::kCancelled;
  CHECK(BuildCancellationConfirmation(b, one, Options(dialog::Lang::kEs)).sms.body ==
        "Bright Smile Dental: su cita de Teeth cleaning con Dr. Lee para el martes 10 de marzo a "
        "la 1 de la tarde está cancelada. Llame al +15550100100 para reservar otra.");
}

TEST_CASE("a business without email or phone sends from the configured defaults") {
  Business b = Dental();
  b.email.clear();
  b.phone.clear();
  ConfirmationOptions o = Options();
  o.default_from_email = "bookings@agency.example";
  o.default_from_phone = "+15550199999";
  const auto m = BuildBookingConfirmation(b, Booking(At(kTuesdayTenEdt)), o);
  CHECK(m.email.from == "bookings@agency.example");
  CHECK(m.email.from_name == "Bright Smile Dental");
  CHECK(m.sms.from == "+15550199999");
  CHECK_MESSAGE(Contains(m.sms.body, "Reply to this message to change."), m.sms.body);
  CHECK_FALSE(Contains(m.sms.body, "call"));
  CHECK(ValidateSms(m.sms).ok());
  CHECK(ValidateEmail(m.email).ok());
}

TEST_CASE("a customer without an email address gets only the text message") {
  BookingRecord r = Booking(At(kTuesdayTenEdt));
  r.customer.email.clear();
  const auto m = BuildBookingConfirmation(Dental(), r, Options());
  CHECK_FALSE(m.has_email());
  CHECK(m.email.attachments.empty());
  CHECK(ValidateSms(m.sms).ok());
}

}  // namespace
}  // namespace voxdesk::providers
