'use strict';
// A live call as an EventEmitter.
//
// Events are drained with voxdesk_call_next_event() right after each
// process()/dtmf()/hangup() instead of through the C event callback: that
// callback runs inside voxdesk_call_process() under the business's lock, so
// a listener that touched the business (a very natural thing to do on a
// 'booking' event) would fail with REENTRANT, and a thread-safe function
// would deliver events later than the frame that caused them. Draining
// keeps events in order, tied to their frame, with no lock held.
const { EventEmitter } = require('node:events');

class Call extends EventEmitter {
  #native;
  #samples;

  /** @internal */
  constructor(native) {
    super();
    this.#native = native;
    this.#samples = native.frameSamples();
  }

  /** Samples in one 20 ms frame (160 at 8 kHz). */
  get frameSamples() {
    return this.#samples;
  }

  get closed() {
    return this.#native.closed();
  }

  /** One frame of caller audio in (or null for none), the agent's frame out. */
  process(frame = null) {
    const out = new Int16Array(this.#samples);
    const live = this.#native.process(frame, out);
    this.#drain();
    return { out, live };
  }

  dtmf(digit) {
    this.#native.dtmf(digit);
    this.#drain();
  }

  hangup() {
    this.#native.hangup();
    this.#drain();
  }

  /** The call's record (outcome, transcript, turns, end_reason, ...). */
  record() {
    return JSON.parse(this.#native.record());
  }

  writeWav(path) {
    this.#native.writeWav(path);
  }

  close() {
    if (!this.#native.closed()) this.#drain();
    this.#native.close();
  }

  #drain() {
    for (let json = this.#native.nextEvent(); json !== null; json = this.#native.nextEvent()) {
      const event = JSON.parse(json);
      this.emit('event', event);
      // An 'error' event without listeners would throw from emit().
      if (event.type !== 'error' || this.listenerCount('error') > 0) this.emit(event.type, event);
    }
  }
}

module.exports = { Call };
