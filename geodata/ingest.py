"""Ingest article files, folders and JSON Lines into the store.

Each article is extracted and stored in its own transaction: it goes in whole
or not at all, one that fails is reported and the batch goes on, and an
article already stored (same text) is counted as unchanged.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from extract.geojson import extraction_features
from extract.inputs import RawArticle, decode, iter_jsonl, read_file
from extract.pipeline import extract_article
from geodata._errors import InputError, KhareetaError
from geodata.gazetteer import Gazetteer
from geodata.store import Store, StoreError

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
INGEST_SUFFIXES = (*ARTICLE_SUFFIXES, ".jsonl")
Progress = Callable[[int, int, str], None]  # (done, total, name of the item just finished)


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What a batch did: names added, unchanged and replaced; (name, reason) for failures."""

    added: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()
    replaced: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return len(self.added) + len(self.unchanged) + len(self.failed) + len(self.replaced)

    def summary(self, *, max_failures: int = 50) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.unchanged)} unchanged"]
        if self.replaced:
            parts.append(f"{len(self.replaced)} replaced")
        parts.append(f"{len(self.failed)} failed")
        lines = [f"ingested {self.total} article(s) in {self.seconds:.1f} s: {', '.join(parts)}"]
        lines += [f"  failed: {name}: {reason}" for name, reason in self.failed[:max_failures]]
        if len(self.failed) > max_failures:
            lines.append(f"  ... and {len(self.failed) - max_failures} more failures")
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class _Item:
    """One unit of work: an article file, or one JSON Lines file (many articles)."""

    path: Path
    name: str
    missing: bool = False


def expand_paths(paths: Iterable[str | Path]) -> list[_Item]:
    """Files as given; folders walked (sorted, hidden entries skipped) for .txt, .html, .htm, .jsonl."""
    out: list[_Item] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in INGEST_SUFFIXES and p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            out.extend(_Item(p, str(p)) for p in found)
        else:
            out.append(_Item(path, str(path), missing=not path.exists()))
    return out


def _is_jsonl(item: _Item) -> bool:
    return item.path.suffix.lower() == ".jsonl"


def _jsonl_lines(item: _Item) -> list[str]:
    return decode(item.path.read_bytes(), item.name).splitlines()


def count_articles(items: list[_Item]) -> int:
    """How many articles the items hold (a JSON Lines file counts its non-blank lines)."""
    n = 0
    for item in items:
        if _is_jsonl(item) and not item.missing:
            try:
                n += sum(1 for line in _jsonl_lines(item) if line.strip())
            except (OSError, InputError):
                n += 1
        else:
            n += 1
    return n


_LINE_PREFIX = re.compile(r"^:(\d+)(?: \(id [^)]*\))?: ")


def _split_message(message: str, name: str) -> tuple[str, str]:
    """'a.jsonl:3: not valid JSON' -> ('a.jsonl:3', 'not valid JSON'); names are never repeated."""
    if not message.startswith(name):
        return name, message
    rest = message[len(name):]
    m = _LINE_PREFIX.match(rest)
    if m:
        return f"{name}:{m.group(1)}", rest[m.end():]
    return name, rest.lstrip(":").strip()


def _articles(item: _Item) -> Iterator[tuple[str, RawArticle | InputError]]:
    """(name, article or the reason it cannot be read) for every article of one item."""
    if item.missing:
        yield item.name, InputError(f"{item.name}: no such file or folder.")
        return
    if not _is_jsonl(item):
        try:
            yield item.name, read_file(item.path)
        except InputError as exc:
            yield item.name, exc
        except OSError as exc:
            yield item.name, InputError(f"{item.name}: cannot be read ({exc.strerror or exc}).")
        return
    try:
        lines = _jsonl_lines(item)
    except (OSError, InputError) as exc:
        yield item.name, exc if isinstance(exc, InputError) else InputError(f"{item.name}: cannot be read ({exc}).")
        return
    for rec in iter_jsonl(iter(lines), item.name):
        yield (f"{item.name}#{rec.doc_id}", rec) if isinstance(rec, RawArticle) else (item.name, rec)


def ingest_paths(paths: Iterable[str | Path], store: Store, *, progress: Progress | None = None,
                 gaz: Gazetteer | None = None, default_date: str | None = None,
                 replace: bool = False) -> IngestReport:
    """Extract and store every article under `paths`; never stops for one bad article.

    A `StoreError` (the database itself unusable) does stop the batch: every
    article before it is stored whole.
    """
    t0 = time.perf_counter()
    items = expand_paths(paths)
    total = count_articles(items)
    if gaz is None and total:
        from geodata import gazetteer

        gaz = gazetteer.get()  # once for the whole batch
    done: dict[str, list[str]] = {"added": [], "unchanged": [], "replaced": []}
    failed: list[tuple[str, str]] = []
    n = 0
    for item in items:
        for name, raw in _articles(item):
            if isinstance(raw, InputError):
                failed.append(_split_message(str(raw), item.name))
            else:
                try:
                    ex = extract_article(raw, default_date=default_date, gaz=gaz)
                    done[store.add_document(ex.doc, extraction_features(ex), replace=replace)].append(name)
                except StoreError:
                    raise
                except KhareetaError as exc:
                    failed.append(_split_message(str(exc).removeprefix(f"{raw.doc_id}: "), name))
                except Exception as exc:  # a bug must not cost the rest of the batch
                    failed.append((name, f"unexpected error ({type(exc).__name__}: {exc})"))
            n += 1
            if progress:
                progress(n, max(total, n), name)
    return IngestReport(tuple(done["added"]), tuple(done["unchanged"]), tuple(failed), tuple(done["replaced"]),
                        time.perf_counter() - t0)


class ProgressBar:
    """`\\r`-redrawn counter on stderr, only when it is a terminal; no dependency."""

    def __init__(self, label: str = "ingest", *, stream: IO[str] | None = None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.label, self.width = label, width
        self._t0 = time.perf_counter()
        self._last = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int, name: str = "") -> None:
        now = time.perf_counter()
        if not self.enabled or (now - self._last < 0.1 and done < total):
            return
        self._last = now
        filled = int(self.width * done / total) if total else self.width
        rate = done / (now - self._t0) if now > self._t0 else 0.0
        line = (f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} "
                f"{rate:.0f}/s {Path(name).name[:30]:<30}")
        self.stream.write(line)
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
