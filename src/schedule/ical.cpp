#include "schedule/ical.h"

#include <libical/ical.h>

#include <memory>
#include <new>
#include <string_view>

namespace voxdesk {
namespace {

struct ComponentFree {
  void operator()(icalcomponent* c) const noexcept { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

struct PropertyFree {
  void operator()(icalproperty* p) const noexcept { icalproperty_free(p); }
};
using Property = std::unique_ptr<icalproperty, PropertyFree>;

struct BufferFree {
  void operator()(char* p) const noexcept { icalmemory_free_buffer(p); }
};

// libical returns null only when it cannot allocate.
template <typename T>
T* Checked(T* p) {
  if (!p) throw std::bad_alloc();
  return p;
}

void Add(icalcomponent* c, icalproperty* p) {
  icalcomponent_add_property(c, Checked(p));
}

icaltimetype Utc(Instant t) {
  return icaltime_from_timet_with_zone(static_cast<time_t>(t.time_since_epoch().count()), 0,
                                       icaltimezone_get_utc_timezone());
}

// A calendar user address: e-mail when known, else the phone number. With
// neither there is no address to write, and an invented one could be
// replied to, so the property is left out.
std::string CalAddress(const std::string& email, const std::string& phone) {
  if (!email.empty()) return "mailto:" + email;
  if (!phone.empty()) return "tel:" + phone;
  return {};
}

std::string Summary(const Business& business, const BookingRecord& b) {
  const Service* service = business.FindService(b.service);
  std::string s = service && !service->name.empty() ? service->name : b.service;
  if (!business.name.empty()) s += " at " + business.name;
  const Staff* staff = business.FindStaff(b.staff);
  const std::string& who = staff && !staff->name.empty() ? staff->name : b.staff;
  if (!who.empty()) s += " with " + who;
  return s;
}

// Bookings imported from a configuration have no confirmation code.
std::string Description(const Business& business, const BookingRecord& b) {
  std::string d;
  if (!b.confirmation_code.empty()) d = "Confirmation code: " + b.confirmation_code;
  const std::string& phone = !business.phone.empty() ? business.phone : business.transfer_number;
  if (!phone.empty()) {
    if (!d.empty()) d += "\n";
    d += "To change or cancel, call " + phone + ".";
  }
  return d;
}

}  // namespace

std::string BookingToIcs(const Business& business, const BookingRecord& b, Instant dtstamp,
                         IcsMethod method) {
  const bool cancel = method == IcsMethod::kCancel || b.status == BookingStatus::kCancelled;

  Component cal(Checked(icalcomponent_new(ICAL_VCALENDAR_COMPONENT)));
  Add(cal.get(), icalproperty_new_prodid("-//voxdesk//voxdesk 0.1//EN"));
  Add(cal.get(), icalproperty_new_version("2.0"));
  Add(cal.get(), icalproperty_new_calscale("GREGORIAN"));
  Add(cal.get(), icalproperty_new_method(method == IcsMethod::kCancel ? ICAL_METHOD_CANCEL
                                                                      : ICAL_METHOD_REQUEST));

  Component event(Checked(icalcomponent_new(ICAL_VEVENT_COMPONENT)));
  icalcomponent* ev = event.get();
  Add(ev, icalproperty_new_uid((b.id + "@" + b.business_id + ".voxdesk").c_str()));
  Add(ev, icalproperty_new_dtstamp(Utc(dtstamp)));
  Add(ev, icalproperty_new_dtstart(Utc(b.start)));
  Add(ev, icalproperty_new_dtend(Utc(b.end)));
  Add(ev, icalproperty_new_sequence(b.sequence));
  Add(ev, icalproperty_new_status(cancel ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
  Add(ev, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
  Add(ev, icalproperty_new_summary(Summary(business, b).c_str()));
  if (!business.address.empty()) Add(ev, icalproperty_new_location(business.address.c_str()));
  if (const std::string d = Description(business, b); !d.empty())
    Add(ev, icalproperty_new_description(d.c_str()));

  if (const std::string addr = CalAddress(business.email, business.phone); !addr.empty()) {
    Property org(Checked(icalproperty_new_organizer(addr.c_str())));
    if (!business.name.empty())
      icalproperty_add_parameter(org.get(), Checked(icalparameter_new_cn(business.name.c_str())));
    icalcomponent_add_property(ev, org.release());
  }
  if (const std::string addr = CalAddress(b.customer.email, b.customer.phone); !addr.empty()) {
    Property prop(Checked(icalproperty_new_attendee(addr.c_str())));
    icalproperty* att = prop.get();
    if (!b.customer.name.empty())
      icalproperty_add_parameter(att, Checked(icalparameter_new_cn(b.customer.name.c_str())));
    icalproperty_add_parameter(att, Checked(icalparameter_new_cutype(ICAL_CUTYPE_INDIVIDUAL)));
    icalproperty_add_parameter(att, Checked(icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT)));
    // The caller agreed to the time on the phone before it was booked, so
    // there is nothing left for them to answer.
    icalproperty_add_parameter(att, Checked(icalparameter_new_partstat(ICAL_PARTSTAT_ACCEPTED)));
    icalproperty_add_parameter(att, Checked(icalparameter_new_rsvp(ICAL_RSVP_FALSE)));
    icalcomponent_add_property(ev, prop.release());
  }
  icalcomponent_add_component(cal.get(), event.release());

  std::unique_ptr<char, BufferFree> text(Checked(icalcomponent_as_ical_string_r(cal.get())));
  return std::string(text.get());
}

}  // namespace voxdesk
