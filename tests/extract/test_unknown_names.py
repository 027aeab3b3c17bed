"""extract/unknown_names.py: where a name the gazetteer lacks starts and ends in the text."""

from __future__ import annotations

import pytest

from extract.admin_words import words
from extract.places import places_in_text
from extract.unknown_names import capitalised_run, runs
from geodata.names import normalize_name, normalize_text


def test_an_unknown_name_is_never_cut_short_at_a_word_read_otherwise() -> None:
    text = "Shells fell on Marj al-Dahr village."
    nt = normalize_text(text)
    marj, dahr = nt.tokens.index("marj"), nt.tokens.index("dahr")
    assert capitalised_run(nt, text, dahr, set()) == marj
    assert capitalised_run(nt, text, dahr, {marj}) is None  # "Marj" read as a place: not "al-Dahr" alone


def _runs_ending_at(text: str, last_word: str) -> list[str]:
    nt = normalize_text(text)
    last = nt.tokens.index(last_word)
    return [
        text[nt.orig_starts[a] + skip : nt.orig_ends[b]] for a, b, skip in runs(nt, text, last, set(), unit_word=False)
    ]


def test_names_listed_after_one_head_are_read_apart() -> None:
    assert _runs_ending_at("Gunmen attacked the villages of Umm Jurn and Tal Sfouk south of Kirkuk.", "sfouk") == [
        "Umm Jurn",
        "Tal Sfouk",
    ]
    assert _runs_ending_at("قريتي أم الجرن وتل صفوك جنوب كركوك", "صفوك") == ["أم الجرن", "تل صفوك"]


def test_the_words_are_read_once_and_normalised() -> None:
    w = words()
    assert w is words()
    assert {normalize_name("قرية"), normalize_name("village")} <= w.heads_before  # as the text is folded
    assert "و" in w.joined_conjunctions and "a" in w.appositives


def test_an_arabic_verb_after_a_comma_and_wa_is_no_listed_village(gaz) -> None:
    """ "مدينة مورك، وترافقت المعارك": a verb of the form تفاعلت opening the next clause is no second town."""
    text = "سيطرت قوات النظام على مدينة مورك، وترافقت المعارك مع ضربات جوية."
    assert [text[p.start : p.end] for p in places_in_text(text, gaz)] == ["مورك"]


def test_a_preposition_on_a_common_word_opens_no_name_after_a_head() -> None:
    """ "قتل مزارع بانفجار عبوة": "مزارع" (farms, or a farmer) is followed by "بـ" + "انفجار" (by a blast), no
    farms named "بانفجار"; "حي بستان الباشا" keeps its name ("ستان" is no common word). Arabic only: English
    writes its prepositions apart."""
    assert _runs_ending_at("قتل مزارع بانفجار عبوة ناسفة", normalize_name("ناسفة")) == []
    assert _runs_ending_at("سيطرت الوحدات على حي بستان الباشا", normalize_name("الباشا")) == ["بستان الباشا"]


def test_a_word_of_the_way_ends_no_name() -> None:
    """ "مخيم شاريا متجهة عبر الموصل", "من حي الشهداء إلى مخيمات": a word of going or of the way ("متجهة",
    "عبر", "إلى", "الطريق") is no last word of an unknown name. Arabic only: English names are capitalised."""
    assert _runs_ending_at("غادرت العائلات مخيم شاريا متجهة عبر", normalize_name("عبر")) == []
    assert _runs_ending_at("نقلت العائلات من حي الشهداء إلى", normalize_name("إلى")) == []
    assert _runs_ending_at("غادرت العائلات مخيم شاريا", normalize_name("شاريا")) == ["شاريا"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("وصل رتل من دمشق إلى مطار غربي السويداء، مرجحاً أن يكون مرتبطاً بالاحتجاجات.", id="murajjihan"),
        pytest.param("اتهم التلفزيون الجبهة باستخدام الغاز في كفرزيتا، زاعماً أن المجموعات تحضر لهجمات.", id="zaiman"),
    ],
)
def test_an_arabic_adverb_with_tanween_after_a_place_is_no_listed_village(gaz, text: str) -> None:
    """Arabic only: the accusative's tanween ("مرجحاً", "زاعماً") is a mark of Arabic script, never on a
    village's name; English has no such word shape."""
    assert all(p.resolved for p in places_in_text(text, gaz))
