// voxdesk_slots_query / voxdesk_next_available and the slot list they return.
#include "capi/capi_internal.h"

using namespace voxdesk;
using namespace voxdesk::capi;

namespace {

voxdesk_slot_list* MakeList(const Business& biz, const std::vector<Slot>& slots) {
  auto list = std::make_unique<voxdesk_slot_list>();
  list->items.reserve(slots.size());
  for (const auto& s : slots)
    list->items.push_back({FormatRfc3339(s.start, *biz.zone), FormatRfc3339(s.end, *biz.zone),
                           biz.staff[s.staff_index].id, s.start.time_since_epoch().count(),
                           s.end.time_since_epoch().count()});
  return list.release();
}

}  // namespace

extern "C" {

VOXDESK_API void voxdesk_slot_query_init(voxdesk_slot_query* q, size_t struct_size) {
  InitParams(q, struct_size);
}

VOXDESK_API voxdesk_status voxdesk_slots_query(voxdesk_business* b, const voxdesk_slot_query* query,
                                               voxdesk_slot_list** out){VOXDESK_CAPI_GUARD({
  if (!out) return Report(InvalidArgument("out: must not be NULL"));
  *out = nullptr;
  if (!b) return Report(InvalidArgument("business: must not be NULL"));
  voxdesk_slot_query q;
  if (!ReadParams(query, &q)) return Report(InvalidArgument("query: NULL or struct_size not set"));
  if (!q.service) return Report(InvalidArgument("query.service: required"));
  if (!q.from || !q.to) return Report(InvalidArgument("query.from and query.to: required"));
  auto from = ParseRfc3339(q.from, "query.from");
  if (!from) return Report(from.status());
  auto to = ParseRfc3339(q.to, "query.to");
  if (!to) return Report(to.status());
  if (*from > *to) return Report(InvalidArgument("query.from: is after query.to"));
  std::lock_guard lock(b->mu);
  auto slots = b->scheduler->Slots(SlotQuery{q.service, Str(q.staff), *from, *to, q.limit});
  if (!slots) return Report(slots.status());
  *out = MakeList(b->config.business, *slots);
  return VOXDESK_OK;
})}

VOXDESK_API voxdesk_status
    voxdesk_next_available(voxdesk_business* b, const char* service, const char* staff,
                           const char* after, voxdesk_slot_list** out){VOXDESK_CAPI_GUARD({
      if (!out) return Report(InvalidArgument("out: must not be NULL"));
      *out = nullptr;
      if (!b || !service) return Report(InvalidArgument("business and service: must not be NULL"));
      std::lock_guard lock(b->mu);
      Instant t = b->scheduler->Now();
      if (after) {
        auto a = ParseRfc3339(after, "after");
        if (!a) return Report(a.status());
        t = *a;
      }
      auto next = b->scheduler->NextAvailable(service, Str(staff), t);
      if (!next) return Report(next.status());
      std::vector<Slot> slots;
      if (*next) slots.push_back(**next);
      *out = MakeList(b->config.business, slots);
      return VOXDESK_OK;
    })}

VOXDESK_API size_t voxdesk_slot_list_count(const voxdesk_slot_list* list) {
  return list ? list->items.size() : 0;
}

VOXDESK_API voxdesk_status voxdesk_slot_list_get(const voxdesk_slot_list* list, size_t index,
                                                 voxdesk_slot* out){VOXDESK_CAPI_GUARD({
  if (!list || !out) return Report(InvalidArgument("list and out: must not be NULL"));
  if (index >= list->items.size())
    return Report(InvalidArgument("index " + std::to_string(index) + " is out of range (count " +
                                  std::to_string(list->items.size()) + ")"));
  const auto& it = list->items[index];
  *out =
      voxdesk_slot{it.start.c_str(), it.end.c_str(), it.staff.c_str(), it.start_unix, it.end_unix};
  return VOXDESK_OK;
})}

VOXDESK_API void voxdesk_slot_list_free(voxdesk_slot_list* list) {
  delete list;
}

}  // extern "C"
