"""A benchmark corpus from the seeds: every article replicated with small variations.

Replica 0 of a seed is the article as it is; later replicas keep the header
and the dateline paragraph, shuffle the other paragraphs and change the
numbers in the body (same script, similar size, days stay valid days).
Everything is seeded, so two runs build the same corpus.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from extract.document import make_document

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
_NUMBER = re.compile(r"(?<![\d٠-٩])[\d٠-٩]{1,3}(?![\d٠-٩])")
_AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_TO_ASCII = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_DAY_LIKE = 31


@dataclass(frozen=True, slots=True)
class Article:
    doc_id: str
    lang: str  # "ar" | "en", from the seed's file name
    text: str

    @property
    def size(self) -> int:
        """Bytes of UTF-8 text (what the MB/s figures count)."""
        return len(self.text.encode("utf-8"))


def _new_number(match: re.Match[str], rng: random.Random) -> str:
    old = match.group()
    n = int(old.translate(_TO_ASCII))
    new = rng.randint(1, 28) if n <= _DAY_LIKE else rng.randint(10 ** (len(old) - 1), 10 ** len(old) - 1)
    return str(new).translate(_AR_DIGITS) if old[0] in "٠١٢٣٤٥٦٧٨٩" else str(new)


def vary(text: str, rng: random.Random) -> str:
    """The article with its body paragraphs after the first shuffled and its body numbers changed."""
    body = make_document(text, doc_id="seed").body_start
    paragraphs = text[body:].rstrip("\n").split("\n\n")
    rest = paragraphs[1:]
    rng.shuffle(rest)
    new_body = "\n\n".join([paragraphs[0], *rest])
    return text[:body] + _NUMBER.sub(lambda m: _new_number(m, rng), new_body) + "\n"


def articles(seeds: list[Path]) -> Iterator[Article]:
    """The seeds in turn, replica after replica, without end."""
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in seeds]
    rep = 0
    while True:
        for stem, text in texts:
            lang = "ar" if stem.endswith("-ar") else "en"
            body = text if rep == 0 else vary(text, random.Random(f"{stem}:{rep}"))
            yield Article(f"{rep:04d}-{stem}", lang, body)
        rep += 1


def make_corpus(target_bytes: int, seeds_dir: Path = SEEDS) -> list[Article]:
    """Varied copies of every seed article, about `target_bytes` of UTF-8 text in all."""
    seeds = sorted(seeds_dir.glob("*.txt"))
    if not seeds:
        msg = f"No seed articles (*.txt) in {seeds_dir}."
        raise FileNotFoundError(msg)
    out: list[Article] = []
    total = 0
    for art in articles(seeds):
        if total >= target_bytes:
            break
        out.append(art)
        total += art.size
    return out
