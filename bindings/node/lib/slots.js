'use strict';
// Unpacks the slot lists the addon sends as one string plus their times as
// doubles (PackSlots in src/common.h): V8 builds these objects far faster
// than N-API calls can.
const native = require('./native');

const SEP = '\x1f';
const shared = native.slotTimes;

// `packed` is the string, with the times in the shared view, or
// [string, Float64Array] for lists that carry their own times.
function unpackSlots(packed) {
  let times = shared;
  if (typeof packed !== 'string') {
    times = packed[1];
    packed = packed[0];
  }
  const out = [];
  if (packed === '') return out;
  // indexOf and slice: split() costs more than all the rest on a fresh string.
  for (let i = 0, k = 0; ; k += 2) {
    const a = packed.indexOf(SEP, i);
    const b = packed.indexOf(SEP, a + 1);
    let c = packed.indexOf(SEP, b + 1);
    const last = c < 0;
    if (last) c = packed.length;
    out.push({
      start: new Date(times[k] * 1000),
      end: new Date(times[k + 1] * 1000),
      startIso: packed.slice(i, a),
      endIso: packed.slice(a + 1, b),
      staff: packed.slice(b + 1, c),
    });
    if (last) return out;
    i = c + 1;
  }
}

module.exports = { unpackSlots };
