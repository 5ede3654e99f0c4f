#!/usr/bin/env python3
"""Validate an iCalendar file written by `huifang export ics` with a real parser.

    python3 scripts/validate_ics.py FILE.ics

Needs the `icalendar` package from PyPI (`python3 -m pip install icalendar`). Prints one
line per event and exits non-zero when the file does not parse or breaks RFC 5545 rules
that calendar programs rely on (CRLF line ends, 75-octet lines, unique UIDs, all-day dates).
"""
import sys

import icalendar


def main(path):
    raw = open(path, "rb").read()
    problems = []
    lines = raw.split(b"\r\n")
    if lines[-1] != b"":
        problems.append("file does not end with CRLF")
    for n, line in enumerate(lines[:-1], 1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {n}: bare LF or CR")
        if len(line) > 75:
            problems.append(f"line {n}: {len(line)} octets, more than 75")
    cal = icalendar.Calendar.from_ical(raw)
    uids = set()
    events = cal.walk("VEVENT")
    for e in events:
        uid = str(e["UID"])
        if uid in uids:
            problems.append(f"duplicate UID {uid}")
        uids.add(uid)
        start = e.decoded("DTSTART")
        end = e.decoded("DTEND")
        if hasattr(start, "hour") or (end - start).days != 1:
            problems.append(f"{uid}: not a one-day all-day event")
        summary = e.decoded('SUMMARY')
        if isinstance(summary, bytes):
            summary = summary.decode('utf-8')
        print(f"{start} {uid} {summary}")
    for p in problems:
        print("error:", p, file=sys.stderr)
    print(f"{len(events)} events, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
