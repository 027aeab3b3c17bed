"""Store benchmark: ingest rate on the seeds corpus into SQLite and PostGIS, export time of 100,000 events.

    .venv/bin/python bench/bench_store.py [--articles 1000] [--events 100000] [--pg URL | --no-pg]

Ingest: seeds/*.txt replicated with small variations into ~1000 distinct
articles, ingested (read, extract, store) into a fresh SQLite file after the
gazetteer is loaded: serially, then with one extraction process per core, then
split into extraction alone and storing alone. The same into PostgreSQL +
PostGIS: the store at `--pg URL` (or env KHAREETA_BENCH_PG: a database with
PostGIS that the benchmark may empty), else a throwaway server started here as
the tests start theirs (tests/pg_server.py, with PostgreSQL's durable default
settings), else skipped with the reason. Export: 100,000 synthetic events
stored as one document, then queried and written as GeoJSON (and, for
reference, CSV and GeoPackage). Figures are printed beside the targets;
nothing is asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.ingest import BATCH_SIZE, auto_jobs, ingest_paths  # noqa: E402
from extract.inputs import read_file  # noqa: E402
from extract.pipeline import extract_article  # noqa: E402
from extract.records import extraction_records  # noqa: E402
from geodata import gazetteer  # noqa: E402
from geodata.formats.acled_csv import to_csv  # noqa: E402
from geodata.formats.geojson import to_geojson  # noqa: E402
from geodata.formats.gpkg import to_gpkg  # noqa: E402
from geodata.records import ActorRef, DocumentRecord, EventRecord, PlaceRef, Span, dated, feature_id  # noqa: E402
from geodata.store import Store  # noqa: E402
from tests import pg_server  # noqa: E402

INGEST_TARGET = 500.0  # articles/s after the gazetteer is loaded, into SQLite and into PostGIS (issue 12)
GEOJSON_TARGET = 5.0  # seconds for 100,000 events
EVENT_TYPES = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Violence against civilians", "Attack"),
    ("Strategic developments", "Other"),
]
ACTORS = ["ISIS", "Iraqi army", "SDF (Syrian Democratic Forces)", "Kurdish forces", "International coalition", ""]


def make_corpus(folder: Path, n: int) -> int:
    """`n` distinct articles: the seeds in turn, each with a numbered closing line."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for i in range(n):
        seed = seeds[i % len(seeds)]
        text = seed.read_text(encoding="utf-8").rstrip("\n")
        tail = f"\n\nتحديث رقم {i}." if seed.stem.endswith("-ar") else f"\n\nUpdated, version {i}."
        (folder / f"{i:05d}-{seed.name}").write_text(text + tail, encoding="utf-8")
    return n


NewStore = Callable[[str], str]  # a name -> the URL or path of an empty store


def bench_ingest(n: int, tmp: Path, backends: dict[str, NewStore]) -> None:
    corpus = tmp / "corpus"
    corpus.mkdir()
    make_corpus(corpus, n)
    t0 = time.perf_counter()
    gaz = gazetteer.get()
    print(f"gazetteer load            {time.perf_counter() - t0:8.2f} s")
    for backend, new_store in backends.items():
        for jobs in sorted({1, auto_jobs(n)}):
            with Store.open(new_store(f"ingest_{jobs}")) as store:
                report = ingest_paths([corpus], store, gaz=gaz, jobs=jobs)
                stats = store.stats()
            _print_ingest(f"{backend}: ingest {report.total:,}, {jobs} job{'s' if jobs > 1 else ''}", report, stats)
    _ingest_breakdown(sorted(corpus.glob("*.txt")), gaz, backends)


def _verdict(rate: float) -> str:
    return f"(target >= {INGEST_TARGET:.0f}/s: {'ok' if rate >= INGEST_TARGET else 'MISSED'})"


def _print_ingest(label: str, report: Any, stats: Any) -> None:
    rate = report.total / report.seconds
    if report.failed:  # a failed article costs less than a stored one: the rate would flatter
        print(f"WARNING: {len(report.failed)} of {report.total} articles failed; the rate is not meaningful")
    print(f"{label:<34}{report.seconds:8.2f} s  = {rate:7.0f} articles/s   {_verdict(rate)}")
    kept = ", ".join(f"{v:,} {k}s" for k, v in stats.features.items())
    print(f"  {len(report.added)} added, {len(report.failed)} failed; stored {kept}")
    if report.failed:
        print(f"  first failure: {report.failed[0]}")


def _ingest_breakdown(files: list[Path], gaz: object, backends: dict[str, NewStore]) -> None:
    """Where ingest time goes: reading + extraction (extract/) versus storing (geodata/store/), per backend."""
    t0 = time.perf_counter()
    done = [(ex.doc.record(), extraction_records(ex)) for ex in (extract_article(read_file(p), gaz=gaz) for p in files)]
    t_extract = time.perf_counter() - t0
    n = len(files)
    per_doc = sum(len(f) for _, f in done) / n
    print(f"of which read + extract           {t_extract:8.2f} s  = {n / t_extract:7.0f} articles/s")
    for backend, new_store in backends.items():
        server_cpu = getattr(new_store, "server_cpu", lambda: 0.0)
        with Store.open(new_store("breakdown")) as store:
            t0, c0, s0 = time.perf_counter(), time.process_time(), server_cpu()
            outcomes = []
            for i in range(0, len(done), BATCH_SIZE):  # as ingest stores them: a commit per batch
                outcomes += store.add_documents(done[i : i + BATCH_SIZE])
            t_store, cpu = time.perf_counter() - t0, time.process_time() - c0 + server_cpu() - s0
        if outcomes.count("added") != n:  # a refused document costs less than a stored one: it would flatter
            print(f"WARNING: {n - outcomes.count('added')} of {n} documents not added: the rate is not meaningful")
        print(
            f"of which store, {backend:<17}{t_store:8.2f} s  = {n / t_store:7.0f} articles/s   "
            f"{_verdict(n / t_store)} ({per_doc:.0f} features per article)"
        )
        print(  # a busy machine slows the wall clock; the CPU the work took does not change
            f"  CPU {1000 * cpu / n:.2f} ms per article ({'this process and the server' if s0 else 'this process'}): "
            f"{n / cpu:.0f} articles/s on a core of its own   {_verdict(n / cpu)}"
        )


def _emptied(url: str) -> str:
    """The store at `url`, every document of it deleted (a given PostGIS database is used run after run)."""
    with Store.open(url) as store:
        for doc in store.documents():
            store.delete_document(doc.doc_id)
    return url


class _ServerDatabases:
    """New databases of a throwaway server, and the CPU time its processes used (the server's share of storing)."""

    def __init__(self, server: pg_server.PgServer) -> None:
        self.server = server

    def __call__(self, name: str) -> str:
        return self.server.new_database(name)

    def server_cpu(self) -> float:
        return self.server.cpu_seconds()


@contextlib.contextmanager
def postgis_backend(given: str | None, *, skip: bool) -> Iterator[tuple[NewStore | None, str]]:
    """(maker of empty PostGIS stores, where they are), or (None, why there is none)."""
    if skip:
        yield None, "skipped (--no-pg)"
    elif given:
        yield (lambda _name: _emptied(given)), "the given database (emptied before each run)"
    elif why := pg_server.problem():
        yield None, f"skipped: {why}"
    else:
        with pg_server.running(durable=True) as server:
            where = f"a throwaway server on 127.0.0.1:{server.port} (PostgreSQL's durable default settings)"
            yield _ServerDatabases(server), where


def _actor(name: str, at: int) -> ActorRef | None:
    return ActorRef(name, name.lower()[:8], "Family", Span(at, at + 4)) if name else None


def synthetic_events(n: int, seed: int = 7) -> list[EventRecord]:
    rng = random.Random(seed)
    day0 = date(2014, 1, 1)
    out = []
    for i in range(n):
        etype, sub = EVENT_TYPES[i % len(EVENT_TYPES)]
        when = day0 + timedelta(days=rng.randrange(0, 3650))
        lon, lat = rng.uniform(36.0, 48.0), rng.uniform(29.5, 37.3)
        place = PlaceRef(
            f"Town {i % 5000}",
            lat,
            lon,
            gazetteer_id=f"g:{i % 5000}",
            name_ar="بلدة",
            country_code="IQ" if lon > 41 else "SY",
            feature_type="town",
            span=Span(i * 10 + 5, i * 10 + 9),
        )
        out.append(
            EventRecord(
                feature_id=feature_id("synthetic", "event", i),
                doc="synthetic",
                lang="ar",
                evidence=f"قصف طيران التحالف مواقع في البلدة رقم {i}; coalition strikes near town {i}.",
                evidence_span=Span(i * 10, i * 10 + 9),
                span=Span(i * 10, i * 10 + 3),
                event_type=etype,
                sub_event_type=sub,
                place=place,
                geo_precision=1 + i % 3,
                actor1=_actor(rng.choice(ACTORS), i * 10),
                actor2=_actor(rng.choice(ACTORS), i * 10 + 4),
                date=dated(when),
                fatalities=rng.choice([None, 0, 1, 3, 12]),
            )
        )
    return out


def bench_export(n: int, tmp: Path) -> None:
    features = synthetic_events(n)
    doc = DocumentRecord(name="synthetic", text=f"synthetic benchmark corpus of {n} events", lang="ar")
    with Store.open(tmp / "export.sqlite") as store:
        t0 = time.perf_counter()
        store.add_document(doc, features)
        t_store = time.perf_counter() - t0
        t0 = time.perf_counter()
        queried = store.query()
        t_query = time.perf_counter() - t0
    t0 = time.perf_counter()
    to_geojson(queried, tmp / "events.geojson")
    t_geojson = time.perf_counter() - t0
    total = t_query + t_geojson
    size = (tmp / "events.geojson").stat().st_size / 1e6
    print(f"store {n:,} events          {t_store:8.2f} s")
    print(f"query {len(queried):,} events          {t_query:8.2f} s")
    print(f"write GeoJSON ({size:.0f} MB)      {t_geojson:8.2f} s")
    print(
        f"export GeoJSON (query+write) {total:6.2f} s   (target <= {GEOJSON_TARGET:.0f} s: "
        f"{'ok' if total <= GEOJSON_TARGET else 'MISSED'})"
    )
    for name, writer, suffix in (("CSV", to_csv, "csv"), ("GeoPackage", to_gpkg, "gpkg")):
        t0 = time.perf_counter()
        writer(queried, tmp / f"events.{suffix}")
        print(f"write {name:<22} {time.perf_counter() - t0:8.2f} s   (no target)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--pg", default=os.environ.get("KHAREETA_BENCH_PG"), help="a PostGIS database it may empty")
    ap.add_argument("--no-pg", action="store_true", help="SQLite only")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="khareeta-bench-") as d, postgis_backend(args.pg, skip=args.no_pg) as pg:
        new_pg, where = pg
        print(f"PostGIS: {where}")
        backends: dict[str, NewStore] = {"SQLite": lambda name: str(Path(d) / f"{name}.sqlite")}
        if new_pg is not None:
            backends["PostGIS"] = new_pg
        bench_ingest(args.articles, Path(d), backends)
        bench_export(args.events, Path(d))
    return 0


if __name__ == "__main__":
    sys.exit(main())
