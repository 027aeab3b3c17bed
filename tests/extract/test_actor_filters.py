"""extract/actor_filters.py: an actor filter typed with an alias ("داعش", "Daesh", "IS") selects the
features the store keeps under the canonical name (ISIS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.actor_filters import with_actor_aliases
from geodata.records import ActorRef, DocumentRecord, EventRecord, PlaceRef
from geodata.store import Store
from geodata.store.filters import Filters

SPOT = PlaceRef("Somewhere", 36.0, 40.0, country_code="SY", feature_type="town")


def _event(fid: str, actor: str) -> EventRecord:
    return EventRecord(feature_id=fid, doc="a.txt", event_type="Battles", place=SPOT, actor1=ActorRef(actor))


@pytest.mark.parametrize(
    ("typed", "wanted"),
    [
        (("Daesh",), ("Daesh", "ISIS")),
        (("داعش", "IS"), ("داعش", "ISIS", "IS")),
        (("ISIS",), ("ISIS",)),
        (("Islamic State (Iraq)",), ("Islamic State (Iraq)",)),  # an imported dataset's own name: kept
    ],
)
def test_typed_actors_gain_their_canonical_names(typed: tuple[str, ...], wanted: tuple[str, ...]) -> None:
    filters = Filters(actors=typed, text="Mosul", kinds=("event",))
    assert with_actor_aliases(filters) == Filters(actors=wanted, text="Mosul", kinds=("event",))


@pytest.mark.parametrize("typed", ["داعش", "Daesh", "IS", "الدولة الاسلامية"])
def test_an_alias_selects_the_actors_features_in_the_store(tmp_path: Path, typed: str) -> None:
    with Store.open(tmp_path / "k.sqlite") as store:
        doc = DocumentRecord(name="a.txt", text="two events", lang="en")
        store.add_document(doc, [_event("e-isis", "ISIS"), _event("e-army", "Iraqi army")])
        assert store.query(Filters(actors=(typed,))) == []  # the store alone knows no alias
        found = store.query(with_actor_aliases(Filters(actors=(typed,))))
    assert [r.feature_id for r in found] == ["e-isis"]


def test_a_picker_lists_an_actor_with_other_names_in_both_languages() -> None:
    from extract.actor_filters import actor_label

    label = actor_label("ISIS")
    assert label.startswith("ISIS · ") and "داعش" in label and "Daesh" in label
    assert len(label.split(" · ")) <= 5  # a few, not the whole alias list
    assert actor_label("A name no list knows") == "A name no list knows"
