"""extract/cluster.py, batch_cli.py and cluster_ingest.py on a REAL Dask cluster: a `dask scheduler`
and two `dask worker` processes started here with the dask command line on 127.0.0.1, and a
LocalCluster. These tests never skip (the dask CLI is a requirement, CI runs them).

Contracts: the partitions' GeoParquet files hold exactly the features of a single-process run of
the same input, in input order; bad lines are reported per partition with file and line, and the
other lines and partitions are kept; the gazetteer is loaded once per worker; `geodata ingest
--engine dask` stores what the single-process ingest stores; an unreachable scheduler is one line.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from extract.cli import main as extract_main
from extract.cluster import dask_client, warm_up_workers
from geodata.cli import main as geodata_main
from geodata.gazetteer import Gazetteer
from geodata.store import Store
from tests.extract.test_batch import BAD, seed_lines, write_shard
from tests.geodata.formats.parquet_rows import as_rows, parquet_features

ROOT = Path(__file__).resolve().parents[2]
DASK = Path(sys.executable).parent / "dask"
SHORT = [
    json.dumps({"id": f"short-{i}", "text": text, "date": "2016-10-17"}, ensure_ascii=False)
    for i, text in enumerate(
        [
            "Iraqi forces entered Mosul on Monday. Families fled toward Raqqa.",
            "دخلت القوات العراقية الموصل يوم الاثنين. وفرت عائلات نحو الرقة.",
            "Coalition aircraft struck ten oil tankers on the southern Baaj road.",
            "Kurdish forces control the highway linking Raqqa and Mosul.",
        ]
        * 3
    )
]


def _started(proc: subprocess.Popen, log: Path, what: str) -> None:
    if proc.poll() is not None:
        pytest.fail(f"{what} exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")


def _stop(procs: list[subprocess.Popen]) -> None:
    """SIGTERM to each process group (a worker's nanny and its worker process), then SIGKILL."""
    for proc in reversed(procs):
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    for proc in procs:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a `dask scheduler` with two `dask worker`s (one process, one thread each)."""
    folder = tmp_path_factory.mktemp("dask")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    procs: list[subprocess.Popen] = []

    def start(name: str, *args: str) -> tuple[subprocess.Popen, Path]:
        log = folder / f"{name}.log"
        with log.open("wb") as fh:
            proc = subprocess.Popen(
                [str(DASK), *args], stdout=fh, stderr=subprocess.STDOUT, cwd=folder, env=env, start_new_session=True
            )
        procs.append(proc)
        return proc, log

    try:
        info = folder / "scheduler.json"
        sched, log = start(
            "scheduler",
            *("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", str(info)),
            *("--dashboard-address", "127.0.0.1:0"),  # its health page: a free port
        )
        deadline = time.monotonic() + 30
        while not info.exists() and time.monotonic() < deadline:
            _started(sched, log, "dask scheduler")
            time.sleep(0.1)
        address = json.loads(info.read_text())["address"]
        for i in (1, 2):
            start(
                f"worker{i}",
                *("worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"),
                *("--name", f"w{i}", "--local-directory", str(folder / f"w{i}")),
            )
        from distributed import Client

        with Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        _stop(procs)


@pytest.fixture
def shards(tmp_path: Path) -> Path:
    """Two shards: seed articles, short ones and bad lines (the bad ones in different partitions)."""
    folder = tmp_path / "shards"
    folder.mkdir()
    write_shard(folder / "a.jsonl", [*seed_lines(0, 3), BAD[0], *SHORT[:6]])
    write_shard(folder / "b.jsonl", [*SHORT[6:], "", *seed_lines(3, 3), BAD[1]])
    return folder


def _single_process(files: list[Path], capsys: pytest.CaptureFixture[str]) -> list[dict]:
    features = []
    for f in files:
        extract_main(["--jsonl", str(f)])
        features.extend(json.loads(capsys.readouterr().out)["features"])
    return features


def test_a_job_on_the_scheduler_and_two_workers_equals_one_process(
    scheduler: str, shards: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], gaz: Gazetteer
) -> None:
    want = _single_process(sorted(shards.glob("*.jsonl")), capsys)
    out = tmp_path / "out"
    argv = ["--jsonl", str(shards / "*.jsonl"), "--engine", "dask", "--scheduler", scheduler, "--partitions", "4"]
    assert extract_main([*argv, "--out", str(out)]) == 1  # two bad lines
    stdout, err = capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == [f"part-0000{i}.parquet" for i in range(4)]
    assert parquet_features(out) == as_rows(want)  # the same features, values and order
    assert len(want) > 100

    assert f"dask: 2 worker(s) at {scheduler}, gazetteer ready" in err
    done = re.findall(r"^\[\d/4\] partition (\d) .* on ([\w.-]+:\d+)\)$", err, re.M)
    assert sorted(n for n, _ in done) == ["1", "2", "3", "4"]
    assert len({w for _, w in done}) <= 2 and f":{os.getpid()}" not in err  # ran on the workers, not here
    assert f"error: {shards / 'a.jsonl'}:4: not valid JSON" in err
    assert f'error: {shards / "b.jsonl"}:11: the "text" field is missing' in err
    assert re.search(r"extracted 18 article\(s\) in 4/4 partition\(s\): [\d,]+ feature\(s\)", stdout)


def test_the_gazetteer_is_loaded_once_per_worker(scheduler: str) -> None:
    from distributed import Client

    from extract.batch import warm_up

    with Client(scheduler, timeout=10) as client:
        first = client.run(warm_up)
        again = client.run(warm_up)
    assert len(first) == 2 and len({fp for fp, _ in first.values()}) == 1
    assert all(seconds == 0.0 for _, seconds in again.values())  # cached in each worker process


def test_ingest_on_the_cluster_stores_what_one_process_stores(
    scheduler: str, shards: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], gaz: Gazetteer
) -> None:
    (shards / "one.txt").write_text("Iraqi forces entered Mosul on Monday.", encoding="utf-8")
    local, dask = tmp_path / "local.sqlite", tmp_path / "dask.sqlite"
    assert geodata_main(["--db", str(local), "ingest", "--quiet", str(shards)]) == 1
    argv = ["--db", str(dask), "ingest", str(shards), "--engine", "dask", "--scheduler", scheduler]
    assert geodata_main([*argv, "--partitions", "3"]) == 1
    out = capsys.readouterr().out
    assert "11 added, 8 unchanged, 2 failed" in out  # the 12 short lines are 4 texts thrice
    assert f"failed: {shards / 'a.jsonl'}:4: not valid JSON" in out
    with Store.open(local) as a, Store.open(dask) as b:
        assert a.stats().features == b.stats().features
        assert sorted(r.feature_id for r in a.query()) == sorted(r.feature_id for r in b.query())


def test_an_unreachable_scheduler_is_one_line(shards: Path, tmp_path: Path, capsys) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = tmp_path / "out"
    out.mkdir()
    (out / "part-00000.parquet").write_bytes(b"an earlier run's")
    argv = ["--jsonl", str(shards / "*.jsonl"), "--engine", "dask", "--scheduler", f"tcp://127.0.0.1:{port}"]
    assert extract_main([*argv, "--timeout", "1", "--out", str(out), "--overwrite"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: cannot reach the Dask scheduler at 'tcp://127.0.0.1:{port}' within 1 s")
    assert "\n" not in err and "Traceback" not in err
    assert (out / "part-00000.parquet").read_bytes() == b"an earlier run's"  # nothing cleared without a cluster


def test_without_a_scheduler_a_local_cluster_runs_the_job(
    shards: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], gaz: Gazetteer
) -> None:
    only = write_shard(tmp_path / "c.jsonl", [*SHORT[:4], *seed_lines(0, 1), BAD[2]])
    want = _single_process([only], capsys)
    out = tmp_path / "out"
    assert extract_main(["--jsonl", str(only), "--engine", "dask", "--workers", "1", "--out", str(out)]) == 1
    _, err = capsys.readouterr()
    assert "dask: 1 worker(s) at tcp://127.0.0.1:" in err
    assert parquet_features(out) == as_rows(want)


def _worker_state() -> tuple[str, bool, int]:
    import gc

    import dask

    return (
        dask.config.get("distributed.admin.tick.interval"),
        dask.config.get("distributed.worker.profile.enabled"),
        gc.get_freeze_count(),
    )


def test_a_local_clusters_workers_are_set_up_for_a_batch() -> None:
    """Its workers check their event loop once a second, sample no profile, and once warm leave the
    gazetteer out of the cycle collector's scans (extract.collector)."""
    with dask_client(None, workers=1) as client:
        warm_up_workers(client, lambda _line: None)
        (state,) = client.run(_worker_state).values()
    assert state[:2] == ("1s", False)
    assert state[2] > 50_000
