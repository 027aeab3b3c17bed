"""Run the dashboard in a child process (for the browser test and the benchmark).

`running_app(db)` starts `streamlit run dashboard/app.py` on a free local
port with `KHAREETA_DB=db`, waits until it answers, and stops that process
(and only it) on exit. Like `make run`, it gives Streamlit no other setting:
static serving, headless mode and the rest come from the project's
`.streamlit/config.toml`, read because the app is started in the project's folder. `find_chromium` finds the
Debian Chromium that `make browser` installs; nothing is ever downloaded.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

APP = Path(__file__).resolve().parent / "app.py"
ROOT = APP.parents[1]
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-extensions",
)
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def find_chromium() -> str | None:
    """The Chromium binary (env KHAREETA_CHROMIUM, else Debian's), or None."""
    for candidate in (
        os.environ.get("KHAREETA_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def streamlit_command(port: int) -> list[str]:
    """`streamlit run dashboard/app.py` on `port` of this machine only, watching no file; the other
    settings are the project's (`.streamlit/config.toml`), as for `make run`."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.fileWatcherType",
        "none",
    ]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@contextmanager
def running_app(
    db: str | os.PathLike[str], *, timeout: float = 90.0, extra_env: dict[str, str] | None = None
) -> Iterator[str]:
    """The dashboard on the store `db`, at the URL yielded; stopped on exit."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "KHAREETA_DB": str(db), "PYTHONPATH": str(ROOT), **(extra_env or {})}
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in `finally`); not a pipe: a chatty server must never block on a full one
    proc = subprocess.Popen(
        streamlit_command(port), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(url):
            if proc.poll() is not None:
                log.seek(0)
                out = log.read().decode(errors="replace")
                msg = f"the dashboard exited with code {proc.returncode}:\n{out[-3000:]}"
                raise RuntimeError(msg)
            if time.monotonic() > deadline:
                msg = f"the dashboard did not answer at {url} within {timeout:.0f} s"
                raise RuntimeError(msg)
            time.sleep(0.2)
        yield url
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # the group this Popen started, nothing else
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()
