"""The training corpus: valid, large and varied, and sharing no text with any evaluation set."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from syndicate.api import sample_corpus
from syndicate.learn.corpus import NONE, load_corpus, pair_examples, split
from syndicate.vocab import vocabulary

from .conftest import SEEDS

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "training" / "corpus"
ARTICLES = ROOT / "training" / "articles"
GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="module")
def passages():
    return load_corpus(CORPUS)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _ngrams(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def evaluation_texts() -> dict[str, str]:
    """Every text any evaluation set scores: the team sets, the sample corpus, the seeds."""
    paths = [*GOLD.glob("*/*.txt"), *Path(sample_corpus()).iterdir(),
             *(ROOT / "tests").glob("recognition*/**/*.txt")]
    if SEEDS.is_dir():
        paths += list(SEEDS.glob("*.txt"))
    return {str(p): p.read_text("utf-8", errors="replace") for p in paths if p.is_file()}


def test_no_eight_word_sequence_of_an_evaluation_set_is_in_the_training_corpus(passages):
    training: set[tuple[str, ...]] = set()
    for p in passages:
        training |= _ngrams(p.text)
    for path in ARTICLES.glob("*/*.txt"):  # the whole training articles too
        training |= _ngrams(path.read_text("utf-8"))
    shared = {}
    for name, text in evaluation_texts().items():
        common = _ngrams(text) & training
        if common:
            shared[name] = [" ".join(g) for g in sorted(common)[:3]]
    assert not shared, shared


def test_the_check_finds_a_copied_sentence(passages):
    """The overlap check itself works: a sentence lifted from a passage is caught."""
    copied = " ".join(_words(passages[0].text)[:12])
    assert _ngrams(f"Officials said that {copied} on Monday.") & _ngrams(passages[0].text)


def test_corpus_is_large_and_covers_the_vocabulary(passages):
    relations = [r for p in passages for r in p.relations]
    assert len(passages) >= 1500
    assert len(relations) >= 5000
    vocab = vocabulary()
    assert {r["relation"] for r in relations} == set(vocab.relations)
    assert {r["modality"] for r in relations} == set(vocab.modalities)
    for relation in vocab.relations:
        polarities = {r["polarity"] for r in relations if r["relation"] == relation}
        assert polarities == {"affirmed", "negated"}, relation
    assert len({p.theatre for p in passages}) >= 15
    assert len({p.register for p in passages}) >= 5
    assert sum(1 for p in passages if not p.relations) >= 50  # passages of hard negatives only
    examples = [e for p in passages for e in pair_examples(p)]
    assert sum(e.label == NONE for e in examples) >= 0.5 * len(examples)  # judged pairs


def _unreached(passages) -> tuple[int, int]:
    """How many relation lines label no pair of the passages' mentions, of how many."""
    missed = total = 0
    for p in passages:
        examples = pair_examples(p)
        for r in p.relations:
            total += 1
            missed += not any(e.label != NONE and {e.first.actor, e.second.actor}
                              == {r["subject"], r["object"]}
                              and r["anchor"] in p.sentences[e.sentence].text
                              for e in examples)
    return missed, total


def test_almost_every_relation_becomes_a_positive_pair(passages):
    """The pair formulation reaches the annotations: each relation line labels a pair."""
    missed, total = _unreached(passages)
    assert missed / total < 0.06, (missed, total)


def test_split_is_stable_and_disjoint(passages):
    train, held = split(passages)
    again_train, again_held = split(list(reversed(passages)))
    assert {p.id for p in held} == {p.id for p in again_held}
    assert not {p.id for p in train} & {p.id for p in held}
    assert 0.1 < len(held) / len(passages) < 0.2


def test_passages_are_not_one_template(passages):
    openings = Counter(" ".join(_words(p.text)[:3]) for p in passages)
    assert openings.most_common(1)[0][1] < 0.05 * len(passages)
    assert len(openings) > 0.6 * len(passages)


def test_a_tenth_is_double_annotated_and_the_annotators_agree(passages):
    from syndicate.learn.agreement import agreement

    result = agreement(passages, ROOT / "training" / "double" / "second.jsonl")
    assert result["passages"] >= 0.1 * len(passages)
    assert result["f1"] >= 0.84, result  # measured 0.848 when the corpus was written


def test_training_articles_become_judged_passages_with_their_relations():
    """Whole annotated articles load through the gold reader, with the pipeline's own
    mentions, and their relation lines label pairs of those mentions."""
    from syndicate.learn.reviews import passages_from_articles, read_lines

    texts = sorted(ARTICLES.glob("*/*.txt"))
    lines = [x for path in ARTICLES.glob("*.jsonl") for x in read_lines(path)]
    assert len(texts) >= 40 and len(lines) >= 1000, (len(texts), len(lines))
    articles = passages_from_articles(ARTICLES)
    assert len(articles) == len(texts)
    assert all(a.judged is None for a in articles)  # every pair judged: the rest negatives
    from syndicate.learn.train import _examples

    one = _examples(articles[:2], 1)
    assert len(_examples(articles[:2], 2)) == 2 * len(one) > 0  # --article-weight
    missed, total = _unreached(articles)
    assert total == sum(1 for x in lines if x.get("relation"))
    # the rest need an actor named further away than the sentence before: the pair
    # formulation's reach on whole articles. The first six parts, written like the
    # evaluation sets, leave 35% (17% to 34% on the development sets); the later ones were
    # asked for references back to actors named earlier and leave 33% to 59% per part
    first = [a for a in articles if a.id.split("/")[0] in ("tk", "tl", "tm", "tn", "to", "tp")]
    assert len(first) == 48
    missed_first, total_first = _unreached(first)
    assert missed_first / total_first < 0.4, (missed_first, total_first)
    for part in {a.id.split("/")[0] for a in articles}:
        m, t = _unreached([a for a in articles if a.id.startswith(part + "/")])
        assert m / t < 0.6, (part, m, t)


def _tool(name: str):
    """A script of training/tools, loaded as a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "training" / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


def test_the_scrub_drops_only_the_sentences_that_share_a_sequence():
    """training/tools/drop_shared_sentences.py: an article keeps every sentence but the
    one carrying an 8-word sequence of an evaluation text."""
    tool = _tool("drop_shared_sentences")
    evaluation = _ngrams("Officials said the Front for Change and Concord in Chad had crossed "
                         "the border.")
    text = ("Rebels regrouped in the south. The Front for Change and Concord in Chad had "
            "crossed the border by April. Talks resumed in Doha.")
    cleaned, dropped = tool.scrub(text, evaluation)
    assert dropped == 1
    assert cleaned.startswith("Rebels regrouped in the south.")
    assert "Concord" not in cleaned and "Talks resumed in Doha." in cleaned
    assert tool.scrub(cleaned, evaluation) == (cleaned, 0)


def test_the_model_comparison_gives_an_interval_around_the_paired_difference():
    """training/tools/compare_models.py: a model that adds one wrong claim in every
    document is lower in precision with the whole interval below zero; compared with
    itself the difference is nothing."""
    tool = _tool("compare_models")
    keys = [("s", f"d{n}") for n in range(30)]
    a = {k: (3 + n % 4, 1 + n % 3, 4) for n, k in enumerate(keys)}
    b = {k: (tp, fp + 1, fn) for k, (tp, fp, fn) in a.items()}
    worse = tool.paired_bootstrap(a, b, keys, rounds=400)
    assert worse["precision"][2] < 0 and worse["f1"][2] < 0
    assert worse["precision"][1] <= worse["precision"][0] <= worse["precision"][2]
    same = tool.paired_bootstrap(a, a, keys, rounds=50)
    assert same == {"precision": (0.0, 0.0, 0.0), "f1": (0.0, 0.0, 0.0)}
    assert tool.pooled(a, keys)[0] == sum(v[0] for v in a.values()) / sum(
        v[0] + v[1] for v in a.values())
