"""The review panel on the Map page (AppTest): a viewer cannot edit; a signed-in analyst corrects an actor,
moves an event to another gazetteer entry, merges two reports, rejects and undoes; a second analyst's
save in between is not overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.users import add_user
from geodata.store import Store
from geodata.store.filters import Filters
from tests.dashboard.conftest import new_app
from tests.geodata.store.reviewed import first_doc, first_records, ids, second_doc, second_records

PASSWORD = "tuz-khurmatu-2016"
FIRST, SECOND = ids(first_records()), ids(second_records())


@pytest.fixture
def review_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_gazetteer: Path) -> Path:
    """Two reports of one bombing, a journey and a road; the analysts' accounts amal and lina."""
    db = tmp_path / "review.sqlite"
    with Store.open(db) as s:
        s.add_document(first_doc(), first_records())
        s.add_document(second_doc(), second_records())
    monkeypatch.setenv("KHAREETA_DB", str(db))
    users = tmp_path / "users.yaml"
    add_user("amal", PASSWORD, name="Amal K.", path=users)
    add_user("lina", PASSWORD, path=users)
    monkeypatch.setenv("KHAREETA_USERS", str(users))
    return db


def _refs(at: AppTest) -> list[str]:
    """The feature table's refs (the review panel's history is a table too)."""
    return next(list(d.value["ref"]) for d in at.dataframe if "ref" in d.value.columns)


def _choose(at: AppTest, feature_id: str) -> None:
    """Choose a feature in the table, as a click on its row does."""
    refs = _refs(at)
    at.session_state["feat_table"] = {"selection": {"rows": [refs.index(feature_id)], "columns": []}}
    at.run()
    assert not at.exception, at.exception


def _sign_in(at: AppTest, user: str = "amal", password: str = PASSWORD) -> None:
    name = next(t for t in at.text_input if t.label == "Username")
    secret = next(t for t in at.text_input if t.label == "Password")
    name.input(user)
    secret.input(password)
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert not at.exception, at.exception
    at.run()


def _button(at: AppTest, key: str):
    return next(b for b in at.button if b.key == key)


def _save(at: AppTest) -> None:
    next(b for b in at.button if b.label == "Save the correction").click().run()
    assert not at.exception, at.exception


def _html(at: AppTest) -> str:
    return " ".join(h.proto.body for h in at.get("html"))


def test_a_viewer_reads_the_review_but_cannot_edit(review_db: Path) -> None:
    at = new_app()
    _choose(at, FIRST["event"])
    assert any("Sign in (in the sidebar)" in c.value for c in at.caption)
    assert not [b for b in at.button if b.key in ("rv_accept", "rv_undo", "rv_reject", "rv_merge")]
    assert not [b for b in at.button if b.label == "Save the correction"]


def test_a_wrong_password_does_not_sign_in(review_db: Path) -> None:
    at = new_app()
    _sign_in(at, "amal", "not-the-password")
    assert any("wrong" in e.value for e in at.error)
    _choose(at, FIRST["event"])
    assert not [b for b in at.button if b.key == "rv_accept"]


def test_an_analyst_corrects_an_actor_and_the_card_says_who(review_db: Path) -> None:
    at = new_app()
    _sign_in(at)
    assert any("Signed in as **Amal K.**" in c.value for c in at.sidebar.caption)
    _choose(at, FIRST["event"])
    at.selectbox(key="rv_actor1").select("Islamic State")
    _save(at)
    with Store.open(review_db) as s:
        r = s.feature(FIRST["event"])
        history = s.history(FIRST["event"])
    assert r is not None and r.actor1 is not None and r.actor1.name == "Islamic State"
    assert r.actor1.actor_id == "isis"  # the id the store knows the actor by
    assert r.review is not None and (r.review.status, r.review.by) == ("corrected", "amal")
    assert [c.field for c in history] == ["actor1", "review_status"] and history[0].who == "amal"
    assert "Corrected by amal" in _html(at)
    assert any("Corrected: saved as amal" in s.value for s in at.success)


def test_an_event_moves_to_the_gazetteer_entry_chosen(review_db: Path) -> None:
    at = new_app()
    _sign_in(at)
    _choose(at, FIRST["event"])
    at.text_input(key="rv_search").input("Kirkuk").run()
    radio = at.radio(key="rv_place")
    kirkuk = next(i for i, label in enumerate(radio.options) if "geonames:94787" in label)  # the options' labels
    radio.set_value(kirkuk)
    _save(at)
    with Store.open(review_db) as s:
        r = s.feature(FIRST["event"])
        near_kirkuk = s.query_ids(Filters(bbox=(44.3, 35.4, 44.5, 35.5), kinds=("event",)))
    assert r is not None and r.place.gazetteer_id == "geonames:94787" and round(r.place.lat, 2) == 35.47
    assert FIRST["event"] in near_kirkuk  # the map's box query finds it where it now is


def test_an_analyst_merges_two_reports_and_undoes_it(review_db: Path) -> None:
    at = new_app()
    _sign_in(at)
    _choose(at, FIRST["event"])
    at.checkbox(key=f"rv_dup_{SECOND['event']}").check().run()
    _button(at, "rv_merge").click().run()
    assert not at.exception, at.exception
    with Store.open(review_db) as s:
        kept, other = s.feature(FIRST["event"]), s.feature(SECOND["event"])
        shown = s.query_ids(Filters(kinds=("event",)))
    assert kept is not None and kept.review is not None and len(kept.review.sources) == 2
    assert other is not None and other.review is not None and other.review.merged_into == FIRST["event"]
    assert shown == [FIRST["event"]]  # the duplicate is off the map
    assert "2 reports" in _html(at)
    _button(at, "rv_undo").click().run()
    with Store.open(review_db) as s:
        assert sorted(s.query_ids(Filters(kinds=("event",)))) == sorted([FIRST["event"], SECOND["event"]])


def test_an_analyst_rejects_a_feature_and_the_map_leaves_it_out(review_db: Path) -> None:
    at = new_app()
    _sign_in(at)
    _choose(at, FIRST["route"])
    at.text_input(key="rv_reason").input("not a road the text talks about")
    _button(at, "rv_reject").click().run()
    assert not at.exception, at.exception
    with Store.open(review_db) as s:
        r = s.feature(FIRST["route"])
    assert r is not None and r.review is not None and r.review.status == "rejected"
    assert FIRST["route"] not in _refs(at)
    assert any("Not on the map with these filters" in c.value for c in at.caption)  # still here, to undo
    _button(at, "rv_undo").click().run()
    assert FIRST["route"] in _refs(at)


def test_a_save_over_another_analysts_change_is_refused(review_db: Path) -> None:
    at = new_app()
    _sign_in(at)
    _choose(at, FIRST["event"])
    with Store.open(review_db) as s:  # lina saves first, while amal's panel is open
        s.correct(FIRST["event"], {"fatalities": 14}, who="lina")
    at.number_input(key="rv_fatalities").set_value(11)
    _save(at)
    assert any("changed by lina" in w.value for w in at.warning)
    with Store.open(review_db) as s:
        r = s.feature(FIRST["event"])
    assert r is not None and r.fatalities == 14  # lina's value stands
