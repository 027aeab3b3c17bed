"""Hostile and messy inputs, end to end (issue 6, part 1).

Through the CLI in this process (`extract.cli.main`) and through
`extract.ingest.ingest_paths` into a store in tmp: every bad input gets one
line that names it and says what to do, and every other input of the same
batch is still extracted / stored. Arabic and English side by side.
"""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from extract.cli import main as extract_main
from extract.ingest import ingest_paths
from extract.inputs import read_file
from geodata.gazetteer import Gazetteer
from geodata.settings import MAX_FILE_BYTES
from geodata.store import Store

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

AR = "سيطر تنظيم داعش على مدينة الموصل، وفرت عائلات نحو الرقة."
EN = "Iraqi forces entered Mosul on Monday; families fled toward Raqqa."
AR_WORDS = ("الموصل", "الرقة", "داعش")
GOOD = {"good-ar.txt": AR, "good-en.txt": EN}  # the rest of every batch


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "s.sqlite") as s:
        yield s


def _good_files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
        out.append(folder / name)
    return out


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any], list[str]]:
    """(exit status, the FeatureCollection on stdout, the lines on stderr)."""
    rc = extract_main(argv)
    out, err = capsys.readouterr()
    return rc, json.loads(out), [line for line in err.splitlines() if line.strip()]


def _docs(fc: dict[str, Any]) -> set[str]:
    return {f["properties"]["doc"] for f in fc["features"]}


def _places(fc: dict[str, Any], doc: str) -> set[str]:
    return {
        f["properties"]["name"]
        for f in fc["features"]
        if f["properties"]["doc"] == doc and f["properties"]["kind"] == "place"
    }


def _strings(value: Any) -> Iterator[str]:
    """Every string anywhere in a JSON value (keys included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


# --- not text at all: one line each, the rest of the batch kept ---------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
NOT_TEXT = [
    # name           bytes                                                   the message says
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \r\n\t\n  ", "empty"),
    ("bom-only.txt", codecs.BOM_UTF8, "empty"),
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
    ("report.txt", b"%PDF-1.4\n" + bytes(range(256)) * 4, "PDF"),  # the name lies
    ("map.png", PNG + bytes(range(256)), "PNG"),
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200), "JPEG"),
    ("tool", b"\x7fELF\x02\x01\x01\x00" + bytes(64), "executable"),
    ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(64), "executable"),
    ("bundle.zip", b"PK\x03\x04\x14\x00\x06\x00" + bytes(64), "ZIP"),
    ("data.bin", bytes(range(256)) * 16, "binary"),
]


@pytest.mark.parametrize(("name", "data", "fragment"), NOT_TEXT, ids=[c[0] for c in NOT_TEXT])
def test_cli_refuses_what_is_not_text_and_keeps_the_batch(
    tmp_path: Path, capsys, gaz: Gazetteer, name: str, data: bytes, fragment: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    good = _good_files(tmp_path / "good")
    rc, fc, err = _run([str(good[0]), str(bad), str(good[1])], capsys)
    assert rc == 1
    assert len(err) == 1, err  # one line, no traceback
    assert err[0].startswith(f"error: {bad}: ") and fragment in err[0]
    assert any(word in err[0] for word in ("save", "put", "give", "split")), err[0]  # says what to do
    assert _docs(fc) == set(GOOD)
    assert _places(fc, "good-ar.txt") == _places(fc, "good-en.txt") == {"Mosul", "Raqqa"}


@pytest.mark.parametrize(("name", "data", "fragment"), NOT_TEXT, ids=[c[0] for c in NOT_TEXT])
def test_ingest_refuses_what_is_not_text_and_stores_the_rest(
    tmp_path: Path, store: Store, gaz: Gazetteer, name: str, data: bytes, fragment: str
) -> None:
    folder = tmp_path / "in"
    good = _good_files(folder)
    bad = folder / name
    bad.write_bytes(data)
    report = ingest_paths([*good, bad], store, gaz=gaz)
    assert sorted(report.added) == sorted(map(str, good))
    assert [p.where() for p in report.failed] == [str(bad)]
    assert fragment in report.failed[0].reason and "\n" not in report.failed[0].reason
    assert store.stats().documents == 2


def test_one_batch_of_every_hostile_file_loses_nothing_good(
    tmp_path: Path, capsys, store: Store, gaz: Gazetteer
) -> None:
    folder = tmp_path / "in"
    good = _good_files(folder)
    bad = []
    for name, data, _ in NOT_TEXT:
        path = folder / (name if "." in name else f"{name}.txt")  # ingest walks folders for .txt
        path.write_bytes(data)
        bad.append(path)
    rc, fc, err = _run([str(p) for p in sorted([*good, *bad])], capsys)
    assert rc == 1 and _docs(fc) == set(GOOD)
    assert sorted(line.split(": ")[1] for line in err) == sorted(map(str, bad))  # each once
    report = ingest_paths([folder], store, gaz=gaz)
    assert sorted(report.added) == sorted(map(str, good))
    assert sorted(p.where() for p in report.failed) == sorted(str(p) for p in bad if p.suffix in (".txt", ".html"))
    assert store.stats().documents == 2


def test_a_bug_on_one_article_costs_only_that_article(
    tmp_path: Path, capsys, gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import extract.pipeline

    real = extract.pipeline.extract_article

    def flaky(raw, **kw):  # an extractor bug that only this article's text triggers
        if "Monday" in raw.text:
            raise IndexError("string index out of range")
        return real(raw, **kw)

    monkeypatch.setattr(extract.pipeline, "extract_article", flaky)
    good = _good_files(tmp_path)
    rc, fc, err = _run([*map(str, good)], capsys)
    assert rc == 1 and _docs(fc) == {"good-ar.txt"}
    assert err == [
        f"error: {tmp_path / 'good-en.txt'}: unexpected error (IndexError: string index out of range); "
        "please report it."
    ]


# --- Arabic in the old code pages and in UTF-16 ----------------------------------------------------------------


def _utf8_with_a_stray_byte(text: str) -> bytes:
    data = text.encode("utf-8")
    return data[:20] + b"\xa0" + data[20:]


ENCODED = [
    # encoding                     bytes of the Arabic article
    ("windows-1256", AR.encode("cp1256")),
    ("iso-8859-6", AR.encode("iso-8859-6")),
    ("utf-16-le BOM", codecs.BOM_UTF16_LE + AR.encode("utf-16-le")),
    ("utf-16-be BOM", codecs.BOM_UTF16_BE + AR.encode("utf-16-be")),
    ("utf-16-le", AR.encode("utf-16-le")),
    ("utf-16-be", AR.encode("utf-16-be")),
    ("utf-8 BOM", codecs.BOM_UTF8 + AR.encode("utf-8")),
    ("utf-8 CRLF", AR.replace(" نحو", "\r\nنحو").encode("utf-8")),
]


@pytest.mark.parametrize(("encoding", "data"), ENCODED, ids=[e for e, _ in ENCODED])
def test_arabic_in_any_encoding_is_read_right_and_its_places_found(
    tmp_path: Path, capsys, store: Store, gaz: Gazetteer, encoding: str, data: bytes
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    text = read_file(path).text
    assert all(word in text for word in AR_WORDS), text
    assert text.replace("\n", " ") == AR
    rc, fc, err = _run([str(path)], capsys)
    assert (rc, err) == (0, [])
    assert _places(fc, "article.txt") == {"Mosul", "Raqqa"}
    assert ingest_paths([path], store, gaz=gaz).added == (str(path),)
    assert store.document_text(store.documents()[0].doc_id) == text


def test_utf8_with_a_stray_byte_stays_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(_utf8_with_a_stray_byte(AR) + "\nفي الموصل".encode()[:-1])  # and cut in a letter at the end
    text = read_file(path).text
    assert text.count("\ufffd") == 2 and text.replace("\ufffd", "") == AR + "\nفي الموص"


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*-ar.txt"))[:3], ids=lambda p: p.stem)
@pytest.mark.parametrize("encoding", ["iso-8859-6", "cp1256"])
def test_a_whole_arabic_article_in_an_old_code_page_gives_the_same_places(
    tmp_path: Path, capsys, gaz: Gazetteer, seed: Path, encoding: str
) -> None:
    original = seed.read_text(encoding="utf-8")
    path = tmp_path / seed.name
    path.write_bytes(original.encode(encoding, errors="replace"))  # the odd quote mark becomes "?"
    _, utf8, _ = _run([str(seed)], capsys)
    rc, old, err = _run([str(path)], capsys)
    assert (rc, err) == (0, [])
    assert _places(old, seed.name) == _places(utf8, seed.name) and _places(utf8, seed.name)


def test_broken_utf16_is_read_not_crashed_on(tmp_path: Path, capsys, gaz: Gazetteer) -> None:
    cut = tmp_path / "cut.txt"  # an odd number of bytes: the last character cut in half
    cut.write_bytes(codecs.BOM_UTF16_LE + AR.encode("utf-16-le") + b"\x06")
    lone = tmp_path / "lone.txt"  # a lone high surrogate in the middle
    lone.write_bytes(codecs.BOM_UTF16_LE + EN.encode("utf-16-le") + b"\x00\xd8" + EN.encode("utf-16-le"))
    rc, fc, err = _run([str(cut), str(lone)], capsys)
    assert (rc, err) == (0, [])
    assert _places(fc, "cut.txt") == _places(fc, "lone.txt") == {"Mosul", "Raqqa"}
    assert "\ufffd" in read_file(lone).text


# --- mixed scripts: offsets stay true ------------------------------------------------------------------------------

MIXED = (
    "Clashes in Mosul 🔥 today.\n\u200fاشتباكات عنيفة في \u200fالموصل\u200f 🇮🇶 ثم نزوح نحو الرقة.\u200e "
    "Families fled to Raqqa 👨‍👩‍👧 and to حلب. قصفٌ على المَوْصِل وبالرقة."
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-8-sig"])
def test_mixed_arabic_english_emoji_and_direction_marks(tmp_path: Path, capsys, gaz: Gazetteer, encoding: str) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(MIXED.encode(encoding))
    text = read_file(path).text
    assert text == MIXED
    rc, fc, err = _run([str(path)], capsys)
    assert (rc, err) == (0, [])
    for f in fc["features"]:
        p = f["properties"]
        assert 0 <= p["start"] < p["end"] <= len(text)
        if p["kind"] == "place":
            assert text[p["start"] : p["end"]] == p["surface"]
        assert p["evidence"] in text
    assert _places(fc, "mixed.txt") == {"Mosul", "Raqqa", "Aleppo"}


# --- web pages: the text, never the code ---------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title>سقوط الموصل<script>alert("title")</script></title>
<meta charset="utf-8"><style>body { color: red } .x::after { content: "<script>" }</style>
<script>document.write("<img src=x onerror=alert(1)>")</script>
<script src="https://evil.example/x.js"></script></head>
<body onload="alert('body')">
<p onclick="alert('p')">سيطر تنظيم داعش على مدينة <a href="javascript:alert('link')">الموصل</a>.</p>
<img src=x onerror="alert('img')"><p>Iraqi forces entered Mosul; families fled toward Raqqa.
<script>var stolen = document.cookie;</script></p>
<svg onload="alert('svg')"><script>alert('svg script')</script></svg><noscript>Enable JavaScript</noscript>
<iframe src="javascript:alert('frame')">frame text</iframe><!-- <script>alert('comment')</script> -->
<p>وفرت عائلات نحو <b>الرقة</b>.</p><template><script>alert('tpl')</script></template>
<p>Last paragraph.</p><script>unclosed
</body></html>"""
KEPT = (
    "سقوط الموصل",
    "سيطر تنظيم داعش على مدينة الموصل.",
    "Iraqi forces entered Mosul",
    "وفرت عائلات نحو الرقة",
    "Last paragraph.",
)
DROPPED = (
    "<script",
    "alert",
    "javascript:",
    "onerror",
    "onload",
    "document.",
    "color: red",
    "evil.example",
    "Enable JavaScript",
    "frame text",
    "stolen",
)


def _page_inputs(tmp_path: Path) -> dict[str, list[str]]:
    """The page as .html, as .htm, as a .txt that is a page, and as a JSON Lines record: CLI arguments each."""
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "page.htm").write_bytes(PAGE.encode("cp1256", errors="replace"))
    (tmp_path / "saved.txt").write_text("<!-- saved from url=(0014)about:internet -->\n" + PAGE, encoding="utf-8")
    (tmp_path / "pages.jsonl").write_text(json.dumps({"id": "scraped", "text": PAGE}) + "\n", encoding="utf-8")
    return {
        "page.html": [str(tmp_path / "page.html")],
        "page.htm": [str(tmp_path / "page.htm")],
        "saved.txt": [str(tmp_path / "saved.txt")],
        "scraped": ["--jsonl", str(tmp_path / "pages.jsonl")],
    }


@pytest.mark.parametrize("doc", ["page.html", "page.htm", "saved.txt", "scraped"])
def test_a_web_page_gives_its_text_and_never_its_code(tmp_path: Path, capsys, gaz: Gazetteer, doc: str) -> None:
    argv = _page_inputs(tmp_path)[doc]
    rc, fc, err = _run(argv, capsys)
    assert (rc, err) == (0, [])
    assert _places(fc, doc) == {"Mosul", "Raqqa"}
    strings = list(_strings(fc))
    for bad in DROPPED:
        assert not [s for s in strings if bad in s.lower()], bad
    evidence = " ".join(f["properties"]["evidence"] for f in fc["features"])
    assert "الموصل" in evidence and "Raqqa" in evidence


def test_a_web_page_is_stored_as_its_text(tmp_path: Path, store: Store, gaz: Gazetteer) -> None:
    paths = [p for argv in _page_inputs(tmp_path).values() for p in argv if p != "--jsonl"]
    report = ingest_paths(paths, store, gaz=gaz)
    assert report.failed == ()
    texts = [store.document_text(d.doc_id) or "" for d in store.documents()]
    assert texts
    for text in texts:
        assert all(k in text for k in KEPT), text
        assert not [bad for bad in DROPPED if bad in text.lower()]
    for f in store.query():
        assert not [s for s in _strings(f) if "<script" in s.lower() or "alert(" in s]


def test_markup_in_a_plain_text_article_stays_text(tmp_path: Path, capsys, gaz: Gazetteer) -> None:
    """Not a page, so nothing is removed: offsets stay true, and the output is JSON data (any HTML page
    showing it escapes it, see tests/dashboard); the JSON itself holds no raw control characters."""
    text = "<script>alert('x')</script> Clashes in Mosul.\n<img src=x onerror=alert(1)> قصف على الرقة\x1b\x7f."
    path = tmp_path / "note.txt"
    path.write_text(text, encoding="utf-8")
    rc = extract_main([str(path)])
    out, err = capsys.readouterr()
    assert (rc, err) == (0, "")
    assert "\x1b" not in out  # escaped as \u001b
    fc = json.loads(out)
    for f in fc["features"]:
        p = f["properties"]
        if p["kind"] == "place":
            assert text[p["start"] : p["end"]] == p["surface"]
    assert _places(fc, "note.txt") == {"Mosul", "Raqqa"}


# --- 50 MB of text: refused before it is read ----------------------------------------------------------------------

BIG_BYTES = 50 * 1024 * 1024


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "dump.txt"
    line = ("Clashes in Mosul and Raqqa. اشتباكات في الموصل والرقة. " * 20 + "\n").encode("utf-8")
    with path.open("wb") as fh:
        for _ in range(BIG_BYTES // len(line) + 1):
            fh.write(line)
    assert path.stat().st_size > BIG_BYTES > MAX_FILE_BYTES
    return path


def test_a_50_mb_file_is_refused_with_the_limit_and_the_batch_goes_on(
    tmp_path: Path, capsys, store: Store, gaz: Gazetteer, big_file: Path
) -> None:
    good = _good_files(tmp_path / "good")
    rc, fc, err = _run([str(big_file), *map(str, good)], capsys)
    assert rc == 1 and len(err) == 1
    assert err[0].startswith(f"error: {big_file}: ")
    assert f"{MAX_FILE_BYTES:,}" in err[0] and "limit" in err[0] and "split" in err[0]
    assert _docs(fc) == set(GOOD)
    report = ingest_paths([big_file, *good], store, gaz=gaz)
    assert [p.where() for p in report.failed] == [str(big_file)] and len(report.added) == 2


_PEAK = textwrap.dedent("""
    import resource, sys
    sys.path.insert(0, {root!r})
    from extract.cli import main
    rc = main(sys.argv[1:])
    print("PEAK", rc, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
""")


def _peak_kib(path: Path) -> tuple[int, int]:
    """(exit status, peak resident memory in KiB) of `python -m extract PATH` in a child process."""
    code = _PEAK.format(root=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120, cwd=ROOT, check=False
    )
    peak = [line.split() for line in proc.stderr.splitlines() if line.startswith("PEAK ")]
    assert peak, proc.stderr
    return int(peak[0][1]), int(peak[0][2])


@pytest.mark.slow
def test_a_50_mb_file_is_never_read_into_memory(tmp_path: Path, big_file: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    rc_small, base = _peak_kib(empty)
    rc_big, peak = _peak_kib(big_file)
    assert rc_small == rc_big == 1
    # Reading the file would cost at least its 50 MB (and decoding it as much again).
    assert peak - base < 15 * 1024, f"peak {peak} KiB against {base} KiB for an empty file"


# --- JSON Lines: the good records all extracted, each bad line reported once ---------------------------------------


def _jsonl_batch() -> tuple[bytes, set[str], set[int]]:
    """(file bytes, ids of the good records, numbers of the bad lines)."""
    rec = [
        ("good", {"id": "ar-1", "text": AR, "date": "2015-11-19", "lang": "ar"}),
        ("bad", "{not json at all"),
        ("good", {"id": "en-1", "text": EN}),
        ("bad", "[1, 2, 3]"),
        ("bad", {"id": "no-text"}),
        ("bad", {"text": "no id: Mosul"}),
        ("bad", {"id": "n", "text": 42}),
        ("blank", ""),
        ("bad", {"id": "e", "text": "   \n "}),
        ("bad", {"id": "d", "text": EN, "date": "last Tuesday"}),
        ("bad", {"id": "d2", "text": EN, "date": "2015-13-45"}),
        ("bad", '{"id": ' + "9" * 5000 + ', "text": "Mosul"}'),  # past Python's digit limit
        ("bad", "[" * 50_000 + "]" * 50_000),  # deeper than the parser's recursion
        ("bad", '{"id": "cut", "text": "Mosul'),
        ("good", {"id": "surrogate", "text": "Clashes in Mosul \ud800 and Raqqa."}),
        ("good", {"id": "controls", "text": "Clashes\x00 in \x1bMosul\u2028 and Raqqa.", "title": "<b>x</b>"}),
        ("good", {"id": 7, "text": "اشتباكات في الموصل والرقة", "extra": {"ignored": True}}),
        ("bad", "\x00\x01\x02 binary junk"),
        ("bad", {"id": "two\nlines\r", "text": " "}),  # the error still one line
        ("good", {"id": "no-date", "text": "Clashes near Mosul.", "date": "", "title": None}),
        ("good", {"id": "last", "text": "Families fled toward Raqqa from Mosul."}),
    ]
    lines, good, bad = [], set(), set()
    for no, (what, value) in enumerate(rec, start=1):
        if isinstance(value, str):
            lines.append(value)
        else:  # the lone surrogate as the escape "\ud800", the others either way
            lines.append(json.dumps(value, ensure_ascii=no % 2 == 0 or value.get("id") == "surrogate"))
        if what == "good":
            good.add(str(value["id"]))
        elif what == "bad":
            bad.add(no)
    return codecs.BOM_UTF8 + "\n".join(lines).encode("utf-8", "surrogatepass") + b"\n", good, bad


def test_cli_jsonl_keeps_every_good_record_and_reports_each_bad_line_once(
    tmp_path: Path, capsys, gaz: Gazetteer
) -> None:
    data, good, bad = _jsonl_batch()
    path = tmp_path / "batch.jsonl"
    path.write_bytes(data)
    rc, fc, err = _run(["--jsonl", str(path)], capsys)
    assert rc == 1
    assert _docs(fc) == good
    numbers = [int(line.split(":")[2].split()[0]) for line in err]
    assert sorted(numbers) == sorted(bad)  # each bad line once, by its number (blank lines counted)
    assert all(line.startswith(f"error: {path}:") for line in err)
    for doc in good:
        assert "Mosul" in _places(fc, doc)
    assert "\ud800" not in json.dumps(fc, ensure_ascii=False, allow_nan=False).encode("utf-8", "replace").decode()


def test_ingest_jsonl_keeps_every_good_record_and_reports_each_bad_line_once(
    tmp_path: Path, store: Store, gaz: Gazetteer
) -> None:
    data, good, bad = _jsonl_batch()
    path = tmp_path / "batch.jsonl"
    path.write_bytes(data)
    report = ingest_paths([path], store, gaz=gaz)
    assert sorted(report.added) == sorted(f"{path}#{i}" for i in good)
    assert sorted(p.line for p in report.failed) == sorted(bad)
    assert all("\n" not in p.reason for p in report.failed)
    assert {d.name for d in store.documents()} == good
    stored = {d.name: store.document_text(d.doc_id) for d in store.documents()}
    assert stored["surrogate"] == "Clashes in Mosul \ufffd and Raqqa."
    assert stored["controls"] == "Clashes\ufffd in \x1bMosul\u2028 and Raqqa."  # U+0000: U+FFFD in every store


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("photo.jsonl", PNG + bytes(range(256)) * 40, "PNG"),
        ("dump.jsonl", bytes(range(256)) * 40, "binary"),
    ],
)
def test_a_binary_jsonl_is_one_error_not_one_per_line(
    tmp_path: Path, capsys, store: Store, gaz: Gazetteer, name: str, data: bytes, fragment: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    good = _good_files(tmp_path / "good")
    rc, fc, err = _run([*map(str, good), "--jsonl", str(path)], capsys)
    assert rc == 1 and len(err) == 1 and fragment in err[0] and str(path) in err[0]
    assert _docs(fc) == set(GOOD)
    report = ingest_paths([path, *good], store, gaz=gaz)
    assert len(report.failed) == 1 and len(report.added) == 2


def test_utf16_jsonl_is_read(tmp_path: Path, capsys, gaz: Gazetteer) -> None:
    path = tmp_path / "u16.jsonl"
    lines = [json.dumps({"id": "a", "text": AR}, ensure_ascii=False), json.dumps({"id": "b", "text": EN})]
    path.write_bytes("\n".join(lines).encode("utf-16"))
    rc, fc, err = _run(["--jsonl", str(path)], capsys)
    assert (rc, err) == (0, [])
    assert _places(fc, "a") == _places(fc, "b") == {"Mosul", "Raqqa"}


def test_a_jsonl_that_cannot_be_opened_keeps_the_files_results(tmp_path: Path, capsys, gaz: Gazetteer) -> None:
    good = _good_files(tmp_path / "good")
    rc, fc, err = _run([*map(str, good), "--jsonl", str(tmp_path / "missing.jsonl")], capsys)
    assert rc == 1 and len(err) == 1 and "missing.jsonl" in err[0]
    assert _docs(fc) == set(GOOD)
