"""Store benchmark: ingest rate on the seeds corpus, export time of 100,000 events.

    .venv/bin/python bench/bench_store.py [--articles 1000] [--events 100000]

Ingest: seeds/*.txt replicated with small variations into ~1000 distinct
articles, ingested (read, extract, store) into a fresh SQLite file after the
gazetteer is loaded: serially, then with one extraction process per core, then
split into extraction alone and storing alone. Export: 100,000 synthetic events stored as one document,
then queried and written as GeoJSON (and, for reference, CSV and GeoPackage).
Figures are printed beside the targets; nothing is asserted.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

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

INGEST_TARGET = 200.0  # articles/s after the gazetteer is loaded
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


def bench_ingest(n: int, tmp: Path) -> None:
    corpus = tmp / "corpus"
    corpus.mkdir()
    make_corpus(corpus, n)
    t0 = time.perf_counter()
    gaz = gazetteer.get()
    print(f"gazetteer load            {time.perf_counter() - t0:8.2f} s")
    for jobs in sorted({1, auto_jobs(n)}):
        with Store.open(tmp / f"ingest-{jobs}.sqlite") as store:
            report = ingest_paths([corpus], store, gaz=gaz, jobs=jobs)
            stats = store.stats()
        rate = report.total / report.seconds
        if report.failed:  # a failed article costs less than a stored one: the rate would flatter
            print(f"WARNING: {len(report.failed)} of {report.total} articles failed; the rate is not meaningful")
        label = f"ingest {report.total:,} articles, {jobs} job{'s' if jobs > 1 else ''}"
        print(
            f"{label:<26}{report.seconds:8.2f} s  = {rate:7.0f} articles/s   "
            f"(target >= {INGEST_TARGET:.0f}/s: {'ok' if rate >= INGEST_TARGET else 'MISSED'})"
        )
        print(
            f"  {len(report.added)} added, {len(report.failed)} failed; stored "
            + ", ".join(f"{v:,} {k}s" for k, v in stats.features.items())
        )
        if report.failed:
            print(f"  first failure: {report.failed[0]}")
    _ingest_breakdown(sorted(corpus.glob("*.txt")), gaz, tmp)


def _ingest_breakdown(files: list[Path], gaz: object, tmp: Path) -> None:
    """Where ingest time goes: reading + extraction (extract/) versus storing (geodata/store.py)."""
    t0 = time.perf_counter()
    done = [(ex.doc.record(), extraction_records(ex)) for ex in (extract_article(read_file(p), gaz=gaz) for p in files)]
    t_extract = time.perf_counter() - t0
    with Store.open(tmp / "breakdown.sqlite") as store:
        t0 = time.perf_counter()
        for i in range(0, len(done), BATCH_SIZE):  # as ingest stores them: a commit per batch
            store.add_documents(done[i : i + BATCH_SIZE])
        t_store = time.perf_counter() - t0
    n = len(files)
    print(f"  of which read + extract {t_extract:8.2f} s  = {n / t_extract:7.0f} articles/s")
    print(
        f"  of which store          {t_store:8.2f} s  = {n / t_store:7.0f} articles/s "
        f"({sum(len(f) for _, f in done) / n:.0f} features per article)"
    )


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
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="khareeta-bench-") as d:
        bench_ingest(args.articles, Path(d))
        bench_export(args.events, Path(d))
    return 0


if __name__ == "__main__":
    sys.exit(main())
