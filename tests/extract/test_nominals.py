"""extract/nominals.py (through the pipeline): a common noun that names a site ("a hospital",
"the neighborhoods") lies at the town of its sentence, else of the sentence before (a definite one,
else the last town of its paragraph), but not at the town a report was filed from, nor at a town of
another country than its own sentence names."""

from __future__ import annotations

import pytest

from extract.inputs import RawArticle
from extract.pipeline import extract_article


def _sites(text: str, gaz) -> list[tuple[str, str]]:
    ex = extract_article(RawArticle("n1", text), gaz=gaz)
    return [(p.surface, p.name) for p in ex.places if p.feature_type == "site"]


SITES = [
    # the town of its own sentence
    ("Shells hit a hospital in Aleppo on Monday.", [("hospital", "Aleppo")]),
    # ... else the town of the sentence before, when its own names no other country
    ("Clashes went on in Aleppo. A rocket hit a hospital on Monday.", [("hospital", "Aleppo")]),
    ("Clashes went on in Aleppo. A rocket hit a hospital in Syria on Monday.", [("hospital", "Aleppo")]),
    ("The talks were held in Geneva. A rocket hit a hospital in Syria on Monday.", []),
    ("تجددت الاشتباكات في حلب. سقطت قذيفة على مستشفى في سوريا", [("مستشفى", "Aleppo")]),
    ("عقدت المحادثات في جنيف. سقطت قذيفة على مستشفى في سوريا", []),
    # a dateline abroad is where the reporter was; one in Iraq or Syria may be where the sites lie
    ("MOSCOW (Sputnik) - The Kurdish fighters found a tunnel on Friday.", []),
    ("Fighting went on in Raqqa. MOSCOW (Sputnik) - The fighters found a tunnel on Friday.", [("tunnel", "Raqqa")]),
    ("بيروت - أ ف ب - قصفت الطائرات مستشفى يوم الجمعة", []),
    ("ALEPPO, Syria - Shells hit a hospital on Monday.", [("hospital", "Aleppo")]),
    ("The fighters found a tunnel in Baghdad on Friday.", [("tunnel", "Baghdad")]),
    # with no town of its own, the province or region its sentence puts it in, not the town before
    ("Clashes went on in Aleppo. Jets hit two villages in Idlib province.", [("villages", "Idlib Governorate")]),
    ("Clashes went on in Damascus. Jets hit a market in Eastern Ghouta.", [("market", "Eastern Ghouta")]),
    ("تجددت الاشتباكات في حلب. وقصفت الطائرات سوقا في الغوطة الشرقية", [("سوقا", "Eastern Ghouta")]),
    # buildings people gather in
    ("A strike hit a bakery and a clinic in Douma.", [("bakery", "Douma"), ("clinic", "Douma")]),
    ("أصابت غارة عيادة في دوما", [("عيادة", "Douma")]),
    # ... or the province or region of the sentence before, when that names no town
    ("Clashes went on in Eastern Ghouta. A rocket hit a hospital on Monday.", [("hospital", "Eastern Ghouta")]),
    # ... but its own town before them
    ("Bombs hit a hospital in the town of Tal Tamr in Hasakah province.", [("hospital", "Tal Tamr")]),
]


@pytest.mark.parametrize(("text", "sites"), SITES, ids=[t for t, _ in SITES])
def test_a_site_lies_at_the_town_of_its_sentence_or_the_one_before(gaz, text: str, sites) -> None:
    assert _sites(text, gaz) == sites


EARLIER = [
    # a definite site in a sentence that names no place: the last town of its paragraph
    ("Troops entered Mosul. They met little resistance. The hospital was retaken.", [("The hospital", "Mosul")]),
    ("Troops entered Mosul. They met no resistance. This headquarters fell.", [("headquarters", "Mosul")]),
    ("دخلت القوات الموصل. لم تلق مقاومة تذكر. وسيطرت على المستشفى يوم الاثنين", [("المستشفى", "Mosul")]),
    # ... but not an indefinite one ("a hospital", "hospitals"): it may be new, or any
    ("Troops entered Mosul on Monday. They met little resistance. A hospital was retaken.", []),
    ("Troops entered Mosul on Monday. They met little resistance. Hospitals were hit.", []),
    ("دخلت القوات الموصل. لم تلق مقاومة تذكر. وسيطرت على مستشفى يوم الاثنين", []),
    # ... nor across a paragraph
    ("Troops entered Mosul on Monday. They met little resistance.\n\nThe hospital was retaken.", []),
    # ... nor when the text has moved to a wider place or abroad since
    ("Troops entered Mosul. Talks began in Idlib province. They failed. The hospital was hit.", []),
    ("Troops entered Mosul. The ministers met in Geneva. They failed. The hospital was hit.", []),
    # ... but a town's own country does not move it ("near Sarmada, Syria")
    ("A strike hit near Sarmada, Syria. It was the second. The compound was destroyed.", [("compound", "Sarmada")]),
    # ... nor a site whose own sentence names a place
    ("Troops entered Mosul. They met little resistance. The hospital in Syria was hit.", []),
]


@pytest.mark.parametrize(("text", "sites"), EARLIER, ids=[t for t, _ in EARLIER])
def test_a_definite_site_lies_at_the_last_town_of_its_paragraph(gaz, text: str, sites) -> None:
    assert _sites(text, gaz) == sites


def _city_refs(text: str, gaz) -> list[tuple[str, str]]:
    ex = extract_article(RawArticle("n1", text), gaz=gaz)
    return [(p.surface, p.name) for p in ex.places if p.confidence < 0.5 and p.feature_type in ("city", "town")]


DESCRIBED = [
    # a city noun after a determiner and a description stands for the city the text is about
    ("Troops entered Fallujah on Monday. The fortified city fell after a week.", [("The fortified city", "Fallujah")]),
    ("Jets bombed Raqqa. Airstrikes hit the besieged city again.", [("the besieged city", "Raqqa")]),
    ("The rebels took Manbij. This town was their last stronghold.", [("This town", "Manbij")]),
    # ... or for the town it is set beside with a comma, a destination too
    (
        "Army units moved toward Tikrit, the country's best-defended town, on Monday.",
        [("the country's best-defended town", "Tikrit")],
    ),
    ("Jets struck Raqqa, ISIL's self-proclaimed capital, at dawn.", [("ISIL's self-proclaimed capital", "Raqqa")]),
    # not a town beside it, not a description with a preposition in it, not without a determiner
    ("Jets bombed Raqqa. Fighters fled to the nearby town on foot.", []),
    ("Jets bombed Raqqa. Fighters fled to the outskirts of town on foot.", []),
    ("Jets bombed Raqqa. A city council met in secret.", []),
    ("Jets bombed Raqqa. The fighters fled the rebel-held city of Tabqa.", []),
]


@pytest.mark.parametrize(("text", "refs"), DESCRIBED, ids=[t for t, _ in DESCRIBED])
def test_a_described_city_noun_stands_for_its_town(gaz, text: str, refs) -> None:
    assert _city_refs(text, gaz) == refs


# A definite noun refers back to the town it introduced ("the town of X" ... "the town", "بلدة X" ...
# "البلدة"), over a town of another kind named since; not past a town named in its own sentence, and
# not to a town abroad named in passing.
INTRODUCED = [
    (
        "Kurdish fighters battled ISIS in the town of Tal Tamr. The militants also shelled Hasakah. "
        "Later, coalition jets struck ISIS positions around the town.",
        [("the town", "Tal Tamr")],
    ),
    (
        "اشتبك مقاتلون أكراد مع داعش في بلدة تل تمر. وقصف التنظيم مدينة الحسكة. "
        "ثم قصفت طائرات التحالف مواقع التنظيم في محيط البلدة.",
        [("البلدة", "Tal Tamr")],
    ),
    (
        "Kurdish fighters battled ISIS in the town of Tal Tamr. Government forces hold Hasakah, "
        "and rebels fire shells into the town every night.",
        [("the town", "Al-Hasakah")],
    ),
    (
        "Envoys met in the Swiss city of Geneva on Monday. Fighting went on in Aleppo. "
        "Shells fell on the city at dawn.",
        [("the city", "Aleppo")],
    ),
]


@pytest.mark.parametrize(("text", "refs"), INTRODUCED, ids=["en", "ar", "own-sentence", "abroad"])
def test_a_definite_noun_refers_back_to_the_town_it_introduced(gaz, text: str, refs) -> None:
    assert _city_refs(text, gaz) == refs
