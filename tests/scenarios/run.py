#!/usr/bin/env python3
"""Runs the scripted-call scenario suite through `voxdesk simulate` and
checks each call's outcome against what a correct receptionist would do.

Usage: run.py PATH_TO_VOXDESK REPO_ROOT [FILE_GLOB] [--verbose]

Each tests/scenarios/*.jsonl file starts with a header line naming the
business and the time the calls happen:
  {"business": "examples/business/medical-practice.json", "now": "2026-10-05T09:00:00-04:00"}
then one call per line, as `voxdesk simulate` reads them, plus "expect":
  {"id": "...", "from": "+1555...", "turns": [...],
   "expect": {"outcome": "booked",
              "booking": {"service": "cleaning", "start": "2026-10-06T10:00:00-04:00", "staff": "lee"},
              "escalation_reason": "caller_request",   (prefix match)
              "language": "es",
              "message_for": "lee",                      (a message was taken for this staff id, or "office")
              "no_booking": true}}                       (nothing was booked or changed)
Calls in one file run in order against one database, so later calls see
earlier bookings. Prints one line per failure, then the pass rate; exits 1
when it is below 98 %.
"""
import glob, json, os, subprocess, sys, tempfile
from datetime import datetime, timezone

TARGET = 0.98


def instant(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00")).astimezone(timezone.utc)


def check(call, got):
    exp = call["expect"]
    errs = []
    if "outcome" in exp and got.get("outcome") != exp["outcome"]:
        errs.append(f"outcome {got.get('outcome')!r}, expected {exp['outcome']!r}")
    bk = got.get("booking")
    if "booking" in exp:
        want = exp["booking"]
        if not bk:
            errs.append("no booking")
        else:
            for k, v in want.items():
                if k in ("start", "end"):
                    if not bk.get(k) or instant(bk[k]) != instant(v):
                        errs.append(f"booking.{k} {bk.get(k)!r}, expected {v!r}")
                elif bk.get(k) != v:
                    errs.append(f"booking.{k} {bk.get(k)!r}, expected {v!r}")
    if exp.get("no_booking") and bk:
        errs.append(f"unexpected booking {bk.get('service')} {bk.get('start')} ({got.get('outcome')})")
    if "escalation_reason" in exp and not str(got.get("escalation_reason", "")).startswith(exp["escalation_reason"]):
        errs.append(f"escalation_reason {got.get('escalation_reason')!r}, expected {exp['escalation_reason']!r}...")
    if "language" in exp and got.get("language") != exp["language"]:
        errs.append(f"language {got.get('language')!r}, expected {exp['language']!r}")
    if "message_for" in exp:
        fors = [m.get("for") for m in got.get("messages", [])]
        if exp["message_for"] not in fors:
            errs.append(f"messages for {fors}, expected one for {exp['message_for']!r}")
    return errs


def transcript(got):
    return "\n".join(f"      {t['speaker']:>6}: {t['text']}" + (f"  [{t.get('intent')} {t.get('confidence')}]" if t['speaker'] == 'caller' else '')
                     for t in got.get("transcript", []))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in sys.argv
    if len(args) < 2:
        print(__doc__)
        return 2
    exe, repo = args[0], args[1]
    pattern = args[2] if len(args) > 2 else "*.jsonl"
    files = sorted(glob.glob(os.path.join(repo, "tests", "scenarios", pattern)))
    total = passed = 0
    for path in files:
        lines = [l for l in open(path, encoding="utf-8") if l.strip()]
        header, calls = json.loads(lines[0]), [json.loads(l) for l in lines[1:]]
        with tempfile.TemporaryDirectory() as tmp:
            script = os.path.join(tmp, "calls.jsonl")
            with open(script, "w", encoding="utf-8") as f:
                for c in calls:
                    f.write(json.dumps(c, ensure_ascii=False) + "\n")
            r = subprocess.run([exe, "simulate", "--business", os.path.join(repo, header["business"]),
                                "--script", script, "--now", header["now"], "--db", os.path.join(tmp, "s.db")],
                               capture_output=True, text=True, timeout=300)
            if r.returncode != 0:
                print(f"FAIL {os.path.basename(path)}: simulate exited {r.returncode}: {r.stderr[-400:]}")
                total += len(calls)
                continue
            results = {}
            for l in r.stdout.splitlines():
                d = json.loads(l)
                results[d["id"]] = d
        for c in calls:
            total += 1
            got = results.get(c["id"], {})
            errs = check(c, got) if got else ["no result line"]
            if errs:
                print(f"FAIL {os.path.basename(path)} {c['id']}: " + "; ".join(errs))
                if verbose:
                    print(transcript(got))
            else:
                passed += 1
    rate = passed / total if total else 0
    print(f"scenarios: {passed}/{total} pass ({rate:.1%}), target {TARGET:.0%}")
    return 0 if total and rate >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
