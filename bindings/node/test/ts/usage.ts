// Compiled with `tsc --noEmit` by types.test.mjs: the declarations must
// accept real use of the API and reject wrong types.
import { Business, Engines, SlotUnavailableError, VoxdeskError, type Slot } from 'voxdesk';

async function main(): Promise<void> {
  const biz = await Business.fromFile('business.json', { now: new Date(), seed: 7 });
  const slots: Slot[] = biz.slotsSync({ service: 'exam', start: '2026-03-02T00:00:00-05:00', limit: 1 });
  const first = slots[0];
  const booking = await biz.book({
    service: 'exam', staff: first.staff, start: first.start, customerName: 'Ana', customerPhone: '+15550142',
  });
  const iso: string = booking.startIso;
  await biz.reschedule(booking, { start: '2026-03-03T10:00:00-05:00' });
  try {
    await biz.book({ service: 'exam', start: first.start, customerName: 'B', customerPhone: '+15550143' });
  } catch (e) {
    if (e instanceof SlotUnavailableError) console.log(e.code, e.status);
    else if (e instanceof VoxdeskError) throw e;
  }
  const conv = biz.conversation({ callerId: '+15550001111' });
  const reply = await conv.start();
  if (!reply.endCall) await conv.turn('hello');
  conv.close();
  const engines = await Engines.embedded();
  const call = biz.call(engines, { sampleRate: 8000 });
  call.on('transcript', (ev) => console.log(ev.text, ev.t_ms));
  const { out, live }: { out: Int16Array; live: boolean } = call.process(new Int16Array(call.frameSamples));
  call.close();
  engines.close();
  // @ts-expect-error limit must be a number
  biz.slotsSync({ service: 'exam', limit: 'one' });
  const records = await biz.simulate([{ id: 'c1', turns: ['hi'] }]);
  console.log(iso, out.length, live, records[0].outcome);
  biz.close();
}

void main();
