#!/usr/bin/python3
"""tests/memory/merge.py CROSSFOOT GEN_LEDGER: merging partials of many groups, memory bounded.

A ledger of 10^6 rows with one group per row is cut in two; each half is aggregated into a
partial (some 35 MB of JSON each). `crossfoot merge` reads them as they stream: without a
limit its peak is measured, and with --memory-limit at a tenth of it the groups go to disk
and the peak must stay under the limit plus the constant that docs/aggregate.md states; the
report and the merged partial are byte-identical to the unlimited merge's, and the report to
an aggregation of the whole ledger. Release build only (a sanitizer's shadow memory would be
measured too)."""
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
        path = lambda name: os.path.join(work, name)
        with open(path("ledger.csv"), "wb") as f:
            subprocess.run([gen_ledger, "1000000", "csv", "11", "--dates", "1827"], stdout=f, check=True)
        # Cut line by line: a child's peak counts the memory of this process as it was when
        # forked, which must stay small.
        with open(path("ledger.csv"), "rb") as f, open(path("a.csv"), "wb") as a, open(path("b.csv"), "wb") as b:
            header = f.readline()
            a.write(header)
            b.write(header)
            for number, line in enumerate(f):
                (a if number < 500000 else b).write(line)
        aggregate = [crossfoot, "aggregate", "--by", "id", "--format", "csv", "--spill-dir", work]
        run(aggregate + [path("ledger.csv")], path("whole.out"))
        for half in ("a", "b"):
            run(aggregate + [path(f"{half}.csv"), "--partial", path(f"{half}.json")], path("half.out"))
        merge = [crossfoot, "merge", path("a.json"), path("b.json"), "--format", "csv", "--spill-dir", work]
        peak = run(merge + ["--memory-limit", "0", "--partial", path("merged.json")], path("merged.out"))
        same = filecmp.cmp(path("merged.out"), path("whole.out"), shallow=False)
        failed |= not same
        print(f"{'ok' if same else 'FAIL'}: unlimited merge: peak {peak / 2**20:.1f} MiB, "
              f"report {'identical' if same else 'DIFFERENT'} to the whole ledger's")
        limit = peak // 10
        bound = limit + CONSTANT_MIB * 2**20
        for threads in ("1", "2"):
            got = run(merge + ["--memory-limit", str(limit), "--threads", threads, "--partial", path("limited.json")],
                      path("limited.out"))
            same = filecmp.cmp(path("limited.out"), path("merged.out"), shallow=False) and filecmp.cmp(
                path("limited.json"), path("merged.json"), shallow=False)
            ok = same and got <= bound
            failed |= not ok
            print(f"{'ok' if ok else 'FAIL'}: limit {limit / 2**20:.1f} MiB, {threads} thread(s): peak "
                  f"{got / 2**20:.1f} MiB (bound {bound / 2**20:.1f}), outputs {'identical' if same else 'DIFFERENT'}")
        left = sorted(n for n in os.listdir(work) if not n.endswith((".csv", ".json", ".out")))
        if left:
            print(f"FAIL: spill files left behind: {left}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
