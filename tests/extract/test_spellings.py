"""Names spelled otherwise than the gazetteer writes them, through the controlled spelling key."""

from __future__ import annotations

import pytest

from extract.places import places_in_text
from geodata.gazetteer import Gazetteer
from geodata.names import normalize_name, short_variant_key, variant_key, without_construct_t

PAIRS = [
    ("Bokamal", "Bukamal"),
    ("al-Mayadein", "al-Mayadeen"),
    ("Qaryatain", "Qaryatayn"),
    ("Jesr al-Shughour", "Jisr ash-Shughur"),
    ("Dayr Az Zayr", "Deir ez-Zor"),
    ("Edleb", "Idlib"),
    ("Hassakeh", "Hasakah"),
    ("Kamishli", "Qamishli"),
    ("Salamieh", "Salamiyah"),
    ("Hamidieh", "Hamidiya"),
]


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_transliteration_variants_share_a_key(a: str, b: str) -> None:
    assert variant_key(normalize_name(a)) == variant_key(normalize_name(b))


@pytest.mark.parametrize(("a", "b"), [("Raqqa", "Rutba"), ("Manbij", "Mosul"), ("Hama", "Homs")])
def test_different_consonants_keep_different_keys(a: str, b: str) -> None:
    assert variant_key(normalize_name(a)) != variant_key(normalize_name(b))


FOUND = [
    ("in-town", "A man was killed in al-Bokamal city on Friday.", "al-Bokamal", "Al-Bukamal"),
    ("and-a-place", "Warplanes struck Douma and Jesr al-Shughour overnight.", "Jesr al-Shughour", "Jisr al-Shughur"),
    ("near", "Near Dayr Az Zayr, five strikes destroyed three tanks.", "Dayr Az Zayr", "Deir ez-Zor"),
    ("underscore", "Losses were reported in Busra al_Sham.", "Busra al_Sham", "Busra al-Sham"),
    ("hyphens", "Clashes went on in Deir-ez-Zur on Sunday.", "Deir-ez-Zur", "Deir ez-Zor"),
    ("comma-country", "The Dayr Az Zayr, Syria strike killed four.", "Dayr Az Zayr", "Deir ez-Zor"),
    ("comma-direction", "Shells fell on Bokamal, east of Mayadin, overnight.", "Bokamal", "Al-Bukamal"),
    # a strike "on" or "against" something names what it struck, a place's name as "in" does
    ("shelling-on", "Two died in renewed shelling on Kafrnabal at dawn.", "Kafrnabal", "Kafranbel"),
    ("raids-on", "Jets carried out raids on Khan Toman overnight.", "Khan Toman", "Khan Tuman"),
    ("attack-against", "The attack against Jesr al-Shughour failed.", "Jesr al-Shughour", "Jisr al-Shughur"),
    (
        "syria-in-a-text-placed-in-iraq",
        "Fighters landed near Mosul and in the countryside of Al-Bokamal on Friday.",
        "Al-Bokamal",
        "Al-Bukamal",
    ),
]


@pytest.mark.parametrize(("text", "surface", "name"), [c[1:] for c in FOUND], ids=[c[0] for c in FOUND])
def test_a_respelled_name_is_found(gaz: Gazetteer, text: str, surface: str, name: str) -> None:
    places = {p.surface: p for p in places_in_text(text, gaz)}
    assert places[surface].name == name
    assert places[surface].resolved


@pytest.mark.parametrize(
    "text",
    [
        "Four airstrikes target Maara al-Numan and the shelling goes on.",
        "Four airstrikes target Maara al-Nu\u2019man and the shelling goes on.",  # the apostrophe curled
    ],
)
def test_a_name_spelled_without_its_construct_t_over_a_shorter_one_is_the_longer(gaz: Gazetteer, text: str) -> None:
    # "Maara" alone is another town (Marea); the longer name it opens is Maarat al-Numan, its "t" unwritten
    assert [(p.surface[:5], p.name) for p in places_in_text(text, gaz)] == [("Maara", "Maarat al-Numan")]


def test_the_construct_t_of_a_name_s_first_words_only() -> None:
    assert without_construct_t("marat al numan") == "mara al numan"
    assert without_construct_t("tal rifaat") == "tal rifaat"  # the last word's own "t"
    assert without_construct_t("beit jin") == "beit jin"  # too short to be a construct's


def test_one_respelled_town_replaces_the_two_names_inside_it(gaz: Gazetteer) -> None:
    names = [p.name for p in places_in_text("Losses were reported in Busra al_Sham.", gaz)]
    assert names == ["Busra al-Sham"]


NOT_FOUND = [
    ("person", "Mohammed Mahmoud said in a statement that talks would resume."),
    ("month", "In March the talks resumed."),
    ("ordinary-word", "Counter attacks were repelled in the morning."),
    ("no-place-cue", "Kamal Bokamal wrote the report."),
    ("comma-no-unit", "Kamal Bokamal, the author, wrote the report."),
    ("comma-far-unit", "Kamal Bokamal, who wrote it on a long trip, lives in Mosul."),
]


@pytest.mark.parametrize("text", [c[1] for c in NOT_FOUND], ids=[c[0] for c in NOT_FOUND])
def test_no_respelling_without_a_place_cue(gaz: Gazetteer, text: str) -> None:
    assert [p.surface for p in places_in_text(text, gaz) if p.confidence <= 0.8 and p.resolved] == []


def test_a_name_the_filters_turned_down_is_not_read_again_by_its_spelling(gaz: Gazetteer) -> None:
    # "Tell Abyad al-Sharqi" is another village than Tal Abyad (a qualifier closes the name)
    assert [p.name for p in places_in_text("Clashes in Tell Abyad al-Sharqi today.", gaz)] == []


# A one-word name too short for a consonant key ("mdn": Mayadin, Maadan, Medina) has a key that keeps its
# vowels, folded the same way; it counts only near the text's sure places (or with none to say otherwise).
SHORT_PAIRS = [("Mayadein", "Mayadin"), ("Mayadeen", "Mayadin"), ("Heet", "Hit"), ("Kabun", "Qaboun")]


@pytest.mark.parametrize(("a", "b"), SHORT_PAIRS)
def test_short_names_share_a_vowelled_key(a: str, b: str) -> None:
    assert variant_key(normalize_name(a)) == variant_key(normalize_name(b))  # below the consonant keys' floor
    assert short_variant_key(normalize_name(a)) == short_variant_key(normalize_name(b))


@pytest.mark.parametrize(("a", "b"), [("Mayadin", "Maadan"), ("Mayadin", "Medina"), ("Hit", "Hat")])
def test_short_names_with_other_vowels_keep_apart(a: str, b: str) -> None:
    assert short_variant_key(normalize_name(a)) != short_variant_key(normalize_name(b))


SHORT_FOUND = [
    ("alone", "Clashes went on in Mayadein on Monday.", "Mayadein", "Al-Mayadin"),
    ("near-the-text", "Shells fell on Kabun and Jobar in Damascus.", "Kabun", "Qaboun"),
]


@pytest.mark.parametrize(("text", "surface", "name"), [c[1:] for c in SHORT_FOUND], ids=[c[0] for c in SHORT_FOUND])
def test_a_short_respelled_name_is_found(gaz: Gazetteer, text: str, surface: str, name: str) -> None:
    places = {p.surface: p for p in places_in_text(text, gaz)}
    assert places[surface].name == name and places[surface].resolved


def test_a_short_respelled_name_far_from_the_text_is_not_read(gaz: Gazetteer) -> None:
    # Al-Qurayya lies in Suwayda; "the town of al-Quriyah in Deir ez-Zor province" is another place
    places = places_in_text("Jets struck the town of al-Quriyah in Deir ez-Zor province.", gaz)
    assert all(p.name != "Al-Qurayya" for p in places)
