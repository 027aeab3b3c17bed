"""Deeds on roads: the places that are a road's ends in a sentence, and the town a deed on a road is
near ("a bomb on the Baghdad-Basra highway near Hilla")."""

from __future__ import annotations

from extract.annotated import WIDE, Annotated, PlaceTok
from extract.road_ends import ends_of, road_mentions, sentence_places
from extract.types import Span


def road_ends(ann: Annotated, sent: Span) -> set[int]:
    """The first tokens of the places that are a road's ends in the sentence."""
    seen = ann.memo("road ends")
    got: set[int] | None = seen.get(sent)
    if got is None:
        first, last = ann.tok_range(sent)
        roads = road_mentions(ann, first, last)
        places = sentence_places(ann, first, last) if roads else []
        got = seen[sent] = {p.tok_first for road in roads for p in ends_of(ann, road, places, last)}
    return got


def near_on_the_road(ann: Annotated, loc: PlaceTok, clause: list[PlaceTok], sent: Span) -> PlaceTok | None:
    """'a bomb on the Baghdad-Basra highway near Hilla', 'على طريق بغداد - كركوك قرب الطوز', 'الطريق بين
    بغداد والبصرة عند الناصرية': a deed on a road named by its ends happened near or at the town the clause
    then puts it by, not at the road's end."""
    ends = road_ends(ann, sent)
    if loc.tok_first not in ends:
        return None
    return next(
        (
            p
            for p in clause
            if p.tok_first > loc.tok_last
            and p.tok_first not in ends
            and p.place.resolved
            and p.place.feature_type not in WIDE
            and (
                ann.cue_before(p, "near", reach=3) is not None or ann.cue_before(p, "inside_words", reach=1) is not None
            )
        ),
        None,
    )
