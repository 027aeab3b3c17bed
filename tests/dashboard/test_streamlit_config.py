"""Streamlit's settings live in `.streamlit/config.toml`, so `make run`, a plain `streamlit run
dashboard/app.py` and the browser test (`dashboard.serve`) start the same app: static serving on
(the map's JS and CSS), headless, no usage statistics, no "Deploy" button. The browser test proves
the plain command serves the map; here, that Streamlit itself reads these values."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from dashboard.serve import streamlit_command
from tests.dashboard.conftest import ROOT

CONFIG = ROOT / ".streamlit" / "config.toml"
SETTINGS = {
    "server.enableStaticServing": "true",
    "server.headless": "true",
    "browser.gatherUsageStats": "false",
    "client.toolbarMode": '"viewer"',
}


def shown_by_streamlit(home: Path) -> dict[str, str]:
    """`streamlit config show` in the project's folder (with an empty home: no user config): the
    value of each option of SETTINGS."""
    env = {**os.environ, "HOME": str(home)}
    env = {k: v for k, v in env.items() if not k.startswith("STREAMLIT_")}
    done = subprocess.run(
        [sys.executable, "-m", "streamlit", "config", "show"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    values, section = {}, ""
    for line in done.stdout.splitlines():
        if m := re.fullmatch(r"\[(\w+)\]", line.strip()):
            section = m.group(1)
        elif m := re.fullmatch(r"(\w+) = (.+)", line.strip()):
            values[f"{section}.{m.group(1)}"] = m.group(2)
    return {key: values.get(key, "") for key in SETTINGS}


def test_streamlit_reads_the_projects_settings(tmp_path: Path) -> None:
    assert CONFIG.is_file()
    assert shown_by_streamlit(tmp_path) == SETTINGS


def test_the_browser_test_starts_the_app_like_make_run() -> None:
    """No setting the config file holds is given on the command line: the browser test then fails if
    a plain `streamlit run` does not serve the map."""
    flags = " ".join(streamlit_command(8501))
    assert "dashboard/app.py" in flags
    for key in SETTINGS:
        assert f"--{key}" not in flags


def test_make_run_leaves_the_settings_to_the_config_file() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")  # continued lines joined
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    [line] = [ln for ln in run.splitlines() if "streamlit run" in ln]
    assert "dashboard/app.py" in line
    for key in SETTINGS:
        assert f"--{key}" not in line
