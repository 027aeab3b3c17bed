"""The full pipeline against an earlier revision, on the same machine at the same time.

    .venv/bin/python bench/bench_pipeline.py --baseline REV [--rounds 5] [--passes 3] [--mb 0.3]

A shared or virtual machine changes speed from one minute to the next (on the
2-core machine this was written on, the same code measured 111 and 169 docs/s
ten minutes apart), so a rate measured today and one measured last week do
not compare. This script checks out REV in a temporary git worktree and runs
both trees in turn, `--rounds` times, each round in a fresh process per tree
that loads the gazetteer (untimed) and then takes the best of `--passes`
passes of `extract_document` over the benchmark corpus (this tree's
`bench/_corpus.py` and seeds for both, replicated to `--mb`). It prints each tree's docs/s per round, the
median of the per-round ratios (this tree / REV), and that ratio beside its
target: the pipeline may not fall by more than a quarter (ratio >= 0.75).

With `--instructions`, each tree instead runs once under valgrind's callgrind, which counts
the instructions of one pass over the corpus after a first, uncounted one (as the best of the
timed passes is a warm one): the same count whatever else the machine is doing, so the ratio
holds on a busy machine. It counts instructions, not the cache misses of a larger working set,
so it can flatter a tree; it takes a few minutes per tree.

Nothing is asserted; the exit status is 0 unless git or a child fails. The
worktree reuses this tree's compiled gazetteer cache when REV reads it the
same way; otherwise REV's first round rebuilds it (reported, not counted).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 0.75  # the pipeline may not fall by more than a quarter

_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[4])  # this tree's bench/: the same corpus for both trees
from _corpus import make_corpus  # noqa: E402
from extract.document import make_document  # noqa: E402
from extract.pipeline import extract_document  # noqa: E402
from geodata import gazetteer  # noqa: E402

t0 = time.perf_counter()
gaz = gazetteer.get()
load = time.perf_counter() - t0
corpus = make_corpus(int(float(sys.argv[2]) * 1e6))
docs = [make_document(a.text, doc_id=a.doc_id) for a in corpus]
best = None
for _ in range(int(sys.argv[3])):
    t = time.perf_counter()
    for d in docs:
        extract_document(d, gaz)
    took = time.perf_counter() - t
    best = took if best is None else min(best, took)
print(json.dumps({"docs": len(docs), "bytes": sum(a.size for a in corpus), "seconds": best, "load": load}))
"""

# The counted pass runs inside functools.reduce, a C function callgrind can toggle its count on.
_COUNTED = r"""
import functools, sys
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[3])
from _corpus import make_corpus  # noqa: E402
from extract.document import make_document  # noqa: E402
from extract.pipeline import extract_document  # noqa: E402
from geodata import gazetteer  # noqa: E402

gaz = gazetteer.get()
docs = [make_document(a.text, doc_id=a.doc_id) for a in make_corpus(int(float(sys.argv[2]) * 1e6))]
for d in docs:
    extract_document(d, gaz)
functools.reduce(lambda n, d: (extract_document(d, gaz), n + 1)[1], docs, 0)
"""


def _worktree(rev: str, where: Path) -> Path:
    tree = where / "baseline"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), rev], check=True)
    cache = ROOT / "data" / "cache" / "gazetteer.pkl"
    if cache.exists():
        (tree / "data" / "cache").mkdir(parents=True, exist_ok=True)
        shutil.copy2(cache, tree / "data" / "cache" / "gazetteer.pkl")
    return tree


def _run(tree: Path, mb: float, passes: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    env.pop("KHAREETA_HOME", None)  # each tree reads its own data/cache
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(tree), str(mb), str(passes), str(ROOT / "bench")],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _rate(r: dict[str, float]) -> float:
    return r["docs"] / r["seconds"]


def _instructions(tree: Path, mb: float) -> int:
    """Instructions of the counted pass (callgrind's count; string hashing seeded, so sets and dicts
    iterate alike in every run)."""
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
    env.pop("KHAREETA_HOME", None)
    grind = ["valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=functools_reduce"]
    child = [sys.executable, "-c", _COUNTED, str(tree), str(mb), str(ROOT / "bench")]
    out = subprocess.run(
        [*grind, "--callgrind-out-file=/dev/null", *child],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"Collected : (\d+)", out.stderr)
    if found is None or not int(found.group(1)):
        raise SystemExit(f"callgrind counted nothing (a Python without symbols?): {out.stderr[-300:]}")
    return int(found.group(1))


def _by_instructions(tree: Path, mb: float) -> None:
    """The warm pass of each tree counted by callgrind."""
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (Debian: apt-get install valgrind)")
    counts = {}
    for name, where in (("this tree", ROOT), ("baseline", tree)):
        counts[name] = _instructions(where, mb)
        print(f"{name:>12}: {counts[name] / 1e9:.2f} G instructions for one warm pass")
    ratio = counts["baseline"] / counts["this tree"]
    status = "ok" if ratio >= TARGET else "** BELOW TARGET **"
    print(f"full pipeline, instruction ratio (baseline / this tree): {ratio:.3f}  target >= {TARGET}  {status}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", required=True, help="the revision to compare with (a commit, tag or branch)")
    ap.add_argument("--rounds", type=int, default=5, help="alternations of the two trees (default 5)")
    ap.add_argument("--passes", type=int, default=3, help="best of N passes per process (default 3)")
    ap.add_argument("--mb", type=float, default=0.3, help="corpus size in MB (default 0.3)")
    ap.add_argument("--instructions", action="store_true", help="count instructions with callgrind instead of timing")
    args = ap.parse_args()
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], check=False, capture_output=True, text=True
    )
    with tempfile.TemporaryDirectory(prefix="khareeta-bench-") as tmp:
        tree = _worktree(args.baseline, Path(tmp))
        try:
            print(f"this tree ({head.stdout.strip()}, with any uncommitted change) against {args.baseline}")
            _run(tree, 0.01, 1)  # warm-up: rebuilds the baseline's gazetteer cache if it must
            if args.instructions:
                _by_instructions(tree, args.mb)
                return 0
            print(f"{'round':>5}  {'this tree':>12}  {'baseline':>12}  {'ratio':>6}")
            ratios, mine, theirs = [], [], []
            for k in range(args.rounds):
                a, b = _run(ROOT, args.mb, args.passes), _run(tree, args.mb, args.passes)
                mine.append(_rate(a))
                theirs.append(_rate(b))
                ratios.append(mine[-1] / theirs[-1])
                print(f"{k + 1:>5}  {mine[-1]:>7.0f} doc/s  {theirs[-1]:>7.0f} doc/s  {ratios[-1]:>6.2f}")
            ratio = statistics.median(ratios)
            status = "ok" if ratio >= TARGET else "** BELOW TARGET **"
            docs = a["docs"]
            print(
                f"full pipeline, median ratio over {args.rounds} rounds ({docs} docs, {a['bytes'] / 1e6:.2f} MB): "
                f"{ratio:.2f}  target >= {TARGET}  {status}"
            )
            print(f"medians: this tree {statistics.median(mine):.0f} docs/s, baseline {statistics.median(theirs):.0f}")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
