// voxdesk_book / cancel / reschedule / booking_get / holds and the booking
// object they return.
#include "capi/capi_internal.h"
#include "schedule/ical.h"

using namespace voxdesk;
using namespace voxdesk::capi;

namespace {

voxdesk_booking* MakeBooking(const Business& biz, BookingRecord r, bool replayed) {
  auto bk = std::make_unique<voxdesk_booking>();
  bk->start = FormatRfc3339(r.start, *biz.zone);
  bk->end = FormatRfc3339(r.end, *biz.zone);
  bk->json = BookingJson(biz, r);
  bk->record = std::move(r);
  bk->replayed = replayed;
  return bk.release();
}

voxdesk_status Deliver(voxdesk_business* b, Result<BookingRecord> r, voxdesk_booking** out) {
  if (!r) return Report(r.status());
  if (out) *out = MakeBooking(b->config.business, std::move(*r), false);
  return VOXDESK_OK;
}

}  // namespace

extern "C" {

VOXDESK_API void voxdesk_book_request_init(voxdesk_book_request* r, size_t struct_size) {
  InitParams(r, struct_size);
}

VOXDESK_API void voxdesk_reschedule_request_init(voxdesk_reschedule_request* r,
                                                 size_t struct_size) {
  InitParams(r, struct_size);
}

VOXDESK_API voxdesk_status voxdesk_book(voxdesk_business* b, const voxdesk_book_request* request,
                                        voxdesk_booking** out){VOXDESK_CAPI_GUARD({
  if (!out) return Report(InvalidArgument("out: must not be NULL"));
  *out = nullptr;
  if (!b) return Report(InvalidArgument("business: must not be NULL"));
  voxdesk_book_request r;
  if (!ReadParams(request, &r))
    return Report(InvalidArgument("request: NULL or struct_size not set"));
  if (!r.service) return Report(InvalidArgument("request.service: required"));
  if (!r.start) return Report(InvalidArgument("request.start: required"));
  auto start = ParseRfc3339(r.start, "request.start");
  if (!start) return Report(start.status());
  BookingInput in;
  in.service = r.service;
  in.staff = Str(r.staff);
  in.start = *start;
  in.customer = Customer{Str(r.customer_name), Str(r.customer_phone), Str(r.customer_email)};
  in.idempotency_key = Str(r.idempotency_key);
  in.hold_id = Str(r.hold_id);
  if (Status st = ValidateCustomer(in.customer); !st.ok())
    return Report(Status(st.code(), "request.customer_" + st.message()));
  std::lock_guard lock(b->mu);
  auto res = b->scheduler->Book(in);
  if (!res) return Report(res.status());
  *out = MakeBooking(b->config.business, std::move(res->booking), res->replayed);
  return VOXDESK_OK;
})}

VOXDESK_API voxdesk_status voxdesk_cancel(voxdesk_business* b, const char* booking_id,
                                          voxdesk_booking** out){VOXDESK_CAPI_GUARD({
  if (out) *out = nullptr;
  if (!b || !booking_id)
    return Report(InvalidArgument("business and booking_id: must not be NULL"));
  std::lock_guard lock(b->mu);
  return Deliver(b, b->scheduler->Cancel(booking_id), out);
})}

VOXDESK_API voxdesk_status
    voxdesk_reschedule(voxdesk_business* b, const voxdesk_reschedule_request* request,
                       voxdesk_booking** out){VOXDESK_CAPI_GUARD({
      if (out) *out = nullptr;
      if (!b) return Report(InvalidArgument("business: must not be NULL"));
      voxdesk_reschedule_request r;
      if (!ReadParams(request, &r))
        return Report(InvalidArgument("request: NULL or struct_size not set"));
      if (!r.booking_id) return Report(InvalidArgument("request.booking_id: required"));
      if (!r.start) return Report(InvalidArgument("request.start: required"));
      auto start = ParseRfc3339(r.start, "request.start");
      if (!start) return Report(start.status());
      std::lock_guard lock(b->mu);
      return Deliver(
          b, b->scheduler->Reschedule({r.booking_id, *start, Str(r.staff), Str(r.idempotency_key)}),
          out);
    })}

VOXDESK_API voxdesk_status voxdesk_booking_get(voxdesk_business* b, const char* booking_id,
                                               voxdesk_booking** out){VOXDESK_CAPI_GUARD({
  if (!out) return Report(InvalidArgument("out: must not be NULL"));
  *out = nullptr;
  if (!b || !booking_id)
    return Report(InvalidArgument("business and booking_id: must not be NULL"));
  std::lock_guard lock(b->mu);
  return Deliver(b, b->scheduler->Get(booking_id), out);
})}

VOXDESK_API voxdesk_status voxdesk_booking_get_info(const voxdesk_booking* bk,
                                                    voxdesk_booking_info* out){VOXDESK_CAPI_GUARD({
  if (!bk || !out) return Report(InvalidArgument("booking and out: must not be NULL"));
  if (out->struct_size < sizeof(uint32_t))
    return Report(InvalidArgument("out->struct_size: not set"));
  const auto& r = bk->record;
  voxdesk_booking_info i{};
  i.struct_size = static_cast<uint32_t>(out->struct_size < sizeof i ? out->struct_size : sizeof i);
  i.id = r.id.c_str();
  i.service = r.service.c_str();
  i.staff = r.staff.c_str();
  i.start = bk->start.c_str();
  i.end = bk->end.c_str();
  i.status = BookingStatusName(r.status);
  i.confirmation_code = r.confirmation_code.c_str();
  i.customer_name = r.customer.name.c_str();
  i.customer_phone = r.customer.phone.c_str();
  i.customer_email = r.customer.email.c_str();
  i.start_unix = r.start.time_since_epoch().count();
  i.end_unix = r.end.time_since_epoch().count();
  i.sequence = r.sequence;
  i.replayed = bk->replayed ? 1 : 0;
  std::memcpy(static_cast<void*>(out), &i, i.struct_size);
  return VOXDESK_OK;
})}

VOXDESK_API const char* voxdesk_booking_json(const voxdesk_booking* bk) {
  return bk ? bk->json.c_str() : nullptr;
}

VOXDESK_API char* voxdesk_booking_ics(voxdesk_business* b, const voxdesk_booking* bk) {
  try {
    ClearLastError();
    if (!b || !bk) {
      SetLastError("business and booking: must not be NULL");
      return nullptr;
    }
    std::lock_guard lock(b->mu);
    const auto method =
        bk->record.status == BookingStatus::kCancelled ? IcsMethod::kCancel : IcsMethod::kRequest;
    return DupString(BookingToIcs(b->config.business, bk->record, b->scheduler->Now(), method));
  } catch (const std::exception& e) {
    SetLastError(std::string("internal error: ") + e.what());
    return nullptr;
  }
}

VOXDESK_API void voxdesk_booking_free(voxdesk_booking* bk) {
  delete bk;
}

VOXDESK_API voxdesk_status voxdesk_hold_place(voxdesk_business* b, const char* service,
                                              const char* staff, const char* start,
                                              int32_t ttl_seconds,
                                              char** hold_id){VOXDESK_CAPI_GUARD({
  if (!hold_id) return Report(InvalidArgument("hold_id: must not be NULL"));
  *hold_id = nullptr;
  if (!b || !service || !start)
    return Report(InvalidArgument("business, service and start: required"));
  if (ttl_seconds <= 0 || ttl_seconds > 86400)
    return Report(InvalidArgument("ttl_seconds: must be between 1 and 86400"));
  auto t = ParseRfc3339(start, "start");
  if (!t) return Report(t.status());
  std::lock_guard lock(b->mu);
  auto h = b->scheduler->Hold({service, Str(staff), *t, std::chrono::seconds{ttl_seconds}});
  if (!h) return Report(h.status());
  *hold_id = DupString(h->id);
  return *hold_id ? VOXDESK_OK : VOXDESK_E_NOMEM;
})}

VOXDESK_API voxdesk_status voxdesk_hold_release(voxdesk_business* b, const char* hold_id) {
  VOXDESK_CAPI_GUARD({
    if (!b || !hold_id) return Report(InvalidArgument("business and hold_id: must not be NULL"));
    std::lock_guard lock(b->mu);
    return Report(b->scheduler->ReleaseHold(hold_id));
  })
}

}  // extern "C"
