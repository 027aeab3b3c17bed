"""Every command of the README's "Command line" section, run as written (in this process, through the same
`main` the console scripts and `python -m` call) in a temporary home and store, with small stand-ins for the
files it names (article.txt, feed.jsonl, IQ.txt ...). A command must succeed, or fail when its comment says
it is refused; what a comment promises (a place's id, a distance, GeoPackage layers) is checked too. So the
README cannot drift from the code: change either alone and this fails.

Two commands name a server the reader runs (`tcp://SCHEDULER_HOST:8786`, a Dask scheduler): their options
are parsed and checked, as the command would before connecting; the local-cluster form of the same command
runs for real. The `postgresql://user:pw@127.0.0.1/khareeta` store is a database of a throwaway PostGIS
server (tests/pg_server.py; under CI=true it must run).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from extract import cli as extract_cli
from extract.batch_cli import engine_usage_error
from geodata import cli as geodata_cli
from geodata import gazetteer as gazetteer_mod
from geodata import settings
from geodata.gazetteer import admin
from geodata.gazetteer.sources import merge_entries, read_countries, read_place_csv, read_user_aliases

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() == "true"
SCHEDULER = "tcp://SCHEDULER_HOST:8786"
PG_EXAMPLE = "postgresql://user:pw@127.0.0.1/khareeta"
ARTICLE = "MOSUL, Iraq - Iraqi forces clashed with ISIS fighters near Mosul on Monday. Families fled toward Erbil.\n"
ARABIC = "قصفت طائرات التحالف مواقع لتنظيم داعش في الرقة يوم الخميس، ونزحت عائلات نحو الحسكة.\n"


@dataclass(frozen=True)
class Command:
    """One README line: the program, its arguments, where stdout goes, what the comment says."""

    line: str
    program: str  # "extract" | "geodata"
    argv: list[str]
    stdout_to: str | None
    piped: bool
    comment: str

    @property
    def refused(self) -> bool:
        return "refused" in self.comment


def section(text: str, heading: str) -> str:
    start = text.index(f"\n{heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def commands() -> list[Command]:
    """The commands of the sh blocks of "## Command line", in order."""
    body = section(README.read_text(encoding="utf-8"), "## Command line")
    out = []
    for block in re.findall(r"```sh\n(.*?)```", body, flags=re.S):
        for line in block.splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                out.append(parse(line.strip()))
    return out


def parse(line: str) -> Command:
    comment = line.split(" # ", 1)[1].strip() if " # " in line else ""
    tokens = shlex.split(line, comments=True)
    piped = "|" in tokens
    tokens = tokens[: tokens.index("|")] if piped else tokens
    stdout_to = None
    if ">" in tokens:
        stdout_to = tokens[tokens.index(">") + 1]
        tokens = tokens[: tokens.index(">")]
    if tokens[0] == ".venv/bin/python" and tokens[1] == "-m":
        program, argv = tokens[2], tokens[3:]
    else:
        program, argv = {"khareeta": "geodata", "khareeta-extract": "extract"}[tokens[0]], tokens[1:]
    assert program in ("extract", "geodata"), line
    return Command(line, program, [os.path.expanduser(a) for a in argv], stdout_to, piped, comment)


# --- the stand-ins for the files the commands name ---------------------------------------------------------------


def stand_ins(work: Path) -> None:
    """What the README's reader would have in the folder: articles, feeds, shards, CSV exports, dumps."""
    (work / "seeds").symlink_to(ROOT / "seeds", target_is_directory=True)
    (work / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (work / "other.html").write_text(f"<html><title>Raqqa</title><body><p>{ARABIC}</p></body></html>", "utf-8")
    records = [{"id": "a1", "text": ARTICLE, "date": "2016-10-17"}, {"id": "a2", "text": ARABIC, "lang": "ar"}]
    for name in ("articles.jsonl", "feed.jsonl"):
        (work / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    (work / "more-articles").mkdir()
    (work / "more-articles" / "raqqa.txt").write_text(ARABIC, encoding="utf-8")
    (work / "shards").mkdir()
    for n in range(2):
        rows = [{"id": f"s{n}-{i}", "text": ARTICLE if i % 2 else ARABIC} for i in range(3)]
        (work / "shards" / f"part{n}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    (work / "articles").mkdir()
    (work / "articles" / "mosul.txt").write_text(ARTICLE, encoding="utf-8")
    (work / "work").mkdir()
    shutil.copy(DATA / "acled_sample.csv", work / "acled_export.csv")
    shutil.copy(DATA / "ucdp_sample.csv", work / "GEDEvent.csv")
    shutil.copy(DATA / "geonames" / "IQ.txt", work / "IQ.txt")
    shutil.copy(DATA / "geonames" / "alternateNamesV2.txt", work / "alternateNamesV2.txt")
    (work / "my-places.csv").write_text(
        "name,name_ar,feature_type,country_code,lat,lon\nTell Jadidabad,تل جديد آباد,village,SY,34.81,40.62\n",
        encoding="utf-8",
    )


def small_gazetteer() -> Callable[[], gazetteer_mod.Gazetteer]:
    """`gazetteer.get()` from the curated file, the countries and the analyst's own files (compiled in about
    a second, again whenever those change), instead of the 236,000 places of the full one."""
    memo: dict[str, gazetteer_mod.Gazetteer] = {}

    def get() -> gazetteer_mod.Gazetteer:
        fp = gazetteer_mod.fingerprint(gazetteer_mod.source_files())
        if fp not in memo:
            user = settings.user_gazetteer_dir()
            groups = [
                read_place_csv(user / "places.csv", prefix="user", strict=False),
                read_place_csv(settings.DATA_FILES / "curated.csv", prefix="khareeta"),
                *(read_place_csv(p, prefix="geonames", strict=False) for p in sorted(user.glob("geonames/*.csv"))),
                read_countries(),
            ]
            entries = merge_entries(groups, [], read_user_aliases(user / "aliases.csv"))
            memo[fp] = gazetteer_mod.compile_gazetteer(entries, gazetteer_mod.read_blocked(), fp=fp)
        return memo[fp]

    return get


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The reader's folder, HOME and KHAREETA_HOME in tmp; the default store there, empty."""
    home = tmp_path / "home"
    built = settings.cache_dir() / "gazetteer.pkl"  # Dask workers load the full gazetteer themselves
    if built.exists():
        (home / "cache").mkdir(parents=True)
        shutil.copy(built, home / "cache" / "gazetteer.pkl")
    work = tmp_path / "work"
    work.mkdir()
    stand_ins(work)
    monkeypatch.chdir(work)
    monkeypatch.setenv("HOME", str(work))
    monkeypatch.setenv("KHAREETA_HOME", str(home))
    monkeypatch.delenv("KHAREETA_DB", raising=False)
    monkeypatch.setattr(gazetteer_mod, "frequent_words", dict)
    monkeypatch.setattr(gazetteer_mod, "get", small_gazetteer())
    yield work


# --- running them ------------------------------------------------------------------------------------------------


def run(cmd: Command, capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    main = extract_cli.main if cmd.program == "extract" else geodata_cli.main
    code = main(argv)
    out, err = capsys.readouterr()
    if cmd.stdout_to:
        Path(cmd.stdout_to).write_text(out, encoding="utf-8")
    return code, out, err


def parse_only(cmd: Command) -> None:
    """A command for the reader's own cluster: its options are valid and agree (what runs before connecting)."""
    parser = extract_cli._parser() if cmd.program == "extract" else geodata_cli._parser()
    args = parser.parse_args(cmd.argv)
    assert args.scheduler == SCHEDULER and engine_usage_error(args) is None, cmd.line


def check_promises(cmd: Command, out: str, err: str) -> None:
    """What the line's comment says comes out."""
    if cmd.argv[:2] == ["gazetteer", "add"] and not cmd.refused:  # not "... is already a name of ..."
        assert out.startswith("added "), f"{cmd.line}: {out!r}"
    for gid in re.findall(r"\buser:[\w-]+", cmd.comment):
        assert gid in out, f"{cmd.line}: the README says the id is {gid}; the command said {out!r}"
    if m := re.search(r"(\d+(?:\.\d+)?) km away", cmd.comment):
        assert f"{m.group(1)} km away" in err, f"{cmd.line}: {err!r}"
    if m := re.search(r"layers ([\w, ]+);", cmd.comment):
        import pyogrio

        promised = {name.strip() for name in m.group(1).split(",")}
        assert {name for name, _ in pyogrio.list_layers(cmd.argv[cmd.argv.index("-o") + 1])} == promised
    if cmd.stdout_to:
        assert json.loads(Path(cmd.stdout_to).read_text(encoding="utf-8"))["features"], cmd.line
    if cmd.piped:
        assert out.startswith('{"type":"FeatureCollection"'), cmd.line


def test_the_readme_names_the_commands_this_test_knows() -> None:
    cmds = commands()
    assert len(cmds) >= 25
    assert sum(c.refused for c in cmds) == 1 and sum(SCHEDULER in c.argv for c in cmds) == 2
    assert sum(PG_EXAMPLE in c.argv for c in cmds) == 1


@pytest.mark.slow
def test_every_readme_command_runs_as_it_says(
    work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    admin_csv = work / "admin.csv"  # `import-admin` writes here, not over the committed file
    monkeypatch.setattr(admin, "write_admin_csv", lambda rows, path=admin_csv, w=admin.write_admin_csv: w(rows, path))
    for cmd in commands():
        argv = list(cmd.argv)
        if SCHEDULER in argv:
            parse_only(cmd)
            continue
        if "../shared/gazetteers" in argv:  # relative to the project, where the README's reader stands
            if not SHARED.is_dir():
                assert not IN_CI, "../shared is beside the project in CI"
                continue
            argv[argv.index("../shared/gazetteers")] = str(SHARED / "gazetteers")
        if PG_EXAMPLE in argv:
            argv[argv.index(PG_EXAMPLE)] = request.getfixturevalue("postgis").new_database("khareeta")
        code, out, err = run(cmd, capsys, argv)
        assert code == (1 if cmd.refused else 0), f"{cmd.line}\nexit {code}\nstdout: {out[-800:]}\nstderr: {err[-800:]}"
        check_promises(cmd, out, err)
    if admin_csv.exists():  # the committed file is what the sources give
        assert admin_csv.read_bytes() == (settings.DATA_FILES / "admin.csv").read_bytes()


# --- facts the README states about the code ------------------------------------------------------------------------


def test_the_environment_table_names_every_setting_the_code_reads() -> None:
    table = section(README.read_text(encoding="utf-8"), "### Environment")
    documented = set(re.findall(r"^\| `(KHAREETA_[A-Z_]+|PORT)`", table, flags=re.M))
    read: set[str] = set()
    for folder in ("geodata", "extract", "dashboard", "bench", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            read |= set(re.findall(r"\bKHAREETA_[A-Z_]+\b", path.read_text(encoding="utf-8")))
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    read |= set(re.findall(r"\bKHAREETA_[A-Z_]+\b", makefile)) | ({"PORT"} if "PORT ?=" in makefile else set())
    assert documented == read, f"README's Environment table lists {sorted(documented)}; the code reads {sorted(read)}"


def test_make_bench_runs_the_benchmarks_the_readme_names() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\nbench:", 1)[1].split("\n\n", 1)[0]
    run = re.findall(r"bench/(bench_\w+\.py)", target)
    text = " ".join(section(README.read_text(encoding="utf-8"), "## Measured").split())
    said = text.split("`make bench` runs", 1)[1].split(" in turn", 1)[0]
    assert re.findall(r"`(bench_\w+\.py)`", said) == run
    assert all((ROOT / "bench" / name).is_file() for name in run)
