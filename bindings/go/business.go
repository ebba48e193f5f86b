package voxdesk

/*
#include <stdlib.h>
#include <voxdesk/voxdesk.h>
*/
import "C"

import (
	"context"
	"encoding/json"
	"runtime"
	"runtime/cgo"
	"sync"
	"time"
)

// Options say which business to open and how.
type Options struct {
	ConfigPath string    // a business configuration file (JSON), or
	ConfigJSON string    // the configuration itself
	DB         string    // SQLite file for bookings, created if missing; "" = private, in memory
	Now        time.Time // fixes "now" (virtual time); zero = the real clock
	Seed       uint64    // ids and confirmation codes; 0 = random
}

// Business is one open business with its booking store. Its methods may be
// called from any goroutine; Close it when done.
type Business struct {
	core    *bizCore
	id, tz  string
	loc     *time.Location
	warns   []string
	cleanup runtime.Cleanup
}

// bizCore holds everything C owns, apart from the Business so that a
// forgotten Business can still be closed by the garbage collector.
type bizCore struct {
	// mu guards h and every child handle: readers are calls in flight (the
	// library serialises them itself), the writer is a Close.
	mu       sync.RWMutex
	h        *C.voxdesk_business
	children map[*child]struct{}
}

// child is a conversation or call handle that must be closed before its
// business.
type child struct {
	conv *C.voxdesk_conversation
	call *C.voxdesk_call
	eng  *engCore
	sink cgo.Handle // the event callback's target, 0 when polling
}

// closeLocked frees the handle; the caller holds the business's write lock.
func (c *child) closeLocked() {
	if c.conv != nil {
		C.voxdesk_conversation_close(c.conv)
		c.conv = nil
	}
	if c.call != nil {
		C.voxdesk_call_close(c.call)
		c.call = nil
		c.eng.release()
		c.eng = nil
	}
	if c.sink != 0 {
		c.sink.Delete()
		c.sink = 0
	}
}

func (bc *bizCore) close() {
	bc.mu.Lock()
	defer bc.mu.Unlock()
	if bc.h == nil {
		return
	}
	for ch := range bc.children {
		ch.closeLocked()
	}
	bc.children = nil
	C.voxdesk_business_close(bc.h)
	bc.h = nil
}

// Open loads and validates a configuration and opens its store. A rejected
// configuration is ErrConfig with a message naming the bad field.
func Open(o Options) (*Business, error) {
	if versionErr != nil {
		return nil, versionErr
	}
	var p C.voxdesk_business_params
	C.voxdesk_business_params_init(&p, C.sizeof_voxdesk_business_params)
	var s [4]*C.char
	mem, err := cstrings("open", s[:], arg{"ConfigJSON", o.ConfigJSON},
		arg{"ConfigPath", o.ConfigPath}, arg{"DB", o.DB}, arg{"Now", rfc3339(o.Now)})
	if err != nil {
		return nil, err
	}
	defer C.free(mem)
	p.config_json, p.config_path, p.db_path, p.now = s[0], s[1], s[2], s[3]
	p.seed = C.uint64_t(o.Seed)
	var h *C.voxdesk_business
	if err := ccall("open", func() C.voxdesk_status { return C.voxdesk_business_open(&p, &h) }); err != nil {
		return nil, err
	}
	b := &Business{
		core: &bizCore{h: h, children: map[*child]struct{}{}},
		id:   C.GoString(C.voxdesk_business_id(h)),
		tz:   C.GoString(C.voxdesk_business_timezone(h)),
	}
	for i := C.size_t(0); i < C.voxdesk_business_warning_count(h); i++ {
		b.warns = append(b.warns, C.GoString(C.voxdesk_business_warning(h, i)))
	}
	if b.loc, err = time.LoadLocation(b.tz); err != nil {
		C.voxdesk_business_close(h)
		return nil, errorf("open", StatusConfig, "timezone %q: %v (install tzdata or import time/tzdata)", b.tz, err)
	}
	// A safety net only: Close is the way to release the store promptly.
	b.cleanup = runtime.AddCleanup(b, (*bizCore).close, b.core)
	return b, nil
}

// Close closes the store, after closing the business's open conversations
// and calls. Idempotent; calls after Close return ErrClosed.
func (b *Business) Close() error {
	if b == nil || b.core == nil {
		return nil
	}
	b.cleanup.Stop()
	b.core.close()
	return nil
}

// lock takes the read lock for one call and returns the live handle; the
// caller must b.core.mu.RUnlock() when err is nil.
func (b *Business) lock(op string) (*C.voxdesk_business, error) {
	if b == nil || b.core == nil {
		return nil, closedError(op)
	}
	b.core.mu.RLock()
	if b.core.h == nil {
		b.core.mu.RUnlock()
		return nil, closedError(op)
	}
	return b.core.h, nil
}

// begin checks ctx, then locks: every method starts here.
func (b *Business) begin(ctx context.Context, op string) (*C.voxdesk_business, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return b.lock(op)
}

// ID is the business id from the configuration.
func (b *Business) ID() string { return b.id }

// Timezone is the business's IANA zone ("America/New_York").
func (b *Business) Timezone() string { return b.tz }

// Location is the business's zone; every time.Time returned is in it.
func (b *Business) Location() *time.Location { return b.loc }

// Warnings lists what loading the configuration noticed (unknown keys).
func (b *Business) Warnings() []string { return append([]string(nil), b.warns...) }

// SetNow fixes "now" at t, switching the business to virtual time.
func (b *Business) SetNow(t time.Time) error {
	h, err := b.lock("set now")
	if err != nil {
		return err
	}
	defer b.core.mu.RUnlock()
	var s [1]*C.char
	mem, err := cstrings("set now", s[:], arg{"now", rfc3339(t)})
	if err != nil {
		return err
	}
	defer C.free(mem)
	return ccall("set now", func() C.voxdesk_status { return C.voxdesk_business_set_now(h, s[0]) })
}

// Describe is the business as loaded (services, staff, hours, ...) as JSON.
func (b *Business) Describe(ctx context.Context) (json.RawMessage, error) {
	h, err := b.begin(ctx, "describe")
	if err != nil {
		return nil, err
	}
	defer b.core.mu.RUnlock()
	s, err := ctext("describe", func() *C.char { return C.voxdesk_business_describe_json(h) })
	return json.RawMessage(s), err
}

// addChild registers a handle to close with the business; the caller holds
// the read lock, so take the write side of a separate, tiny critical section.
func (b *Business) addChild(c *child) {
	childMu.Lock()
	b.core.children[c] = struct{}{}
	childMu.Unlock()
}

// childMu guards the children sets: they change under a read lock (opening a
// conversation is a read of the business handle), while Close, which walks
// them, holds the write lock and so excludes every opener.
var childMu sync.Mutex
