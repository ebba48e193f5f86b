#include "helpers.h"

#include "_cgo_export.h"

voxdesk_status vxgo_slots(voxdesk_business* b, const char* service, const char* staff,
                          const char* from, const char* to, uint32_t limit, voxdesk_slot* first,
                          size_t cap, size_t* count, voxdesk_slot_list** out) {
  voxdesk_slot_query q = voxdesk_slot_query_default();
  voxdesk_status st;
  q.service = service;
  q.staff = staff;
  q.from = from;
  q.to = to;
  q.limit = limit;
  *count = 0;
  st = voxdesk_slots_query(b, &q, out);
  if (st != VOXDESK_OK) return st;
  *count = voxdesk_slot_list_count(*out);
  vxgo_slots_read(*out, 0, *count < cap ? *count : cap, first);
  return VOXDESK_OK;
}

void vxgo_slots_read(const voxdesk_slot_list* list, size_t from, size_t n, voxdesk_slot* out) {
  for (size_t i = 0; i < n; ++i) voxdesk_slot_list_get(list, from + i, &out[i]);
}

static void on_event(void* user, const char* event_json) {
  vxgoEvent((uintptr_t)user, (char*)event_json);
}

voxdesk_status vxgo_call_set_sink(voxdesk_call* c, uintptr_t handle) {
  return voxdesk_call_set_event_callback(c, handle ? on_event : NULL, (void*)handle);
}
