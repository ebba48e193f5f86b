// The overhead of one business.slotsSync() over the same C call, measured in
// one process: the C figure comes from a loop inside the addon
// (benchSlotsC), so it carries no binding cost. Prints JSON lines only.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { Business } = require('../index.js');
const native = require('../lib/native.js');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const practice = path.join(root, 'examples/business/medical-practice.json');
const query = { service: 'exam', start: '2026-03-02T00:00:00-05:00', end: '2026-03-03T00:00:00-05:00', limit: 1 };
const n = Number(process.env.VOXDESK_BENCH_N ?? 200_000);
const reps = Number(process.env.VOXDESK_BENCH_REPS ?? 7);

// The native business behind the public object, for the C loop only.
const nb = native.NativeBusiness.openSync({ configPath: practice, now: '2026-03-02T08:00:00-05:00', seed: 7 });
const biz = Business.fromFileSync(practice, { now: '2026-03-02T08:00:00-05:00', seed: 7 });

// The same window as Date objects, as most callers hold times: the binding
// turns each into a string on every call, so its C loop gets those strings.
const dateQuery = { service: 'exam', start: new Date(query.start), end: new Date(query.end), limit: 1 };
const utc = (d) => `${d.toISOString().slice(0, 19)}Z`;
const dateQueryC = { ...dateQuery, start: utc(dateQuery.start), end: utc(dateQuery.end) };

function bindingNs(q, count) {
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const s = biz.slotsSync(q)[0];
    sink += s.startIso.length + s.staff.length;
  }
  const t1 = process.hrtime.bigint();
  if (sink === 0) throw new Error('no slots');
  return Number(t1 - t0) / count;
}
const cNs = (q, count) => native.benchSlotsC(nb, q, count);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x) => Math.round(x * 1000) / 1000;

function overhead(name, q, qC, params) {
  bindingNs(q, n / 4);
  cNs(qC, n / 4);
  const b = [];
  const c = [];
  for (let r = 0; r < reps; r++) {
    b.push(bindingNs(q, n));
    c.push(cNs(qC, n));
  }
  const bindingUs = median(b) / 1000;
  const cUs = median(c) / 1000;
  console.log(JSON.stringify({
    name, unit: 'us', value: round(bindingUs - cUs),
    params: { binding_us: round(bindingUs), c_us: round(cUs), n, reps, ...params, api: 'slotsSync' },
  }));
}
overhead('bindings.node.slots_overhead', query, query, { query: 'exam, one day, limit 1' });
overhead('bindings.node.slots_overhead_dates', dateQuery, dateQueryC, { query: 'exam, one day, limit 1, Date bounds' });

// The Promise path, for reference: it pays a thread-pool round trip.
const m = 20_000;
const t0 = process.hrtime.bigint();
for (let i = 0; i < m; i += 100) await Promise.all(Array.from({ length: 100 }, () => biz.slots(query)));
const asyncUs = Number(process.hrtime.bigint() - t0) / m / 1000;
console.log(JSON.stringify({
  name: 'bindings.node.slots_async_us', unit: 'us', value: round(asyncUs),
  params: { n: m, batch: 100, query: 'exam, one day, limit 1', api: 'slots (Promise)' },
}));

// RSS growth over 100k calls after a warm-up.
globalThis.gc?.();
for (let i = 0; i < 20_000; i++) biz.slotsSync(query);
globalThis.gc?.();
const before = process.memoryUsage().rss;
for (let i = 0; i < 100_000; i++) biz.slotsSync(query);
globalThis.gc?.();
const growthKb = Math.round((process.memoryUsage().rss - before) / 1024);
console.log(JSON.stringify({
  name: 'bindings.node.rss_growth_100k', unit: 'KB', value: growthKb, params: { calls: 100_000, api: 'slotsSync' },
}));
biz.close();
nb.close();
