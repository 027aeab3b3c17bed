"""Ingest: folders, files and JSON Lines; idempotent; one bad article never
stops the batch; a crash inside one document leaves nothing of it."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from extract.ingest import IngestReport, ProgressBar, ingest_paths
from extract.inputs import expand_paths
from geodata.cli import main
from geodata.gazetteer import Gazetteer
from geodata.store import Store, document_id
from geodata.store import database as store_mod

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
N_SEEDS = len(list(SEEDS.glob("*.txt")))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path / "k.sqlite") as s:
        yield s


def test_seeds_ingest_once_and_again_unchanged(store: Store, gaz: Gazetteer) -> None:
    first = ingest_paths([SEEDS], store, gaz=gaz)
    assert (len(first.added), len(first.unchanged), first.failed) == (N_SEEDS, 0, ())
    counts = store.stats().features
    again = ingest_paths([SEEDS], store, gaz=gaz)
    assert (len(again.added), len(again.unchanged), again.failed) == (0, N_SEEDS, ())
    assert store.stats().documents == N_SEEDS and store.stats().features == counts
    assert counts["place"] > 100


def test_same_article_twice_in_one_batch_is_stored_once(store: Store, gaz: Gazetteer, tmp_path: Path) -> None:
    seed = SEEDS / "mosul-2015-11-19-ar.txt"
    copy = tmp_path / "copy.txt"
    copy.write_bytes(seed.read_bytes().replace(b"\n", b"\r\n"))  # same article, Windows line ends
    report = ingest_paths([seed, copy], store, gaz=gaz)
    assert (report.added, report.unchanged) == ((str(seed),), (str(copy),))
    assert store.stats().documents == 1


def test_bad_files_are_reported_and_the_others_ingested(store: Store, gaz: Gazetteer, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SEEDS / "mosul-2015-11-19-ar.txt", folder / "a.txt")
    shutil.copy(SEEDS / "sinjar-2014-08-10-en.txt", folder / "sub" / "b.txt")
    (folder / "report.txt").write_bytes(b"%PDF-1.4 binary")
    (folder / "empty.txt").write_text("  \n")
    (folder / "notes.csv").write_text("ignored, not an article type")
    (folder / ".hidden.txt").write_text("hidden files are skipped")
    lines = [
        json.dumps({"id": "j1", "text": "Clashes in Mosul and Raqqa.", "date": "2016-10-17"}),
        "{not json",
        json.dumps({"id": "j2"}),
        json.dumps({"id": "j3", "text": "Airstrikes hit Ramadi."}),
    ]
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    report = ingest_paths([folder, tmp_path / "missing.txt"], store, gaz=gaz)

    assert sorted(report.added) == sorted(
        [
            str(folder / "a.txt"),
            str(folder / "sub" / "b.txt"),
            f"{folder / 'batch.jsonl'}#j1",
            f"{folder / 'batch.jsonl'}#j3",
        ]
    )
    failed = {p.where(): p.reason for p in report.failed}
    assert set(failed) == {
        str(folder / "report.txt"),
        str(folder / "empty.txt"),
        f"{folder / 'batch.jsonl'}:2",
        f"{folder / 'batch.jsonl'}:3",
        str(tmp_path / "missing.txt"),
    }
    assert "PDF" in failed[str(folder / "report.txt")]
    assert "empty" in failed[str(folder / "empty.txt")]
    assert "not valid JSON" in failed[f"{folder / 'batch.jsonl'}:2"]
    assert "no such file" in failed[str(tmp_path / "missing.txt")]
    assert store.stats().documents == 4
    summary = report.summary()
    assert summary.startswith("ingested 9 article(s)") and "4 added, 0 unchanged, 5 failed" in summary
    dated = {d.name: d.date for d in store.documents()}
    assert dated["j1"] == "2016-10-17"


def test_a_crash_inside_one_document_leaves_nothing_of_it(
    store: Store, gaz: Gazetteer, monkeypatch, tmp_path: Path
) -> None:
    victim = SEEDS / "mosul-2015-11-19-ar.txt"
    victim_id = document_id(victim.read_text(encoding="utf-8"))
    real = store_mod._insert_kind
    calls: list[str] = []

    def crash_after_first_rows(conn, kind, rows):
        real(conn, kind, rows)  # the document row and these rows are in the transaction...
        if any(row["doc_id"] == victim_id for row in rows):
            calls.append(kind)
            raise RuntimeError("power cut")  # ...when it dies

    monkeypatch.setattr(store_mod, "_insert_kind", crash_after_first_rows)
    report = ingest_paths([SEEDS], store, gaz=gaz)
    assert calls == ["place", "place"]  # in the whole batch's rows, then in its own (each document alone)
    assert [p.source for p in report.failed] == [str(victim)]
    assert "power cut" in report.failed[0].reason
    assert len(report.added) == N_SEEDS - 1
    assert victim_id not in {d.doc_id for d in store.documents()}
    assert all(r.doc != victim_id for r in store.query())


def test_progress_is_called_for_every_article(store: Store, gaz: Gazetteer) -> None:
    seen: list[tuple[int, int]] = []
    ingest_paths([SEEDS], store, gaz=gaz, progress=lambda done, total, name: seen.append((done, total)))
    assert seen == [(i, N_SEEDS) for i in range(1, N_SEEDS + 1)]


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_only_on_a_terminal() -> None:
    quiet = io.StringIO()
    bar = ProgressBar(stream=quiet)
    bar(1, 2, "a.txt")
    bar.close()
    assert quiet.getvalue() == ""
    tty = _Tty()
    bar = ProgressBar(stream=tty)
    bar(2, 2, "seeds/a.txt")
    bar.close()
    assert tty.getvalue().startswith("\ringest [") and "2/2" in tty.getvalue() and tty.getvalue().endswith("\n")


def test_expand_paths_walks_folders_in_order(tmp_path: Path) -> None:
    for name in ("b.txt", "a.html", "c.htm", "d.jsonl", "e.pdf", ".x.txt"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in expand_paths([tmp_path])] == ["a.html", "b.txt", "c.htm", "d.jsonl"]


def test_empty_report_summary() -> None:
    assert IngestReport().summary().startswith("ingested 0 article(s)")


def test_cli_ingest_then_stats(tmp_path: Path, capsys, gaz: Gazetteer) -> None:
    db = str(tmp_path / "k.sqlite")
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG....")
    assert main(["--db", db, "ingest", "--quiet", str(SEEDS / "mosul-2015-11-19-ar.txt")]) == 0
    assert "1 added, 0 unchanged, 0 failed" in capsys.readouterr().out
    assert main(["--db", db, "ingest", str(SEEDS / "mosul-2015-11-19-ar.txt"), str(tmp_path / "bad.txt")]) == 1
    out = capsys.readouterr().out
    assert "0 added, 1 unchanged, 1 failed" in out and "PNG image" in out
    assert main(["--db", db, "stats", "--documents"]) == 0
    out = capsys.readouterr().out
    assert "documents: 1" in out and "mosul-2015-11-19-ar.txt" in out


def test_cli_uses_khareeta_db_env(tmp_path: Path, monkeypatch, capsys, gaz: Gazetteer) -> None:
    monkeypatch.setenv("KHAREETA_DB", str(tmp_path / "env.sqlite"))
    assert main(["ingest", "--quiet", str(SEEDS / "sinjar-2014-08-10-en.txt")]) == 0
    assert (tmp_path / "env.sqlite").exists()
    assert main(["delete", "sinjar-2014-08-10-en.txt"]) == 0
    assert main(["delete", "sinjar-2014-08-10-en.txt"]) == 1
    assert "no stored document" in capsys.readouterr().err


def test_worker_processes_give_the_same_store(tmp_path: Path, gaz: Gazetteer) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    (folder / "zz-bad.txt").write_bytes(b"%PDF-1.4")
    with Store.open(tmp_path / "serial.sqlite") as serial, Store.open(tmp_path / "jobs.sqlite") as parallel:
        one = ingest_paths([folder], serial, gaz=gaz, jobs=1)
        two = ingest_paths([folder], parallel, gaz=gaz, jobs=2)
        assert (one.added, one.failed) == (two.added, two.failed)
        assert len(two.failed) == 1 and "PDF" in two.failed[0].reason
        assert serial.query() == parallel.query()


def test_a_failure_keeps_its_record_id_and_line_as_fields(store: Store, gaz: Gazetteer, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "ok", "text": "Clashes in Mosul."})
        + "\n"
        + json.dumps({"id": "late", "text": "Clashes in Raqqa.", "date": "the day before"})
        + "\n",
        encoding="utf-8",
    )
    [problem] = ingest_paths([feed], store, gaz=gaz).failed
    assert (problem.source, problem.line, problem.item) == (str(feed), 2, "late")
    assert problem.reason.startswith('the "date" field') and str(problem).startswith(f"{feed}:2 (id late): ")
