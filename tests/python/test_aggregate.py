"""Ledgers aggregated into DataFrames and Partials, against the command line."""

import io
import os
import pickle
import subprocess
from decimal import Decimal

import pandas
import pytest

import crossfoot
from conftest import write_ledger


def cli_frame(cli, *args):
    status, out, err = cli("aggregate", "--format", "csv", *args)
    assert status == 0, err
    return pandas.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)


def same_as_cli(frame, expected):
    assert list(frame.columns) == list(expected.columns)
    assert len(frame) == len(expected)
    for column in frame.columns:
        got = [str(v) for v in frame[column]]
        assert got == list(expected[column]), column
    assert all(isinstance(v, Decimal) for v in frame["total"])
    assert frame["total"].dtype == object
    assert frame["rows"].dtype == "int64"


def test_the_dataframe_is_the_cli_csv(cli, tmp_path):
    ledger = write_ledger(tmp_path / "ledger.csv", 5000, quoted_every=9)
    for by in (["region"], ["date", "region"], []):
        frame = crossfoot.aggregate(ledger, by=by, threads=2)
        same_as_cli(frame, cli_frame(cli, ledger, "--by", ",".join(by), "--threads", "1"))


def test_a_key_column_named_as_a_report_column_and_no_rows(cli, tmp_path):
    ledger = write_ledger(tmp_path / "ledger.csv", 500)
    frame = crossfoot.aggregate(ledger, by="currency")
    assert list(frame.columns) == ["currency", "currency", "total", "rows", "kind"]
    expected = cli_frame(cli, ledger, "--by", "currency")
    assert [list(map(str, row)) for row in frame.itertuples(index=False)] == expected.values.tolist()
    empty = tmp_path / "empty.csv"
    empty.write_text("region,currency,amount\n")
    frame = crossfoot.aggregate(empty, by="region")
    assert list(frame.columns) == ["region", "currency", "total", "rows", "kind"] and len(frame) == 0
    assert [str(t) for t in frame.dtypes] == ["object", "object", "object", "int64", "object"]


def test_a_memory_limit_spills_groups_and_changes_nothing(cli, tmp_path):
    ledger = write_ledger(tmp_path / "ledger.csv", 5000, quoted_every=11)
    spill = tmp_path / "spill"
    spill.mkdir()
    for by in (["id"], ["date", "region"]):
        limited = crossfoot.aggregate(ledger, by=by, threads=2, memory_limit=16384, spill_dir=spill)
        same_as_cli(limited, cli_frame(cli, ledger, "--by", ",".join(by), "--memory-limit", "0"))
    assert list(spill.iterdir()) == []  # the runs were unlinked as they were made
    with pytest.raises(crossfoot.Error, match="spill"):
        crossfoot.aggregate(ledger, by="id", memory_limit=1, spill_dir=tmp_path / "absent")
    with pytest.raises(ValueError, match="memory_limit"):
        crossfoot.aggregate(ledger, by="id", memory_limit=-1)


def test_converted_totals_are_the_cli_csv(cli, source_dir):
    case = source_dir / "tests" / "golden" / "aggregate" / "convert_round_total" / "ledger.csv"
    frame = crossfoot.aggregate(case, by="region", to="CNY", rounding="total")
    same_as_cli(frame, cli_frame(cli, case, "--by", "region", "--to", "CNY", "--round", "total"))
    assert set(frame["kind"]) == {"exact", "converted"}


def test_partials_merge_travel_and_pickle(tmp_path):
    a = write_ledger(tmp_path / "a.csv", 2000, seed=1)
    b = write_ledger(tmp_path / "b.csv", 3000, seed=2)
    both = crossfoot.aggregate_partial([a, b], by=["region"])
    merged = crossfoot.aggregate_partial(b, by=["region"]).merge(crossfoot.aggregate_partial(a, by=["region"]))
    assert merged == both and merged.rows_read == 5000 and len(merged) == 12
    assert crossfoot.Partial.from_json(both.to_json()) == both
    assert crossfoot.Partial.from_json(both.to_json().encode()) == both
    with pytest.raises(TypeError, match="str or bytes"):
        crossfoot.Partial.from_json(1)
    assert pickle.loads(pickle.dumps(both)) == both
    # Every protocol, 0 and 1 too (pybind11 alone would end the interpreter there).
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(both, protocol=protocol)) == both
    assert both.to_dataframe().equals(crossfoot.aggregate([a, b], by="region"))
    assert both.format("csv").splitlines()[0] == "region,currency,total,rows,kind"
    with pytest.raises(ValueError, match="cannot merge partials grouped by"):
        both.merge(crossfoot.aggregate_partial(a, by=["currency"]))


def test_a_report_made_on_threads_is_the_same(tmp_path):
    # 20,000 groups: more than one range of the report's (8,192 groups) for each thread.
    p = crossfoot.aggregate_partial(write_ledger(tmp_path / "ids.csv", 20000), by="id", threads=2)
    for kind in ("text", "csv", "json"):
        assert p.format(kind, threads=3) == p.format(kind)
    with pytest.raises(ValueError, match="threads must be at least 1"):
        p.format("csv", threads=0)


def test_a_report_is_the_cli_report_byte_for_byte(cli, tmp_path):
    # Reports of up to several megabytes (the str they are written into grows from 64 KiB),
    # ASCII and not (the bytes decoded as UTF-8 at the end), and one of no groups at all.
    path = os.environ["CROSSFOOT_CLI"]
    ids = write_ledger(tmp_path / "ids.csv", 20000)
    places = tmp_path / "places.csv"
    with open(places, "w", encoding="utf-8", newline="") as out:
        out.write("id,region,currency,amount\n")
        for i in range(20000):
            region = ["Zürich", "北京", "R🙂"][i % 3] if i % 997 == 0 else f"R{i % 12}"
            out.write(f"{i},{region},CNY,{i}.5\n")
    empty = tmp_path / "empty.csv"
    empty.write_text("id,region,currency,amount\n")
    for ledger, by in ((ids, ["id"]), (places, ["id", "region"]), (empty, ["region"])):
        p = crossfoot.aggregate_partial(ledger, by=by, threads=2)
        for kind in ("text", "csv", "json"):
            cli_kind = "table" if kind == "text" else kind
            done = subprocess.run([path, "aggregate", str(ledger), "--by", ",".join(by), "--format", cli_kind],
                                  capture_output=True, check=True)
            for threads in (1, 2):
                assert p.format(kind, threads=threads) == done.stdout.decode("utf-8"), (ledger, kind, threads)
        # The partial's JSON, of keys in other scripts too, goes and comes back whole.
        assert crossfoot.Partial.from_json(p.to_json()) == p
        assert crossfoot.Partial.from_json(p.to_json().encode("utf-8")) == p
        assert pickle.loads(pickle.dumps(p)) == p


def test_a_bad_partial_is_an_error():
    with pytest.raises(crossfoot.Error) as caught:
        crossfoot.Partial.from_json('{"format": "crossfoot-partial", "version": 2}')
    assert caught.value.code == "bad-partial"
    assert "version" in caught.value.message


def test_a_bad_row_stops_the_run_with_its_place(tmp_path):
    ledger = tmp_path / "bad.csv"
    ledger.write_text('region,currency,amount\nnorth,CNY,1\nsouth,CNY,"two\nlines"\nnorth,USD,x\n')
    with pytest.raises(crossfoot.Error) as caught:
        crossfoot.aggregate(ledger, by="region")
    e = caught.value
    assert (e.file, e.line, e.code) == (str(ledger), 3, "bad-amount")
    assert e.column == 11  # the quoted field's opening quote


def test_an_error_quoting_bytes_that_are_not_utf8_is_still_an_error(tmp_path):
    ledger = tmp_path / "latin1.csv"
    ledger.write_bytes(b"region,currency,amount\nM\xfcnchen,EUR,\xa312\n")
    with pytest.raises(crossfoot.Error) as caught:
        crossfoot.aggregate(ledger, by="region")
    assert caught.value.code == "bad-amount" and "\\xa3" in caught.value.message
    with pytest.raises(crossfoot.Error) as partial:
        crossfoot.Partial.from_json(b"\xff\xfe")
    assert partial.value.code == "bad-partial" and "\\xff" in partial.value.message


def test_bad_rows_go_to_a_callable_and_are_counted(tmp_path):
    ledger = tmp_path / "bad.csv"
    ledger.write_text("region,currency,amount\nnorth,CNY,1\nnorth,ZZZ,2\nsouth,CNY,x\nsouth,CNY,3\n")
    seen = []
    partial = crossfoot.aggregate_partial(ledger, by="region", rejects=seen.append)
    assert [(d.line, d.code) for d in seen] == [(3, "unknown-currency"), (4, "bad-amount")]
    assert seen[0].source_line == "north,ZZZ,2"
    assert (partial.rows_read, partial.rows_accepted, partial.rows_rejected) == (4, 2, 2)

    def refuse(diagnostic):
        raise RuntimeError(f"refused line {diagnostic.line}")

    with pytest.raises(RuntimeError, match="refused line 3"):
        crossfoot.aggregate_partial(ledger, by="region", rejects=refuse)


def test_errors_for_files_and_arguments(tmp_path):
    with pytest.raises(crossfoot.Error) as caught:
        crossfoot.aggregate(tmp_path / "missing.csv")
    assert caught.value.code == "no-file"
    ledger = write_ledger(tmp_path / "l.csv", 10)
    with pytest.raises(crossfoot.Error) as missing:
        crossfoot.aggregate(ledger, by="county")
    assert missing.value.code == "bad-header"
    with pytest.raises(TypeError, match="unexpected keyword"):
        crossfoot.aggregate(ledger, group="region")
    for arguments, says in (({"by": 5}, "by: expected a column name or a list of column names, found int"),
                            ({"by": ["region", 3]}, "by: expected .* found list"),
                            ({"threads": "2"}, "threads: expected a whole number, found str"),
                            ({"to": 978}, "to: expected a str, found int"),
                            ({"memory_limit": 1.5}, "memory_limit: expected a whole number of bytes, found float")):
        with pytest.raises(TypeError, match=says):
            crossfoot.aggregate(ledger, **arguments)
    with pytest.raises(ValueError, match="threads"):
        crossfoot.aggregate(ledger, threads=0)
    with pytest.raises(ValueError, match="ISO 4217"):
        crossfoot.aggregate(ledger, to="EURO")
    with pytest.raises(ValueError, match="rounding"):
        crossfoot.aggregate(ledger, to="EUR", rounding="bank")
    with pytest.raises(crossfoot.Error) as no_rate:
        crossfoot.aggregate(ledger, to="EUR", at="1999-01-04")
    assert no_rate.value.code == "no-rate"
