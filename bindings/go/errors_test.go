package voxdesk

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestErrorPaths(t *testing.T) {
	b := open(t, Options{})
	day := at("2026-03-02T00:00:00-05:00")
	cases := []struct {
		name string
		err  error
		want error
		msg  string // part of the message that names the culprit
	}{
		{"no window", func() error {
			_, err := b.Slots(bg, SlotQuery{Service: "exam"})
			return err
		}(), ErrInvalid, "query.from"},
		{"unknown service", func() error {
			_, err := b.Slots(bg, SlotQuery{Service: "nope", Start: day, End: day.Add(time.Hour)})
			return err
		}(), ErrNotFound, "nope"},
		{"negative limit", func() error {
			_, err := b.Slots(bg, SlotQuery{Service: "exam", Start: day, End: day.Add(time.Hour), Limit: -1})
			return err
		}(), ErrInvalid, "limit"},
		{"NUL in a string", func() error {
			_, err := b.Slots(bg, SlotQuery{Service: "ex\x00am", Start: day, End: day.Add(time.Hour)})
			return err
		}(), ErrInvalid, "NUL"},
		{"invalid UTF-8", func() error {
			_, err := b.Book(bg, BookRequest{Service: "exam", Start: day, CustomerName: "\xff\xfe", CustomerPhone: "+15550142"})
			return err
		}(), ErrInvalid, "UTF-8"},
		{"bad phone", func() error {
			_, err := b.Book(bg, examAt10("Ana", "call me maybe"))
			return err
		}(), ErrInvalid, "phone"},
		{"missing name", func() error {
			_, err := b.Book(bg, examAt10("", "+15550142"))
			return err
		}(), ErrInvalid, "name"},
		{"unknown booking", func() error {
			_, err := b.Cancel(bg, "no-such-booking")
			return err
		}(), ErrNotFound, "no-such-booking"},
		{"unknown booking (get)", func() error {
			_, err := b.Booking(bg, "bk_missing")
			return err
		}(), ErrNotFound, "bk_missing"},
		{"reschedule unknown", func() error {
			_, err := b.Reschedule(bg, RescheduleRequest{BookingID: "bk_missing", Start: day.Add(10 * time.Hour)})
			return err
		}(), ErrNotFound, "bk_missing"},
		{"slot not offered", func() error {
			_, err := b.Book(bg, BookRequest{Service: "exam", Start: at("2026-03-02T03:00:00-05:00"),
				CustomerName: "Ana", CustomerPhone: "+15550142"})
			return err
		}(), ErrSlotUnavailable, ""},
		{"release unknown hold", b.ReleaseHold(bg, "hold-nope"), ErrNotFound, ""},
		{"bad caller id", func() error {
			_, err := b.Conversation("c1", "not a number")
			return err
		}(), ErrInvalid, ""},
		{"bad config", func() error {
			_, err := Open(Options{ConfigJSON: `{"id":"x"}`})
			return err
		}(), ErrConfig, ""},
		{"missing config file", func() error {
			_, err := Open(Options{ConfigPath: "/no/such/business.json"})
			return err
		}(), ErrConfig, "/no/such/business.json"},
	}
	for _, c := range cases {
		if !errors.Is(c.err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.err, c.want)
			continue
		}
		var e *Error
		if !errors.As(c.err, &e) || e.Op == "" {
			t.Errorf("%s: %#v is not a *Error with an Op", c.name, c.err)
		}
		if !strings.Contains(c.err.Error(), c.msg) {
			t.Errorf("%s: %q does not mention %q", c.name, c.err, c.msg)
		}
	}
}

func TestSentinelsMatchTheirStatusOnly(t *testing.T) {
	all := map[Status]error{
		StatusInvalid: ErrInvalid, StatusConfig: ErrConfig, StatusNotFound: ErrNotFound,
		StatusSlotUnavailable: ErrSlotUnavailable, StatusConflict: ErrConflict, StatusStorage: ErrStorage,
		StatusNoMem: ErrNoMem, StatusInternal: ErrInternal, StatusMisuse: ErrMisuse,
		StatusReentrant: ErrReentrant, StatusClosed: ErrClosed,
	}
	for st := range all {
		err := error(&Error{Status: st, Op: "op", Msg: "m"})
		for other, sentinel := range all {
			if errors.Is(err, sentinel) != (st == other) {
				t.Errorf("status %v vs %v: errors.Is = %v", st, sentinel, !(st == other))
			}
		}
	}
	if StatusSlotUnavailable.String() != "slot unavailable" {
		t.Errorf("status text = %q", StatusSlotUnavailable.String())
	}
	if got := (&Error{Status: StatusNotFound, Op: "cancel", Msg: "booking x"}).Error(); got != "voxdesk: cancel: not found: booking x" {
		t.Errorf("Error() = %q", got)
	}
}

func TestCancelledContextStopsBeforeWork(t *testing.T) {
	b := open(t, Options{})
	ctx, cancel := context.WithCancel(bg)
	cancel()
	if _, err := b.Book(ctx, examAt10("Ana", "+15550142")); !errors.Is(err, context.Canceled) {
		t.Fatalf("Book with a cancelled ctx: %v", err)
	}
	// Nothing was booked.
	if _, err := b.Book(bg, examAt10("Ana", "+15550142")); err != nil {
		t.Errorf("the slot should still be free: %v", err)
	}
	if _, err := b.Slots(ctx, SlotQuery{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Slots: %v", err)
	}
	if _, err := b.Simulate(ctx, []SimCall{{ID: "s", Turns: []string{"hello"}}}); !errors.Is(err, context.Canceled) {
		t.Errorf("Simulate: %v", err)
	}
	dl, cancel2 := context.WithDeadline(bg, time.Now().Add(-time.Second))
	defer cancel2()
	if _, err := b.Describe(dl); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Describe after the deadline: %v", err)
	}
}

func TestUseAfterClose(t *testing.T) {
	b := open(t, Options{})
	conv, err := b.Conversation("c1", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	day := at("2026-03-02T00:00:00-05:00")
	checks := map[string]error{}
	_, checks["slots"] = b.Slots(bg, SlotQuery{Service: "exam", Start: day, End: day.Add(time.Hour)})
	_, checks["book"] = b.Book(bg, examAt10("Ana", "+15550142"))
	_, _, checks["next"] = b.NextAvailable(bg, "exam", "", time.Time{})
	_, checks["describe"] = b.Describe(bg)
	checks["set now"] = b.SetNow(monday8am)
	_, checks["conversation"] = b.Conversation("c2", "")
	_, checks["turn on a closed business"] = conv.Turn(bg, "hello")
	_, checks["simulate"] = b.SimulateJSONL(bg, `{"id":"x","turns":[]}`)
	for name, err := range checks {
		if !errors.Is(err, ErrClosed) {
			t.Errorf("%s after Close: %v, want ErrClosed", name, err)
		}
	}
	if err := conv.Close(); err != nil {
		t.Errorf("closing a conversation of a closed business: %v", err)
	}
	// Names stay readable.
	if b.ID() != "bright-smile" || b.Location().String() != "America/New_York" {
		t.Errorf("ID/Location after Close = %q %v", b.ID(), b.Location())
	}
	var nilBiz *Business
	if _, err := nilBiz.Slots(bg, SlotQuery{}); !errors.Is(err, ErrClosed) {
		t.Errorf("nil *Business: %v", err)
	}
}

func TestOpenOptions(t *testing.T) {
	b := open(t, Options{ConfigJSON: `{"id":"tiny","name":"Tiny","timezone":"Europe/Madrid","colour":"red",
		"hours":{"mon":[["09:00","12:00"]]},"services":[{"id":"cut","name":"Cut","duration_min":30}],
		"staff":[{"id":"ana","name":"Ana"}]}`})
	if b.ID() != "tiny" || b.Timezone() != "Europe/Madrid" || b.Location().String() != "Europe/Madrid" {
		t.Errorf("business = %q in %q", b.ID(), b.Timezone())
	}
	if w := b.Warnings(); len(w) != 1 || !strings.Contains(w[0], "colour") {
		t.Errorf("warnings = %q, want the unknown key", w)
	}
	desc, err := b.Describe(bg)
	if err != nil || !strings.Contains(string(desc), `"cut"`) {
		t.Errorf("Describe = %s, %v", desc, err)
	}
	s, ok, err := b.NextAvailable(bg, "cut", "", time.Time{})
	if err != nil || !ok || s.Start.Location().String() != "Europe/Madrid" || s.Start.Hour() != 9 {
		t.Errorf("next cut = %v %v %v, want 09:00 Madrid", s.Start, ok, err)
	}
	if err := b.SetNow(at("2026-03-02T10:00:00+01:00")); err != nil {
		t.Fatal(err)
	}
	s, _, _ = b.NextAvailable(bg, "cut", "", time.Time{})
	if s.Start.Hour() < 10 {
		t.Errorf("after SetNow(10:00) the next cut is at %v", s.Start)
	}
	if Version() == "" {
		t.Error("no version")
	}
}
