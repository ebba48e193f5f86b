import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Business, SlotUnavailableError, VoxdeskError } from 'voxdesk';
import { practice, opts, monday } from './helpers.mjs';

const ana = { customerName: 'Ana Ruiz', customerPhone: '+15550142' };

test('book, look up, reschedule, cancel and the calendar invitations', async () => {
  const biz = await Business.fromFile(practice, opts);
  const [slot] = biz.slotsSync({ service: 'exam', staff: 'lee', ...monday, limit: 1 });
  const bk = await biz.book({ service: 'exam', staff: 'lee', start: slot.start, ...ana, customerEmail: 'ana@example.com' });
  assert.equal(bk.status, 'confirmed');
  assert.equal(bk.startIso, '2026-03-02T10:00:00-05:00');
  assert.match(bk.confirmationCode, /^[A-Z0-9]{6}$/);
  assert.equal(bk.customerEmail, 'ana@example.com');
  // The slot is gone for lee.
  assert.notEqual(biz.slotsSync({ service: 'exam', staff: 'lee', ...monday, limit: 1 })[0].startIso, slot.startIso);
  assert.deepEqual(await biz.booking(bk.id), bk);

  const moved = await biz.reschedule(bk, { start: '2026-03-03T14:00:00-05:00' });
  assert.equal(moved.startIso, '2026-03-03T14:00:00-05:00');
  assert.equal(moved.sequence, 1);
  // The old slot is free again.
  assert.equal(biz.slotsSync({ service: 'exam', staff: 'lee', ...monday, limit: 1 })[0].startIso, slot.startIso);
  assert.match(await biz.ics(moved), /METHOD:REQUEST/);

  const gone = await biz.cancel(moved.id);
  assert.equal(gone.status, 'cancelled');
  assert.match(await biz.ics(gone), /METHOD:CANCEL/);
  biz.close();
});

test('a second booking of the same slot is SLOT_UNAVAILABLE; an idempotency key replays', async () => {
  const biz = await Business.fromFile(practice, opts);
  const req = { service: 'exam', staff: 'kim', start: '2026-03-02T10:00:00-05:00', ...ana, idempotencyKey: 'k1' };
  const first = await biz.book(req);
  const again = await biz.book(req);
  assert.equal(again.id, first.id);
  assert.equal(again.replayed, true);
  await assert.rejects(biz.book({ ...req, idempotencyKey: undefined, customerName: 'Ben' }), (e) => {
    assert.ok(e instanceof SlotUnavailableError);
    assert.ok(e instanceof VoxdeskError);
    assert.equal(e.code, 'SLOT_UNAVAILABLE');
    assert.equal(e.status, 5);
    assert.match(e.message, /not available/);
    return true;
  });
  biz.close();
});

test('twenty concurrent promises for one slot: exactly one booking', async () => {
  const biz = await Business.fromFile(practice, opts);
  const start = '2026-03-03T09:00:00-05:00';
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) =>
      biz.book({ service: 'exam', staff: 'patel', start, customerName: `Caller ${i}`, customerPhone: `+1555010${String(i).padStart(4, '0')}` })),
  );
  const ok = results.filter((r) => r.status === 'fulfilled');
  assert.equal(ok.length, 1);
  for (const r of results.filter((r) => r.status === 'rejected')) {
    assert.equal(r.reason.code, 'SLOT_UNAVAILABLE');
  }
  biz.close();
});

test('a hold keeps others off a slot until it is consumed or released', async () => {
  const biz = await Business.fromFile(practice, opts);
  const start = '2026-03-05T11:00:00-05:00';
  const hold = await biz.hold({ service: 'exam', staff: 'lee', start, ttlSeconds: 120 });
  assert.equal(typeof hold, 'string');
  await assert.rejects(biz.book({ service: 'exam', staff: 'lee', start, ...ana }), SlotUnavailableError);
  const bk = await biz.book({ service: 'exam', staff: 'lee', start, ...ana, holdId: hold });
  assert.equal(bk.startIso, start);

  const other = '2026-03-05T13:00:00-05:00';
  const h2 = await biz.hold({ service: 'exam', staff: 'lee', start: other });
  await biz.releaseHold(h2);
  assert.equal((await biz.book({ service: 'exam', staff: 'lee', start: other, ...ana })).startIso, other);
  biz.close();
});

test('bookings persist in a SQLite file across handles', async (t) => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(`${tmpdir()}/voxdesk-node-`);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const db = `${dir}/book.db`;
  const a = await Business.fromFile(practice, { ...opts, db });
  const bk = await a.book({ service: 'exam', staff: 'lee', start: '2026-03-02T11:00:00-05:00', ...ana });
  a.close();
  const b = await Business.fromFile(practice, { ...opts, db });
  assert.equal((await b.booking(bk.id)).confirmationCode, bk.confirmationCode);
  b.close();
});
