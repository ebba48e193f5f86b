#include "dialog/call_record.h"

namespace voxdesk::dialog {

std::string_view OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kHungUp:
      return "hung_up";
    case Outcome::kAnswered:
      return "answered";
    case Outcome::kMessageTaken:
      return "message_taken";
    case Outcome::kCancelled:
      return "cancelled";
    case Outcome::kRescheduled:
      return "rescheduled";
    case Outcome::kBooked:
      return "booked";
    case Outcome::kTransferred:
      return "transferred";
    case Outcome::kEmergency:
      return "emergency";
  }
  return "hung_up";
}

}  // namespace voxdesk::dialog
