package voxdesk

/*
#include <voxdesk/voxdesk.h>
*/
import "C"

import "fmt"

// Status is a voxdesk status code (voxdesk_status), plus StatusClosed for
// the binding's own use-after-close error.
type Status int

// The library's status codes; numbers match voxdesk.h and are never reused.
const (
	StatusOK              Status = 0
	StatusInvalid         Status = 2
	StatusConfig          Status = 3
	StatusNotFound        Status = 4
	StatusSlotUnavailable Status = 5
	StatusConflict        Status = 6
	StatusStorage         Status = 7
	StatusNoMem           Status = 8
	StatusInternal        Status = 9
	StatusMisuse          Status = 10
	StatusReentrant       Status = 11
	// StatusClosed is not a C status: the handle was closed in Go.
	StatusClosed Status = -1
)

// String is the library's static text for the status ("slot unavailable").
func (s Status) String() string {
	if s == StatusClosed {
		return "closed"
	}
	return C.GoString(C.voxdesk_status_str(C.voxdesk_status(s)))
}

// Error is what every failing call returns: the status, the operation that
// failed and the library's message (voxdesk_last_error), which names the
// offending field or argument.
type Error struct {
	Status Status
	Op     string
	Msg    string
}

func (e *Error) Error() string {
	s := "voxdesk: " + e.Op + ": " + e.Status.String()
	if e.Msg != "" {
		s += ": " + e.Msg
	}
	return s
}

// Is makes errors.Is(err, ErrSlotUnavailable) and friends match on the status.
func (e *Error) Is(target error) bool {
	s, ok := target.(*sentinel)
	return ok && s.status == e.Status
}

type sentinel struct {
	status Status
}

func (s *sentinel) Error() string { return "voxdesk: " + s.status.String() }

// Sentinels for errors.Is; each matches every *Error with its status.
var (
	ErrInvalid         error = &sentinel{StatusInvalid}
	ErrConfig          error = &sentinel{StatusConfig}
	ErrNotFound        error = &sentinel{StatusNotFound}
	ErrSlotUnavailable error = &sentinel{StatusSlotUnavailable}
	ErrConflict        error = &sentinel{StatusConflict}
	ErrStorage         error = &sentinel{StatusStorage}
	ErrNoMem           error = &sentinel{StatusNoMem}
	ErrInternal        error = &sentinel{StatusInternal}
	ErrMisuse          error = &sentinel{StatusMisuse}
	ErrReentrant       error = &sentinel{StatusReentrant}
	ErrClosed          error = &sentinel{StatusClosed}
)

func errorf(op string, st Status, format string, args ...any) error {
	return &Error{Status: st, Op: op, Msg: fmt.Sprintf(format, args...)}
}

func closedError(op string) error {
	return &Error{Status: StatusClosed, Op: op, Msg: "use after Close"}
}
