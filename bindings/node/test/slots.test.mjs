import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { Business } from 'voxdesk';
import { practice, opts, monday } from './helpers.mjs';

const biz = await Business.fromFile(practice, opts);

test('the first exam slots honour the two-hour minimum notice, sorted by start then staff', () => {
  const slots = biz.slotsSync({ service: 'exam', ...monday, limit: 4 });
  assert.deepEqual(
    slots.map((s) => [s.startIso, s.staff]),
    [
      ['2026-03-02T10:00:00-05:00', 'kim'],
      ['2026-03-02T10:00:00-05:00', 'lee'],
      ['2026-03-02T10:00:00-05:00', 'patel'],
      ['2026-03-02T10:15:00-05:00', 'kim'],
    ],
  );
  assert.equal(slots[0].endIso, '2026-03-02T10:30:00-05:00');
  assert.ok(slots[0].start instanceof Date);
  assert.equal(slots[0].start.getTime(), Date.parse('2026-03-02T10:00:00-05:00'));
  assert.equal(slots[0].end.getTime() - slots[0].start.getTime(), 30 * 60 * 1000);
});

test('whitening is offered only by patel, within his own hours, on the 15-minute grid', () => {
  const got = biz.slotsSync({ service: 'whitening', ...monday }).map((s) => `${s.startIso.slice(11, 16)} ${s.staff}`);
  // 90 minutes inside patel's Monday 09:00-12:30 and 13:30-18:00, from 10:00 (two hours' notice).
  const expected = [];
  for (const [from, to] of [[10 * 60, 12 * 60 + 30], [13 * 60 + 30, 18 * 60]]) {
    for (let t = from; t + 90 <= to; t += 15) {
      expected.push(`${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')} patel`);
    }
  }
  assert.deepEqual(got, expected);
});

test('no slots on a Sunday, none on a closure day', () => {
  assert.deepEqual(biz.slotsSync({ service: 'exam', start: '2026-03-08T00:00:00-05:00', end: '2026-03-09T00:00:00-04:00' }), []);
  assert.deepEqual(biz.slotsSync({ service: 'exam', start: '2026-11-26T00:00:00-05:00', end: '2026-11-27T00:00:00-05:00' }), []);
});

test('a staff filter, Date bounds and the Promise path agree with slotsSync', async () => {
  const q = { service: 'cleaning', staff: 'lee', start: new Date('2026-03-03T05:00:00Z'), end: new Date('2026-03-04T05:00:00Z') };
  const sync = biz.slotsSync(q);
  assert.ok(sync.length > 0);
  assert.ok(sync.every((s) => s.staff === 'lee'));
  assert.ok(sync.every((s) => s.startIso.startsWith('2026-03-03T')));
  assert.deepEqual(await biz.slots(q), sync);
});

test('nextAvailable finds the first free slot and describe() shows the configuration', async () => {
  const next = await biz.nextAvailable('exam');
  assert.equal(next.startIso, '2026-03-02T10:00:00-05:00');
  assert.equal((await biz.nextAvailable({ service: 'whitening', staff: 'patel' })).staff, 'patel');
  const d = biz.describe();
  assert.equal(biz.id, 'bright-smile');
  assert.equal(biz.timezone, 'America/New_York');
  assert.ok(JSON.stringify(d).includes('video-consult'));
});

test('every slot of a long list carries its own times, on either path', async () => {
  // A month of exams: more slots than the addon's shared times buffer holds.
  const q = { service: 'exam', start: '2026-03-02T00:00:00-05:00', end: '2026-04-01T00:00:00-04:00' };
  const long = biz.slotsSync(q);
  assert.ok(long.length > 1024, `only ${long.length} slots`);
  for (const s of long) {
    assert.equal(s.start.getTime(), Date.parse(s.startIso));
    assert.equal(s.end.getTime(), Date.parse(s.endIso));
  }
  assert.deepEqual(await biz.slots(q), long);
  const short = biz.slotsSync({ service: 'exam', ...monday, limit: 2 });
  assert.equal(short[1].start.getTime(), Date.parse(short[1].startIso));
});

test('a Date bound means its UTC instant, whole seconds, from this realm or another', () => {
  // Instants spread over years, with seconds and milliseconds, each against
  // the same query written as a UTC string.
  let x = 12345;
  for (let i = 0; i < 60; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const d = new Date(Date.UTC(2026, 2, 2) + (x % (60 * 86400)) * 1000 + (x % 1000));
    const e = new Date(d.getTime() + 3 * 86400 * 1000);
    const utc = (t) => `${t.toISOString().slice(0, 19)}Z`;
    const q = { service: 'exam', limit: 2 };
    const got = biz.slotsSync({ ...q, start: d, end: e });
    assert.deepEqual(got, biz.slotsSync({ ...q, start: utc(d), end: utc(e) }), utc(d));
    assert.ok(got.length > 0 && got[0].start >= d);
  }
  const other = vm.runInNewContext('new Date("2026-03-04T15:07:09.5Z")');
  assert.ok(!(other instanceof Date));
  assert.deepEqual(
    biz.slotsSync({ service: 'exam', start: other, end: '2026-03-06T00:00:00Z', limit: 3 }),
    biz.slotsSync({ service: 'exam', start: '2026-03-04T15:07:09Z', end: '2026-03-06T00:00:00Z', limit: 3 }),
  );
});
