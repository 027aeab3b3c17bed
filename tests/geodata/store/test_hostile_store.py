"""The store under concurrent use, crashes and hostile imports/exports (issue 6, parts 3-4).

(a) two ingest processes at once on one store; (b) an ingest killed
with SIGKILL half-way; (c) readers while an ingest writes; (d) ACLED/UCDP
files with missing or extra columns, bad dates, coordinates out of range and
formula cells; (e) exports of formula cells and control characters; (f) an
export aimed at a folder. The subprocesses run `python -m geodata` as a user
would, on a store in tmp or in a database of the test PostGIS server: every
test that takes `db_url` / `new_db` runs on both (see conftest.py).
"""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from extract.ingest import ingest_paths
from extract.inputs import read_file
from extract.pipeline import extract_article
from extract.records import extraction_features
from geodata.cli import main as geodata_main
from geodata.errors import InputError
from geodata.formats.acled_csv import to_csv
from geodata.formats.datasets import read_acled_csv, read_ucdp_csv
from geodata.formats.export import export
from geodata.formats.geojson import feature_to_record, record_to_feature, to_geojson
from geodata.gazetteer import Gazetteer
from geodata.records import Record
from geodata.store import Store
from geodata.store.engine import snapshot
from geodata.store.filters import Filters
from geodata.store.schema import TABLES

ROOT = Path(__file__).resolve().parents[3]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PYTHON = sys.executable


# --- a corpus of distinct articles, and what a fresh extraction gives for each ------------------------------------


def _article(i: int) -> tuple[str, str]:
    """(file name, text) of article i: a seed with its own closing line, so every i is a different document."""
    seed = SEEDS[i % len(SEEDS)]
    return f"{i:03d}-{seed.name}", seed.read_text(encoding="utf-8") + f"\n\nRef. {i}\n"


def _write(folder: Path, ids: range | list[int]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in ids:
        name, text = _article(i)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def expected_counts(gaz: Gazetteer) -> dict[str, int]:
    """Features a fresh extraction gives for each seed (the closing line adds none: checked below)."""
    return {p.name: len(extraction_features(extract_article(read_file(p), gaz=gaz))) for p in SEEDS}


def _expected(name: str, counts: dict[str, int]) -> int:
    return counts[name.split("-", 1)[1]]


def _ingest(db: str, *paths: Path, jobs: int | None = None, **popen: Any) -> subprocess.Popen[str]:
    cmd = [PYTHON, "-m", "geodata", "--db", db, "ingest", *map(str, paths), "--quiet"]
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def _counts_by_doc(store: Store) -> dict[str, tuple[str, int, int]]:
    """doc id -> (name, n_features recorded, feature rows actually stored), read in one transaction."""
    with snapshot(store.engine) as conn:
        docs = {
            r.id: (r.name, r.n_features) for r in conn.execute(sa.text("SELECT id, name, n_features FROM documents"))
        }
        rows: dict[str, int] = dict.fromkeys(docs, 0)
        for table in TABLES.values():
            for doc_id, n in conn.execute(sa.select(table.c.doc_id, sa.func.count()).group_by(table.c.doc_id)):
                rows[doc_id] = rows.get(doc_id, 0) + n
    return {d: (*docs.get(d, ("<missing document>", -1)), n) for d, n in rows.items()}


def _integrity(db: str) -> tuple[str, list[Any]]:
    """SQLite's integrity and foreign-key checks; on PostgreSQL (which enforces foreign keys itself), the
    feature rows whose document is missing and the sessions still inside a transaction."""
    if "://" not in db:
        con = sqlite3.connect(db)
        try:
            return con.execute("PRAGMA integrity_check").fetchone()[0], con.execute(
                "PRAGMA foreign_key_check"
            ).fetchall()
        finally:
            con.close()
    engine = sa.create_engine(db, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            orphans = [
                (t.name, doc_id)
                for t in TABLES.values()
                for (doc_id,) in conn.execute(
                    sa.text(f"SELECT doc_id FROM {t.name} WHERE doc_id NOT IN (SELECT id FROM documents)")
                )
            ]
            open_writes = conn.execute(_OPEN_WRITES).scalar()
        return ("ok" if not open_writes else f"{open_writes} open transaction(s)"), orphans
    finally:
        engine.dispose()


# Another session of the store's database inside a transaction (a writer that has not finished).
_OPEN_WRITES = sa.text(
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
    "AND state LIKE 'idle in transaction%'"
)


def test_the_closing_line_adds_no_feature(gaz: Gazetteer, expected_counts: dict[str, int], tmp_path: Path) -> None:
    folder = _write(tmp_path, range(len(SEEDS)))
    for path in sorted(folder.iterdir()):
        n = len(extraction_features(extract_article(read_file(path), gaz=gaz)))
        assert n == _expected(path.name, expected_counts), path.name


# --- (a) two ingest processes at once ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_two_ingests_at_once_store_every_article_exactly_once(
    tmp_path: Path, gaz: Gazetteer, expected_counts: dict[str, int], new_db
) -> None:
    first, second = _write(tmp_path / "a", range(0, 70)), _write(tmp_path / "b", range(35, 105))  # 35 shared
    db = new_db("shared")
    procs = [_ingest(db, first), _ingest(db, second)]  # started together, default jobs (forked workers)
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    summary = [re.search(r"(\d+) added, (\d+) unchanged, (\d+) failed", out) for out, _ in outs]
    added, unchanged, failed = (sum(int(m.group(k)) for m in summary if m) for k in (1, 2, 3))
    assert (added, unchanged, failed) == (105, 35, 0), outs

    with Store.open(new_db("single")) as single:
        ingest_paths([_write(tmp_path / "all", range(105))], single, gaz=gaz)
        reference = single.stats()
    with Store.open(db) as store:
        stats = store.stats()
        by_doc = _counts_by_doc(store)
    assert (stats.documents, stats.features) == (reference.documents, reference.features) == (105, stats.features)
    names = [name for name, _, _ in by_doc.values()]
    assert len(names) == len(set(names)) == 105  # each article once
    for name, recorded, stored in by_doc.values():
        assert recorded == stored == _expected(name, expected_counts), name
    assert _integrity(db) == ("ok", [])


# --- (b) an ingest killed half-way ------------------------------------------------------------------------------------

# `python -m geodata ingest`, held inside the write transaction of its second batch once some rows of it are
# written (through the store's `_insert_kind` seam), so that the kill lands in the middle of a document.
_HELD_IN_A_WRITE = """
import sys, time, pathlib
import geodata.store.database as st
marker, batches = pathlib.Path(sys.argv[1]), [0]
add_documents, insert_kind = st.Store.add_documents, st._insert_kind
def counting(self, items, **kw):
    batches[0] += 1
    return add_documents(self, items, **kw)
def held(conn, kind, rows):
    insert_kind(conn, kind, rows)
    if batches[0] >= 2:
        marker.touch()
        time.sleep(600)
st.Store.add_documents, st._insert_kind = counting, held
from geodata.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _start_and_kill(db: str, folder: Path, how: str, marker: Path) -> int:
    """Start an ingest of `folder`, SIGKILL it half-way; the documents the store showed before the kill."""
    if how == "between batches":
        proc = _ingest(db, folder, jobs=1, start_new_session=True)  # its own process group, killed whole
    else:
        args = [str(marker), "--db", db, "ingest", str(folder), "--quiet", "--jobs", "1"]
        proc = subprocess.Popen(
            [PYTHON, "-c", _HELD_IN_A_WRITE, *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
    store = Store.open(db)  # reads only (the schema is created by whichever comes first)
    try:
        end = time.monotonic() + 60
        while time.monotonic() < end and proc.poll() is None:
            if marker.exists() if how == "inside a write" else store.stats().documents >= 1:
                break
            time.sleep(0.02)
        seen = store.stats().documents
        if how == "inside a write":  # the child is inside its write, rows of a document written, uncommitted
            _assert_a_write_is_open(db)
    finally:  # killed whatever happened above: nothing is left running
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        _, err = proc.communicate(timeout=30)
        store.close()
    assert proc.returncode == -signal.SIGKILL, f"the ingest ended before it could be killed: {err}"
    return seen


def _assert_a_write_is_open(db: str) -> None:
    """SQLite: the write lock is held (no other writer may begin); PostgreSQL: a session is in a transaction."""
    if "://" in db:
        assert _integrity(db)[0] == "1 open transaction(s)"
        return
    con = sqlite3.connect(db, timeout=0, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        con.execute("BEGIN IMMEDIATE")
    con.close()


def _wait_until_the_killed_write_is_gone(db: str) -> None:
    """PostgreSQL rolls back a killed client's transaction once it sees the connection closed (at once,
    but in its own time); a SQLite write dies with its process."""
    end = time.monotonic() + 20
    while "://" in db and _integrity(db)[0] != "ok" and time.monotonic() < end:
        time.sleep(0.05)


@pytest.mark.slow
@pytest.mark.parametrize("how", ["between batches", "inside a write"])
def test_an_ingest_killed_half_way_leaves_whole_documents_and_can_be_finished(
    tmp_path: Path, gaz: Gazetteer, expected_counts: dict[str, int], how: str, new_db
) -> None:
    total = 160
    folder = _write(tmp_path / "in", range(total))
    db = new_db("killed")
    seen = _start_and_kill(db, folder, how, tmp_path / "inside-a-write")
    assert seen >= 1

    _wait_until_the_killed_write_is_gone(db)
    assert _integrity(db) == ("ok", [])
    with Store.open(db) as store:
        by_doc = _counts_by_doc(store)
        kept = len(by_doc)
        assert kept < total
        assert kept == seen if how == "inside a write" else kept >= seen  # (a batch may commit as it is killed)
        for name, recorded, stored in by_doc.values():  # no half document: all its features, or it is not there
            fresh = len(extraction_features(extract_article(read_file(folder / name), gaz=gaz)))
            assert recorded == stored == fresh, name

    again = _ingest(db, folder)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert f"{total - kept} added, {kept} unchanged, 0 failed" in out
    with Store.open(db) as store:
        by_doc = _counts_by_doc(store)
        assert store.stats().documents == len(by_doc) == total
        for name, recorded, stored in by_doc.values():
            assert recorded == stored == _expected(name, expected_counts), name
    assert _integrity(db) == ("ok", [])


# --- (c) reading while an ingest writes ---------------------------------------------------------------------------


@pytest.mark.slow
def test_readers_work_while_an_ingest_writes(tmp_path: Path, new_db) -> None:
    total = 120
    folder = _write(tmp_path / "in", range(total))
    db = new_db("busy")
    store = Store.open(db)
    proc = _ingest(db, folder, jobs=1)
    seen: list[int] = []
    reads = 0
    try:
        while proc.poll() is None:
            stats = store.stats()
            docs = store.documents()
            store.query(Filters(text="Mosul"), limit=200)
            store.query(Filters(kinds=("event",), countries=("IQ",)))
            store.facets()
            with snapshot(store.engine) as conn:  # one snapshot: never half a document
                recorded = conn.execute(sa.text("SELECT coalesce(sum(n_features), 0) FROM documents")).scalar()
                rows = sum(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() for t in TABLES.values())
            assert recorded == rows
            assert len(docs) >= stats.documents >= (seen[-1] if seen else 0)
            seen.append(stats.documents)
            reads += 1
    finally:
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert any(0 < n < total for n in seen), f"no read happened during the ingest ({seen})"
    assert reads >= 5
    assert store.stats().documents == total
    store.close()
    if "://" not in db:  # (PostgreSQL's readers never wait for writers)
        con = sqlite3.connect(db)
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # what lets readers in during a write
        con.close()


def test_text_no_database_can_hold_is_refused_alone(db_url: str) -> None:
    """A lone surrogate (from code that skipped extract.inputs) is one document's error, not a crash."""
    from geodata.records import DocumentRecord

    def doc(text: str) -> tuple[DocumentRecord, list[Record]]:
        return DocumentRecord(name=f"doc {len(text)}", text=text, lang="en"), [_feature(len(text), text)]

    with Store.open(db_url) as store:
        with pytest.raises(InputError, match=r"doc 7: the store refused it"):
            store.add_document(*doc("bad \ud800 x"))
        out = store.add_documents([doc("Mosul"), doc("bad \udfff y"), doc("Raqqa fell")])
        assert out[0] == out[2] == "added" and isinstance(out[1], InputError)
        assert sorted(d.name for d in store.documents()) == ["doc 10", "doc 5"]
        assert store.stats().features["event"] == 2


# --- (d) hostile ACLED and UCDP files -------------------------------------------------------------------------------

ACLED_HEAD = "event_id_cnty,event_date,year,event_type,actor1,location,latitude,longitude,notes,fatalities"
ACLED_ROWS = [
    # (row, None if kept else what the reason says)
    ("IRQ1,2016-10-17,2016,Battles,Iraqi army,Bartella,36.35,43.38,Forces recaptured Bartella.,12", None),
    ("IRQ2,2016-02-30,2016,Battles,Iraqi army,Mosul,36.34,43.13,bad day,0", "event_date"),
    ("IRQ3,yesterday,2016,Battles,Iraqi army,Mosul,36.34,43.13,no date,0", "not a date"),
    ("IRQ4,,2016,Battles,Iraqi army,Mosul,36.34,43.13,empty date,0", "not a date"),
    ("IRQ5,2016-10-18,2016,Battles,Iraqi army,North,91.5,43.1,lat too big,0", "out of range"),
    ("IRQ6,2016-10-18,2016,Battles,Iraqi army,East,36.3,181,lon too big,0", "out of range"),
    ("IRQ7,2016-10-18,2016,Battles,Iraqi army,Nowhere,abc,43.1,not a number,0", "not numbers"),
    ("IRQ8,2016-10-18,2016,Battles,Iraqi army,Nowhere,nan,inf,not finite,0", "out of range"),
    ("IRQ9,2016-10-18,2016,Battles,Iraqi army,Null Island,0,0,missing location,0", "0, 0"),
    ("IRQ10,2016-10-18,2016,Battles,Iraqi army,Mosul,36.34", "fields where the header has"),
    ("IRQ11,2016-10-18,2016,Battles,Iraqi army,Mosul,36.34,43.13,too many,0,extra,cells", "fields where the header"),
    ("IRQ12,2016-10-18,2016,Battles,Iraqi army,Mosul,36.34,43.13,bad count,-3", "fatalities"),
    (
        'IRQ13,2016-10-19,2016,"=HYPERLINK(""http://evil.example"",""x"")",@SUM(A1),+Mosul,36.34,43.13,'
        '"-2+3 multi\nline\tnotes",1',
        None,
    ),
    ("IRQ14,19 October 2016,2016,Battles,=cmd|' /C calc'!A0,Mosul,36.34,43.13," + "long " * 40_000 + ",0", None),
    (",2016-10-18,2016,Battles,Iraqi army,Mosul,36.34,43.13,no id,0", "event_id_cnty"),
    ("IRQ15,2016-10-20,2016,Battles,Iraqi army,Mosul,-36.34,-43.13,southern hemisphere is fine,0", None),
]


def _acled_file(tmp_path: Path, extra: str = "") -> tuple[Path, list[int], dict[int, str]]:
    """The file, the source ids kept, {line: reason fragment} of the rows skipped (physical line numbers)."""
    lines = [ACLED_HEAD + extra]
    kept, skipped = [], {}
    line = 2
    for row, why in ACLED_ROWS:
        lines.append(row + (",x,y,z" if extra and why is None else ""))
        if why is None:
            kept.append(int(row.split(",")[0][3:]))
        else:
            skipped[line] = why
        line += row.count("\n") + 1
    path = tmp_path / "acled.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, kept, skipped


def _features(result: Any) -> list[dict[str, Any]]:
    return [record_to_feature(r) for r in result.records]


def test_acled_bad_rows_are_reported_by_line_and_the_good_ones_kept(tmp_path: Path) -> None:
    path, kept, skipped = _acled_file(tmp_path)
    result = read_acled_csv(path)
    assert sorted(int(f["properties"]["source_id"][3:]) for f in _features(result)) == sorted(kept)
    assert [line for line, _ in result.skipped] == sorted(skipped)
    for line, reason in result.skipped:
        assert skipped[line] in reason, (line, reason)
        assert "\n" not in reason
    formula = next(f["properties"] for f in _features(result) if f["properties"]["source_id"] == "IRQ13")
    assert formula["event_type"].startswith("=HYPERLINK") and formula["actor1"] == "@SUM(A1)"  # stored as given


def test_acled_extra_columns_are_kept_and_never_override_the_event(tmp_path: Path) -> None:
    """Columns named like the event's own properties (kind, date, start) do not replace them."""
    path, kept, _ = _acled_file(tmp_path, extra=",kind,date,start")
    result = read_acled_csv(path)
    assert len(_features(result)) == len(kept)
    for f in _features(result):
        p = f["properties"]
        assert p["kind"] == "event" and p["start"] is None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", p["date"])
        assert (p["csv_kind"], p["csv_date"], p["csv_start"]) == ("x", "y", "z")


def test_cli_import_reports_each_file_and_line_and_keeps_the_good_ones(tmp_path: Path, capsys, db_url: str) -> None:
    acled, kept, skipped = _acled_file(tmp_path, extra=",kind,date,start")
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("id,when,lat,lon\n1,2016-01-01,36,43\n", encoding="utf-8")
    ucdp = tmp_path / "ucdp.csv"
    ucdp.write_text(
        "id,date_start,date_end,latitude,longitude,type_of_violence,side_a,best,low,where_prec,location\n"
        "1,2015-11-19,2015-11-19,34.93,43.49,1,Government of Iraq,12,10,2,kept as csv_location\n"
        "2,2015-11-20,2015-11-18,34.93,43.49,1,Government of Iraq,1,1,2,ends before it starts\n"
        "3,2015-11-20,2015-11-20,34.93,43.49,9,Government of Iraq,1,1,2,no such violence\n"
        "4,2015-11-20,2015-11-20,34.93,43.49,1,Government of Iraq,1,many,2,low not a number\n"
        "5,2015-11-20,2015-11-20,-91,43.49,1,Government of Iraq,1,1,2,out of range\n"
        "6,20/11/2015,2015-11-20,34.93,43.49,1,Government of Iraq,1,1,9,where_prec out of range\n",
        encoding="utf-8",
    )
    db = db_url
    rc = geodata_main(["--db", db, "import-acled", str(wrong), str(acled)])
    out, err = capsys.readouterr()
    assert rc == 1
    assert err.strip().count("\n") == 0 and str(wrong) in err and "missing column(s)" in err
    assert f"{acled}: ACLED, {len(kept)} event(s) added, {len(skipped)} row(s) skipped" in out
    for line in skipped:
        assert f"  line {line}: " in out
    rc = geodata_main(["--db", db, "import-ucdp", str(ucdp)])
    out, _ = capsys.readouterr()
    assert rc == 0 and "1 event(s) added, 5 row(s) skipped" in out
    assert [int(n) for n in re.findall(r"line (\d+):", out)] == [3, 4, 5, 6, 7]
    with Store.open(db) as store:
        events = [record_to_feature(r) for r in store.query(Filters(kinds=("event",)))]
    assert len(events) == len(kept) + 1
    assert {f["properties"]["kind"] for f in events} == {"event"}
    assert next(f for f in events if f["properties"]["source_id"] == "1")["properties"]["csv_location"] == (
        "kept as csv_location"
    )


def test_ucdp_fuzzed_wrong_file_types_are_one_sentence(tmp_path: Path) -> None:
    for name, data in (("a.csv", b""), ("b.csv", b"%PDF-1.4 x"), ("c.csv", "\ufeff\n\n".encode())):
        path = tmp_path / name
        path.write_bytes(data)
        for reader in (read_acled_csv, read_ucdp_csv):
            with pytest.raises(InputError) as exc:
                reader(path)
            assert str(exc.value).startswith(str(path)) and "\n" not in str(exc.value)


# --- (e) exports: formulas neutralised, JSON always valid ------------------------------------------------------------

FORMULAS = [
    "=1+1",
    "+1",
    "-1+1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "\n=1",
    "＝1",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example","x")',
]
CONTROL = "".join(map(chr, range(0x20))) + "\x7f\u2028\u2029\ufeff\u200f"


def _feature(i: int, text: str, **props: Any) -> Record:
    """An event record whose every text is `text` (made from the Feature of the contract it exports as)."""
    return feature_to_record(
        {
            "type": "Feature",
            "id": f"d-{i}",
            "geometry": {"type": "Point", "coordinates": [43.1 + i / 100, 36.3]},
            "properties": {
                "kind": "event",
                "doc": "d",
                "evidence": text,
                "start": 0,
                "end": 1,
                "lang": "en",
                "event_type": text,
                "actor1": text,
                "location": text,
                "date": "2016-10-17",
                "source": text,
                **props,
            },
        }
    )


def test_csv_export_neutralises_every_formula_cell(tmp_path: Path) -> None:
    features = [_feature(i, cell) for i, cell in enumerate(FORMULAS)]
    out = tmp_path / "e.csv"
    to_csv(features, out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(FORMULAS)
    for cell, row in zip(FORMULAS, rows, strict=True):
        for column in ("notes", "event_type", "actor1", "location", "source"):
            assert row[column] == "'" + cell, (column, row[column])
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r", "\n", "＝")), value
    assert rows[0]["latitude"] == "36.3"  # numbers stay numbers (a negative one too)


def test_imported_formula_cells_are_neutralised_by_the_cli_export(tmp_path: Path, capsys, db_url: str) -> None:
    acled, _, _ = _acled_file(tmp_path)
    assert geodata_main(["--db", db_url, "import-acled", str(acled)]) == 0
    out = tmp_path / "out.csv"
    assert geodata_main(["--db", db_url, "export", "-o", str(out)]) == 0
    capsys.readouterr()
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = {r["event_id_cnty"]: r for r in csv.DictReader(fh)}
    row = rows["IRQ13"]
    assert row["event_type"] == "'" + '=HYPERLINK("http://evil.example","x")'
    assert (row["actor1"], row["location"], row["notes"]) == ("'@SUM(A1)", "'+Mosul", "'-2+3 multi\nline\tnotes")
    assert rows["IRQ14"]["actor1"] == "'=cmd|' /C calc'!A0"
    assert rows["IRQ15"]["latitude"] == "-36.34"


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_geojson_with_control_characters_is_valid_and_round_trips(tmp_path: Path) -> None:
    texts = [CONTROL, f"title{CONTROL}end", "عنوان\x00\u2028الموصل\x1b[31m", "</script><script>alert(1)</script>"]
    features = [_feature(i, t, title=t, **{f"key{CONTROL}": t}) for i, t in enumerate(texts)]
    features.append(_feature(9, "lone \ud800 surrogate \udfff", title="\udbff", fatalities=float("nan")))
    out = tmp_path / "e.geojson"
    to_geojson(features, out)
    raw = out.read_bytes().decode("utf-8")  # strict UTF-8
    data = json.loads(raw)
    assert not re.search("[\x00-\x1f]", raw.replace("\n", ""))  # escaped, and newline only between features
    for f, text in zip(data["features"], texts, strict=False):
        p = f["properties"]
        assert p["evidence"] == p["title"] == p["actor1"] == p[f"key{CONTROL}"] == text
    last = data["features"][-1]["properties"]
    assert last["evidence"] == "lone \ufffd surrogate \ufffd" and last["title"] == "\ufffd"
    assert last["fatalities"] is None  # NaN is not JSON


def test_stored_control_characters_export_as_valid_geojson(tmp_path: Path, capsys, gaz: Gazetteer, db_url: str) -> None:
    article = tmp_path / "a.jsonl"
    text = "Clashes\x01 in Mosul\u2028 and \x1bRaqqa.\x7f \ud800 «title»"
    article.write_text(json.dumps({"id": "ctl\x02", "text": text, "title": f"t{CONTROL}"}) + "\n", encoding="utf-8")
    db = db_url
    assert geodata_main(["--db", db, "ingest", str(article), "--quiet"]) == 0
    out = tmp_path / "out.geojson"
    assert geodata_main(["--db", db, "export", "-o", str(out)]) == 0
    capsys.readouterr()
    data = json.loads(out.read_bytes().decode("utf-8"))
    places = [f for f in data["features"] if f["properties"]["kind"] == "place"]
    assert {f["properties"]["name"] for f in places} == {"Mosul", "Raqqa"}
    stored = text.replace("\ud800", "\ufffd")
    assert all(f["properties"]["evidence"] in stored for f in data["features"])
    with Store.open(db) as store:
        (doc,) = store.documents()
    # Every control character is kept but U+0000, which no PostgreSQL text can hold: U+FFFD on both backends.
    assert (doc.name, doc.title) == ("ctl\x02", f"t{CONTROL}".replace("\x00", "\ufffd"))


# --- (f) exports into a folder -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["out.csv", "out.geojson", "out.gpkg"])
def test_export_into_a_folder_is_refused_with_one_sentence(tmp_path: Path, capsys, name: str) -> None:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "keep.txt").write_text("untouched")
    db = tmp_path / "s.sqlite"
    Store.open(db).close()
    rc = geodata_main(["--db", str(db), "export", "-o", str(folder)])
    out, err = capsys.readouterr()
    assert rc == 1 and out == ""
    assert err.count("\n") == 1 and str(folder) in err and "is a folder" in err and "give the file" in err
    with pytest.raises(InputError, match="is a folder"):
        export([_feature(0, "x")], folder)
    assert sorted(p.name for p in folder.iterdir()) == ["keep.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "s.sqlite", *_sqlite_sidecars(tmp_path)])


def _sqlite_sidecars(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith("s.sqlite-")]


def test_export_under_a_file_is_refused_with_one_sentence(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("a file, not a folder")
    with pytest.raises(InputError) as exc:
        export([_feature(0, "x")], blocker / "out.csv")
    assert str(blocker) in str(exc.value) and "\n" not in str(exc.value)
    assert blocker.read_text() == "a file, not a folder"
