#include "schedule/business.h"

#include <algorithm>

namespace voxdesk {

const Service* Business::FindService(std::string_view id) const {
  for (const auto& s : services)
    if (s.id == id) return &s;
  return nullptr;
}

const Staff* Business::FindStaff(std::string_view id) const {
  for (const auto& s : staff)
    if (s.id == id) return &s;
  return nullptr;
}

bool Business::IsClosed(LocalDate d) const {
  return std::find(closures.begin(), closures.end(), d) != closures.end();
}

}  // namespace voxdesk
