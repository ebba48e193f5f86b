"""Overhead of one slots() call through the binding over the same C call,
both timed in this process, and RSS growth over 100,000 calls. Prints one
JSON line per figure."""

from __future__ import annotations

import gc
import json
import os
import pathlib
import statistics
import sys
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import voxdesk
from voxdesk import _voxdesk

ROOT = pathlib.Path(__file__).resolve().parents[3]
NY = ZoneInfo("America/New_York")
N = int(os.environ.get("VOXDESK_BENCH_N", "200000"))
REPS = 7
QUERY = "exam, one day, limit 1"


def rss_kb() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def main() -> None:
    now = datetime(2026, 3, 2, 8, 0, tzinfo=NY)
    start, end = now.replace(hour=0), datetime(2026, 3, 3, tzinfo=NY)
    biz = voxdesk.Business.from_file(ROOT / "examples/business/medical-practice.json", now=now,
                                     seed=7)
    assert len(biz.slots("exam", start, end, limit=1)) == 1
    slots = biz.slots

    def binding_us() -> float:
        t0 = time.perf_counter_ns()
        for _ in range(N):
            slots("exam", start, end, limit=1)
        return (time.perf_counter_ns() - t0) / N / 1000

    def c_us() -> float:
        secs = _voxdesk._c_slots_loop(biz._h, "exam", start.isoformat(), end.isoformat(), 1, N)
        return secs * 1e6 / N

    binding_us(), c_us()  # warm up
    b, c = [], []
    for _ in range(REPS):  # interleaved, so drift affects both alike
        b.append(binding_us())
        c.append(c_us())
    bm, cm = statistics.median(b), statistics.median(c)
    print(json.dumps({"name": "bindings.python.slots_overhead", "unit": "us",
                      "value": round(bm - cm, 3),
                      "params": {"binding_us": round(bm, 3), "c_us": round(cm, 3), "n": N,
                                 "reps": REPS, "query": QUERY,
                                 "python": sys.version.split()[0]}}))

    gc.collect()
    before = rss_kb()
    for _ in range(100_000):
        slots("exam", start, end, limit=1)
    gc.collect()
    print(json.dumps({"name": "bindings.python.rss_growth_100k", "unit": "KB",
                      "value": rss_kb() - before,
                      "params": {"calls": 100_000, "query": QUERY}}))
    biz.close()


if __name__ == "__main__":
    main()
