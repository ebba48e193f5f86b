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

// Slots cross to JS as one string that lib/slots.js unpacks: five fields
// per slot (startIso, endIso, staff, startUnix, endUnix), all split by kSep.
// V8 builds the objects from it far faster than N-API calls can: one call
// per list instead of about fifteen per slot, most of a query's overhead.
constexpr char kSep = '\x1f';
void PackSlots(const voxdesk_slot_list* list, std::string& out);
Napi::String PackSlots(Napi::Env env, const voxdesk_slot_list* list);
// The booking as a plain object (see index.d.ts Booking).
Napi::Object BookingToJs(Napi::Env env, const voxdesk_booking* bk);

}  // namespace vxn
