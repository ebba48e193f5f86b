// Version, status text, last error, memory and logging entry points.
#include <atomic>
#include <cstdlib>
#include <mutex>

#include "capi/capi_internal.h"

namespace voxdesk::capi {
namespace {
thread_local std::string t_last_error;
}

void SetLastError(const std::string& message) {
  t_last_error = message;
}
const char* LastError() {
  return t_last_error.c_str();
}
void ClearLastError() {
  t_last_error.clear();
}

voxdesk_status ToStatus(Code code) {
  switch (code) {
    case Code::kOk:
      return VOXDESK_OK;
    case Code::kInvalidArgument:
      return VOXDESK_E_INVALID;
    case Code::kConfig:
      return VOXDESK_E_CONFIG;
    case Code::kNotFound:
      return VOXDESK_E_NOT_FOUND;
    case Code::kSlotUnavailable:
      return VOXDESK_E_SLOT_UNAVAILABLE;
    case Code::kConflict:
      return VOXDESK_E_CONFLICT;
    case Code::kStorage:
      return VOXDESK_E_STORAGE;
    case Code::kNoMemory:
      return VOXDESK_E_NOMEM;
    case Code::kInternal:
      return VOXDESK_E_INTERNAL;
    case Code::kUnavailable:
      return VOXDESK_E_UNAVAILABLE;
  }
  return VOXDESK_E_INTERNAL;
}

namespace {

// The one piece of process-wide state, as voxdesk_log_set promises: the
// sink. Readers copy the shared_ptr under the mutex and call outside it.
struct Sink {
  voxdesk_log_fn fn = nullptr;
  voxdesk_log_level min_level = VOXDESK_LOG_WARN;
  void* user_data = nullptr;
};
std::mutex g_sink_mu;
std::shared_ptr<const Sink> g_sink = std::make_shared<Sink>();

std::shared_ptr<const Sink> CurrentSink() {
  std::lock_guard lock(g_sink_mu);
  return g_sink;
}

}  // namespace

void ForwardLog(LogLevel level, std::string_view line) {
  auto sink = CurrentSink();
  const auto c_level = static_cast<voxdesk_log_level>(static_cast<int>(level));
  if (c_level < sink->min_level) return;
  if (sink->fn) {
    const std::string copy(line);  // NUL-terminated for C
    sink->fn(c_level, copy.c_str(), sink->user_data);
  } else {
    static const LogSink stderr_sink = StderrSink();
    stderr_sink(level, line);
  }
}

void InstallSink(voxdesk_log_fn fn, voxdesk_log_level min_level, void* user_data) {
  auto next = std::make_shared<Sink>(Sink{fn, fn ? min_level : VOXDESK_LOG_WARN, user_data});
  std::lock_guard lock(g_sink_mu);
  g_sink = std::move(next);
}

voxdesk_status Report(const Status& st) {
  if (st.ok()) return VOXDESK_OK;
  SetLastError(st.message());
  return ToStatus(st.code());
}

}  // namespace voxdesk::capi

extern "C" {

VOXDESK_API int voxdesk_version(void) {
  return VOXDESK_VERSION_NUMBER;
}

VOXDESK_API const char* voxdesk_version_string(void) {
#define VOXDESK_STR2(x) #x
#define VOXDESK_STR(x) VOXDESK_STR2(x)
  return VOXDESK_STR(VOXDESK_VERSION_MAJOR) "." VOXDESK_STR(VOXDESK_VERSION_MINOR) "." VOXDESK_STR(
      VOXDESK_VERSION_PATCH);
}

VOXDESK_API const char* voxdesk_status_str(voxdesk_status status) {
  switch (status) {
    case VOXDESK_OK:
      return "ok";
    case VOXDESK_E_INVALID:
      return "invalid argument";
    case VOXDESK_E_CONFIG:
      return "configuration error";
    case VOXDESK_E_NOT_FOUND:
      return "not found";
    case VOXDESK_E_SLOT_UNAVAILABLE:
      return "slot unavailable";
    case VOXDESK_E_CONFLICT:
      return "conflict";
    case VOXDESK_E_STORAGE:
      return "storage error";
    case VOXDESK_E_NOMEM:
      return "out of memory";
    case VOXDESK_E_INTERNAL:
      return "internal error";
    case VOXDESK_E_MISUSE:
      return "library misuse";
    case VOXDESK_E_REENTRANT:
      return "re-entrant call";
    case VOXDESK_E_UNAVAILABLE:
      return "provider unavailable";
  }
  return "unknown status";
}

VOXDESK_API const char* voxdesk_last_error(void) {
  return voxdesk::capi::LastError();
}

VOXDESK_API void voxdesk_free(void* p) {
  std::free(p);
}

VOXDESK_API void voxdesk_log_set(voxdesk_log_fn fn, voxdesk_log_level min_level, void* user_data) {
  voxdesk::capi::InstallSink(fn, min_level, user_data);
}

}  // extern "C"
