package voxdesk

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	enginesOnce sync.Once
	engines     *Engines
	enginesErr  error
)

// sharedEngines loads the embedded engines once for every call test.
func sharedEngines(t *testing.T) *Engines {
	t.Helper()
	enginesOnce.Do(func() { engines, enginesErr = OpenEmbeddedEngines(EngineOptions{}) })
	if enginesErr != nil {
		t.Fatalf("OpenEmbeddedEngines: %v", enginesErr)
	}
	return engines
}

// mondayOpen is during opening hours, when a person can take a transfer.
var mondayOpen = at("2026-03-02T09:00:00-05:00")

func rms(v []int16) float64 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s / float64(len(v)))
}

func TestCallGreetsAndTransfersOnZero(t *testing.T) {
	b := open(t, Options{Now: mondayOpen})
	c, err := b.Call(sharedEngines(t), CallOptions{CallID: "go-call-1", CallerID: "+15550003333", Record: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	n := c.FrameSamples()
	if n != 160 {
		t.Fatalf("frame = %d samples, want 160 at 8 kHz", n)
	}
	silence, out := make([]int16, n), make([]int16, n)
	loudest := 0.0
	for range 150 { // three seconds of the caller listening
		live, err := c.Process(silence, out)
		if err != nil || !live {
			t.Fatalf("Process = %v, %v", live, err)
		}
		loudest = max(loudest, rms(out))
	}
	if loudest < 500 {
		t.Errorf("the greeting is silent (RMS %.0f)", loudest)
	}
	events, err := c.Events()
	if err != nil || len(events) < 2 {
		t.Fatalf("events = %+v, %v", events, err)
	}
	if events[0].Type != "call_started" || events[0].Text != "+15550003333" || events[0].CallID != "go-call-1" {
		t.Errorf("first event = %+v", events[0])
	}
	if events[1].Type != "agent_speech" || !strings.HasPrefix(events[1].Text, "This call is recorded.") {
		t.Errorf("second event = %+v", events[1])
	}

	if err := c.DTMF('0'); err != nil {
		t.Fatal(err)
	}
	var transfer *Event
	live := true
	for i := 0; i < 50*60 && live; i++ {
		if live, err = c.Process(nil, out); err != nil {
			t.Fatal(err)
		}
		evs, _ := c.Events()
		for _, e := range evs {
			if e.Type == "transfer" {
				transfer = &e
			}
		}
	}
	if live || transfer == nil {
		t.Fatalf("after 0: live=%v transfer=%v", live, transfer)
	}
	if transfer.Text != "+15550100199" || !strings.Contains(string(transfer.Data), "caller_request") || transfer.T() <= 3*time.Second {
		t.Errorf("transfer = %+v", transfer)
	}
	rec, err := c.Record()
	if err != nil || rec.Outcome != "transferred" || rec.EndReason != "transfer" {
		t.Fatalf("record = %+v, %v", rec, err)
	}
	wav := filepath.Join(t.TempDir(), "call.wav")
	if err := c.WriteWAV(wav); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(wav); err != nil || len(data) < 44 || string(data[:4]) != "RIFF" {
		t.Errorf("WAV: %d bytes, %v", len(data), err)
	}
	live, err = c.Process(silence, out)
	if err != nil || live || rms(out) != 0 {
		t.Errorf("after the end: live=%v rms=%v err=%v", live, rms(out), err)
	}
}

func TestCallRunWithEventCallback(t *testing.T) {
	b := open(t, Options{Now: mondayOpen})
	var types []string
	var slotsFromCallback error
	c, err := b.Call(sharedEngines(t), CallOptions{OnEvent: func(e Event) {
		types = append(types, e.Type)
		// Callbacks run outside the library's lock: calling back is fine.
		_, _, slotsFromCallback = b.NextAvailable(bg, "exam", "", time.Time{})
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	frames := 0
	err = c.Run(bg, FrameFuncs{Read: func(_ context.Context, in []int16) (bool, error) {
		frames++
		if frames == 100 {
			if err := c.Hangup(); err != nil {
				return false, err
			}
		}
		return false, nil // no audio arrived
	}})
	if err != nil {
		t.Fatal(err)
	}
	if frames != 100 {
		t.Errorf("Run took %d frames, want the call to end on the frame of the hang-up", frames)
	}
	if len(types) < 3 || types[0] != "call_started" || types[len(types)-1] != "hangup" {
		t.Errorf("events = %v", types)
	}
	if slotsFromCallback != nil {
		t.Errorf("calling the business from OnEvent: %v", slotsFromCallback)
	}
	if evs, err := c.Events(); err != nil || len(evs) != 0 {
		t.Errorf("Events with OnEvent set = %v, %v", evs, err)
	}
}

func TestCallRunStopsOnCancel(t *testing.T) {
	b := open(t, Options{Now: mondayOpen})
	c, err := b.Call(sharedEngines(t), CallOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithCancel(bg)
	frames := 0
	err = c.Run(ctx, FrameFuncs{Write: func(context.Context, []int16) error {
		if frames++; frames == 25 {
			cancel()
		}
		return nil
	}})
	if !errors.Is(err, context.Canceled) || frames != 25 {
		t.Fatalf("Run = %v after %d frames", err, frames)
	}
	// The call is still live and can go on.
	out := make([]int16, c.FrameSamples())
	if live, err := c.Process(nil, out); err != nil || !live {
		t.Errorf("after cancel: live=%v err=%v", live, err)
	}
}

func TestCallBadInputAndClose(t *testing.T) {
	b := open(t, Options{Now: mondayOpen})
	eng := sharedEngines(t)
	if _, err := b.Call(eng, CallOptions{CallerID: "555"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("bad caller id: %v", err)
	}
	if _, err := b.Call(eng, CallOptions{SampleRate: 44100}); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "sample_rate") {
		t.Errorf("44.1 kHz: %v", err)
	}
	if _, err := b.Call(eng, CallOptions{NoInput: -time.Second}); !errors.Is(err, ErrInvalid) {
		t.Errorf("negative NoInput: %v", err)
	}
	if _, err := b.Call(nil, CallOptions{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("nil engines: %v", err)
	}
	c, err := b.Call(eng, CallOptions{SampleRate: 16000})
	if err != nil {
		t.Fatal(err)
	}
	if c.FrameSamples() != 320 {
		t.Errorf("16 kHz frame = %d samples", c.FrameSamples())
	}
	short := make([]int16, 100)
	if _, err := c.Process(short, short); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "320") {
		t.Errorf("short frame: %v", err)
	}
	if _, err := c.Process(make([]int16, 320), short); !errors.Is(err, ErrInvalid) {
		t.Errorf("short out frame: %v", err)
	}
	if err := c.DTMF('x'); !errors.Is(err, ErrInvalid) {
		t.Errorf("DTMF x: %v", err)
	}
	if err := c.DTMF('€'); !errors.Is(err, ErrInvalid) {
		t.Errorf("DTMF €: %v", err)
	}
	if err := c.WriteWAV(filepath.Join(t.TempDir(), "x.wav")); !errors.Is(err, ErrConflict) {
		t.Errorf("WAV of an unrecorded call: %v", err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	c.Close()
	out := make([]int16, 320)
	if _, err := c.Process(nil, out); !errors.Is(err, ErrClosed) {
		t.Errorf("Process after Close: %v", err)
	}
	if _, err := c.Events(); !errors.Is(err, ErrClosed) {
		t.Errorf("Events after Close: %v", err)
	}

	// Closing the business closes its calls.
	c2, err := b.Call(eng, CallOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b.Close()
	if err := c2.Hangup(); !errors.Is(err, ErrClosed) {
		t.Errorf("Hangup after the business closed: %v", err)
	}
	c2.Close()
}

func TestEnginesCloseWaitsForTheirCalls(t *testing.T) {
	b := open(t, Options{Now: mondayOpen})
	eng, err := OpenEmbeddedEngines(EngineOptions{RateWPM: 200})
	if err != nil {
		t.Fatal(err)
	}
	c, err := b.Call(eng, CallOptions{})
	if err != nil {
		t.Fatal(err)
	}
	eng.Close()
	out := make([]int16, c.FrameSamples())
	for range 50 {
		if _, err := c.Process(nil, out); err != nil {
			t.Fatalf("a call outlives its engines' Close: %v", err)
		}
	}
	if _, err := b.Call(eng, CallOptions{}); !errors.Is(err, ErrClosed) {
		t.Errorf("a new call on closed engines: %v", err)
	}
	c.Close()
	if _, err := OpenEmbeddedEngines(EngineOptions{VoiceEN: "no-such-voice"}); err == nil {
		t.Error("a missing voice was accepted")
	}
}
