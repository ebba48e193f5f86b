'use strict';
// Unpacks the slot list the addon sends as one string (PackSlots in
// src/common.h): V8 builds these objects far faster than N-API calls can.
const SEP = '\x1f';

function unpackSlots(packed) {
  if (packed === '') return [];
  const f = packed.split(SEP);
  const out = new Array(f.length / 5);
  for (let i = 0, k = 0; k < out.length; i += 5, k++) {
    out[k] = {
      start: new Date(f[i + 3] * 1000),
      end: new Date(f[i + 4] * 1000),
      startIso: f[i],
      endIso: f[i + 1],
      staff: f[i + 2],
    };
  }
  return out;
}

module.exports = { unpackSlots };
