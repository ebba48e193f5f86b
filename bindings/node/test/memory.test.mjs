// 100,000 calls through the binding must not grow RSS: a per-call leak of
// even 200 bytes would exceed the bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Business } from 'voxdesk';
import { practice, opts, monday } from './helpers.mjs';

const settle = () => { globalThis.gc?.(); globalThis.gc?.(); };

test('100k slotsSync calls, plus Promise and error paths, keep RSS flat', async (t) => {
  const biz = await Business.fromFile(practice, opts);
  const q = { service: 'exam', ...monday, limit: 1 };
  const bad = { service: 'exam', start: 'not a time' };
  const round = async (n) => {
    for (let i = 0; i < n; i++) {
      if (biz.slotsSync(q).length !== 1) throw new Error('expected one slot');
      if (i % 10 === 0) { try { biz.slotsSync(bad); } catch { /* the error path */ } }
    }
    for (let i = 0; i < n / 100; i += 50) {
      await Promise.all(Array.from({ length: 50 }, () => biz.slots(q)));
    }
  };
  await round(20_000); // warm up: JIT, allocator pools
  settle();
  const before = process.memoryUsage().rss;
  await round(100_000);
  settle();
  const growthKb = (process.memoryUsage().rss - before) / 1024;
  t.diagnostic(`RSS growth over 100k calls: ${growthKb.toFixed(0)} KB (gc ${globalThis.gc ? 'on' : 'off'})`);
  biz.close();
  assert.ok(growthKb < 20 * 1024, `RSS grew by ${growthKb.toFixed(0)} KB over 100k calls`);
});
