/* C helpers compiled into the package: they fold several C ABI calls into one
 * cgo crossing on hot paths. */
#ifndef VOXDESK_GO_HELPERS_H
#define VOXDESK_GO_HELPERS_H

#include <stdint.h>
#include <voxdesk/voxdesk.h>

/* Queries slots and copies up to `cap` of them into `first` (strings stay
 * BORROWED from *out). *count is the total; *out must be freed. */
voxdesk_status vxgo_slots(voxdesk_business* b, const char* service, const char* staff,
                          const char* from, const char* to, uint32_t limit, voxdesk_slot* first,
                          size_t cap, size_t* count, voxdesk_slot_list** out);

/* Copies slots [from, from+n) of a list into out. */
void vxgo_slots_read(const voxdesk_slot_list* list, size_t from, size_t n, voxdesk_slot* out);

/* Registers the Go event sink `handle` (a cgo.Handle) on a call; 0 restores
 * polling. */
voxdesk_status vxgo_call_set_sink(voxdesk_call* c, uintptr_t handle);

#endif
