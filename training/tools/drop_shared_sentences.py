"""Drop from whole training articles every sentence that shares an 8-word sequence with
an evaluation text, and the relation lines anchored in it.

    python training/tools/drop_shared_sentences.py training/articles [--dry-run]

A passage of the sentence-level corpus that shares such a sequence is removed whole; an
article loses only the sentences that carry it (long names and stock phrases, written
independently), so that the rest of its annotation stays usable. The evaluation texts are
the ones ``tests/test_training_corpus.py`` checks.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from syndicate.segment import segment

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.test_training_corpus import evaluation_texts  # noqa: E402

WORD = re.compile(r"\w+")


def _ngrams(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def shared_spans(text: str, evaluation: set[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Character spans of the 8-word sequences of ``text`` found in ``evaluation``."""
    words = list(WORD.finditer(text))
    lowered = [w.group().lower() for w in words]
    return [(words[i].start(), words[i + 7].end()) for i in range(len(words) - 7)
            if tuple(lowered[i:i + 8]) in evaluation]


def scrub(text: str, evaluation: set[tuple[str, ...]]) -> tuple[str, int]:
    """The text without the sentences that overlap a shared sequence; how many went."""
    spans = shared_spans(text, evaluation)
    if not spans:
        return text, 0
    sentences = segment(text)
    drop = [s for s in sentences if any(a < s.end and s.start < b for a, b in spans)]
    out, last = [], 0
    for s in drop:
        out.append(text[last:s.start])
        last = s.end
    out.append(text[last:])
    cleaned = re.sub(r"[ \t]+\n", "\n", re.sub(r"  +", " ", "".join(out)))
    return re.sub(r"\n{3,}", "\n\n", cleaned), len(drop)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    evaluation: set[tuple[str, ...]] = set()
    for text in evaluation_texts().values():
        evaluation |= _ngrams(text)
    for lines_path in sorted(args.folder.glob("*.jsonl")):
        lines = [json.loads(x) for x in lines_path.read_text("utf-8").splitlines() if x.strip()]
        kept_lines = []
        texts: dict[str, str] = {}
        for doc in sorted({x["doc"] for x in lines}):
            path = args.folder / doc
            text, dropped = scrub(path.read_text("utf-8"), evaluation)
            texts[doc] = text
            if dropped:
                print(f"{doc}: {dropped} sentences dropped")
                if not args.dry_run:
                    path.write_text(text, "utf-8")
        for x in lines:
            if not x.get("relation") or x["anchor"] in texts[x["doc"]]:
                kept_lines.append(x)
        print(f"{lines_path.name}: {len(lines)} lines, {len(kept_lines)} kept")
        if not args.dry_run:
            lines_path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n"
                                          for x in kept_lines), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
