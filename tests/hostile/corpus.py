"""A hostile corpus, generated at test time (never committed as data).

``generate(folder, n=..., seed=...)`` writes about ``n`` documents over every category an
adversary tried (issue 14) and returns a manifest: one ``Item`` per document with its
category and what must happen to it -- ``stored``, ``failed`` or ``either`` (garbage that
may or may not decode to text; it must only cost little and not crash anything).

``scale`` shrinks the expensive categories (huge files, bombs) for tests; benchmarks use 1.
"""

from __future__ import annotations

import gzip
import json
import random
import zlib
from dataclasses import dataclass
from pathlib import Path

GROUPS = ["the Taliban", "Al-Shabaab", "Hezbollah", "Boko Haram", "the Houthis", "Hamas",
          "the TTP", "ISIS", "the Haqqani network", "Lashkar-e-Taiba", "Jaish-e-Mohammed",
          "al-Qaeda", "the Pakistani army", "Iran", "the ISI", "AMISOM"]
VERBS = ["attacked", "fought", "is backed by", "cooperates with", "split from", "merged with",
         "held talks with", "agreed a ceasefire with", "denied any links to"]
CITIES = ["KABUL", "MOGADISHU", "BEIRUT", "MAIDUGURI", "SANAA", "PESHAWAR", "QUETTA"]
MONTHS = ["January", "March", "May", "July", "September", "November"]


@dataclass(frozen=True)
class Item:
    path: str  # relative to the corpus folder; records of a container as "file#n"
    category: str
    expect: str  # stored | failed | either


def _article(rng: random.Random, *, names: list[str] | None = None, tag: str = "") -> str:
    names = names or GROUPS
    a, b = rng.sample(names, 2)
    lines = [f"{rng.choice(CITIES)}, {rng.choice(MONTHS)} {rng.randint(1, 28)}, "
             f"{rng.randint(2001, 2024)} - {a[0].upper() + a[1:]} {rng.choice(VERBS)} {b}, "
             f"officials said on {rng.choice(['Monday', 'Friday'])}. {tag}"]
    for _ in range(rng.randint(1, 4)):
        c, d = rng.sample(names, 2)
        lines.append(f"Analysts believe {c} {rng.choice(VERBS)} {d} in the past year, "
                     f"according to a report seen by reporters ({rng.random():.6f}).")
    return "\n\n".join(lines) + "\n"


class _Writer:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.items: list[Item] = []
        folder.mkdir(parents=True, exist_ok=True)

    def file(self, category: str, name: str, content: str | bytes, expect: str) -> None:
        target = self.folder / category / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, "utf-8")
        else:
            target.write_bytes(content)
        self.items.append(Item(f"{category}/{name}", category, expect))

    def records(self, category: str, name: str, lines: list[tuple[str, str]],
                *, gz: bool = False, container: str | None = None) -> None:
        """A JSONL file: (line, expect) per line; ``container`` is what the file itself
        must do (e.g. ``failed`` for a bomb), recorded under the bare file name."""
        target = self.folder / category / name
        target.parent.mkdir(parents=True, exist_ok=True)
        data = "".join(line + "\n" for line, _ in lines).encode("utf-8")
        target.write_bytes(gzip.compress(data, 6) if gz else data)
        for n, (_, expect) in enumerate(lines, 1):
            self.items.append(Item(f"{category}/{name}#{n}", category, expect))
        if container:
            self.items.append(Item(f"{category}/{name}", category, container))


def generate(folder: str | Path, *, n: int = 2000, seed: int = 14, scale: float = 1.0,
             max_bytes: int = 20_000_000, actor_names: list[str] | None = None) -> list[Item]:
    """Write the corpus under ``folder`` (one subfolder per category); return the manifest.

    ``actor_names`` (e.g. every dictionary name) feed the sentence naming thousands of
    actors; by default the common groups are repeated.
    """
    rng = random.Random(seed)
    w = _Writer(Path(folder))
    # expensive categories: a few documents each, sized by ``scale``
    expensive = max(1, round(3 * scale))
    names = actor_names or GROUPS
    for i in range(expensive):
        many = ", ".join((names * (3000 // len(names) + 1))[:3000])
        w.file("many_actors", f"m{i}.txt", f"Officials said {many} fought each other.\n",
               "failed")
        depth = int(100_000 * scale) + 1000
        w.file("deep_html", f"d{i}.html", "<html><body><svg>" + "<g>" * depth + "x" +
               "</g>" * depth + "</svg><p>The Taliban attacked ISIS.</p></body></html>",
               "stored")  # not parsed: tags stripped, the article kept
        w.file("deep_html", f"x{i}.xhtml", '<?xml version="1.0"?><html>' + "<div>" * depth +
               "</div>" * depth + "</html>", "failed")
        long_line = ("The Taliban attacked the army near Kabul and " *
                     (int(19_000_000 * scale) // 45 + 1))[:max(300_000, int(19_000_000 * scale))]
        w.file("long_line", f"l{i}.txt", long_line, "failed")
        w.file("deep_json", f"j{i}.json", "[" * 5000 + "]" * 5000, "failed")
        w.records("deep_json", f"j{i}.jsonl", [
            (json.dumps({"text": _article(rng)}), "stored"),
            ('{"text": ' + "[" * 3000 + "]" * 3000 + "}", "failed"),
            (json.dumps({"text": _article(rng)}), "stored")])
        w.file("huge", f"h{i}.txt", b"The Taliban attacked. " * (max_bytes // 22 + 1), "failed")
        w.records("huge", f"r{i}.jsonl", [
            (json.dumps({"text": _article(rng)}), "stored"),
            (json.dumps({"text": "ISIS attacked. " * (max_bytes // 15 + 1)}), "failed")])
        bomb = zlib.compressobj(9, zlib.DEFLATED, 31)
        data = bomb.compress(json.dumps({"text": _article(rng)}).encode() + b"\n")
        for _ in range(int(1024 * scale) + 64):
            data += bomb.compress(b" " * (1 << 20))
        data += bomb.compress(b"\n") + bomb.flush()
        (w.folder / "gzip_bomb").mkdir(parents=True, exist_ok=True)
        (w.folder / "gzip_bomb" / f"b{i}.jsonl.gz").write_bytes(data)
        w.items.append(Item(f"gzip_bomb/b{i}.jsonl.gz#1", "gzip_bomb", "stored"))
        w.items.append(Item(f"gzip_bomb/b{i}.jsonl.gz", "gzip_bomb", "failed"))
        w.file("many_sentences", f"s{i}.txt", "Hamas. " * 25_000, "failed")
        w.file("xml_bomb", f"e{i}.html",
               '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
               "".join(f'<!ENTITY lol{k} "{("&lol" + str(k - 1) + ";") * 10 if k else "&lol;"}">'
                       for k in range(10)) +
               ']><html><body><p>&lol9; The Taliban attacked ISIS.</p></body></html>', "either")
    cheap = [_good, _good_html_scripts, _good_jsonl, _rtl_zero_width, _control_names,
             _formula_names, _utf16_bom, _utf16_no_bom, _invalid_utf8, _nuls, _random_bytes,
             _tiny, _empty, _regex_hostile]
    while len(w.items) < n:
        rng.choice(cheap)(w, rng, len(w.items))
    return w.items


def _good(w: _Writer, rng: random.Random, i: int) -> None:
    w.file("good", f"g{i}.txt", _article(rng), "stored")


def _good_html_scripts(w: _Writer, rng: random.Random, i: int) -> None:
    body = "".join(f"<p>{para}</p>" for para in _article(rng).split("\n\n"))
    w.file("html_scripts", f"s{i}.html",
           f"<!doctype html><html><head><title>News {i}</title><script>alert('x{i}');"
           f"document.write('<p>The Taliban fought ISIS.</p>')</script><style>p{{}}</style>"
           f"</head><body onload=\"steal()\"><article>{body}</article>"
           f"<script src=\"javascript:evil()\"></script><iframe src=x></iframe></body></html>",
           "stored")


def _good_jsonl(w: _Writer, rng: random.Random, i: int) -> None:
    lines = [(json.dumps({"id": f"r{i}-{k}", "text": _article(rng),
                          "published": f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}-1"
                                       f"{rng.randint(0, 9)}"}), "stored") for k in range(3)]
    lines.append(("{not json", "failed"))
    lines.append((json.dumps([1, 2]), "failed"))
    gz = rng.random() < 0.5
    name = f"r{i}.jsonl" + (".gz" if gz else "")
    w.records("jsonl", name, lines, gz=gz)
    for k in range(3):  # a record with an id is named by it: "file#id"
        w.items[-5 + k] = Item(f"jsonl/{name}#r{i}-{k}", "jsonl", "stored")


def _rtl_zero_width(w: _Writer, rng: random.Random, i: int) -> None:
    odd = [g.replace("a", "a\u200b", 1) for g in GROUPS[:6]] + \
          ["\u202eHezbollah\u202c", "Ha\u200dmas", "\ufeffISIS",
           "\u0627\u0644\u0642\u0627\u0639\u062f\u0629"]
    w.file("rtl_zero_width", f"z{i}.txt", _article(rng, names=odd), "stored")


def _control_names(w: _Writer, rng: random.Random, i: int) -> None:
    odd = ["the Black\x01Banner Brigade", "the Red\x0bRidge Movement", "the \x1b[31mKivu Front",
           "the Tal\x7fiban", *GROUPS[:4]]
    w.file("control_names", f"c{i}.txt", _article(rng, names=odd), "stored")


def _formula_names(w: _Writer, rng: random.Random, i: int) -> None:
    odd = ["=HYPERLINK(\"http://x\") Brigade", "+cmd|' /C calc'!A0 Front", "-2+3 Movement",
           "@SUM(1) Army", *GROUPS[:4]]
    w.file("formula_names", f"f{i}.txt",
           _article(rng, names=odd) + "The =CMD Liberation Front attacked Hamas.\n", "stored")


def _utf16_bom(w: _Writer, rng: random.Random, i: int) -> None:
    w.file("utf16_bom", f"u{i}.txt", _article(rng).encode("utf-16"), "stored")


def _utf16_no_bom(w: _Writer, rng: random.Random, i: int) -> None:
    w.file("utf16_no_bom", f"n{i}.txt", _article(rng).encode("utf-16-le"), "either")


def _invalid_utf8(w: _Writer, rng: random.Random, i: int) -> None:
    data = bytearray(_article(rng).encode("utf-8"))
    for _ in range(5):
        data[rng.randrange(len(data))] = rng.choice([0xC3, 0xFF, 0x80, 0xED])
    w.file("invalid_utf8", f"i{i}.txt", bytes(data), "either")


def _nuls(w: _Writer, rng: random.Random, i: int) -> None:
    w.file("nuls", f"z{i}.txt", _article(rng).replace(" ", "\x00", 20).encode(), "failed")


def _random_bytes(w: _Writer, rng: random.Random, i: int) -> None:
    suffix = rng.choice([".txt", ".html", ".jsonl", ".json", ".jsonl.gz"])
    w.file("random_bytes", f"b{i}{suffix}", rng.randbytes(rng.randint(1, 4000)), "either")
    if suffix in (".jsonl", ".jsonl.gz"):  # records get "#n" sources: expect only the file
        w.items[-1] = Item(w.items[-1].path, "random_bytes", "either")


def _tiny(w: _Writer, rng: random.Random, i: int) -> None:
    w.file("tiny", f"t{i}.txt", rng.choice(["a", ".", "\n", "<", "{", "ISIS", "\u200b"]),
           "either")


def _empty(w: _Writer, rng: random.Random, i: int) -> None:
    w.file("empty", f"e{i}.txt", rng.choice(["", " ", "\n\n\n", "\t"]), "failed")


def _regex_hostile(w: _Writer, rng: random.Random, i: int) -> None:
    kind = rng.randrange(4)
    if kind == 0:
        text = "The " + " ".join(["Al"] * 5000) + " Brigade attacked Hamas."
    elif kind == 1:
        text = "((((" * 2000 + "ISIS" + "))))" * 2000
    elif kind == 2:
        text = "According to " * 3000 + "officials, Hamas fought ISIS."
    else:
        text = ", ".join(["Hamas and ISIS"] * 60) + " fought, reportedly, allegedly."
    w.file("regex_hostile", f"x{i}.txt", text + "\n", "either")
