// iCalendar (RFC 5545) export of bookings as iTIP (RFC 5546) messages: a
// REQUEST when a booking is made or moved and a CANCEL when it is cancelled,
// so the customer's calendar follows the booking. Every message for one
// booking carries the same UID and the record's SEQUENCE (which the store
// bumps on every change), so calendar clients apply them in order and ignore
// stale ones.
//
// Thread safety: BookingToIcs may be called from many threads at once.
#pragma once

#include <string>

#include "core/time.h"
#include "schedule/business.h"
#include "schedule/store.h"

namespace voxdesk {

enum class IcsMethod { kRequest, kCancel };

// A complete VCALENDAR with one VEVENT: CRLF line ends, lines folded at 75
// octets, text escaped. `dtstamp` is when the message is created (the
// injected clock's now). Times are written in UTC. Service and staff names
// come from `business`; unknown ids are written as they are.
std::string BookingToIcs(const Business& business, const BookingRecord& booking, Instant dtstamp,
                         IcsMethod method);

}  // namespace voxdesk
