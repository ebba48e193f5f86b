"""No leaks: 100,000 calls through the binding leave RSS where it was."""

from __future__ import annotations

import gc
import os

import voxdesk
from conftest import at


def rss_kb() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def test_100k_slots_calls_do_not_grow_rss(biz):
    start, end = at(2, 0), at(3, 0)
    for _ in range(2000):  # warm up allocator pools and caches
        biz.slots("exam", start, end, limit=1)
    gc.collect()
    before = rss_kb()
    for _ in range(100_000):
        biz.slots("exam", start, end, limit=1)
    gc.collect()
    growth = rss_kb() - before
    assert growth < 20 * 1024, f"RSS grew by {growth} KB over 100,000 slots() calls"


def test_errors_and_bookings_do_not_leak(biz):
    def churn(n: int) -> None:
        for i in range(n):
            try:
                biz.slots("massage", at(2, 0), at(3, 0))
            except voxdesk.NotFound:
                pass
            bk = biz.book("exam", at(2, 10), staff="lee", customer_name="Ana",
                          customer_phone="+15550142", idempotency_key="same")
            biz.booking(bk.id)

    churn(500)
    gc.collect()
    before = rss_kb()
    churn(10_000)
    gc.collect()
    growth = rss_kb() - before
    assert growth < 10 * 1024, f"RSS grew by {growth} KB over 10,000 failed and replayed calls"
