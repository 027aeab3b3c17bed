"""Protests as reports tell them, through the pipeline, in Arabic and English side by side: the words of
taking to the streets, a protest dated to a day where the story is, the place a protest stands with, and words
of protesting that mean something else (case tables written here)."""

from __future__ import annotations

import pytest

from extract.document import make_document
from extract.pipeline import extract_document
from extract.types import Event, actor_name

PUBLISHED = "2021-08-21"


def _protests(gaz, text: str) -> list[tuple[str, str]]:
    events: list[Event] = list(extract_document(make_document(text, doc_id="t", published=PUBLISHED), gaz).events)
    return [(e.sub_event_type, e.place.name) for e in events if e.event_type == "Protests"]


def _table(rows: list[tuple[str, str, str, list[tuple[str, str]]]]) -> list:
    return [
        pytest.param(text, want, id=f"{row_id}-{lang}")
        for row_id, ar, en, want in rows
        for lang, text in (("ar", ar), ("en", en))
    ]


ROWS = [
    (
        "words-of-protesting",
        "احتج العشرات في الحسكة يوم السبت على الاعتقالات.",
        "Dozens of people took to the streets in Hasakah on Saturday to denounce the arrests.",
        [("Peaceful protest", "Al-Hasakah")],
    ),
    (
        "demonstrated",
        "تظاهر المئات في طفس بعد صلاة الجمعة.",
        "Hundreds of people demonstrated in Tafas after Friday prayers.",
        [("Peaceful protest", "Tafas")],
    ),
    (
        "dated-to-a-day-where-the-story-is",  # no place in its sentence: the town of the story
        "انفجرت عبوة ناسفة في بعقوبة يوم الجمعة. واحتج سكان غاضبون قرب السوق يوم السبت.",
        "A bomb exploded in Baquba on Friday. Angry residents protested near the market on Saturday.",
        [("Peaceful protest", "Baqubah")],
    ),
    (
        "not-where-it-stands-with",  # "in solidarity with X": X is not where the protest was
        "تظاهر المئات في طفس ونوى تضامناً مع أهالي درعا البلد.",
        "In Tafas and Nawa, hundreds of people demonstrated in solidarity with the people of Daraa al-Balad.",
        [("Peaceful protest", "Tafas"), ("Peaceful protest", "Nawa")],
    ),
]


@pytest.mark.parametrize(("text", "want"), _table(ROWS))
def test_protests_as_reports_tell_them(gaz, text: str, want: list[tuple[str, str]]) -> None:
    assert _protests(gaz, text) == want


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Baquba lies in Diyala. Residents have protested for years against corruption.", id="undated"),
        pytest.param("The attacks in Sarmin and Idlib demonstrated the cruelty of the siege.", id="shown"),
        pytest.param("The killings demonstrate that no town in Idlib is safe.", id="shown-that"),
        pytest.param("Rebels shelled an election rally in Daraa on Friday, killing 21 people.", id="election-rally"),
        pytest.param("Troops marched on Mosul on Thursday.", id="troops-marched-on"),
        pytest.param("Thousands of students marched in Nasiriyah on Thursday.", id="marched-for-no-cause-told"),
    ],
)
def test_no_protest(gaz, text: str) -> None:
    assert _protests(gaz, text) == []


def _kinds(gaz, text: str) -> list[tuple[str, str, str, str]]:
    doc = make_document(text, doc_id="t", published=PUBLISHED)
    return [
        (e.sub_event_type, e.place.name, actor_name(e.actor1), actor_name(e.actor2))
        for e in extract_document(doc, gaz).events
    ]


FIRED_ON = [
    (
        "a-state-force-fires-on-protesters",  # excessive force, the crowd first; "قوات الأمن" is Iraq's forces
        "أطلقت قوات الأمن النار على المتظاهرين في الناصرية.",
        "Security forces opened fire on protesters in Nasiriyah, killing three.",
        [("Excessive force against protesters", "Nasiriyah", "Protesters", "Iraqi army")],
    ),
    (
        "riot-police-fire-on-protesters",  # riot police: the police of the country (Iraq's here)
        "أطلقت قوات مكافحة الشغب الرصاص الحي على المحتجين في الكوت.",
        "Riot police opened fire on protesters in Kut, killing two.",
        [("Excessive force against protesters", "Kut", "Protesters", "Iraqi police")],
    ),
    (
        "gunmen-fire-on-protesters",  # no state's force: gunmen attack civilians (ACLED)
        "فتح مسلحون ملثمون النار على المعتصمين في ساحة الخلاني ببغداد.",
        "Masked gunmen opened fire on protesters in Baghdad, killing 20.",
        [("Attack", "Baghdad", "Unidentified armed group", "Protesters")],
    ),
    (
        "a-state-force-storms-a-sit-in",  # no riot of the troops, no ground taken: the protest met force
        "اقتحمت القوات العراقية ساحة الاعتصام في الحويجة يوم الثلاثاء.",
        "Iraqi troops stormed the sit-in square in Hawija on Tuesday.",
        [("Protest with intervention", "Hawija", "Protesters", "Iraqi army")],
    ),
    (
        "a-state-force-enters-a-sit-in",  # its subject before the verb, in a report
        "وقال مصدر أمني إن قوة من الجيش والشرطة تساندها قوات خاصة دخلت فجر اليوم ساحة الاعتصام شمالي الرمادي.",
        "A security source said an army and police force backed by special forces entered the sit-in square north"
        " of Ramadi at dawn.",
        [("Protest with intervention", "Ramadi", "Protesters", "Iraqi army")],
    ),
    (
        "a-state-force-storms-a-sit-in-and-kills",
        "اقتحمت القوات العراقية ساحة الاعتصام في الحويجة يوم الثلاثاء، ما أسفر عن مقتل 42 متظاهراً.",
        "Iraqi troops stormed the sit-in square in Hawija on Tuesday, killing 42 protesters.",
        [("Excessive force against protesters", "Hawija", "Protesters", "Iraqi army")],
    ),
]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        pytest.param(text, want, id=f"{row_id}-{lang}")
        for row_id, ar, en, want in FIRED_ON
        for lang, text in (("ar", ar), ("en", en))
    ],
)
def test_who_fired_on_a_protest(gaz, text: str, want: list[tuple[str, str, str, str]]) -> None:
    assert _kinds(gaz, text) == want


GATHERED = [
    (
        "gathered-for-a-cause",  # a gathering is a protest when it gathered for a cause
        "تجمع الآلاف في ديريك للتنديد بالقصف التركي.",
        "By evening, thousands of people had gathered in Derik to condemn Turkey.",
        [("Peaceful protest", "Al-Malikiyah")],
    ),
    (
        "gathered-demanding",
        "تجمع المئات أمام مبنى المحافظة في الحسكة مطالبين بالإفراج عن المعتقلين.",
        "Hundreds gathered outside the governorate building in Hasakah to demand the release of detainees.",
        [("Peaceful protest", "Al-Hasakah")],
    ),
    (
        "marched-chanting",  # a march is a protest when it chants or stands in solidarity
        "تجمع آلاف الطلاب في الناصرية يوم الخميس هاتفين بسقوط المحافظ.",
        "On Thursday, thousands of students marched in Nasiriyah, chanting against Sadr.",
        [("Peaceful protest", "Nasiriyah")],
    ),
    (
        "gathered-chanting",
        "تجمع المئات أمام محكمة العمارة يوم الاثنين تضامنا مع القاضي.",
        "On Monday, hundreds of lawyers gathered outside the Amarah courthouse, chanting against the militias.",
        [("Peaceful protest", "Amarah")],
    ),
    (
        "gathered-for-no-cause",  # people gathering is no protest by itself
        "تجمع مئات النازحين في ديريك بعد القصف.",
        "Hundreds of displaced people gathered in Derik after fleeing the fighting.",
        [],
    ),
]


@pytest.mark.parametrize(("text", "want"), _table(GATHERED))
def test_a_gathering_for_a_cause_is_a_protest(gaz, text: str, want: list[tuple[str, str]]) -> None:
    assert _protests(gaz, text) == want


def test_detainees_who_rioted_are_the_riot_s_first_side(gaz) -> None:
    """'rioted' is a riot; "a jail run by Kurdish-led forces" names whose jail it is, not who rioted."""
    text = "Islamic State detainees rioted overnight inside a jail run by Kurdish-led forces in Hasakeh."
    assert _kinds(gaz, text) == [("Violent demonstration", "Al-Hasakah", "ISIS", "Kurdish forces")]


DISPERSED = [
    (
        "dispersed-across-a-contrast",  # the other side of "فيما" / "while" tells no other protest: this one's
        "وتجمع العشرات من أقارب القتلى قرب مبنى مجلس المحافظة في الحلة مطالبين بمحاسبة المسؤولين، فيما أطلق "
        "الحراس أعيرة نارية في الهواء لتفريقهم.",
        "Dozens of relatives of the dead gathered near the council building in Hilla demanding accountability, "
        "while guards fired shots into the air and dispersed them.",
        [("Protest with intervention", "Hillah")],
    ),
    (
        "another-protest-across-a-contrast",  # ... unless the other side tells a protest of its own
        "خرجت مظاهرة في الأتارب، بينما فرّقت عناصر من الهيئة مظاهرة في كفرنبل.",
        "A protest took place in Atarib, while HTS members dispersed a protest in Kafranbel.",
        [("Peaceful protest", "Al-Atarib"), ("Protest with intervention", "Kafranbel")],
    ),
]


@pytest.mark.parametrize(("text", "want"), _table(DISPERSED))
def test_a_protest_dispersed_on_the_other_side_of_a_contrast(gaz, text: str, want: list[tuple[str, str]]) -> None:
    assert _protests(gaz, text) == want


def test_a_month_named_march_is_no_protest_stormed(gaz) -> None:
    """English only ("March" the month reads as "march" the gathering; Arabic names the month آذار or مارس):
    retaking a town "on March 2" is still a taking."""
    text = "Government troops and allied militias retook Saraqib on March 2."
    assert [
        e.sub_event_type for e in extract_document(make_document(text, doc_id="t", published=PUBLISHED), gaz).events
    ] == ["Government regains territory"]


def test_protesters_who_attack_a_police_post_riot(gaz) -> None:
    """Arabic only: verb first, the doer of "وأحرقوا" is the crowd named after "هاجم", not the police post
    before it (English names its crowd before the verbs)."""
    text = "وفي شهبا، هاجم محتجون مخفر الشرطة وأحرقوا سيارة تابعة لفرع أمن الدولة."
    assert [
        e.sub_event_type for e in extract_document(make_document(text, doc_id="t", published=PUBLISHED), gaz).events
    ] == ["Violent demonstration"]
