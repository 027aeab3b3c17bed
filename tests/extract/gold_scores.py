"""Score the extractor on a gold list with ../shared/eval/score.py (for the gold tests).

The articles are extracted in one run of `python -m extract FILE...` (one process, the gazetteer loaded
once), its features written per article as score.py's `--outputs` reads them; the scores are those of
score.py running the command once per article, at a fraction of the time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def shared_scores(gold: list[dict], articles: Path, shared_dir: Path, work: Path) -> dict:
    """The scores of `python -m extract` on the articles in `articles` against `gold`."""
    gold_file = work / "gold.json"
    gold_file.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    outputs = _extract_each(articles, [g["file"] for g in gold], work / "outputs")
    cmd = [sys.executable, str(shared_dir / "eval" / "score.py"), "--gold", str(gold_file), "--articles", str(articles)]
    done = subprocess.run([*cmd, "--outputs", str(outputs)], capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _extract_each(articles: Path, files: list[str], out: Path) -> Path:
    """One FeatureCollection per article in `out` (`<stem>.geojson`), from one run of the extractor."""
    done = subprocess.run(
        [sys.executable, "-m", "extract", *(str(articles / f) for f in files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    by_doc: dict[str, list[dict]] = {f: [] for f in files}
    for feature in json.loads(done.stdout)["features"]:
        by_doc[feature["properties"]["doc"]].append(feature)
    out.mkdir(parents=True, exist_ok=True)
    for name, features in by_doc.items():
        fc = {"type": "FeatureCollection", "features": features}
        (out / f"{Path(name).stem}.geojson").write_text(json.dumps(fc, ensure_ascii=False), encoding="utf-8")
    return out
