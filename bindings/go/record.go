package voxdesk

import (
	"encoding/json"
	"time"
)

// Record is what happened on one call: a conversation's or live call's
// record, or one line of Simulate's output (docs/cli.md, simulate).
type Record struct {
	ID               string         // the call id (Simulate only)
	Outcome          string         // booked, rescheduled, cancelled, transferred, message_taken, answered, emergency, hung_up
	Booking          *Booking       // the last booking made or changed, if any
	Transcript       []Utterance    // who said what, when
	EscalationReason string         // set when the call was handed over
	TransferTo       string         // the number it was handed to
	Messages         []Message      // messages taken for staff
	Summary          map[string]any // the industry pack's minimum-necessary fields
	Language         string         // "en" or "es"
	EndReason        string         // live calls: agent, caller, transfer, timeout
	Turns            []TurnMetrics  // live calls: latency per turn
	Raw              json.RawMessage
}

// Utterance is one line of a transcript.
type Utterance struct {
	Speaker     string        `json:"speaker"` // "agent" or "caller"
	Text        string        `json:"text"`
	T           time.Duration `json:"-"` // from the start of the call
	TMs         int64         `json:"t_ms"`
	Intent      string        `json:"intent,omitempty"`
	Confidence  float64       `json:"confidence,omitempty"`
	Interrupted bool          `json:"interrupted,omitempty"` // the caller barged in
}

// Message is a message taken for a staff member.
type Message struct {
	For      string `json:"for"`
	Text     string `json:"text"`
	Callback string `json:"callback"`
	Reason   string `json:"reason"`
}

// TurnMetrics is one turn's latency on a live call (docs/session.md): call
// time stamps in milliseconds from the answer, processing times in
// microseconds.
type TurnMetrics struct {
	SpeechEndMs     int64 `json:"speech_end_ms"`
	FinalMs         int64 `json:"final_ms"`
	DecidedMs       int64 `json:"decided_ms"`
	FirstAudioMs    int64 `json:"first_audio_ms"`
	FirstFrameMs    int64 `json:"first_frame_ms"`
	ResponseMs      int64 `json:"response_ms"`
	DialogUs        int64 `json:"dialog_us"`
	TTSFirstAudioUs int64 `json:"tts_first_audio_us"`
	SDKUs           int64 `json:"sdk_us"`
}

type wireBooking struct {
	ID               string    `json:"id"`
	Service          string    `json:"service"`
	Staff            string    `json:"staff"`
	Start            time.Time `json:"start"`
	End              time.Time `json:"end"`
	Status           string    `json:"status"`
	ConfirmationCode string    `json:"confirmation_code"`
	Sequence         int       `json:"sequence"`
	Customer         struct {
		Name  string `json:"name"`
		Phone string `json:"phone"`
		Email string `json:"email"`
	} `json:"customer"`
}

type wireRecord struct {
	ID               string          `json:"id"`
	Outcome          string          `json:"outcome"`
	Booking          json.RawMessage `json:"booking"`
	Transcript       []Utterance     `json:"transcript"`
	EscalationReason string          `json:"escalation_reason"`
	TransferTo       string          `json:"transfer_to"`
	Messages         []Message       `json:"messages"`
	Summary          map[string]any  `json:"summary"`
	Language         string          `json:"language"`
	EndReason        string          `json:"end_reason"`
	Turns            []TurnMetrics   `json:"turns"`
}

func parseRecord(op string, loc *time.Location, raw string) (*Record, error) {
	var w wireRecord
	if err := json.Unmarshal([]byte(raw), &w); err != nil {
		return nil, errorf(op, StatusInternal, "unreadable record: %v", err)
	}
	r := &Record{
		ID: w.ID, Outcome: w.Outcome, Transcript: w.Transcript, EscalationReason: w.EscalationReason,
		TransferTo: w.TransferTo, Messages: w.Messages, Summary: w.Summary, Language: w.Language,
		EndReason: w.EndReason, Turns: w.Turns, Raw: json.RawMessage(raw),
	}
	for i := range r.Transcript {
		r.Transcript[i].T = time.Duration(r.Transcript[i].TMs) * time.Millisecond
	}
	if len(w.Booking) > 0 && string(w.Booking) != "null" {
		bk, err := parseBooking(op, loc, w.Booking)
		if err != nil {
			return nil, err
		}
		r.Booking = bk
	}
	return r, nil
}

// parseBooking reads a booking in the JSON form `voxdesk book` prints.
func parseBooking(op string, loc *time.Location, raw json.RawMessage) (*Booking, error) {
	var w wireBooking
	if err := json.Unmarshal(raw, &w); err != nil {
		return nil, errorf(op, StatusInternal, "unreadable booking: %v", err)
	}
	return &Booking{
		ID: w.ID, Service: w.Service, Staff: w.Staff, Start: w.Start.In(loc), End: w.End.In(loc),
		Status: w.Status, ConfirmationCode: w.ConfirmationCode, CustomerName: w.Customer.Name,
		CustomerPhone: w.Customer.Phone, CustomerEmail: w.Customer.Email, Sequence: w.Sequence,
		JSON: string(raw),
	}, nil
}
