"""Shared fixtures: a temporary database, the CLI driven in-process, the seed articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from syndicate.actors import load_dictionary
from syndicate.cli import cli
from syndicate.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def dictionary():
    return load_dictionary()


@pytest.fixture(scope="session")
def pipeline(dictionary):
    return Pipeline(dictionary)


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "test.db")


@pytest.fixture
def run(db):
    """Run the CLI in-process against a temporary database; returns the click Result."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(cli, ["--db", db, *args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def seeds_dir():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS


def seed(name_prefix: str) -> Path:
    matches = sorted(SEEDS.glob(f"{name_prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {name_prefix} not present")
    return matches[0]


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def pytest_terminal_summary(terminalreporter):
    """Print the gold and development set scores at the end of every test run."""
    from .test_quality import REPORTS

    for title, report in REPORTS:
        terminalreporter.section(f"extraction quality ({title})")
        terminalreporter.write_line(report)
