"""Score the extractor on a gold list with ../shared/eval/score.py (for the gold tests)."""

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
    cmd = [sys.executable, str(shared_dir / "eval" / "score.py"), "--gold", str(gold_file), "--articles", str(articles)]
    done = subprocess.run(
        [*cmd, "--cmd", f"{sys.executable} -m extract", "--project", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
