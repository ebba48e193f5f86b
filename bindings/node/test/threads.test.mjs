// worker_threads, each with its own Business on one SQLite file: the
// database guarantees no slot is booked twice across threads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { practice, opts } from './helpers.mjs';

const workerCode = `
const { parentPort, workerData } = require('node:worker_threads');
const { Business } = require(workerData.module);
(async () => {
  const biz = await Business.fromFile(workerData.practice, { ...workerData.opts, db: workerData.db });
  const booked = [];
  const refused = [];
  for (const start of workerData.starts) {
    try {
      const bk = await biz.book({ service: 'exam', staff: 'lee', start,
        customerName: 'Worker ' + workerData.n, customerPhone: '+1555020000' + workerData.n });
      booked.push(bk.startIso);
    } catch (e) {
      refused.push(e.code);
    }
    // The synchronous path from this thread too.
    biz.slotsSync({ service: 'exam', start, end: '2026-03-06T00:00:00-05:00', limit: 1 });
  }
  biz.close();
  parentPort.postMessage({ booked, refused });
})().catch((e) => parentPort.postMessage({ error: e.name + ': ' + e.message }));
`;

test('four worker threads race for the same twelve slots: each slot is booked once', async (t) => {
  const dir = mkdtempSync(`${tmpdir()}/voxdesk-node-threads-`);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // An hour apart, so one booking never overlaps the next (30 min + 10 min buffer).
  const starts = [3, 4, 5].flatMap((d) => [8, 9, 10, 11].map((h) =>
    `2026-03-0${d}T${String(h).padStart(2, '0')}:00:00-05:00`));
  const module = new URL('../index.js', import.meta.url).pathname;
  const runs = Array.from({ length: 4 }, (_, n) => new Promise((resolve, reject) => {
    const w = new Worker(workerCode, {
      eval: true,
      workerData: { module, practice, opts, db: `${dir}/shared.db`, starts: n % 2 ? [...starts].reverse() : starts, n },
    });
    w.once('message', resolve);
    w.once('error', reject);
  }));
  const results = await Promise.all(runs);
  for (const r of results) assert.equal(r.error, undefined);
  const all = results.flatMap((r) => r.booked);
  assert.equal(all.length, starts.length, 'every slot booked by exactly one thread');
  assert.deepEqual(new Set(all).size, starts.length);
  for (const r of results) assert.ok(r.refused.every((c) => c === 'SLOT_UNAVAILABLE'));
  assert.equal(results.reduce((n, r) => n + r.refused.length, 0), 3 * starts.length);
});

test('the addon loads and unloads in many short-lived workers', async () => {
  const module = new URL('../index.js', import.meta.url).pathname;
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { Business } = require(workerData.module);
    const biz = Business.fromFileSync(workerData.practice, workerData.opts);
    const conv = biz.conversation();
    parentPort.postMessage(biz.slotsSync({ service: 'exam', start: '2026-03-02T00:00:00-05:00', end: '2026-03-03T00:00:00-05:00', limit: 1 })[0].startIso);
    // Left open on purpose: environment teardown must close it.
  `;
  for (let i = 0; i < 6; i++) {
    const w = new Worker(code, { eval: true, workerData: { module, practice, opts } });
    const [msg] = await Promise.all([new Promise((r) => w.once('message', r)), new Promise((r) => w.once('exit', r))]);
    assert.equal(msg, '2026-03-02T10:00:00-05:00');
  }
});
