// Package voxdesk is the Go binding of voxdesk, an embeddable AI phone
// receptionist: it finds free slots, books, reschedules and cancels
// appointments, holds text conversations and runs live phone calls in audio
// on embedded speech engines.
//
// The package wraps the C ABI (voxdesk.h) with cgo and finds the installed
// library through pkg-config (voxdesk.pc).
//
// # Errors
//
// Every failure is a *Error carrying the C status, the operation and the
// library's message. Match it with errors.Is against the sentinels:
//
//	if errors.Is(err, voxdesk.ErrSlotUnavailable) { ... }
//
// # Threading
//
// A *Business, its conversations and calls may be used from any number of
// goroutines: the library serialises calls on one business. For parallel
// work open one Business per goroutine on the same database file; the
// database guarantees that a slot is never booked twice, across handles and
// processes. Close may race with other calls: calls after (or waiting for)
// Close return ErrClosed, never touch freed memory.
//
// # Time
//
// Times cross into the library as RFC 3339 instants (any location is fine;
// sub-second parts are dropped). Times coming back are in the business's
// own location (Business.Location), loaded with time.LoadLocation.
package voxdesk
