#include "helpers.h"

#include <string.h>

#include "_cgo_export.h"

voxdesk_status vxgo_slots(voxdesk_business* b, const char* service, const char* staff,
                          const char* from, const char* to, uint32_t limit, vxgo_slot* first,
                          size_t cap, char* names, size_t names_cap, size_t* count,
                          voxdesk_slot_list** out) {
  voxdesk_slot_query q = voxdesk_slot_query_default();
  voxdesk_slot s;
  voxdesk_status st;
  size_t used = 0;
  q.service = service;
  q.staff = staff;
  q.from = from;
  q.to = to;
  q.limit = limit;
  *count = 0;
  st = voxdesk_slots_query(b, &q, out);
  if (st != VOXDESK_OK) return st;
  *count = voxdesk_slot_list_count(*out);
  if (*count > cap) return VOXDESK_OK;
  for (size_t i = 0; i < *count; ++i) {
    size_t len;
    voxdesk_slot_list_get(*out, i, &s);
    len = strlen(s.staff);
    if (used + len > names_cap) return VOXDESK_OK; /* too long: Go reads the list */
    memcpy(names + used, s.staff, len);
    first[i].start_unix = s.start_unix;
    first[i].end_unix = s.end_unix;
    first[i].staff_off = (uint32_t)used;
    first[i].staff_len = (uint32_t)len;
    used += len;
  }
  voxdesk_slot_list_free(*out);
  *out = NULL;
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
