"""extract/batch.py: cutting a batch into partitions, and what a worker does with one, run here in
this process (tests/extract/test_cluster.py runs them on a real Dask scheduler and workers).

Contracts: the partitions cover every line of every input once, in order, at most N of them and
none bigger than its share; a partition's GeoParquet file holds exactly the features a
single-process run gives for its lines; bad lines come back as problems naming the file (as the
user gave it) and the line; the gazetteer is loaded once per worker process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract import batch
from extract.batch import Partition, Piece, Sizes, extract_for_store, extract_to_parquet, measure, plan
from extract.inputs import RawArticle, read_jsonl
from extract.pipeline import try_extract
from extract.records import extraction_features, extraction_records
from extract.types import Extraction
from geodata.errors import Problem
from geodata.gazetteer import Gazetteer
from tests.geodata.formats.parquet_rows import as_rows, parquet_features

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def write_shard(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def seed_lines(first: int = 0, n: int = 3) -> list[str]:
    return [
        json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")}, ensure_ascii=False)
        for p in SEEDS[first : first + n]
    ]


BAD = ["{not json", '{"id": "no-text"}', '{"id": "d", "text": "Mosul.", "date": "someday"}']


def single_process(path: Path, gaz: Gazetteer) -> list[dict]:
    """What `python -m extract --jsonl FILE` gives for the file's good lines."""
    out = []
    for item in read_jsonl(str(path)):
        ex = item if isinstance(item, Problem) else try_extract(item, gaz=gaz)
        if isinstance(ex, Extraction):
            out.extend(extraction_features(ex))
    return out


def covered(parts: list[Partition]) -> list[tuple[str, int]]:
    """Every (file, line) the partitions read, in order; article files as line 0."""
    return [
        (piece.name, line)
        for part in parts
        for piece in part.pieces
        for line in (range(piece.lines[0], piece.lines[1] + 1) if piece.lines else [0])
    ]


@given(
    sizes=st.lists(st.one_of(st.none(), st.integers(0, 40)), max_size=8),
    n=st.integers(1, 12),
)
def test_partitions_cover_every_line_once_in_order(sizes: list[int | None], n: int) -> None:
    inputs = tuple((f"f{i}", f"/abs/f{i}", size) for i, size in enumerate(sizes))
    s = Sizes(inputs, ())
    parts = plan(s, n)
    want = [(name, line) for name, _, size in inputs for line in (range(1, size + 1) if size is not None else [0])]
    assert covered(parts) == want
    assert len(parts) <= n
    chunk = -(-s.total // n) if s.total else 1
    assert all(0 < p.size <= chunk for p in parts)
    assert [p.index for p in parts] == list(range(len(parts)))
    assert all(p.size == sum(pc.lines[1] - pc.lines[0] + 1 if pc.lines else 1 for pc in p.pieces) for p in parts)


def test_a_big_file_is_cut_and_small_files_share(tmp_path: Path) -> None:
    big = write_shard(tmp_path / "big.jsonl", ["{}"] * 10)
    small = [write_shard(tmp_path / f"s{i}.jsonl", ["{}"]) for i in range(3)]
    article = tmp_path / "a.txt"
    article.write_text("Mosul.", encoding="utf-8")
    sizes = measure([big, *small, article, tmp_path / "missing.jsonl"])
    assert sizes.total == 14 and [p.reason for p in sizes.problems] == ["no such file or folder."]
    parts = plan(sizes, 4)
    assert [p.label for p in parts] == [
        f"{big}:1-4",
        f"{big}:5-8",
        f"{big}:9-10, {small[0]}:1-1, {small[1]}:1-1",
        f"{small[2]}:1-1, {article}",
    ]
    assert parts[0].file_name(4) == "part-00000.parquet" and parts[3].file_name(123456) == "part-000003.parquet"


def test_with_jsonl_every_file_is_json_lines_and_stdin_is_refused(tmp_path: Path) -> None:
    shard = write_shard(tmp_path / "feed.txt", ["{}", "", "{}"])
    sizes = measure([shard, "-"], jsonl=True)
    assert sizes.inputs == ((str(shard), str(shard.resolve()), 3),)
    assert "standard input cannot be cut" in sizes.problems[0].reason


def test_a_partition_file_holds_what_one_process_extracts(tmp_path: Path, gaz: Gazetteer, monkeypatch) -> None:
    shard = write_shard(tmp_path / "a.jsonl", [*seed_lines(0, 2), BAD[0], *seed_lines(2, 2), BAD[1], BAD[2]])
    monkeypatch.chdir(tmp_path)
    parts = plan(measure(["a.jsonl"], jsonl=True), 2)
    assert [p.label for p in parts] == ["a.jsonl:1-4", "a.jsonl:5-7"]
    reports = [extract_to_parquet(p, str(tmp_path / "out"), len(parts)) for p in parts]
    assert [(r.articles, r.output) for r in reports] == [
        (3, str(tmp_path / "out" / "part-00000.parquet")),
        (1, str(tmp_path / "out" / "part-00001.parquet")),
    ]
    assert [(p.source, p.line) for r in reports for p in r.problems] == [("a.jsonl", 3), ("a.jsonl", 6), ("a.jsonl", 7)]
    assert "not valid JSON" in reports[0].problems[0].reason
    rows = parquet_features(tmp_path / "out")
    assert rows == as_rows(single_process(shard, gaz))
    assert sum(r.features for r in reports) == len(rows) > 20


def test_a_partition_for_the_store_gives_each_documents_rows(tmp_path: Path, gaz: Gazetteer) -> None:
    shard = write_shard(tmp_path / "a.jsonl", [*seed_lines(0, 2), BAD[0]])
    (part,) = plan(measure([shard]), 1)
    report, results = extract_for_store(part)
    assert (report.articles, len(report.problems), report.output) == (2, 1, "")
    (raw, new, placed), (raw2, new2, _), problem = results
    text = SEEDS[0].read_text(encoding="utf-8")
    assert raw.text == "" and new.doc_row["text"] == text and placed  # the text goes back once, in the rows
    # the rows the store would have made of the records, made on the worker
    ex = try_extract(RawArticle(SEEDS[0].stem, text), gaz=gaz)
    assert isinstance(ex, Extraction)
    records = extraction_records(ex)
    assert {kind: len(rows) for kind, rows in new.rows.items()} == {
        kind: sum(r.kind == kind for r in records) for kind in new.rows
    }
    assert report.features == len(records) + sum(len(rows) for rows in new2.rows.values())
    assert (raw.label, raw2.label) == (f"{shard}#{SEEDS[0].stem}", f"{shard}#{SEEDS[1].stem}")
    assert (problem.source, problem.line) == (str(shard), 3)


def test_an_unwritable_partition_file_fails_that_partition(tmp_path: Path, gaz: Gazetteer) -> None:
    shard = write_shard(tmp_path / "a.jsonl", seed_lines(0, 1))
    (tmp_path / "file").write_text("")
    (part,) = plan(measure([shard]), 1)
    with pytest.raises(OSError):
        extract_to_parquet(part, str(tmp_path / "file"), 1)


def test_the_gazetteer_is_loaded_once_per_process(gaz: Gazetteer, monkeypatch) -> None:
    monkeypatch.setattr(batch, "_LAST", None)
    first, load = batch.worker_gazetteer()
    again, reload = batch.worker_gazetteer()
    assert first is again is gaz
    assert load > 0 and reload == 0.0
    assert batch.warm_up() == (gaz.fingerprint, 0.0)


def test_pieces_name_the_file_as_given(tmp_path: Path) -> None:
    write_shard(tmp_path / "a.jsonl", ["{bad"])
    piece = Piece("shards/a.jsonl", str(tmp_path / "a.jsonl"), (1, 1))
    (problem,) = piece.read()
    assert (problem.source, problem.line) == ("shards/a.jsonl", 1)
