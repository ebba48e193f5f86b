// Conversions between Python values and the C ABI, and error raising.
#include "common.h"
// datetime.h needs Python.h, which common.h brings in through pybind11.
#include <datetime.h>

#include <cstdio>
#include <cstring>

namespace vxpy {
namespace {

py::str Utf8(const std::string& s) {
  // Library text is UTF-8, but a message may quote the caller's bytes.
  PyObject* u = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
  if (!u) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(u);
}

[[noreturn]] void Raise(py::object exc) {
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())), exc.ptr());
  throw py::error_already_set();
}

py::object Errors() {
  return py::module_::import("voxdesk._errors");
}

// The dataclasses of voxdesk._types and the names of their fields, looked up
// once. Leaked on purpose: they must outlive every module teardown order.
struct Types {
  PyObject* slot = nullptr;
  PyObject* booking = nullptr;
  PyObject* empty = nullptr;
  PyObject* start = nullptr;
  PyObject* end = nullptr;
  PyObject* staff = nullptr;
  PyObject* booking_names[12] = {};
};

const Types& GetTypes() {
  static Types* t = nullptr;  // guarded by the GIL
  if (t) return *t;
  py::module_ m = py::module_::import("voxdesk._types");
  auto* n = new Types;
  n->slot = py::object(m.attr("Slot")).release().ptr();
  n->booking = py::object(m.attr("Booking")).release().ptr();
  n->empty = PyTuple_New(0);
  n->start = PyUnicode_InternFromString("start");
  n->end = PyUnicode_InternFromString("end");
  n->staff = PyUnicode_InternFromString("staff");
  const char* names[12] = {
      "id",       "service",           "staff",         "start",          "end",
      "status",   "confirmation_code", "customer_name", "customer_phone", "customer_email",
      "sequence", "replayed"};
  for (int i = 0; i < 12; ++i) n->booking_names[i] = PyUnicode_InternFromString(names[i]);
  t = n;
  return *t;
}

// A frozen dataclass instance without __init__: object.__new__ plus the
// generic attribute setter, which bypasses the frozen __setattr__ exactly as
// the generated __init__ does.
py::object NewFrozen(PyObject* type) {
  PyObject* obj =
      PyBaseObject_Type.tp_new(reinterpret_cast<PyTypeObject*>(type), GetTypes().empty, nullptr);
  if (!obj) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(obj);
}

void SetField(py::handle obj, PyObject* name, py::handle value) {
  if (PyObject_GenericSetAttr(obj.ptr(), name, value.ptr()) != 0) throw py::error_already_set();
}

std::string TypeName(py::handle v) {
  return Py_TYPE(v.ptr())->tp_name;
}

std::string FormatUtc(py::handle dt) {
  static PyObject* utc = nullptr;
  if (!utc)
    utc = py::object(py::module_::import("datetime").attr("timezone").attr("utc")).release().ptr();
  py::object u = py::reinterpret_borrow<py::object>(dt).attr("astimezone")(py::handle(utc));
  PyObject* p = u.ptr();
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", PyDateTime_GET_YEAR(p),
                PyDateTime_GET_MONTH(p), PyDateTime_GET_DAY(p), PyDateTime_DATE_GET_HOUR(p),
                PyDateTime_DATE_GET_MINUTE(p), PyDateTime_DATE_GET_SECOND(p),
                PyDateTime_DATE_GET_MICROSECOND(p));
  return buf;
}

}  // namespace

void InitConvert() {
  PyDateTime_IMPORT;
  if (!PyDateTimeAPI) throw py::error_already_set();
}

[[noreturn]] void ThrowStatus(voxdesk_status status, const std::string& message) {
  const std::string text = message.empty() ? voxdesk_status_str(status) : message;
  Raise(Errors().attr("_from_status")(static_cast<int>(status), Utf8(text)));
}

[[noreturn]] void ThrowClosed(const char* what) {
  Raise(Errors().attr("ClosedError")(std::string(what) + " is closed"));
}

std::string StrArg(py::handle v, const char* name) {
  if (!PyUnicode_Check(v.ptr()))
    throw py::type_error(std::string(name) + " must be a str, not " + TypeName(v));
  Py_ssize_t n = 0;
  const char* s = PyUnicode_AsUTF8AndSize(v.ptr(), &n);
  if (!s) throw py::error_already_set();
  if (std::memchr(s, '\0', static_cast<size_t>(n)))
    ThrowStatus(VOXDESK_E_INVALID, std::string(name) + " must not contain NUL characters");
  return std::string(s, static_cast<size_t>(n));
}

std::optional<std::string> OptStrArg(py::handle v, const char* name) {
  if (v.is_none()) return std::nullopt;
  if (!PyUnicode_Check(v.ptr()))
    throw py::type_error(std::string(name) + " must be a str or None, not " + TypeName(v));
  return StrArg(v, name);
}

std::string TimeArg(py::handle v, const char* name) {
  if (PyUnicode_Check(v.ptr())) return StrArg(v, name);
  if (!PyDateTime_Check(v.ptr()))
    throw py::type_error(std::string(name) +
                         " must be a timezone-aware datetime.datetime or an RFC 3339 str, not " +
                         TypeName(v));
  PyObject* p = v.ptr();
#if PY_VERSION_HEX >= 0x030A0000
  PyObject* tz = PyDateTime_DATE_GET_TZINFO(p);  // borrowed
  py::object tz_ref = py::reinterpret_borrow<py::object>(tz);
#else
  py::object tz_ref = py::reinterpret_borrow<py::object>(v).attr("tzinfo");
#endif
  py::object offset;
  if (!tz_ref.is_none()) offset = tz_ref.attr("utcoffset")(v);
  if (tz_ref.is_none() || offset.is_none())
    ThrowStatus(VOXDESK_E_INVALID,
                std::string(name) +
                    " must be timezone-aware (a naive datetime has no offset; attach a "
                    "tzinfo, e.g. zoneinfo.ZoneInfo or datetime.timezone.utc)");
  PyObject* o = offset.ptr();
  const long off = PyDateTime_DELTA_GET_DAYS(o) * 86400L + PyDateTime_DELTA_GET_SECONDS(o);
  if (off % 60 != 0 || PyDateTime_DELTA_GET_MICROSECONDS(o) != 0) return FormatUtc(v);
  const long mins = off < 0 ? -off / 60 : off / 60;
  char buf[48];
  const int us = PyDateTime_DATE_GET_MICROSECOND(p);
  int len =
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", PyDateTime_GET_YEAR(p),
                    PyDateTime_GET_MONTH(p), PyDateTime_GET_DAY(p), PyDateTime_DATE_GET_HOUR(p),
                    PyDateTime_DATE_GET_MINUTE(p), PyDateTime_DATE_GET_SECOND(p));
  if (us) len += std::snprintf(buf + len, sizeof buf - len, ".%06d", us);
  std::snprintf(buf + len, sizeof buf - len, "%c%02ld:%02ld", off < 0 ? '-' : '+', mins / 60,
                mins % 60);
  return buf;
}

std::optional<std::string> OptTimeArg(py::handle v, const char* name) {
  if (v.is_none()) return std::nullopt;
  return TimeArg(v, name);
}

py::object DateTimeFromUnix(int64_t unix_seconds, py::handle tz) {
  PyObject* args = PyTuple_New(2);
  if (!args) throw py::error_already_set();
  PyTuple_SET_ITEM(args, 0, PyLong_FromLongLong(unix_seconds));
  Py_INCREF(tz.ptr());
  PyTuple_SET_ITEM(args, 1, tz.ptr());
  PyObject* dt = PyDateTime_FromTimestamp(args);
  Py_DECREF(args);
  if (!dt) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(dt);
}

py::object MakeSlot(const voxdesk_slot& s, py::handle tz) {
  const Types& t = GetTypes();
  py::object obj = NewFrozen(t.slot);
  SetField(obj, t.start, DateTimeFromUnix(s.start_unix, tz));
  SetField(obj, t.end, DateTimeFromUnix(s.end_unix, tz));
  SetField(obj, t.staff, py::str(s.staff ? s.staff : ""));
  return obj;
}

py::object MakeBooking(const voxdesk_booking* bk, py::handle tz) {
  voxdesk_booking_info i = voxdesk_booking_info_of(bk);
  auto text = [](const char* s) -> py::object { return py::str(s ? s : ""); };
  const bool has_email = i.customer_email && *i.customer_email;
  py::object values[12] = {text(i.id),
                           text(i.service),
                           text(i.staff),
                           DateTimeFromUnix(i.start_unix, tz),
                           DateTimeFromUnix(i.end_unix, tz),
                           text(i.status),
                           text(i.confirmation_code),
                           text(i.customer_name),
                           text(i.customer_phone),
                           has_email ? text(i.customer_email) : py::none(),
                           py::int_(i.sequence),
                           py::bool_(i.replayed != 0)};
  const Types& t = GetTypes();
  py::object obj = NewFrozen(t.booking);
  for (int k = 0; k < 12; ++k) SetField(obj, t.booking_names[k], values[k]);
  return obj;
}

py::str TakeString(char* s) {
  std::unique_ptr<char, void (*)(void*)> owned(s, voxdesk_free);
  return Utf8(s ? std::string(s) : std::string());
}

}  // namespace vxpy
