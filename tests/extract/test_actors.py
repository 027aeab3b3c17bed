"""extract/actors.py: actor mentions mapped to canonical actors (extract/data/actors.csv).

Aliases in Arabic and English side by side; Arabic proclitics (و ف ب ل, لل)
stay outside the span; "التنظيم" / "the group" are ISIS only once ISIS has
been named earlier in the text.
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pytest

from extract.actors import actors_in, canonical_actor_names, theatres
from extract.types import ActorMention
from geodata.names import normalize_text

ACTORS_CSV = Path(__file__).resolve().parents[2] / "extract" / "data" / "actors.csv"


def _actors(text: str) -> list[ActorMention]:
    return actors_in(text, normalize_text(text))


def _ids(text: str) -> list[str]:
    return [a.actor_id for a in _actors(text)]


# (actor_id, canonical name, Arabic aliases, English aliases)
ALIASES = [
    (
        "sna",
        "Syrian National Army (Turkish-backed)",
        ["الجيش الوطني السوري", "فصائل مدعومة من تركيا", "الفصائل الموالية لتركيا"],
        [
            "Syrian National Army",
            "Turkish-backed fighters",
            "Turkey-backed rebels",
            "Ahrar al-Sharqiya",
            "Turkey-loyal factions",
            "fighters backed by Ankara",
        ],
    ),
    ("fsa", "Free Syrian Army", ["الجيش السوري الحر", "الجيش الحر"], ["Free Syrian Army", "FSA"]),
    (
        "jaish_al_fath",
        "Jaish al-Fath",
        ["جيش الفتح", "غرفة عمليات جيش الفتح"],
        ["Jaish al-Fath", "Jaish al-Fateh", "Army of Conquest"],
    ),
    ("pkk", "PKK (Kurdistan Workers' Party)", ["حزب العمال الكردستاني"], ["PKK", "Kurdistan Workers' Party"]),
    ("alqaeda", "Al-Qaeda", ["تنظيم القاعدة", "حراس الدين"], ["al-Qaeda", "al Qaeda", "Hurras al-Din"]),
    (
        "isis",
        "ISIS",
        ["داعش", "تنظيم داعش", "تنظيم الدولة", "تنظيم الدولة الإسلامية", "الدولة الإسلامية", "مسلحي داعش"],
        [
            "ISIS",
            "Islamic State",
            "the Islamic State",
            "IS",
            "ISIL",
            "Daesh",
            "ISIS militants",
            "Islamic State fighters",
        ],
    ),
    (
        "coalition",
        "International coalition",
        ["التحالف الدولي", "طيران التحالف الدولي", "مقاتلات التحالف", "قوات التحالف"],
        ["the coalition", "US-led coalition", "international coalition", "coalition aircraft", "coalition warplanes"],
    ),
    (
        "peshmerga",
        "Peshmerga (Kurdistan Region)",
        ["البيشمركة", "قوات البيشمركة", "البشمركة"],
        ["Peshmerga", "Peshmerga forces", "Kurdish Peshmerga"],
    ),
    (
        "kurdish_forces",
        "Kurdish forces",
        ["القوات الكردية", "المقاتلين الأكراد", "الوحدات الكردية", "مقاتلون أكراد"],
        ["Kurdish forces", "Kurdish fighters"],
    ),
    (
        "sdf",
        "SDF (Syrian Democratic Forces)",
        ["قسد", "قوات سوريا الديمقراطية"],
        ["SDF", "Syrian Democratic Forces", "US-backed SDF"],
    ),
    (
        "iraqi_army",
        "Iraqi army",
        ["الجيش العراقي", "القوات العراقية", "القوات الأمنية العراقية"],
        ["Iraqi army", "Iraqi forces", "Iraqi troops", "Iraqi security forces"],
    ),
    (
        "iraqi_intelligence",
        "Iraqi intelligence",
        ["استخبارات عراقية", "عناصر استخبارات عراقية", "المخابرات العراقية"],
        ["Iraqi intelligence", "Iraqi intelligence agents"],
    ),
    (
        "pmf",
        "Popular Mobilization Forces",
        ["الحشد الشعبي", "قوات الحشد الشعبي"],
        ["PMF", "Popular Mobilization Forces", "Hashd al-Shaabi"],
    ),
    (
        "syrian_gov",
        "Syrian government forces",
        ["قوات النظام", "قوات النظام السوري", "الجيش السوري"],
        ["Syrian government forces", "Syrian army", "regime forces"],
    ),
    ("nsa", "New Syrian Army", ["الجيش السوري الجديد", "تنظيم الجيش السوري الجديد"], ["New Syrian Army"]),
    ("fsa", "Free Syrian Army", ["الجيش السوري الحر", "الجيش الحر"], ["Free Syrian Army", "FSA"]),
    (
        "jaish_al_fath",
        "Jaish al-Fath",
        ["جيش الفتح", "غرفة عمليات جيش الفتح"],
        ["Jaish al-Fath", "Jaish al-Fateh", "Army of Conquest"],
    ),
    (
        "iraqi_cts",
        "Iraqi Counter-Terrorism Service",
        ["جهاز مكافحة الإرهاب", "القوات الخاصة العراقية"],
        ["Counter-Terrorism Service", "Iraqi special forces"],
    ),
    ("ypg", "YPG (People's Protection Units)", ["وحدات حماية الشعب"], ["YPG", "People's Protection Units"]),
    ("usa", "United States", ["الولايات المتحدة", "الولايات المتحدة الأميركية"], ["United States", "U.S. forces"]),
    ("turkey", "Turkish forces", ["تركيا", "الجيش التركي"], ["Turkey", "Turkish army"]),
    ("russia", "Russian forces", ["الطيران الروسي", "القوات الروسية"], ["Russian warplanes", "Russian forces"]),
    ("france", "France", ["المقاتلات الفرنسية", "فرنسا"], ["French jets", "France"]),
    (
        "isis_families",
        "Families of ISIS members",
        ["عائلات عناصر التنظيم", "عائلات قيادات داعش"],
        ["families of ISIS fighters", "ISIS families"],
    ),
    ("civilians", "Civilians", ["المدنيين", "الأهالي"], ["civilians", "residents"]),
    ("protesters", "Protesters", ["المتظاهرون", "المحتجين", "المعتصمين"], ["protesters", "demonstrators"]),
]


def _alias_params() -> list:
    out = []
    for actor_id, name, ar, en in ALIASES:
        for lang, aliases in (("ar", ar), ("en", en)):
            out += [pytest.param(alias, actor_id, name, id=f"{actor_id}-{lang}-{alias}") for alias in aliases]
    return out


@pytest.mark.parametrize(("alias", "actor_id", "name"), _alias_params())
def test_alias_alone_maps_to_its_canonical_actor(alias: str, actor_id: str, name: str) -> None:
    found = _actors(alias)
    assert [(a.actor_id, a.name) for a in found] == [(actor_id, name)]
    assert (found[0].start, found[0].end) == (0, len(alias))


@pytest.mark.parametrize(("alias", "actor_id", "name"), _alias_params())
def test_alias_in_a_sentence_keeps_exact_offsets(alias: str, actor_id: str, name: str) -> None:
    text = (
        f"قال مصدر إن {alias} تقدم أمس."
        if any("\u0600" <= c <= "\u06ff" for c in alias)
        else f"A source said {alias} advanced yesterday."
    )
    found = [a for a in _actors(text) if a.actor_id == actor_id]
    assert len(found) == 1, text
    assert text[found[0].start : found[0].end] == alias


@pytest.mark.parametrize(
    ("text", "actor_id", "surface"),
    [
        pytest.param("وداعش", "isis", "داعش", id="wa"),
        pytest.param("فداعش", "isis", "داعش", id="fa"),
        pytest.param("بداعش", "isis", "داعش", id="bi"),
        pytest.param("لداعش", "isis", "داعش", id="li"),
        pytest.param("ولداعش", "isis", "داعش", id="wa-li"),
        pytest.param("وقوات البيشمركة", "peshmerga", "قوات البيشمركة", id="wa-phrase"),
        pytest.param("والجيش العراقي", "iraqi_army", "الجيش العراقي", id="wa-al"),
        pytest.param("بالتحالف الدولي", "coalition", "التحالف الدولي", id="bi-al"),
        pytest.param("للتحالف الدولي", "coalition", "لتحالف الدولي", id="lil"),  # ل + (ا)لتحالف
        pytest.param("وقسد", "sdf", "قسد", id="wa-acronym"),
        pytest.param("داعِش", "isis", "داعِش", id="harakat"),
        pytest.param("الدَّولة الإسلامية", "isis", "الدَّولة الإسلامية", id="shadda"),
    ],
)
def test_clitics_and_harakat(text: str, actor_id: str, surface: str) -> None:
    found = _actors(text)
    assert [a.actor_id for a in found] == [actor_id]
    assert text[found[0].start : found[0].end] == surface


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("it is what it is", [], id="is-lowercase"),
        pytest.param("The IS group attacked", ["isis"], id="is-capitals"),
        pytest.param("الجيش السوري الحر والجيش السوري", ["fsa", "syrian_gov"], id="longest-match-ar"),
        pytest.param("the Free Syrian Army and the Syrian army", ["fsa", "syrian_gov"], id="longest-match-en"),
        pytest.param("الجيش السوري الجديد", ["nsa"], id="new-not-government-ar"),
        pytest.param("the New Syrian Army", ["nsa"], id="new-not-government-en"),
        pytest.param("ضربت مقاتلات التحالف الدولي مواقع داعش", ["coalition", "isis"], id="two-actors-ar"),
        pytest.param("Coalition warplanes struck ISIS positions", ["coalition", "isis"], id="two-actors-en"),
        # the UN's council, not another ("the Kurdistan Region Security Council", "Russia's Security Council")
        pytest.param("The Security Council met on Friday.", ["un"], id="the-security-council-en"),
        pytest.param("The UN Security Council met on Friday.", ["un"], id="the-un-security-council-en"),
        pytest.param("the Kurdistan Region Security Council said", [], id="another-security-council-en"),
    ],
)
def test_actor_sequences(text: str, expected: list[str]) -> None:
    assert _ids(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the anaphor after its antecedent is ISIS
        pytest.param("سيطر داعش على الموصل ثم انسحب التنظيم", [("isis", "داعش"), ("isis", "التنظيم")], id="after-ar"),
        pytest.param(
            "ISIS attacked Mosul. The group later withdrew.", [("isis", "ISIS"), ("isis", "The group")], id="after-en"
        ),
        pytest.param(
            "سيطر داعش على القرية، وقال مصدر إن للتنظيم مقرات هناك",
            [("isis", "داعش"), ("isis", "لتنظيم")],
            id="after-clitic-ar",
        ),
        pytest.param(
            "ISIS fighters came. The militants left.",
            [("isis", "ISIS fighters"), ("isis", "The militants")],
            id="after-militants-en",
        ),
        # before its antecedent it is nobody
        pytest.param("انسحبت الجماعة المتشددة ثم عاد داعش", [("isis", "داعش")], id="before-ar"),
        pytest.param("The group withdrew, then ISIS came back.", [("isis", "ISIS")], id="before-en"),
        pytest.param("هاجمت الجماعة المتشددة الموصل", [], id="no-antecedent-ar"),
        pytest.param("The group attacked Mosul.", [], id="no-antecedent-en"),
        pytest.param(
            "ضرب التحالف الدولي الجماعة المتشددة", [("coalition", "التحالف الدولي")], id="other-antecedent-ar"
        ),
        pytest.param("The coalition struck the group.", [("coalition", "The coalition")], id="other-antecedent-en"),
        # but "التنظيم", "the organization", "jihadists" name the group the next sentences name, and when
        # none they may mean is named, the first actor listing them (ISIS)
        pytest.param("انسحب التنظيم ثم عاد داعش", [("isis", "التنظيم"), ("isis", "داعش")], id="cataphora-ar"),
        pytest.param(
            "Jihadists retook Kafr Nabudah. Fighters led by Hayat Tahrir al-Sham entered it.",
            [("nusra", "Jihadists"), ("nusra", "Hayat Tahrir al-Sham")],
            id="cataphora-hts-en",
        ),
        pytest.param("هاجم التنظيم الموصل", [("isis", "التنظيم")], id="none-named-ar"),
        pytest.param("Soldiers died battling jihadists.", [("isis", "jihadists")], id="none-named-en"),
        pytest.param(
            "Hayat Tahrir al-Sham shelled Hama. The jihadists also hit Mhardeh.",
            [("nusra", "Hayat Tahrir al-Sham"), ("nusra", "The jihadists")],
            id="after-hts-en",
        ),
        pytest.param(
            "The Organisation for the Prohibition of Chemical Weapons said so.", [], id="another-organisation-en"
        ),
        # an anaphor inside a named alias is the alias, not a second mention
        pytest.param("داعش. عناصر التنظيم", [("isis", "داعش"), ("isis", "عناصر التنظيم")], id="inside-alias-ar"),
        # "the forces" after the Syrian Democratic Forces are theirs, not the home country's army
        pytest.param(
            "تقدمت قوات سوريا الديمقراطية في الهول، ثم أعلنت القوات سيطرتها على البلدة",
            [("sdf", "قوات سوريا الديمقراطية"), ("sdf", "القوات")],
            id="sdf-forces-ar",
        ),
        pytest.param(
            "The Syrian Democratic Forces advanced on Hol. The forces then took the town.",
            [("sdf", "Syrian Democratic Forces"), ("sdf", "The forces")],
            id="sdf-forces-en",
        ),
        pytest.param(
            "The Popular Mobilization Forces reached Tal Afar. The paramilitaries then cut the road.",
            [("pmf", "Popular Mobilization Forces"), ("pmf", "The paramilitaries")],
            id="pmf-paramilitaries-en",
        ),
    ],
)
def test_anaphora_only_after_the_antecedent(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(a.actor_id, text[a.start : a.end]) for a in _actors(text)] == expected


def test_mentions_are_in_text_order_and_do_not_overlap() -> None:
    text = (
        "قصفت مقاتلات التحالف الدولي مواقع داعش قرب الرقة، فيما تقدمت قوات سوريا الديمقراطية والقوات الكردية، "
        "وانسحب التنظيم نحو دير الزور."
    )
    found = _actors(text)
    assert [a.actor_id for a in found] == ["coalition", "isis", "sdf", "kurdish_forces", "isis"]
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start
    for a in found:
        assert a.tok_first <= a.tok_last


def test_every_csv_alias_is_found_as_its_own_actor() -> None:
    # guards the data file: an alias that another actor's longer alias swallows is dead
    dead = []
    with ACTORS_CSV.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for raw in [row["name"], *row["aliases"].split("|")]:
                alias = raw.strip()
                if not alias:
                    continue
                ids = _ids(alias)
                if row["actor_id"] not in ids:
                    dead.append((row["actor_id"], alias, ids))
    assert dead == []


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        # named before: the reference is to that force, whatever the country
        pytest.param("The Iraqi army advanced. The army then shelled the town.", "SY", "iraqi_army", id="named-en"),
        # named by no one before: the forces of the country the text is about
        pytest.param("Government troops shelled the town.", "IQ", "iraqi_army", id="iraq-en"),
        pytest.param("Government troops shelled the town.", "SY", "syrian_gov", id="syria-en"),
        pytest.param("قصف الجيش البلدة.", "SY", "syrian_gov", id="syria-ar"),
        pytest.param("قصف الجيش البلدة.", "IQ", "iraqi_army", id="iraq-ar"),
        # barrel bombs and helicopters that no one names: both armies dropped them
        pytest.param("Barrel bombs hit the town.", "IQ", "iraqi_army", id="barrels-iraq-en"),
        pytest.param("Barrel bombs hit the town.", "SY", "syrian_gov", id="barrels-syria-en"),
        pytest.param("سقطت براميل متفجرة على البلدة.", "IQ", "iraqi_army", id="barrels-iraq-ar"),
        pytest.param("قصف الطيران المروحي البلدة.", "SY", "syrian_gov", id="helicopters-syria-ar"),
        pytest.param("Government helicopters struck the town.", "IQ", "iraqi_army", id="helicopters-iraq-en"),
        # a country with no forces of its own in the file, or none known: nobody
        pytest.param("Government troops shelled the town.", "LB", None, id="other-country-en"),
        pytest.param("Government troops shelled the town.", "", None, id="no-country-en"),
    ],
)
def test_the_army_named_by_no_one_is_the_army_of_the_country(text: str, country: str, expected: str | None) -> None:
    found = actors_in(text, normalize_text(text), country)
    assert [a.actor_id for a in found][-1:] == ([expected] if expected else [])


def test_the_army_refers_to_the_state_force_named_last() -> None:
    text = "Iraqi forces met Syrian army units at the border. The army then withdrew."
    assert [a.actor_id for a in actors_in(text, normalize_text(text))] == ["iraqi_army", "syrian_gov", "syrian_gov"]


def test_no_alias_is_listed_twice() -> None:
    """An alias twice (in one row or two) is a slip: one of the two is dead or ambiguous."""
    with ACTORS_CSV.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if not r["actor_id"].startswith("#")]
    aliases = [a for r in rows for a in r["aliases"].split("|") if a]
    assert sorted({a for a in aliases if aliases.count(a) > 1}) == []


@pytest.mark.parametrize(
    ("text", "surfaces", "ids"),
    [
        pytest.param(
            "heavy Russian and Syrian strikes on Aleppo",
            ["Russian", "Syrian strikes"],
            ["russia", "syrian_gov"],
            id="en-two-adjectives-one-head",
        ),
        pytest.param(
            "قصفت الطائرات الروسية والسورية حلب",
            ["الطائرات الروسية", "السورية"],
            ["russia", "syrian_gov"],
            id="ar-adjective-joined-by-wa",
        ),
        pytest.param("Russian and Syrian officials met in Geneva", [], [], id="en-no-force-head"),
        pytest.param(
            "Turkish reinforcements reached the town", ["Turkish reinforcements"], ["turkey"], id="en-one-adjective"
        ),
        pytest.param("a Russian armoured column left at dawn", ["Russian armoured column"], ["russia"], id="en-filler"),
        pytest.param("An Israeli air strike hit the depot", ["Israeli air strike"], ["israel"], id="en-air-strike"),
        pytest.param(
            "Turkish air force jets bombed the town", ["Turkish air force jets"], ["turkey"], id="en-two-fillers"
        ),
        pytest.param(
            "وصلت تعزيزات عسكرية تركية إلى البلدة", ["تعزيزات عسكرية تركية"], ["turkey"], id="ar-reinforcements"
        ),
        pytest.param("توجه رتل عسكري تركي نحو البلدة", ["رتل عسكري تركي"], ["turkey"], id="ar-convoy"),
        pytest.param("سيرت دورية روسية في البلدة", ["دورية روسية"], ["russia"], id="ar-patrol"),
        pytest.param("عبرت الدبابات التركية الحدود", ["الدبابات التركية"], ["turkey"], id="ar-definite"),
        pytest.param("عبرت الدبابات تركية الصنع الحدود", [], [], id="ar-definite-head-indefinite-adjective"),
        pytest.param("Syrian soldiers were captured near the base", [], [], id="en-people-are-no-force-head"),
        pytest.param("a Turkish aid convoy reached the town", [], [], id="en-aid-is-no-filler"),
        pytest.param("وصلت قافلة مساعدات تركية إلى البلدة", [], [], id="ar-aid-is-no-filler"),
        pytest.param(
            "Russian and Syrian planes bombed the town",
            ["Russian", "Syrian planes"],
            ["russia", "syrian_gov"],
            id="en-two-adjectives-not-read-again",
        ),
        pytest.param("السورية والتركية", [], [], id="ar-no-named-force-before"),
    ],
)
def test_adjectives_sharing_a_head_name_each_actor(text: str, surfaces: list[str], ids: list[str]) -> None:
    found = _actors(text)
    assert [text[a.start : a.end] for a in found] == surfaces
    assert [a.actor_id for a in found] == ids


# --- what a user types in an actor filter -> the canonical names the store keeps ----------------------------------


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("داعش", ("ISIS",)),
        ("Daesh", ("ISIS",)),
        ("IS", ("ISIS",)),
        ("is", ("ISIS",)),  # typed in a filter, an acronym need not be in capitals
        ("isil", ("ISIS",)),
        ("ISIS", ("ISIS",)),  # the canonical name itself
        ("الدولة الاسلاميه", ("ISIS",)),  # without hamza, taa marbuta as haa
        ("الدَّوْلَة الإسلامية", ("ISIS",)),  # with harakat
        ("coalition", ("International coalition",)),  # the alias is "the coalition"
        ("التحالف الدولي", ("International coalition",)),
        ("قسد", ("SDF (Syrian Democratic Forces)",)),
        ("Mosul", ()),
        ("the", ()),
        ("", ()),
    ],
)
def test_canonical_actor_names_reads_aliases_in_both_languages(typed: str, names: tuple[str, ...]) -> None:
    assert canonical_actor_names(typed) == names


@pytest.mark.parametrize(("actor_id", "name", "arabic", "english"), ALIASES, ids=[a[0] for a in ALIASES])
def test_every_listed_alias_names_its_actor(actor_id: str, name: str, arabic: list[str], english: list[str]) -> None:
    for alias in [*arabic, *english]:
        assert name in canonical_actor_names(alias), alias


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("Regime forces shelled the town on Tuesday.", {"SY"}),
        ("قصفت قوات النظام البلدة", {"SY"}),
        ("The SDF and the Peshmerga met at the crossing.", {"SY", "IQ"}),
        ("تقدمت قوات الحشد الشعبي نحو البلدة", {"IQ"}),
        # ISIS, the coalition, Russia, Turkey fight in more than one country: they say nothing of where
        ("ISIS fighters attacked a checkpoint.", set()),
        ("Coalition aircraft struck the bridge.", set()),
        ("No actor is named here.", set()),
    ],
)
def test_the_countries_the_named_actors_fight_in(text: str, countries: set[str]) -> None:
    assert theatres(text, normalize_text(text)) == countries


def test_every_theatre_is_a_focus_country() -> None:
    with ACTORS_CSV.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["theatre"] for r in rows} <= {"", "IQ", "SY"}
    assert {r["actor_id"] for r in rows if r["theatre"] == "SY"} >= {"syrian_gov", "sdf", "rebels"}


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        pytest.param("قصفت الطائرات التركية مواقع لحزب العمال الكردستاني", ["turkey", "pkk"], id="pkk-ar"),
        pytest.param("A drone strike killed a senior al Qaeda leader", ["alqaeda"], id="al-qaeda-en"),
        pytest.param(
            "اشتباكات بين قوات الأسايش وعناصر الدفاع الوطني", ["kurdish_forces", "syrian_gov"], id="asayish-ndf-ar"
        ),
        pytest.param("وصل الجنود إلى القاعدة العسكرية", [], id="the-base-is-no-group"),
        pytest.param("صد مقاتلو العشائر هجوماً لداعش على البلدة", ["tribal_militia", "isis"], id="tribal-fighters-ar"),
        pytest.param(
            "Sunni tribal fighters beat back an ISIS assault on the town", ["tribal_militia", "isis"], id="tribal-en"
        ),
        pytest.param("قتل مسلحون من العشائر ثلاثة عناصر من قسد", ["tribal_militia", "sdf"], id="tribal-gunmen-ar"),
        pytest.param("Armed tribesmen clashed with SDF fighters", ["tribal_militia", "sdf"], id="tribesmen-en"),
        pytest.param("حاصرت الفرقة الرابعة درعا البلد", ["syrian_gov"], id="fourth-division-ar"),
        pytest.param("The Fourth Division has shelled the area almost daily", ["syrian_gov"], id="fourth-division-en"),
    ],
)
def test_more_armed_groups_of_the_war(text: str, ids: list[str]) -> None:
    assert _ids(text) == ids


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        pytest.param("fighters of the Nusra Front (Syrian branch of al-Qaeda) attacked", ["nusra"], id="aside-en"),
        pytest.param("قاتلت جبهة النصرة (فرع تنظيم القاعدة في سوريا) في إدلب", ["nusra"], id="aside-ar"),
        pytest.param("The SDF and (later) ISIS fought", ["sdf", "isis"], id="brackets-between-two"),
        pytest.param("the Syrian Democratic Forces (SDF) said", ["sdf", "sdf"], id="the-same-actor-s-short-name"),
    ],
)
def test_an_actor_in_brackets_after_another_describes_it(text: str, ids: list[str]) -> None:
    assert _ids(text) == ids


# A word for an unknown hand ("a suicide bomber", "انتحاري") is the jihadist group the text named last
# before it, anywhere before; with none named it stays unknown; what names no group (gunmen) stays unknown.
@pytest.mark.parametrize(
    ("text", "ids"),
    [
        pytest.param(
            "ISIS attacked Baiji on Monday.\n\nA suicide bomber blew himself up at the gate.",
            ["isis", "isis"],
            id="isis-before-en",
        ),
        pytest.param(
            "هاجم داعش مدينة بيجي يوم الاثنين.\n\nوفجر انتحاري نفسه عند البوابة.", ["isis", "isis"], id="isis-before-ar"
        ),
        pytest.param(
            "ISIS lost Manbij. Later the Nusra Front attacked Hama, and two suicide bombers struck its airbase.",
            ["isis", "nusra", "nusra"],
            id="the-last-named-en",
        ),
        pytest.param(
            "خسر داعش منبج. ثم هاجمت جبهة النصرة حماة، وفجر انتحاريان نفسيهما عند مطارها.",
            ["isis", "nusra", "nusra"],
            id="the-last-named-ar",
        ),
        pytest.param("A suicide bomber blew himself up at the gate.", ["unidentified"], id="none-named-en"),
        pytest.param("وفجر انتحاري نفسه عند البوابة.", ["unidentified"], id="none-named-ar"),
        pytest.param(
            "The rebels attacked Hama. Three suicide bombers struck its airbase.",
            ["rebels", "unidentified"],
            id="no-jihadist-named-en",
        ),
        pytest.param("ISIS attacked Baiji. Gunmen killed two men.", ["isis", "unidentified"], id="gunmen-stay-en"),
        pytest.param("هاجم داعش بيجي. وقتل مسلحون مجهولون رجلين.", ["isis", "unidentified"], id="gunmen-stay-ar"),
    ],
)
def test_an_unknown_hand_is_the_jihadist_group_named_before(text: str, ids: list[str]) -> None:
    assert _ids(text) == ids


@pytest.mark.parametrize(
    ("text", "country", "ids"),
    [
        pytest.param(
            "سيطرت وحدات حماية الشعب على تل أبيض. ثم قطعت الوحدات الطريق.", "SY", ["ypg", "ypg"], id="the-units-ypg"
        ),
        pytest.param("قطعت الوحدات الطريق.", "SY", [], id="the-units-named-by-no-one"),
        pytest.param("تقدمت القطعات نحو القائم.", "IQ", ["iraqi_army"], id="iraqi-units-ar"),
        pytest.param(
            "حررت قطعات الشرطة الاتحادية الناحية.", "IQ", ["iraqi_police"], id="the-head-noun-of-a-name-after-it"
        ),
        pytest.param(
            "حررت القوات الأمنية والحشد الشعبي الناحية.", "IQ", ["iraqi_army", "pmf"], id="two-listed-stay-two"
        ),
    ],
)
def test_units_as_arabic_news_name_them(text: str, country: str, ids: list[str]) -> None:
    assert [a.actor_id for a in actors_in(text, normalize_text(text), country)] == ids
