"""Batch benchmark: short-article throughput in one process and with the Dask engine on two workers.

    .venv/bin/python bench/bench_batch.py [--docs 6000] [--workers 2] [--partitions 8]

Short articles: the UCDP GED headlines of ../shared/devdata/cases.jsonl when
it is there (~150 characters each; read at run time, never copied into the
project), else the seeds' sentences cut into articles of about 200
characters; cycled to --docs articles, each with its own id.

1. One process, after the gazetteer is loaded and a warm-up pass: extraction
   as `python -m extract` does it (`try_extract` and the records), then the
   Dask engine's own partition job run here (`extract_to_parquet`: read the
   JSON Lines, extract, write GeoParquet) for a like-for-like baseline.
2. The Dask engine on a LocalCluster of --workers single-threaded processes:
   every worker warmed first as the engine does it (gazetteer, the
   pipeline's lazily built tables; not timed, as "after the gazetteer is
   loaded" in the targets), then the job from submission to the last partition written
   (cpu/wall there is the workers' CPU time per worker over the wall time).

Targets (issue 12): >= 1,000 short articles/s in one process, >= 1,800/s with
two workers. Figures are printed beside them; nothing is asserted, the exit
status is always 0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_places import build_note  # noqa: E402

from extract.batch import extract_to_parquet, measure, plan  # noqa: E402
from extract.cluster import dask_client, run_partitions, warm_up_workers  # noqa: E402
from extract.inputs import RawArticle  # noqa: E402
from extract.pipeline import try_extract  # noqa: E402
from extract.records import extraction_records  # noqa: E402
from geodata import gazetteer  # noqa: E402
from geodata.errors import Problem  # noqa: E402

CASES = ROOT.parent / "shared" / "devdata" / "cases.jsonl"
ONE_PROCESS_TARGET = 1000.0
TWO_WORKERS_TARGET = 1800.0
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


def short_texts() -> tuple[list[str], str]:
    """Distinct short articles, and where they came from."""
    if CASES.is_file():
        with CASES.open(encoding="utf-8") as fh:
            texts = [c["text"] for c in map(json.loads, fh) if c.get("set") == "ucdp_en"]
        if texts:
            return texts, f"{CASES.name} (UCDP GED headlines)"
    texts = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        body, current = seed.read_text(encoding="utf-8").split("\n\n", 1)[-1], ""
        for sentence in _SENTENCE_END.split(body.replace("\n", " ")):
            current = f"{current} {sentence}".strip()
            if len(current) >= 160:
                texts.append(current)
                current = ""
    return texts, "seeds/ sentences"


def _rate(label: str, n: int, seconds: float, cpu: float | None = None, target: float | None = None) -> float:
    rate = n / seconds
    line = f"{label:<44}{n:>7,} docs {seconds:7.2f} s = {rate:7,.0f} docs/s"
    if cpu is not None:
        line += f"  cpu/wall {cpu / seconds:.2f}"
    if target is not None:
        line += f"   (target >= {target:,.0f}/s: {'ok' if rate >= target else '** BELOW TARGET **'})"
    print(line, flush=True)
    return rate


def one_process(articles: list[RawArticle]) -> float:
    gaz = gazetteer.get()
    for raw in articles[:200]:  # warm-up: lazily built tables, first-call costs
        try_extract(raw, gaz=gaz)
    w0, c0 = time.perf_counter(), time.process_time()
    for raw in articles:
        ex = try_extract(raw, gaz=gaz)
        if not isinstance(ex, Problem):
            extraction_records(ex)
    return _rate(
        "one process: extraction + records",
        len(articles),
        time.perf_counter() - w0,
        time.process_time() - c0,
        ONE_PROCESS_TARGET,
    )


def _cpu_seconds() -> float:
    """On a worker: the CPU time its process has used."""
    return time.process_time()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=6000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--partitions", type=int, default=8)
    args = ap.parse_args()
    texts, origin = short_texts()
    articles = [RawArticle(f"doc-{i}", texts[i % len(texts)], date="2016-10-17") for i in range(args.docs)]
    chars = sum(len(a.text) for a in articles) / len(articles)
    print(
        f"{len(texts):,} distinct short articles from {origin}, {chars:.0f} characters on average, "
        f"cycled to {len(articles):,}"
    )
    t0 = time.perf_counter()
    gazetteer.get()
    print(f"gazetteer load {time.perf_counter() - t0:.2f} s; {build_note()}")
    one = one_process(articles)
    with tempfile.TemporaryDirectory() as tmp:
        shard = Path(tmp) / "short.jsonl"
        with shard.open("w", encoding="utf-8") as fh:
            for a in articles:
                fh.write(json.dumps({"id": a.doc_id, "text": a.text, "date": a.date}, ensure_ascii=False) + "\n")
        sizes = measure([shard], jsonl=True)
        (whole,) = plan(sizes, 1)
        w0, c0 = time.perf_counter(), time.process_time()
        extract_to_parquet(whole, str(Path(tmp) / "local"), 1)
        base = _rate(
            "one process: the engine's job (+ GeoParquet)",
            len(articles),
            time.perf_counter() - w0,
            time.process_time() - c0,
        )
        with dask_client(None, workers=args.workers) as client:
            warm_up_workers(client, lambda line: print(line, flush=True))
            parts = plan(sizes, args.partitions)
            cpu0 = sum(client.run(_cpu_seconds).values())
            w0 = time.perf_counter()
            for _part, report in run_partitions(
                client, extract_to_parquet, parts, out_dir=tmp + "/dask", total=len(parts)
            ):
                if isinstance(report, BaseException):
                    print(f"partition failed: {report}")
            seconds = time.perf_counter() - w0
            cpu = (sum(client.run(_cpu_seconds).values()) - cpu0) / args.workers  # per worker, as cpu/wall
        label = f"Dask, {args.workers} workers, {len(parts)} partitions"
        rate = _rate(label, len(articles), seconds, cpu, TWO_WORKERS_TARGET if args.workers == 2 else None)
    print(f"scaling: {rate / base:.2f}x the engine's job in one process ({rate / one:.2f}x bare extraction)")


if __name__ == "__main__":
    main()
