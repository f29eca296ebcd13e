"""Independent sources: near-duplicate clusters and original-report attribution."""

from __future__ import annotations

from pathlib import Path

import pytest

from syndicate.dedup import (
    DEFAULT_THRESHOLD,
    cluster_documents,
    outlet_of,
    shingles,
    source_key,
)

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

# A made-up wire story (not a seed article) and the ways outlets reprint it.
WIRE = (
    "Two rival militant factions in the northern hills have agreed to share fighters and "
    "supply routes after months of losses, according to security officials in the "
    "provincial capital. The commanders met twice in a border village last month and "
    "settled a dispute over taxation of the timber trade that had set them against each "
    "other since the spring. Officials said the northern front would now be coordinated "
    "from a single council of elders, with each faction keeping its own name and local "
    "leadership. Local residents reported that convoys of armed men had moved freely "
    "between the two districts since the meeting, and that checkpoints run by one group "
    "were now waving through fighters of the other. Analysts warned that the arrangement "
    "could allow both factions to mount larger attacks on government outposts before the "
    "winter snow closes the mountain passes, and that the army had few reserves left in "
    "the area after redeploying units to the south earlier in the year."
)
COOKIE = ("This website uses cookies to improve your experience. We'll assume you're ok "
          "with this, but you can opt-out if you wish. Accept Read More")
TAIL = ("Latest News. Markets close higher as oil prices ease. Heatwave expected to last "
        "through the weekend. More Articles Like This. Please enter your comment!")


def _rewrite(text: str) -> str:
    """An agency rewrite: new dateline, words swapped, 'the report said' tails."""
    out = text.replace("according to security officials in the provincial capital",
                       "the report said")
    out = out.replace("Officials said", "Security officials told reporters that")
    out = out.replace("commanders met twice", "leaders of the two groups met twice")
    out = out.replace("Local residents reported", "Residents said")
    out = out.replace("Analysts warned", "Experts have cautioned")
    return "Capital City, Mar 3 (Wire) " + out + " the report added."


def _jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


OTHER_STORY = (
    "Government troops recaptured a district centre in the northern hills on Tuesday after "
    "a week of fighting with one of the militant factions, the defence ministry said. "
    "The ministry said dozens of fighters were killed and that the faction's commanders "
    "had fled towards the border. Residents described heavy shelling of the timber "
    "market and said many families had left for the provincial capital. Aid agencies "
    "appealed for access to the area, where roads remain closed by landmines."
)


def test_threshold_sits_between_rewrites_and_other_stories() -> None:
    copy = "0\n160\n" + WIRE + "\n" + COOKIE
    rewrite = _rewrite(WIRE) + "\n" + TAIL
    # Measured similarities justify DEFAULT_THRESHOLD: reprints and rewrites above it,
    # a different story on the same groups far below it.
    assert _jaccard(WIRE, copy) > 0.75
    assert DEFAULT_THRESHOLD < _jaccard(WIRE, rewrite) < 0.75
    assert _jaccard(WIRE, OTHER_STORY) < 0.05
    # A stricter threshold (0.8) would split the rewrite off as a second source.
    assert _jaccard(WIRE, rewrite) < 0.8


def test_wire_story_printed_by_three_outlets_is_one_cluster() -> None:
    docs = [
        ("d3", _rewrite(WIRE) + "\n" + TAIL),
        ("d1", WIRE + "\n" + COOKIE),
        ("d2", "Share 0 Tweet 160\n" + WIRE),
        ("d9", OTHER_STORY),
    ]
    clusters = cluster_documents(docs)
    assert clusters == {"d1": "d1", "d2": "d1", "d3": "d1", "d9": "d9"}
    # Order does not matter: the cluster id is the smallest doc id.
    assert cluster_documents(list(reversed(docs))) == clusters


def test_clusters_are_transitive() -> None:
    # a~b and b~c but a and c share less: still one source.
    words = [f"w{i}" for i in range(300)]
    a = " ".join(words[:200])
    b = " ".join(words[50:250])
    c = " ".join(words[100:300])
    assert _jaccard(a, c) < DEFAULT_THRESHOLD < _jaccard(a, b)
    assert set(cluster_documents([("c", c), ("a", a), ("b", b)]).values()) == {"a"}


def test_empty_and_repeated_documents() -> None:
    clusters = cluster_documents([("x", ""), ("y", ""), ("z", WIRE), ("z", "other")])
    assert clusters == {"x": "x", "y": "y", "z": "z"}


@pytest.mark.parametrize(("attribution", "outlet"), [
    ("a New York Times report", "new-york-times"),
    ("according to a New York Times report on Wednesday", "new-york-times"),
    ("NYT", "new-york-times"),
    ("according to RFE/RL", "rfe-rl"),
    ("RFE/RL reported", "rfe-rl"),
    ("The Wall Street Journal reported", "wall-street-journal"),
    ("WSJ", "wall-street-journal"),
    ("American and Nato officials", None),
    ("US military officials", None),
    ("Abdul Basit", None),
    ("a foreign news report", None),
    ("According to reports", None),
    (None, None),
])
def test_outlet_of(attribution: str | None, outlet: str | None) -> None:
    assert outlet_of(attribution) == outlet


def test_same_original_report_counts_once_across_outlets() -> None:
    clusters = {"doc-a": "doc-a", "doc-b": "doc-b"}
    a = {"doc": "doc-a", "attribution": "a New York Times report"}
    b = {"doc": "doc-b", "attribution": "according to the New York Times report"}
    c = {"doc": "doc-b", "attribution": "US officials"}
    assert source_key(a, clusters) == source_key(b, clusters) == "outlet:new-york-times"
    assert source_key(c, clusters) == "doc-b"
    assert source_key({"doc": None, "curated": True}, clusters) == "dictionary"


def test_seed_wire_story_reprinted_three_times_is_one_source() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    seeds = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt"))}
    nyt = seeds["000"]
    half = nyt.splitlines()
    single = "\n".join(half[: len(half) // 2 + 2])  # the article once, not twice
    docs = [(k, v) for k, v in seeds.items()]
    docs += [("000-outlet-b", single + "\n" + COOKIE), ("000-outlet-c", "0\n160\n" + single)]
    clusters = cluster_documents(docs)
    assert clusters["000-outlet-b"] == clusters["000-outlet-c"] == clusters["000"] == "000"
    # The five seed articles are five different sources.
    assert len({clusters[k] for k in seeds}) == len(seeds)


def test_outlets_repeating_one_report_and_their_own_headlines_count_once() -> None:
    from syndicate.dedup import count_sources

    claims = [
        {"doc": "a", "attribution": None},  # headline, own voice
        {"doc": "a", "attribution": "a New York Times report"},
        {"doc": "b", "attribution": "according to the New York Times"},
        {"doc": "c", "attribution": None},
        {"doc": "d", "attribution": None},
    ]
    assert count_sources(claims, {"a": "a", "b": "b", "c": "c", "d": "c"}) == 2
