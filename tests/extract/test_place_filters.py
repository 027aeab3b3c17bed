"""geodata/filters.py + context.py: a name used as a word, a person or a
demonym is no place; the same letters after a place cue are one."""

from __future__ import annotations

import pytest

from extract.places import places_in_text


def _near(p, lat: float, lon: float, tol: float = 0.3) -> bool:
    return abs(p.lat - lat) <= tol and abs(p.lon - lon) <= tol


# Homographs: the same word as a common word (no place) and as a place.
# Each row: the word, the text using it as a word, the text using it as a
# place, and where that place is (country, lat, lon).
#   Arabic (word)              Arabic (place)        English (word)               English (place)
HOMOGRAPHS = [
    ("الباب", "فتح الباب أمام الحوار", "مدينة الباب", None, "the town of al-Bab", ("SY", 36.37, 37.52)),
    ("القائم", "القائم بأعمال السفير", "في القائم", None, "clashes in al-Qaim", ("IQ", 34.39, 40.99)),
    ("الطبقة", "الطبقة السياسية فاسدة", "مدينة الطبقة", None, "the city of Tabqa", ("SY", 35.84, 38.55)),
    ("الطبقة", "انتقد الطبقة السياسية", "سد الطبقة", None, "the Tabqa Dam", ("SY", 35.87, 38.57)),
    ("الميادين", "في جميع الميادين", "مدينة الميادين", None, "airstrikes in Mayadin", ("SY", 35.02, 40.45)),
    ("عنه", "نقلا عنه", "قضاء عنه", None, "the town of Anah", ("IQ", 34.37, 41.98)),
    ("تدمر", "الغارات تدمر المنازل", "مدينة تدمر", None, "the city of Palmyra", ("SY", 34.56, 38.28)),
    ("Hit", None, None, "strikes hit the town", "the town of Hit", ("IQ", 33.64, 42.83)),
    ("Hit", None, None, "The shells hit hard.", "fighting in Hit", ("IQ", 33.64, 42.83)),
    # "سلوك الطريق": taking the road; Suluk, the town north of Raqqa (English writes no such verb)
    ("سلوك", "يتجنب الأهالي سلوك الطريق ليلا", "بلدة سلوك", None, "the town of Suluk", ("SY", 36.6, 39.2)),
    # "Ana" is also a given name: any place cue makes it the town, as "in Hit" does
    ("Anah", None, None, "Ana said she would stay.", "militants fled to Anah", ("IQ", 34.37, 41.98)),
    # a strike "on" something names what it struck (with a word for its kind between, in Arabic)
    ("الباب", "وضع يده على الباب", "شنت الطائرات غارات على الباب", None, "air raids on al-Bab", ("SY", 36.37, 37.52)),
    ("القائم", "اتفقوا على القائم بالأعمال", "قصف مدفعي على القائم", None, "shelling on al-Qaim", ("IQ", 34.39, 40.99)),
    ("تدمر", "الحرب تدمر البلاد", "هجوم على تدمر", None, "an attack against Palmyra", ("SY", 34.56, 38.28)),
    ("Hit", None, None, "The strikes hit the bridge.", "renewed shelling on Hit", ("IQ", 33.64, 42.83)),
    # the side or axis a force comes from ("from the direction of", "on the front of")
    ("تدمر", "الحرب تدمر البلاد", "تقدموا من جهة تدمر", None, "from the Palmyra side", ("SY", 34.56, 38.28)),
    ("الطبقة", "الطبقة السياسية فاسدة", "تقدموا على محور الطبقة", None, "the Tabqa front", ("SY", 35.84, 38.55)),
]


def _word_params():
    for _word, ar_word, _, en_word, _, _ in HOMOGRAPHS:
        for lang, text in (("ar", ar_word), ("en", en_word)):
            if text:
                yield pytest.param(text, id=f"{lang}:{text}")


def _place_params():
    for _word, _, ar_place, _, en_place, where in HOMOGRAPHS:
        for lang, text in (("ar", ar_place), ("en", en_place)):
            if text:
                yield pytest.param(text, where, id=f"{lang}:{text}")


@pytest.mark.parametrize("text", list(_word_params()))
def test_homograph_used_as_a_word_is_no_place(gaz, text: str) -> None:
    assert places_in_text(text, gaz) == []


@pytest.mark.parametrize(("text", "where"), list(_place_params()))
def test_homograph_after_a_place_cue_is_the_place(gaz, text: str, where: tuple[str, float, float]) -> None:
    cc, lat, lon = where
    places = places_in_text(text, gaz)
    assert len(places) == 1, places
    p = places[0]
    assert p.country_code == cc
    assert _near(p, lat, lon), (p.name, p.lat, p.lon)
    assert text[p.start : p.end] == p.surface


# Persons, first names and demonyms.
#   Arabic                               English
PERSONS_AND_DEMONYMS = [
    ("قال جون كيري إن", "John Kerry said"),
    ("أكد هاري ترمان", "Jordan Peterson said"),
    ("القوات العراقية", "Syrian forces"),
    ("الجيش السوري", "Iraqi forces"),
    ("القوات السورية", "the Syrian army"),
    ("المقاتلات الفرنسية", "Kurdish fighters"),
    # a given name alone, with no place cue before it
    ("وكان بين القتلى أحمد وشقيقه.", "Among the dead were Ahmad and his brother."),
    ("وقال مصدر إن أحمد، أحد السكان، أصيب.", "A source said that Ahmad, a resident, was hurt."),
]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(t, id=f"{lang}:{t}")
        for row in PERSONS_AND_DEMONYMS
        for lang, t in zip(("ar", "en"), row, strict=True)
    ],
)
def test_persons_and_demonyms_are_no_place(gaz, text: str) -> None:
    assert places_in_text(text, gaz) == []


@pytest.mark.parametrize(
    ("text", "surface", "cc"),
    [
        # Arabic                                   # English
        ("لجأ اللاجئون إلى الأردن", "الأردن", "JO"),
        ("Refugees crossed into Jordan.", "Jordan", "JO"),
        ("عادت القوات إلى الأردن", "الأردن", "JO"),
        ("Troops entered Jordan on Monday.", "Jordan", "JO"),
    ],
)
def test_first_name_that_is_a_country_is_the_country_in_place_context(gaz, text, surface, cc) -> None:
    places = places_in_text(text, gaz)
    assert [(p.surface, p.country_code) for p in places] == [(surface, cc)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a person and a place in one sentence: the person goes, the place stays
        ("قال جون كيري في بغداد إن", ["بغداد"]),
        ("John Kerry said in Baghdad that", ["Baghdad"]),
        ("وصلت القوات العراقية إلى الموصل", ["الموصل"]),
        ("Syrian forces advanced on Aleppo.", ["Aleppo"]),
        ("Jordan Peterson visited Mosul.", ["Mosul"]),
    ],
)
def test_person_or_demonym_does_not_hide_the_place_next_to_it(gaz, text: str, expected: list[str]) -> None:
    assert [p.surface for p in places_in_text(text, gaz)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "على" (on, over) folds to "علي" (the name Ali); it must not make the
        # place after it a person.
        ("سيطر داعش على الموصل", ["الموصل"]),
        ("شنت الطائرات غارات على الرقة", ["الرقة"]),
        ("هجوم على دير الزور", ["دير الزور"]),
        # "said" is a reporting verb, not a title: the place after it stays.
        ("Officials said Mosul was retaken.", ["Mosul"]),
        ("He said Raqqa fell on Tuesday.", ["Raqqa"]),
    ],
)
def test_common_words_that_look_like_names_or_titles_do_not_hide_places(gaz, text, expected) -> None:
    assert [p.surface for p in places_in_text(text, gaz)] == expected


@pytest.mark.parametrize(
    "text",
    [
        # English sentence openers that normalise like a place name
        "Arrest warrants were issued on Monday.",  # "Arrest" -> "rest", an alias of Rasht (Iran)
        "Hit by shells, the convoy stopped.",
        "March on, said the commander.",
        "Man the barricades, they said.",
    ],
)
def test_capitalised_common_words_are_no_place(gaz, text: str) -> None:
    assert places_in_text(text, gaz) == []


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        # every transliterated article, not only al-, in running lower-case text
        ("Fighting in al-Raqqa continued.", "al-Raqqa", "Raqqa"),
        ("Fighting in ar-Raqqa continued.", "ar-Raqqa", "Raqqa"),
        ("Fighting in as-Sukhnah continued.", "as-Sukhnah", "Sukhnah"),
        ("Fighting in ash-Shaddadi continued.", "ash-Shaddadi", "Shaddadi"),
        ("Fighting in ad-Dana continued.", "ad-Dana", "Dana"),
    ],
)
def test_lower_case_transliterated_article_before_a_name(gaz, text: str, surface: str, name: str) -> None:
    places = places_in_text(text, gaz)
    assert [p.surface for p in places] == [surface]
    assert name in places[0].name


@pytest.mark.parametrize(
    ("text", "surface"),
    [("As Mosul fell, troops fled.", "Mosul"), ("At Raqqa, fighting raged.", "Raqqa")],
)
def test_english_word_before_a_name_stays_out_of_the_surface(gaz, text: str, surface: str) -> None:
    assert [p.surface for p in places_in_text(text, gaz)] == [surface]


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # a name that opens with a function word is not read from that word written in lowercase:
        # "In Salah" (Algeria) is not "in Salah ad Din"
        ("Troops moved in Salah ad Din Province.", ["Salah ad Din Province"]),
        ("Troops moved into northern Salah ad Din.", ["Salah ad Din"]),
        ("He was born in Salah, they said.", []),
        # a lowercase direction still opens one
        ("Fighting in northern Iraq went on.", ["northern Iraq"]),
    ],
)
def test_a_lowercase_function_word_opens_no_name(gaz, text: str, surfaces: list[str]) -> None:
    assert [p.surface for p in places_in_text(text, gaz)] == surfaces


@pytest.mark.parametrize(
    "text",
    [
        "Spc. Isiah Carter, a medic, was wounded.",
        "Pfc. Isiah Carter was wounded.",
        "Cpl. Isiah Carter was wounded.",
        "Cmdr. Isiah Carter spoke.",
    ],
)
def test_a_name_after_a_military_rank_is_a_person(gaz, text: str) -> None:
    assert places_in_text(text, gaz) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops retook Ramadi and Hit.", [("Ramadi", "IQ"), ("Hit", "IQ")]),  # coordinated with a place
        ("استعادت القوات الباب والراعي", [("الباب", "SY"), ("الراعي", "SY")]),
        # paired with a place, a homograph stays one before the word that otherwise reads it as a word
        ("أعيد فتح طريق دير الزور - الميادين أمام المدنيين", [("دير الزور", "SY"), ("الميادين", "SY")]),
        ("أعيد فتح طريق منبج - الباب أمام المدنيين", [("منبج", "SY"), ("الباب", "SY")]),
    ],
)
def test_weak_homograph_coordinated_with_a_place_is_a_place(gaz, text: str, expected) -> None:
    assert [(p.surface, p.country_code) for p in places_in_text(text, gaz)] == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The London-based Syrian Observatory said jets bombed Douma.", id="london-based"),
        pytest.param("A Beirut-headquartered group said jets bombed Douma.", id="beirut-headquartered"),
    ],
)
def test_where_a_source_is_based_is_no_place(gaz, text: str) -> None:
    assert [p.name for p in places_in_text(text, gaz)] == ["Douma"]


def test_the_raised_flag_is_no_town(gaz) -> None:
    text = "دخلت القوات مركز مدينة القائم ورفعت العلم العراقي فوق المباني الحكومية."
    assert "العلم" not in [p.surface for p in places_in_text(text, gaz)]
    assert "Al-Alam" in [p.name for p in places_in_text("اشتباكات في ناحية العلم شرقي تكريت.", gaz)]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Continued clashes between regime forces and rebels in eastern ghouta", "eastern ghouta"),
        ("Aid reached families in qaryatayn on Monday.", "qaryatayn"),
    ],
)
def test_a_lowercase_name_after_a_place_cue_is_a_place(gaz, text: str, surface: str) -> None:
    assert surface in [p.surface for p in places_in_text(text, gaz)]


@pytest.mark.parametrize(
    "text",
    [
        "He works in sales and marketing in the east.",
        "We went to the market in the old city.",
        "The ghouta region was quiet.",  # no place cue before it
    ],
)
def test_lowercase_english_words_stay_words(gaz, text: str) -> None:
    assert [p.surface for p in places_in_text(text, gaz) if p.surface.islower()] == []


# A country named as an actor (metonymy) is no place on the map; the same country where something
# happens is one. Each row: a sentence, and the countries that stay places in it.
COUNTRIES_AS_ACTORS = [
    ("verb-after", "Jordan condemned the attack on the convoy.", []),
    ("verb-after-new", "Lebanon faces a hard winter, the envoy said.", []),
    ("possessive", "Egypt's envoy arrived late.", []),
    ("possessive-adjective", "Jordan's newly elected parliament met.", []),
    ("possessive-of-an-armed-force", "Lebanon’s Armed Forces moved south.", []),
    ("genitive-head", "The government of Lebanon asked for calm.", []),
    ("word-before", "They thanked their ally Jordan for its help.", []),
    ("word-before-article", "The plan will support the United States and its partners.", []),
    ("agent-after-verb", "The truce agreed by Egypt held for a week.", []),
    ("listed-verb", "Jordan and Egypt signed the accord.", []),
    ("listed-agent", "The deal brokered by Qatar and Egypt broke down.", []),
    ("listed-head", "The governments of Lebanon and Jordan met.", []),
    ("compound-participle", "Iran-backed militias and Turkey-led forces moved on.", []),
    ("compound-pair", "The Egypt-Jordan summit ended in talks on trade.", []),
    ("compound-abbreviation", "A new U.S.-Lebanon partnership was announced.", []),
    ("verb-after-more", "Jordan described the reports as untrue.", []),
    ("adverb-after", "Egypt meanwhile faces a hard winter.", []),
    ("word-before-more", "Its supporters Egypt and Jordan sent envoys.", []),
    ("word-before-blame", "The ministers blamed Lebanon for the delay.", []),
    ("agent-made", "Calls made by Jordan went unanswered.", []),
    ("verb-after-headline", "Jordan investigating if teen among bombers", []),
    ("verb-after-diplomacy", "Egypt summoned the envoy after the strike.", []),
    ("ar-verb-before", "قالت روسيا إنها ستواصل الغارات", []),
    ("ar-listed-verb-before", "وقعت روسيا وتركيا اتفاقا جديدا", []),
    ("ar-verb-after", "روسيا تدعم النظام بالسلاح", []),
    ("ar-genitive-head", "قالت حكومة العراق إن الهجوم فشل", []),
    ("ar-genitive-two-heads", "وصل وزير خارجية فرنسا أمس", []),
    ("after-a-clause", "After the attacks inside Egypt, the United States is sending aid.", ["Egypt"]),
    # the same countries as places
    ("locative", "Refugees arrived in Jordan on Monday.", ["Jordan"]),
    ("locative-verb", "Forces in Lebanon have moved south.", ["Lebanon"]),
    ("locative-used", "Chemical weapons were used in Lebanon on Monday.", ["Lebanon"]),
    ("harm-passive", "Lebanon was hit by a wave of bombings.", ["Lebanon"]),
    ("harm-passive-progressive", "Lebanon is being ripped apart by the fighting.", ["Lebanon"]),
    ("harm-passive-adverb", "Jordan has been badly shelled.", ["Jordan"]),
    ("active-progressive", "Jordan has been shelling the border posts.", []),
    ("ar-locative", "وصل اللاجئون إلى الأردن أمس", ["الأردن"]),
    ("ar-locative-verb-after", "في سوريا تقول مصادر إن القصف استمر", ["سوريا"]),
    ("ar-preposition-clitic", "عاد اللاجئون من لبنان وبسوريا تقول مصادر إن القصف استمر", ["لبنان", "سوريا"]),
    ("listed-locative", "Fighting in Syria and Iraq has killed thousands.", ["Syria", "Iraq"]),
    ("listed-article", "Troops from Egypt, the United States and Jordan left.", ["Egypt", "United States", "Jordan"]),
    ("compound-border", "They crossed near the Egypt-Jordan border at night.", ["Egypt", "Jordan"]),
    ("possessive-land", "Rebels still hold much of Jordan's south.", ["Jordan's"]),
    ("possessive-people", "The floods drove Jordan’s villagers from their homes and Jordan's farmers too.", []),
    ("possessive-communities", "Lebanon’s communities must stand together.", ["Lebanon’s"]),
    ("possessive-adjective-heritage", "The looting of Egypt's ancient heritage went on.", ["Egypt's"]),
    ("possessive-border", "Shells fell along Jordan's northern border.", ["Jordan's"]),
]


@pytest.mark.parametrize(
    ("text", "places"), [c[1:] for c in COUNTRIES_AS_ACTORS], ids=[c[0] for c in COUNTRIES_AS_ACTORS]
)
def test_a_country_named_as_an_actor_is_no_place(gaz, text: str, places: list[str]) -> None:
    assert [p.surface for p in places_in_text(text, gaz) if p.feature_type == "country"] == places


# A seat of government named as its government is no place either, on fewer signs than a country;
# the same town where something happens is one. Each row: a sentence, the towns that stay places.
CAPITALS_AS_ACTORS = [
    ("speech-verb", "Damascus denied using chemical weapons.", []),
    ("ar-speech-verb", "نفت دمشق استخدام الأسلحة الكيماوية", []),
    ("ar-verb-after", "دمشق تتهم المعارضة بالهجوم", []),
    ("listed-verb", "Baghdad and Erbil agreed on the border crossings.", []),
    ("compound", "Tehran-backed militias moved south.", []),
    ("agent", "The deal was brokered by Moscow and Ankara.", []),
    ("stance-verb", "Ankara voiced its concern over the raids.", []),
    ("auxiliary", "Ankara has voiced its concern over the raids.", []),
    ("auxiliary-adverb", "Ankara has frequently voiced its concern over the raids.", []),
    # the same towns as places
    ("auxiliary-passive", "Damascus has frequently been shelled.", ["Damascus"]),
    ("other-verb", "Damascus was shelled on Monday.", ["Damascus"]),
    ("ar-other-verb", "سقطت قذائف على دمشق أمس", ["دمشق"]),
    ("ar-locative", "وصل الوفد إلى موسكو أمس", ["موسكو"]),
    ("locative", "Officials in Baghdad said five died.", ["Baghdad"]),
    ("people-of", "The people of Damascus said they were tired.", ["Damascus"]),
    ("possessive", "Damascus's eastern suburbs were shelled.", ["Damascus's"]),
]


@pytest.mark.parametrize(
    ("text", "places"), [c[1:] for c in CAPITALS_AS_ACTORS], ids=[c[0] for c in CAPITALS_AS_ACTORS]
)
def test_a_capital_named_as_its_government_is_no_place(gaz, text: str, places: list[str]) -> None:
    assert [p.surface for p in places_in_text(text, gaz)] == places


# A word of up to three capitals in running text is an acronym, not the place of that name; a
# dateline, a line in capitals and an acronym that names a place ("UAE") keep their places.
ACRONYMS = [
    ("running-text", "In a report released on Monday, ODE praised the aid effort.", []),
    ("running-text-kut", "The review by KUT staff found no fault with the plan.", []),
    ("dateline", "KUT, Iraq - Five people died in a blast on Monday.", ["KUT", "Iraq"]),
    ("headline", "BLAST IN KUT KILLS FIVE", ["KUT"]),
    ("written-small", "Five people died in Kut on Monday.", ["Kut"]),
    ("a-place-acronym", "Aid arrived from the UAE on Monday.", ["UAE"]),
]


@pytest.mark.parametrize(("text", "places"), [c[1:] for c in ACRONYMS], ids=[c[0] for c in ACRONYMS])
def test_a_short_word_in_capitals_in_running_text_is_an_acronym(gaz, text: str, places: list[str]) -> None:
    assert [p.surface for p in places_in_text(text, gaz)] == places


# A given name that is also a capital's ("Riyad", "Riad") before a capitalised word is a person's.
@pytest.mark.parametrize("text", ["Riyad Alhassan said the talks failed.", "Riad Hijab met envoys in Paris."])
def test_a_given_name_before_a_surname_is_no_capital(gaz, text: str) -> None:
    assert "Riyadh" not in [p.name for p in places_in_text(text, gaz)]


# A name the text gives as a person's surname (after a given name we know, or a title and a given name)
# is that person where it stands alone later; after a place cue it is still the place.
SURNAMES = [
    ("repeated", "Foreign Secretary Philip Hammond visited Paris. Hammond said the talks went well.", ["Paris"]),
    ("given-name", "John Bolton met officials in London. Bolton said the talks went well.", ["London"]),
    (
        "place-cue",
        "Foreign Secretary Philip Hammond visited Paris. Protesters gathered in Hammond.",
        ["Paris", "Hammond"],
    ),
    ("no-person", "Protesters gathered in Hammond on Monday. Hammond was calm later.", ["Hammond", "Hammond"]),
]


@pytest.mark.parametrize(("text", "places"), [c[1:] for c in SURNAMES], ids=[c[0] for c in SURNAMES])
def test_a_surname_named_again_alone_is_the_person(gaz, text: str, places: list[str]) -> None:
    assert [p.surface for p in places_in_text(text, gaz)] == places


def test_a_given_name_after_a_place_cue_may_still_be_the_place(gaz) -> None:
    # the positive control of the given-name rows above: the same key after "in" is read as a place
    assert [p.surface for p in places_in_text("Clashes erupted in Ahmad on Monday.", gaz)] == ["Ahmad"]
