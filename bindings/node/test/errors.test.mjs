import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as vx from 'voxdesk';
import { practice, opts, monday } from './helpers.mjs';

const { Business } = vx;

test('wrong JS types are TypeErrors that name the argument', async () => {
  const biz = await Business.fromFile(practice, opts);
  assert.throws(() => biz.slotsSync(), { name: 'TypeError', message: /query must be an object/ });
  assert.throws(() => biz.slotsSync({ service: 42 }), { name: 'TypeError', message: /query.service must be a string/ });
  assert.throws(() => biz.slotsSync({ ...monday }), { name: 'TypeError', message: /query.service is required/ });
  assert.throws(() => biz.slotsSync({ service: 'exam', start: 5 }), { name: 'TypeError', message: /query.start/ });
  assert.throws(() => biz.slotsSync({ service: 'exam', limit: -1 }), { name: 'RangeError', message: /query.limit/ });
  assert.throws(() => biz.slotsSync({ service: 'exam', limit: 1.5 }), { name: 'RangeError' });
  assert.throws(() => biz.slotsSync({ service: 'exam', start: new Date('nope') }), { name: 'TypeError', message: /invalid Date/ });
  assert.throws(() => biz.slotsSync({ service: 'ex\0am' }), { name: 'TypeError', message: /NUL/ });
  // Long strings take another path through the addon than short ones.
  assert.throws(() => biz.slotsSync({ service: `${'x'.repeat(300)}\0` }), { name: 'TypeError', message: /NUL/ });
  assert.throws(() => biz.slotsSync({ service: 'x'.repeat(300), ...monday }), { name: 'NotFoundError', message: /x{300}/ });
  assert.throws(() => biz.slotsSync({ service: 'exam', staff: 7 }), { name: 'TypeError', message: /query.staff must be a string/ });
  assert.throws(() => biz.slotsSync({ service: 'exam', end: {} }), { name: 'TypeError', message: /query.end must be a Date/ });
  assert.throws(() => biz.slotsSync({ service: 'exam', limit: '1' }), { name: 'TypeError', message: /query.limit must be a number/ });
  await assert.rejects(biz.book(null), TypeError);
  await assert.rejects(biz.book({ service: 'exam', start: {} }), TypeError);
  await assert.rejects(biz.cancel(7), TypeError);
  assert.throws(() => biz.setNow(3), TypeError);
  assert.throws(() => biz.conversation({ callerId: 5 }), TypeError);
  assert.throws(() => biz.call({}, {}), TypeError);
  await assert.rejects(Business.fromFile(practice, { nwo: 'typo' }), { name: 'TypeError', message: /unknown option "nwo"/ });
  await assert.rejects(Business.fromFile(practice, { seed: -1 }), RangeError);
  await assert.rejects(Business.fromJson(42), TypeError);
  assert.throws(() => new Business(), TypeError);
  biz.close();
});

test('each voxdesk status becomes its own error class with code and status', async () => {
  const biz = await Business.fromFile(practice, opts);
  const cases = [
    [() => biz.slots({ service: 'exam', start: 'not a time' }), vx.InvalidArgumentError, 'INVALID', 2, /query.from/],
    [() => biz.slots({ service: 'no-such-service', ...monday }), vx.NotFoundError, 'NOT_FOUND', 4, /no-such-service/],
    [() => biz.cancel('no-such-booking'), vx.NotFoundError, 'NOT_FOUND', 4, /no-such-booking/],
    [() => biz.book({ service: 'exam', start: '2026-03-02T10:00:00-05:00', customerName: 'A', customerPhone: 'call me' }),
      vx.InvalidArgumentError, 'INVALID', 2, /phone/],
    [() => biz.book({ service: 'exam', staff: 'lee', start: '2026-03-08T10:00:00-04:00', customerName: 'A', customerPhone: '+15550142' }),
      vx.SlotUnavailableError, 'SLOT_UNAVAILABLE', 5, /./],
    [() => Business.fromJson({ id: 'x' }), vx.ConfigError, 'CONFIG', 3, /./],
    [() => Business.fromFile('/no/such/business.json'), vx.VoxdeskError, undefined, undefined, /business.json/],
    [() => biz.simulate('{"id": "s", "turns": [1]}'), vx.InvalidArgumentError, 'INVALID', 2, /turns\[0\]/],
  ];
  for (const [fn, cls, code, status, msg] of cases) {
    await assert.rejects(fn(), (e) => {
      assert.ok(e instanceof cls, `${e.name}: ${e.message} is not a ${cls.name}`);
      assert.ok(e instanceof vx.VoxdeskError);
      if (code) assert.equal(e.code, code);
      if (status) assert.equal(e.status, status);
      assert.match(e.message, msg);
      return true;
    });
  }
  assert.throws(() => biz.setNow('yesterday'), vx.InvalidArgumentError);
  assert.equal(vx.statusText(5), 'slot unavailable');
  biz.close();
});

test('use after close is a ClosedError, never a crash', async () => {
  const biz = await Business.fromFile(practice, opts);
  const conv = biz.conversation({ callId: 'c-closed' });
  biz.close();
  biz.close(); // idempotent
  assert.equal(biz.closed, true);
  assert.equal(conv.closed, true);
  const closed = { name: 'ClosedError', code: 'CLOSED', message: 'business is closed' };
  assert.throws(() => biz.slotsSync({ service: 'exam' }), closed);
  assert.throws(() => biz.id, closed);
  assert.throws(() => biz.describe(), closed);
  assert.throws(() => biz.conversation(), closed);
  await assert.rejects(biz.slots({ service: 'exam' }), closed);
  await assert.rejects(biz.book({ service: 'exam', start: 'x', customerName: 'a', customerPhone: '+1' }), closed);
  await assert.rejects(conv.start(), { code: 'CLOSED', message: 'conversation is closed' });
});

test('close() while jobs are running: they finish, then the handle is freed', async () => {
  const biz = await Business.fromFile(practice, opts);
  const conv = biz.conversation({ callId: 'c-pending' });
  const pending = [
    ...Array.from({ length: 50 }, () => biz.slots({ service: 'exam', ...monday, limit: 1 })),
    biz.book({ service: 'exam', staff: 'lee', start: '2026-03-02T10:00:00-05:00', customerName: 'A', customerPhone: '+15550142' }),
    conv.start(),
  ];
  biz.close();
  assert.throws(() => biz.slotsSync({ service: 'exam' }), vx.ClosedError);
  const results = await Promise.all(pending);
  assert.equal(results[0][0].startIso, '2026-03-02T10:00:00-05:00');
  assert.equal(results[50].status, 'confirmed');
  assert.match(results[51].text, /Bright Smile/);
  await assert.rejects(conv.turn('hello'), vx.ClosedError);
});

test('businesses and conversations dropped without close() are reclaimed safely', async () => {
  for (let i = 0; i < 200; i++) {
    const biz = Business.fromFileSync(practice, opts);
    const conv = biz.conversation();
    await conv.start();
  }
  globalThis.gc?.();
  const biz = await Business.fromFile(practice, opts);
  assert.equal(biz.slotsSync({ service: 'exam', ...monday, limit: 1 }).length, 1);
  biz.close();
});
