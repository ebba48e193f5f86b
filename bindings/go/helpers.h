/* C helpers compiled into the package: they fold several C ABI calls into one
 * cgo crossing on hot paths. */
#ifndef VOXDESK_GO_HELPERS_H
#define VOXDESK_GO_HELPERS_H

#include <stdint.h>
#include <voxdesk/voxdesk.h>

/* One slot with its staff id copied into a caller's buffer. */
typedef struct vxgo_slot {
  int64_t start_unix, end_unix;
  uint32_t staff_off, staff_len;
} vxgo_slot;

/* Queries slots. *count is the total. When it is at most `cap` and the
 * staff ids fit in `names`, the slots are copied into `first` and `names`
 * and the list is freed (*out = NULL): one crossing for a short answer.
 * Otherwise *out is the list, CALLER-OWNS: voxdesk_slot_list_free(). */
voxdesk_status vxgo_slots(voxdesk_business* b, const char* service, const char* staff,
                          const char* from, const char* to, uint32_t limit, vxgo_slot* first,
                          size_t cap, char* names, size_t names_cap, size_t* count,
                          voxdesk_slot_list** out);

/* Copies slots [from, from+n) of a list into out. */
void vxgo_slots_read(const voxdesk_slot_list* list, size_t from, size_t n, voxdesk_slot* out);

/* Registers the Go event sink `handle` (a cgo.Handle) on a call; 0 restores
 * polling. */
voxdesk_status vxgo_call_set_sink(voxdesk_call* c, uintptr_t handle);

#endif
