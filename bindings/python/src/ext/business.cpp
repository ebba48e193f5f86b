// voxdesk_business: opening, slots, bookings and holds.
#include <chrono>
#include <climits>

#include "handles.h"

namespace vxpy {
namespace {

using SlotListPtr = std::unique_ptr<voxdesk_slot_list, decltype(&voxdesk_slot_list_free)>;
using BookingPtr = std::unique_ptr<voxdesk_booking, decltype(&voxdesk_booking_free)>;

uint32_t LimitArg(py::handle v) {
  if (!PyLong_Check(v.ptr()) || PyBool_Check(v.ptr()))
    throw py::type_error(std::string("limit must be an int, not ") + Py_TYPE(v.ptr())->tp_name);
  const long long n = PyLong_AsLongLong(v.ptr());  // -1 on overflow, rejected below
  if (PyErr_Occurred()) PyErr_Clear();
  if (n < 0 || n > UINT32_MAX)
    ThrowStatus(VOXDESK_E_INVALID, "limit must be between 0 (no limit) and 4294967295");
  return static_cast<uint32_t>(n);
}

py::list SlotsToList(voxdesk_slot_list* list, py::handle tz) {
  const size_t n = voxdesk_slot_list_count(list);
  py::list out(n);
  for (size_t i = 0; i < n; ++i) {
    voxdesk_slot s;
    if (voxdesk_slot_list_get(list, i, &s) != VOXDESK_OK) ThrowStatus(VOXDESK_E_INTERNAL, "slot");
    PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i), MakeSlot(s, tz).release().ptr());
  }
  return out;
}

std::unique_ptr<Business> Open(py::handle config_json, py::handle config_path, py::handle db_path,
                               py::handle now, py::handle seed) {
  auto json = OptStrArg(config_json, "config_json");
  auto path = OptStrArg(config_path, "config_path");
  auto db = OptStrArg(db_path, "db_path");
  auto at = OptTimeArg(now, "now");
  if (!PyLong_Check(seed.ptr()) || PyBool_Check(seed.ptr()))
    throw py::type_error("seed must be an int");
  const unsigned long long sd = PyLong_AsUnsignedLongLong(seed.ptr());
  if (PyErr_Occurred()) {
    PyErr_Clear();
    ThrowStatus(VOXDESK_E_INVALID, "seed must be between 0 and 2**64-1");
  }
  if (!json == !path)
    ThrowStatus(VOXDESK_E_INVALID, "give exactly one of config_json and config_path");

  voxdesk_business_params p = voxdesk_business_default_params();
  p.config_json = CStr(json);
  p.config_path = CStr(path);
  p.db_path = CStr(db);
  p.now = CStr(at);
  p.seed = sd;
  auto core = std::make_shared<BizCore>();
  Check([&] { return voxdesk_business_open(&p, &core->b); });

  std::vector<std::string> warnings;
  for (size_t i = 0, n = voxdesk_business_warning_count(core->b); i < n; ++i)
    warnings.emplace_back(voxdesk_business_warning(core->b, i));
  std::string id = voxdesk_business_id(core->b);
  std::string zone = voxdesk_business_timezone(core->b);
  py::object tz = py::module_::import("zoneinfo").attr("ZoneInfo")(zone);
  return std::make_unique<Business>(std::move(core), std::move(tz), std::move(id), std::move(zone),
                                    std::move(warnings));
}

py::list Slots(Business& biz, py::handle service, py::handle start, py::handle end,
               py::handle staff, py::handle limit) {
  auto core = biz.h.Get("business");
  voxdesk_slot_query q = voxdesk_slot_query_default();
  const std::string svc = StrArg(service, "service");
  const auto who = OptStrArg(staff, "staff");
  const std::string from = TimeArg(start, "start"), to = TimeArg(end, "end");
  q.service = svc.c_str();
  q.staff = CStr(who);
  q.from = from.c_str();
  q.to = to.c_str();
  q.limit = LimitArg(limit);
  voxdesk_slot_list* list = nullptr;
  Check([&] { return voxdesk_slots_query(core->b, &q, &list); });
  SlotListPtr owned(list, voxdesk_slot_list_free);
  return SlotsToList(list, biz.tz);
}

py::object NextAvailable(Business& biz, py::handle service, py::handle staff, py::handle after) {
  auto core = biz.h.Get("business");
  const std::string svc = StrArg(service, "service");
  const auto who = OptStrArg(staff, "staff");
  const auto from = OptTimeArg(after, "after");
  voxdesk_slot_list* list = nullptr;
  Check([&] { return voxdesk_next_available(core->b, svc.c_str(), CStr(who), CStr(from), &list); });
  SlotListPtr owned(list, voxdesk_slot_list_free);
  py::list slots = SlotsToList(list, biz.tz);
  return slots.empty() ? py::object(py::none()) : py::object(slots[0]);
}

py::object Book(Business& biz, py::handle service, py::handle start, py::handle name,
                py::handle phone, py::handle staff, py::handle email, py::handle key,
                py::handle hold) {
  auto core = biz.h.Get("business");
  const std::string svc = StrArg(service, "service"), at = TimeArg(start, "start");
  const std::string nm = StrArg(name, "customer_name"), ph = StrArg(phone, "customer_phone");
  const auto who = OptStrArg(staff, "staff"), em = OptStrArg(email, "customer_email");
  const auto k = OptStrArg(key, "idempotency_key"), hd = OptStrArg(hold, "hold_id");
  voxdesk_book_request r = voxdesk_book_request_default();
  r.service = svc.c_str();
  r.start = at.c_str();
  r.customer_name = nm.c_str();
  r.customer_phone = ph.c_str();
  r.staff = CStr(who);
  r.customer_email = CStr(em);
  r.idempotency_key = CStr(k);
  r.hold_id = CStr(hd);
  voxdesk_booking* bk = nullptr;
  Check([&] { return voxdesk_book(core->b, &r, &bk); });
  BookingPtr owned(bk, voxdesk_booking_free);
  return MakeBooking(bk, biz.tz);
}

py::object Cancel(Business& biz, py::handle booking_id) {
  auto core = biz.h.Get("business");
  const std::string id = StrArg(booking_id, "booking_id");
  voxdesk_booking* bk = nullptr;
  Check([&] { return voxdesk_cancel(core->b, id.c_str(), &bk); });
  BookingPtr owned(bk, voxdesk_booking_free);
  return MakeBooking(bk, biz.tz);
}

py::object Reschedule(Business& biz, py::handle booking_id, py::handle start, py::handle staff,
                      py::handle key) {
  auto core = biz.h.Get("business");
  const std::string id = StrArg(booking_id, "booking_id"), at = TimeArg(start, "start");
  const auto who = OptStrArg(staff, "staff"), k = OptStrArg(key, "idempotency_key");
  voxdesk_reschedule_request r = voxdesk_reschedule_request_default();
  r.booking_id = id.c_str();
  r.start = at.c_str();
  r.staff = CStr(who);
  r.idempotency_key = CStr(k);
  voxdesk_booking* bk = nullptr;
  Check([&] { return voxdesk_reschedule(core->b, &r, &bk); });
  BookingPtr owned(bk, voxdesk_booking_free);
  return MakeBooking(bk, biz.tz);
}

BookingPtr GetBooking(BizCore& core, const std::string& id) {
  voxdesk_booking* bk = nullptr;
  Check([&] { return voxdesk_booking_get(core.b, id.c_str(), &bk); });
  return BookingPtr(bk, voxdesk_booking_free);
}

py::object BookingById(Business& biz, py::handle booking_id) {
  auto core = biz.h.Get("business");
  auto bk = GetBooking(*core, StrArg(booking_id, "booking_id"));
  return MakeBooking(bk.get(), biz.tz);
}

// Several related calls that must each report their own error.
py::str Ics(Business& biz, py::handle booking_id) {
  auto core = biz.h.Get("business");
  auto bk = GetBooking(*core, StrArg(booking_id, "booking_id"));
  char* ics = nullptr;
  Check([&] {
    ics = voxdesk_booking_ics(core->b, bk.get());
    return ics ? VOXDESK_OK : VOXDESK_E_INTERNAL;
  });
  return TakeString(ics);
}

py::str Hold(Business& biz, py::handle service, py::handle start, py::handle staff,
             py::handle ttl) {
  auto core = biz.h.Get("business");
  const std::string svc = StrArg(service, "service"), at = TimeArg(start, "start");
  const auto who = OptStrArg(staff, "staff");
  if (!PyLong_Check(ttl.ptr()) || PyBool_Check(ttl.ptr()))
    throw py::type_error("ttl_seconds must be an int");
  const long long secs = PyLong_AsLongLong(ttl.ptr());
  if (PyErr_Occurred()) PyErr_Clear();
  if (secs <= 0 || secs > INT32_MAX)
    ThrowStatus(VOXDESK_E_INVALID, "ttl_seconds must be a positive number of seconds");
  char* id = nullptr;
  Check([&] {
    return voxdesk_hold_place(core->b, svc.c_str(), CStr(who), at.c_str(),
                              static_cast<int32_t>(secs), &id);
  });
  return TakeString(id);
}

void ReleaseHold(Business& biz, py::handle hold_id) {
  auto core = biz.h.Get("business");
  const std::string id = StrArg(hold_id, "hold_id");
  Check([&] { return voxdesk_hold_release(core->b, id.c_str()); });
}

void SetNow(Business& biz, py::handle now) {
  auto core = biz.h.Get("business");
  const std::string at = TimeArg(now, "now");
  Check([&] { return voxdesk_business_set_now(core->b, at.c_str()); });
}

py::str Describe(Business& biz) {
  auto core = biz.h.Get("business");
  char* json = nullptr;
  Check([&] {
    json = voxdesk_business_describe_json(core->b);
    return json ? VOXDESK_OK : VOXDESK_E_INTERNAL;
  });
  return TakeString(json);
}

py::str Simulate(Business& biz, py::handle script) {
  auto core = biz.h.Get("business");
  const std::string jsonl = StrArg(script, "script");
  char* out = nullptr;
  Check([&] { return voxdesk_simulate(core->b, jsonl.c_str(), &out); });
  return TakeString(out);
}

// The C side of the overhead benchmark: the same query as slots(), with the
// list read the way the binding reads it, timed with no Python in the loop.
double CSlotsLoop(Business& biz, const std::string& service, const std::string& from,
                  const std::string& to, uint32_t limit, int64_t n) {
  auto core = biz.h.Get("business");
  voxdesk_slot_query q = voxdesk_slot_query_default();
  q.service = service.c_str();
  q.from = from.c_str();
  q.to = to.c_str();
  q.limit = limit;
  py::gil_scoped_release nogil;
  volatile int64_t sink = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (int64_t i = 0; i < n; ++i) {
    voxdesk_slot_list* list = nullptr;
    if (voxdesk_slots_query(core->b, &q, &list) != VOXDESK_OK) return -1;
    for (size_t k = 0, c = voxdesk_slot_list_count(list); k < c; ++k) {
      voxdesk_slot s;
      voxdesk_slot_list_get(list, k, &s);
      sink = sink + s.start_unix + s.end_unix + s.staff[0];
    }
    voxdesk_slot_list_free(list);
  }
  const auto t1 = std::chrono::steady_clock::now();
  return std::chrono::duration<double>(t1 - t0).count();
}

}  // namespace

void BindBusiness(py::module_& m) {
  const auto none = py::none();
  py::class_<Business>(m, "Business")
      .def_static("open", &Open, py::arg("config_json"), py::arg("config_path"), py::arg("db_path"),
                  py::arg("now"), py::arg("seed"))
      .def_readonly("id", &Business::id)
      .def_readonly("timezone", &Business::timezone)
      .def_readonly("tzinfo", &Business::tz)
      .def_readonly("warnings", &Business::warnings)
      .def_property_readonly("closed", [](const Business& b) { return b.h.closed(); })
      .def("close", [](Business& b) { b.h.Close(); })
      .def("slots", &Slots)
      .def("next_available", &NextAvailable)
      .def("book", &Book)
      .def("cancel", &Cancel)
      .def("reschedule", &Reschedule)
      .def("booking", &BookingById)
      .def("ics", &Ics)
      .def("hold", &Hold)
      .def("release_hold", &ReleaseHold)
      .def("set_now", &SetNow)
      .def("describe", &Describe)
      .def("simulate", &Simulate);
  m.def("_c_slots_loop", &CSlotsLoop);
}

}  // namespace vxpy
