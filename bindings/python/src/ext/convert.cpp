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

struct Names {
  PyObject* utcoffset = PyUnicode_InternFromString("utcoffset");
};
const Names& Name() {
  static const Names* n = new Names;  // first use holds the GIL; leaked like Types
  return *n;
}

// Borrowed.
PyObject* TzInfo(PyObject* dt) {
#if PY_VERSION_HEX >= 0x030A0000
  return PyDateTime_DATE_GET_TZINFO(dt);
#else
  PyObject* tz = PyObject_GetAttrString(dt, "tzinfo");
  if (!tz) throw py::error_already_set();
  Py_DECREF(tz);  // the datetime keeps it alive
  return tz;
#endif
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

// "YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM)": the form the library writes.
bool ParseRfc3339(const char* s, int f[6], int* offset_min) {
  if (!s) return false;
  auto num = [&s](int digits, int* out) {
    int v = 0;
    for (int i = 0; i < digits; ++i, ++s) {
      if (*s < '0' || *s > '9') return false;
      v = v * 10 + (*s - '0');
    }
    *out = v;
    return true;
  };
  auto lit = [&s](char c) { return *s++ == c; };
  if (!(num(4, &f[0]) && lit('-') && num(2, &f[1]) && lit('-') && num(2, &f[2]) && lit('T') &&
        num(2, &f[3]) && lit(':') && num(2, &f[4]) && lit(':') && num(2, &f[5])))
    return false;
  if (*s == '.') {
    ++s;
    while (*s >= '0' && *s <= '9') ++s;  // the _unix fields are whole seconds too
  }
  if (*s == 'Z') {
    *offset_min = 0;
    return s[1] == '\0';
  }
  const char sign = *s++;
  int h = 0, m = 0;
  if ((sign != '+' && sign != '-') || !(num(2, &h) && lit(':') && num(2, &m)) || *s) return false;
  *offset_min = (sign == '-' ? -1 : 1) * (h * 60 + m);
  return true;
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
  py::object offset;
  if (PyObject* tz = TzInfo(p); tz != Py_None) {
    offset = py::reinterpret_steal<py::object>(PyObject_CallMethodOneArg(tz, Name().utcoffset, p));
    if (!offset) throw py::error_already_set();
  }
  if (!offset || offset.is_none())
    ThrowStatus(VOXDESK_E_INVALID,
                std::string(name) +
                    " must be timezone-aware (a naive datetime has no offset; attach a tzinfo, "
                    "e.g. zoneinfo.ZoneInfo or datetime.timezone.utc)");
  if (!PyDelta_Check(offset.ptr())) throw py::type_error("utcoffset() must return a timedelta");
  PyObject* o = offset.ptr();
  const long off = PyDateTime_DELTA_GET_DAYS(o) * 86400L + PyDateTime_DELTA_GET_SECONDS(o);
  if (off % 60 != 0 || PyDateTime_DELTA_GET_MICROSECONDS(o) != 0) return FormatUtc(v);
  // "YYYY-MM-DDTHH:MM:SS[.ffffff]+HH:MM", written by hand: this runs on every
  // slots() call and snprintf would be its largest cost.
  char buf[40];
  char* w = buf;
  auto put = [&w](long value, int digits) {
    for (int i = digits - 1; i >= 0; --i, value /= 10) w[i] = static_cast<char>('0' + value % 10);
    w += digits;
  };
  put(PyDateTime_GET_YEAR(p), 4), *w++ = '-', put(PyDateTime_GET_MONTH(p), 2), *w++ = '-';
  put(PyDateTime_GET_DAY(p), 2), *w++ = 'T', put(PyDateTime_DATE_GET_HOUR(p), 2), *w++ = ':';
  put(PyDateTime_DATE_GET_MINUTE(p), 2), *w++ = ':', put(PyDateTime_DATE_GET_SECOND(p), 2);
  if (const int us = PyDateTime_DATE_GET_MICROSECOND(p)) *w++ = '.', put(us, 6);
  const long mins = (off < 0 ? -off : off) / 60;
  *w++ = off < 0 ? '-' : '+', put(mins / 60, 2), *w++ = ':', put(mins % 60, 2);
  return std::string(buf, w);
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

// The library's own local time string gives the fields directly, which is
// several times cheaper than datetime.fromtimestamp(unix, tz).
static py::object LocalDateTime(const char* rfc, int64_t unix_seconds, py::handle tz) {
  int f[6];
  int off_min = 0;
  if (!ParseRfc3339(rfc, f, &off_min)) return DateTimeFromUnix(unix_seconds, tz);
  for (int fold = 0; fold < 2; ++fold) {
    PyObject* dt = PyDateTimeAPI->DateTime_FromDateAndTimeAndFold(
        f[0], f[1], f[2], f[3], f[4], f[5], 0, tz.ptr(), fold, PyDateTimeAPI->DateTimeType);
    if (!dt) throw py::error_already_set();
    auto obj = py::reinterpret_steal<py::object>(dt);
    // In the hour that repeats when clocks go back, fold picks which of the
    // two instants is meant: keep the one whose offset the library printed.
    PyObject* o = PyObject_CallMethodOneArg(tz.ptr(), Name().utcoffset, dt);
    if (!o) throw py::error_already_set();
    auto offset = py::reinterpret_steal<py::object>(o);
    if (PyDelta_Check(o) &&
        PyDateTime_DELTA_GET_DAYS(o) * 86400L + PyDateTime_DELTA_GET_SECONDS(o) == off_min * 60L)
      return obj;
  }
  return DateTimeFromUnix(unix_seconds, tz);
}

py::object MakeSlot(const voxdesk_slot& s, py::handle tz) {
  const Types& t = GetTypes();
  py::object obj = NewFrozen(t.slot);
  SetField(obj, t.start, LocalDateTime(s.start, s.start_unix, tz));
  SetField(obj, t.end, LocalDateTime(s.end, s.end_unix, tz));
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
                           LocalDateTime(i.start, i.start_unix, tz),
                           LocalDateTime(i.end, i.end_unix, tz),
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
