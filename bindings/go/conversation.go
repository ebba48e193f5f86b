package voxdesk

/*
#include <stdlib.h>
#include <voxdesk/voxdesk.h>
*/
import "C"

import (
	"context"
	"encoding/json"
)

// Conversation is one phone call's conversation in text (docs/dialog.md):
// Start for the greeting, then Turn for each thing the caller says. It books,
// moves and cancels in its business's store, always after reading the action
// back and hearing a yes. Safe for use from several goroutines; Close it
// (or its Business) when done.
type Conversation struct {
	b  *Business
	ch *child
}

// Reply is the agent's answer to one turn.
type Reply struct {
	Text       string `json:"text"`
	EndCall    bool   `json:"end_call"`              // the agent ends the call after saying Text
	TransferTo string `json:"transfer_to,omitempty"` // the call is handed to this number
}

// Conversation opens a conversation. callID makes the call's idempotency
// keys unique ("" = generated); callerID is the caller's E.164 number, ""
// when withheld.
func (b *Business) Conversation(callID, callerID string) (*Conversation, error) {
	const op = "conversation"
	h, err := b.lock(op)
	if err != nil {
		return nil, err
	}
	defer b.core.mu.RUnlock()
	var s [2]*C.char
	mem, err := cstrings(op, s[:], arg{"call_id", callID}, arg{"caller_id", callerID})
	if err != nil {
		return nil, err
	}
	defer C.free(mem)
	ch := &child{}
	if err := ccall(op, func() C.voxdesk_status { return C.voxdesk_conversation_open(h, s[0], s[1], &ch.conv) }); err != nil {
		return nil, err
	}
	b.addChild(ch)
	return &Conversation{b: b, ch: ch}, nil
}

// lock is Business.lock plus a check that this conversation is still open.
func (c *Conversation) lock(ctx context.Context, op string) (*C.voxdesk_conversation, error) {
	if c == nil || c.ch == nil {
		return nil, closedError(op)
	}
	if _, err := c.b.begin(ctx, op); err != nil {
		return nil, err
	}
	if c.ch.conv == nil {
		c.b.core.mu.RUnlock()
		return nil, closedError(op)
	}
	return c.ch.conv, nil
}

// Start is the greeting; call it once, first.
func (c *Conversation) Start(ctx context.Context) (Reply, error) {
	const op = "conversation start"
	h, err := c.lock(ctx, op)
	if err != nil {
		return Reply{}, err
	}
	defer c.b.core.mu.RUnlock()
	var out *C.char
	if err := ccall(op, func() C.voxdesk_status { return C.voxdesk_conversation_start(h, &out) }); err != nil {
		return Reply{}, err
	}
	return parseReply(op, takeText(out))
}

// Turn is the agent's reply to what the caller said ("" = silence). After a
// reply with EndCall, further turns return an empty reply with EndCall.
func (c *Conversation) Turn(ctx context.Context, utterance string) (Reply, error) {
	const op = "conversation turn"
	h, err := c.lock(ctx, op)
	if err != nil {
		return Reply{}, err
	}
	defer c.b.core.mu.RUnlock()
	var s [1]*C.char
	mem, err := cstrings(op, s[:], arg{"utterance", utterance})
	if err != nil {
		return Reply{}, err
	}
	defer C.free(mem)
	var out *C.char
	if err := ccall(op, func() C.voxdesk_status { return C.voxdesk_conversation_turn(h, s[0], &out) }); err != nil {
		return Reply{}, err
	}
	return parseReply(op, takeText(out))
}

// Finish ends the call: releases times still held and settles the outcome.
// Idempotent.
func (c *Conversation) Finish() error {
	const op = "conversation finish"
	h, err := c.lock(context.Background(), op)
	if err != nil {
		return err
	}
	defer c.b.core.mu.RUnlock()
	return ccall(op, func() C.voxdesk_status { return C.voxdesk_conversation_finish(h) })
}

// Record is the call's record so far (outcome, booking, transcript, ...).
func (c *Conversation) Record() (*Record, error) {
	const op = "conversation record"
	h, err := c.lock(context.Background(), op)
	if err != nil {
		return nil, err
	}
	defer c.b.core.mu.RUnlock()
	raw, err := ctext(op, func() *C.char { return C.voxdesk_conversation_record_json(h) })
	if err != nil {
		return nil, err
	}
	return parseRecord(op, c.b.loc, raw)
}

// Close finishes the call if needed and frees it. Idempotent.
func (c *Conversation) Close() error {
	if c == nil || c.ch == nil || c.b == nil || c.b.core == nil {
		return nil
	}
	c.b.core.mu.Lock()
	defer c.b.core.mu.Unlock()
	if c.ch.conv != nil {
		c.ch.closeLocked()
		delete(c.b.core.children, c.ch)
	}
	return nil
}

func parseReply(op, raw string) (Reply, error) {
	var r Reply
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		return Reply{}, errorf(op, StatusInternal, "unreadable reply: %v", err)
	}
	return r, nil
}
