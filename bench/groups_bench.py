#!/usr/bin/python3
"""The Python side of bench/run-groups-bench: the check of both tools' totals, and the plot.

    groups_bench.py verify [--case TEXT] LEDGER KEYS CROSSFOOT.csv DUCKDB.csv
    groups_bench.py plot RESULTS.csv [OUT.png]

verify: sums LEDGER (a CSV with the columns KEYS, comma-separated, currency and amount) per
(key..., currency) with csv and decimal.Decimal, exactly (an inexact sum raises), and compares
both outputs with it: crossfoot's `KEYS...,currency,total,rows,kind` (only the rows of kind
`exact`; they must also come in key order, byte-wise field by field) and DuckDB's
`KEYS...,currency,total,rows`. Totals are compared as decimals (DuckDB writes 1864209425.00
where the ledger and crossfoot write 1864209425), row counts as integers; every group of the
ledger must appear once in each output and no other. `-` for an output skips that tool. Exit
status 0 when both agree, 1 with the differences on standard error (which case, which group),
2 on a usage or input error.

plot: wall time against groups from run-groups-bench's results.csv, log-scaled, one line per
tool and row count, markers by the number of key columns; written to OUT.png (default:
groups.png beside RESULTS.csv) with matplotlib's Agg backend.

Only the standard library is used, and matplotlib for the plot.
"""
import csv
import decimal
import os
import sys
from decimal import Decimal
from operator import itemgetter

SHOWN = 10  # differences printed per tool; all are counted

TOOLS = (  # name, bit in a group's `seen` mask, has a kind column, must be in key order
    ("crossfoot", 1, True, True),
    ("DuckDB", 2, False, False),
)


def exact_context():
    """Sums never round: an inexact result raises instead."""
    context = decimal.Context(prec=60)
    context.traps[decimal.Inexact] = True
    context.traps[decimal.Rounded] = True
    return context


def reference(ledger, keys):
    """{(key..., currency): [total, rows, seen]} over the ledger, and the number of rows."""
    decimal.setcontext(exact_context())
    groups = {}
    get = groups.get
    with open(ledger, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        try:
            group_of = itemgetter(*[header.index(k) for k in keys], header.index("currency"))
            amount_at = header.index("amount")
        except ValueError as e:
            raise SystemExit(f"groups_bench.py: {ledger}: {e} (header {header})") from None
        n = 0
        for n, row in enumerate(reader, 1):
            group = group_of(row)
            amount = Decimal(row[amount_at])
            cell = get(group)
            if cell is None:
                groups[group] = [amount, 1, 0]
            else:
                cell[0] += amount
                cell[1] += 1
    return groups, n


def show(group):
    return "(" + ", ".join(group) + ")"


def check(tool, path, keys, groups, bit, has_kind, ordered):
    """The differences between one tool's output and the reference, as (count, first few,
    facts worth knowing that are not differences)."""
    problems = []
    count = 0
    facts = []

    def problem(text):
        nonlocal count
        count += 1
        if len(problems) < SHOWN:
            problems.append(text)

    expected_header = keys + ["currency", "total", "rows"] + (["kind"] if has_kind else [])
    width = len(keys)
    other_kinds = written_otherwise = currencies_unordered = 0
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header != expected_header:
            problem(f"header {header}, expected {expected_header}")
            return count, problems, facts
        previous_key = previous_currency = None
        for line, row in enumerate(reader, 2):
            if len(row) != len(expected_header):
                problem(f"line {line}: {len(row)} fields, expected {len(expected_header)}: {row}")
                continue
            if has_kind and row[-1] != "exact":
                other_kinds += 1
                continue
            key = tuple(row[:width])
            currency, total_text, rows_text = row[width:width + 3]
            # Python orders str by code point, which is the byte order of their UTF-8.
            if ordered and previous_key is not None:
                if key < previous_key:
                    problem(f"line {line}: key {show(key)} after {show(previous_key)}: not in key order")
                elif key == previous_key and currency < previous_currency:
                    currencies_unordered += 1
            previous_key, previous_currency = key, currency
            group = key + (currency,)
            cell = groups.get(group)
            if cell is None:
                problem(f"line {line}: group {show(group)} is not in the ledger")
                continue
            if cell[2] & bit:
                problem(f"line {line}: group {show(group)} a second time")
                continue
            cell[2] |= bit
            try:
                total = Decimal(total_text)
                rows = int(rows_text)
            except (decimal.InvalidOperation, ValueError):
                problem(f"line {line}: group {show(group)}: unreadable total or rows {row}")
                continue
            if not total.is_finite() or total != cell[0]:
                problem(f"line {line}: group {show(group)}: total {total_text}, expected {cell[0]}")
            elif ordered and total_text != str(cell[0]):  # DuckDB's are all of scale 2
                written_otherwise += 1
            if rows != cell[1]:
                problem(f"line {line}: group {show(group)}: {rows_text} rows, expected {cell[1]}")
    missing = [group for group, cell in groups.items() if not cell[2] & bit]
    for group in missing[:SHOWN]:
        problem(f"group {show(group)} (total {groups[group][0]}, {groups[group][1]} rows) is missing")
    count += max(0, len(missing) - SHOWN)
    if other_kinds:
        facts.append(f"{other_kinds} rows of a kind other than exact, left out")
    if written_otherwise:
        facts.append(f"{written_otherwise} totals written with other digits than Python's sum "
                     "(equal as decimals)")
    if currencies_unordered:
        facts.append(f"{currencies_unordered} times a currency before the previous one of the same key")
    return count, problems, facts


def verify(argv):
    case = None
    if len(argv) >= 2 and argv[0] == "--case":
        case, argv = argv[1], argv[2:]
    if len(argv) != 4:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    ledger, keys_text, outputs = argv[0], argv[1], argv[2:]
    keys = keys_text.split(",")
    where = f"{case}: " if case else ""
    groups, rows = reference(ledger, keys)
    failed = False
    verdicts = []
    for (tool, bit, has_kind, ordered), path in zip(TOOLS, outputs):
        if path == "-":
            verdicts.append(f"{tool} not checked")
            continue
        count, problems, facts = check(tool, path, keys, groups, bit, has_kind, ordered)
        for fact in facts:
            print(f"groups_bench.py: {where}{tool}: {fact}", file=sys.stderr)
        if count:
            failed = True
            print(f"groups_bench.py: {where}{tool} ({path}) differs from Python's decimal in "
                  f"{count} place(s):", file=sys.stderr)
            for text in problems:
                print(f"    {text}", file=sys.stderr)
            if count > len(problems):
                print(f"    ... and {count - len(problems)} more", file=sys.stderr)
        else:
            verdicts.append(f"{tool} agrees" + (", in key order" if ordered else ""))
    if not failed:
        print(f"groups_bench.py: {where}{rows:,} rows, {len(groups):,} groups: "
              + "; ".join(verdicts), file=sys.stderr)
    return 1 if failed else 0


def plot(argv):
    if len(argv) not in (1, 2):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    results = argv[0]
    out = argv[1] if len(argv) == 2 else os.path.join(os.path.dirname(results) or ".", "groups.png")
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    with open(results, newline="") as f:
        table = list(csv.DictReader(f))
    row_counts = sorted({int(r["rows"]) for r in table})
    styles = ["-", "--", ":", "-."]
    markers = {1: "o", 2: "s", 3: "^"}
    tools = (  # name, its groups, its wall time, colour
        ("crossfoot", "groups", "crossfoot_wall_s", "tab:blue"),
        ("DuckDB", "duckdb_groups", "duckdb_wall_s", "tab:orange"),
    )
    figure, axes = plt.subplots(figsize=(9, 5), dpi=120)
    for tool, groups, column, colour in tools:
        for i, n in enumerate(row_counts):
            points = sorted(
                (int(r[groups]), float(r[column]), int(r["key_width"]))
                for r in table
                if int(r["rows"]) == n and r[column] not in ("", "failed")
                and r[groups].isdigit())
            if not points:
                continue
            axes.plot([p[0] for p in points], [p[1] for p in points], color=colour,
                      linestyle=styles[i % len(styles)], linewidth=1.2)
            for width, marker in markers.items():
                mine = [p for p in points if p[2] == width]
                axes.scatter([p[0] for p in mine], [p[1] for p in mine], color=colour,
                             marker=marker, s=30, zorder=3)
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("groups (distinct key and currency pairs in the output)")
    axes.set_ylabel("wall time, s (median, whole process)")
    axes.set_title("crossfoot aggregate --by KEYS vs DuckDB GROUP BY, 2 threads each")
    axes.grid(True, which="both", linewidth=0.3, alpha=0.5)
    handles = [Line2D([], [], color=colour, linestyle=styles[i % len(styles)],
                      label=f"{tool}, {n:,} rows")
               for tool, _, _, colour in tools for i, n in enumerate(row_counts)]
    handles += [Line2D([], [], color="grey", marker=marker, linestyle="none",
                       label=f"{width}-column key")
                for width, marker in markers.items()]
    axes.legend(handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    figure.savefig(out, bbox_inches="tight")
    return 0


def main(argv):
    commands = {"verify": verify, "plot": plot}
    if not argv or argv[0] not in commands:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
