"""The Map page's rerun after an analyst's review, with 10,000 and 100,000 events.

    .venv/bin/python bench/bench_review.py [--sizes 10000 100000] [--runs 3]

For each size: the synthetic store of `bench_dashboard.py`, the Map page run once (AppTest: the server's
side, no browser), then `runs` times an event corrected in the store and the page run again, timed:
the records, popups and rows of the features reviewed are made again in place (`dashboard.live`).
Beside it, the same rerun after the caches were dropped: what every review cost before (the whole store
read and its map made again). Target: a review redrawn within TARGET_S.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TARGET_S = 3.0


def _run(at) -> float:
    t = time.perf_counter()
    at.run()
    if at.exception:
        raise SystemExit(f"the page failed: {at.exception}")
    return time.perf_counter() - t


def measure(db: Path, runs: int) -> tuple[float, float, float]:
    """(first run, median rerun after a review, median rerun after a review with the caches dropped)."""
    from streamlit.testing.v1 import AppTest

    from dashboard import state
    from geodata.store import Store
    from geodata.store.filters import Filters

    os.environ["KHAREETA_DB"] = str(db)
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=1800)
    first = _run(at)
    with Store.open(db) as s:
        events = s.query_ids(Filters(kinds=("event",)))
        caught, rebuilt = [], []
        for i in range(runs):
            s.correct(events[i * 7], {"fatalities": 100 + i}, who="bench")
            caught.append(_run(at))
            s.correct(events[i * 7 + 1], {"fatalities": 200 + i}, who="bench")
            state.clear_after_write()  # as every review did before
            rebuilt.append(_run(at))
    return first, statistics.median(caught), statistics.median(rebuilt)


def main() -> int:
    from bench_dashboard import make_store

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} before the run")
    print(f"{'events':>8} {'first':>8} {'review':>8} {'target':>8}      {'rebuilt':>8} {'ratio':>7}")
    worst = 0.0
    with tempfile.TemporaryDirectory(prefix="khareeta-bench-") as tmp:
        for n in args.sizes:
            db = Path(tmp) / f"review-{n}.sqlite"
            make_store(db, n)
            first, review, rebuilt = measure(db, args.runs)
            worst = max(worst, review / TARGET_S)
            ok = "ok" if review <= TARGET_S else "SLOW"
            print(
                f"{n:>8,} {first:>8.2f} {review:>8.2f} {f'<= {TARGET_S:.0f}':>8} {ok:<4} "
                f"{rebuilt:>8.2f} {rebuilt / review:>6.1f}x"
            )
    print(
        "first: the page's first run (seconds, server side); review: median rerun after a correction; "
        "rebuilt: the same with the caches dropped (every review before); ratio: rebuilt / review."
    )
    return 0 if worst <= 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
