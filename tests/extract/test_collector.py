"""extract/collector.py: the cycle collector in a batch process.

Contracts: inside `in_batch()` young collections are rarer, and the process's own setting comes back
after the last of overlapping batches ends, also when one fails; `settle()` leaves what is alive out
of later collections, once per process (run in a child process, so that this one is left as it is);
a batch extracts the same features with the collector tuned as without."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from extract import collector
from extract.collector import BATCH_THRESHOLD, in_batch
from extract.inputs import RawArticle
from extract.pipeline import try_extract
from extract.records import extraction_features
from extract.types import Extraction

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def default_threshold():
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


def test_a_batch_makes_young_collections_rarer_and_restores_the_setting(default_threshold):
    with in_batch():
        assert gc.get_threshold() == (BATCH_THRESHOLD, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_a_failing_batch_restores_the_setting(default_threshold):
    with pytest.raises(RuntimeError), in_batch():
        raise RuntimeError("an article broke the batch")
    assert gc.get_threshold() == (700, 10, 10)


def test_a_higher_setting_of_the_process_is_kept(default_threshold):
    gc.set_threshold(50_000, 10, 10)
    with in_batch():
        assert gc.get_threshold()[0] == 50_000
    assert gc.get_threshold()[0] == 50_000


def test_overlapping_batches_restore_the_setting_when_the_last_ends(default_threshold):
    inside, leave = threading.Event(), threading.Event()

    def other_thread() -> None:
        with in_batch():
            inside.set()
            leave.wait(10)

    worker = threading.Thread(target=other_thread)
    with in_batch():
        worker.start()
        assert inside.wait(10)
    assert gc.get_threshold()[0] == BATCH_THRESHOLD  # the other thread's batch still runs
    leave.set()
    worker.join(10)
    assert gc.get_threshold() == (700, 10, 10)
    assert collector._State.batches == 0


_SETTLE = """
import gc
from extract.collector import settle
keep = [[n] for n in range(10_000)]
assert gc.get_freeze_count() == 0
settle()
frozen = gc.get_freeze_count()
assert frozen >= 10_000, frozen
later = [[n] for n in range(100)]
settle()
assert gc.get_freeze_count() == frozen, "settled twice"
print("ok")
"""


_WARM_WORKER = """
import gc
from extract.batch import warm_up
assert gc.get_freeze_count() == 0
warm_up()
print(gc.get_freeze_count())
"""


def _child(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], check=False, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_settle_leaves_what_is_alive_out_of_later_collections_once():
    assert _child(_SETTLE) == "ok"


def test_a_warm_worker_has_its_gazetteer_out_of_later_collections():
    assert int(_child(_WARM_WORKER)) > 50_000  # the gazetteer's and the pipeline's objects


def test_a_batch_extracts_the_same_with_the_collector_tuned(default_threshold):
    text = "Iraqi forces entered Mosul on Monday after clashes with ISIS. Families fled toward Raqqa."
    plain = try_extract(RawArticle("a", text))
    with in_batch():
        gc.collect()
        tuned = try_extract(RawArticle("a", text))
    assert isinstance(plain, Extraction) and isinstance(tuned, Extraction)
    assert extraction_features(plain) == extraction_features(tuned)
    assert extraction_features(plain)
