"""Names spelled otherwise than the gazetteer writes them ("Bokamal", "Jesr al-Shughour",
"Dayr Az Zayr"), found through a controlled spelling key (`geodata.names.variant_key`):
vowels and the letters transliterations trade (ou/o/u, ei/ai/ay/e/i, q/k, doubled
letters) fold away; consonants must agree. Not a fuzzy search: only places of the
region, only capitalised words, only where the text marks a place ("in", "near",
"X town", "X and <a place>"), and only one place per key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wordfreq import zipf_frequency

from extract.admin_words import connecting
from extract.context import CAPITALISED, cue_before, rules
from extract.matching import Match
from extract.resolve import DocContext, alias_abroad, choose, other_side, own_keys, place_at
from extract.types import Place
from extract.wordforms import word_forms
from geodata import settings
from geodata.gazetteer import BLOCK, MIN_VARIANT_CHARS, Gazetteer
from geodata.gazetteer.admin import governorate_code
from geodata.gazetteer.sources import GazEntry
from geodata.geometry import km
from geodata.names import (
    ARTICLES,
    SHORT_KEY_MARK,
    NormText,
    is_arabic,
    name_keys,
    short_variant_key,
    variant_key,
    variant_token,
)

MAX_WORDS = 4
ORDINARY_ZIPF = 3.0  # an English word this frequent is not a respelled town name
_SPACED = frozenset({"al", "el"})  # articles written apart inside a name
SAME_PLACE_KM = 30.0
SPELLING_CONFIDENCE = 0.8
SHORT_KEY_KM = 75.0  # a one-word name found by its vowelled key lies this near the text's sure places
CROSS_BORDER_TOWN = 50_000  # people: a respelled town of the other focus country this large may be meant


@dataclass(frozen=True, slots=True)
class Respelled:
    """A name found by its spelling key, and the exact matches it replaces."""

    place: Place
    tok_first: int
    tok_last: int
    replaces: tuple[int, ...]  # indices of the exact mentions inside it
    entry: GazEntry


def _word(nt: NormText, text: str, t: int) -> str:
    return text[nt.orig_starts[t] : nt.orig_ends[t]]


# A token opens a name when it opens with a capital, also after its article (`CAPITALISED`:
# "al-Bokamal"), and is not the rest of a word ("d'Alep"): most words of a text are not.
_WORD_GOES_ON = re.compile(r"[A-Za-z0-9À-ÿ'’‘`]")
_OPENERS = frozenset(a[0] for a in ARTICLES) | frozenset(a[0].upper() for a in ARTICLES)


class _Words:
    """Which words of a text may open, close or stand inside a name, looked at lazily."""

    def __init__(self, nt: NormText, text: str) -> None:
        self.nt, self.text = nt, text
        at = nt.orig_starts
        capital, goes_on = CAPITALISED.match, _WORD_GOES_ON.match
        self.starts: list[int] = [  # tokens that open with a capital (a cheap look at the first letters first:
            i  # a word in lowercase is one only as an article and its hyphen, "al-Bokamal")
            for i, s in enumerate(at)
            if (text[s].isupper() or (text[s] in _OPENERS and "-" in text[s + 2 : s + 4]))
            and capital(text, s)
            and not (s and goes_on(text, s - 1))
        ]
        self._keys: dict[int, str] = {}
        self._edges: dict[int, bool] = {}
        self._capital = set(self.starts)

    def _not_caps(self, t: int) -> bool:
        w = self.text[self.nt.orig_starts[t] : self.nt.orig_ends[t]]
        head, sep, rest = w.partition("-")
        w = rest if sep and head.lower() in ARTICLES else w
        return not (len(w) > 1 and w.isupper()) and not is_arabic(w)

    def edge(self, t: int) -> bool:
        """A word that may open or close a name: capitalised, not in capitals."""
        if t not in self._edges:
            self._edges[t] = t in self._capital and self._not_caps(t)
        return self._edges[t]

    def inner(self, t: int) -> bool:
        """A word inside a name: a name's word, or a written article ("Busra al_Sham")."""
        if self.edge(t):
            return True
        s, e = self.nt.orig_starts[t], self.nt.orig_ends[t]
        return self.nt.tokens[t] in ARTICLES and self.text[s:e].lower() in _SPACED

    def key(self, t: int) -> str:
        if t not in self._keys:
            self._keys[t] = variant_token(self.nt.tokens[t])
        return self._keys[t]

    def short_key(self, t: int) -> str:
        """The vowelled key of a one-word name too short for a consonant key ("Mayadein")."""
        return short_variant_key(self.nt.tokens[t]) if len(self.key(t)) < MIN_VARIANT_CHARS else ""


def _marked(nt: NormText, text: str, first: int, last: int, places_at: set[int]) -> bool:
    """The text marks a place here: a cue before, a place word after, a place it is listed with, or
    the unit that holds it after a comma ("Dayr az Zawr, Syria", "Ishaqi, south of Tikrit")."""
    r = rules()
    if cue_before(nt, first, strong=False):
        return True
    nxt = last + 1
    if nxt < len(nt.tokens) and word_forms(nt.tokens[nxt]) & r.place_words_after:
        return True
    if _unit_after_comma(nt, text, last, places_at):
        return True
    prev = first - 1
    if prev >= 0 and word_forms(nt.tokens[prev]) & r.conjunctions and prev - 1 in places_at:
        return True
    return nxt < len(nt.tokens) and bool(word_forms(nt.tokens[nxt]) & r.conjunctions) and nxt + 1 in places_at


UNIT_REACH = 4  # words between a comma and the unit it names: "Ishaqi, some 20 km south of Tikrit"


def _unit_after_comma(nt: NormText, text: str, last: int, places_at: set[int]) -> bool:
    nxt = last + 1
    if nxt >= len(nt.tokens) or text[nt.orig_ends[last] : nt.orig_starts[nxt]].strip() != ",":
        return False
    for t in range(nxt, min(len(nt.tokens), nxt + UNIT_REACH + 1)):
        if t in places_at:
            return True
        if connecting(nt, t) is None:
            return False
    return False


def _inside_blocked(gaz: Gazetteer, nt: NormText, first: int, last: int) -> bool:
    """Whether tokens first..last lie inside a phrase of not_places.csv."""
    n = len(nt.tokens)
    return any(
        BLOCK in gaz.index.lookup(" ".join(nt.tokens[a : b + 1]))
        for a in range(max(0, first - MAX_WORDS + 1), first + 1)
        for b in range(last, min(n, last + MAX_WORDS))
    )


def _one_place(cands: list[GazEntry]) -> bool:
    return all(km(c.lat, c.lon, cands[0].lat, cands[0].lon) <= SAME_PLACE_KM for c in cands)


_HEADS: list[tuple[dict[str, tuple[int, ...]], frozenset[str]]] = []


def _heads(gaz: Gazetteer) -> frozenset[str]:
    """The spelling keys and the words that open them ("jsr", "jsr shghr"), once per gazetteer: a name
    of the text read word by word can grow into a key only while it is one of these."""
    got = _HEADS[0] if _HEADS else None
    if got is None or got[0] is not gaz.variants:
        words = [k.split(" ") for k in gaz.variants]
        got = (gaz.variants, frozenset(" ".join(w[:i]) for w in words for i in range(1, len(w) + 1)))
        _HEADS[:] = [got]
    return got[1]


def _spans(
    w: _Words, t: int, stop: int, heads: frozenset[str], variants: dict[str, tuple[int, ...]]
) -> list[tuple[int, str]]:
    """The last tokens (up to `stop`) of the runs from token t whose spelling key is a name's, with
    that key; the run stops growing once its key opens no name."""
    out: list[tuple[int, str]] = []
    vk = w.key(t)
    for last in range(t, stop + 1):
        if last > t and (k := w.key(last)):
            vk = f"{vk} {k}" if vk else k
        if vk not in heads:
            break
        if vk in variants:
            out.append((last, vk))
    return out


def _place_of(
    cands: list[GazEntry], ctx: DocContext, text: str, start: int, end: int, *, single: bool, key: str
) -> tuple[Place, GazEntry] | None:
    """The place a respelled name (spelling key `key`) stands for in this document (and its entry), or None."""
    choice = choose(cands, ctx, -1, single_latin_token=single)
    if choice is None:
        return None
    e = choice.entry
    if key not in {variant_key(k) for k in own_keys(e.name, e.name_ar)} and alias_abroad(e, ctx):
        return None  # "Allaya" in Qamishli: a spelling of Alanya's old name, not that town
    if other_side(e, ctx) and key not in {variant_key(k) for k in name_keys(e.name)}:
        return None  # another spelling of another name of a town of the war's other country ("al-Hamadaniyeh")
    # a looser key than a name's own: the document's country must agree, or the place be a large town
    # of the other country of the war (a text read as Iraq's by one small name may speak of al-Bokamal)
    theatre = (
        e.country_code in settings.FOCUS_COUNTRIES
        and bool(ctx.countries & settings.FOCUS_COUNTRIES)
        and e.population >= CROSS_BORDER_TOWN
    )
    if ctx.countries and e.country_code not in ctx.countries and not theatre:
        return None
    if key.startswith(SHORT_KEY_MARK) and not _near_the_text(e, ctx):
        return None  # a short name's looser key: "Sabqa" in Eastern Ghouta is no Sabka near Raqqa
    return place_at(e, text, start, end, min(choice.confidence, SPELLING_CONFIDENCE)), e


def _near_the_text(e: GazEntry, ctx: DocContext) -> bool:
    """The place lies in a province the text's sure places lie in, or near one of them, or the text
    has none to say otherwise."""
    if not (ctx.anchors or ctx.governorates):
        return True
    if e.pcode and governorate_code(e.pcode, e.country_code) in ctx.governorates:
        return True
    return any(km(e.lat, e.lon, lat, lon) <= SHORT_KEY_KM for _, lat, lon in ctx.anchors)


def respelled(
    mentions: list[Match],
    nt: NormText,
    text: str,
    gaz: Gazetteer,
    ctx: DocContext,
    *,
    refused: frozenset[int] = frozenset(),
) -> list[Respelled]:
    """Names of the region's places written in another spelling; never over the words of a name
    the context filters turned down (`refused`: "Tell Abyad al-Sharqi" is not Tal Abyad)."""
    if not gaz.variants:
        return []
    owner = {t: i for i, m in enumerate(mentions) for t in range(m.tok_first, m.tok_last + 1)}
    places_at = set(owner)
    r = rules()
    out: list[Respelled] = []
    n = len(nt.tokens)
    w = _Words(nt, text)
    heads = _heads(gaz)
    done = -1  # the last token of the last name found
    for t in w.starts:
        found = None
        if t > done and w.edge(t):
            spans = _spans(w, t, min(n - 1, t + MAX_WORDS - 1), heads, gaz.variants) if w.key(t) in heads else []
            if (short := w.short_key(t)) in gaz.variants and not gaz.index.lookup(nt.tokens[t]):
                spans.insert(0, (t, short))  # tried last: a longer name wins; a name as written is the matcher's
            for last, vk in reversed(spans):
                if not w.edge(last) or not w.key(last) or not all(w.inner(x) for x in range(t + 1, last)):
                    continue  # a name ends on a word of its own, not an article ("Manbij At least")
                if any(x in refused for x in range(t, last + 1)):
                    continue
                if t == last and zipf_frequency(_word(nt, text, t).lower(), "en") >= ORDINARY_ZIPF:
                    continue  # "Counter", "March": a word before a name
                if any(c in ".;:!?\n()" for c in text[nt.orig_starts[t] : nt.orig_ends[last]]):
                    continue
                inner = sorted({owner[x] for x in range(t, last + 1) if x in owner})
                if any(mentions[i].tok_first < t or mentions[i].tok_last > last for i in inner):
                    continue  # it would cut an exact match
                if inner and max(mentions[i].tok_last - mentions[i].tok_first for i in inner) >= last - t:
                    continue  # the exact match is as long: it wins
                if nt.tokens[t] in r.first_names or nt.tokens[t] in r.titles:
                    break
                if _inside_blocked(gaz, nt, t, last):
                    continue  # part of a phrase known not to be a place ("Barzani", "Yarmouk Martyrs Brigade")
                cands = gaz.entries_of(gaz.variants[vk])
                # a longer name over a name read as a place is marked by it ("Maara al-Numan": not Marea)
                marked = bool(inner) or _marked(nt, text, t, last, places_at)
                if not cands or not _one_place(cands) or not marked:
                    continue
                got = _place_of(cands, ctx, text, nt.orig_starts[t], nt.orig_ends[last], single=t == last, key=vk)
                if got is not None:
                    found = Respelled(got[0], t, last, tuple(inner), got[1])
                    break
        if found is not None:
            out.append(found)
            done = found.tok_last
    return out
