"""extract/journey_frames.py: journey clauses, negation, and where the movers are.

A sentence is cut where a new journey starts; a negated movement word tells no journey; a place
the movers are "in" / "at" ends the journey of a convoy or of movers who settled, is passed on the
way to a destination after a verb, and is where movers left from after a word of leaving.
"""

from __future__ import annotations

import pytest

from extract.annotated import Annotated, PlaceTok
from extract.document import make_document
from extract.journey_frames import negated, placed, segments
from extract.journey_stops import Stop
from extract.lexicons import cues
from extract.pipeline import steps
from extract.types import Place
from extract.wordforms import word_forms
from geodata.names import normalize_text


def _ann(gaz, text: str) -> Annotated:
    doc = make_document(text, doc_id="t", published="2016-10-17")
    ann = Annotated(doc, normalize_text(doc.text))
    for step in steps(gaz)[:5]:
        ann = step(ann)
    return ann


def _triggers(ann: Annotated) -> list[int]:
    want = cues()["movement_triggers"]
    return [i for i in range(len(ann.nt.tokens)) if word_forms(ann.word(i), article=True, endings=True) & want]


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        pytest.param("غادرت عائلات الفوعة إلى حلب، في المقابل غادر مقاتلون مضايا إلى إدلب.", 2, id="in-exchange-ar"),
        pytest.param(
            "Families left Foua for Aleppo; in exchange fighters left Madaya for Idlib.", 2, id="in-exchange-en"
        ),
        pytest.param("نزحت عائلات من كركوك إلى أربيل، فيما توجهت عائلات أخرى إلى السليمانية.", 2, id="while-ar"),
        pytest.param("Families fled Kirkuk for Erbil, while others headed to Sulaymaniyah.", 2, id="while-en"),
        pytest.param("فرت العائلات من الرقة إلى الطبقة ثم إلى منبج.", 1, id="one-journey-ar"),
        pytest.param("Families fled Raqqa for Tabqa and then for Manbij.", 1, id="one-journey-en"),
    ],
)
def test_a_new_journey_starts_a_clause(gaz, text: str, clauses: int) -> None:
    ann = _ann(gaz, text)
    assert len(segments(ann, 0, len(ann.nt.tokens) - 1, _triggers(ann))) == clauses


@pytest.mark.parametrize(
    ("text", "no"),
    [
        pytest.param("لم تغادر القافلة حلب.", True, id="did-not-ar"),
        pytest.param("The convoy never left Aleppo.", True, id="never-en"),
        pytest.param("لم تدخل أي قوافل إلى دوما منذ أشهر.", True, id="no-convoys-ar"),
        pytest.param("No aid convoys have entered Douma for months.", True, id="no-convoys-en"),
        pytest.param("غادرت القافلة حلب.", False, id="left-ar"),
        pytest.param("The convoy left Aleppo.", False, id="left-en"),
    ],
)
def test_a_negated_movement_word(gaz, text: str, no: bool) -> None:
    ann = _ann(gaz, text)
    assert negated(ann, 0, _triggers(ann)) is no


def _stop(name: str, role: str) -> Stop:
    p = Place(0, 1, name, name, name, "", "town", "SY", 0.0, 0.0, 1.0)
    return Stop(PlaceTok(p, 0, 0), role)


def _roles(stops: list[Stop]) -> list[tuple[str, str]]:
    return [(s.at.place.name, s.role) for s in stops]


@pytest.mark.parametrize(
    ("stops", "kind", "want"),
    [
        pytest.param([("A", "from"), ("B", "at")], "noun", [("A", "from"), ("B", "arrive")], id="convoy-ends-there"),
        pytest.param([("A", "from"), ("B", "at")], "settles", [("A", "from"), ("B", "arrive")], id="settled-in"),
        pytest.param([("A", "from"), ("B", "at")], "verb", [("A", "from")], id="verb-no-destination"),
        pytest.param([("A", "at"), ("B", "arrive")], "verb", [("A", "via"), ("B", "arrive")], id="crossed-at"),
        pytest.param([("A", "at"), ("B", "to")], "leaving", [("A", "from"), ("B", "to")], id="fleeing-in"),
        pytest.param([("A", "from"), ("B", "at"), ("C", "to")], "noun", [("A", "from"), ("C", "to")], id="convoy-to"),
    ],
)
def test_where_the_movers_are(stops: list[tuple[str, str]], kind: str, want: list[tuple[str, str]]) -> None:
    got = placed(
        [_stop(n, r) for n, r in stops], noun=kind == "noun", leaving=kind == "leaving", settles=kind == "settles"
    )
    assert _roles(got) == want
