"""Datetimes around the autumn clock change: the repeated hour keeps both
instants apart (fold), and every datetime is the instant the library meant."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import voxdesk

CONFIG = {
    "id": "night-desk", "name": "Night Desk", "timezone": "America/New_York",
    "hours": {d: [["00:00", "23:59"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
    "booking": {"min_notice_min": 0, "horizon_days": 30, "slot_step_min": 30},
    "staff": [{"id": "ann", "name": "Ann"}],
    "services": [{"id": "call", "name": "Call", "duration_min": 30}],
}


def test_the_repeated_hour_has_both_instants():
    now = datetime(2026, 10, 31, 12, tzinfo=timezone.utc)
    with voxdesk.Business.from_config(CONFIG, now=now) as b:
        # 05:00Z-07:00Z on 1 November 2026 is 01:00-02:00 EDT then 01:00-02:00 EST.
        slots = b.slots("call", datetime(2026, 11, 1, 5, tzinfo=timezone.utc),
                        datetime(2026, 11, 1, 7, tzinfo=timezone.utc))
    utc = [s.start.astimezone(timezone.utc).strftime("%H:%M") for s in slots]
    assert utc == ["05:00", "05:30", "06:00", "06:30"]
    assert [(s.start.hour, s.start.minute, s.start.fold) for s in slots] == [
        (1, 0, 0), (1, 30, 0), (1, 0, 1), (1, 30, 1)]
    assert [s.start.utcoffset() for s in slots] == [timedelta(hours=-4)] * 2 + [
        timedelta(hours=-5)] * 2
    assert all(s.end.timestamp() - s.start.timestamp() == 1800 for s in slots)
