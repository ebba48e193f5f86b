import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Business } from 'voxdesk';
import { practice, opts } from './helpers.mjs';

const march16 = { start: '2026-03-16T00:00:00-04:00', end: '2026-03-17T00:00:00-04:00' };

test('a conversation reads the request back, books on yes, and records the outcome', async () => {
  const biz = await Business.fromFile(practice, opts);
  const before = biz.slotsSync({ service: 'cleaning', ...march16 });
  const conv = biz.conversation({ callId: 'node-call-1', callerId: '+15550001111' });
  const hello = await conv.start();
  assert.match(hello.text, /Bright Smile/);
  assert.equal(hello.endCall, false);
  const dob = await conv.turn('hi this is ana ruiz i need a cleaning on march 16th at 10');
  assert.match(dob.text, /March 16th at 10 AM is available/);
  const readBack = await conv.turn('march 3rd 1990');
  assert.match(readBack.text, /teeth cleaning for Ana Ruiz .* Shall I book it\?/);
  // The time is held for the caller while they decide.
  const leeAt10 = (s) => s.staff === 'lee' && s.startIso === '2026-03-16T10:00:00-04:00';
  assert.ok(before.some(leeAt10));
  assert.ok(!biz.slotsSync({ service: 'cleaning', ...march16 }).some(leeAt10));
  const done = await conv.turn('yes please');
  assert.match(done.text, /confirmation code/);
  const bye = await conv.turn('no thanks bye');
  assert.equal(bye.endCall, true);
  await conv.finish();
  const record = await conv.record();
  assert.equal(record.outcome, 'booked');
  assert.equal(record.booking.start, '2026-03-16T10:00:00-04:00');
  assert.ok(record.transcript.length >= 4);
  assert.ok(biz.slotsSync({ service: 'cleaning', ...march16 }).length < before.length);
  conv.close();
  conv.close();
  biz.close();
});

test('simulate runs scripted calls against the store', async () => {
  const biz = await Business.fromFile(practice, opts);
  const records = await biz.simulate([
    { id: 'c1', from: '+15550001111', turns: ['Hi, this is Ana Ruiz, I would like a cleaning on March 12th at 2 pm', 'March 3rd 1990', 'Yes', 'No, bye'] },
    { id: 'c2', from: '+15550002222', turns: ['Hi, this is Ben Okafor, I would like a cleaning on March 12th at 2 pm', 'May 1st 1985', 'Yes', 'No, bye'] },
  ]);
  assert.equal(records.length, 2);
  assert.equal(records[0].id, 'c1');
  assert.equal(records[0].outcome, 'booked');
  assert.equal(records[0].booking.start, '2026-03-12T14:00:00-04:00');
  // The second call sees the first call's booking: not the same staff at that time.
  if (records[1].outcome === 'booked' && records[1].booking.start === records[0].booking.start) {
    assert.notEqual(records[1].booking.staff, records[0].booking.staff);
  }
  const text = await biz.simulate('{"id": "s1", "turns": ["can i talk to a person"]}\n');
  assert.equal(text[0].id, 's1');
  biz.close();
});
