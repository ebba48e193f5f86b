// The C side of the slots() overhead benchmark: the same query as
// business.slotsSync(), timed as a raw C loop inside this process, so the
// figure to subtract carries no binding cost at all.
#include "bench.h"

#include <chrono>

#include "business.h"

namespace vxn {

// benchSlotsC(business, {service, staff, start, end, limit}, n) -> ns per call
Napi::Value BenchSlotsC(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsObject() ||
      !info[0].As<Napi::Object>().InstanceOf(Data(env).business_ctor.Value())) {
    throw Napi::TypeError::New(env, "business must be a NativeBusiness");
  }
  voxdesk_business* b = Business::Unwrap(info[0].As<Napi::Object>())->Handle(env);
  Napi::Object o = Options(info[1], "query");  // the object form: not timed
  auto service = OptString(o.Get("service"), "query.service");
  auto staff = OptString(o.Get("staff"), "query.staff");
  auto from = OptTime(o.Get("start"), "query.start");
  auto to = OptTime(o.Get("end"), "query.end");
  int64_t limit = OptInt(o.Get("limit"), "query.limit", 0, UINT32_MAX).value_or(0);
  int64_t n = OptInt(info[2], "n", 1, int64_t{1} << 40).value_or(1);

  voxdesk_slot_query q = voxdesk_slot_query_default();
  q.service = CStr(service);
  q.staff = CStr(staff);
  q.from = CStr(from);
  q.to = CStr(to);
  q.limit = static_cast<uint32_t>(limit);
  volatile int64_t sink = 0;  // keeps the reads from being optimised away
  auto t0 = std::chrono::steady_clock::now();
  for (int64_t i = 0; i < n; ++i) {
    voxdesk_slot_list* l = nullptr;
    Check(env, voxdesk_slots_query(b, &q, &l));
    size_t count = voxdesk_slot_list_count(l);
    for (size_t k = 0; k < count; ++k) {
      voxdesk_slot s;
      voxdesk_slot_list_get(l, k, &s);
      sink = sink + s.start_unix + s.start[0] + s.end[0] + s.staff[0];
    }
    voxdesk_slot_list_free(l);
  }
  auto t1 = std::chrono::steady_clock::now();
  double ns = std::chrono::duration<double, std::nano>(t1 - t0).count();
  return Napi::Number::New(env, ns / double(n));
}

}  // namespace vxn
