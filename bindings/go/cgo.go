package voxdesk

/*
#cgo pkg-config: voxdesk
#include <stdlib.h>
#include <voxdesk/voxdesk.h>
*/
import "C"

import (
	"runtime"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"
)

// Version is the loaded library's version ("0.3.0").
func Version() string { return C.GoString(C.voxdesk_version_string()) }

// versionErr is set when the shared library does not match the header this
// package was built against; Open refuses to run on a mismatched library.
var versionErr = func() error {
	lib, hdr := int(C.voxdesk_version()), int(C.VOXDESK_VERSION_NUMBER)
	same := lib/10000 == hdr/10000
	if hdr/10000 == 0 { // before 1.0 a minor release may break the ABI
		same = lib/100 == hdr/100
	}
	if same {
		return nil
	}
	return errorf("open", StatusMisuse, "libvoxdesk %s does not match the header (%d)", Version(), hdr)
}()

// ccall runs one C call with the goroutine pinned to its OS thread, so that
// voxdesk_last_error() (thread-local) is read on the thread that failed.
func ccall(op string, f func() C.voxdesk_status) error {
	runtime.LockOSThread()
	st := f()
	if st == C.VOXDESK_OK {
		runtime.UnlockOSThread()
		return nil
	}
	msg := C.GoString(C.voxdesk_last_error())
	runtime.UnlockOSThread()
	return &Error{Status: Status(st), Op: op, Msg: msg}
}

// ctext runs a C call that returns CALLER-OWNS text, or NULL on failure.
func ctext(op string, f func() *C.char) (string, error) {
	runtime.LockOSThread()
	p := f()
	if p == nil {
		msg := C.GoString(C.voxdesk_last_error())
		runtime.UnlockOSThread()
		return "", &Error{Status: StatusInternal, Op: op, Msg: msg}
	}
	runtime.UnlockOSThread()
	s := C.GoString(p)
	C.voxdesk_free(unsafe.Pointer(p))
	return s, nil
}

// takeText converts and frees CALLER-OWNS text from an out-parameter.
func takeText(p *C.char) string {
	if p == nil {
		return ""
	}
	s := C.GoString(p)
	C.voxdesk_free(unsafe.Pointer(p))
	return s
}

// arg is one string argument bound for C; name is used in error messages.
type arg struct {
	name, s string
}

// cstrings copies args into one C allocation (the library copies what it
// keeps during the call, so one malloc per call is enough) and stores a
// pointer per arg in out: NULL for an empty string, which the library reads
// as "not given". Strings C cannot represent are refused here, since C would
// silently cut them at the first NUL. Free the block with C.free.
func cstrings(op string, out []*C.char, args ...arg) (unsafe.Pointer, error) {
	n := 1
	for _, a := range args {
		if strings.IndexByte(a.s, 0) >= 0 {
			return nil, errorf(op, StatusInvalid, "%s: contains a NUL byte", a.name)
		}
		if !utf8.ValidString(a.s) {
			return nil, errorf(op, StatusInvalid, "%s: not valid UTF-8", a.name)
		}
		n += len(a.s) + 1
	}
	mem := C.malloc(C.size_t(n))
	if mem == nil {
		return nil, errorf(op, StatusNoMem, "out of memory")
	}
	buf := unsafe.Slice((*byte)(mem), n)
	off := 0
	for i, a := range args {
		if a.s == "" {
			out[i] = nil
			continue
		}
		copy(buf[off:], a.s)
		buf[off+len(a.s)] = 0
		out[i] = (*C.char)(unsafe.Pointer(&buf[off]))
		off += len(a.s) + 1
	}
	return mem, nil
}

// rfc3339 is the wire form of an instant; "" (NULL) for the zero time.
func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// argBuf packs NUL-terminated strings into one Go buffer that C may read
// during a single call (cgo allows Go pointers to memory holding no Go
// pointers). Empty strings and zero times become NULL.
type argBuf struct {
	b   []byte
	off [8]int
	n   int
	err error
}

func (a *argBuf) str(op, name, s string) {
	if a.err != nil {
		return
	}
	if strings.IndexByte(s, 0) >= 0 {
		a.err = errorf(op, StatusInvalid, "%s: contains a NUL byte", name)
	} else if !utf8.ValidString(s) {
		a.err = errorf(op, StatusInvalid, "%s: not valid UTF-8", name)
	}
	a.add(s == "", func() { a.b = append(a.b, s...) })
}

func (a *argBuf) time(t time.Time) {
	a.add(t.IsZero(), func() { a.b = t.AppendFormat(a.b, time.RFC3339) })
}

func (a *argBuf) add(null bool, write func()) {
	if a.b == nil {
		a.b = make([]byte, 0, 128)
	}
	if null {
		a.off[a.n] = -1
	} else {
		a.off[a.n] = len(a.b)
		write()
		a.b = append(a.b, 0)
	}
	a.n++
}

// ptr is argument i as C sees it; valid until the buffer is dropped.
func (a *argBuf) ptr(i int) *C.char {
	if a.off[i] < 0 {
		return nil
	}
	return (*C.char)(unsafe.Pointer(&a.b[a.off[i]]))
}
