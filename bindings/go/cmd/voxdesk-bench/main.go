// Command voxdesk-bench measures what the Go binding adds to one Slots call
// over the same C calls, both timed in this process on the same business
// and query, and how much RSS 100,000 calls through the binding add. It
// prints one JSON line per figure on stdout.
//
//	voxdesk-bench -business examples/business/medical-practice.json
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	voxdesk "github.com/voxdesk/voxdesk/bindings/go"
	"github.com/voxdesk/voxdesk/bindings/go/internal/cbench"
	"github.com/voxdesk/voxdesk/bindings/go/internal/rawhandle"
)

func main() {
	config := flag.String("business", "examples/business/medical-practice.json", "business configuration")
	n := flag.Int("n", 50000, "calls per repetition")
	reps := flag.Int("reps", 7, "repetitions (the median is reported)")
	flag.Parse()
	log.SetFlags(0)
	if err := run(*config, *n, *reps); err != nil {
		log.Fatal(err)
	}
}

func run(config string, n, reps int) error {
	ctx := context.Background()
	now, _ := time.Parse(time.RFC3339, "2026-03-02T08:00:00-05:00")
	biz, err := voxdesk.Open(voxdesk.Options{ConfigPath: config, Now: now, Seed: 7})
	if err != nil {
		return err
	}
	defer biz.Close()
	from, _ := time.Parse(time.RFC3339, "2026-03-03T00:00:00-05:00")
	q := voxdesk.SlotQuery{Service: "exam", Start: from, End: from.Add(24 * time.Hour), Limit: 1}
	fromS, toS := q.Start.Format(time.RFC3339), q.End.Format(time.RFC3339)

	goLoop := func(k int) (time.Duration, error) {
		t0 := time.Now()
		for range k {
			s, err := biz.Slots(ctx, q)
			if err != nil {
				return 0, err
			}
			if len(s) != 1 {
				return 0, fmt.Errorf("want 1 slot, got %d", len(s))
			}
		}
		return time.Since(t0), nil
	}
	cLoop := func(k int) (time.Duration, error) {
		return cbench.SlotsLoop(rawhandle.Of(biz), "exam", fromS, toS, 1, k)
	}

	// Warm up both paths, then alternate repetitions so drift hits both alike.
	if _, err := goLoop(n / 5); err != nil {
		return err
	}
	if _, err := cLoop(n / 5); err != nil {
		return err
	}
	var goUs, cUs []float64
	for range reps {
		g, err := goLoop(n)
		if err != nil {
			return err
		}
		c, err := cLoop(n)
		if err != nil {
			return err
		}
		goUs = append(goUs, float64(g.Nanoseconds())/float64(n)/1000)
		cUs = append(cUs, float64(c.Nanoseconds())/float64(n)/1000)
	}
	bg, cg := median(goUs), median(cUs)
	emit("bindings.go.slots_overhead", "us", round(bg-cg, 3), map[string]any{
		"binding_us": round(bg, 3), "c_us": round(cg, 3), "n": n * reps, "reps": reps,
		"query": "exam, one day, limit 1",
	})

	// RSS after 100,000 more calls, from a settled heap on both sides.
	settle := func() int64 { runtime.GC(); debug.FreeOSMemory(); return rssKB() }
	before := settle()
	if _, err := goLoop(100000); err != nil {
		return err
	}
	after := settle()
	emit("bindings.go.rss_growth_100k", "KB", after-before, map[string]any{
		"rss_before_kb": before, "rss_after_kb": after, "calls": 100000, "call": "Slots",
	})
	return nil
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

func round(v float64, digits int) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', digits, 64), 64)
	return f
}

func emit(name, unit string, value any, params map[string]any) {
	line, _ := json.Marshal(map[string]any{"name": name, "unit": unit, "value": value, "params": params})
	fmt.Println(string(line))
}

// rssKB is this process's resident set (VmRSS), in kilobytes.
func rssKB() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb
		}
	}
	return -1
}
