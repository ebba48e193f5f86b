package voxdesk

import (
	"unsafe"

	"github.com/voxdesk/voxdesk/bindings/go/internal/rawhandle"
)

func init() {
	rawhandle.Of = func(v any) unsafe.Pointer {
		b := v.(*Business)
		b.core.mu.RLock()
		defer b.core.mu.RUnlock()
		return unsafe.Pointer(b.core.h)
	}
}
