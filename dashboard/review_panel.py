"""The review panel under the feature chosen on the map: accept, correct, reject, merge, undo, history.

Viewers see what was decided (in the feature's card) and a line asking them to sign in; a signed-in analyst
(`dashboard.signin`) gets the actions. Every save names the review version the panel was drawn with, so
when another analyst saved the feature in between, nothing is overwritten: the panel says who changed it
and shows it as it now is. A location is corrected by choosing another gazetteer entry of its name, by
searching the gazetteer, or by clicking the map (`PICK_KEY` on: the map then reports its clicks).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st

from dashboard import review_form, signin, state
from dashboard.map_view import PICK_KEY
from geodata.errors import GazetteerError, InputError, StoreError
from geodata.records import Record
from geodata.store.review import ReviewConflictError
from geodata.store.review_fields import shown

NOTICE_KEY = "rv_notice"  # what the last action did, shown after the rerun that redraws the map
_SEEN = "rv_seen"  # feature id -> the review version the panel was drawn with


def _version(r: Record) -> int:
    return r.review.version if r.review else 0


def _do(record: Record, what: str, action: Callable[[int], Record]) -> None:
    """Run a store action against the version the analyst saw; on success rerun (the map redraws it)."""
    seen = st.session_state.setdefault(_SEEN, {}).get(record.feature_id, _version(record))
    try:
        after = action(seen)
    except ReviewConflictError as exc:
        st.session_state[_SEEN][record.feature_id] = _version(exc.current) if exc.current else seen
        st.warning(str(exc))
        return
    except (InputError, StoreError) as exc:
        st.error(str(exc))
        return
    st.session_state[_SEEN][record.feature_id] = _version(after)
    st.session_state[NOTICE_KEY] = f"{what}: saved as {signin.user()}."
    st.rerun()  # the store's version has moved on: the map catches up with the change (`dashboard.live`)


def panel(record: Record, version: tuple[Any, ...], *, clicked_point: Mapping[str, Any] | None = None) -> None:
    """The review actions for `record` (a viewer gets a line about signing in); `version`: the store's, as
    the page read it."""
    if notice := st.session_state.pop(NOTICE_KEY, None):
        st.success(notice)
    if taught := st.session_state.pop("rv_taught", None):
        st.info(taught)
    who = signin.user()
    if who is None:
        st.caption("Sign in (in the sidebar) to accept, correct, reject or merge this feature.")
        return
    st.session_state.setdefault(_SEEN, {}).setdefault(record.feature_id, _version(record))
    store = state.store()
    fid = record.feature_id
    left, right = st.columns(2)
    if left.button("Accept", key="rv_accept", help="The feature is right as it is.", width="stretch"):
        _do(record, "Accepted", lambda v: store.accept(fid, who=who, expected=v))
    if right.button("Undo", key="rv_undo", help="Take back the last change to this feature.", width="stretch"):
        _do(record, "Undone", lambda v: store.undo(fid, who=who, expected=v))
    with st.expander("Correct", expanded=bool(st.session_state.get(PICK_KEY))):
        fix = review_form.corrections(record, state.gazetteer(), list(state.facets(version).actors), clicked_point)
        if fix is not None and not fix.values:
            st.info("Nothing was changed.")
        elif fix is not None:
            note = st.session_state.get("rv_note", "")
            if fix.alias:
                _teach(*fix.alias)
            _do(record, "Corrected", lambda v: store.correct(fid, fix.values, who=who, note=note, expected=v))
    with st.expander("Reject", expanded=False):
        reason = st.text_input("Why", key="rv_reason", placeholder="e.g. not an event; the wrong town")
        phrase = _not_a_place_widgets(record)
        if st.button("Reject this feature", key="rv_reject"):
            if phrase:
                _never_a_place(phrase, getattr(record, "surface", "") or record.vertices[0].name)
            _do(record, "Rejected", lambda v: store.reject(fid, who=who, reason=reason, expected=v))
    if record.kind == "event":
        _merge(record, who, version)
    _history(fid)


def _merge(record: Record, who: str, version: tuple[Any, ...]) -> None:
    """Events that may be the same one (same type, 10 km, 2 days, other articles), to merge into this one."""
    with st.expander("Merge duplicates", expanded=False):
        store = state.store()
        fid = record.feature_id
        pairs = [d for d in state.duplicates(version) if fid in (d.first, d.second)]
        others = {d.second if d.first == fid else d.first: d for d in pairs}
        if not others:
            st.caption("No other event of this type within 10 km and 2 days in another article.")
            return
        picked = []
        for other, d in others.items():
            r = store.feature(other)
            label = f"{r.evidence[:90] if r else other} ({d.km:g} km, {d.days} day(s) apart; {other})"
            if st.checkbox(label, key=f"rv_dup_{other}"):
                picked.append(other)
        if st.button("Merge into this event", key="rv_merge", disabled=not picked):
            _do(record, "Merged", lambda v: store.merge(fid, picked, who=who, expected={fid: v}))


def _history(fid: str) -> None:
    changes = state.store().history(fid)
    n = len({c.change for c in changes})
    with st.expander(f"History ({n} change{'' if n == 1 else 's'})", expanded=False):
        if not changes:
            st.caption("Not reviewed yet: this is what the extraction found.")
            return
        st.dataframe(_history_rows(changes), hide_index=True, width="stretch", key="rv_history")


def _history_rows(changes: Sequence[Any]) -> list[dict[str, str]]:
    return [
        {
            "when": c.at.replace("T", " ")[:16],
            "who": c.who,
            "action": c.action + (f" #{c.undoes}" if c.undoes else ""),
            "field": c.field,
            "was": shown(c.old),
            "now": shown(c.new),
            "note": c.note,
        }
        for c in reversed(changes)
    ]


def context_phrase(record: Record) -> str:
    """The mention and the word after it in its sentence ("Aleppo Media" of "Aleppo Media Center said")."""
    surface = getattr(record, "surface", "") or ""
    at = record.evidence.find(surface) if surface else -1
    if at < 0:
        return surface
    rest = record.evidence[at + len(surface) :].split()
    return f"{surface} {rest[0].strip('.,;:')}" if rest else surface


def _not_a_place_widgets(record: Record) -> str:
    """For a place: the phrase to add to the analyst's not-a-place list, when asked ("" when not)."""
    if record.kind != "place":
        return ""
    on = st.checkbox(
        "Never read it as a place in this phrase again", key="rv_not_place",
        help="Added to your not-a-place list (data/gazetteer/not_places.csv); articles read from now on skip it.",
    )  # fmt: skip
    phrase = st.text_input("Phrase", value=context_phrase(record), key="rv_phrase", disabled=not on)
    return phrase if on else ""


def _never_a_place(phrase: str, surface: str) -> None:
    from geodata.gazetteer import not_places

    try:
        if not_places.add_not_place(phrase, surface):
            st.session_state["rv_taught"] = f"{phrase!r} is never read as a place from now on."
    except GazetteerError as exc:
        st.warning(f"Not added to the not-a-place list: {exc}")


def _teach(gid: str, name: str) -> None:
    """The corrected location's name added to the chosen place in the analyst's gazetteer (asked for)."""
    from geodata.gazetteer import user as user_gazetteer

    try:
        if user_gazetteer.add_alias(gid, name, gaz=state.gazetteer()):
            st.session_state["rv_taught"] = f"The gazetteer now knows {name!r} as a name of {gid}."
    except (InputError, GazetteerError) as exc:
        st.warning(f"The gazetteer was not taught {name!r}: {exc}")
