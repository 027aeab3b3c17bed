"""geodata/resolve.py: choose among a name's candidates, or abstain."""

from __future__ import annotations

from dataclasses import replace

import pytest

from extract.places import places_in_text
from extract.resolve import (
    ALIAS_ONLY,
    SAME_AREA_ALIAS,
    DocContext,
    alias_penalties,
    build_context,
    choose,
    context_score,
    km,
    plausible,
    prior,
)
from geodata import settings
from geodata.gazetteer.sources import GazEntry


def entry(
    gid: str,
    *,
    cc: str = "IQ",
    ftype: str = "town",
    lat: float = 36.0,
    lon: float = 43.0,
    pop: int = 10_000,
    source: str = "geonames",
    name: str = "",
) -> GazEntry:
    return GazEntry(gid, name or gid, "", ftype, cc, lat, lon, pop, (name or gid,), source)


NO_CONTEXT = DocContext(frozenset(), ())


# --- disambiguation in running text --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Fighting near Sinjar, west of Mosul, went on all week.",
        "اشتباكات قرب سنجار غربي الموصل",
    ],
)
def test_sinjar_near_mosul_is_the_iraqi_town(gaz, find_place, text: str) -> None:
    assert {e.country_code for e in gaz.candidates("Sinjar")} >= {"IQ", "SY"}  # really ambiguous
    p = find_place(places_in_text(text, gaz), "Sinjar" if "Sinjar" in text else "سنجار")
    assert p is not None
    assert p.country_code == "IQ"
    assert p.lat == pytest.approx(36.32, abs=0.05)
    assert p.lon == pytest.approx(41.88, abs=0.05)


@pytest.mark.parametrize(
    ("text", "surface"),
    [("The summit was held in Paris on Monday.", "Paris"), ("عقد الاجتماع في باريس يوم الاثنين", "باريس")],
)
def test_paris_alone_is_the_french_capital(gaz, find_place, text: str, surface: str) -> None:
    assert len(gaz.candidates("Paris")) >= 1
    p = find_place(places_in_text(text, gaz), surface)
    assert p is not None
    assert p.country_code == "FR"
    assert p.lat == pytest.approx(48.86, abs=0.1)


@pytest.mark.parametrize(
    ("text", "cc"),
    [
        ("He grew up in Athens, Georgia, and studied there.", "US"),
        ("He grew up in Athens, Greece, and studied there.", "GR"),
    ],
)
def test_athens_follows_the_state_or_country_after_it(gaz, find_place, text: str, cc: str) -> None:
    assert {"US", "GR"} <= {e.country_code for e in gaz.candidates("Athens")}
    p = find_place(places_in_text(text, gaz), "Athens")
    assert p is not None
    assert p.country_code == cc


def test_athens_georgia_is_not_placed_in_the_country_georgia(gaz) -> None:
    # "Georgia" after a US town is the state; no point in the Caucasus.
    places = places_in_text("He grew up in Athens, Georgia, and studied there.", gaz)
    assert "GE" not in {p.country_code for p in places}


def test_tiny_far_away_village_alone_is_abstained(gaz) -> None:
    cands = gaz.candidates("Hallstatt")
    # the name is in the gazetteer, only as a small place far from the region
    assert cands
    assert all(e.population < 5_000 and e.country_code not in settings.FOCUS_COUNTRIES for e in cands)
    assert places_in_text("They walked to Hallstatt.", gaz) == []


def test_tiny_village_is_kept_when_the_document_names_its_country(gaz) -> None:
    # positive control for the abstention above
    places = places_in_text("Tourists visited Hallstatt, Austria.", gaz)
    assert [(p.surface, p.country_code) for p in places] == [("Hallstatt", "AT"), ("Austria", "AT")]


def test_confidence_is_a_probability(gaz) -> None:
    places = places_in_text("Fighting near Sinjar, west of Mosul, and in Raqqa and Paris.", gaz)
    assert places
    assert all(0.0 < p.confidence <= 0.99 for p in places)


# --- km ----------------------------------------------------------------------


def test_km_known_distances() -> None:
    assert km(36.335, 43.119, 36.335, 43.119) == pytest.approx(0.0, abs=1e-9)
    assert km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(344, abs=5)  # Paris-London
    assert km(36.335, 43.119, 35.953, 39.008) == pytest.approx(370, abs=10)  # Mosul-Raqqa
    assert km(1, 2, 3, 4) == pytest.approx(km(3, 4, 1, 2))


# --- prior -------------------------------------------------------------------


def test_prior_prefers_wider_features() -> None:
    assert (
        prior(entry("c", ftype="country", pop=0))
        > prior(entry("g", ftype="governorate", pop=0))
        > prior(entry("t", ftype="city", pop=0))
        > prior(entry("v", ftype="village", pop=0))
    )


def test_prior_grows_with_population() -> None:
    assert prior(entry("big", pop=1_000_000)) > prior(entry("mid", pop=10_000)) > prior(entry("small", pop=10))


def test_prior_prefers_focus_then_neighbour_countries() -> None:
    assert prior(entry("iq", cc="IQ")) > prior(entry("tr", cc="TR")) > prior(entry("fr", cc="FR"))
    assert prior(entry("sy", cc="SY")) == prior(entry("iq", cc="IQ"))


def test_prior_prefers_curated_and_user_entries() -> None:
    base = prior(entry("g", source="geonames"))
    assert prior(entry("k", source="khareeta")) > base
    assert prior(entry("u", source="user")) > base


# --- context_score / build_context ---------------------------------------------


def test_context_score_rewards_document_countries_and_nearby_anchors() -> None:
    e = entry("sinjar", cc="IQ", lat=36.32, lon=41.88)
    assert context_score(e, DocContext(frozenset({"IQ"}), ()), 0) > context_score(e, NO_CONTEXT, 0)
    near = DocContext(frozenset(), ((1, 36.34, 43.12),))  # Mosul, ~110 km away
    far = DocContext(frozenset(), ((1, 48.85, 2.35),))  # Paris
    assert context_score(e, near, 0) > context_score(e, NO_CONTEXT, 0) > context_score(e, far, 0)


def test_context_score_ignores_the_mentions_own_anchor() -> None:
    e = entry("x", lat=36.32, lon=41.88)
    own = DocContext(frozenset(), ((0, 36.32, 41.88),))
    assert context_score(e, own, 0) == context_score(e, NO_CONTEXT, 0)


def test_build_context_collects_countries_and_unambiguous_anchors() -> None:
    iraq = entry("country:IQ", cc="IQ", ftype="country", lat=33, lon=44, pop=40_000_000, source="country")
    mosul = entry("mosul", cc="IQ", ftype="city", lat=36.34, lon=43.12, pop=1_600_000)
    ambiguous = [entry("a1", cc="US", pop=5_000, lat=40, lon=-80), entry("a2", cc="CA", pop=5_000, lat=45, lon=-75)]
    ctx = build_context([[iraq], [mosul], ambiguous, []])
    assert "IQ" in ctx.countries
    assert (1, 36.34, 43.12) in ctx.anchors
    assert all(g != 2 for g, _, _ in ctx.anchors)  # no anchor from a coin toss
    assert all(g != 0 for g, _, _ in ctx.anchors)  # a country is too wide to anchor distances


# --- plausible / choose ----------------------------------------------------------


def test_choose_without_candidates_abstains() -> None:
    assert choose([], NO_CONTEXT, 0, single_latin_token=False) is None


def test_choose_prefers_the_focus_country_candidate() -> None:
    iq = entry("sinjar-iq", cc="IQ", ftype="town", pop=38_000, lat=36.32, lon=41.88)
    sy = entry("sinjar-sy", cc="SY", ftype="village", pop=0, lat=35.6, lon=36.9)
    c = choose([sy, iq], NO_CONTEXT, 0, single_latin_token=True)
    assert c is not None and c.entry is iq
    assert 0.5 < c.confidence <= 0.99


def test_choose_follows_a_nearby_anchor() -> None:
    west = entry("west", cc="IQ", lat=34.4, lon=41.0)
    east = entry("east", cc="IQ", lat=35.5, lon=45.4)
    anchored_east = DocContext(frozenset(), ((1, 35.56, 45.44),))  # Sulaymaniyah
    anchored_west = DocContext(frozenset(), ((1, 34.37, 40.99),))  # al-Qaim
    assert choose([west, east], anchored_east, 0, single_latin_token=False).entry is east
    assert choose([west, east], anchored_west, 0, single_latin_token=False).entry is west


def test_choose_abstains_between_two_equally_likely_distant_places() -> None:
    a = entry("springfield-il", cc="US", lat=39.8, lon=-89.6, pop=100_000)
    b = entry("springfield-ma", cc="US", lat=42.1, lon=-72.6, pop=100_000)
    assert choose([a, b], NO_CONTEXT, 0, single_latin_token=False) is None
    # ... unless the document settles it
    ctx = DocContext(frozenset({"US"}), ((1, 39.78, -89.65),))
    chosen = choose([a, b], ctx, 0, single_latin_token=False)
    assert chosen is not None and chosen.entry is a


def test_a_places_own_name_beats_another_places_old_name() -> None:
    # a big neighbour's city known once by the name (GeoNames lists it among its other names)
    old = entry("city-once-so-called", cc="IR", ftype="city", pop=2_300_000, lat=36.3, lon=59.6, name="Mashhad")
    own = entry("the-city-of-that-name", cc="EG", ftype="city", pop=5_200_000, lat=31.2, lon=29.9, name="Alexandria")
    assert prior(old) > prior(own)  # a neighbour's city: without the names, the old name would win
    assert choose([old, own], NO_CONTEXT, 0, single_latin_token=True).entry is old
    assert choose([old, own], NO_CONTEXT, 0, single_latin_token=True, key="alexandria").entry is own
    # an alternate name that is no other candidate's own name costs nothing ("Deir Ezzor")
    alone = entry("deir-ez-zor", cc="SY", ftype="city", pop=240_000, name="Deir ez-Zor")
    village = entry("far-village", cc="IR", ftype="village", pop=300, lat=30.0, lon=50.0, name="Dayr Zur")
    assert choose([alone, village], NO_CONTEXT, 0, single_latin_token=False, key="deir ezzor").entry is alone


def test_a_units_old_name_loses_to_the_place_beside_it_of_that_name() -> None:
    # an administrative unit listed under the name of the region it lies at the edge of (its old name):
    # the region, whatever the text around supports
    unit = entry("admin:unit", cc="SY", ftype="subdistrict", pop=100_000, lat=33.49, lon=36.35, source="admin")
    unit = replace(unit, name="Jarmana", names=("Jarmana", "Ghouta"))
    region = entry("khareeta:region", cc="SY", ftype="region", pop=0, lat=33.55, lon=36.45, source="khareeta")
    region = replace(region, name="Ghouta", names=("Ghouta",))
    ctx = DocContext(frozenset({"SY"}), ((1, 33.49, 36.35),))
    assert choose([region, unit], ctx, 0, single_latin_token=False).entry is unit  # without the names
    assert choose([region, unit], ctx, 0, single_latin_token=False, key="ghouta").entry is region
    # far from each other, the old name only costs the unit ALIAS_ONLY, as for GeoNames
    far = replace(unit, lat=35.0, lon=38.0)
    assert alias_penalties([region, unit], "ghouta") == [0.0, SAME_AREA_ALIAS]
    assert alias_penalties([region, far], "ghouta") == [0.0, ALIAS_ONLY]


def test_a_city_is_read_under_its_own_name(gaz, find_place) -> None:
    p = find_place(places_in_text("Delegations met in Alexandria on Sunday to discuss the truce.", gaz), "Alexandria")
    assert p is not None and p.country_code == "EG"
    # in Arabic the name is also an Iraqi town's own name: the focus country's town
    p = find_place(places_in_text("اجتمعت الوفود في الإسكندرية يوم الأحد", gaz), "الإسكندرية")
    assert p is not None and p.country_code == "IQ"


def test_single_candidate_is_chosen_with_high_confidence() -> None:
    e = entry("only", cc="SY", pop=50_000)
    c = choose([e], NO_CONTEXT, 0, single_latin_token=False)
    assert c is not None and c.entry is e and c.confidence >= 0.9


@pytest.mark.parametrize(
    ("e", "ctx", "single", "expected"),
    [
        # small far-away village, nothing in the text supports it
        (entry("v", cc="AT", pop=800), NO_CONTEXT, True, False),
        # ... the document names its country
        (entry("v", cc="AT", pop=800), DocContext(frozenset({"AT"}), ()), True, True),
        # anything in the focus region or a neighbour
        (entry("v", cc="IQ", pop=0, ftype="village"), NO_CONTEXT, True, True),
        (entry("v", cc="TR", pop=0, ftype="village"), NO_CONTEXT, True, True),
        # wide features and curated/user places are always plausible
        (entry("r", cc="BR", ftype="river", pop=0), NO_CONTEXT, True, True),
        (entry("u", cc="AT", pop=0, source="user"), NO_CONTEXT, True, True),
        # a big city far away is plausible even for a single English word
        (entry("c", cc="FR", ftype="city", pop=2_000_000), NO_CONTEXT, True, True),
        # a single capitalised English word needs a bigger town than a longer name
        (entry("t", cc="FR", pop=30_000), NO_CONTEXT, True, False),
        (entry("t", cc="FR", pop=30_000), NO_CONTEXT, False, True),
    ],
)
def test_plausible(e: GazEntry, ctx: DocContext, single: bool, expected: bool) -> None:
    assert plausible(e, ctx, single_latin_token=single) is expected


def test_choose_abstains_from_an_implausible_best_candidate() -> None:
    v = entry("hallstatt", cc="AT", ftype="village", pop=800, lat=47.56, lon=13.65)
    assert choose([v], NO_CONTEXT, 0, single_latin_token=True) is None
    assert choose([v], DocContext(frozenset({"AT"}), ()), 0, single_latin_token=True) is not None


def test_the_documents_province_weighs_on_a_namesake() -> None:
    from extract.resolve import SAME_PROVINCE, DocContext, context_score
    from geodata.gazetteer.sources import GazEntry

    def town(pcode: str) -> GazEntry:
        return GazEntry("x:" + pcode, "Sawran", "", "town", "SY", 35.0, 37.0, 1000, ("Sawran",), "geonames", "", pcode)

    ctx = DocContext(frozenset({"SY"}), (), frozenset({"SY02"}))
    assert context_score(town("SY020405"), ctx, 0) - context_score(town("SY050101"), ctx, 0) == SAME_PROVINCE


def test_a_neighbours_village_needs_support_in_a_text_about_syria() -> None:
    from extract.resolve import NEIGHBOUR_TOWN, DocContext, plausible
    from geodata.gazetteer.sources import GazEntry

    def village(pop: int, lat: float = 36.3, lon: float = 59.6) -> GazEntry:
        return GazEntry("geonames:1", "Alexandria", "", "village", "IR", lat, lon, pop, ("Alexandria",), "geonames")

    about_syria = DocContext(frozenset({"SY"}), ((0, 35.0, 36.7),))
    assert not plausible(village(2000), about_syria, single_latin_token=True)
    assert plausible(village(NEIGHBOUR_TOWN), about_syria, single_latin_token=True)
    assert plausible(village(2000, 35.3, 37.2), about_syria, single_latin_token=True)  # near the text's places
    assert plausible(village(2000), DocContext(frozenset({"SY", "IR"}), ()), single_latin_token=True)
    assert plausible(village(2000), DocContext(frozenset(), ()), single_latin_token=True)
    # its own point is no support: a lone name would vouch for itself
    alone = DocContext(frozenset({"SY"}), ((3, 36.3, 59.6),))
    assert plausible(village(2000), alone, single_latin_token=True)
    assert not plausible(village(2000), alone, single_latin_token=True, group=3)


def test_a_small_town_of_a_neighbour_does_not_say_what_country_the_text_is_about() -> None:
    from extract.resolve import NEIGHBOUR_TOWN

    small = entry("small", cc="IR", pop=5_000, lat=35.6, lon=51.1)
    large = entry("large", cc="IR", ftype="city", pop=NEIGHBOUR_TOWN, lat=35.7, lon=51.4)
    syrian = entry("syrian", cc="SY", pop=300, lat=36.8, lon=40.3)
    assert build_context([[small]]).countries == frozenset()
    assert build_context([[large]]).countries == {"IR"}
    assert build_context([[syrian]]).countries == {"SY"}
    # the countries its actors fight in count as named
    assert build_context([[small]], frozenset({"SY"})).countries == {"SY"}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a report on the war (its actors fight in Syria or Iraq) names no small town of Iran
        ("Regime forces shelled Tafresh on Tuesday, the monitor said.", []),
        ("Peshmerga fighters reached Tafresh on Tuesday.", []),
        ("قصفت قوات النظام بلدة تفرش يوم الثلاثاء", []),
        # ... a text about Iran does, and so does one about nowhere else
        ("Officials in Tehran said Tafresh was calm.", ["Tehran", "Tafresh"]),
        ("Tafresh was calm on Tuesday.", ["Tafresh"]),
        ("كانت تفرش هادئة يوم الثلاثاء", ["تفرش"]),
    ],
)
def test_a_neighbours_small_town_needs_support_in_a_report_on_the_war(gaz, text: str, found: list[str]) -> None:
    assert [p.surface for p in places_in_text(text, gaz)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a neighbour's town named by another of its names, far from a report's places in Syria: a place
        # of that report we do not know ("Alaya" is Alanya's old name, "Saida" Sidon's)
        ("Clashes erupted in Qamishli. The Asayish stormed the Allaya prison.", ["Qamishli"]),
        ("Fighting raged near Ain Issa. Families fled Saida, heading south to Raqqa.", ["Ain Issa", "Raqqa"]),
        # ... near the report's places, or with its country named, it is the town
        ("Israeli jets struck Saida in southern Lebanon.", ["Saida", "Lebanon"]),
        ("Fighting raged in Daraa. Israeli jets struck Saida.", ["Daraa", "Saida"]),
        # ... and a town's own name is that town anywhere
        ("Fighting raged in Qamishli. Tourists left Alanya.", ["Qamishli", "Alanya"]),
    ],
)
def test_a_neighbours_town_by_another_name_is_no_place_far_from_a_war_report(gaz, text: str, found: list[str]) -> None:
    assert [p.surface for p in places_in_text(text, gaz)] == found


def test_a_small_place_of_the_wars_other_country_needs_support() -> None:
    from extract.resolve import OTHER_SIDE_TOWN

    near_baghdad = entry("aziziyah", cc="IQ", pop=20_000, lat=32.9, lon=45.06)
    about_aleppo = DocContext(frozenset({"SY", "IQ"}), ((0, 36.2, 37.16),), frozenset({"SY02"}), frozenset({"SY"}))
    assert not plausible(near_baghdad, about_aleppo, single_latin_token=True)
    # ... plausible when the text is sure of a place of its country, or of one near it, or it is a great town
    both = DocContext(about_aleppo.countries, about_aleppo.anchors, about_aleppo.governorates, frozenset({"SY", "IQ"}))
    assert plausible(near_baghdad, both, single_latin_token=True)
    near = DocContext(about_aleppo.countries, ((1, 33.3, 44.4),), frozenset({"SY02"}), frozenset({"SY"}))
    assert plausible(near_baghdad, near, single_latin_token=True)
    great = entry("great", cc="IQ", ftype="city", pop=OTHER_SIDE_TOWN, lat=32.9, lon=45.06)
    assert plausible(great, about_aleppo, single_latin_token=True)


def test_a_village_alone_does_not_make_a_country_the_texts_home() -> None:
    # "Battel" (a battle misspelt) read as Bateel, a village of Iraq: the text may still speak of Syria
    village = replace(entry("v", cc="IQ", ftype="village", pop=300, lat=37.0, lon=42.6), pcode="IQG09Q01")
    town = replace(entry("t", cc="SY", ftype="city", pop=2_000_000, lat=36.2, lon=37.16), pcode="SY020000")
    assert build_context([[village]]).home == frozenset()
    assert build_context([[village], [town]]).home == {"SY"}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a report on Aleppo: a quarter named like a sub-district near Baghdad is not that sub-district, nor
        # another spelling of another name of a town near Mosul that town
        ("Rockets fell on Aleppo on Monday. Residents of al-Midan said two people died.", ["Aleppo"]),
        ("Shelling hit Aleppo city overnight. In al-Hamadaniyeh, a bakery burned.", ["Aleppo city"]),
        # ... but a report near the border names the other side's town, and our towns are named anywhere
        ("Fighters from Tal Afar arrived in Raqqa on Monday.", ["Tal Afar", "Raqqa"]),
        (
            "Helicopters dropped fighters in the countryside of Al-Bokamal and announced a battle near Bateel.",
            ["Al-Bokamal", "Bateel"],
        ),
        ("A car bomb exploded in Mosul. Residents of Hamdaniya fled east.", ["Mosul", "Hamdaniya"]),
        # another name of a curated town of the other country (Bakhdida's "Qaraqosh") is not that town;
        # a spelling of its own name is ("Kobane", Kobani)
        ("Shells fell on Damascus overnight. Residents of Qaraqosh fled to the south.", ["Damascus"]),
        ("A car bomb exploded in Mosul. Residents of Qaraqosh fled east.", ["Mosul", "Qaraqosh"]),
        ("Kurdish fighters left Mosul and Sinjar for Kobane.", ["Mosul", "Sinjar", "Kobane"]),
    ],
)
def test_the_other_countrys_small_places_in_a_report_on_one_country(gaz, text: str, found: list[str]) -> None:
    assert [p.surface for p in places_in_text(text, gaz)] == found


def test_a_name_we_listed_beats_a_sourced_namesake_abroad() -> None:
    from extract.resolve import ALIAS_ONLY, alias_penalties

    ours = entry("dc", cc="US", ftype="city", pop=700_000, source="khareeta", name="Washington, D.C.")
    state = entry("state", cc="US", ftype="governorate", pop=6_500_000, name="Washington")
    village = entry("v", cc="SY", ftype="village", pop=300, name="Washington")
    assert alias_penalties([ours, state, village], "washington") == [0.0, ALIAS_ONLY, 0.0]
    assert alias_penalties([state, village], "washington") == [0.0, 0.0]  # no curated name: as before


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The minister flew to Washington on Monday.", "Washington, D.C."),
        ("The UN meeting in New York ended.", "New York City"),
    ],
)
def test_a_city_we_listed_is_not_its_state(gaz, text: str, name: str) -> None:
    assert [p.name for p in places_in_text(text, gaz)] == [name]
