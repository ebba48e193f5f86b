// Books the first free exam at the example medical practice, in Node.
//
//   npm install ./bindings/node
//   node examples/node/book.mjs examples/business/medical-practice.json
//
// The business runs in virtual time (a fixed "now") with its bookings in
// memory, so the output is the same on every run.
import { Business, SlotUnavailableError, statusText } from 'voxdesk';

async function main(argv) {
  if (argv.length !== 1) {
    console.error('usage: node book.mjs BUSINESS.json');
    return 2;
  }
  const biz = await Business.fromFile(argv[0], { now: '2026-03-02T08:00:00-05:00', seed: 7 });
  try {
    const slot = await biz.nextAvailable('exam');
    if (slot === null) {
      console.error('no free exam within the booking horizon');
      return 1;
    }
    const customer = { service: 'exam', staff: slot.staff, start: slot.start };
    const booking = await biz.book({ ...customer, customerName: 'Ana Ruiz', customerPhone: '+15550142' });
    console.log(`booked ${booking.service} with ${booking.staff} at ${booking.startIso}, ` +
      `confirmation ${booking.confirmationCode}`);
    // The same slot cannot be booked twice.
    try {
      await biz.book({ ...customer, customerName: 'Ben Okafor', customerPhone: '+15550143' });
    } catch (e) {
      if (!(e instanceof SlotUnavailableError)) throw e;
      console.log(`second booking of that slot: ${statusText(e.status)}`);
      return 0;
    }
    console.error('second booking of that slot: booked twice');
    return 1;
  } finally {
    biz.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
