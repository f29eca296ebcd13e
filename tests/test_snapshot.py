"""The extractor's output on every team set is exactly what was recorded: refactors of the
extraction core must not change a single claim (tests/snapshot_claims.py regenerates)."""

from __future__ import annotations

import pytest

from .conftest import SEEDS
from .snapshot_claims import SEED_SNAPSHOT, TEAM_SNAPSHOT, collect, difference


def test_every_claim_on_the_team_sets_is_as_recorded():
    recorded = TEAM_SNAPSHOT.read_text("utf-8").splitlines()
    diff = difference(recorded, collect())
    assert not diff, diff


def test_every_claim_on_the_seed_articles_is_as_recorded():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    recorded = SEED_SNAPSHOT.read_text("utf-8").splitlines()
    diff = difference(recorded, collect(seeds=SEEDS, team=False))
    assert not diff, diff


def test_the_difference_names_the_first_claims_that_differ():
    report = difference(['{"a": 1}', '{"b": 2}'], ['{"a": 1}', '{"c": 3}'])
    assert report.splitlines() == ["2 claims recorded, 2 now; 1 lost, 1 new",
                                   '- {"b": 2}', '+ {"c": 3}']
    assert difference(['{"a": 1}'], ['{"a": 1}']) == ""
