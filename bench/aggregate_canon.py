#!/usr/bin/env python3
"""Turns one tool's totals into the canonical form of bench/aggregate_python.py, so that they
can be compared with Python's decimal byte for byte.

    aggregate_canon.py FORMAT < TOOL_OUTPUT > CANONICAL

FORMAT is one of:
    crossfoot-t1  `crossfoot aggregate --by region --format csv`: the rows of kind `exact`
    crossfoot-t2  the same with `--to CNY`: the rows of kind `converted`
    csv           `region,currency,total` with a header (the DuckDB script's output)
    ledger        `ledger balance --format '%(account)\\n%(scrub(display_total))\\n'`:
                  an account line, then one `AMOUNT CODE` line per commodity
    hledger       `hledger balance -O csv --layout=bare`: "account","commodity","balance"
    beancount     `bean-query -f csv` of `account, currency, total`

For the journals the region is the account's last component (`Commitments:R07` is R07); the
parent account `Commitments` is left out. The canonical form only rewrites how each exact
value is written (see canonical_total). Output that cannot be read as totals exits with
status 1 and says why: that tool's totals are then 'not verified', never taken as equal.
"""
import csv
import re
import sys
from decimal import Decimal

from aggregate_python import print_canonical

NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
CODE = re.compile(r"[A-Z]{3}")
REGION = re.compile(r"R[0-9]{2}")
PARENT_ACCOUNT = "Commitments"


class Unreadable(Exception):
    pass


def number(text):
    text = text.strip()
    if not NUMBER.fullmatch(text):
        raise Unreadable(f"not a plain decimal: {text!r}")
    return Decimal(text)


def region_of(account):
    """The region of a journal account, or None for the parent account."""
    account = account.strip()
    if account == PARENT_ACCOUNT:
        return None
    region = account.split(":")[-1]
    if not REGION.fullmatch(region):
        raise Unreadable(f"not a region account: {account!r}")
    return region


def put(totals, region, currency, value):
    if not CODE.fullmatch(currency):
        raise Unreadable(f"not a currency code: {currency!r}")
    if (region, currency) in totals:
        raise Unreadable(f"({region}, {currency}) given twice")
    totals[(region, currency)] = value


def csv_records(text):
    rows = [row for row in csv.reader(text.splitlines()) if row]
    if not rows:
        raise Unreadable("no header")
    return rows[0], rows[1:]


# ---- one reader per format ----------------------------------------------------------------

def read_crossfoot(text, kind):
    header, rows = csv_records(text)
    if header != ["region", "currency", "total", "rows", "kind"]:
        raise Unreadable(f"unexpected header {header}")
    totals = {}
    for region, currency, total, _, row_kind in rows:
        if row_kind == kind:
            put(totals, region, currency, number(total))
    return totals


def read_csv(text):
    header, rows = csv_records(text)
    if header != ["region", "currency", "total"]:
        raise Unreadable(f"unexpected header {header}")
    totals = {}
    for region, currency, total in rows:
        put(totals, region, currency, number(total))
    return totals


def ledger_amount(line):
    """`1234.56 CNY` or `CNY 1234.56`; None for an account line."""
    parts = line.split()
    if len(parts) == 2 and CODE.fullmatch(parts[1]) and NUMBER.fullmatch(parts[0]):
        return parts[1], number(parts[0])
    if len(parts) == 2 and CODE.fullmatch(parts[0]) and NUMBER.fullmatch(parts[1]):
        return parts[0], number(parts[1])
    return None


def read_ledger(text):
    totals = {}
    region, seen_account = None, False
    for line in text.splitlines():
        if not line.strip():
            continue
        amount = ledger_amount(line)
        if amount is None:
            region, seen_account = region_of(line), True
        elif not seen_account:
            raise Unreadable(f"an amount before any account: {line!r}")
        elif region is not None:
            put(totals, region, *amount)
    return totals


def read_account_table(text, header_expected):
    header, rows = csv_records(text)
    if [h.strip() for h in header] != header_expected:
        raise Unreadable(f"unexpected header {header}")
    totals = {}
    for account, currency, total in rows:
        region = region_of(account)
        if region is not None:
            put(totals, region, currency.strip(), number(total))
    return totals


READERS = {
    "crossfoot-t1": lambda text: read_crossfoot(text, "exact"),
    "crossfoot-t2": lambda text: read_crossfoot(text, "converted"),
    "csv": read_csv,
    "ledger": read_ledger,
    "hledger": lambda text: read_account_table(text, ["account", "commodity", "balance"]),
    "beancount": lambda text: read_account_table(text, ["account", "currency", "total"]),
}


def main(argv):
    if len(argv) != 2 or argv[1] not in READERS:
        print(f"usage: aggregate_canon.py {{{'|'.join(READERS)}}} < OUTPUT", file=sys.stderr)
        return 2
    try:
        totals = READERS[argv[1]](sys.stdin.read())
    except (Unreadable, ValueError) as e:  # ValueError: a row with the wrong number of cells
        print(f"aggregate_canon.py: {argv[1]}: {e}", file=sys.stderr)
        return 1
    if not totals:
        print(f"aggregate_canon.py: {argv[1]}: no totals found", file=sys.stderr)
        return 1
    print_canonical(totals)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
