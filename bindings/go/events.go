package voxdesk

/*
#include <stdint.h>
*/
import "C"

import (
	"encoding/json"
	"runtime/cgo"
	"sync"
	"time"
)

// Event is one thing that happened on a live call (docs/session.md):
// call_started, partial, transcript, intent, agent_speech, barge_in, dtmf,
// booking, transfer, hangup, metrics, error, language.
type Event struct {
	Type   string          `json:"type"`
	CallID string          `json:"call_id"`
	TMs    int64           `json:"t_ms"` // call time from the answer
	Text   string          `json:"text"`
	Data   json.RawMessage `json:"data,omitempty"`
}

// T is the event's call time as a duration from the answer.
func (e Event) T() time.Duration { return time.Duration(e.TMs) * time.Millisecond }

// eventSink collects events the library pushes on its callback, for delivery
// to CallOptions.OnEvent once the library's locks are released (so OnEvent
// may call back into the business).
type eventSink struct {
	mu      sync.Mutex
	pending []string
}

//export vxgoEvent
func vxgoEvent(handle C.uintptr_t, eventJSON *C.char) {
	s, ok := cgo.Handle(handle).Value().(*eventSink)
	if !ok {
		return
	}
	e := C.GoString(eventJSON)
	s.mu.Lock()
	s.pending = append(s.pending, e)
	s.mu.Unlock()
}

func (s *eventSink) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.pending
	s.pending = nil
	return p
}

func parseEvent(op, raw string) (Event, error) {
	var e Event
	if err := json.Unmarshal([]byte(raw), &e); err != nil {
		return Event{}, errorf(op, StatusInternal, "unreadable event: %v", err)
	}
	return e, nil
}
