"""extract/inner_names.py (through places_in_text): a place word inside another name
(an organisation, a medium, an actor, an office's remit, a person's nisba, an unknown
place of several words) is no place; the same word on its own still is one. Regions,
continents and foreign capitals come from geodata/data/curated.csv."""

from __future__ import annotations

import pytest

from extract.places import places_in_text


def _names(text: str, gaz) -> list[str]:
    return [p.name for p in places_in_text(text, gaz)]


def _param(text: str, *rest):
    return pytest.param(text, *rest, id=text)


# Each row: a sentence where the place word is inside another name (no place), and
# one where the same word names the place.
#   inside another name                                   the place itself                         its name
INNER_NAMES = [
    # an organisation or a medium: words after or before the name make it its name
    ("The Aleppo Media Center said ten people died.", "The media center in Aleppo said ten people died.", "Aleppo"),
    ("قال مركز حلب الإعلامي إن عشرة أشخاص قتلوا", "قال المركز الإعلامي في حلب إن عشرة أشخاص قتلوا", "Aleppo"),
    ("Aleppo Today reported strikes on the market.", "Strikes on Aleppo today hit the market.", "Aleppo"),
    (
        "The Manbij Military Council said it held the town.",
        "The military council in Manbij said it held the town.",
        "Manbij",
    ),
    ("The Raqqa Civil Council runs the schools.", "The civil council in Raqqa runs the schools.", "Raqqa"),
    ("قال مجلس منبج العسكري إنه يسيطر على البلدة", "قال المجلس العسكري في منبج إنه يسيطر على البلدة", "Manbij"),
    ("The Palmyra Coordination posted photos.", "Activists in Palmyra posted photos.", "Palmyra"),
    ("The Raqqa Brigade joined the offensive.", "Fighters moved from the Raqqa front.", "Raqqa"),
    ("انضم لواء ثوار الرقة إلى الهجوم", "اشتباكات على جبهة الرقة", "Raqqa"),
    ("Liwa al-Quds fighters joined the assault.", "The delegation travelled to Jerusalem.", "Jerusalem"),
    ("انضم مقاتلو لواء القدس إلى الهجوم", "زار الوفد القدس أمس", "Jerusalem"),
    ("Fighters of Ahrar al-Sham stormed the checkpoint.", "Fighters stormed a checkpoint near Damascus.", "Damascus"),
    ("An Ahrar al_Sham commander was shot.", "A commander was shot in Damascus.", "Damascus"),  # as some feeds write it
    ("A Fatah Sham Front emir was killed.", "An emir was killed in Damascus.", "Damascus"),
    ("The Islamic State of Iraq and Sham claimed it.", "The group claimed it in Damascus.", "Damascus"),
    ("قالت فرقة الحمزة إن مقاتليها تقدموا", "قال مقاتلون إنهم تقدموا في الرقة", "Raqqa"),
    # ... with other words of the name between its head and the place word
    ("Jaish al-Ta'ifa al-Mansurah claimed it.", "Fighters entered al-Mansurah on Friday.", "Al-Mansoura (Raqqa)"),
    ("أعلن جيش الطائفة المنصورة مسؤوليته", "دخل المقاتلون بلدة المنصورة", "Al-Mansoura (Raqqa)"),
    # a treaty's name
    ("The attack violated the Geneva Conventions.", "Talks in Geneva resumed on Monday.", "Geneva"),
    ("انتهك الهجوم اتفاقيات جنيف", "عقدت المحادثات في جنيف", "Geneva"),
    ("Both sides broke the Minsk agreements again.", "The envoys met in Minsk again.", "Minsk"),
    ("خرق الطرفان اتفاق مينسك مجددا", "التقى المبعوثون في مينسك مجددا", "Minsk"),
    # ... with other words of the name between the place word and its tail
    ("A grant came from the Syria Recovery Trust Fund.", "A grant came to Syria in May.", "Syria"),
    ("The Iraq Humanitarian Pooled Fund paid the wages.", "The agency paid the wages in Iraq.", "Iraq"),
    # a clan's or a tribe's name
    ("Elders of the Rawa clan met on Monday.", "Troops entered Rawa on Monday.", "Rawa"),
    ("Anbar tribesmen repelled the attack.", "The attack in Anbar was repelled.", "Anbar Governorate"),
    ("اجتمع شيوخ عشائر الرقة أمس", "اجتمع الشيوخ في الرقة أمس", "Raqqa"),
    # an actor
    ("قالت قوات سوريا الديمقراطية إن الهجوم فشل", "قالت مصادر إن الهجوم في سوريا فشل", "Syria"),
    ("The Syria Democratic Forces repelled the attack.", "The attack in Syria was repelled.", "Syria"),
    ("The Baghdad government rejected the plan.", "The delegation flew to Baghdad on Monday.", "Baghdad"),
    ("The Nineveh Operations Command said two died.", "Two died in Nineveh, officials said.", "Nineveh Governorate"),
    ("قالت قيادة عمليات نينوى إن اثنين قتلا", "قتل اثنان في نينوى بحسب مسؤولين", "Nineveh Governorate"),
    ("وأعلنت قيادة عمليات الأنبار مقتل ثلاثة", "وقتل ثلاثة في الأنبار", "Anbar Governorate"),  # two-word head
    ("قال عضو في مجلس محافظة الأنبار إن الطريق قطع", "قال مسؤول في الأنبار إن الطريق قطع", "Anbar Governorate"),
    ("The Anbar Provincial Council met on Monday.", "Officials in Anbar met on Monday.", "Anbar Governorate"),
    ("The Duhok Security Council said two were held.", "Two were held in Duhok.", "Duhok"),
    ("قالت قيادة شرطة كركوك إن اثنين قتلا", "قتل اثنان في كركوك", "Kirkuk"),
    ("The Basra Oil Company said output was normal.", "Output was normal in Basra.", "Basra"),
    ("The Rukban Civil Administration runs the camp.", "Officials run the camp at Rukban.", "Rukban camp"),
    ("Fighters of the Sinjar Resistance Units took part.", "Fighters in Sinjar took part.", "Sinjar"),
    ("انضم اتحاد قوات جبل الشيخ إلى الاتفاق", "انتشرت القوات في جبل الشيخ", "Mount Hermon"),
    ("قال رئيس مجلس قضاء الطارمية إن الطريق قطع", "قال مسؤول في قضاء الطارمية إن الطريق قطع", "Tarmiyah"),
    ("وقالت شرطة الأنبار إن الجثث نقلت", "وقالت مصادر في الأنبار إن الجثث نقلت", "Anbar Governorate"),
    ("قالت مؤسسة مياه الحسكة إن المحطة توقفت", "قالت مصادر في الحسكة إن المحطة توقفت", "Al-Hasakah"),
    ("The Hasakah Water Directorate said the station stopped.", "The station stopped in Hasakah.", "Al-Hasakah"),
    ("وقالت شبكة حلب نيوز إن الاشتباكات مستمرة", "وقالت مصادر إن الاشتباكات مستمرة في حلب", "Aleppo"),
    ("The Idlib Health Directorate counted the dead.", "Medics counted the dead in Idlib.", "Idlib"),
    ("أعلنت جبهة تحرير سوريا انسحابها", "أعلنت الفصائل انسحابها من سوريا", "Syria"),
    ("The Israel Defense Forces said its jets struck.", "Officials in Israel said jets struck.", "Israel"),
    ("A spokesman for the Lebanon Embassy declined.", "A spokesman in Lebanon declined.", "Lebanon"),
    ("The Ohio National Guard sent a unit.", "A unit was sent to Ohio.", "Ohio"),
    ("Al-Qaeda in Iraq claimed the bombing.", "Al-Qaeda claimed the bombing in Iraq.", "Iraq"),
    ("أعلن تنظيم القاعدة في العراق مسؤوليته", "أعلن التنظيم مسؤوليته عن التفجير في العراق", "Iraq"),
    ("رفضت حكومة بغداد الخطة", "وصل الوفد إلى بغداد", "Baghdad"),
    # an office's remit
    ("The Minister for the Middle East condemned it.", "Violence spread across the Middle East.", "Middle East"),
    ("قال وزير الدولة لشؤون الشرق الأوسط إنه يدين الهجوم", "تشهد منطقة الشرق الأوسط توترا", "Middle East"),
    ("The UN Special Envoy for Syria spoke on Monday.", "The UN envoy arrived in Syria.", "Syria"),
    # a person's nisba after a kunya and a given name
    ("قتل أبو مصعب البغدادي في غارة", "سيطرت القوات على البغدادي", "Al-Baghdadi"),
    ("Abu Hafs al-Obeidi was killed in a raid.", "Troops entered al-Baghdadi on Monday.", "Al-Baghdadi"),
    # a kunya before a name is a person's (or a longer place name's) first word
    ("Abo Homs insisted on the arrest.", "Troops entered Homs on Monday.", "Homs"),
    # a medium's name is the town when a feature word says so
    ("Al-Mayadeen reported that the army advanced.", "Fighting continued in al-Mayadeen city.", "Al-Mayadin"),
    ("قالت قناة الميادين إن الجيش تقدم", "اشتباكات في مدينة الميادين", "Al-Mayadin"),
    ("Officials spoke to SANA news agency.", "Clashes in the city of Mayadeen killed five.", "Al-Mayadin"),
    # a name before a given name is a person's
    ("وقالت آسيا عبد الله إن المقاتلين صامدون", "قدم المقاتلون من آسيا", "Asia"),
]


@pytest.mark.parametrize("text", [_param(inner) for inner, _, _ in INNER_NAMES])
def test_place_word_inside_another_name_is_no_place(gaz, text: str) -> None:
    assert places_in_text(text, gaz) == []


@pytest.mark.parametrize(("text", "name"), [_param(place, name) for _, place, name in INNER_NAMES])
def test_the_same_word_alone_is_the_place(gaz, text: str, name: str) -> None:
    assert _names(text, gaz) == [name]


# An unknown name of several words is not the known place inside it; the known place
# stays where no such name holds it.
#   unknown longer name                                 known place (expected)
LONGER_NAMES = [
    ("Regime forces advanced into Tulul al-Safa on Friday.", None),
    ("تقدمت القوات نحو تلول الصفا", None),
    ("ISIS seized Qasr Ibrahim village.", None),
    ("Troops shelled Kafr Hamra overnight.", None),
    ("The army shelled Hasakah al-Sharqi.", None),
    ("اشتباكات في الحسكة الشرقية", None),
    ("سيطروا على تل أبيض الغربي", None),
    ("A car bomb exploded near Bab al-Saghir cemetery.", None),
    # "Bab" (gate) heads the names of quarters and crossings; al-Bab, with its article, is the town
    ("Three were hurt in Bab Touma on Sunday.", None),
    ("Clashes broke out in Bab Sbaa before dawn.", None),
    ("Turkish troops entered al-Bab Thursday.", "Al-Bab"),
    ("Turkish troops entered al-Bab on Thursday.", "Al-Bab"),
    ("قتل مسلحون في وادي حوران", None),
    ("Troops combed Wadi Hauran for hideouts.", None),
    ("Jets bombed Wadi Barada valley at dawn.", "Wadi Barada"),
    ("قتل مسلحون في حوران", "Hauran"),
    ("The army shelled Hasakah on Sunday.", "Al-Hasakah"),
    ("Fighting near Tal Abyad continued.", "Tal Abyad"),
    # a qualifier after a name in a construct belongs to its head (here, a countryside by direction)
    ("اشتباكات في ريف الحسكة الجنوبي", "Southern Al-Hasakah countryside"),
    ("قصفت الطائرات ريف الرقة الشمالي", "Northern Raqqa countryside"),
    ("ضرب التحالف رتلا في طريق البعاج الجنوبي", "Al-Baaj"),
]


@pytest.mark.parametrize(("text", "name"), [_param(t, n) for t, n in LONGER_NAMES])
def test_unknown_longer_name_is_not_the_known_place_inside_it(gaz, text: str, name: str | None) -> None:
    assert _names(text, gaz) == ([name] if name else [])


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a capitalised direction is no given name
        _param("Strikes hit Southwestern Hasakah on Monday.", "Al-Hasakah"),
        _param("Strikes hit Southwest Hasakah on Monday.", "Al-Hasakah"),
        _param("Forces advanced in Northwest Raqqa.", "Raqqa"),
        # "the aircraft" is no title: only "the aircraft carrier" is ("حاملة الطائرات")
        _param("قصفت الطائرات الرقة", "Raqqa"),
        # after "in", a medium's word after the name is only a word
        _param("Clashes went on in Hama Today, activists said.", "Hama"),
    ],
)
def test_a_direction_or_a_plain_noun_before_a_place_is_no_name(gaz, text: str, name: str) -> None:
    assert _names(text, gaz) == [name]


@pytest.mark.parametrize(
    "text",
    [
        _param("Philip Hammond said the talks would go on."),  # a capitalised given name is no direction
        _param("أبحرت حاملة الطائرات شارل ديغول"),
    ],
)
def test_a_given_name_or_a_ship_title_before_a_name_is_no_place(gaz, text: str) -> None:
    assert places_in_text(text, gaz) == []


# Regions and continents, in both languages (curated, feature type "region").
#   Arabic                                   English                                   name
REGIONS = [
    ("يشهد الشرق الأوسط أزمة حادة", "The war destabilised the Middle East.", "Middle East"),
    ("تعهدت دول الخليج بالمساعدة", "Gulf states pledged aid.", "Gulf region"),
    ("وصل اللاجئون إلى أوروبا", "Refugees travelled on to Europe.", "Europe"),
    ("قدم المقاتلون من أفريقيا", "The fighters came from Africa.", "Africa"),
    ("انتقل المقاتلون إلى آسيا", "The fighters moved to Asia.", "Asia"),
    ("نشرت القوات في جنوب غرب آسيا", "Troops deployed to Southwest Asia.", "Southwest Asia"),
    ("تستمر الأزمة في دارفور", "The crisis in Darfur continued.", "Darfur"),
    ("صوتت كردستان على الاستقلال", "Kurdistan voted on independence.", "Kurdistan"),
]


@pytest.mark.parametrize(
    ("text", "name"),
    [_param(t, name) for ar, en, name in REGIONS for t in (ar, en)],
)
def test_regions_and_continents_are_places(gaz, text: str, name: str) -> None:
    places = places_in_text(text, gaz)
    assert [(p.name, p.feature_type) for p in places] == [(name, "region")]


# The seas strikes on Iraq and Syria are launched from, in both languages (curated, feature type "sea").
SEAS = [
    ("أطلقت السفن صواريخ من بحر العرب", "Jets took off from a carrier in the Arabian Sea.", "Arabian Sea"),
    ("أبحرت المدمرة في خليج عمان", "The destroyer sailed in the Gulf of Oman.", "Gulf of Oman"),
    ("أبحرت السفينة في خليج عدن", "The ship crossed the Gulf of Aden.", "Gulf of Aden"),
    ("أطلقت سفن صواريخ من شرق المتوسط", "Ships fired from the eastern Mediterranean.", "Eastern Mediterranean"),
]


@pytest.mark.parametrize(("text", "name"), [_param(t, name) for ar, en, name in SEAS for t in (ar, en)])
def test_the_seas_around_the_war_are_places(gaz, text: str, name: str) -> None:
    assert [(p.name, p.feature_type) for p in places_in_text(text, gaz)] == [(name, "sea")]


@pytest.mark.parametrize(
    "text",
    [
        _param("Radio Free Europe reported the strike."),
        _param("Asia Times reported the strike."),
        _param("The Kurdistan Regional Government said the road was open."),
        _param("قالت حكومة إقليم كردستان إن الطريق مفتوح"),
    ],
)
def test_a_region_inside_a_name_is_no_place(gaz, text: str) -> None:
    assert places_in_text(text, gaz) == []


@pytest.mark.parametrize(
    ("text", "cc"),
    [
        _param("زار الوفد الخرطوم أمس", "SD"),
        _param("وصل الوزير إلى أثينا", "GR"),
        _param("عقد الاجتماع في جاكرتا", "ID"),
        _param("وصل الوفد إلى كانبيرا", "AU"),
        _param("عاد الوفد إلى طرابلس الغرب", "LY"),
        _param("عقد الاجتماع في تونس العاصمة", "TN"),
    ],
)
def test_foreign_capitals_have_their_arabic_names(gaz, text: str, cc: str) -> None:
    places = places_in_text(text, gaz)
    assert [(p.feature_type, p.country_code) for p in places] == [("city", cc)]


# A longer name's qualifier ("al-Gharbiyeh": western) is no place of its own, whatever else it names.
def test_a_qualifier_after_a_name_is_part_of_it(gaz) -> None:
    assert _names("Gunmen positioned in al-Samadaniyeh al-Gharbiyeh village fired shells.", gaz) == []
    assert _names("Shells fell on al-Gharbiyeh, a town near Haifa.", gaz)[0] == "Bāqa el Gharbīya"


# A building or a quarter named after a place abroad, in a text about Iraq or Syria, is that site,
# not the place abroad; the same name alone, or a site named after a town of its own, keeps its place.
SITES = [
    ("Airstrikes hit the al-Quds hospital in Aleppo on Monday.", ["Aleppo"]),
    ("Troops seized the Al Salem hospital in Mosul.", ["Mosul"]),
    ("A shell fell near the al-Quds mosque in Hama.", ["Hama"]),
    ("سقطت قذيفة قرب جامع القدس في حماة", ["Hama"]),
    ("قصفت الطائرات مستشفى القدس في حلب", ["Aleppo"]),
    ("Troops advanced near the al-Hail oilfield outside Palmyra.", ["Palmyra"]),
    # ... by another of its names, with no article ("Salem": Jerusalem's), or as the first word of a longer name
    ("A bomb went off in the Salem mosque in Ariha on Friday.", ["Ariha"]),
    ("Families crossed the Karaj al-Hajz corridor into Aleppo.", ["Aleppo"]),
    # the place itself
    ("Officials from Aleppo later visited al-Quds.", ["Aleppo", "Jerusalem"]),
    ("زار مسؤولون من حلب القدس", ["Aleppo", "Jerusalem"]),
    ("Wounded Syrians were taken to Kilis state hospital.", ["Kilis"]),
]


@pytest.mark.parametrize(("text", "names"), [_param(text, names) for text, names in SITES])
def test_a_site_named_after_a_place_abroad_is_the_site(gaz, text: str, names: list[str]) -> None:
    assert _names(text, gaz) == names


def test_a_weapon_named_like_a_town_is_no_place(gaz) -> None:
    text = "Workers in Tomahawk, Wisconsin, make parts. The navy fired 59 Tomahawk cruise missiles."
    assert [(p.surface, p.start) for p in places_in_text(text, gaz)] == [("Tomahawk", 11), ("Wisconsin", 21)]
