"""Actors that share a head noun: "Russian and Syrian jets", "الطائرات الروسية والسورية".

In English each adjective of "<adjective> and <adjective> <head>" names an
actor of its own (`data/actor_heads.json`: demonyms, heads, joiners); in
Arabic an adjective joined by "و" right after a named force ("الطائرات
الروسية **والسورية**") does. The first mention is the adjective's own span, the
second runs to the head; none is made over a mention the aliases found.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

from extract.context import token
from extract.datafiles import load_json
from extract.lexicons import ActorDef
from extract.types import ActorMention
from extract.wordforms import word_forms
from geodata.names import NormText, is_arabic, normalize_name


@cache
def _lists() -> dict[str, Any]:
    """actor_heads.json read once, its words normalised: demonym tables as dicts, lists as sets."""
    raw = load_json("actor_heads.json")
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, dict):
            out[key] = {normalize_name(k): v for k, v in value.items()}
        elif isinstance(value, list):
            out[key] = frozenset(normalize_name(w) for w in value)
    return out


def _data() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    d = _lists()
    return d["demonyms"], d["heads"], d["joiners"]


def _head_before(nt: NormText, i: int, taken: set[int]) -> int | None:
    """'Turkish reinforcements', 'an Israeli air strike', 'Turkish air force jets': the head's token after the
    English adjective at token i, over at most two fillers."""
    heads, fillers = _lists()["heads_alone_en"], _lists()["fillers_en"]
    j = i + 1
    while j < i + 3 and token(nt, j) in fillers:
        j += 1
    return j if token(nt, j) in heads and not taken.intersection(range(i, j + 1)) else None


def _arabic() -> tuple[dict[str, str], frozenset[str], frozenset[str], frozenset[str]]:
    d = _lists()
    return d["demonyms_after_head"], d["heads_ar"], d["fillers_ar"], d["not_before"]


def _after_head(nt: NormText, i: int, taken: set[int]) -> tuple[str, int] | None:
    """'طائرات حربية روسية', 'الدبابات التركية': the actor of the adjective at token i after a word of force
    (indefinite after an indefinite one, definite after a definite one), and its head's token."""
    after, heads, fillers, not_before = _arabic()
    word = token(nt, i)
    definite = word.startswith("ال")
    actor = _data()[0].get(word) if definite else after.get(word)
    if actor is None or token(nt, i + 1) in not_before:
        return None
    j = i - 1
    while j >= 0 and j > i - 3 and (token(nt, j) in fillers or (definite and token(nt, j)[2:] in fillers)):
        j -= 1
    head = token(nt, j) if j >= 0 else ""
    if j < 0 or j in taken or head.startswith("ال") != definite:
        return None
    return (actor, j) if word_forms(head, article=definite) & heads else None


def shared_head_actors(nt: NormText, named: list[ActorMention], defs: dict[str, ActorDef]) -> list[ActorMention]:
    """The mentions of adjectives that share a head, where no named mention stands."""
    demonyms, heads, joiners = _data()
    taken = {t for a in named for t in range(a.tok_first, a.tok_last + 1)}
    ends = {a.tok_last for a in named}
    out: list[ActorMention] = []
    for i in _candidates(nt.tokens, ends):
        word = nt.tokens[i]
        if i in taken:
            continue
        if word in demonyms and token(nt, i + 1) in joiners and token(nt, i + 2) in demonyms:
            if token(nt, i + 3) in heads and not {i + 2, i + 3} & taken:
                out += [
                    _mention(defs, demonyms[word], nt, i, i),
                    _mention(defs, demonyms[token(nt, i + 2)], nt, i + 2, i + 3),
                ]
                taken.update(range(i, i + 4))
            elif token(nt, i + 3) in heads:
                out.append(_mention(defs, demonyms[word], nt, i, i))
        elif word in demonyms and not is_arabic(word) and (j := _head_before(nt, i, taken)) is not None:
            out.append(_mention(defs, demonyms[word], nt, i, j))
            taken.update(range(i, j + 1))
        elif (head := _after_head(nt, i, taken)) is not None:
            out.append(_mention(defs, head[0], nt, head[1], i))
        elif word.startswith("و") and i - 1 in ends:  # "الطائرات الروسية والسورية"
            actor = next((demonyms[f] for f in word_forms(word) if f in demonyms), None)
            if actor is not None:  # the span without its "و"
                out.append(replace(_mention(defs, actor, nt, i, i), start=nt.orig_starts[i] + 1))
    return [m for m in out if m.actor_id]


def _candidates(tokens: tuple[str, ...], ends: set[int]) -> list[int]:
    """The tokens worth a look, in order: a demonym, or a word with "و" right after a named mention. Most
    texts have none of the demonyms: a set test tells it without a loop over the words."""
    found = {e + 1 for e in ends if e + 1 < len(tokens) and tokens[e + 1][:1] == "و"}
    demonyms = _demonym_words()
    if not demonyms.isdisjoint(tokens):
        found.update(i for i, w in enumerate(tokens) if w in demonyms)
    return sorted(found)


@cache
def _demonym_words() -> frozenset[str]:
    """The demonyms of both tables: before a head ("Russian jets"), after one ("طائرات روسية")."""
    return frozenset(_data()[0]) | frozenset(_arabic()[0])


def _mention(defs: dict[str, ActorDef], actor_id: str, nt: NormText, first: int, last: int) -> ActorMention:
    d = defs.get(actor_id)
    if d is None:
        return ActorMention("", "", "", "", 0, 0, first, last)
    return ActorMention(
        d.actor_id, d.name, d.actor_type, d.family, nt.orig_starts[first], nt.orig_ends[last], first, last
    )
