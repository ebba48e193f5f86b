package voxdesk

/*
#include <stdlib.h>
#include "helpers.h"
*/
import "C"

import (
	"context"
	"math"
	"sync"
	"time"
	"unsafe"
)

// SlotQuery asks for free slots of one service in [Start, End).
type SlotQuery struct {
	Service string    // service id (required)
	Staff   string    // staff id; "" = any qualified staff member
	Start   time.Time // window start, inclusive, on slot start (required)
	End     time.Time // window end, exclusive (required)
	Limit   int       // at most this many slots; 0 = no limit
}

// Slot is one free time with one staff member, in the business's location.
type Slot struct {
	Start, End time.Time
	Staff      string
}

// Slots lists free slots sorted by start, then staff id.
func (b *Business) Slots(ctx context.Context, q SlotQuery) ([]Slot, error) {
	const op = "slots"
	if q.Limit < 0 || q.Limit > math.MaxUint32 {
		return nil, errorf(op, StatusInvalid, "query.limit: %d is out of range", q.Limit)
	}
	h, err := b.begin(ctx, op)
	if err != nil {
		return nil, err
	}
	defer b.core.mu.RUnlock()
	// The query's strings and the answer live in pooled Go memory for this
	// one call (the library copies what it keeps): no allocation, C or Go,
	// on the hot path beyond the result itself.
	sc := slotsPool.Get().(*slotsScratch)
	defer slotsPool.Put(sc)
	a := argBuf{b: sc.args[:0]}
	a.str(op, "query.service", q.Service)
	a.str(op, "query.staff", q.Staff)
	a.time(q.Start)
	a.time(q.End)
	if a.err != nil {
		return nil, a.err
	}
	// Short answers come back whole in the same crossing as the query.
	first, names := &sc.first, &sc.names
	err = ccall(op, func() C.voxdesk_status {
		return C.vxgo_slots(h, a.ptr(0), a.ptr(1), a.ptr(2), a.ptr(3), C.uint32_t(q.Limit), &first[0],
			C.size_t(len(first)), (*C.char)(unsafe.Pointer(&names[0])), C.size_t(len(names)), &sc.count, &sc.list)
	})
	if err != nil {
		return nil, err
	}
	count, list := sc.count, sc.list
	sc.list = nil
	if list == nil {
		out := make([]Slot, int(count))
		for i := range out {
			f := &first[i]
			out[i] = Slot{
				Start: time.Unix(int64(f.start_unix), 0).In(b.loc),
				End:   time.Unix(int64(f.end_unix), 0).In(b.loc),
				Staff: string(names[f.staff_off : f.staff_off+f.staff_len]),
			}
		}
		return out, nil
	}
	defer C.voxdesk_slot_list_free(list)
	return b.slotsOf(list, nil, int(count)), nil
}

// slotsScratch is one Slots call's working memory, reused across calls.
type slotsScratch struct {
	args  [128]byte
	first [4]C.vxgo_slot
	names [64]byte
	count C.size_t
	list  *C.voxdesk_slot_list
}

var slotsPool = sync.Pool{New: func() any { return new(slotsScratch) }}

// NextAvailable is the first free slot starting at or after `after` (zero =
// now) within the booking horizon; ok is false when there is none.
func (b *Business) NextAvailable(ctx context.Context, service, staff string, after time.Time) (slot Slot, ok bool, err error) {
	const op = "next available"
	h, err := b.begin(ctx, op)
	if err != nil {
		return Slot{}, false, err
	}
	defer b.core.mu.RUnlock()
	var s [3]*C.char
	mem, err := cstrings(op, s[:], arg{"service", service}, arg{"staff", staff}, arg{"after", rfc3339(after)})
	if err != nil {
		return Slot{}, false, err
	}
	defer C.free(mem)
	var list *C.voxdesk_slot_list
	if err := ccall(op, func() C.voxdesk_status { return C.voxdesk_next_available(h, s[0], s[1], s[2], &list) }); err != nil {
		return Slot{}, false, err
	}
	defer C.voxdesk_slot_list_free(list)
	var first [1]C.voxdesk_slot
	n := int(C.voxdesk_slot_list_count(list))
	C.vxgo_slots_read(list, 0, C.size_t(min(n, 1)), &first[0])
	slots := b.slotsOf(list, first[:], n)
	if len(slots) == 0 {
		return Slot{}, false, nil
	}
	return slots[0], true, nil
}

// slotsOf converts n slots, the first len(first) of them already copied out.
func (b *Business) slotsOf(list *C.voxdesk_slot_list, first []C.voxdesk_slot, n int) []Slot {
	if n == 0 {
		return []Slot{}
	}
	raw := first
	if n > len(first) {
		raw = make([]C.voxdesk_slot, n)
		copy(raw, first)
		C.vxgo_slots_read(list, C.size_t(len(first)), C.size_t(n-len(first)),
			(*C.voxdesk_slot)(unsafe.Pointer(&raw[len(first)])))
	}
	out := make([]Slot, n)
	for i := range out {
		out[i] = Slot{
			Start: time.Unix(int64(raw[i].start_unix), 0).In(b.loc),
			End:   time.Unix(int64(raw[i].end_unix), 0).In(b.loc),
			Staff: C.GoString(raw[i].staff),
		}
	}
	return out
}
