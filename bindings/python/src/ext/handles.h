// The C handles behind the Python objects. A Core owns one C handle and the
// references that keep its parents alive; see Handle in common.h.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "common.h"

namespace vxpy {

struct BizCore {
  voxdesk_business* b = nullptr;
  ~BizCore() { voxdesk_business_close(b); }
};

struct EnginesCore {
  voxdesk_engines* e = nullptr;
  ~EnginesCore() { voxdesk_engines_close(e); }
};

class Business {
 public:
  Business(std::shared_ptr<BizCore> core, py::object tz, std::string id, std::string timezone,
           std::vector<std::string> warnings)
      : h(std::move(core)),
        tz(std::move(tz)),
        id(std::move(id)),
        timezone(std::move(timezone)),
        warnings(std::move(warnings)) {}

  Handle<BizCore> h;
  py::object tz;  // zoneinfo.ZoneInfo(timezone): the zone of every datetime returned
  const std::string id, timezone;
  const std::vector<std::string> warnings;
};

class Engines {
 public:
  explicit Engines(std::shared_ptr<EnginesCore> core) : h(std::move(core)) {}
  Handle<EnginesCore> h;
};

void BindBusiness(py::module_& m);
void BindCalls(py::module_& m);

}  // namespace vxpy
