// Shared by the C ABI's translation units: the handle structs, the per-thread
// last-error text, and VOXDESK_CAPI_GUARD, which turns every C++ failure
// into a status code so that no exception crosses the boundary.
#pragma once

#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/log.h"
#include "core/status.h"
#include "dialog/conversation.h"
#include "schedule/config_loader.h"
#include "schedule/scheduler.h"
#include "voxdesk/voxdesk.h"

namespace voxdesk::capi {

void SetLastError(const std::string& message);
void ClearLastError();
const char* LastError();
voxdesk_status ToStatus(Code code);
// Records st as the last error and returns its C code (VOXDESK_OK if ok).
voxdesk_status Report(const Status& st);
// Forwards a rendered line to the sink set with voxdesk_log_set (or stderr).
void ForwardLog(LogLevel level, std::string_view line);
void InstallSink(voxdesk_log_fn fn, voxdesk_log_level min_level, void* user_data);
// Reads a struct_size-prefixed parameter struct: copies at most sizeof(T)
// bytes and zero-fills the rest, so older callers get defaults for new fields.
template <typename T>
bool ReadParams(const T* in, T* out) {
  *out = T{};
  if (!in || in->struct_size < sizeof(uint32_t)) return false;
  const size_t n = in->struct_size < sizeof(T) ? in->struct_size : sizeof(T);
  std::memcpy(static_cast<void*>(out), in, n);
  return true;
}
// A malloc'ed copy the caller frees with voxdesk_free(); NULL when out of memory.
inline char* DupString(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out) std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}
// Writes the defaults (all zero) of a parameter struct for a caller that
// compiled against a header where the struct is `struct_size` bytes long.
template <typename T>
void InitParams(T* p, size_t struct_size) {
  if (!p || struct_size < sizeof(uint32_t)) return;
  T d{};
  d.struct_size = static_cast<uint32_t>(struct_size < sizeof d ? struct_size : sizeof d);
  std::memcpy(static_cast<void*>(p), &d, d.struct_size);
}
// Copies a C string into a std::string ("" for NULL).
inline std::string Str(const char* s) {
  return s ? std::string(s) : std::string();
}

}  // namespace voxdesk::capi

struct voxdesk_business {
  std::mutex mu;  // the handle is internally serialised (see the header)
  voxdesk::LoadedConfig config;
  std::unique_ptr<voxdesk::Clock> clock;
  std::unique_ptr<voxdesk::Store> store;
  std::unique_ptr<voxdesk::IdGenerator> ids;
  std::unique_ptr<voxdesk::Scheduler> scheduler;
  std::unique_ptr<voxdesk::Logger> log;  // declared after clock: reads it
  // Built on the first conversation: pack, NLU and knowledge base.
  std::unique_ptr<voxdesk::dialog::Receptionist> receptionist;
  int open_conversations = 0;
};

namespace voxdesk::capi {
// Builds b's receptionist (pack, NLU, knowledge) on first use. Caller holds b->mu.
Status EnsureReceptionist(voxdesk_business* b);
// A call's caller id: "" when withheld (NULL), else it must be E.164.
Result<std::string> CallerId(const char* caller_id);
// The host's call id, or a generated one when it gave none. Caller holds b->mu.
std::string CallId(voxdesk_business* b, const char* call_id);
}  // namespace voxdesk::capi

struct voxdesk_conversation {
  voxdesk_business* business = nullptr;
  std::unique_ptr<voxdesk::dialog::Conversation> conv;
};

struct voxdesk_slot_list {
  struct Item {
    std::string start, end, staff;
    int64_t start_unix, end_unix;
  };
  std::vector<Item> items;
};

struct voxdesk_booking {
  voxdesk::BookingRecord record;
  bool replayed = false;
  std::string start, end, json;  // rendered in the business zone
};

#define VOXDESK_CAPI_GUARD(...)                                                \
  try {                                                                        \
    ::voxdesk::capi::ClearLastError();                                         \
    __VA_ARGS__                                                                \
  } catch (const std::bad_alloc&) {                                            \
    ::voxdesk::capi::SetLastError("out of memory");                            \
    return VOXDESK_E_NOMEM;                                                    \
  } catch (const std::exception& e) {                                          \
    ::voxdesk::capi::SetLastError(std::string("internal error: ") + e.what()); \
    return VOXDESK_E_INTERNAL;                                                 \
  } catch (...) {                                                              \
    ::voxdesk::capi::SetLastError("internal error");                           \
    return VOXDESK_E_INTERNAL;                                                 \
  }
