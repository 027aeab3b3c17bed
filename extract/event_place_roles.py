"""Places a deed's sentence names that are not where it happened, or that hold the place that is: where
its victims or a person are from ("two residents of Kobani", "Dayton, 42, of Woodbridge, Virginia"), and the
wider place whose name owns a narrower one ("Syria's Quneitra province"); and how precisely the place a deed
is given locates it (`geo_precision`)."""

from __future__ import annotations

from functools import cache

from extract.annotated import Annotated, PlaceTok
from extract.datafiles import load_json
from extract.lexicons import cues, event_cues
from extract.matching import Lexicon
from extract.wordforms import owns_next, word_forms

_SYMPATHY_REACH = 4  # words from "in solidarity with" to the place ("with the people of Daraa")


def whose_people(ann: Annotated, p: PlaceTok) -> bool:
    """'أعدم التنظيم رجلين من أهالي ريف عين العرب في مدينة جرابلس', 'two residents of Kobani': the place the
    victims are from (a word of `people_of` up to three words before it), not where it happened when the
    sentence names another town."""
    return bool(ann.words_in(max(0, p.tok_first - 3), p.tok_first - 1, "people_of", event_cues()["people_of"]))


def without_hometowns(ann: Annotated, places: list[PlaceTok]) -> list[PlaceTok]:
    """'Scott C. Dayton, 42, of Woodbridge, Virginia, died Nov. 24 in northern Syria': ", of X" after a name
    (and the place that follows X after a comma) tells where a person is from, never where a deed happened."""
    text, out, home, end = ann.doc.text, [], False, 0
    for p in places:
        before = text[max(0, p.place.start - 5) : p.place.start]
        home = before.endswith(", of ") or (home and text[end : p.place.start] == ", ")
        end = p.place.end
        if not home:
            out.append(p)
    return out


def without_neighbours(ann: Annotated, places: list[PlaceTok]) -> list[PlaceTok]:
    """'villages near Sidakan, on the border with Iran', 'قرب الحدود مع تركيا': a country across the border
    from where a deed happened (a word of `border_words`, then "with" / "مع", right before it) is not where it
    happened."""
    c = event_cues()
    return [
        p
        for p in places
        if not (
            p.place.feature_type == "country"
            and ann.word(p.tok_first - 1) in c["border_links"]
            and word_forms(ann.word(p.tok_first - 2)) & c["border_words"]
        )
    ]


def possessed(ann: Annotated, owner: PlaceTok, places: list[PlaceTok]) -> PlaceTok | None:
    """The place a wider one's name is the possessor of ("Syria's Quneitra province", "Duhok's Sheladize")."""
    return next((p for p in places if owns_next(ann.doc.text, owner.place.end, p.place.start)), None)


def without_sympathy(ann: Annotated, places: list[PlaceTok]) -> list[PlaceTok]:
    """'demonstrated in Tafas in solidarity with Daraa al-Balad', 'تضامناً مع درعا البلد': the place a protest stands
    with (a phrase of `sympathy_words` ending at most four words before it) is not where it happened."""
    out = []
    for p in places:
        lo = max(0, p.tok_first - _SYMPATHY_REACH - 3)
        found = ann.matches(_sympathy(), ann.nt.orig_starts[lo], ann.nt.orig_starts[p.tok_first])
        if not any(p.tok_first - m.tok_last <= _SYMPATHY_REACH for m in found):
            out.append(p)
    return out


@cache
def _sympathy() -> Lexicon:
    return Lexicon.build((w, 0) for w in load_json("event_cues.json")["sympathy_words"])


def geo_precision(ann: Annotated, p: PlaceTok) -> int:
    """1 the town itself; 2 near it or part of a region; 3 a region or larger."""
    if p.place.feature_type in {"country", "governorate", "region", "sea", "river", "mountain"}:
        return 3
    if p.place.feature_type == "countryside":
        return 2  # "the northern countryside of Homs": near a named town
    own = p.place.geo_precision  # 2 or 3: a sub-district, or a village placed at its unit
    skip, near, inside = cues()["feature_words"], cues()["near"], cues()["inside_words"]
    for i in range(p.tok_first - 1, max(-1, p.tok_first - 4), -1):
        forms = word_forms(ann.word(i))
        if forms & inside:
            return own  # "في قرية بعشيقة": in the village itself
        if forms & near:
            return max(2, own)
        if not forms & skip:
            break
    return own
