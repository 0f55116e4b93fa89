"""Aggregation on a Dask cluster of two worker processes on 127.0.0.1, against one process:
a file cut into ranges, one cut inside a quoted field that holds a line break; a bad row; a
worker killed while it holds a task."""

import os
import pathlib
import tempfile

import pytest

import crossfoot
import crossfoot.dask
from crossfoot import _crossfoot
from conftest import write_ledger

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=":0",
                                       silence_logs=40)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


QUOTED_STATE = 3  # the reader's state inside a quoted field, as _chain_csv_scans numbers it


def boundary_states(path, blocksize):
    pieces = crossfoot.dask.plan(path, blocksize)
    scans = [_crossfoot._scan_csv_range(p, b, e) for p, b, e in pieces]
    return pieces, [state for state, _ in _crossfoot._chain_csv_scans(scans, str(path))[1:-1]]


def test_ranges_on_two_workers_equal_one_process(client, tmp_path):
    ledger = write_ledger(tmp_path / "ledger.csv", 20000, quoted_every=3)
    # Find a block size that puts a cut inside a quoted field holding a line break.
    for blocksize in range(40000, 60000, 97):
        pieces, states = boundary_states(ledger, blocksize)
        if QUOTED_STATE in states:
            break
    assert len(pieces) >= 2
    cut = pieces[states.index(QUOTED_STATE) + 1][1]
    text = pathlib.Path(ledger).read_bytes()
    assert text.count(b'"', 0, cut) % 2 == 1  # inside quotes at the cut (every field is well formed)
    opening = text.rfind(b',"', 0, cut)
    assert b"\n" in text[opening:text.find(b'",', cut)]  # and the field holds a line break
    one = crossfoot.aggregate_partial(ledger, by=["region", "currency"])
    on_dask = crossfoot.dask.aggregate_partial(ledger, by=["region", "currency"], client=client,
                                               blocksize=blocksize)
    assert on_dask == one
    assert on_dask.rows_read == 20000
    frame = crossfoot.dask.aggregate(ledger, by="region", client=client, blocksize=blocksize)
    assert frame.equals(crossfoot.aggregate(ledger, by="region"))


def test_many_files_converted_on_two_workers(client, tmp_path):
    files = [write_ledger(tmp_path / f"shard{i}.csv", 3000, seed=i, quoted_every=5) for i in range(5)]
    one = crossfoot.aggregate_partial(files, by="region", to="EUR", rounding="total")
    on_dask = crossfoot.dask.aggregate_partial(files, by="region", to="EUR", rounding="total",
                                               client=client, blocksize=20000, split_every=3)
    assert on_dask == one
    rates = crossfoot.Rates()
    assert crossfoot.dask.aggregate_partial(files, by="region", to="EUR", rates=rates,
                                            client=client) == crossfoot.aggregate_partial(
        files, by="region", to="EUR", rates=rates)


def test_a_bad_row_on_a_worker_raises_with_its_place(client, tmp_path):
    ledger = write_ledger(tmp_path / "ledger.csv", 4000, quoted_every=4)
    lines = pathlib.Path(ledger).read_text().split("\n")
    lines[-40] = lines[-40].rsplit(",", 1)[0] + ",12x"
    pathlib.Path(ledger).write_text("\n".join(lines))
    with pytest.raises(crossfoot.Error) as local:
        crossfoot.aggregate_partial(ledger, by="region")
    with pytest.raises(crossfoot.Error) as remote:
        crossfoot.dask.aggregate_partial(ledger, by="region", client=client, blocksize=30000)
    assert remote.value.diagnostics == local.value.diagnostics
    assert remote.value.code == "bad-amount"


def test_a_file_that_changes_after_its_scans_is_refused(tmp_path):
    ledger = write_ledger(tmp_path / "ledger.csv", 2000, quoted_every=3)
    pieces = crossfoot.dask.plan(ledger, 10000)
    scans = [_crossfoot._scan_csv_range(p, b, e) for p, b, e in pieces]
    positions = _crossfoot._chain_csv_scans(scans, str(ledger))
    with open(ledger, "a") as f:
        f.write("2000,2024-09-02,R1,late,CNY,1.00\n")
    with pytest.raises(crossfoot.Error) as caught:
        _crossfoot._aggregate_csv_range(str(ledger), pieces[0][1], pieces[0][2], positions[0],
                                        positions[1], scans[0][4], by=["region"])
    assert caught.value.code == "file-changed"
    rescanned = scans[:-1] + [_crossfoot._scan_csv_range(*pieces[-1])]
    with pytest.raises(crossfoot.Error) as mixed:
        _crossfoot._chain_csv_scans(rescanned, str(ledger))
    assert mixed.value.code == "file-changed"


def test_without_a_client_dask_runs_it_locally(tmp_path):
    ledger = write_ledger(tmp_path / "ledger.csv", 3000, quoted_every=2)
    import dask

    with dask.config.set(scheduler="threads"):
        assert crossfoot.dask.aggregate_partial(ledger, by="region", blocksize=10000) == \
            crossfoot.aggregate_partial(ledger, by="region")


def test_bad_arguments(tmp_path):
    ledger = write_ledger(tmp_path / "ledger.csv", 10)
    with pytest.raises(ValueError, match="blocksize"):
        crossfoot.dask.aggregate_partial(ledger, blocksize=0)
    with pytest.raises(TypeError, match="rejects"):
        crossfoot.dask.aggregate_partial(ledger, rejects=print)
    for by, found in ((5, "int"), (["region", 3], "list")):  # refused on the client, as crossfoot.aggregate does
        with pytest.raises(TypeError, match=f"by: expected a column name or a list of column names, found {found}"):
            crossfoot.dask.aggregate_partial(ledger, by=by)
    with pytest.raises(FileNotFoundError):
        crossfoot.dask.aggregate_partial(tmp_path / "missing.csv")
    assert len(crossfoot.dask.plan(ledger, "1 KiB")) == 1


class KillFirstRange(distributed.WorkerPlugin):
    """Ends the worker process the first time any worker starts a range task."""

    name = "crossfoot-kill-first-range"

    def __init__(self, marker):
        self.marker = marker

    def transition(self, key, start, finish, **kwargs):
        name = key if isinstance(key, str) else str(key)
        if finish == "executing" and name.startswith("crossfoot-range-"):
            try:
                os.close(os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                return
            os._exit(1)


def test_a_worker_killed_while_it_holds_a_task(client, tmp_path):
    ledger = write_ledger(tmp_path / "ledger.csv", 20000, quoted_every=7)
    marker = tempfile.mktemp(prefix="crossfoot-killed-", dir=tmp_path)
    client.register_worker_plugin(KillFirstRange(marker))
    try:
        result = crossfoot.dask.aggregate_partial(ledger, by="region", client=client, blocksize=50000)
    except crossfoot.Error:
        raise
    except Exception as lost:  # the cluster gave up on the task: an error, never a partial sum
        assert os.path.exists(marker)
        assert "crossfoot-range-" in str(lost) or "Killed" in type(lost).__name__
        return
    assert os.path.exists(marker), "no worker was killed: the test proved nothing"
    assert result == crossfoot.aggregate_partial(ledger, by="region")
    assert result.rows_read == 20000
    client.wait_for_workers(2, timeout=60)
