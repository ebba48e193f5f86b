package voxdesk

import (
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/voxdesk/voxdesk/bindings/go/internal/cbench"
)

func rssKB(t testing.TB) int64 {
	runtime.GC()
	debug.FreeOSMemory()
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb
		}
	}
	t.Skip("no VmRSS")
	return 0
}

// A leak of even one small allocation per call shows up over 100,000 calls.
func TestNoLeakOver100kCalls(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("RSS is meaningless under the race detector")
	}
	b := open(t, Options{})
	day := at("2026-03-03T00:00:00-05:00")
	q := SlotQuery{Service: "exam", Start: day, End: day.Add(24 * time.Hour), Limit: 1}
	call := func(i int) {
		var err error
		switch i % 4 {
		case 0, 1:
			_, err = b.Slots(bg, q)
		case 2:
			_, err = b.Booking(bg, "bk-missing") // an error path allocates a message
		case 3:
			_, err = b.Slots(bg, SlotQuery{Service: "exam", Start: day, End: day.Add(24 * time.Hour)}) // a long list
		}
		if err != nil && i%4 != 2 {
			t.Fatal(err)
		}
	}
	for i := range 10000 {
		call(i)
	}
	before := rssKB(t)
	for i := range 100000 {
		call(i)
	}
	growth := rssKB(t) - before
	t.Logf("RSS growth over 100,000 calls: %d KB", growth)
	if growth > 20*1024 {
		t.Errorf("RSS grew by %d KB over 100,000 calls", growth)
	}
}

func benchQuery() SlotQuery {
	day := at("2026-03-03T00:00:00-05:00")
	return SlotQuery{Service: "exam", Start: day, End: day.Add(24 * time.Hour), Limit: 1}
}

func BenchmarkSlots(b *testing.B) {
	biz := open(b, Options{})
	q := benchQuery()
	for b.Loop() {
		if _, err := biz.Slots(bg, q); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSlotsC is the same query through the C ABI alone: the baseline.
func BenchmarkSlotsC(b *testing.B) {
	biz := open(b, Options{})
	q := benchQuery()
	from, to := q.Start.Format(time.RFC3339), q.End.Format(time.RFC3339)
	b.ResetTimer()
	d, err := cbench.SlotsLoop(unsafe.Pointer(biz.core.h), q.Service, from, to, q.Limit, b.N)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(d.Nanoseconds())/float64(b.N), "c-ns/op")
}
