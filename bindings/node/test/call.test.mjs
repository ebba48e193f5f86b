import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Business, Engines, ClosedError } from 'voxdesk';
import { practice } from './helpers.mjs';

// 09:00 on a Monday: the front desk is open, so "0" transfers.
const open = { now: '2026-03-02T09:00:00-05:00', seed: 7 };
let engines;
before(async () => { engines = await Engines.embedded(); });
after(() => engines.close());

function run(call, { until = 3000, onFrame = () => {} } = {}) {
  const silence = new Int16Array(call.frameSamples);
  let live = true;
  let loud = 0;
  let i = 0;
  for (; live && i < until; i++) {
    onFrame(i);
    const r = call.process(i % 2 ? silence : null);
    live = r.live;
    assert.equal(r.out.length, call.frameSamples);
    if (r.out.some((s) => s !== 0)) loud++;
  }
  return { frames: i, live, loud };
}

test('a call fed silence greets, and the 0 key transfers to the front desk', async () => {
  const biz = await Business.fromFile(practice, open);
  const call = biz.call(engines, { callId: 'node-live-1', callerId: '+15550001111' });
  assert.equal(call.frameSamples, 160);
  const events = [];
  const perType = [];
  call.on('event', (e) => events.push(e));
  call.on('agent_speech', (e) => perType.push(e.text));
  let slotsInListener = null;
  // A listener may use the business: events arrive after process() returns, with no lock held.
  call.on('hangup', () => { slotsInListener = biz.slotsSync({ service: 'exam', start: '2026-03-03T00:00:00-05:00', end: '2026-03-04T00:00:00-05:00', limit: 1 }); });
  const r = run(call, { onFrame: (i) => { if (i === 150) call.dtmf('0'); } });
  assert.equal(r.live, false);
  assert.ok(r.loud > 50, 'the agent spoke');
  const types = events.map((e) => e.type);
  assert.equal(types[0], 'call_started');
  assert.match(events.find((e) => e.type === 'agent_speech').text, /Bright Smile Dental/);
  assert.ok(perType.length >= 2);
  assert.ok(types.includes('dtmf'));
  const transfer = events.find((e) => e.type === 'transfer');
  assert.equal(transfer.text, '+15550100199');
  assert.equal(events.at(-1).type, 'hangup');
  assert.equal(events.at(-1).text, 'transfer');
  assert.equal(slotsInListener.length, 1);
  const record = call.record();
  assert.equal(record.outcome, 'transferred');
  assert.equal(record.end_reason, 'transfer');
  call.close();
  assert.throws(() => call.process(null), { name: 'ClosedError', message: 'call is closed' });
  biz.close();
});

test('a caller who hangs up ends the call; a recorded call writes a WAV', async (t) => {
  const dir = mkdtempSync(`${tmpdir()}/voxdesk-node-call-`);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const biz = await Business.fromFile(practice, open);
  const call = biz.call(engines, { record: true, sampleRate: 16000 });
  assert.equal(call.frameSamples, 320);
  const ends = [];
  call.on('hangup', (e) => ends.push(e.text));
  const r = run(call, { onFrame: (i) => { if (i === 100) call.hangup(); } });
  assert.equal(r.live, false);
  assert.deepEqual(ends, ['caller']);
  call.writeWav(`${dir}/call.wav`);
  assert.ok(statSync(`${dir}/call.wav`).size > 44 + 100 * 320 * 4 * 0.9);
  call.close();
  biz.close();
});

test('bad frames and keys are errors; closing the business closes its calls', async () => {
  const biz = await Business.fromFile(practice, open);
  const call = biz.call(engines);
  assert.throws(() => call.process(new Int16Array(100)), { name: 'RangeError', message: /exactly 160 samples/ });
  assert.throws(() => call.process(new Float32Array(160)), { name: 'TypeError', message: /Int16Array/ });
  assert.throws(() => call.process([0, 0]), TypeError);
  assert.throws(() => call.dtmf('x'), RangeError);
  assert.throws(() => call.dtmf(0), TypeError);
  assert.throws(() => call.writeWav(`${tmpdir()}/never.wav`), { code: 'CONFLICT' });
  assert.throws(() => biz.call(engines, { sampleRate: 44100 }), RangeError);
  biz.close();
  assert.equal(call.closed, true);
  assert.throws(() => call.process(null), ClosedError);
  assert.throws(() => biz.call(engines), ClosedError);
});

test('engines closed while a call is open stay usable by that call', async () => {
  const own = await Engines.embedded();
  const biz = await Business.fromFile(practice, open);
  const call = biz.call(own);
  own.close();
  assert.equal(own.closed, true);
  assert.throws(() => biz.call(own), { message: 'engines is closed' });
  assert.equal(call.process(null).live, true);
  call.close();
  biz.close();
});
