"""README.md's "Hostile input: what Khareeta does" table, checked against the code.

The table's rows are a fixed list here: a row added, removed or renamed in
the README fails until this list says the same. Every test file the paragraph
above the table names exists. Every message the table quotes (a backticked
span holding ": ") is produced here through the public code path (the
command lines in this process) and must be what the user sees: the quoted
text becomes a pattern, its placeholders (FILE, NAME, LINE, N, ID, reason,
the user/host/db of a URL) filled with the real values and `...` (with the
spaces beside it) standing for any text, and it must match a whole line of
the output. A line may start with
the indentation and the "error: " that the command lines put before every
problem. So a change of wording in the README alone, or in the code alone,
fails here.
"""

from __future__ import annotations

import codecs
import json
import re
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from extract.cli import main as extract_main
from extract.inputs import RawArticle
from extract.types import Extraction
from geodata.cli import main as geodata_main

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
HEADING = "## Hostile input: what Khareeta does"
HEADER = ["Hostile input", "What Khareeta does"]

ROWS = {
    "Empty, blank or BOM-only file",
    "PDF, PNG/JPEG/GIF, executable (ELF/EXE), ZIP/Office, gzip, other binary",
    "Arabic in Windows-1256 / ISO-8859-6",
    "UTF-16 LE/BE, with or without BOM; cut-off last byte, lone surrogate",
    "UTF-8 with a stray or cut-off byte",
    "Mixed Arabic/English, emoji, RTL/LRM marks, harakat, clitics",
    "50 MB text file",
    "Very long article (1 million characters)",
    "HTML page (.html/.htm, or a .txt/JSON Lines record that is a page)",
    "Markup in a plain-text article",
    "Malformed JSON Lines (bad JSON, not an object, no `id`/`text`, 5,000-digit numbers, 100,000-deep nesting, "
    "bad `date`)",
    "JSON Lines with a BOM, in UTF-16, `\\ud800` escapes, control characters",
    "ACLED/UCDP CSV missing required columns",
    "CSV rows with too few/many fields, bad dates, out-of-range / NaN / 0,0 coordinates, bad counts",
    "CSV extra columns (including ones named `kind`, `date`, `start`)",
    "Formula-like cells (`=`, `+`, `-`, `@`, tab, CR, LF, full-width)",
    "Control characters, U+2028, lone surrogates in exported text",
    "U+0000 (NUL) in an article, a title or a CSV cell",
    "Export path is a folder, or under a file, or in a folder that does not exist (a typo)",
    "`<script>`, `<img onerror>`, `javascript:` in an article or a gazetteer alias",
    "Upload file names",
    "Two ingests at once on one store",
    "Ingest killed (SIGKILL) mid-batch or mid-document",
    "PostgreSQL server down, wrong password, no such database, no PostGIS and no right to add it",
    "PostgreSQL server going away mid-session, then back",
    "Reading (map, tables, stats) while an ingest writes",
    "Extractor bug on one article",
    "A typo in a hand-edited gazetteer file (`data/gazetteer/places.csv`)",
}

UPDATE_BOTH = "update README.md's hostile-input table and tests/test_readme_hostile.py together"


# --- the README's table ----------------------------------------------------------------------------------------


def _cells(line: str) -> list[str]:
    """The cells of one markdown table line; a | inside `code` does not split."""
    cells, cell, code = [], "", False
    for ch in line.strip().removeprefix("|").removesuffix("|"):
        if ch == "`":
            code = not code
        if ch == "|" and not code:
            cells.append(cell.strip())
            cell = ""
        else:
            cell += ch
    return [*cells, cell.strip()]


@cache
def _section() -> tuple[str, dict[str, str]]:
    """(the paragraph above the table, {first cell: second cell} of every row)."""
    lines = README.read_text(encoding="utf-8").splitlines()
    assert HEADING in lines, f"README.md has no {HEADING!r} heading; {UPDATE_BOTH}"
    body: list[str] = []
    for line in lines[lines.index(HEADING) + 1 :]:
        if line.startswith("## "):
            break
        body.append(line)
    first = next(i for i, line in enumerate(body) if line.startswith("|"))
    table = [line for line in body[first:] if line.strip()]
    assert _cells(table[0]) == HEADER, table[0]
    assert set(table[1]) <= set("|-: "), table[1]
    rows: dict[str, str] = {}
    for line in table[2:]:
        assert line.startswith("|"), f"not a table row under {HEADING!r}: {line!r}"
        cells = _cells(line)
        assert len(cells) == 2 and cells[0] not in rows, line
        rows[cells[0]] = cells[1]
    return "\n".join(body[:first]), rows


def _messages(cell: str) -> list[str]:
    """The messages a cell quotes: its backticked spans that hold ": " (not `<script>`, `--parents`...)."""
    return [span for span in re.findall(r"`([^`]+)`", cell) if ": " in span]


ELLIPSIS = r" ?\.\.\. ?"


def message_regex(message: str, values: Mapping[str, str]) -> re.Pattern[str]:
    """A quoted message as a pattern for one whole line: `values` maps each placeholder to the pattern of
    what stands there (a name only where it is a word of its own); "..." and the spaces beside it are any
    text ("... Connection refused ..." is the sentence cut on both sides); the rest is literal."""
    names = [rf"(?<!\w){re.escape(name)}(?!\w)" for name in sorted(values, key=len, reverse=True)]
    parts = re.split("(" + "|".join([ELLIPSIS, *names]) + ")", message)
    body = "".join(
        re.escape(part) if i % 2 == 0 else ".*" if re.fullmatch(ELLIPSIS, part) else values[part]
        for i, part in enumerate(parts)
    )
    return re.compile(r"\s*(?:error: )?" + body)


def test_the_table_has_the_rows_this_test_knows() -> None:
    rows = set(_section()[1])
    assert rows == ROWS, (
        f"rows only in README: {sorted(rows - ROWS)}; only in ROWS: {sorted(ROWS - rows)}; {UPDATE_BOTH}"
    )


def test_the_test_files_the_paragraph_names_exist() -> None:
    named = re.findall(r"`(tests/[^`]*)`", _section()[0])
    assert named, "the paragraph above the table names no test file"
    missing = [path for path in named if not (ROOT / path).exists()]
    assert not missing, f"README.md names test files that do not exist: {missing}"


def test_message_regex_fills_placeholders_and_keeps_the_rest_literal() -> None:
    pattern = message_regex("FILE:LINE: ... (...).", {"FILE": re.escape("/t/a.jsonl"), "LINE": "7"})
    assert pattern.fullmatch("error: /t/a.jsonl:7: not valid JSON (x); one object a line (y).")
    assert not pattern.fullmatch("error: /t/a.jsonl:8: not valid JSON (x).")
    assert not pattern.fullmatch("error: /t/a.jsonl:7: not valid JSON (x); one object a line (y)!")
    assert not pattern.fullmatch("error: /t/a.jsonl:7 (id a): not valid JSON (x); one object a line (y).")
    cut = message_regex("cannot open host: ... refused ...", {"host": "h"})
    assert cut.fullmatch("cannot open h: failed: refused; is it running?")
    assert not cut.fullmatch("cannot open h: failed: denied; is it running?")
    assert not message_regex("FILE: is empty.", {"FILE": "f"}).fullmatch("f: is empty")


# --- each quoted message, produced ------------------------------------------------------------------------------


@dataclass
class Run:
    """What a case needs: a folder, the captured output, monkeypatch, and the other fixtures by name."""

    tmp_path: Path
    capsys: pytest.CaptureFixture[str]
    monkeypatch: pytest.MonkeyPatch
    request: pytest.FixtureRequest

    def extract(self, *argv: str | Path) -> list[str]:
        """The stderr lines of the extract command line (stdout is the GeoJSON); it must exit 1."""
        self.request.getfixturevalue("gaz")  # the session's gazetteer: the command's load is a cache hit
        rc = extract_main([str(a) for a in argv])
        out, err = self.capsys.readouterr()
        json.loads(out)  # still one FeatureCollection
        assert rc == 1, err
        return err.splitlines()

    def geodata(self, *argv: str | Path, rc: int = 1) -> list[str]:
        """The stdout and stderr lines of `python -m geodata` on a store in tmp, unless `--db` is given."""
        args = [str(a) for a in argv]
        if "--db" not in args:
            args = ["--db", str(self.tmp_path / "store.sqlite"), *args]
        got = geodata_main(args)
        out, err = self.capsys.readouterr()
        assert got == rc, out + err
        return out.splitlines() + err.splitlines()


Values = dict[str, str]  # placeholder -> the pattern of what stands there in one case
Case = Callable[[Run], tuple[list[str], list[Values]]]  # (the lines the user sees, the cases to find in them)
CASES: dict[str, Case] = {}


def case(row: str) -> Callable[[Case], Case]:
    def register(fn: Case) -> Case:
        CASES[row] = fn
        return fn

    return register


def _file(run: Run, name: str, data: bytes) -> Path:
    path = run.tmp_path / name
    path.write_bytes(data)
    return path


@case("Empty, blank or BOM-only file")
def _empty(run: Run) -> tuple[list[str], list[Values]]:
    files = [
        _file(run, "empty.txt", b""),
        _file(run, "blank.txt", b" \r\n\t\n"),
        _file(run, "bom.txt", codecs.BOM_UTF8),
    ]
    return run.extract(*files), [{"FILE": re.escape(str(f))} for f in files]


@case("PDF, PNG/JPEG/GIF, executable (ELF/EXE), ZIP/Office, gzip, other binary")
def _pdf(run: Run) -> tuple[list[str], list[Values]]:
    pdf = _file(run, "report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    return run.extract(pdf), [{"FILE": re.escape(str(pdf))}]


@case("50 MB text file")
def _fifty_mb(run: Run) -> tuple[list[str], list[Values]]:
    big = run.tmp_path / "dump.txt"
    with big.open("wb") as fh:  # sparse: 50 MB long, no disk written, and it is refused before it is read
        fh.truncate(50 * 1024 * 1024)
    return run.extract(big), [{"FILE": re.escape(str(big))}]


@case(
    "Malformed JSON Lines (bad JSON, not an object, no `id`/`text`, 5,000-digit numbers, 100,000-deep nesting, "
    "bad `date`)"
)
def _jsonl(run: Run) -> tuple[list[str], list[Values]]:
    lines = [
        json.dumps({"id": "ok", "text": "Clashes in Mosul."}),
        "{not json",
        "[1, 2, 3]",
        json.dumps({"id": "no-text"}),
        json.dumps({"text": "no id: Mosul"}),
        '{"id": ' + "9" * 5000 + ', "text": "Mosul"}',
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"id": "bad-date", "text": "Clashes in Mosul.", "date": "last Tuesday"}),
        json.dumps({"id": "blank", "text": " \n "}),
    ]
    path = _file(run, "feed.jsonl", "\n".join(lines).encode())
    where = {"FILE": re.escape(str(path))}
    cases = [{**where, "LINE": str(no)} for no in range(2, 8)]  # rejected before the id is read
    cases += [{**where, "LINE": "8", "ID": "bad-date"}, {**where, "LINE": "9", "ID": "blank"}]
    return run.extract("--jsonl", path), cases


@case("ACLED/UCDP CSV missing required columns")
def _missing_columns(run: Run) -> tuple[list[str], list[Values]]:
    wrong = _file(run, "wrong.csv", b"id,when,lat,lon\n1,2016-01-01,36,43\n")
    return run.geodata("import-acled", wrong), [{"FILE": re.escape(str(wrong))}]


ACLED_HEAD = "event_id_cnty,event_date,year,event_type,actor1,location,latitude,longitude,notes,fatalities"
ACLED_BAD = [  # rows the import skips, one of each kind the README names
    "IRQ2,2016-10-18,2016,Battles,Iraqi army,Mosul,36.34",  # too few fields
    "IRQ3,2016-10-18,2016,Battles,Iraqi army,Mosul,36.34,43.13,note,0,extra",  # too many
    "IRQ4,last Tuesday,2016,Battles,Iraqi army,Mosul,36.34,43.13,note,0",  # bad date
    "IRQ5,2016-10-18,2016,Battles,Iraqi army,Mosul,91,43.13,note,0",  # latitude out of range
    "IRQ6,2016-10-18,2016,Battles,Iraqi army,Mosul,NaN,43.13,note,0",
    "IRQ7,2016-10-18,2016,Battles,Iraqi army,Mosul,0,0,note,0",
    "IRQ8,2016-10-18,2016,Battles,Iraqi army,Mosul,36.34,43.13,note,many",  # bad count
]


@case("CSV rows with too few/many fields, bad dates, out-of-range / NaN / 0,0 coordinates, bad counts")
def _bad_rows(run: Run) -> tuple[list[str], list[Values]]:
    good = "IRQ1,2016-10-17,2016,Battles,Iraqi army,Bartella,36.35,43.38,Forces recaptured Bartella.,12"
    path = _file(run, "acled.csv", "\n".join([ACLED_HEAD, good, *ACLED_BAD, ""]).encode())
    lines = run.geodata("import-acled", path, rc=0)
    return lines, [{"N": str(no), "reason": ".+"} for no in range(3, 3 + len(ACLED_BAD))]


@case("PostgreSQL server down, wrong password, no such database, no PostGIS and no right to add it")
def _postgres_down(run: Run) -> tuple[list[str], list[Values]]:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    password = "not-the-password-1234"
    lines = run.geodata("--db", f"postgresql://user:{password}@127.0.0.1:{port}/db", "stats")
    assert not [line for line in lines if password in line], lines
    return lines, [{"user": "user", "host": re.escape(f"127.0.0.1:{port}"), "db": "db"}]


@case("Extractor bug on one article")
def _extractor_bug(run: Run) -> tuple[list[str], list[Values]]:
    import extract.pipeline

    real = extract.pipeline.extract_article

    def buggy(raw: RawArticle, **kw: Any) -> Extraction:  # a bug only this article triggers
        if "Monday" in raw.text:
            raise IndexError("string index out of range")
        return real(raw, **kw)

    run.monkeypatch.setattr(extract.pipeline, "extract_article", buggy)
    _file(run, "good.txt", b"Clashes in Mosul.")
    bad = _file(run, "bad.txt", b"Iraqi forces entered Mosul on Monday.")
    return run.extract(run.tmp_path / "good.txt", bad), [{"NAME": re.escape(str(bad))}]


def test_every_quoted_message_has_a_case() -> None:
    quoted = {row for row, cell in _section()[1].items() if _messages(cell)}
    assert quoted == set(CASES), (
        f"rows quoting a message with no case here: {sorted(quoted - set(CASES))}; "
        f"cases for rows that quote none: {sorted(set(CASES) - quoted)}; {UPDATE_BOTH}"
    )


@pytest.mark.parametrize("row", sorted(CASES), ids=lambda row: re.sub(r"\W+", "-", row[:30]).strip("-"))
def test_the_quoted_message_is_what_the_user_sees(
    row: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    messages = _messages(_section()[1][row])
    assert messages, f"README's row {row!r} quotes no message any more; {UPDATE_BOTH}"
    lines, cases = CASES[row](Run(tmp_path, capsys, monkeypatch, request))
    assert cases
    used: set[str] = set()
    for values in cases:
        found = {m for m in messages if any(message_regex(m, values).fullmatch(line) for line in lines)}
        assert found, (
            f"README's row {row!r} says {messages}, which with {values} is none of the lines the user sees:\n"
            + "\n".join(lines)
        )
        used |= found
    assert used == set(messages), f"quoted in README but never seen: {sorted(set(messages) - used)}"
