#!/usr/bin/env python3
"""The baseline for loading the ECB history: a plain parse with Python's csv and decimal.

Reads the file once into memory, then times N parses of it (every non-N/A cell becomes a
(date, currency, Decimal) tuple) and prints the median in milliseconds.
"""
import csv
import decimal
import io
import statistics
import sys
import time


def parse(text):
    rows = csv.reader(io.StringIO(text))
    header = next(rows)
    quotes = []
    for row in rows:
        day = row[0]
        for code, cell in zip(header[1:], row[1:]):
            if code and cell and cell != "N/A":
                quotes.append((day, code, decimal.Decimal(cell)))
    return quotes


def main():
    path, repetitions = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with open(path, encoding="utf-8") as f:
        text = f.read()
    times = []
    for _ in range(repetitions):
        start = time.perf_counter_ns()
        quotes = parse(text)
        times.append(time.perf_counter_ns() - start)
    print(f"python csv+decimal: {len(quotes)} quotes, median {statistics.median(times) // 1000 / 1000} ms")
    print(statistics.median(times) // 1000)  # microseconds, for the driver


if __name__ == "__main__":
    main()
