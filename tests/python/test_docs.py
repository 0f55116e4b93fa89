"""The examples of docs/python.md, run as they are written, from the source folder."""

import doctest
import os

import pytest


def test_docs_python_md_examples_hold(source_dir, monkeypatch):
    page = source_dir / "docs" / "python.md"
    if not page.exists():
        pytest.skip(f"{page} is absent")
    monkeypatch.chdir(source_dir)
    failures, tried = doctest.testfile(os.fspath(page), module_relative=False,
                                       optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert tried > 20
    assert failures == 0
