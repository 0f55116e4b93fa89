"""Times the aggregation of sharded ledgers three ways, in the same run: the crossfoot
command with 2 threads (the baseline), crossfoot.dask on a LocalCluster of 1 worker and of 2
workers (one thread each, separate processes). Every result is checked digit for digit
against the command's CSV. Prints a Markdown table with medians, ratios to the baseline and
peak memory (the command's maximum resident set; each Dask worker's, read in the worker).

Usage: dask_bench.py BUILD_DIR RUNS BY FILE...    (run by bench/run-dask-bench)
"""

import os
import resource
import statistics
import subprocess
import sys
import time


def peak_rss_mb():
    """The process's peak resident set since _reset_peak (VmHWM)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cli_run(crossfoot, files, by):
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", crossfoot, "aggregate", "--by", by,
                           "--threads", "2", "--format", "csv", *files],
                          capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - started
    peak_kb = int(done.stderr.strip().splitlines()[-1])
    return elapsed, done.stdout, peak_kb / 1024


def dask_run(client, files, by):
    import crossfoot.dask

    client.run(_reset_peak)
    rest = max(client.run(rss_mb).values())
    started = time.perf_counter()
    partial = crossfoot.dask.aggregate_partial(files, by=by, client=client)
    elapsed = time.perf_counter() - started
    peaks = client.run(peak_rss_mb)
    return elapsed, partial.format("csv"), (max(peaks.values()), rest)


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _reset_peak():
    # The peak so far cannot be reset in a running process; /proc's clear_refs can.
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def main():
    build, runs, by, files = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
    sys.path.insert(0, os.path.join(build, "python"))
    import distributed

    crossfoot = os.path.join(build, "engine", "crossfoot")
    size = sum(os.path.getsize(f) for f in files)
    results = {}
    expected = None
    times = []
    for _ in range(runs):
        elapsed, out, peak = cli_run(crossfoot, files, by)
        expected = expected or out
        assert out == expected
        times.append((elapsed, (peak, None)))
    results["crossfoot aggregate --threads 2 (baseline)"] = times
    for workers in (1, 2):
        with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                      host="127.0.0.1", dashboard_address=":0",
                                      silence_logs=40) as cluster, \
                distributed.Client(cluster) as client:
            times = []
            for _ in range(runs):
                elapsed, out, peak = dask_run(client, files, by)
                if out != expected:
                    sys.exit(f"dask_bench: {workers} worker(s) gave other totals than the command")
                times.append((elapsed, peak))
            results[f"crossfoot.dask, {workers} worker{'s' if workers > 1 else ''}"] = times
    base = statistics.median(t for t, _ in results["crossfoot aggregate --threads 2 (baseline)"])
    print(f"{len(files)} files, {size / 1e9:.2f} GB, --by {by}; medians of {runs}; totals equal "
          "the command's CSV digit for digit in every run\n")
    print("| run | median | throughput | speed vs baseline | peak memory (per process) |")
    print("|---|---:|---:|---:|---:|")
    for name, times in results.items():
        median = statistics.median(t for t, _ in times)
        peak = max(p for _, (p, _) in times)
        rests = [r for _, (_, r) in times if r is not None]
        at_rest = f" (at rest {max(rests):.0f} MB)" if rests else ""
        print(f"| {name} | {median:.2f} s | {size / median / 1e6:.0f} MB/s | "
              f"{base / median:.2f}× | {peak:.0f} MB{at_rest} |")


if __name__ == "__main__":
    main()
