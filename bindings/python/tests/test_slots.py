"""slots() and next_available() return what the practice's rules offer."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import voxdesk
from conftest import NY, at


def test_first_exam_slots_of_monday_respect_two_hours_notice(biz):
    slots = biz.slots("exam", at(2, 0), at(3, 0), limit=3)
    # now is 08:00 and min_notice_min is 120: nothing before 10:00; every
    # staff member qualifies for an exam, listed by id.
    assert [(s.start, s.staff) for s in slots] == [(at(2, 10), "kim"), (at(2, 10), "lee"),
                                                   (at(2, 10), "patel")]
    assert all(s.end - s.start == timedelta(minutes=30) for s in slots)


def test_slots_are_aware_datetimes_in_the_business_zone(biz):
    s = biz.slots("cleaning", at(2, 0), at(3, 0), staff="patel", limit=1)[0]
    assert s.start.tzinfo is biz.tzinfo and biz.timezone == "America/New_York"
    assert s.start == at(2, 10) and s.staff == "patel"
    assert s.start.utcoffset() == timedelta(hours=-5)
    assert isinstance(s, voxdesk.Slot)
    with pytest.raises(AttributeError):
        s.staff = "lee"  # frozen


def test_staff_filter_and_grid(biz):
    slots = biz.slots("cleaning", at(2, 0), at(3, 0), staff="lee")
    assert slots and all(s.staff == "lee" for s in slots)
    starts = [s.start for s in slots]
    assert starts == sorted(starts)
    assert all(t.minute % 15 == 0 for t in starts)  # slot_step_min 15
    # Lee works 08-12 and 13-17; a 60 min cleaning with 15 min buffer after.
    assert starts[0] == at(2, 10)
    assert max(starts) + timedelta(minutes=60) <= at(2, 17)
    assert not any(at(2, 11, 15) < t < at(2, 13) for t in starts)


def test_limit_and_empty_windows(biz):
    assert len(biz.slots("exam", at(2, 0), at(6, 0), limit=5)) == 5
    assert len(biz.slots("exam", at(2, 0), at(6, 0))) > 5
    assert biz.slots("exam", at(8, 0), at(9, 0)) == []  # a Sunday: closed
    assert {s.staff for s in biz.slots("exam", at(7, 0), at(8, 0))} == {"patel"}  # Saturday
    assert biz.slots("whitening", at(2, 10), at(2, 10)) == []  # empty window


def test_any_timezone_and_strings_are_accepted(biz):
    utc = biz.slots("exam", datetime(2026, 3, 2, 5, tzinfo=timezone.utc),
                    "2026-03-03T05:00:00Z", limit=1)
    assert utc[0].start == at(2, 10)
    assert utc[0].start.tzinfo is biz.tzinfo


def test_next_available(biz):
    first = biz.next_available("whitening")
    assert first == voxdesk.Slot(at(2, 10), at(2, 11, 30), "patel")
    later = biz.next_available("exam", staff="kim", after=at(2, 11))
    assert later.staff == "kim" and later.start >= at(2, 11)
    with pytest.raises(voxdesk.InvalidArgument):  # beyond the 90-day horizon
        biz.next_available("exam", after=at(1, 1, month=9))


@pytest.mark.parametrize("args, exc, words", [
    ((42, at(2, 0), at(3, 0)), TypeError, "service"),
    (("exam", datetime(2026, 3, 2), at(3, 0)), ValueError, "start must be timezone-aware"),
    (("exam", at(2, 0), datetime(2026, 3, 3)), voxdesk.InvalidArgument, "end"),
    (("exam", 1700000000, at(3, 0)), TypeError, "start"),
    (("exam", "next tuesday", at(3, 0)), voxdesk.InvalidArgument, ""),
    (("massage", at(2, 0), at(3, 0)), voxdesk.NotFound, "massage"),
    (("exam", at(3, 0), at(2, 0)), voxdesk.InvalidArgument, ""),
    (("exa\0m", at(2, 0), at(3, 0)), voxdesk.InvalidArgument, "NUL"),
])
def test_bad_arguments_raise_clear_errors(biz, args, exc, words):
    with pytest.raises(exc) as info:
        biz.slots(*args)
    assert words in str(info.value)


def test_bad_keyword_types(biz):
    with pytest.raises(TypeError, match="limit"):
        biz.slots("exam", at(2, 0), at(3, 0), limit="1")
    with pytest.raises(voxdesk.InvalidArgument, match="limit"):
        biz.slots("exam", at(2, 0), at(3, 0), limit=-1)
    with pytest.raises(TypeError, match="staff"):
        biz.slots("exam", at(2, 0), at(3, 0), staff=7)
    with pytest.raises(voxdesk.NotFound):
        biz.slots("exam", at(2, 0), at(3, 0), staff="house")
