"""Claims files, claims in a string, and documents, checked as `crossfoot check --format json`."""

import json

import pytest

import crossfoot


def test_a_claims_file_gives_the_cli_json(source_dir, cli):
    path = source_dir / "examples" / "changzhou-2024.toml"
    status, out, _ = cli("check", "--format", "json", path)
    assert status == 1  # the example holds one inconsistent check
    assert crossfoot.check(path) == json.loads(out)
    verdicts = [c["verdict"] for c in crossfoot.check(path)["checks"]]
    assert verdicts.count("inconsistent") == 1


def test_rate_files_are_relative_to_the_claims(source_dir, cli):
    case = source_dir / "tests" / "golden" / "check" / "rates_file"
    status, out, _ = cli("check", "--format", "json", case / "claims.toml")
    assert crossfoot.check(case / "claims.toml") == json.loads(out)


def test_claims_in_a_string_read_their_files_from_base_dir(source_dir):
    case = source_dir / "tests" / "golden" / "check" / "rates_file"
    text = (case / "claims.toml").read_text()
    from_text = crossfoot.check_text(text, base_dir=case, name="claims.toml")
    from_file = crossfoot.check(case / "claims.toml")
    def verdicts(report):
        return [(c["id"], c["verdict"], c["summary"]) for c in report["checks"]]

    assert verdicts(from_text) == verdicts(from_file) and len(from_file["checks"]) == 2
    with pytest.raises(crossfoot.Error) as caught:
        crossfoot.check_text(text, base_dir=source_dir)  # rates.csv is not there
    assert caught.value.code == "no-file"
    assert caught.value.file == str(source_dir / "rates.csv")  # read from base_dir


def test_confined_claims_refuse_files_outside(source_dir, tmp_path):
    text = '[document]\ntitle = "t"\ndate = 2024-09-27\n[rates]\nfiles = ["../../etc/passwd"]\n'
    with pytest.raises(crossfoot.Error) as caught:
        crossfoot.check_text(text, base_dir=tmp_path, confine=tmp_path)
    assert caught.value.code == "outside-confinement"
    assert caught.value.line == 5


def test_a_bad_claims_file_is_an_error_at_its_line(source_dir, cli):
    path = source_dir / "tests" / "golden" / "check" / "bad_claims" / "claims.toml"
    status, _, err = cli("check", path)
    assert status == 2
    with pytest.raises(crossfoot.Error) as caught:
        crossfoot.check(path)
    first = err.splitlines()[0]
    assert first.startswith(f"{caught.value.file}:{caught.value.line}:{caught.value.column}:")
    assert f"[{caught.value.code}]" in first
    assert len(caught.value.diagnostics) >= 1


def test_a_document_is_drafted_and_checked(source_dir, cli):
    doc = source_dir / "tests" / "golden" / "check" / "document_text" / "input.txt"
    status, out, _ = cli("check", "--format", "json", doc)
    report = crossfoot.check(doc)
    assert report == json.loads(out)
    assert report["checks"] and all(c.get("proposed_by") for c in report["checks"])


def test_missing_files_and_bad_settings():
    with pytest.raises(crossfoot.Error) as caught:
        crossfoot.check("/nonexistent/claims.toml")
    assert caught.value.code == "no-file"
    with pytest.raises(ValueError, match="policy"):
        crossfoot.check_text('[document]\ntitle = "t"\n', policy="nearest")
