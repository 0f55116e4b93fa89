#!/usr/bin/python3
"""tests/memory/spill.py CROSSFOOT GEN_LEDGER: with many groups, a memory limit holds.

On a ledger of 10^6 rows with one group per row (the worst case: no key repeats), the peak
resident memory without a limit is measured; then, with --memory-limit at a tenth of it, the
groups go to disk and the peak must stay under the limit plus the constant that
docs/aggregate.md states, for a file and for standard input, with output byte-identical to
the unlimited run's, on 1 and 2 threads and in CSV and JSON. Release build only (a sanitizer's
shadow memory would be measured too)."""
import filecmp
import os
import subprocess
import sys
import tempfile

from peak import CONSTANT_MIB, run


def main():
    crossfoot, gen_ledger = sys.argv[1], sys.argv[2]
    failed = False
    with tempfile.TemporaryDirectory() as work:
        ledger = os.path.join(work, "ledger.csv")
        with open(ledger, "wb") as f:
            subprocess.run([gen_ledger, "1000000", "csv", "7", "--dates", "1827"], stdout=f, check=True)
        base = [crossfoot, "aggregate", "--by", "id", "--spill-dir", work]
        reference = os.path.join(work, "reference.out")
        output = os.path.join(work, "limited.out")
        for fmt in ("csv", "json"):
            peak = run(base + [ledger, "--threads", "2", "--format", fmt, "--memory-limit", "0"], reference)
            limit = peak // 10
            bound = limit + CONSTANT_MIB * 2**20
            print(f"{fmt}: unlimited peak {peak / 2**20:.1f} MiB; limit {limit / 2**20:.1f} MiB, bound {bound / 2**20:.1f} MiB")
            for threads in ("1", "2"):
                for source in ("file", "stdin"):
                    args = base + ["--threads", threads, "--format", fmt, "--memory-limit", str(limit)]
                    if source == "file":
                        got = run(args + [ledger], output)
                    else:
                        with open(ledger, "rb") as f:
                            got = run(args + ["-"], output, stdin=f)
                    same = filecmp.cmp(output, reference, shallow=False)
                    ok = same and got <= bound
                    failed |= not ok
                    print(f"{'ok' if ok else 'FAIL'}: {fmt}, {threads} thread(s), {source}: peak {got / 2**20:.1f} MiB, "
                          f"output {'identical' if same else 'DIFFERENT'}")
        if sorted(os.listdir(work)) != ["ledger.csv", "limited.out", "reference.out"]:
            print(f"FAIL: spill files left behind: {os.listdir(work)}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
