"""crossfoot on a Dask cluster: ledgers cut into pieces, each aggregated on a worker into an
exact partial, the partials merged in a tree. The result equals one process's ``crossfoot
aggregate`` on the same files, digit for digit.

A file larger than ``blocksize`` is cut into byte ranges. Where a range begins, the reader
may be inside a quoted field that holds a line break, so the cut points cannot be found by
looking for a line end: every range is first scanned on a worker for what it does to the
reader's quote state from each state it may start in (the scans need nothing from one
another); the scans are chained, a step per range, into the exact state and line number at
every range's start (on the client: a step per range, no byte read); then each range
aggregates the records that start in it, with the
file's header, reporting the file's own line numbers. Every worker reads the files itself:
they must be at the same path on every worker (a shared or copied file system).
"""

import os
import uuid

import dask
from dask import delayed

from . import _crossfoot
from . import _paths as _crossfoot_paths
from . import to_dataframe as _to_dataframe

__all__ = ["aggregate", "aggregate_partial", "plan", "DEFAULT_BLOCKSIZE"]

#: Bytes per range: Dask's own CSV reader (dask.dataframe.read_csv) cuts files into 64 MB
#: blocks, and at crossfoot's speed (hundreds of MB per second and thread) a 64 MiB range
#: is a task of a few tenths of a second: long beside the scheduler's millisecond per
#: task, short beside a worker's restart.
DEFAULT_BLOCKSIZE = 64 * 2**20

#: How many partials one merge task takes: a tree of depth log8(pieces).
DEFAULT_SPLIT_EVERY = 8


def _scan(path, begin, end):
    return _crossfoot._scan_csv_range(path, begin, end)


def _range(path, begin, end, positions, version, options):
    return _crossfoot._aggregate_csv_range(path, begin, end, tuple(positions[0]),
                                           tuple(positions[1]), tuple(version), **options)


def _whole(path, options):
    return _crossfoot.aggregate_partial([path], **options)


def _merge(*partials):
    out = partials[0]
    for p in partials[1:]:
        out = out.merge(p)
    return out


def _blocksize(value):
    if value is None:
        return DEFAULT_BLOCKSIZE
    if isinstance(value, str):
        from dask.utils import parse_bytes

        value = parse_bytes(value)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"blocksize: expected a number of bytes of at least 1, found {value!r}")
    return value


def plan(paths, blocksize=None):
    """The pieces ``aggregate`` would make: ``(path, begin, end)`` for each byte range, in
    order; a file no larger than ``blocksize`` is one piece."""
    size = _blocksize(blocksize)
    pieces = []
    for path in _crossfoot_paths(paths):
        for begin, end in _crossfoot._nominal_ranges(os.path.getsize(path), size):
            pieces.append((path, begin, end))
    return pieces


def _compute(client, *graphs):
    if client is not None:
        return client.gather(client.compute(list(graphs)))
    return dask.compute(*graphs)


def _graph(paths, blocksize, split_every, options, client):
    """The delayed partial: each file whole, or its ranges (scanned on the workers first,
    the scans chained here), then the merge tree. Each range task carries its positions as
    data, so that a range lost with a worker is computed again from nothing but the file."""
    size = _blocksize(blocksize)
    if split_every < 2:
        raise ValueError("split_every must be at least 2")
    run = uuid.uuid4().hex[:8]
    files = []
    for path in _crossfoot_paths(paths):
        if not os.path.isfile(path):
            raise FileNotFoundError(f"cannot open '{path}' for reading: not a regular file")
        files.append((path, _crossfoot._nominal_ranges(os.path.getsize(path), size)))
    if not files:
        raise ValueError("paths: expected at least one file")
    scans = [delayed(_scan, pure=False)(path, b, e, dask_key_name=f"crossfoot-scan-{run}-{f}-{i}")
             for f, (path, ranges) in enumerate(files) if len(ranges) > 1
             for i, (b, e) in enumerate(ranges)]
    scanned = iter(_compute(client, *scans)) if scans else iter(())
    partials = []
    for f, (path, ranges) in enumerate(files):
        if len(ranges) == 1:
            partials.append(delayed(_whole, pure=False)(path, options,
                                                       dask_key_name=f"crossfoot-file-{run}-{f}"))
            continue
        file_scans = [next(scanned) for _ in ranges]
        positions = _crossfoot._chain_csv_scans(file_scans, path)  # refuses a file that changed
        version = file_scans[0][4]
        for i, (b, e) in enumerate(ranges):
            partials.append(delayed(_range, pure=False)(path, b, e, positions[i:i + 2], version, options,
                                                       dask_key_name=f"crossfoot-range-{run}-{f}-{i}"))
    level = 0
    while len(partials) > 1:
        partials = [delayed(_merge, pure=False)(*partials[i:i + split_every],
                                                dask_key_name=f"crossfoot-merge-{run}-{level}-{i}")
                    for i in range(0, len(partials), split_every)]
        level += 1
    return partials[0]


def _columns(by):
    """``by`` as a list of column names, checked here rather than on every worker."""
    if isinstance(by, str):
        return [by]
    try:
        columns = list(by)
    except TypeError:
        columns = None
    if columns is None or not all(isinstance(c, str) for c in columns):
        raise TypeError(f"by: expected a column name or a list of column names, found {type(by).__name__}")
    return columns


def aggregate_partial(paths, by=(), client=None, blocksize=None, to=None, rates=None,
                      split_every=DEFAULT_SPLIT_EVERY, **options):
    """Aggregates the CSV ledgers at ``paths`` on Dask and returns the exact
    :class:`crossfoot.Partial`. ``client`` is a ``distributed.Client``; without one, Dask's
    default scheduler runs it (a client made earlier in the process, or local threads).
    ``rates`` is None (the built-in rates), the path(s) of rate files or a crossfoot.Rates:
    every worker reads the files itself. The other keywords are those of :func:`crossfoot.aggregate`; ``rejects`` is not
    one of them here, since bad rows are found on the workers: a bad row raises
    crossfoot.Error with its file, line and column."""
    if "rejects" in options:
        raise TypeError("rejects: not available on Dask; a bad row raises crossfoot.Error")
    options = dict(options, by=_columns(by), to=to)
    if rates is not None:
        # A Rates pickles as the files it was read from, which each worker reads again.
        options["rates"] = rates if isinstance(rates, _crossfoot.Rates) else _crossfoot_paths(rates)
    options.setdefault("threads", 1)
    graph = _graph(paths, blocksize, split_every, options, client)
    (result,) = _compute(client, graph)
    return result


def aggregate(paths, by=(), client=None, blocksize=None, **options):
    """:func:`aggregate_partial` as a pandas DataFrame, the same as
    :func:`crossfoot.aggregate` gives for the same files."""
    return _to_dataframe(aggregate_partial(paths, by=by, client=client, blocksize=blocksize, **options))
