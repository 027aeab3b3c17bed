"""Page load to map drawn, in headless Chromium, with 1,000 and 10,000 events.

    .venv/bin/python bench/bench_dashboard.py [--sizes 1000 10000] [--runs 3]

For each size: a synthetic store (events spread over Iraq and Syria, 50 an
article, plus a movement and a route every 100 events), the dashboard started
on it, then Chromium opens the page: once just after the server started
("server": it computes and caches the map), `runs` times as a first visit
(a new browser context, nothing cached: compared with the target), `runs`
times as a reload (assets cached). The clock runs from navigation until
every layer has drawn its data (`.kh-ready`, set after the last marker is
clustered); "whole" runs on to the table and the timeline below the map,
which a session's first visit draws once the map has. Also printed: the server-side steps of one cold build. Needs
`make assets` and `make browser`; map tiles are refused (offline).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard import layers, offline, payload  # noqa: E402
from dashboard.serve import CHROMIUM_ARGS, MAP_FRAME, find_chromium, running_app  # noqa: E402
from extract.lexicons import actors  # noqa: E402
from geodata.records import (  # noqa: E402
    ActorRef,
    DocumentRecord,
    EventRecord,
    MovementRecord,
    PlaceRef,
    Record,
    RouteRecord,
    Span,
    dated,
    feature_id,
)
from geodata.store import Store  # noqa: E402

TARGET_S = 3.0
PER_DOC = 50
TYPES = (
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Violence against civilians", "Attack"),
    ("Strategic developments", "Agreement"),
    ("Protests", "Peaceful protest"),
)
ACTORS = (
    "ISIS",
    "Iraqi army",
    "SDF (Syrian Democratic Forces)",
    "Syrian government forces",
    "Syrian rebels",
    "Popular Mobilization Forces",
    "Peshmerga (Kurdistan Region)",
)
_ACTOR_DEFS = {d.name: d for d in actors()[0]}
TOWNS = (
    ("Mosul", "الموصل", 43.13, 36.34),
    ("Raqqa", "الرقة", 39.01, 35.95),
    ("Deir ez-Zor", "دير الزور", 40.14, 35.34),
    ("Ramadi", "الرمادي", 43.3, 33.42),
    ("Aleppo", "حلب", 37.16, 36.2),
    ("Kirkuk", "كركوك", 44.39, 35.47),
    ("Tikrit", "تكريت", 43.68, 34.6),
    ("Palmyra", "تدمر", 38.28, 34.56),
    ("Fallujah", "الفلوجة", 43.78, 33.35),
)


def _sentence(rng: random.Random, i: int, town: tuple[str, str, float, float], arabic: bool) -> str:
    if arabic:
        return (
            f"أفادت مصادر محلية باندلاع اشتباكات عنيفة في محيط {town[1]} صباح اليوم، وقالت إن الطيران "
            f"شن غارات على مواقع عدة في المنطقة (خبر {i})."
        )
    return (
        f"Local sources said heavy clashes broke out near {town[0]} on Monday morning as aircraft struck "
        f"several positions around the town (report {i}, {rng.randint(2, 40)} killed)."
    )


def _actor(rng: random.Random) -> ActorRef:
    """One of ACTORS as extraction gives it: canonical name, id and family from actors.csv."""
    d = _ACTOR_DEFS[rng.choice(ACTORS)]
    return ActorRef(d.name, d.actor_id, d.family)


def _place(town: tuple[str, str, float, float], lon: float, lat: float, span: Span | None = None) -> PlaceRef:
    return PlaceRef(town[0], lat, lon, name_ar=town[1], country_code="IQ" if town[2] > 42 else "SY", span=span)


def _records(
    rng: random.Random,
    key: str,
    i: int,
    town: tuple[str, str, float, float],
    text: str,
    pos: int,
    day: date,
    arabic: bool,
) -> list[Record]:
    """The event of sentence `i` (at `pos` in the document), and every 100th a movement and a route."""
    lang, sentence = ("ar" if arabic else "en"), Span(pos, pos + len(text))
    common = {"doc": key, "lang": lang, "evidence": text, "evidence_span": sentence}
    name = town[1] if arabic else town[0]
    at = text.index(name)
    word = "اشتباكات" if arabic else "clashes"
    trigger = text.index(word)
    etype, sub = rng.choice(TYPES)
    lon, lat = round(town[2] + rng.uniform(-1.2, 1.2), 5), round(town[3] + rng.uniform(-0.9, 0.9), 5)
    out: list[Record] = [
        EventRecord(
            feature_id=feature_id(key, "event", i),
            **common,
            span=Span(pos + trigger, pos + trigger + len(word)),
            event_type=etype,
            sub_event_type=sub,
            place=_place(town, lon, lat, Span(pos + at, pos + at + len(name))),
            geo_precision=rng.choice((1, 1, 2, 3)),
            actor1=_actor(rng),
            actor2=_actor(rng),
            date=dated(day),
        )
    ]
    if i % 100 == 0:
        a, b = rng.sample(TOWNS, 2)
        via = (_place(a, a[2], a[3]), _place(b, b[2], b[3]))
        out.append(
            MovementRecord(
                feature_id=feature_id(key, "movement", i), **common, waypoints=via, actor=_actor(rng), date=dated(day)
            )
        )
        out.append(
            RouteRecord(
                feature_id=feature_id(key, "route", i),
                **common,
                name=f"{a[0]}–{b[0]} road",
                via=via,
                controlled_by=_actor(rng),
            )
        )
    return out


def _document(rng: random.Random, d: int, first: int, n: int) -> tuple[DocumentRecord, list[Record]]:
    sentences, records, pos = [], [], 0
    day = date(2014, 6, 1) + timedelta(days=rng.randint(0, 1300))
    arabic = d % 2 == 0
    key = f"synthetic-{d:05d}"
    for i in range(first, first + n):
        town = rng.choice(TOWNS)
        text = _sentence(rng, i, town, arabic)
        records += _records(rng, key, i, town, text, pos, day, arabic)
        sentences.append(text)
        pos += len(text) + 1
        day += timedelta(days=rng.randint(0, 2))
    body = "\n".join(sentences)
    doc = DocumentRecord(
        name=f"{key}.txt",
        text=body,
        lang="ar" if arabic else "en",
        title=f"Synthetic report {d}",
        published=day,
        source="Bench Wire",
    )
    return doc, records


def make_store(path: Path, n_events: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    with Store.open(path) as store:
        for d, first in enumerate(range(0, n_events, PER_DOC)):
            doc, records = _document(rng, d, first, min(PER_DOC, n_events - first))
            store.add_document(doc, records)


def server_steps(path: Path) -> dict[str, float]:
    """Time the server's work for one cold map: query, payload, publishing, folium build and render."""
    from dashboard.markup import DocMeta

    t = time.perf_counter()
    with Store.open(path) as store:
        records = store.query()
        q = time.perf_counter()
        docs = {d.doc_id: DocMeta(d.title, d.source, d.date, d.name) for d in store.documents()}
        numbers, pages = payload.popup_pages(records)
        n = time.perf_counter()
        data = payload.map_payload(records, docs=docs, popups=numbers)
    p = time.perf_counter()
    files = layers.DataFiles(
        offline.publish_json(payload.rows_of(data)), [offline.publish_json(c, prefix="popups-") for c in pages]
    )
    w = time.perf_counter()
    m = layers.build_map(payload.without_rows(data), data_url=files, tiles_url=offline.TILES_URL)
    offline.localise(m)
    html = m.get_root().render()
    r = time.perf_counter()
    size = (offline.DATA_DIR / files.rows.partition("?")[0].rsplit("/", 1)[-1]).stat().st_size
    return {
        "query": q - t,
        "popups": n - q,
        "payload": p - n,
        "publish": w - p,
        "render": r - w,
        "data_mb": size / 1e6,
        "script_kb": len(html.encode()) / 1e3,
    }


def _load(page, url: str) -> float:
    """Seconds from navigation start to the map's `kh-ready` mark, both clocks read in the browser
    (Playwright's own polling of the frame would add up to half a second)."""
    page.goto(url)
    ready = page.frame_locator(MAP_FRAME).locator(".leaflet-container.kh-ready")
    ready.wait_for(state="attached", timeout=120_000)
    ready_at = float(ready.get_attribute("data-ready-at"))
    return (ready_at - page.evaluate("performance.timeOrigin")) / 1000


# The page is whole: the table and the timeline below the map are drawn (a session's first visit draws
# them once the map has, `dashboard.map_view`).
WHOLE = """document.querySelector('[data-testid="stDataFrame"]')
    && document.querySelector('.vega-embed canvas, .vega-embed svg')"""


def _whole(page) -> float:
    """Seconds from navigation start to the table and the timeline drawn (polled every 20 ms)."""
    page.wait_for_function(WHOLE, timeout=120_000, polling=20)
    return page.evaluate("performance.now()") / 1000


FILTER_TARGET_S = 1.0
# A map of the page's frames whose drawing was finished after `t0` (epoch ms): the redrawn map.
REDRAWN = """t0 => [...document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]')].some(f => {
    const el = f.contentDocument && f.contentDocument.querySelector('.leaflet-container.kh-ready');
    return !!el && Number(el.dataset.readyAt) > t0; })"""
# When the map last finished drawing (epoch ms, the latest of the page's map frames).
READY_AT = """() => Math.max(...[...document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]')].map(f => {
    const el = f.contentDocument && f.contentDocument.querySelector('.leaflet-container.kh-ready');
    return el ? Number(el.dataset.readyAt) : 0; }))"""


def _filter_change(page, actor: str) -> float:
    """Seconds from choosing an actor in the sidebar (Enter in its picker) to the map redrawn with it, both
    clocks read in the browser (the frame's `data-ready-at`, as for a visit: Playwright's polling, which waits
    for the page's other work, is not the map's)."""
    picker = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Actors")
    box = picker.locator("input")
    box.click()
    box.fill(actor)
    t0 = page.evaluate("Date.now()")
    box.press("Enter")
    page.wait_for_function(REDRAWN, arg=t0, timeout=120_000, polling=20)
    return (page.evaluate(READY_AT) - t0) / 1000


def load_times(
    url: str, executable: str, runs: int
) -> tuple[float, list[float], list[float], list[float], list[float]]:
    """(first load after the server started, first visits with an empty browser cache, the same visits to the
    whole page, reloads, filter changes: an actor chosen on a page just loaded and whole, a different actor
    each time)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        try:

            def fresh() -> tuple[object, object]:
                context = browser.new_context(viewport={"width": 1440, "height": 1000})
                context.route("**/tile.openstreetmap.org/**", lambda route: route.abort())  # offline
                return context, context.new_page()

            context, page = fresh()
            cold = _load(page, url)
            context.close()
            visits, wholes = [], []
            for _ in range(runs):
                context, page = fresh()
                visits.append(_load(page, url))
                wholes.append(_whole(page))
                context.close()
            context, page = fresh()
            _load(page, url)
            reloads = [_load(page, url) for _ in range(runs)]
            changes = []
            for actor in ACTORS[:runs]:
                _load(page, url)
                _whole(page)  # a filter chosen on a page whole, as an analyst does
                changes.append(_filter_change(page, actor))
            context.close()
        finally:
            browser.close()
    return cold, visits, wholes, reloads, changes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=3, help="warm loads per size (after one cold load)")
    args = ap.parse_args()
    executable = find_chromium()
    if not executable or offline.missing_assets():
        print("needs headless Chromium (`make browser`) and the map's assets (`make assets`)")
        return 2
    load = os.getloadavg()[0]
    print(f"{os.cpu_count()} CPUs, load average {load:.1f} before the run (other work here slows the browser)")
    print(
        f"{'events':>8} {'server':>8} {'visit':>8} {'reload':>8} {'target':>8}      {'whole':>8} "
        f"{'filter':>8} {'target':>8}"
        "      server-side steps (s), data file"
    )
    worst = 0.0
    with tempfile.TemporaryDirectory(prefix="khareeta-bench-") as tmp:
        for n in args.sizes:
            db = Path(tmp) / f"bench-{n}.sqlite"
            make_store(db, n)
            steps = server_steps(db)
            with running_app(db) as url:
                cold, visits, wholes, reloads, changes = load_times(url, executable, args.runs)
            visit, reload, change = statistics.median(visits), statistics.median(reloads), statistics.median(changes)
            whole = statistics.median(wholes)
            worst = max(worst, visit / TARGET_S, change / FILTER_TARGET_S)
            ok = "ok" if visit <= TARGET_S else "SLOW"
            ok2 = "ok" if change <= FILTER_TARGET_S else "SLOW"
            print(
                f"{n:>8,} {cold:>8.2f} {visit:>8.2f} {reload:>8.2f} {f'<= {TARGET_S:.0f}':>8} {ok:<4} "
                f"{whole:>8.2f} {change:>8.2f} {f'<= {FILTER_TARGET_S:.0f}':>8} {ok2:<4} "
                f"query {steps['query']:.2f}, popups {steps['popups']:.2f}, payload {steps['payload']:.2f}, "
                f"publish {steps['publish']:.2f}, "
                f"render {steps['render']:.2f}; rows file {steps['data_mb']:.2f} MB, "
                f"script {steps['script_kb']:.0f} kB"
            )
    print(
        "server: first load after the server started; visit: median first visit (empty browser cache); "
        "reload: median reload (cached assets). Clock: navigation -> every layer drawn. whole: the same first "
        "visits, navigation -> the table and the timeline drawn too (they follow the map). filter: median "
        "time from choosing an actor in the sidebar to the map redrawn with it."
    )
    return 0 if worst <= 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
