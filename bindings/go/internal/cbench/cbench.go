// Package cbench times the C calls behind Business.Slots with no Go in
// between: the baseline that the binding's overhead is measured against.
package cbench

/*
#cgo pkg-config: voxdesk
#include <stdlib.h>
#include <time.h>
#include <voxdesk/voxdesk.h>

// One timed loop, as a C host would write it: query, read every slot, free.
static int64_t slots_loop(void *b, const char *service, const char *from, const char *to,
                          uint32_t limit, int64_t n, int64_t *checksum, voxdesk_status *failed) {
  struct timespec t0, t1;
  int64_t sum = 0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (int64_t i = 0; i < n; ++i) {
    voxdesk_slot_query q = voxdesk_slot_query_default();
    voxdesk_slot_list *list = NULL;
    voxdesk_slot s;
    q.service = service;
    q.from = from;
    q.to = to;
    q.limit = limit;
    *failed = voxdesk_slots_query((voxdesk_business *)b, &q, &list);
    if (*failed != VOXDESK_OK) break;
    size_t count = voxdesk_slot_list_count(list);
    for (size_t j = 0; j < count; ++j) {
      voxdesk_slot_list_get(list, j, &s);
      sum += s.start_unix + (s.staff[0] != 0);
    }
    voxdesk_slot_list_free(list);
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  *checksum = sum;
  return (int64_t)(t1.tv_sec - t0.tv_sec) * 1000000000 + (t1.tv_nsec - t0.tv_nsec);
}
*/
import "C"

import (
	"fmt"
	"runtime"
	"time"
	"unsafe"
)

// SlotsLoop runs n slot queries on a voxdesk_business* and returns the total
// time they took, measured in C.
func SlotsLoop(business unsafe.Pointer, service, from, to string, limit, n int) (time.Duration, error) {
	if business == nil {
		return 0, fmt.Errorf("cbench: closed business")
	}
	runtime.LockOSThread() // the error text is per thread
	defer runtime.UnlockOSThread()
	cs, cf, ct := C.CString(service), C.CString(from), C.CString(to)
	defer C.free(unsafe.Pointer(cs))
	defer C.free(unsafe.Pointer(cf))
	defer C.free(unsafe.Pointer(ct))
	var sum C.int64_t
	var st C.voxdesk_status
	ns := C.slots_loop(business, cs, cf, ct, C.uint32_t(limit), C.int64_t(n), &sum, &st)
	if st != C.VOXDESK_OK {
		return 0, fmt.Errorf("cbench: slots query failed: %s", C.GoString(C.voxdesk_last_error()))
	}
	return time.Duration(ns), nil
}
