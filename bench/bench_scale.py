"""Scale benchmark: 100,000 short synthetic articles through one and two Dask workers, and into both stores.

    .venv/bin/python bench/bench_scale.py [--articles 100000] [--shards 8] [--pg URL | --no-pg]

The corpus: the seeds' sentences (both languages) joined into articles of
about 200 characters, a run of consecutive sentences of one seed each, with
the numbers changed as `_corpus.py` does, so that every article is a
different text (the store keys documents by their text). It is written as
JSON Lines shards in a temporary folder and built the same way on every run.

1. Extraction on a LocalCluster of one, then two single-threaded workers, each
   warmed first as the engine does it (the gazetteer loaded: the targets count
   "after the gazetteer is loaded"), from submission to the last GeoParquet
   partition written: articles/s, the scaling ratio, the peak resident memory
   of each worker (its ru_maxrss).
2. Ingest as `python -m geodata ingest --engine dask` does it (two workers
   extract, this process stores) into a fresh SQLite file and into PostGIS
   (`--pg URL`, env KHAREETA_BENCH_PG, else a throwaway server as the tests
   start theirs, else skipped with the reason): articles/s end to end, and the
   size of the database per article.
3. On paper, from the measured rates: what one million articles a day needs.

Targets (issue 12): >= 1,000 short articles/s in one process (here: one
worker), >= 1,800/s with two workers, two workers >= 1.7x one, ingest >= 500
articles/s into each store. Figures are printed beside them; nothing is
asserted, the exit status is always 0.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _corpus import _NUMBER, _new_number  # noqa: E402
from bench_places import build_note  # noqa: E402
from bench_store import postgis_backend  # noqa: E402

from extract.batch import extract_to_parquet, measure, plan  # noqa: E402
from extract.cluster import dask_client, run_partitions, warm_up_workers  # noqa: E402
from extract.cluster_ingest import ingest_on_cluster  # noqa: E402
from extract.document import make_document  # noqa: E402
from extract.sentences import sentence_spans  # noqa: E402
from geodata.store import Store  # noqa: E402

ONE_WORKER_TARGET = 1000.0
TWO_WORKERS_TARGET = 1800.0
SCALING_TARGET = 1.7
INGEST_TARGET = 500.0
ARTICLE_CHARS = 160  # sentences are added until an article has at least this many characters (~200 on average)
A_DAY = 1_000_000
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Seed:
    sentences: tuple[str, ...]
    date: str


def seeds() -> list[Seed]:
    """Every seed article's body sentences and its date."""
    out = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        doc = make_document(path.read_text(encoding="utf-8"), doc_id=path.stem)
        body = [doc.text[s.start : s.end] for s in sentence_spans(doc.text) if s.start >= doc.body_start]
        sentences = tuple(t for t in (_SPACES.sub(" ", b).strip() for b in body) if t)
        if sentences and doc.published:
            out.append(Seed(sentences, doc.published.isoformat()))
    return out


def synthetic(n: int, pool: list[Seed]) -> list[dict[str, str]]:
    """`n` different short articles (JSON Lines rows): consecutive sentences of a seed, numbers changed."""
    rng = random.Random(12)
    seen: set[str] = set()
    out: list[dict[str, str]] = []
    while len(out) < n:
        seed = rng.choice(pool)
        i = rng.randrange(len(seed.sentences))
        text = ""
        while i < len(seed.sentences) and len(text) < ARTICLE_CHARS:
            text = f"{text} {seed.sentences[i]}".strip()
            i += 1
        text = _NUMBER.sub(lambda m: _new_number(m, rng), text)
        if text not in seen:
            seen.add(text)
            out.append({"id": f"s{len(out):06d}", "text": text, "date": seed.date})
    return out


def write_shards(rows: list[dict[str, str]], folder: Path, shards: int) -> list[Path]:
    paths = [folder / f"shard-{k:02d}.jsonl" for k in range(shards)]
    per = -(-len(rows) // shards)
    for k, path in enumerate(paths):
        with path.open("w", encoding="utf-8") as fh:
            for row in rows[k * per : (k + 1) * per]:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return paths


def _peak_rss_mb() -> float:
    """On a worker: the most resident memory its process has held, in MB (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _verdict(value: float, target: float) -> str:
    return "ok" if value >= target else "** BELOW TARGET **"


def extraction(paths: list[Path], workers: int, out_dir: Path, partitions: int) -> tuple[float, list[float]]:
    """Articles/s of the Dask engine on `workers` local workers, and each worker's peak memory (MB)."""
    sizes = measure(paths, jsonl=True)
    parts = plan(sizes, partitions)
    with dask_client(None, workers=workers) as client:
        warm_up_workers(client, lambda line: print(f"  {line}", flush=True))
        t0 = time.perf_counter()
        articles = failed = 0
        for _part, report in run_partitions(client, extract_to_parquet, parts, out_dir=str(out_dir), total=len(parts)):
            if isinstance(report, BaseException):
                print(f"  partition failed: {report}")
                failed += 1
            else:
                articles += report.articles
        seconds = time.perf_counter() - t0
        memory = sorted(client.run(_peak_rss_mb).values())
    if failed:
        print(f"  WARNING: {failed} partition(s) failed: the rate is not meaningful")
    return articles / seconds, memory


def ingest(paths: list[Path], url: str, workers: int) -> tuple[float, int]:
    """Articles/s of `geodata ingest --engine dask` into the store at `url`, and how many were added."""
    with Store.open(url) as store:
        report = ingest_on_cluster(paths, store, workers=workers, log=lambda _line: None)
    if report.failed:
        print(f"  WARNING: {len(report.failed)} article(s) failed, first: {report.failed[0]}")
    added = len(report.added)
    return added / report.seconds, added


def _pg_size(url: str) -> int:
    """Bytes of the PostgreSQL database behind the store at `url` (through the store's own engine)."""
    import sqlalchemy as sa

    with Store.open(url) as store, store.engine.connect() as conn:
        return int(conn.execute(sa.text("SELECT pg_database_size(current_database())")).scalar_one())


def on_paper(per_worker: float, bytes_per_article: float) -> None:
    """What one million articles a day needs, from the measured per-worker rate and database size."""
    mean = A_DAY / 86_400
    print(f"\none million articles a day = {mean:.1f} articles/s on average")
    for label, factor in (("on average", 1), ("a day's news in 6 hours", 4), ("a backlog of a day in 1 hour", 24)):
        workers = -(-mean * factor // per_worker)
        print(f"  {label:<30} {mean * factor:8.0f}/s: {workers:.0f} worker(s) at {per_worker:,.0f}/s each")
    gb = bytes_per_article * A_DAY / 1e9
    kb = bytes_per_article / 1000
    print(f"  database: {kb:.1f} kB per short article -> {gb:.1f} GB a day, {gb * 365 / 1000:.1f} TB a year")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--shards", type=int, default=8)
    ap.add_argument("--partitions", type=int, default=16)
    ap.add_argument("--pg", default=os.environ.get("KHAREETA_BENCH_PG"), help="a PostGIS database it may empty")
    ap.add_argument("--no-pg", action="store_true", help="SQLite only")
    args = ap.parse_args()
    rows = synthetic(args.articles, seeds())
    chars = sum(len(r["text"]) for r in rows) / len(rows)
    print(f"{len(rows):,} different short articles from the seeds' sentences, {chars:.0f} characters on average")
    print(build_note())
    with tempfile.TemporaryDirectory(prefix="khareeta-scale-") as tmp:
        paths = write_shards(rows, Path(tmp), args.shards)
        rates: dict[int, float] = {}
        for workers in (1, 2):
            print(f"extraction on {workers} worker(s):", flush=True)
            rates[workers], memory = extraction(paths, workers, Path(tmp) / f"out{workers}", args.partitions)
            rate, target = rates[workers], ONE_WORKER_TARGET if workers == 1 else TWO_WORKERS_TARGET
            print(f"  {rate:8,.0f} articles/s   (target >= {target:,.0f}/s: {_verdict(rate, target)})")
            print("  peak memory per worker: " + ", ".join(f"{m:,.0f} MB" for m in memory))
        ratio = rates[2] / rates[1]
        verdict = _verdict(ratio, SCALING_TARGET)
        print(f"scaling: two workers {ratio:.2f}x one   (target >= {SCALING_TARGET}x: {verdict})")
        sizes = _ingest_all(paths, Path(tmp), args)
    on_paper(rates[2] / 2, max(sizes.values(), default=0.0))
    return 0


def _ingest_all(paths: list[Path], tmp: Path, args: Any) -> dict[str, float]:
    """Ingest into SQLite and PostGIS; the database's bytes per article, per store."""
    sizes: dict[str, float] = {}
    with postgis_backend(args.pg, skip=args.no_pg) as (new_pg, where):
        print(f"PostGIS: {where}")
        stores = {"SQLite": f"sqlite:///{tmp / 'scale.sqlite'}"}
        if new_pg is not None:
            stores["PostGIS"] = new_pg("scale")
        for name, url in stores.items():
            print(f"ingest into {name}, two workers extracting:", flush=True)
            rate, added = ingest(paths, url, 2)
            print(f"  {rate:8,.0f} articles/s   (target >= {INGEST_TARGET:,.0f}/s: {_verdict(rate, INGEST_TARGET)})")
            size = (tmp / "scale.sqlite").stat().st_size if name == "SQLite" else _pg_size(url)
            sizes[name] = size / max(added, 1)
            print(f"  {added:,} articles stored, {size / 1e6:,.0f} MB: {sizes[name] / 1000:.1f} kB per article")
    return sizes


if __name__ == "__main__":
    sys.exit(main())
