#!/usr/bin/env python3
"""The reference for the aggregation tasks, and their Python baseline: csv + decimal, exact.

    aggregate_python.py t1 LEDGER.csv              T1: exact totals per (region, currency)
    aggregate_python.py t2 LEDGER.csv RATES.csv    T2: per region in CNY, each row converted at
                                                   its date's rate, rounded half-even to 0.01
    aggregate_python.py rates ECB.csv [YEAR]       the long rates CSV for T2, from the ECB file

T1 and T2 print the canonical form that every tool's output is compared with, byte for byte:
the header `region,currency,total`, then one line per group sorted by region and currency
(T2's currency is always CNY), each total in plain notation with its currency's minor units.
See docs/aggregate.md for the task definitions. Only the standard library is used.
"""
import bisect
import csv
import datetime
import decimal
import sys
from decimal import ROUND_HALF_EVEN, Decimal

TARGET = "CNY"
CROSS_CURRENCIES = ("USD", "EUR", "KRW", "JPY", "HKD")  # the ledger's other currencies
MINOR_UNITS = {"CNY": 2, "USD": 2, "EUR": 2, "HKD": 2, "KRW": 0, "JPY": 0}
MAX_AGE_DAYS = 7  # the on-or-before policy: the latest quote at most this many days old
CENT = Decimal("0.01")
RATE_QUANTUM = Decimal("0.000001")  # derived cross rates: 6 decimal places
SOURCE = "ECB euro reference rates; X/CNY = (CNY per EUR) / (X per EUR); 6 dp half-even"  # no comma


def exact_context():
    """Sums and products never round: an inexact result raises instead."""
    context = decimal.Context(prec=60, rounding=ROUND_HALF_EVEN)
    context.traps[decimal.Inexact] = True
    return context


# ---- canonical output ---------------------------------------------------------------------

def canonical_total(total, currency):
    """The total in plain notation with the currency's minor units, when that is exact;
    otherwise every digit it has (so that a wrong total can never print as a right one)."""
    places = MINOR_UNITS.get(currency)
    if places is not None:
        scaled = total.quantize(Decimal(1).scaleb(-places), context=decimal.Context(prec=60))
        if scaled == total:
            return format(scaled, "f")
    return format(total, "f")


def print_canonical(totals, out=sys.stdout):
    """totals: {(region, currency): Decimal}."""
    out.write("region,currency,total\n")
    for (region, currency), total in sorted(totals.items()):
        out.write(f"{region},{currency},{canonical_total(total, currency)}\n")


# ---- reading the ledger ---------------------------------------------------------------------

def ledger_rows(path, *names):
    """Yields the named columns of every row of a ledger CSV, found by header name."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = csv.reader(f)
        header = next(rows)
        where = [header.index(name) for name in names]
        for row in rows:
            if row:
                yield [row[i] for i in where]


# ---- T1 -------------------------------------------------------------------------------------

def task1(ledger):
    totals = {}
    for region, currency, amount in ledger_rows(ledger, "region", "currency", "amount"):
        key = (region, currency)
        totals[key] = totals.get(key, 0) + Decimal(amount)
    return totals


# ---- T2 -------------------------------------------------------------------------------------

class Rates:
    """X/CNY quotes by date, looked up on or before a date (at most MAX_AGE_DAYS old)."""

    def __init__(self, path):
        quotes = {}
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["quote"] == TARGET:
                    quotes.setdefault(row["base"], []).append(
                        (datetime.date.fromisoformat(row["date"]), Decimal(row["rate"])))
        for series in quotes.values():
            series.sort()
        self.dates = {base: [d for d, _ in s] for base, s in quotes.items()}
        self.rates = {base: [r for _, r in s] for base, s in quotes.items()}
        self.cache = {}

    def find(self, currency, day_text):
        key = (currency, day_text)
        if key not in self.cache:
            self.cache[key] = self.look_up(currency, datetime.date.fromisoformat(day_text))
        return self.cache[key]

    def look_up(self, currency, day):
        if currency == TARGET:
            return Decimal(1)
        dates = self.dates.get(currency, [])
        i = bisect.bisect_right(dates, day)
        if i == 0 or (day - dates[i - 1]).days > MAX_AGE_DAYS:
            raise LookupError(f"no {currency}/{TARGET} rate on or before {day} "
                              f"(at most {MAX_AGE_DAYS} days old)")
        return self.rates[currency][i - 1]


def task2(ledger, rates_path):
    rates = Rates(rates_path)
    totals = {}
    for day, region, currency, amount in ledger_rows(ledger, "date", "region", "currency", "amount"):
        converted = (Decimal(amount) * rates.find(currency, day)).quantize(
            CENT, rounding=ROUND_HALF_EVEN, context=decimal.Context(prec=60))
        key = (region, TARGET)
        totals[key] = totals.get(key, 0) + converted
    return totals


# ---- the rates CSV for T2 -----------------------------------------------------------------

def cross_rate(cny_per_eur, x_per_eur):
    """X/CNY, half-even to 6 decimal places. The quotient is first held to 50 significant
    digits: two ECB figures of a few digits each cannot have a quotient within 10^-40 of a
    rounding tie without being exactly on it, so rounding twice changes nothing."""
    with decimal.localcontext(decimal.Context(prec=50)):
        return (cny_per_eur / x_per_eur).quantize(RATE_QUANTUM, rounding=ROUND_HALF_EVEN)


def derived_quotes(ecb_path, year):
    """(date, base, rate) for every ECB date of `year` and every currency of CROSS_CURRENCIES."""
    with open(ecb_path, newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        header = next(rows)
        column = {name: i for i, name in enumerate(header) if name}
        for row in rows:
            day = row[0]
            if not day.startswith(f"{year}-") or row[column[TARGET]] in ("", "N/A"):
                continue
            cny = Decimal(row[column[TARGET]])
            for base in CROSS_CURRENCIES:
                if base == "EUR":
                    yield day, base, cny  # the ECB's own figure, as written
                elif row[column[base]] not in ("", "N/A"):
                    yield day, base, cross_rate(cny, Decimal(row[column[base]]))


def write_rates(ecb_path, year, out=sys.stdout):
    out.write("date,base,quote,rate,source\n")
    for day, base, rate in sorted(derived_quotes(ecb_path, year)):
        out.write(f"{day},{base},{TARGET},{format(rate, 'f')},{SOURCE}\n")


# ---- command line ---------------------------------------------------------------------------

USAGE = ("usage: aggregate_python.py t1 LEDGER.csv | t2 LEDGER.csv RATES.csv "
         "| rates ECB.csv [YEAR]")


def main(argv):
    decimal.setcontext(exact_context())
    if len(argv) == 3 and argv[1] == "t1":
        print_canonical(task1(argv[2]))
    elif len(argv) == 4 and argv[1] == "t2":
        print_canonical(task2(argv[2], argv[3]))
    elif len(argv) in (3, 4) and argv[1] == "rates":
        write_rates(argv[2], int(argv[3]) if len(argv) == 4 else 2024)
    else:
        print(USAGE, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
