package voxdesk

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

var bookingTurns = []string{
	"Hi, this is Ana Ruiz, I would like a cleaning on March 12th at 2 pm",
	"March 3rd 1985",
	"Yes",
	"No, bye",
}

func TestConversationBooks(t *testing.T) {
	b := open(t, Options{})
	conv, err := b.Conversation("go-call-1", "+15550001111")
	if err != nil {
		t.Fatal(err)
	}
	defer conv.Close()
	greet, err := conv.Start(bg)
	if err != nil || !strings.Contains(greet.Text, "Bright Smile Dental") || greet.EndCall {
		t.Fatalf("greeting = %+v, %v", greet, err)
	}
	var replies []Reply
	for _, turn := range bookingTurns {
		r, err := conv.Turn(bg, turn)
		if err != nil {
			t.Fatalf("turn %q: %v", turn, err)
		}
		replies = append(replies, r)
	}
	if !strings.Contains(replies[1].Text, "Shall I book it?") {
		t.Errorf("no read-back before booking: %q", replies[1].Text)
	}
	if !strings.Contains(replies[2].Text, "confirmation code") {
		t.Errorf("no confirmation after yes: %q", replies[2].Text)
	}
	if !replies[3].EndCall {
		t.Errorf("goodbye did not end the call: %+v", replies[3])
	}
	if err := conv.Finish(); err != nil {
		t.Fatal(err)
	}
	rec, err := conv.Record()
	if err != nil {
		t.Fatal(err)
	}
	if rec.Outcome != "booked" || rec.Booking == nil {
		t.Fatalf("record = %+v", rec)
	}
	bk := rec.Booking
	if bk.Service != "cleaning" || bk.Start.Format(time.RFC3339) != "2026-03-12T14:00:00-04:00" ||
		bk.Start.Location().String() != "America/New_York" || bk.CustomerName != "Ana Ruiz" {
		t.Errorf("booking = %+v", bk)
	}
	if len(rec.Transcript) != 9 || rec.Transcript[1].Speaker != "caller" || rec.Transcript[1].Intent != "book" {
		t.Errorf("transcript = %+v", rec.Transcript)
	}
	// The booking is in the store.
	stored, err := b.Booking(bg, bk.ID)
	if err != nil || stored.Status != "confirmed" {
		t.Errorf("stored booking = %+v, %v", stored, err)
	}
	if err := conv.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := conv.Turn(bg, "hello"); !errors.Is(err, ErrClosed) {
		t.Errorf("turn after Close: %v", err)
	}
}

func TestSimulate(t *testing.T) {
	b := open(t, Options{})
	recs, err := b.Simulate(bg, []SimCall{
		{ID: "c1", From: "+15550001111", Turns: bookingTurns},
		// The same time again: the second caller cannot have it.
		{ID: "c2", From: "+15550002222", Turns: []string{"I need a cleaning on March 12th at 2 pm with Dr. Lee", "No, bye"}},
		{ID: "c3", Now: at("2026-03-04T10:00:00-05:00"), Turns: []string{"can I talk to a person"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("%d records, want 3", len(recs))
	}
	if recs[0].ID != "c1" || recs[0].Outcome != "booked" || recs[0].Summary["date_of_birth"] != "1985-03-03" {
		t.Errorf("c1 = %+v", recs[0])
	}
	if recs[1].Outcome == "booked" {
		t.Errorf("c2 booked a taken time: %+v", recs[1].Booking)
	}
	if recs[2].Outcome != "transferred" || recs[2].TransferTo != "+15550100199" {
		t.Errorf("c3 = %s to %q, want a transfer during opening hours", recs[2].Outcome, recs[2].TransferTo)
	}

	out, err := b.SimulateJSONL(bg, `{"id": "s1", "turns": ["what are your hours"]}`+"\n")
	if err != nil || !strings.Contains(out, `"id":"s1"`) {
		t.Errorf("SimulateJSONL = %q, %v", out, err)
	}
	_, err = b.SimulateJSONL(bg, `{"id": "s2", "turns": [1]}`)
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "turns[0]") {
		t.Errorf("bad script: %v", err)
	}
	_, err = b.Simulate(bg, []SimCall{{ID: "ok", Turns: []string{"bye"}}, {ID: "bad", From: "nope", Turns: []string{"hi"}}})
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "calls[1]") {
		t.Errorf("bad call: %v", err)
	}
}

func TestSimulateStopsWhenCancelled(t *testing.T) {
	b := open(t, Options{})
	ctx, cancel := context.WithCancel(bg)
	calls := make([]SimCall, 50)
	for i := range calls {
		calls[i] = SimCall{ID: "c", Turns: []string{"what are your hours", "bye"}}
	}
	n := 0
	done := make(chan struct{})
	go func() {
		defer close(done)
		recs, err := b.Simulate(ctx, calls)
		n = len(recs)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Simulate: %v, want context.Canceled", err)
		}
	}()
	cancel()
	<-done
	if n == len(calls) {
		t.Error("every call ran despite the cancellation")
	}
}
