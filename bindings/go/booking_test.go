package voxdesk

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func examAt10(name, phone string) BookRequest {
	return BookRequest{Service: "exam", Staff: "kim", Start: at("2026-03-02T10:00:00-05:00"),
		CustomerName: name, CustomerPhone: phone}
}

func TestBookLookUpRescheduleCancel(t *testing.T) {
	b := open(t, Options{})
	bk, err := b.Book(bg, BookRequest{Service: "exam", Start: at("2026-03-02T15:00:00Z"),
		CustomerName: "Ana Ruiz", CustomerPhone: "+15550142", CustomerEmail: "ana@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	// The instant is kept; the location becomes the business's.
	if bk.Start.Format(time.RFC3339) != "2026-03-02T10:00:00-05:00" || bk.End.Sub(bk.Start) != 30*time.Minute {
		t.Errorf("booked %v..%v, want 10:00-10:30 New York", bk.Start, bk.End)
	}
	if bk.Status != "confirmed" || len(bk.ConfirmationCode) != 6 || bk.Sequence != 0 || bk.Replayed {
		t.Errorf("booking = %+v", bk)
	}
	if bk.Staff != "kim" || bk.CustomerEmail != "ana@example.com" || !strings.Contains(bk.JSON, bk.ID) {
		t.Errorf("booking = %+v", bk)
	}

	got, err := b.Booking(bg, bk.ID)
	if err != nil || got.ConfirmationCode != bk.ConfirmationCode || !got.Start.Equal(bk.Start) {
		t.Fatalf("Booking(%s) = %+v, %v", bk.ID, got, err)
	}
	// The taken slot is gone from the slot list.
	for _, s := range mustSlots(t, b, "exam", "kim", "2026-03-02") {
		if s.Start.Equal(bk.Start) {
			t.Error("booked slot still offered")
		}
	}

	moved, err := b.Reschedule(bg, RescheduleRequest{BookingID: bk.ID, Start: at("2026-03-03T14:00:00-05:00")})
	if err != nil {
		t.Fatal(err)
	}
	if moved.ID != bk.ID || moved.Sequence != 1 || moved.Start.Format(time.RFC3339) != "2026-03-03T14:00:00-05:00" {
		t.Errorf("rescheduled = %+v", moved)
	}
	ics, err := b.ICS(bg, bk.ID)
	if err != nil || !strings.Contains(ics, "METHOD:REQUEST") {
		t.Errorf("ICS = %q, %v", ics, err)
	}

	gone, err := b.Cancel(bg, bk.ID)
	if err != nil || gone.Status != "cancelled" {
		t.Fatalf("Cancel = %+v, %v", gone, err)
	}
	again, err := b.Cancel(bg, bk.ID)
	if err != nil || again.Status != "cancelled" {
		t.Errorf("second Cancel = %+v, %v", again, err)
	}
	ics, err = b.ICS(bg, bk.ID)
	if err != nil || !strings.Contains(ics, "METHOD:CANCEL") {
		t.Errorf("ICS after cancel = %q, %v", ics, err)
	}
}

func TestDoubleBookingIsSlotUnavailable(t *testing.T) {
	b := open(t, Options{})
	if _, err := b.Book(bg, examAt10("Ana Ruiz", "+15550142")); err != nil {
		t.Fatal(err)
	}
	_, err := b.Book(bg, examAt10("Ben Okafor", "+15550143"))
	if !errors.Is(err, ErrSlotUnavailable) {
		t.Fatalf("second booking: %v, want ErrSlotUnavailable", err)
	}
	var e *Error
	if !errors.As(err, &e) || e.Status != StatusSlotUnavailable || e.Op != "book" {
		t.Errorf("error = %#v", err)
	}
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrInvalid) {
		t.Error("a slot error matches other sentinels")
	}
}

func TestIdempotencyKeyReplaysTheBooking(t *testing.T) {
	b := open(t, Options{})
	r := examAt10("Ana Ruiz", "+15550142")
	r.IdempotencyKey = "call-1:book"
	first, err := b.Book(bg, r)
	if err != nil {
		t.Fatal(err)
	}
	second, err := b.Book(bg, r)
	if err != nil || second.ID != first.ID || !second.Replayed {
		t.Fatalf("replay = %+v, %v", second, err)
	}
	r.Start = r.Start.Add(time.Hour)
	if _, err := b.Book(bg, r); !errors.Is(err, ErrConflict) {
		t.Errorf("same key, other slot: %v, want ErrConflict", err)
	}
}

func TestHoldKeepsASlot(t *testing.T) {
	b := open(t, Options{})
	start := at("2026-03-02T10:00:00-05:00")
	id, err := b.Hold(bg, HoldRequest{Service: "exam", Staff: "kim", Start: start, TTL: 5 * time.Minute})
	if err != nil || id == "" {
		t.Fatalf("Hold = %q, %v", id, err)
	}
	if _, err := b.Book(bg, examAt10("Ben Okafor", "+15550143")); !errors.Is(err, ErrSlotUnavailable) {
		t.Errorf("booking a held slot: %v, want ErrSlotUnavailable", err)
	}
	r := examAt10("Ana Ruiz", "+15550142")
	r.HoldID = id
	if _, err := b.Book(bg, r); err != nil {
		t.Errorf("booking with the hold: %v", err)
	}

	id2, err := b.Hold(bg, HoldRequest{Service: "exam", Staff: "lee", Start: start, TTL: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.ReleaseHold(bg, id2); err != nil {
		t.Fatal(err)
	}
	r = examAt10("Cleo Park", "+15550144")
	r.Staff = "lee"
	if _, err := b.Book(bg, r); err != nil {
		t.Errorf("booking a released slot: %v", err)
	}
	if _, err := b.Hold(bg, HoldRequest{Service: "exam", Start: start, TTL: 0}); !errors.Is(err, ErrInvalid) {
		t.Errorf("zero TTL: %v, want ErrInvalid", err)
	}
}

func mustSlots(t *testing.T, b *Business, service, staff, day string) []Slot {
	t.Helper()
	from := at(day + "T00:00:00-05:00")
	s, err := b.Slots(bg, SlotQuery{Service: service, Staff: staff, Start: from, End: from.Add(24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}
