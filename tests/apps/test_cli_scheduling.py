#!/usr/bin/env python3
"""The voxdesk CLI's scheduling contract (CONTRACTS.md section 3), run as real
processes: output shapes, exit codes, flag-naming errors, persistence in
--db, idempotency, atomic reschedule, and concurrent processes racing for
one slot. Usage: test_cli_scheduling.py PATH_TO_VOXDESK REPO_DIR"""
import json
import os
import subprocess
import sys
import tempfile
import unittest
from concurrent.futures import ThreadPoolExecutor

EXE = None
REPO = None
NOW = "2026-03-05T09:00:00-05:00"
DAYS = ["mon", "tue", "wed", "thu", "fri"]
BIZ = {
    "id": "cli-test", "name": "CLI Test Dental", "timezone": "America/New_York",
    "hours": {d: [["09:00", "12:00"], ["13:00", "17:00"]] for d in DAYS},
    "booking": {"min_notice_min": 60, "horizon_days": 60, "slot_step_min": 30},
    "services": [
        {"id": "cleaning", "name": "Teeth cleaning", "duration_min": 60, "buffer_after_min": 15},
        {"id": "checkup", "name": "Checkup", "duration_min": 30, "staff": ["kim"]},
    ],
    "staff": [{"id": "lee", "name": "Dr. Lee"},
              {"id": "kim", "name": "Dr. Kim", "timezone": "America/Chicago",
               "hours": {d: [["08:00", "16:00"]] for d in DAYS}}],
    "bookings": [{"id": "b1", "service": "cleaning", "staff": "lee", "start": "2026-03-09T10:30:00-04:00",
                  "customer": {"name": "Ana Ruiz", "phone": "+15550142"}}],
}


def run(*args):
    r = subprocess.run([EXE, *args], capture_output=True, text=True, timeout=120)
    return r.returncode, r.stdout, r.stderr


class CliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.biz = os.path.join(self.tmp.name, "biz.json")
        with open(self.biz, "w") as f:
            json.dump(BIZ, f)
        self.db = os.path.join(self.tmp.name, "v.db")

    def tearDown(self):
        self.tmp.cleanup()

    def slots(self, *extra, frm="2026-03-09T00:00:00-04:00", to="2026-03-10T00:00:00-04:00"):
        return run("slots", "--business", self.biz, "--service", "cleaning", "--from", frm, "--to", to,
                   "--now", NOW, *extra)

    def book(self, start, *extra, name="Bo Li", phone="+15550143"):
        return run("book", "--business", self.biz, "--db", self.db, "--service", "cleaning", "--start", start,
                   "--name", name, "--phone", phone, "--now", NOW, *extra)

    # --- slots
    def test_slots_are_sorted_by_start_then_staff_in_business_offset(self):
        rc, out, err = self.slots()
        self.assertEqual(rc, 0, err)
        slots = json.loads(out)["slots"]
        keys = [(s["start"], s["staff"]) for s in slots]
        self.assertEqual(keys, sorted(keys))
        self.assertTrue(all(s["start"].endswith("-04:00") and s["end"].endswith("-04:00") for s in slots))
        # Dr. Kim works 08:00-16:00 Chicago = 09:00-17:00 New York.
        self.assertIn(("2026-03-09T09:00:00-04:00", "kim"), keys)
        self.assertIn(("2026-03-09T16:00:00-04:00", "kim"), keys)  # 60 minutes: the last start
        self.assertNotIn(("2026-03-09T16:30:00-04:00", "kim"), keys)
        # Dr. Lee is blocked 09:30-11:45 by b1 (10:30 + 60 min + 15 min buffer).
        lee = [s["start"][11:16] for s in slots if s["staff"] == "lee"]
        self.assertEqual(lee[:3], ["09:00", "13:00", "13:30"])

    def test_slots_staff_and_limit(self):
        rc, out, err = self.slots("--staff", "lee", "--limit", "2")
        self.assertEqual(rc, 0, err)
        self.assertEqual([s["start"][11:16] for s in json.loads(out)["slots"]], ["09:00", "13:00"])

    def test_min_notice_and_horizon(self):
        rc, out, _ = self.slots(frm="2026-03-05T00:00:00-05:00", to="2026-03-05T12:00:00-05:00")
        starts = [s["start"][11:16] for s in json.loads(out)["slots"] if s["staff"] == "lee"]
        self.assertEqual(starts[0], "10:00")  # now 09:00 + 60 min notice
        rc, out, _ = self.slots(frm="2026-05-01T00:00:00-04:00", to="2026-05-30T00:00:00-04:00")
        self.assertEqual(rc, 0)
        last = max(s["start"] for s in json.loads(out)["slots"])
        # The horizon ends 60 days after now: 2026-05-04T14:00Z = 10:00 EDT.
        self.assertEqual(last, "2026-05-04T09:30:00-04:00")

    def test_bad_input_exits_2_naming_the_flag(self):
        cases = [
            (["--service", "nope"], "--service"),
            (["--staff", "zed"], "--staff"),
            (["--limit", "0"], "--limit"),
            (["--bogus", "1"], "--bogus"),
        ]
        for extra, flag in cases:
            args = ["slots", "--business", self.biz, "--service", "cleaning", "--from", "2026-03-09T00:00:00Z",
                    "--to", "2026-03-10T00:00:00Z", "--now", NOW]
            if extra[0] == "--service":
                args[args.index("cleaning")] = "nope"
            else:
                args += extra
            rc, out, err = run(*args)
            self.assertEqual(rc, 2, (extra, err))
            self.assertIn(flag, err)
            self.assertIn(flag, json.loads(out)["error"]["message"])
        rc, _, err = self.slots(frm="2026-03-09 10:00", to="2026-03-10T00:00:00Z")
        self.assertEqual(rc, 2)
        self.assertIn("--from", err)
        rc, _, err = self.slots(frm="2026-03-10T00:00:00Z", to="2026-03-09T00:00:00Z")
        self.assertEqual(rc, 2)
        self.assertIn("--from", err)
        rc, _, err = run("slots", "--business", self.biz, "--service", "cleaning", "--from", "2026-03-09T00:00:00Z")
        self.assertEqual(rc, 2)
        self.assertIn("--to", err)
        rc, _, err = run("slots", "--business", self.biz, "--service", "checkup", "--staff", "lee",
                         "--from", "2026-03-09T00:00:00Z", "--to", "2026-03-10T00:00:00Z", "--now", NOW)
        self.assertEqual(rc, 2)
        self.assertIn("--staff", err)

    def test_bad_config_exits_2_naming_the_path(self):
        bad = dict(BIZ, services=[dict(BIZ["services"][0], duration_min=0)])
        path = os.path.join(self.tmp.name, "bad.json")
        with open(path, "w") as f:
            json.dump(bad, f)
        rc, _, err = run("slots", "--business", path, "--service", "cleaning", "--from", "2026-03-09T00:00:00Z",
                         "--to", "2026-03-10T00:00:00Z")
        self.assertEqual(rc, 2)
        self.assertIn("services[0].duration_min", err)
        with open(path, "w") as f:
            f.write("{not json")
        rc, _, err = run("slots", "--business", path, "--service", "cleaning", "--from", "2026-03-09T00:00:00Z",
                         "--to", "2026-03-10T00:00:00Z")
        self.assertEqual(rc, 2)
        rc, _, err = run("slots", "--business", os.path.join(self.tmp.name, "missing.json"), "--service", "x",
                         "--from", "2026-03-09T00:00:00Z", "--to", "2026-03-10T00:00:00Z")
        self.assertEqual(rc, 2)
        self.assertIn("--business", err)

    # --- book / cancel / reschedule
    def test_book_persists_and_blocks_with_buffers(self):
        rc, out, err = self.book("2026-03-10T09:00:00-04:00", "--staff", "lee")
        self.assertEqual(rc, 0, err)
        b = json.loads(out)["booking"]
        self.assertEqual((b["service"], b["staff"], b["status"]), ("cleaning", "lee", "confirmed"))
        self.assertEqual(b["end"], "2026-03-10T10:00:00-04:00")
        self.assertEqual(len(b["confirmation_code"]), 6)
        # 10:00 would sit inside the 15-minute buffer after 09:00-10:00.
        rc, out, _ = self.book("2026-03-10T10:00:00-04:00", "--staff", "lee")
        self.assertEqual(rc, 3)
        self.assertEqual(json.loads(out)["error"]["code"], "slot_unavailable")
        rc, out, _ = self.book("2026-03-10T10:30:00-04:00", "--staff", "lee")
        self.assertEqual(rc, 0)
        # slots with --db see both bookings.
        rc, out, _ = self.slots("--db", self.db, "--staff", "lee", frm="2026-03-10T00:00:00-04:00",
                                to="2026-03-10T12:00:00-04:00")
        self.assertEqual([s["start"][11:16] for s in json.loads(out)["slots"]], [])

    def test_any_staff_falls_back_to_the_next_free_person(self):
        rc, out, _ = self.book("2026-03-10T09:00:00-04:00")
        first = json.loads(out)["booking"]["staff"]
        rc, out, _ = self.book("2026-03-10T09:00:00-04:00")
        self.assertEqual(rc, 0)
        second = json.loads(out)["booking"]["staff"]
        self.assertEqual({first, second}, {"kim", "lee"})
        rc, out, _ = self.book("2026-03-10T09:00:00-04:00")
        self.assertEqual(rc, 3)

    def test_unavailable_times_exit_3(self):
        for start in ["2026-03-09T10:30:00-04:00",  # config booking b1
                      "2026-03-09T09:10:00-04:00",  # off the 30-minute grid
                      "2026-03-07T10:00:00-05:00",  # Saturday: closed
                      "2026-03-05T09:30:00-05:00",  # inside the 60-minute notice
                      "2026-06-01T10:00:00-04:00"]:  # beyond the 60-day horizon
            rc, out, _ = self.book(start, "--staff", "lee")
            self.assertEqual(rc, 3, start)
            self.assertEqual(json.loads(out)["error"]["code"], "slot_unavailable")

    def test_bad_booking_input_exits_2(self):
        rc, _, err = self.book("2026-03-10T09:00:00-04:00", phone="555-0100")
        self.assertEqual(rc, 2)
        self.assertIn("--phone", err)
        rc, _, err = self.book("2026-03-10T09:00:00-04:00", name="  ")
        self.assertEqual(rc, 2)
        self.assertIn("--name", err)
        rc, _, err = self.book("2026-03-10T09:00:00")
        self.assertEqual(rc, 2)
        self.assertIn("--start", err)
        # Nothing was written by any of the rejected calls.
        rc, out, _ = self.book("2026-03-10T09:00:00-04:00", "--staff", "lee")
        self.assertEqual(rc, 0)

    def test_idempotency_key_returns_the_same_booking(self):
        rc, out, _ = self.book("2026-03-10T09:00:00-04:00", "--idempotency-key", "k1")
        first = json.loads(out)["booking"]
        rc, out, _ = self.book("2026-03-10T09:00:00-04:00", "--idempotency-key", "k1")
        self.assertEqual(rc, 0)
        self.assertEqual(json.loads(out)["booking"], first)
        rc, out, err = self.book("2026-03-10T13:00:00-04:00", "--idempotency-key", "k1")
        self.assertEqual(rc, 2)
        self.assertIn("--idempotency-key", err)

    def test_cancel_frees_the_slot_and_is_repeatable(self):
        rc, out, _ = self.book("2026-03-10T09:00:00-04:00", "--staff", "lee")
        bid = json.loads(out)["booking"]["id"]
        rc, out, err = run("cancel", "--business", self.biz, "--db", self.db, "--booking", bid, "--now", NOW)
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out)["booking"]["status"], "cancelled")
        rc, out, _ = run("cancel", "--business", self.biz, "--db", self.db, "--booking", bid, "--now", NOW)
        self.assertEqual(rc, 0)
        rc, _, _ = self.book("2026-03-10T09:00:00-04:00", "--staff", "lee")
        self.assertEqual(rc, 0)
        rc, out, err = run("cancel", "--business", self.biz, "--db", self.db, "--booking", "nope", "--now", NOW)
        self.assertEqual(rc, 2)
        self.assertIn("--booking", err)

    def test_config_booking_can_be_cancelled_through_the_db(self):
        rc, out, err = run("cancel", "--business", self.biz, "--db", self.db, "--booking", "b1", "--now", NOW)
        self.assertEqual(rc, 0, err)
        rc, out, _ = self.slots("--db", self.db, "--staff", "lee")
        starts = [s["start"][11:16] for s in json.loads(out)["slots"]]
        self.assertIn("10:30", starts)

    def test_reschedule_is_atomic(self):
        rc, out, _ = self.book("2026-03-10T09:00:00-04:00", "--staff", "lee")
        bid = json.loads(out)["booking"]["id"]
        code = json.loads(out)["booking"]["confirmation_code"]
        # Target taken by b1: nothing changes.
        rc, out, _ = run("reschedule", "--business", self.biz, "--db", self.db, "--booking", bid,
                         "--start", "2026-03-09T10:30:00-04:00", "--now", NOW)
        self.assertEqual(rc, 3)
        rc, out, _ = self.book("2026-03-10T09:00:00-04:00", "--staff", "lee")
        self.assertEqual(rc, 3)  # still held by the original booking
        # Overlapping its own old time is fine.
        rc, out, err = run("reschedule", "--business", self.biz, "--db", self.db, "--booking", bid,
                           "--start", "2026-03-10T09:30:00-04:00", "--now", NOW)
        self.assertEqual(rc, 0, err)
        moved = json.loads(out)["booking"]
        self.assertEqual((moved["id"], moved["confirmation_code"], moved["start"]),
                         (bid, code, "2026-03-10T09:30:00-04:00"))
        rc, out, _ = self.slots("--db", self.db, "--staff", "lee", frm="2026-03-10T00:00:00-04:00",
                                to="2026-03-10T12:00:00-04:00")
        # 09:30-10:30 plus its 15-minute buffer leaves only 11:00-12:00.
        self.assertEqual([s["start"][11:16] for s in json.loads(out)["slots"]], ["11:00"])

    def test_ics_export(self):
        rc, out, _ = self.book("2026-03-10T09:00:00-04:00", "--staff", "lee")
        bid = json.loads(out)["booking"]["id"]
        rc, ics, err = run("ics", "--business", self.biz, "--db", self.db, "--booking", bid, "--now", NOW)
        self.assertEqual(rc, 0, err)
        self.assertIn("METHOD:REQUEST", ics)
        self.assertIn("DTSTART:20260310T130000Z", ics)

    # --- concurrency through real processes
    def test_32_processes_racing_for_one_slot_one_wins(self):
        def attempt(i):
            return self.book("2026-03-11T09:00:00-04:00", "--staff", "lee", name=f"Caller {i}")
        with ThreadPoolExecutor(max_workers=32) as pool:
            results = list(pool.map(attempt, range(32)))
        codes = sorted(r[0] for r in results)
        self.assertEqual(codes.count(0), 1, [r[2][-200:] for r in results if r[0] not in (0, 3)])
        self.assertEqual(codes.count(3), 31)

    def test_32_processes_with_one_idempotency_key_make_one_booking(self):
        def attempt(_):
            return self.book("2026-03-11T13:00:00-04:00", "--idempotency-key", "same-key")
        with ThreadPoolExecutor(max_workers=32) as pool:
            results = list(pool.map(attempt, range(32)))
        self.assertTrue(all(r[0] == 0 for r in results), [r[2] for r in results if r[0]])
        ids = {json.loads(r[1])["booking"]["id"] for r in results}
        self.assertEqual(len(ids), 1)

    def test_version_and_unknown_command(self):
        rc, out, _ = run("version")
        self.assertEqual(rc, 0)
        self.assertIn("version", json.loads(out))
        rc, _, err = run("frobnicate")
        self.assertEqual(rc, 2)
        self.assertIn("frobnicate", err)


if __name__ == "__main__":
    EXE, REPO = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0]], verbosity=2)
