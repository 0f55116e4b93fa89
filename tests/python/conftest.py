"""Shared fixtures: the source tree, the command line built beside the module, ledgers."""

import os
import pathlib
import subprocess

import pytest

SOURCE = pathlib.Path(os.environ.get("CROSSFOOT_SOURCE_DIR", pathlib.Path(__file__).parents[2]))


@pytest.fixture(scope="session")
def source_dir():
    return SOURCE


@pytest.fixture(scope="session")
def cli():
    """Runs the crossfoot command built with the module; (exit code, stdout, stderr)."""
    path = os.environ.get("CROSSFOOT_CLI")
    if not path:
        pytest.skip("CROSSFOOT_CLI is not set: run the tests through ctest")

    def run(*args):
        done = subprocess.run([path, *map(str, args)], capture_output=True, text=True, cwd=SOURCE)
        return done.returncode, done.stdout, done.stderr

    return run


def write_ledger(path, rows, seed=7, quoted_every=0):
    """A deterministic ledger of ``rows`` rows: id,date,region,note,currency,amount. Every
    ``quoted_every``-th note is a quoted field holding a comma, a doubled quote and a line
    break."""
    import random

    rng = random.Random(seed)
    currencies = ["CNY", "USD", "EUR", "JPY", "KRW", "HKD"]
    with open(path, "w", newline="") as out:
        out.write("id,date,region,note,currency,amount\n")
        for i in range(rows):
            currency = rng.choice(currencies)
            minor = 0 if currency in ("JPY", "KRW") else 2
            units = rng.randrange(-10**6, 10**9)
            amount = f"{units}" if minor == 0 else f"{units // 100}.{units % 100:02d}"
            if units < 0 and minor:
                amount = f"-{(-units) // 100}.{(-units) % 100:02d}"
            note = "plain"
            if quoted_every and i % quoted_every == 0:
                note = f'"line one, ""quoted""\nline two {i}"'
            day = 2 + i % 27  # the built-in rates begin on 2024-09-02
            out.write(f"{i},2024-09-{day:02d},R{rng.randrange(12)},{note},{currency},{amount}\n")
    return path
