package voxdesk

/*
#include <stdlib.h>
#include <voxdesk/voxdesk.h>
*/
import "C"

import (
	"context"
	"math"
	"time"
)

// BookRequest books one slot for one customer.
type BookRequest struct {
	Service        string    // service id (required)
	Staff          string    // "" = any qualified staff member who is free
	Start          time.Time // required
	CustomerName   string    // required
	CustomerPhone  string    // E.164, required
	CustomerEmail  string    // optional
	IdempotencyKey string    // optional: the same key returns the same booking
	HoldID         string    // optional: a hold (Business.Hold) to consume
}

// Booking is one appointment as stored, times in the business's location.
type Booking struct {
	ID               string
	Service          string
	Staff            string
	Start, End       time.Time
	Status           string // "confirmed" or "cancelled"
	ConfirmationCode string
	CustomerName     string
	CustomerPhone    string
	CustomerEmail    string
	Sequence         int  // iCalendar SEQUENCE: bumped on each change
	Replayed         bool // an idempotency key returned an earlier booking
	JSON             string
}

// RescheduleRequest moves a booking to a new start (and maybe staff).
type RescheduleRequest struct {
	BookingID      string    // required
	Start          time.Time // required
	Staff          string    // "" = keep the staff member if free
	IdempotencyKey string
}

// HoldRequest keeps a slot for a caller who is still deciding.
type HoldRequest struct {
	Service string
	Staff   string
	Start   time.Time
	TTL     time.Duration // whole seconds; at least one
}

// Book books atomically: ErrSlotUnavailable when the slot is not offered or
// was taken first, by this or any other handle or process.
func (b *Business) Book(ctx context.Context, r BookRequest) (*Booking, error) {
	const op = "book"
	h, err := b.begin(ctx, op)
	if err != nil {
		return nil, err
	}
	defer b.core.mu.RUnlock()
	var s [8]*C.char
	mem, err := cstrings(op, s[:], arg{"service", r.Service}, arg{"staff", r.Staff},
		arg{"start", rfc3339(r.Start)}, arg{"customer_name", r.CustomerName},
		arg{"customer_phone", r.CustomerPhone}, arg{"customer_email", r.CustomerEmail},
		arg{"idempotency_key", r.IdempotencyKey}, arg{"hold_id", r.HoldID})
	if err != nil {
		return nil, err
	}
	defer C.free(mem)
	var req C.voxdesk_book_request
	C.voxdesk_book_request_init(&req, C.sizeof_voxdesk_book_request)
	req.service, req.staff, req.start, req.customer_name = s[0], s[1], s[2], s[3]
	req.customer_phone, req.customer_email, req.idempotency_key, req.hold_id = s[4], s[5], s[6], s[7]
	var bk *C.voxdesk_booking
	if err := ccall(op, func() C.voxdesk_status { return C.voxdesk_book(h, &req, &bk) }); err != nil {
		return nil, err
	}
	return b.takeBooking(bk), nil
}

// Cancel cancels a booking (cancelling twice returns the cancelled booking).
func (b *Business) Cancel(ctx context.Context, bookingID string) (*Booking, error) {
	return b.byID(ctx, "cancel", bookingID, func(h *C.voxdesk_business, id *C.char, out **C.voxdesk_booking) C.voxdesk_status {
		return C.voxdesk_cancel(h, id, out)
	})
}

// Booking looks a booking up by id: ErrNotFound when there is none.
func (b *Business) Booking(ctx context.Context, bookingID string) (*Booking, error) {
	return b.byID(ctx, "booking", bookingID, func(h *C.voxdesk_business, id *C.char, out **C.voxdesk_booking) C.voxdesk_status {
		return C.voxdesk_booking_get(h, id, out)
	})
}

func (b *Business) byID(ctx context.Context, op, bookingID string,
	f func(*C.voxdesk_business, *C.char, **C.voxdesk_booking) C.voxdesk_status) (*Booking, error) {
	h, err := b.begin(ctx, op)
	if err != nil {
		return nil, err
	}
	defer b.core.mu.RUnlock()
	var s [1]*C.char
	mem, err := cstrings(op, s[:], arg{"booking_id", bookingID})
	if err != nil {
		return nil, err
	}
	defer C.free(mem)
	var bk *C.voxdesk_booking
	if err := ccall(op, func() C.voxdesk_status { return f(h, s[0], &bk) }); err != nil {
		return nil, err
	}
	return b.takeBooking(bk), nil
}

// Reschedule moves a booking atomically: the new slot is taken and the old
// one released together, or nothing changes.
func (b *Business) Reschedule(ctx context.Context, r RescheduleRequest) (*Booking, error) {
	const op = "reschedule"
	h, err := b.begin(ctx, op)
	if err != nil {
		return nil, err
	}
	defer b.core.mu.RUnlock()
	var s [4]*C.char
	mem, err := cstrings(op, s[:], arg{"booking_id", r.BookingID}, arg{"start", rfc3339(r.Start)},
		arg{"staff", r.Staff}, arg{"idempotency_key", r.IdempotencyKey})
	if err != nil {
		return nil, err
	}
	defer C.free(mem)
	var req C.voxdesk_reschedule_request
	C.voxdesk_reschedule_request_init(&req, C.sizeof_voxdesk_reschedule_request)
	req.booking_id, req.start, req.staff, req.idempotency_key = s[0], s[1], s[2], s[3]
	var bk *C.voxdesk_booking
	if err := ccall(op, func() C.voxdesk_status { return C.voxdesk_reschedule(h, &req, &bk) }); err != nil {
		return nil, err
	}
	return b.takeBooking(bk), nil
}

// ICS is the booking's iCalendar invitation, or for a cancelled booking its
// cancellation (METHOD:CANCEL).
func (b *Business) ICS(ctx context.Context, bookingID string) (string, error) {
	const op = "ics"
	h, err := b.begin(ctx, op)
	if err != nil {
		return "", err
	}
	defer b.core.mu.RUnlock()
	var s [1]*C.char
	mem, err := cstrings(op, s[:], arg{"booking_id", bookingID})
	if err != nil {
		return "", err
	}
	defer C.free(mem)
	var bk *C.voxdesk_booking
	if err := ccall(op, func() C.voxdesk_status { return C.voxdesk_booking_get(h, s[0], &bk) }); err != nil {
		return "", err
	}
	defer C.voxdesk_booking_free(bk)
	return ctext(op, func() *C.char { return C.voxdesk_booking_ics(h, bk) })
}

// Hold keeps a slot for r.TTL: nobody else can book it meanwhile. It returns
// the hold id, for BookRequest.HoldID or ReleaseHold.
func (b *Business) Hold(ctx context.Context, r HoldRequest) (string, error) {
	const op = "hold"
	ttl := r.TTL / time.Second
	if ttl < 1 || ttl > math.MaxInt32 {
		return "", errorf(op, StatusInvalid, "ttl: %v is not between 1s and 2^31s", r.TTL)
	}
	h, err := b.begin(ctx, op)
	if err != nil {
		return "", err
	}
	defer b.core.mu.RUnlock()
	var s [3]*C.char
	mem, err := cstrings(op, s[:], arg{"service", r.Service}, arg{"staff", r.Staff}, arg{"start", rfc3339(r.Start)})
	if err != nil {
		return "", err
	}
	defer C.free(mem)
	var id *C.char
	if err := ccall(op, func() C.voxdesk_status {
		return C.voxdesk_hold_place(h, s[0], s[1], s[2], C.int32_t(ttl), &id)
	}); err != nil {
		return "", err
	}
	return takeText(id), nil
}

// ReleaseHold gives a held slot back before its time runs out.
func (b *Business) ReleaseHold(ctx context.Context, holdID string) error {
	const op = "release hold"
	h, err := b.begin(ctx, op)
	if err != nil {
		return err
	}
	defer b.core.mu.RUnlock()
	var s [1]*C.char
	mem, err := cstrings(op, s[:], arg{"hold_id", holdID})
	if err != nil {
		return err
	}
	defer C.free(mem)
	return ccall(op, func() C.voxdesk_status { return C.voxdesk_hold_release(h, s[0]) })
}

// takeBooking converts and frees a CALLER-OWNS booking.
func (b *Business) takeBooking(bk *C.voxdesk_booking) *Booking {
	defer C.voxdesk_booking_free(bk)
	var i C.voxdesk_booking_info
	i.struct_size = C.sizeof_voxdesk_booking_info
	C.voxdesk_booking_get_info(bk, &i)
	return &Booking{
		ID:               C.GoString(i.id),
		Service:          C.GoString(i.service),
		Staff:            C.GoString(i.staff),
		Start:            time.Unix(int64(i.start_unix), 0).In(b.loc),
		End:              time.Unix(int64(i.end_unix), 0).In(b.loc),
		Status:           C.GoString(i.status),
		ConfirmationCode: C.GoString(i.confirmation_code),
		CustomerName:     C.GoString(i.customer_name),
		CustomerPhone:    C.GoString(i.customer_phone),
		CustomerEmail:    C.GoString(i.customer_email),
		Sequence:         int(i.sequence),
		Replayed:         i.replayed != 0,
		JSON:             C.GoString(C.voxdesk_booking_json(bk)),
	}
}
