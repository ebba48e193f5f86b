package voxdesk

import (
	"errors"
	"slices"
	"testing"
	"time"
)

// mondayHours are each dentist's Monday hours in New York time (hhmm): kim
// keeps Chicago hours, patel his own.
var mondayHours = map[string][][2]int{
	"lee":   {{800, 1200}, {1300, 1700}},
	"patel": {{900, 1230}, {1330, 1800}},
	"kim":   {{900, 1200}, {1300, 1700}},
}

func minutes(hhmm int) int { return hhmm/100*60 + hhmm%100 }

func TestSlotsFollowTheBusinessRules(t *testing.T) {
	b := open(t, Options{})
	ny := newYork(t)
	day := at("2026-03-02T00:00:00-05:00")
	slots, err := b.Slots(bg, SlotQuery{Service: "exam", Start: day, End: day.Add(24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if len(slots) == 0 {
		t.Fatal("no exam slots on an open Monday")
	}
	// 120 minutes' notice from 08:00: nothing before 10:00; the three
	// dentists are all free then, listed by staff id.
	var first []string
	for _, s := range slots[:3] {
		if !s.Start.Equal(at("2026-03-02T10:00:00-05:00")) {
			t.Errorf("first slots start at %v, want 10:00", s.Start)
		}
		first = append(first, s.Staff)
	}
	if !slices.Equal(first, []string{"kim", "lee", "patel"}) {
		t.Errorf("staff at 10:00 = %v, want [kim lee patel]", first)
	}
	for i, s := range slots {
		if s.Start.Location().String() != "America/New_York" || s.End.Location() != s.Start.Location() {
			t.Fatalf("slot %d in %v, want America/New_York", i, s.Start.Location())
		}
		if d := s.End.Sub(s.Start); d != 30*time.Minute {
			t.Errorf("slot %d lasts %v, want the exam's 30m", i, d)
		}
		if s.Start.Minute()%15 != 0 {
			t.Errorf("slot %d starts off the 15-minute grid: %v", i, s.Start)
		}
		local := s.Start.In(ny)
		from := local.Hour()*60 + local.Minute()
		inHours := false
		for _, w := range mondayHours[s.Staff] {
			inHours = inHours || (from >= minutes(w[0]) && from+30 <= minutes(w[1]))
		}
		if !inHours {
			t.Errorf("slot %d at %s with %s is outside their hours", i, local.Format("15:04"), s.Staff)
		}
		if i > 0 {
			p := slots[i-1]
			if s.Start.Before(p.Start) || (s.Start.Equal(p.Start) && s.Staff <= p.Staff) {
				t.Errorf("slots %d and %d are out of order", i-1, i)
			}
		}
	}
}

func TestSlotsAcrossDSTCarryTheNewOffset(t *testing.T) {
	b := open(t, Options{})
	// Daylight saving time starts on 8 March 2026 in New York.
	day := at("2026-03-09T00:00:00-04:00")
	slots, err := b.Slots(bg, SlotQuery{Service: "whitening", Start: day, End: day.Add(24 * time.Hour), Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(slots) != 2 {
		t.Fatalf("got %d slots, want the limit of 2", len(slots))
	}
	if got := slots[0].Start.Format(time.RFC3339); got != "2026-03-09T09:00:00-04:00" {
		t.Errorf("first whitening = %s, want patel's 09:00 in EDT", got)
	}
	for _, s := range slots {
		if s.Staff != "patel" {
			t.Errorf("whitening offered with %s; only patel does it", s.Staff)
		}
	}
}

func TestSlotsOneStaffMemberAndClosedDays(t *testing.T) {
	b := open(t, Options{})
	sun := at("2026-03-08T00:00:00-05:00")
	slots, err := b.Slots(bg, SlotQuery{Service: "exam", Start: sun, End: sun.Add(24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if len(slots) != 0 {
		t.Errorf("the practice is closed on Sundays, got %d slots", len(slots))
	}
	sat := at("2026-03-07T00:00:00-05:00")
	slots, err = b.Slots(bg, SlotQuery{Service: "exam", Start: sat, End: sat.Add(24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range slots {
		if s.Staff != "patel" {
			t.Errorf("only patel works Saturdays, got %s", s.Staff)
		}
	}
	if len(slots) == 0 {
		t.Error("patel works Saturday mornings, got no slots")
	}
	tue := at("2026-03-03T00:00:00-05:00")
	slots, err = b.Slots(bg, SlotQuery{Service: "cleaning", Staff: "lee", Start: tue, End: tue.Add(24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if len(slots) < 5 {
		t.Fatalf("only %d cleanings with lee on a Tuesday", len(slots))
	}
	for _, s := range slots {
		if s.Staff != "lee" {
			t.Errorf("asked for lee, got %s", s.Staff)
		}
	}
}

func TestNextAvailable(t *testing.T) {
	b := open(t, Options{})
	s, ok, err := b.NextAvailable(bg, "exam", "", time.Time{})
	if err != nil || !ok {
		t.Fatalf("NextAvailable = %v, %v", ok, err)
	}
	if s.Start.Format(time.RFC3339) != "2026-03-02T10:00:00-05:00" || s.Staff != "kim" {
		t.Errorf("next exam = %s with %s, want 10:00 with kim", s.Start.Format(time.RFC3339), s.Staff)
	}
	s, ok, err = b.NextAvailable(bg, "whitening", "patel", at("2026-03-07T13:00:00-05:00"))
	if err != nil || !ok || s.Start.Format(time.RFC3339) != "2026-03-09T09:00:00-04:00" {
		t.Errorf("whitening after Saturday's hours = %v %v %v, want Monday 09:00 EDT", s.Start, ok, err)
	}
	_, _, err = b.NextAvailable(bg, "no-such-service", "", time.Time{})
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown service: %v, want ErrNotFound", err)
	}
}
