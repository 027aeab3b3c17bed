"""The one way articles are read: files, folders, JSON Lines, standard input, uploads, pasted text.

Whatever the way in, every article goes through the same checks: one size
limit (`MAX_FILE_BYTES` for a file or an upload, checked before reading;
`MAX_TEXT_CHARS` for a text), encoding detection (`geodata.formats.text`),
HTML pages turned into their text, empty texts refused. A batch never stops
for one bad input: readers yield a `RawArticle` or, in its place, a `Problem`
(source, line, record id and reason as fields) and go on with the rest.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path, PurePath
from typing import cast

from extract.document import parse_date
from extract.html import html_to_text
from geodata.errors import InputError, Problem
from geodata.formats.text import decode, stream_encoding, without_surrogates
from geodata.records import document_id
from geodata.settings import MAX_FILE_BYTES, MAX_TEXT_CHARS

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
JSONL_SUFFIX = ".jsonl"
BATCH_SUFFIXES = (*ARTICLE_SUFFIXES, JSONL_SUFFIX)
STDIN = "<stdin>"
_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html[\s>])", re.I)


@dataclass(frozen=True, slots=True)
class RawArticle:
    """One article as read: its id (file name or JSON Lines id), its text, what the input said of it,
    and where it was read (`source` and, in JSON Lines, `line`)."""

    doc_id: str
    text: str
    date: str | None = None
    title: str | None = None
    lang: str | None = None
    source: str = ""
    line: int | None = None

    @property
    def label(self) -> str:
        """How a batch names it: the file, or 'feed.jsonl#id' for a JSON Lines record."""
        return f"{self.source}#{self.doc_id}" if self.line is not None else self.source or self.doc_id

    def problem(self, reason: str) -> Problem:
        """A problem with this article, located where it was read."""
        return Problem(
            reason, source=self.source or self.doc_id, line=self.line, item=self.doc_id if self.line is not None else ""
        )


Read = RawArticle | Problem


# --- checks every text goes through ----------------------------------------------------------------------------


def check_text(text: str, name: str, *, line: int | None = None, item: str = "") -> str:
    """Refuse empty or oversized texts with a message that says why; lone surrogates become U+FFFD."""
    if not text.strip():
        raise InputError(
            "the article is empty; put the article's text in it or leave it out.", source=name, line=line, item=item
        )
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"the article has {len(text):,} characters, more than the limit of {MAX_TEXT_CHARS:,}; "
            "split it into smaller files.",
            source=name,
            line=line,
            item=item,
        )
    text = without_surrogates(text)
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def looks_like_html(text: str) -> bool:
    """A web page whatever its file name: <!DOCTYPE html> or <html>, after an XML declaration or comments
    ("<!-- saved from url=... -->")."""
    head = text[:4096].lstrip()
    if head.startswith("<?xml"):
        head = head[head.find(">") + 1 :].lstrip()
    while head.startswith("<!--") and (end := head.find("-->", 4)) >= 0:  # a loop: no regex backtracking
        head = head[end + 3 :].lstrip()
    return _HTML_TAG.match(head) is not None


def _article_text(data: bytes, name: str, *, html: bool) -> str:
    """The text of one article file's bytes (HTML pages as their readable text)."""
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(len(data), name)
    text = decode(data, name)
    if html or looks_like_html(text):
        text = html_to_text(text)
    return check_text(text, name)


def _too_big(size: int, name: str) -> InputError:
    return InputError(
        f"{size:,} bytes is more than the limit of {MAX_FILE_BYTES:,} bytes; split the file.", source=name
    )


# --- files and folders ------------------------------------------------------------------------------------------


def read_file(path: Path) -> RawArticle:
    """One article file (plain text or HTML); its size is checked before it is read."""
    name = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError("is a folder; give the article files inside it.", source=name)
        if size > MAX_FILE_BYTES:  # refused before reading: memory stays bounded whatever the file
            raise _too_big(size, name)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file.", source=name) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc}).", source=name) from None
    text = _article_text(data, name, html=path.suffix.lower() in (".html", ".htm"))
    return RawArticle(doc_id=path.name, text=text, source=name)


HIDDEN = "hidden"  # why a folder walk leaves an entry out, besides its suffix (".pdf", "" for none)
LINKED_FOLDER = "linked folder"
NOT_A_FILE = "not a file"


def walk_folder(folder: Path) -> tuple[list[Path], Counter[str]]:
    """The article and .jsonl files under `folder` (sorted), and what was left out: the suffix of each
    other file ("" for none), or why (hidden name or folder, a link to a folder, not a regular file)."""
    found: list[Path] = []
    skipped: Counter[str] = Counter()
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        for name in dirs:
            if name.startswith("."):
                skipped[HIDDEN] += 1
            elif (here / name).is_symlink():  # os.walk does not follow it
                skipped[LINKED_FOLDER] += 1
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = here / name
            suffix = path.suffix.lower()
            if name.startswith("."):
                skipped[HIDDEN] += 1
            elif suffix not in BATCH_SUFFIXES:
                skipped[suffix] += 1
            elif path.is_file():
                found.append(path)
            else:  # a broken link, a pipe
                skipped[NOT_A_FILE] += 1
    return sorted(found), skipped


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders walked (sorted, hidden entries skipped) for .txt, .html, .htm, .jsonl."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        out.extend(walk_folder(path)[0] if path.is_dir() else [path])
    return out


def skipped_in_folders(paths: Iterable[str | Path]) -> list[str]:
    """What walking the folders among `paths` leaves out, one line per folder and file type, with a count
    and why ("seeds: skipped 2 .pdf files (only .txt, .html, .htm and .jsonl files are read)")."""
    only = f"(only {', '.join(BATCH_SUFFIXES[:-1])} and {BATCH_SUFFIXES[-1]} files are read)"
    why = {
        HIDDEN: ("hidden file or folder", "hidden files or folders", "(names starting with '.')"),
        LINKED_FOLDER: ("link to a folder", "links to folders", "(not followed)"),
        NOT_A_FILE: ("entry that is not a regular file", "entries that are not regular files", "(a broken link?)"),
        "": ("file without a suffix", "files without a suffix", only),
    }
    lines = []
    for raw in paths:
        if Path(raw).is_dir():
            for kind, n in sorted(walk_folder(Path(raw))[1].items(), key=lambda kv: (-kv[1], kv[0])):
                one, many, reason = why.get(kind) or (f"{kind} file", f"{kind} files", only)
                lines.append(f"{raw}: skipped {n:,} {one if n == 1 else many} {reason}")
    return lines


def read_paths(paths: Iterable[str | Path]) -> Iterator[Read]:
    """Every article under `paths` (files, folders, .jsonl files; "-" is standard input as JSON Lines),
    in order, or the problem that stands in its place."""
    for path in expand_paths(paths):
        if str(path) == "-" or path.suffix.lower() == JSONL_SUFFIX:
            yield from read_jsonl(str(path))
        elif not path.exists() and not path.is_symlink():
            yield Problem("no such file or folder.", source=str(path))
        else:
            try:
                yield read_file(path)
            except InputError as exc:
                yield exc.problem


def count_articles(paths: Iterable[str | Path]) -> int:
    """How many articles `read_paths` will yield (a JSON Lines file counts its non-blank lines)."""
    n = 0
    for path in expand_paths(paths):
        if str(path) != "-" and path.suffix.lower() == JSONL_SUFFIX and path.is_file():
            try:
                with _jsonl_lines(str(path)) as (lines, _name):
                    n += sum(1 for line in lines if line.strip())
            except InputError:
                n += 1
        else:
            n += 1
    return n


# --- JSON Lines ---------------------------------------------------------------------------------------------------


@contextmanager
def _jsonl_lines(arg: str) -> Iterator[tuple[Iterator[str], str]]:
    """The lines of a JSON Lines file (or "-", standard input), decoded as their first bytes show."""
    name = STDIN if arg == "-" else arg
    try:
        stdin = cast(io.RawIOBase, sys.stdin.buffer)
        raw = io.BufferedReader(stdin) if arg == "-" else Path(arg).open("rb")  # noqa: SIM115
    except FileNotFoundError:
        raise InputError("no such file.", source=name) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc}).", source=name) from None
    try:
        encoding = stream_encoding(raw.peek(4096)[:4096], name)
        yield io.TextIOWrapper(raw, encoding=encoding, errors="replace"), name
    finally:
        if arg != "-":
            raw.close()


def read_jsonl(arg: str, *, lines: tuple[int, int] | None = None) -> Iterator[Read]:
    """The records of a JSON Lines file ("-": standard input), streamed; a bad line yields its problem.
    `lines` (first, last; 1-based, inclusive) reads only those lines: a partition of a batch."""
    try:
        with _jsonl_lines(arg) as (stream, name):
            if lines is None:
                yield from jsonl_records(stream, name)
            else:  # lines before `first` are skipped unparsed
                yield from jsonl_records(islice(stream, lines[0] - 1, lines[1]), name, first=lines[0])
    except InputError as exc:  # the file itself: reported like any bad input, the batch goes on
        yield exc.problem


def count_lines(arg: str) -> int:
    """How many lines a JSON Lines file has, blank ones included (what `read_jsonl`'s `lines` counts)."""
    with _jsonl_lines(arg) as (stream, _name):
        return sum(1 for _ in stream)


def jsonl_records(lines: Iterable[str], name: str, *, first: int = 1) -> Iterator[Read]:
    """Records of JSON Lines text (its first line numbered `first`); a bad line yields its problem and the
    rest go on."""
    for no, line in enumerate(lines, start=first):
        if not line.strip():
            continue
        try:
            yield parse_jsonl_line(line, name, no)
        except InputError as exc:
            yield exc.problem


def _json_object(line: str, name: str, no: int) -> dict:
    # the column is counted in the line as the user sees it, whoever read it; a BOM where files were joined
    line = line.rstrip("\r\n").removeprefix("\ufeff")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON ({_json_error(exc, line)}); each line must be one JSON object.", source=name, line=no
        ) from None
    except (ValueError, RecursionError) as exc:  # a number of 5,000 digits, arrays nested 100,000 deep
        why = "nested too deeply" if isinstance(exc, RecursionError) else str(exc).split(":")[0]
        raise InputError(f"not usable JSON ({why}); each line must be one JSON object.", source=name, line=no) from None
    if not isinstance(obj, dict):
        raise InputError('expected a JSON object with "id" and "text".', source=name, line=no)
    return obj


def _json_error(exc: json.JSONDecodeError, line: str) -> str:
    """What is wrong and where, as a column of the line (1-based): 'Expecting ',' delimiter at column 12'."""
    if exc.pos >= len(line.rstrip()):
        return f"the line ends at column {len(line.rstrip()) + 1} before the JSON object is closed"
    return f"{exc.msg.removesuffix(' at')} at column {exc.pos + 1}"


def parse_jsonl_line(line: str, name: str, no: int) -> RawArticle:
    """One JSON Lines record: {"id", "text", "date"?, "title"?, "lang"?}."""
    obj = _json_object(line, name, no)
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError('the "text" field is missing or not a string.', source=name, line=no)
    doc_id = obj.get("id")
    if doc_id is None or isinstance(doc_id, (dict, list)):
        raise InputError('the "id" field is missing or not a string/number.', source=name, line=no)
    doc_id = without_surrogates(str(doc_id))
    opt = {
        k: (without_surrogates(str(obj[k])) if obj.get(k) not in (None, "") else None)
        for k in ("date", "title", "lang")
    }
    if opt["date"] is not None and parse_date(opt["date"]) is None:  # not dropped silently
        raise InputError(
            f'the "date" field {opt["date"][:40]!r} is not a date like 2015-11-19; fix it or leave it out.',
            source=name,
            line=no,
            item=doc_id,
        )
    text = check_text(text, name, line=no, item=doc_id)
    if looks_like_html(text):  # a scraper's raw page
        text = check_text(html_to_text(text), name, line=no, item=doc_id)
    return RawArticle(doc_id=doc_id, text=text, **opt, source=name, line=no)


# --- uploads and pasted text (the dashboard) ------------------------------------------------------------------


def read_upload(name: str, data: bytes) -> list[Read]:
    """The articles of an uploaded .txt, .html or .jsonl file (read from memory: the name is never a path)."""
    name = PurePath(name).name or "upload"
    suffix = PurePath(name).suffix.lower()
    if suffix not in BATCH_SUFFIXES:
        return [
            Problem(f"files of type {suffix or '(none)'} cannot be read; upload .txt, .html or .jsonl.", source=name)
        ]
    try:
        if not data:
            raise InputError("the file is empty.", source=name)
        if suffix != JSONL_SUFFIX:
            return [RawArticle(doc_id=name, text=_article_text(data, name, html=suffix != ".txt"), source=name)]
        if len(data) > MAX_FILE_BYTES:
            raise _too_big(len(data), name)
        # lines as a file is read (only \n, \r\n and \r end one; U+2028 may sit in a JSON string)
        return list(jsonl_records(io.StringIO(decode(data, name), newline=None), name))
    except InputError as exc:
        return [exc.problem]


def read_pasted(text: str) -> RawArticle:
    """A pasted article, named after its content ("pasted-1a2b3c4d")."""
    text = check_text(text, "the pasted text")
    return RawArticle(doc_id=f"pasted-{document_id(text)[:8]}", text=text, source="the pasted text")
