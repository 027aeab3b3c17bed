"""Names spelled otherwise than the gazetteer writes them ("Bokamal", "Jesr al-Shughour",
"Dayr Az Zayr"), found through a controlled spelling key (`geodata.names.variant_key`):
vowels and the letters transliterations trade (ou/o/u, ei/ai/ay/e/i, q/k, doubled
letters) fold away; consonants must agree. Not a fuzzy search: only places of the
region, only capitalised words, only where the text marks a place ("in", "near",
"X town", "X and <a place>"), and only one place per key.
"""

from __future__ import annotations

from dataclasses import dataclass

from wordfreq import zipf_frequency

from extract.context import cue_before, rules
from extract.matching import Match
from extract.resolve import DocContext, choose
from extract.types import Place
from extract.wordforms import word_forms
from geodata.gazetteer import BLOCK, Gazetteer
from geodata.gazetteer.sources import GazEntry
from geodata.geometry import km
from geodata.names import ARTICLES, NormText, is_arabic, variant_token

MAX_WORDS = 4
ORDINARY_ZIPF = 3.0  # an English word this frequent is not a respelled town name
_SPACED = frozenset({"al", "el"})  # articles written apart inside a name
SAME_PLACE_KM = 30.0
SPELLING_CONFIDENCE = 0.8


@dataclass(frozen=True, slots=True)
class Respelled:
    """A name found by its spelling key, and the exact matches it replaces."""

    place: Place
    tok_first: int
    tok_last: int
    replaces: tuple[int, ...]  # indices of the exact mentions inside it


def _word(nt: NormText, text: str, t: int) -> str:
    return text[nt.orig_starts[t] : nt.orig_ends[t]]


def _name_word(nt: NormText, text: str, t: int, *, inner: bool) -> bool:
    """A word of a name: capitalised (after its article: "al-Bokamal"), or, inside
    the name, a written article ("Busra al_Sham")."""
    w = _word(nt, text, t)
    if is_arabic(w) or not w[:1].isalpha():
        return False
    if nt.tokens[t] in ARTICLES:
        return inner and w.lower() in _SPACED
    head, sep, rest = w.partition("-")
    if sep and head.lower() in ARTICLES:
        w = rest  # "al-Bokamal": the name after its article
    return w[:1].isupper() and not (len(w) > 1 and w.isupper())


def _marked(nt: NormText, text: str, first: int, last: int, places_at: set[int]) -> bool:
    """The text marks a place here: a cue before, a place word after, or a place it is listed with."""
    r = rules()
    if cue_before(nt, first, strong=False):
        return True
    nxt = last + 1
    if nxt < len(nt.tokens) and word_forms(nt.tokens[nxt]) & r.place_words_after:
        return True
    prev = first - 1
    if prev >= 0 and word_forms(nt.tokens[prev]) & r.conjunctions and prev - 1 in places_at:
        return True
    return nxt < len(nt.tokens) and bool(word_forms(nt.tokens[nxt]) & r.conjunctions) and nxt + 1 in places_at


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


def respelled(mentions: list[Match], nt: NormText, text: str, gaz: Gazetteer, ctx: DocContext) -> list[Respelled]:
    """Names of the region's places written in another spelling."""
    if not gaz.variants:
        return []
    owner = {t: i for i, m in enumerate(mentions) for t in range(m.tok_first, m.tok_last + 1)}
    places_at = set(owner)
    r = rules()
    out: list[Respelled] = []
    t, n = 0, len(nt.tokens)
    while t < n:
        found = None
        if _name_word(nt, text, t, inner=False):
            for last in range(min(n - 1, t + MAX_WORDS - 1), t - 1, -1):
                if not all(_name_word(nt, text, x, inner=t < x < last) for x in range(t, last + 1)):
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
                vk = " ".join(v for x in range(t, last + 1) if (v := variant_token(nt.tokens[x])))
                cands = gaz.entries_of(gaz.variants.get(vk, ()))
                if not cands or not _one_place(cands) or not _marked(nt, text, t, last, places_at):
                    continue
                choice = choose(cands, ctx, -1, single_latin_token=t == last)
                if choice is None:
                    continue
                e = choice.entry
                if ctx.countries and e.country_code not in ctx.countries:
                    continue  # a looser key than a name's own: the document's country must agree
                start, end = nt.orig_starts[t], nt.orig_ends[last]
                place = Place(
                    start=start,
                    end=end,
                    surface=text[start:end],
                    gazetteer_id=e.gid,
                    name=e.name,
                    name_ar=e.name_ar,
                    feature_type=e.feature_type,
                    country_code=e.country_code,
                    lat=e.lat,
                    lon=e.lon,
                    confidence=min(choice.confidence, SPELLING_CONFIDENCE),
                )
                found = Respelled(place, t, last, tuple(inner))
                break
        if found is not None:
            out.append(found)
            t = found.tok_last + 1
        else:
            t += 1
    return out
