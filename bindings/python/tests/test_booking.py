"""book, cancel, reschedule, booking, ics and holds against the real store."""

from __future__ import annotations

import threading

import pytest

import voxdesk
from conftest import at

ANA = dict(customer_name="Ana Ruiz", customer_phone="+15550142")
BEN = dict(customer_name="Ben Okafor", customer_phone="+15550143")


def test_book_then_the_slot_is_gone(biz):
    bk = biz.book("exam", at(2, 10), staff="kim", customer_email="ana@example.com", **ANA)
    assert isinstance(bk, voxdesk.Booking)
    assert (bk.service, bk.staff, bk.start, bk.end) == ("exam", "kim", at(2, 10), at(2, 10, 30))
    assert bk.status == "confirmed" and bk.confirmed and bk.sequence == 0 and not bk.replayed
    assert len(bk.confirmation_code) == 6 and bk.customer_email == "ana@example.com"
    free = biz.slots("exam", at(2, 10), at(2, 10, 1))
    assert [s.staff for s in free] == ["lee", "patel"]
    with pytest.raises(voxdesk.SlotUnavailable) as info:
        biz.book("exam", at(2, 10), staff="kim", **BEN)
    assert info.value.status == 5 and "kim" in info.value.message
    assert biz.booking(bk.id) == bk


def test_booking_without_staff_takes_the_first_free_by_id(biz):
    assert biz.book("cleaning", at(2, 10), **ANA).staff == "lee"
    assert biz.book("cleaning", at(2, 10), **BEN).staff == "patel"
    with pytest.raises(voxdesk.SlotUnavailable):
        biz.book("cleaning", at(2, 10), customer_name="Cy", customer_phone="+15550144")


def test_cancel_frees_the_slot_and_is_idempotent(biz):
    bk = biz.book("whitening", at(2, 10), **ANA)
    cancelled = biz.cancel(bk)
    assert cancelled.status == "cancelled" and cancelled.sequence == bk.sequence + 1
    assert biz.cancel(bk.id) == cancelled
    assert biz.slots("whitening", at(2, 10), at(2, 10, 1), limit=1)[0].start == at(2, 10)
    assert "METHOD:CANCEL" in biz.ics(bk)


def test_reschedule_moves_atomically(biz):
    bk = biz.book("exam", at(2, 10), staff="lee", **ANA)
    other = biz.book("exam", at(2, 14), staff="lee", **BEN)
    moved = biz.reschedule(bk, at(3, 9), idempotency_key="move-1")
    assert (moved.id, moved.confirmation_code) == (bk.id, bk.confirmation_code)
    assert moved.start == at(3, 9) and moved.sequence == bk.sequence + 1
    assert biz.slots("exam", at(2, 10), at(2, 10, 1), staff="lee") != []
    with pytest.raises(voxdesk.SlotUnavailable):
        biz.reschedule(moved, other.start, staff="lee")
    assert biz.booking(bk.id).start == at(3, 9)  # unchanged by the failed move


def test_idempotency_key_replays_and_refuses_a_different_request(biz):
    first = biz.book("exam", at(2, 11), staff="lee", idempotency_key="k1", **ANA)
    again = biz.book("exam", at(2, 11), staff="lee", idempotency_key="k1", **ANA)
    assert again.replayed and again.id == first.id
    with pytest.raises(voxdesk.Conflict):
        biz.book("exam", at(2, 14), staff="lee", idempotency_key="k1", **ANA)


def test_ics_invitation(biz):
    bk = biz.book("exam", at(2, 10), staff="patel", **ANA)
    ics = biz.ics(bk)
    assert ics.startswith("BEGIN:VCALENDAR") and "METHOD:REQUEST" in ics and bk.id in ics


def test_hold_blocks_others_until_used_or_released(biz):
    hold = biz.hold("whitening", at(2, 14), ttl=300)
    with pytest.raises(voxdesk.SlotUnavailable):
        biz.book("whitening", at(2, 14), **BEN)
    bk = biz.book("whitening", at(2, 14), hold_id=hold, **ANA)
    assert bk.start == at(2, 14)
    hold2 = biz.hold("whitening", at(3, 14))
    biz.release_hold(hold2)
    assert biz.book("whitening", at(3, 14), **BEN).staff == "patel"
    with pytest.raises(voxdesk.InvalidArgument):
        biz.hold("whitening", at(4, 14), ttl=0)


def test_bad_booking_input(biz):
    with pytest.raises(voxdesk.InvalidArgument, match="phone"):
        biz.book("exam", at(2, 10), customer_name="Ana", customer_phone="555-0142")
    with pytest.raises(voxdesk.SlotUnavailable):
        biz.book("exam", at(2, 10, 7), **ANA)  # off the 15-minute grid
    with pytest.raises(voxdesk.NotFound):
        biz.booking("bk_nope")
    with pytest.raises(LookupError):  # NotFound is also a LookupError
        biz.cancel("bk_nope")
    with pytest.raises(TypeError):
        biz.book("exam", at(2, 10), customer_name=None, customer_phone="+15550142")
    with pytest.raises(TypeError):
        biz.book("exam", at(2, 10))  # missing customer


def test_one_slot_booked_from_many_threads_has_one_winner(biz):
    results: list[object] = []
    barrier = threading.Barrier(8)

    def attempt(i: int) -> None:
        barrier.wait()
        try:
            results.append(biz.book("exam", at(2, 15), staff="lee", customer_name=f"Caller {i}",
                                    customer_phone=f"+1555010{i:04d}"))
        except voxdesk.SlotUnavailable as e:
            results.append(e)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wins = [r for r in results if isinstance(r, voxdesk.Booking)]
    assert len(results) == 8 and len(wins) == 1
    assert biz.booking(wins[0].id).customer_name == wins[0].customer_name
