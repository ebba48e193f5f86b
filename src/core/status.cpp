#include "core/status.h"

namespace voxdesk {

const char* CodeName(Code code) {
  switch (code) {
    case Code::kOk:
      return "ok";
    case Code::kInvalidArgument:
      return "invalid_argument";
    case Code::kConfig:
      return "config_error";
    case Code::kNotFound:
      return "not_found";
    case Code::kSlotUnavailable:
      return "slot_unavailable";
    case Code::kConflict:
      return "conflict";
    case Code::kStorage:
      return "storage_error";
    case Code::kNoMemory:
      return "out_of_memory";
    case Code::kInternal:
      return "internal_error";
    case Code::kUnavailable:
      return "unavailable";
  }
  return "unknown";
}

}  // namespace voxdesk
