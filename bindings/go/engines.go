package voxdesk

/*
#include <stdlib.h>
#include <voxdesk/voxdesk.h>
*/
import "C"

import (
	"math"
	"runtime"
	"sync"
)

// EngineOptions tune the embedded speech engines; zero values are defaults.
type EngineOptions struct {
	VoiceEN         string // espeak-ng voice for English; "" = "en-us"
	VoiceES         string // espeak-ng voice for Spanish; "" = "es-419"
	RateWPM         int    // speaking rate, 80..450 words per minute; 0 = 175
	PreloadDecoders int    // recognisers built up front; 0 = 1
}

// Engines are speech engines for live calls: espeak-ng speaks, pocketsphinx
// listens; no network, no keys. One Engines serves any number of calls on
// any goroutines. Loading takes about a second.
type Engines struct {
	core    *engCore
	cleanup runtime.Cleanup
}

// engCore counts the calls using the engines, so that closing the engines
// (or collecting them) while calls are open waits for the last call.
type engCore struct {
	mu      sync.Mutex
	h       *C.voxdesk_engines
	refs    int
	closing bool
}

// OpenEmbeddedEngines loads the embedded engines: ErrNotFound names a
// missing voice or model.
func OpenEmbeddedEngines(o EngineOptions) (*Engines, error) {
	const op = "open engines"
	if versionErr != nil {
		return nil, versionErr
	}
	if o.RateWPM < 0 || o.RateWPM > math.MaxInt32 || o.PreloadDecoders < 0 || o.PreloadDecoders > math.MaxInt32 {
		return nil, errorf(op, StatusInvalid, "RateWPM and PreloadDecoders must be small non-negative numbers")
	}
	var p C.voxdesk_engines_params
	C.voxdesk_engines_params_init(&p, C.sizeof_voxdesk_engines_params)
	var s [2]*C.char
	mem, err := cstrings(op, s[:], arg{"voice_en", o.VoiceEN}, arg{"voice_es", o.VoiceES})
	if err != nil {
		return nil, err
	}
	defer C.free(mem)
	p.voice_en, p.voice_es = s[0], s[1]
	p.rate_wpm, p.preload_decoders = C.int32_t(o.RateWPM), C.int32_t(o.PreloadDecoders)
	var h *C.voxdesk_engines
	if err := ccall(op, func() C.voxdesk_status { return C.voxdesk_engines_open_embedded(&p, &h) }); err != nil {
		return nil, err
	}
	e := &Engines{core: &engCore{h: h}}
	e.cleanup = runtime.AddCleanup(e, (*engCore).close, e.core)
	return e, nil
}

// Close frees the engines once no call uses them any more. Idempotent.
func (e *Engines) Close() error {
	if e == nil || e.core == nil {
		return nil
	}
	e.cleanup.Stop()
	e.core.close()
	return nil
}

func (ec *engCore) close() {
	ec.mu.Lock()
	defer ec.mu.Unlock()
	ec.closing = true
	if ec.refs == 0 && ec.h != nil {
		C.voxdesk_engines_close(ec.h)
		ec.h = nil
	}
}

// acquire takes a reference for a new call; nil once Close was called.
func (ec *engCore) acquire() *C.voxdesk_engines {
	ec.mu.Lock()
	defer ec.mu.Unlock()
	if ec.closing || ec.h == nil {
		return nil
	}
	ec.refs++
	return ec.h
}

func (ec *engCore) release() {
	ec.mu.Lock()
	defer ec.mu.Unlock()
	ec.refs--
	if ec.closing && ec.refs == 0 && ec.h != nil {
		C.voxdesk_engines_close(ec.h)
		ec.h = nil
	}
}
