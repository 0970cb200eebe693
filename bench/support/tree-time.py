#!/usr/bin/env python3
"""CPU time of a whole process tree: tree-time.py COMMAND [ARGS...]

GNU time (and getrusage) counts only descendants that their own parents waited for. Chromium's
renderer and GPU processes are not: `/usr/bin/time -v npm test` leaves out the UI tests' browser
work (launching Chromium and spinning a page for 3 s of CPU: GNU time 2.0 s in all, this 4.7 s). This runs the command as a child
subreaper (prctl PR_SET_CHILD_SUBREAPER), so every orphaned descendant is re-parented here and
reaped, then prints wall, user and sys time of everything the command started, on stderr, and exits
with the command's status. Linux only.
"""
import ctypes
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36

if len(sys.argv) < 2:
    sys.exit("usage: tree-time.py COMMAND [ARGS...]")
if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
    sys.exit(f"tree-time: prctl failed: {os.strerror(ctypes.get_errno())}")
started = time.monotonic()
child = subprocess.Popen(sys.argv[1:])
status = 1
while True:
    try:
        pid, wait_status = os.wait()
    except ChildProcessError:
        break
    if pid == child.pid:
        status = os.waitstatus_to_exitcode(wait_status)
wall = time.monotonic() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"tree-time: {wall:.1f} s wall, {usage.ru_utime:.1f} s user, {usage.ru_stime:.1f} s sys, "
      f"{usage.ru_utime + usage.ru_stime:.1f} s CPU", file=sys.stderr)
sys.exit(status if status >= 0 else 128 - status)
