"""The Documents page (AppTest): what the store holds, an article with its mentions, delete."""

from __future__ import annotations

from pathlib import Path

from geodata.store import Store
from geodata.store.filters import Filters
from tests.dashboard.conftest import new_app, open_store

PAGE = "views/documents.py"


def test_lists_documents_and_reads_one_with_its_mentions(app_db: Path) -> None:
    at = new_app(PAGE)
    with open_store(app_db) as s:
        docs = s.documents()
    assert len(at.dataframe[0].value) == len(docs)
    mosul = next(d for d in docs if d.name == "mosul-2015-11-19-ar.txt")
    at.selectbox(key="doc_pick").set_value(mosul.doc_id).run()
    body = "\n".join(el.proto.body for el in at.get("html"))
    assert 'class="kh-article" dir="rtl" lang="ar"' in body
    assert '<mark class="kh-m">الرقة</mark>' in body and '<mark class="kh-t">' in body
    kinds = set(at.dataframe[1].value["kind"])
    assert {"event", "movement", "route"} <= kinds


def test_delete_removes_the_document_and_its_features(app_db: Path) -> None:
    at = new_app(PAGE)
    with open_store(app_db) as s:
        before = s.stats()
        victim = s.documents()[0]
    at.selectbox(key="doc_pick").set_value(victim.doc_id).run()
    next(b for b in at.button if b.label == "Delete").click().run()
    assert not at.exception
    with open_store(app_db) as s:
        after = s.stats()
        assert victim.doc_id not in {d.doc_id for d in s.documents()}
    assert after.documents == before.documents - 1
    assert sum(after.features.values()) == sum(before.features.values()) - victim.n_features


def test_the_map_button_opens_the_article_a_feature_came_from(app_db: Path) -> None:
    at = new_app(PAGE)
    with open_store(app_db) as s:
        wanted = s.documents()[3].doc_id
    at.session_state["doc_pick"] = wanted  # what the Map page's "Read the whole article" sets
    at.run()
    assert at.selectbox(key="doc_pick").value == wanted


def test_reviews_whose_feature_is_gone_are_listed(app_db: Path) -> None:
    with Store.open(app_db) as s:
        event = s.query(Filters(kinds=("event",)))[0]
        s.correct(event.feature_id, {"fatalities": 99}, who="amal")
        s.delete_document(event.doc)
    at = new_app("views/documents.py")
    assert any("Reviews whose feature is gone (1)" in e.label for e in at.expander)
    assert any("The reviews' last changes (1)" in e.label for e in at.expander)
    log = next(d.value for d in at.dataframe if "change" in d.value.columns)
    assert set(log["who"]) == {"amal"} and "99" in set(log["now"])
    frame = next(d.value for d in at.dataframe if "corrections" in d.value.columns)
    assert list(frame["feature"]) == [event.feature_id] and list(frame["corrections"]) == ["fatalities: 99"]
