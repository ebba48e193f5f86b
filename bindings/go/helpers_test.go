package voxdesk

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// practice is the example medical practice (America/New_York).
var practice = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "examples", "business", "medical-practice.json")
}()

// monday8am is "now" for most tests: Monday 2 March 2026, 08:00 in New York.
var monday8am = at("2026-03-02T08:00:00-05:00")

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func open(t testing.TB, o Options) *Business {
	t.Helper()
	if o.ConfigPath == "" && o.ConfigJSON == "" {
		o.ConfigPath = practice
	}
	if o.Now.IsZero() {
		o.Now = monday8am
	}
	if o.Seed == 0 {
		o.Seed = 7
	}
	b, err := Open(o)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

var bg = context.Background()

func newYork(t testing.TB) *time.Location {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
