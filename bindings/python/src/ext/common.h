// Shared pieces of the extension: handle ownership, error mapping and the
// conversions between Python values and the C ABI's strings.
//
// Every C call that can block runs with the GIL released; the C library never
// calls into Python (call events are queued in C++ and delivered by Python
// after the call returns), so no thread ever waits for the GIL while it holds
// a business's internal lock.
#pragma once

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <voxdesk/voxdesk.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace vxpy {

namespace py = pybind11;

// Raises the voxdesk exception for a failed status (voxdesk._errors).
[[noreturn]] void ThrowStatus(voxdesk_status status, const std::string& message);
// Raises voxdesk.ClosedError naming what was closed.
[[noreturn]] void ThrowClosed(const char* what);

// Runs a C call with the GIL released and raises on failure. The message is
// read on the same thread right after the call, as voxdesk_last_error()
// requires.
template <class F>
void Check(F&& call) {
  voxdesk_status st;
  std::string err;
  {
    py::gil_scoped_release nogil;
    st = call();
    if (st != VOXDESK_OK) err = voxdesk_last_error();
  }
  if (st != VOXDESK_OK) ThrowStatus(st, err);
}

// A Python object's share of a C handle. The C handle lives in a Core held by
// shared_ptr: every call in flight and every child (a conversation or call
// keeps its business) holds a reference, so close() only drops this object's
// share and the C handle is freed after the last user is done. close() racing
// a call therefore never frees a handle under it.
template <class Core>
class Handle {
 public:
  explicit Handle(std::shared_ptr<Core> core) : core_(std::move(core)) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  std::shared_ptr<Core> Get(const char* what) const {
    std::shared_ptr<Core> c;
    {
      std::lock_guard<std::mutex> lock(mu_);
      c = core_;
    }
    if (!c) ThrowClosed(what);
    return c;
  }
  // The C close may wait for the business lock, so it runs without the GIL.
  void Close() {
    std::shared_ptr<Core> c;
    {
      std::lock_guard<std::mutex> lock(mu_);
      c.swap(core_);
    }
    if (c) {
      py::gil_scoped_release nogil;
      c.reset();
    }
  }
  bool closed() const {
    std::lock_guard<std::mutex> lock(mu_);
    return !core_;
  }

 private:
  mutable std::mutex mu_;
  std::shared_ptr<Core> core_;
};

// A time argument: an aware datetime.datetime or an RFC 3339 string (checked
// by the library). Naive datetimes and other types raise naming `name`.
std::string TimeArg(py::handle value, const char* name);
std::optional<std::string> OptTimeArg(py::handle value, const char* name);
// A text argument that must be a str; None allowed only for Opt.
std::string StrArg(py::handle value, const char* name);
std::optional<std::string> OptStrArg(py::handle value, const char* name);
inline const char* CStr(const std::optional<std::string>& s) {
  return s ? s->c_str() : nullptr;
}

// An aware datetime for a Unix instant, in `tz` (a tzinfo).
py::object DateTimeFromUnix(int64_t unix_seconds, py::handle tz);

// Instances of the frozen dataclasses in voxdesk._types, filled without
// running __init__ (the fields are set as a constructor would).
py::object MakeSlot(const voxdesk_slot& s, py::handle tz);
py::object MakeBooking(const voxdesk_booking* bk, py::handle tz);

// Takes a CALLER-OWNS char* and frees it.
py::str TakeString(char* s);

void InitConvert();  // imports the datetime C API

}  // namespace vxpy
