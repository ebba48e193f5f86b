package voxdesk

/*
#include <stdlib.h>
#include <voxdesk/voxdesk.h>
*/
import "C"

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// SimCall is one scripted call for Simulate (docs/cli.md, simulate).
type SimCall struct {
	ID    string    // names the call in its record
	From  string    // caller id, E.164; "" = withheld
	Now   time.Time // when the call starts; zero = the business's current time
	Turns []string  // what the caller says, in order; "" is a silent turn
}

// MarshalJSON writes the call as one script line.
func (s SimCall) MarshalJSON() ([]byte, error) {
	type line struct {
		ID    string   `json:"id,omitempty"`
		From  string   `json:"from,omitempty"`
		Now   string   `json:"now,omitempty"`
		Turns []string `json:"turns"`
	}
	turns := s.Turns
	if turns == nil {
		turns = []string{}
	}
	return json.Marshal(line{s.ID, s.From, rfc3339(s.Now), turns})
}

// Simulate runs scripted calls through the conversation engine in virtual
// time against the business's store, one after another (later calls see
// earlier bookings), and returns one record per call. The business's clock
// does not move. It stops between calls when ctx is cancelled, returning the
// records of the calls that ran along with ctx.Err(); an error in call i
// names it (calls[i]) and likewise returns the records before it.
func (b *Business) Simulate(ctx context.Context, calls []SimCall) ([]*Record, error) {
	out := make([]*Record, 0, len(calls))
	for i, call := range calls {
		line, err := json.Marshal(call)
		if err != nil {
			return out, errorf("simulate", StatusInvalid, "calls[%d]: %v", i, err)
		}
		jsonl, err := b.SimulateJSONL(ctx, string(line))
		if err != nil {
			if e, ok := err.(*Error); ok {
				e.Msg = fmt.Sprintf("calls[%d]: %s", i, e.Msg)
			}
			return out, err
		}
		rec, err := parseRecord("simulate", b.loc, strings.TrimSpace(jsonl))
		if err != nil {
			return out, err
		}
		out = append(out, rec)
	}
	return out, nil
}

// SimulateJSONL is Simulate on a script in the `voxdesk simulate` format
// (one JSON call per line), returning its JSONL output. The whole script is
// checked before any call runs; a bad line is ErrInvalid naming it. ctx is
// checked once, before the script starts.
func (b *Business) SimulateJSONL(ctx context.Context, script string) (string, error) {
	const op = "simulate"
	h, err := b.begin(ctx, op)
	if err != nil {
		return "", err
	}
	defer b.core.mu.RUnlock()
	var s [1]*C.char
	mem, err := cstrings(op, s[:], arg{"script", script})
	if err != nil {
		return "", err
	}
	defer C.free(mem)
	var out *C.char
	if err := ccall(op, func() C.voxdesk_status { return C.voxdesk_simulate(h, s[0], &out) }); err != nil {
		return "", err
	}
	return takeText(out), nil
}
