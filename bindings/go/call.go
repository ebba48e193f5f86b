package voxdesk

/*
#include <stdlib.h>
#include "helpers.h"
*/
import "C"

import (
	"context"
	"math"
	"runtime/cgo"
	"time"
	"unsafe"
)

// CallOptions configure a live call; zero values are the library defaults.
type CallOptions struct {
	CallID          string        // makes the call's idempotency keys unique; "" = generated
	CallerID        string        // the caller's E.164 number; "" when withheld
	SampleRate      int           // 8000 (telephone) or 16000; 0 = 8000
	EndOfTurn       time.Duration // silence that ends the caller's turn; 0 = 500ms
	BargeIn         time.Duration // caller speech over the agent that interrupts; 0 = 400ms
	NoInput         time.Duration // silence after the agent that reprompts; 0 = 7s
	Record          bool          // record both legs, for WriteWAV
	RecordingNotice string        // said before the greeting when recording; "" = "This call is recorded."
	OutboxDir       string        // where booking confirmations are written; "" = none sent
	// OnEvent, when set, receives every event instead of Events(). It runs on
	// the goroutine that called Process (or DTMF, Hangup, Close) once the
	// library's work is done, so it may call back into the business.
	OnEvent func(Event)
}

// Call is one live phone call in audio (docs/session.md): feed the caller's
// 20 ms frames to Process and play the frames it returns. On a business in
// virtual time each Process moves the clock 20 ms, so calls run faster than
// real time. Safe for use from several goroutines; Close it when done.
type Call struct {
	b       *Business
	ch      *child
	sink    *eventSink
	onEvent func(Event)
	samples int
}

// Call answers a call on engines; the greeting starts with the first frames.
func (b *Business) Call(e *Engines, o CallOptions) (*Call, error) {
	const op = "call"
	var p C.voxdesk_call_params
	C.voxdesk_call_params_init(&p, C.sizeof_voxdesk_call_params)
	for _, v := range []struct {
		name string
		val  int64
		dst  *C.int32_t
	}{
		{"SampleRate", int64(o.SampleRate), &p.sample_rate},
		{"EndOfTurn", o.EndOfTurn.Milliseconds(), &p.end_of_turn_ms},
		{"BargeIn", o.BargeIn.Milliseconds(), &p.barge_in_ms},
		{"NoInput", o.NoInput.Milliseconds(), &p.no_input_ms},
	} {
		if v.val < 0 || v.val > math.MaxInt32 {
			return nil, errorf(op, StatusInvalid, "%s: %d is out of range", v.name, v.val)
		}
		*v.dst = C.int32_t(v.val)
	}
	if o.Record {
		p.record = 1
	}
	if e == nil || e.core == nil {
		return nil, errorf(op, StatusInvalid, "engines: nil")
	}
	h, err := b.lock(op)
	if err != nil {
		return nil, err
	}
	defer b.core.mu.RUnlock()
	var s [4]*C.char
	mem, err := cstrings(op, s[:], arg{"call_id", o.CallID}, arg{"caller_id", o.CallerID},
		arg{"recording_notice", o.RecordingNotice}, arg{"outbox_dir", o.OutboxDir})
	if err != nil {
		return nil, err
	}
	defer C.free(mem)
	p.recording_notice, p.outbox_dir = s[2], s[3]
	eh := e.core.acquire()
	if eh == nil {
		return nil, closedError(op + " (engines)")
	}
	ch := &child{eng: e.core}
	if err := ccall(op, func() C.voxdesk_status { return C.voxdesk_call_open(h, eh, s[0], s[1], &p, &ch.call) }); err != nil {
		e.core.release()
		return nil, err
	}
	c := &Call{b: b, ch: ch, samples: int(C.voxdesk_call_frame_samples(ch.call)), onEvent: o.OnEvent}
	if o.OnEvent != nil {
		c.sink = &eventSink{}
		ch.sink = cgo.NewHandle(c.sink)
		if err := ccall(op, func() C.voxdesk_status { return C.vxgo_call_set_sink(ch.call, C.uintptr_t(ch.sink)) }); err != nil {
			C.voxdesk_call_close(ch.call)
			ch.sink.Delete()
			e.core.release()
			return nil, err
		}
		// Events raised while answering were queued before the callback was
		// set; they go first, delivered with the next call's events.
		for {
			var p *C.char
			if C.voxdesk_call_next_event(ch.call, &p) != C.VOXDESK_OK || p == nil {
				break
			}
			c.sink.pending = append(c.sink.pending, takeText(p))
		}
	}
	b.addChild(ch)
	return c, nil
}

// FrameSamples is the number of samples in one 20 ms frame (160 at 8 kHz).
func (c *Call) FrameSamples() int { return c.samples }

// lock is Business.lock plus a check that this call is still open.
func (c *Call) lock(op string) (*C.voxdesk_call, error) {
	if c == nil || c.ch == nil {
		return nil, closedError(op)
	}
	if _, err := c.b.lock(op); err != nil {
		return nil, err
	}
	if c.ch.call == nil {
		c.b.core.mu.RUnlock()
		return nil, closedError(op)
	}
	return c.ch.call, nil
}

// unlock releases the lock and then hands pending events to OnEvent.
func (c *Call) unlock() {
	c.b.core.mu.RUnlock()
	c.deliver()
}

func (c *Call) deliver() {
	if c.sink == nil {
		return
	}
	for _, raw := range c.sink.take() {
		if e, err := parseEvent("event", raw); err == nil {
			c.onEvent(e)
		}
	}
}

// Process runs one frame: in holds the caller's FrameSamples() samples (nil
// when no audio arrived), out receives the agent's. live turns false once
// the call is over and its last words have played; the last event says
// whether to hang up or transfer.
func (c *Call) Process(in, out []int16) (live bool, err error) {
	const op = "call process"
	if c == nil || c.ch == nil {
		return false, closedError(op)
	}
	if len(out) != c.samples || (in != nil && len(in) != c.samples) {
		return false, errorf(op, StatusInvalid, "frames must hold %d samples (in %d, out %d)", c.samples, len(in), len(out))
	}
	h, err := c.lock(op)
	if err != nil {
		return false, err
	}
	defer c.unlock()
	var pin *C.int16_t
	if in != nil {
		pin = (*C.int16_t)(unsafe.Pointer(&in[0]))
	}
	var l C.int
	err = ccall(op, func() C.voxdesk_status {
		return C.voxdesk_call_process(h, pin, (*C.int16_t)(unsafe.Pointer(&out[0])), C.size_t(len(out)), &l)
	})
	return l != 0, err
}

// DTMF reports a key the caller pressed out of band (0-9 * # A-D).
func (c *Call) DTMF(digit rune) error {
	const op = "call dtmf"
	if digit <= 0 || digit > 127 {
		return errorf(op, StatusInvalid, "digit: %q is not a keypad key", digit)
	}
	h, err := c.lock(op)
	if err != nil {
		return err
	}
	defer c.unlock()
	return ccall(op, func() C.voxdesk_status { return C.voxdesk_call_dtmf(h, C.char(digit)) })
}

// Hangup says the caller hung up; the next Process ends the call.
func (c *Call) Hangup() error {
	const op = "call hangup"
	h, err := c.lock(op)
	if err != nil {
		return err
	}
	defer c.unlock()
	return ccall(op, func() C.voxdesk_status { return C.voxdesk_call_hangup(h) })
}

// Events takes the events waiting since the last call, oldest first (none
// when OnEvent is set). The library keeps at most 4096; drain often.
func (c *Call) Events() ([]Event, error) {
	const op = "call events"
	h, err := c.lock(op)
	if err != nil {
		return nil, err
	}
	defer c.unlock()
	var out []Event
	for {
		var p *C.char
		if err := ccall(op, func() C.voxdesk_status { return C.voxdesk_call_next_event(h, &p) }); err != nil {
			return out, err
		}
		if p == nil {
			return out, nil
		}
		e, err := parseEvent(op, takeText(p))
		if err != nil {
			return out, err
		}
		out = append(out, e)
	}
}

// Record is the call's record: outcome, booking, transcript, end reason and
// per-turn latency.
func (c *Call) Record() (*Record, error) {
	const op = "call record"
	h, err := c.lock(op)
	if err != nil {
		return nil, err
	}
	defer c.unlock()
	raw, err := ctext(op, func() *C.char { return C.voxdesk_call_record_json(h) })
	if err != nil {
		return nil, err
	}
	return parseRecord(op, c.b.loc, raw)
}

// WriteWAV writes the recording as a stereo WAV (caller left, agent right):
// ErrConflict when the call was not recorded.
func (c *Call) WriteWAV(path string) error {
	const op = "call write wav"
	h, err := c.lock(op)
	if err != nil {
		return err
	}
	defer c.unlock()
	var s [1]*C.char
	mem, err := cstrings(op, s[:], arg{"path", path})
	if err != nil {
		return err
	}
	defer C.free(mem)
	return ccall(op, func() C.voxdesk_status { return C.voxdesk_call_write_wav(h, s[0]) })
}

// Close ends the call if it is still live (as a hang-up) and frees it.
// Idempotent.
func (c *Call) Close() error {
	if c == nil || c.ch == nil || c.b == nil || c.b.core == nil {
		return nil
	}
	c.b.core.mu.Lock()
	if c.ch.call != nil {
		c.ch.closeLocked()
		delete(c.b.core.children, c.ch)
	}
	c.b.core.mu.Unlock()
	c.deliver()
	return nil
}

// FrameIO is the audio side of Run: where the caller's frames come from and
// where the agent's go.
type FrameIO interface {
	// ReadFrame fills in with the caller's next frame; false when no audio
	// arrived for it. On the real clock it paces the call (one frame per 20 ms).
	ReadFrame(ctx context.Context, in []int16) (bool, error)
	// WriteFrame plays the agent's frame.
	WriteFrame(ctx context.Context, out []int16) error
}

// FrameFuncs adapts two functions to FrameIO; a nil Read feeds silence, a nil
// Write discards the agent's audio.
type FrameFuncs struct {
	Read  func(ctx context.Context, in []int16) (bool, error)
	Write func(ctx context.Context, out []int16) error
}

func (f FrameFuncs) ReadFrame(ctx context.Context, in []int16) (bool, error) {
	if f.Read == nil {
		clear(in)
		return true, nil
	}
	return f.Read(ctx, in)
}

func (f FrameFuncs) WriteFrame(ctx context.Context, out []int16) error {
	if f.Write == nil {
		return nil
	}
	return f.Write(ctx, out)
}

// Run processes frames until the call is over (nil) or ctx is cancelled
// (ctx.Err(); the call stays open: Hangup or Close it, or Run again).
func (c *Call) Run(ctx context.Context, io FrameIO) error {
	in, out := make([]int16, c.samples), make([]int16, c.samples)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		ok, err := io.ReadFrame(ctx, in)
		if err != nil {
			return err
		}
		frame := in
		if !ok {
			frame = nil
		}
		live, err := c.Process(frame, out)
		if err != nil {
			return err
		}
		if err := io.WriteFrame(ctx, out); err != nil {
			return err
		}
		if !live {
			return nil
		}
	}
}
