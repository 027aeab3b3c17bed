"""Map layers are pure functions of the features: styles, rows, highlights, a map that loads
nothing from outside the app, and no way for article text to become markup or script."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dashboard import basemap, layers, offline
from dashboard.markup import DocMeta, esc
from geodata.store import Store
from geodata.store.filters import Filters

XSS_IMG = '<img src=x onerror="window.__xss=1">'
XSS_SCRIPT = "</script><script>window.__xss=2</script>"


def feature(kind: str, fid: str = "d1-0", **props) -> dict:
    coords = props.pop("coords", [43.13, 36.34])
    geom = ({"type": "Point", "coordinates": coords} if isinstance(coords[0], float)
            else {"type": "LineString", "coordinates": coords})
    return {"type": "Feature", "id": fid, "geometry": geom,
            "properties": {"kind": kind, "doc": "d1", "lang": "en", **props}}


@pytest.fixture(scope="module")
def seed_features(seeded_db_file: Path) -> tuple[list[dict], dict, dict, dict]:
    with Store.open(seeded_db_file) as s:
        feats = s.query()
        docs = {d.doc_id: DocMeta(d.title, d.source, d.date, d.name) for d in s.documents()}
        texts = {d: s.document_text(d) for d in docs}
    return feats, docs, texts, layers.mentions_of(feats)


@pytest.mark.parametrize(("actor", "family"), [
    ("ISIS", "ISIS"), ("SDF (Syrian Democratic Forces)", "Kurdish forces"),
    ("Peshmerga (Kurdistan Region)", "Kurdish forces"), ("Iraqi army", "Iraqi government"),
    ("Popular Mobilization Forces", "Popular Mobilization Forces"), ("Syrian government forces", "Syrian government"),
    ("Free Syrian Army", "Syrian rebels"), ("", "Not stated"), ("Someone new", "Other"),
])
def test_actor_families_colour_routes_and_movements(actor: str, family: str) -> None:
    assert layers.actor_family(actor)[0] == family


def test_route_style_dashes_a_cut_road() -> None:
    assert layers.route_style("ISIS", "cut by ISIS")["dashed"]
    assert not layers.route_style("Iraqi army", "")["dashed"]
    assert layers.route_style("ISIS", "")["color"] != layers.route_style("Iraqi army", "")["color"]


def test_every_acled_event_type_has_its_own_colour() -> None:
    assert len(set(layers.EVENT_COLORS.values())) == 6
    assert layers.event_color("Something else") == layers.OTHER_COLOR


def test_payload_of_the_seeds_has_every_kind_in_lat_lon_order(seed_features) -> None:
    feats, docs, texts, mentions = seed_features
    payload = layers.map_payload(feats, docs=docs, texts=texts, mentions=mentions)
    n = {k: sum(f["properties"]["kind"] == k for f in feats) for k in layers.KIND_ORDER}
    assert [len(payload[k + "s"]) for k in layers.KIND_ORDER] == [n[k] for k in layers.KIND_ORDER]
    (s, w), (north, e) = payload["bounds"]
    assert 29 < s < north < 42 and 28 < w < e < 48  # latitudes, then longitudes; places named in passing
    #                                                 (Paris, the United States) do not stretch the view
    lat, lon = payload["events"][0][:2]
    assert 29 < lat < 42 and 35 < lon < 48
    movement = next(m for m in payload["movements"] if len(m["c"]) >= 3)
    assert all(29 < lat < 42 for lat, _ in movement["c"])
    assert payload["span"][0] < payload["span"][1]
    assert len(payload["docs"]) == len({f["properties"]["doc"] for f in feats})


def test_movement_vertices_keep_the_travel_order(seed_features) -> None:
    feats, *_ = seed_features
    mv = next(f for f in feats if f["properties"]["kind"] == "movement" and len(f["properties"]["waypoints"]) == 4)
    row = next(r for r in layers.map_payload([mv])["movements"])
    assert row["c"] == [[round(lat, 5), round(lon, 5)] for lon, lat in mv["geometry"]["coordinates"]]


def test_place_popups_highlight_exactly_the_mention(seed_features) -> None:
    feats, _docs, texts, mentions = seed_features
    places = [f for f in feats if f["properties"]["kind"] == "place"]
    for f in places[:80]:
        p = f["properties"]
        html = layers.evidence_html(f, texts[p["doc"]], mentions[p["doc"]])
        surface = texts[p["doc"]][p["start"]:p["end"]]
        assert f'<mark class="kh-m">{esc(surface)}</mark>' in html, (surface, html)


def test_event_popups_highlight_trigger_and_location_movement_popups_the_waypoints(seed_features) -> None:
    feats, _docs, texts, mentions = seed_features
    ev = next(f for f in feats if f["properties"]["kind"] == "event" and f["properties"].get("trigger_start"))
    html = layers.evidence_html(ev, texts[ev["properties"]["doc"]], mentions[ev["properties"]["doc"]])
    assert '<mark class="kh-t">' in html
    mv = next(f for f in feats if f["properties"]["kind"] == "movement" and f["properties"]["lang"] == "ar")
    html = layers.evidence_html(mv, texts[mv["properties"]["doc"]], mentions[mv["properties"]["doc"]])
    assert html.count('<mark class="kh-m">') >= 2 and 'dir="rtl"' in html


def test_js_json_cannot_close_a_script_or_open_markup() -> None:
    text = layers.js_json({"evidence": XSS_SCRIPT + XSS_IMG + "\u2028&"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"evidence": XSS_SCRIPT + XSS_IMG + "\u2028&"}


@pytest.mark.parametrize("attack", [XSS_IMG, XSS_SCRIPT, "javascript:alert(1)"])
def test_untrusted_text_is_escaped_in_every_layer_and_the_legend(attack: str) -> None:
    feats = [
        feature("event", "d1-1", event_type=attack, actor1=attack, location=attack, evidence=f"In Mosul {attack}.",
                start=0, end=len(f"In Mosul {attack}.")),
        feature("movement", "d1-2", actor=attack, waypoints=[attack, "Mosul"], evidence=attack,
                coords=[[39.0, 35.9], [43.1, 36.3]]),
        feature("route", "d1-3", name=attack, via=[attack], controlled_by=attack, status=attack, evidence=attack,
                coords=[[39.0, 35.9], [43.1, 36.3]]),
        feature("place", "d1-4", name=attack, name_ar=attack, surface=attack, evidence=attack, start=0,
                end=len(attack)),
    ]
    payload = layers.map_payload(feats, docs={"d1": DocMeta(title=attack, source=attack, date="2016-01-01")})
    popups = [r[-1] for r in payload["events"]] + [r["p"] for r in payload["movements"]] + [
        r["p"] for r in payload["routes"]] + [r[-1] for r in payload["places"]] + payload["docs"]
    for html in [*popups, layers.legend_html(payload)]:
        assert "<script" not in html and "<img" not in html and "href" not in html, html
    m = layers.build_map(payload)
    rendered = m.get_root().render()
    assert "<img" not in rendered and "<script>window" not in rendered  # present only as escaped data
    assert rendered.count("<script") == rendered.count("</script>")


def test_map_loads_leaflet_and_plugins_only_from_the_app(seed_features) -> None:
    feats, docs, texts, mentions = seed_features
    m = layers.build_map(layers.map_payload(feats, docs=docs, texts=texts, mentions=mentions),
                         countries=basemap.countries(), tiles_url=offline.TILES_URL)
    offline.localise(m, bundle=False)
    assert offline.external_links(m) == []
    html = m.get_root().render()
    links = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert links and all(u.startswith("/app/static/") for u in links), links
    for rel in (*offline.JS_FILES, *offline.CSS_FILES):
        assert f"/app/static/{rel}" in html
    assert "cdn" not in html.lower() and "font-awesome" not in html.lower() and "bootstrap" not in html.lower()


def test_the_script_bundle_holds_leaflet_its_plugins_and_the_runtime_in_order() -> None:
    m = offline.localise(layers.build_map(layers.map_payload([])))
    [(_, url)] = m.default_js
    assert url.startswith("/app/static/cache/bundle-")
    text = (offline.STATIC_DIR / url.partition("?")[0].removeprefix("/app/static/")).read_text(encoding="utf-8")
    starts = [text.index(marker) for marker in ("Leaflet", "MarkerClusterGroup", "polylineDecorator", "Khareeta")]
    assert starts == sorted(starts)


def test_published_data_is_named_by_content_and_found_again() -> None:
    url = offline.publish_json({"events": [[36.3, 43.1]]}, prefix="test-")
    assert url.startswith("/app/static/cache/test-") and offline.published(url)
    assert offline.publish_json({"events": [[36.3, 43.1]]}, prefix="test-") == url
    (offline.DATA_DIR / url.partition("?")[0].rsplit("/", 1)[-1]).unlink()
    assert not offline.published(url)


def test_prefetch_names_only_this_apps_files() -> None:
    m = offline.localise(layers.build_map(layers.map_payload([])), prefetch=["/app/static/cache/map-1.json?v=2"])
    name, url = m.default_js[0]
    assert name == "prefetch" and "src=%2Fapp%2Fstatic%2Fcache%2Fmap-1.json%3Fv%3D2" in url
    assert 'charAt(1) === "/"' in (offline.STATIC_DIR / "prefetch.js").read_text()  # no protocol-relative URLs


def test_popups_split_from_rows_in_files_of_a_thousand(seed_features) -> None:
    feats, docs, *_ = seed_features
    many = [dict(feats[0], id=f"x-{i}") for i in range(2500)]
    payload = layers.map_payload([*many, *feats], docs=docs)
    rows, popups = layers.split_popups(payload)
    kind0 = many[0]["properties"]["kind"] + "s"
    assert [len(c) for c in popups[kind0]][:2] == [1000, 1000]
    assert sum(len(c) for c in popups[kind0]) == len(payload[kind0]) == len(rows[kind0])
    flat = [h for c in popups["events"] for h in c]
    assert flat == [r[-1] for r in payload["events"]]
    assert all("<" not in json.dumps(r) for part in layers.ROW_PARTS for r in rows[part])  # no HTML in the rows
    light = layers.without_rows(payload)
    assert light["n"] == payload["n"] and not light["events"]


def test_view_fits_the_bulk_of_the_data_not_one_far_outlier() -> None:
    lats = [36.0 + i / 100 for i in range(50)] + [39.8]
    lons = [43.0 + i / 100 for i in range(50)] + [-98.6]  # one event placed in the United States
    (s, w), (_n, e) = layers.fit_bounds(lats, lons)
    assert w > 40 and e < 44 and s >= 36.0
    five = layers.fit_bounds([36.0, 36.2, 36.3, 36.4, 39.8], [43.0, 43.1, 43.1, 43.2, -98.6])
    assert five == [[36.0, 43.0], [36.4, 43.2]]
    assert layers.fit_bounds([36.0, 39.8], [43.0, -98.6]) == [[36.0, -98.6], [39.8, 43.0]]  # half far: all
    assert layers.fit_bounds([], []) is None


def test_localised_urls_follow_the_base_path() -> None:
    assert offline.static_url("khareeta.js", base_path="/khareeta/").startswith("/khareeta/app/static/khareeta.js")


def test_vendored_assets_are_fetched() -> None:
    assert offline.missing_assets() == [], offline.ASSETS_HINT


def test_country_borders_come_from_local_data() -> None:
    fc = basemap.countries()
    by_code = {f["properties"]["iso2"]: f for f in fc["features"]}
    assert {"IQ", "SY", "TR", "JO", "IR", "SA"} <= set(by_code)
    lat, lon = by_code["IQ"]["properties"]["label"]
    assert 29 < lat < 38 and 38 < lon < 49
    assert len(json.dumps(fc)) < 400_000  # simplified: cheap to send with every map


def test_document_spans_mark_places_and_event_triggers(seeded_db_file: Path) -> None:
    with Store.open(seeded_db_file) as s:
        doc = next(d for d in s.documents() if d.name.startswith("mosul-2015"))
        feats = s.query(Filters(doc_ids=(doc.doc_id,)))
        text = s.document_text(doc.doc_id)
    spans = layers.document_spans(feats)
    assert {cls for *_, cls in spans} == {"kh-m", "kh-t"}
    assert "الرقة" in {text[a:b] for a, b, cls in spans if cls == "kh-m"}
