"""Books the first free exam at the example medical practice, in Python.

    pip install ./bindings/python
    python examples/python/book.py examples/business/medical-practice.json

The business runs in virtual time (a fixed "now") with its bookings in
memory, so the output is the same on every run.
"""

import sys
from datetime import datetime
from zoneinfo import ZoneInfo

import voxdesk


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(f"usage: {argv[0]} BUSINESS.json", file=sys.stderr)
        return 2
    now = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("America/New_York"))
    with voxdesk.Business.from_file(argv[1], now=now, seed=7) as biz:
        slot = biz.next_available("exam")
        if slot is None:
            print("no free exam within the booking horizon", file=sys.stderr)
            return 1
        booking = biz.book("exam", slot.start, staff=slot.staff, customer_name="Ana Ruiz",
                           customer_phone="+15550142")
        print(f"booked {booking.service} with {booking.staff} at {booking.start.isoformat()}, "
              f"confirmation {booking.confirmation_code}")
        # The same slot cannot be booked twice.
        try:
            biz.book("exam", slot.start, staff=slot.staff, customer_name="Ben Okafor",
                     customer_phone="+15550143")
        except voxdesk.SlotUnavailable as e:
            print(f"second booking of that slot: {voxdesk.status_text(e.status)}")
            return 0
        print("second booking of that slot: booked twice", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
