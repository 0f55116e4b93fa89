"""tests/memory/peak.py: running crossfoot and measuring its peak memory, for the memory tests."""
import os
import subprocess
import sys

CONSTANT_MIB = 48  # docs/aggregate.md: peak RSS <= --memory-limit + this, whatever the groups


def run(args, out_path, stdin=None):
    """Runs a command with its standard output in `out_path`; returns its peak RSS in bytes.
    The outputs stay in files: a child's peak counts the memory of this process as it was
    when forked, which must stay small. Exits with the command's error when it fails."""
    with open(out_path, "wb") as out:
        child = subprocess.Popen(args, stdin=stdin, stdout=out, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
        err = child.stderr.read().decode()
        child.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"FAIL: {' '.join(args)}: exit {code}\n{err}")
    return usage.ru_maxrss * 1024
