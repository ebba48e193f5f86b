// Shared helpers of the addon: per-environment data, voxdesk errors as JS
// errors, argument conversion with TypeErrors that name the argument, and the
// JS shapes of slots and bookings.
#pragma once

#include <napi.h>
#include <voxdesk/voxdesk.h>

#include <memory>
#include <optional>
#include <string>

namespace vxn {

// One per Node environment (main thread or worker), so the addon is safe to
// load in several worker_threads at once.
struct InstanceData {
  Napi::FunctionReference make_error;  // (code|null, status, message) => Error
  Napi::FunctionReference business_ctor;
  Napi::FunctionReference conversation_ctor;
  Napi::FunctionReference engines_ctor;
  Napi::FunctionReference call_ctor;
  // Start and end seconds of the slots slotsSync() returns, read by
  // lib/slots.js from a Float64Array over this memory: parsing numbers out
  // of a string costs more than the rest of unpacking. The addon owns the
  // memory, so writes stay valid even if JS detaches the view.
  std::unique_ptr<double[]> slot_times_mem;
  double* slot_times = nullptr;
  size_t slot_times_cap = 0;  // in slots
  Napi::Reference<Napi::Float64Array> slot_times_view;
};

InstanceData& Data(Napi::Env env);

// A JS error for a failed voxdesk call (the VoxdeskError subclass for status).
Napi::Error StatusError(Napi::Env env, voxdesk_status status, const std::string& message);
// The error thrown by any method of a closed object ("business is closed").
Napi::Error ClosedError(Napi::Env env, const char* what);

// Throws the status's error with voxdesk_last_error() of this thread.
void Check(Napi::Env env, voxdesk_status status);

// Reads a JS string that crosses the ABI as a C string: TypeError for other
// types and for embedded NUL characters, which C would silently truncate.
std::string String(const Napi::Value& v, const char* what);
// As String(), but undefined and null mean "absent".
std::optional<std::string> OptString(const Napi::Value& v, const char* what);
// An instant: an RFC 3339 string or a valid Date (sent as UTC).
std::optional<std::string> OptTime(const Napi::Value& v, const char* what);
// An options object, or undefined/null for none (an empty object).
Napi::Object Options(const Napi::Value& v, const char* what);
// A property of an options object, undefined when missing.
Napi::Value Prop(const Napi::Object& o, const char* key);
// An integer in [lo, hi] or absent.
std::optional<int64_t> OptInt(const Napi::Value& v, const char* what, int64_t lo, int64_t hi);

// An optional string or instant argument of a hot call, read without
// allocating when short (as nearly all are): a string costs one N-API call,
// and only other values pay for a type check.
class ArgText {
 public:
  // Absent (nullptr) for undefined and null; TypeErrors as OptString().
  void ReadString(const Napi::Value& v, const char* what);
  // As OptTime(), and a number is the epoch milliseconds of a Date that the
  // JS side unwrapped (getTime() is cheaper there than napi_get_date_value).
  void ReadTime(const Napi::Value& v, const char* what);
  const char* get() const { return p_; }
  std::optional<std::string> Owned() const {
    return p_ ? std::optional<std::string>(p_) : std::nullopt;
  }

 private:
  bool TryString(const Napi::Value& v, const char* what);
  void SetTime(const Napi::Value& v, double ms, const char* what);

  char buf_[128];
  std::string big_;
  const char* p_ = nullptr;
};

// As OptInt(), the number checked first.
std::optional<int64_t> OptIntFast(const Napi::Value& v, const char* what, int64_t lo, int64_t hi);

inline const char* CStr(const std::optional<std::string>& s) {
  return s ? s->c_str() : nullptr;
}

struct SlotListFree {
  void operator()(voxdesk_slot_list* l) const { voxdesk_slot_list_free(l); }
};
struct BookingFree {
  void operator()(voxdesk_booking* b) const { voxdesk_booking_free(b); }
};
struct CharFree {
  void operator()(char* p) const { voxdesk_free(p); }
};
using SlotListPtr = std::unique_ptr<voxdesk_slot_list, SlotListFree>;
using BookingPtr = std::unique_ptr<voxdesk_booking, BookingFree>;
using CharPtr = std::unique_ptr<char, CharFree>;

// Slots cross to JS as one string that lib/slots.js unpacks, three fields
// per slot (startIso, endIso, staff) all split by kSep, and their start and
// end seconds as doubles. V8 builds the objects from these far faster than
// N-API calls can: one call per list instead of about fifteen per slot.
constexpr char kSep = '\x1f';
// Creates the shared times view (InstanceData::slot_times) for lib/slots.js.
Napi::Float64Array SlotTimesView(Napi::Env env);
// The packed string, with the times in the shared view; or, when they do not
// fit there or when `shared` is false, [packed, Float64Array of the times].
// Only a synchronous call may use the shared view: JS must read it before
// any other list is packed, which a Promise continuation cannot promise.
Napi::Value PackSlots(Napi::Env env, const voxdesk_slot_list* list, bool shared);
// The booking as a plain object (see index.d.ts Booking).
Napi::Object BookingToJs(Napi::Env env, const voxdesk_booking* bk);

}  // namespace vxn
