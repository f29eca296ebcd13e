"""Every claim the extractor makes on every team set, recorded so a refactor can prove it
changed nothing.

The snapshot is one canonical JSON line per claim (sorted keys, sorted lines), without the
``extractor`` and ``rule`` fields, which name the code that made a claim rather than the
claim. Seed articles are not in the repository, so their claims go to a separate snapshot
that holds hashes instead of their sentences and is checked only when the seeds are present.

Regenerate after an intended change in extraction::

    PYTHONPATH=src python -m tests.snapshot_claims --write [--seeds ../shared/seeds]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold"
SNAPSHOTS = HERE / "snapshots"
SETS = ("dev", "dev2", "dev3", "blind3", "blind4")
TEAM_SNAPSHOT = SNAPSHOTS / "claims.jsonl"
SEED_SNAPSHOT = SNAPSHOTS / "seed_claims.jsonl"
VOLATILE = ("extractor", "rule")


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _files(name: str, seeds: Path | None) -> list[tuple[str, Path]]:
    from syndicate.api import sample_corpus

    if name == "sample":
        folder = Path(sample_corpus())
    elif name == "seeds":
        if seeds is None:
            return []
        folder = seeds
    else:
        folder = GOLD / name
    return [(f"{name}/{p.name}", p) for p in sorted(folder.iterdir())
            if p.is_file() and p.suffix in (".txt", ".html", ".jsonl", ".htm")]


def _lines(name: str, files: list[tuple[str, Path]], pipeline, *,
           hide_text: bool) -> Iterator[str]:
    from syndicate.read import read

    for label, path in files:
        for raw in read([str(path)]):
            record = raw.source.rpartition("#")[2] if "#" in raw.source else ""
            where = f"{label}#{record}" if record else label
            processed = pipeline.process(raw)
            if processed.error:
                yield json.dumps({"file": where, "error": processed.error}, sort_keys=True)
                continue
            for claim in processed.claims:
                data = claim.to_json()
                for key in VOLATILE:
                    data.pop(key, None)
                data["source"] = where
                if hide_text:
                    data["sentence"] = _digest(data["sentence"])
                    if data.get("attribution"):
                        data["attribution"] = _digest(data["attribution"])
                yield json.dumps(data, sort_keys=True, ensure_ascii=False)


def collect(*, seeds: Path | None = None, team: bool = True) -> list[str]:
    """The sorted snapshot lines: the team sets, or (team=False) the seed articles."""
    from syndicate.pipeline import Pipeline

    pipeline = Pipeline()
    if not team:
        return sorted(_lines("seeds", _files("seeds", seeds), pipeline, hide_text=True))
    out: list[str] = []
    for name in ("sample", *SETS):
        out.extend(_lines(name, _files(name, None), pipeline, hide_text=False))
    return sorted(out)


def difference(recorded: list[str], current: list[str], *, show: int = 5) -> str:
    """A short report of the first claims that differ, or '' when none do."""
    old, new = set(recorded), set(current)
    if recorded == current:
        return ""
    lost = [x for x in recorded if x not in new][:show]
    gained = [x for x in current if x not in old][:show]
    lines = [f"{len(recorded)} claims recorded, {len(current)} now; "
             f"{len(old - new)} lost, {len(new - old)} new"]
    lines += [f"- {x}" for x in lost] + [f"+ {x}" for x in gained]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="record instead of compare")
    parser.add_argument("--seeds", type=Path, default=HERE.parent.parent / "shared" / "seeds")
    args = parser.parse_args(argv)
    jobs = [(TEAM_SNAPSHOT, True)]
    if args.seeds.is_dir():
        jobs.append((SEED_SNAPSHOT, False))
    status = 0
    for path, team in jobs:
        current = collect(seeds=args.seeds, team=team)
        if args.write:
            SNAPSHOTS.mkdir(exist_ok=True)
            path.write_text("".join(x + "\n" for x in current), "utf-8")
            print(f"{path.name}: {len(current)} claims recorded")
            continue
        diff = difference(path.read_text("utf-8").splitlines(), current)
        print(f"{path.name}: {diff or 'unchanged'}")
        status |= bool(diff)
    return status


if __name__ == "__main__":
    sys.exit(main())
