"""crossfoot: exact, currency-aware aggregation and consistency checks.

Values go in and come out as :class:`decimal.Decimal`, every digit kept; a ``float`` is
refused. Errors are :class:`crossfoot.Error`, with the file, line, column and code of what
was wrong. docs/python.md has the whole guide.
"""

import json as _json
import os as _os
from decimal import Decimal as _Decimal

from .errors import Diagnostic, Error
from ._crossfoot import Amount, Partial, Rates, aggregate_partial, parse_amount, sum
from . import _crossfoot

__all__ = [
    "Amount", "Diagnostic", "Error", "Partial", "Rates", "aggregate", "aggregate_partial",
    "check", "check_text", "convert", "parse_amount", "sum", "to_dataframe",
]
__version__ = "0.1.0"

# The fields of a conversion's JSON that hold exact figures.
_FIGURES = frozenset({"value", "result", "rounded", "low", "high", "rate"})


def _decimals(node):
    """The conversion's JSON with its figures as Decimal."""
    if isinstance(node, dict):
        return {k: _Decimal(v) if k in _FIGURES and isinstance(v, str) else _decimals(v)
                for k, v in node.items()}
    if isinstance(node, list):
        return [_decimals(v) for v in node]
    return node


def convert(amount, to, date, rates=None, policy="on-or-before", *, max_age_days=7,
            window_days=7, digits=12, round=False):
    """Converts ``amount`` (an Amount, a text such as "1.16 billion USD", or
    ``(Decimal, "USD")``) into currency ``to`` at the rate for ``date`` (a datetime.date or
    "YYYY-MM-DD"). Returns the exact result with the rate's provenance, as ``crossfoot
    convert --format json`` does, figures as Decimal. A missing rate raises Error
    (``no-rate``): it is never guessed."""
    text = _crossfoot._convert_json(amount, to, date, rates, policy, max_age_days, window_days,
                                    digits, round)
    return _decimals(_json.loads(text))


def _paths(value):
    if value is None:
        return []
    if isinstance(value, (str, _os.PathLike)):
        return [_os.fspath(value)]
    return [_os.fspath(v) for v in value]


def check(path, *, rates=None, builtin_rates=True, confine=None, policy=None, claims=False,
          default_currency=None, date=None):
    """Checks a claims file (``*.toml``, or any file with ``claims=True``) or a document (a
    text, web page or PDF, whose checks are drafted from its words), as ``crossfoot check
    --format json`` does, and returns that structure. ``rates`` names rate files read after
    the claims file's own; ``confine`` refuses files the claims name outside that folder."""
    text = _crossfoot._check_json(_os.fspath(path), claims, _paths(rates), builtin_rates,
                                  _os.fspath(confine) if confine else "", policy,
                                  default_currency, date)
    return _json.loads(text)


def check_text(text, base_dir=".", *, name="<claims>", rates=None, builtin_rates=True,
               confine=None, policy=None):
    """Checks the claims in ``text`` (a claims file's TOML), reading the files it names
    relative to ``base_dir``. Diagnostics name the text ``name``."""
    result = _crossfoot._check_text_json(text, _os.fspath(base_dir), name, _paths(rates),
                                         builtin_rates, _os.fspath(confine) if confine else "",
                                         policy)
    return _json.loads(result)


def to_dataframe(partial):
    """The partial as a pandas DataFrame: the group's columns, then currency, total (Decimal,
    object dtype), rows and kind ("exact" or "converted"), in the order of ``crossfoot
    aggregate --format csv``."""
    import pandas

    import numpy

    names = partial.columns()
    rows = len(names) - 2
    # A column at a time, through numpy.fromiter: numpy.array and pandas, given a list of
    # Decimals, ask each one whether it is an array (a microsecond a row, a second for 10^6
    # rows); fromiter takes the objects as they are. Named after, by position, as a key
    # column may share its name with one of the report's own (``by="currency"``).
    frame = pandas.DataFrame({k: pandas.Series(numpy.fromiter(column, dtype="int64" if k == rows else object,
                                                              count=len(column)), copy=False)
                              for k, column in enumerate(partial._column_values())})
    frame.columns = names
    return frame


Partial.to_dataframe = to_dataframe


def aggregate(paths, by=(), to=None, rates=None, threads=1, **options):
    """Aggregates CSV ledgers and returns a DataFrame (see :func:`to_dataframe`). ``by`` names
    the group's columns, ``to`` a currency to convert every row into at its date with
    ``rates`` (a Rates, a path or paths, or None for the built-in rates); the other keywords
    are those of ``crossfoot aggregate``: amount, currency, date, default_currency, at,
    rounding, policy, max_age_days, window_days, digits, max_record_bytes, memory_limit,
    spill_dir, rejects."""
    return aggregate_partial(paths, by=by, to=to, rates=rates, threads=threads, **options).to_dataframe()
