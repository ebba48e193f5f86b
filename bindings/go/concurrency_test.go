package voxdesk

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// race books the same slot from n goroutines and counts the outcomes.
func race(t *testing.T, n int, business func(i int) *Business) (won, lost int) {
	var ok, unavailable, other atomic.Int32
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := business(i).Book(bg, examAt10(fmt.Sprintf("Caller %d", i), fmt.Sprintf("+1555010%04d", i)))
			switch {
			case err == nil:
				ok.Add(1)
			case errors.Is(err, ErrSlotUnavailable):
				unavailable.Add(1)
			default:
				other.Add(1)
				t.Errorf("goroutine %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	return int(ok.Load()), int(unavailable.Load())
}

func TestManyGoroutinesOneBusinessBookOnce(t *testing.T) {
	b := open(t, Options{})
	won, lost := race(t, 16, func(int) *Business { return b })
	if won != 1 || lost != 15 {
		t.Errorf("%d bookings succeeded and %d were refused; want 1 and 15", won, lost)
	}
}

func TestBusinessesSharingOneDatabaseBookOnce(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bookings.sqlite")
	var bs []*Business
	for range 4 {
		bs = append(bs, open(t, Options{DB: db}))
	}
	won, lost := race(t, 12, func(i int) *Business { return bs[i%len(bs)] })
	if won != 1 || lost != 11 {
		t.Errorf("%d bookings succeeded and %d were refused; want 1 and 11", won, lost)
	}
	// The booking is visible through every handle.
	for i, b := range bs {
		for _, s := range mustSlots(t, b, "exam", "kim", "2026-03-02") {
			if s.Start.Equal(at("2026-03-02T10:00:00-05:00")) {
				t.Errorf("handle %d still offers the booked slot", i)
			}
		}
	}
}

func TestCloseWhileOtherGoroutinesCall(t *testing.T) {
	b := open(t, Options{})
	day := at("2026-03-02T00:00:00-05:00")
	var wg sync.WaitGroup
	var closedSeen atomic.Int32
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				var err error
				if g%2 == 0 {
					_, err = b.Slots(bg, SlotQuery{Service: "exam", Start: day, End: day.Add(24 * time.Hour), Limit: 3})
				} else {
					conv, cerr := b.Conversation("", "")
					if cerr == nil {
						_, err = conv.Start(bg)
						conv.Close()
					} else {
						err = cerr
					}
				}
				if errors.Is(err, ErrClosed) {
					closedSeen.Add(1)
					return
				}
				if err != nil {
					t.Errorf("goroutine %d: %v", g, err)
					return
				}
			}
		}()
	}
	time.Sleep(20 * time.Millisecond)
	b.Close()
	wg.Wait()
	if closedSeen.Load() != 8 {
		t.Errorf("%d goroutines saw ErrClosed, want 8", closedSeen.Load())
	}
}
