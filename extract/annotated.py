"""One document and its annotations side by side, indexed by token: what the pipeline's
steps read and add to (`extract.pipeline`). All offsets stay in the original text."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from extract.admin_words import any_word
from extract.admin_words import words as admin_words
from extract.lexicons import cues, event_cues
from extract.matching import Lexicon, Match
from extract.types import ActorMention, DateRef, Document, Event, Extraction, Movement, Place, Route, Span
from extract.wordforms import owns_next, word_forms, words_of
from geodata.names import NormText


@dataclass(frozen=True, slots=True)
class PlaceTok:
    """A resolved place with the tokens it covers."""

    place: Place
    tok_first: int
    tok_last: int


@dataclass(frozen=True)
class Annotated:
    """A document with the layers the steps so far added: sentences, places, actors, dates, sites
    (places named by a common noun), then events, movements and routes."""

    doc: Document
    nt: NormText
    sentences: tuple[Span, ...] = ()
    places: tuple[PlaceTok, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    dates: tuple[DateRef, ...] = ()
    sites: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    movements: tuple[Movement, ...] = ()
    routes: tuple[Route, ...] = ()
    # Per-document caches; a step's `replace` starts it afresh, so no index outlives the layer it indexes.
    _found: dict = field(default_factory=dict, init=False, compare=False, repr=False)
    # What depends on the text alone (lexicon matches, word lists): `replace` hands it on to the next step.
    _text: dict = field(default_factory=dict, compare=False, repr=False)

    def extraction(self) -> Extraction:
        """What the document yields: its places (named and common-noun ones, in text order) and features."""
        places = sorted([*(p.place for p in self.places), *self.sites], key=lambda p: p.start)
        return Extraction(
            doc=self.doc,
            places=tuple(places),
            events=self.events,
            movements=self.movements,
            routes=self.routes,
            sentences=self.sentences,
        )

    def adding(self, **layers: Any) -> Annotated:
        """The document with a step's layers added (`dataclasses.replace` without its field-by-field
        walk: the pipeline makes eight per document; a plain constructor call, which the compiled build
        of `extract.native` also allows). The per-layer caches start afresh; what depends on the text
        alone is handed on."""
        if not layers.keys() <= _LAYERS:
            raise TypeError(f"not a layer of Annotated: {sorted(layers.keys() - _LAYERS)}")
        get = layers.get
        return Annotated(
            self.doc,
            self.nt,
            get("sentences", self.sentences),
            get("places", self.places),
            get("actors", self.actors),
            get("dates", self.dates),
            get("sites", self.sites),
            get("events", self.events),
            get("movements", self.movements),
            get("routes", self.routes),
            _text=self._text,
        )

    def matches(self, lex: Lexicon, start: int = 0, end: int | None = None) -> list[Match]:
        """Matches of a lexicon in the whole text (found once per document),
        those starting inside [start, end)."""
        key = id(lex)
        cached = self._text.get(key)
        if cached is None:
            found = lex.find(self.doc.text, self.nt)
            cached = self._text[key] = (found, [m.start for m in found])
        found, starts = cached
        end = len(self.doc.text) if end is None else end
        return found[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]

    def tok_at(self, offset: int) -> int:
        """Index of the token that starts at or after `offset`."""
        return bisect.bisect_left(self.nt.orig_starts, offset)

    def tok_of(self, offset: int) -> int:
        """Index of the token that holds `offset` (a proclitic's word included)."""
        return max(0, bisect.bisect_right(self.nt.orig_starts, offset) - 1)

    def tok_range(self, span: Span) -> tuple[int, int]:
        """First and last token inside a span (last < first when none)."""
        return self.tok_at(span.start), bisect.bisect_left(self.nt.orig_starts, span.end) - 1

    def word(self, i: int) -> str:
        """The normalised token i ("" outside the text); `context.token` inlined, it is called most."""
        tokens = self.nt.tokens
        return tokens[i] if 0 <= i < len(tokens) else ""

    def places_in(self, first: int, last: int) -> list[PlaceTok]:
        """Places inside tokens first..last (binary search: long texts stay linear)."""
        return _inside(self.places, self._index("places"), first, last)

    def actors_in(self, first: int, last: int) -> list[ActorMention]:
        return _inside(self.actors, self._index("actors"), first, last)

    def dates_in(self, span: Span) -> list[DateRef]:
        starts = self._index("dates")
        lo, hi = bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)
        return [d for d in self.dates[lo:hi] if d.span]

    def _index(self, name: str) -> list[int]:
        """Sorted start positions of places / actors (tokens) or dates (offsets), built once."""
        idx = self._found.get(name)
        if idx is None:
            if name == "dates":
                idx = [d.span.start if d.span else -1 for d in self.dates]
            else:
                idx = [x.tok_first for x in getattr(self, name)]
            self._found[name] = idx
        return idx

    def cue_before(self, p: PlaceTok, cue_list: str, *, reach: int = 3) -> int | None:
        """Token index of a cue word (from the cue files) standing before a place,
        skipping feature words ("مدينة", "the city of"); None when absent."""
        want = cues()[cue_list]
        skip = cues()["feature_words"]
        i = p.tok_first - 1
        steps = 0
        while i >= 0 and steps < reach:
            forms = word_forms(self.word(i))
            if forms & want:
                return i
            if not forms & skip:
                return None
            i -= 1
            steps += 1
        return None

    def words_in(
        self, first: int, last: int, name: str, want: frozenset[str], *, article: bool = False, endings: bool = False
    ) -> list[int]:
        """The tokens in first..last that are words of `want` (clitics allowed; the article and verb
        endings too when asked); the text is read once per list `name` and options."""
        key = ("words", name, article, endings)
        hits = self._text.get(key)
        if hits is None:
            by_word = self._by_word()
            found = words_of(by_word.keys(), name, want, article=article, endings=endings)
            hits = self._text[key] = sorted(i for w in found for i in by_word[w])
        return hits[bisect.bisect_left(hits, first) : bisect.bisect_right(hits, last)]

    def _by_word(self) -> dict[str, list[int]]:
        """Each distinct word of the text and its tokens (once per text)."""
        got: dict[str, list[int]] | None = self._text.get("by word")
        if got is None:
            got = self._text["by word"] = {}
            for i, w in enumerate(self.nt.tokens):
                got.setdefault(w, []).append(i)
        return got

    def memo(self, name: str) -> dict:
        """A cache of this step's layers (places, actors, dates) for a helper of the step."""
        got: dict = self._found.setdefault(("memo", name), {})
        return got

    def comma_breaks(self) -> list[int]:
        """The tokens i with a comma or semicolon (، , ; ؛) between them and token i + 1, not the comma
        of "2,000"; read once per text."""
        got = self._text.get("comma breaks")
        if got is None:
            text, starts, ends = self.doc.text, self.nt.orig_starts, self.nt.orig_ends
            got = self._text["comma breaks"] = [
                i for i in self.marked_after(_COMMA) if _comma_between(text, ends[i], starts[i + 1])
            ]
        return got

    def comma_before(self, i: int) -> bool:
        """Whether a comma (, or ،) stands between token i - 1 and token i (read once per text)."""
        got: frozenset[int] | None = self._text.get("comma before")
        if got is None:
            got = self._text["comma before"] = frozenset(j + 1 for j in self.marked_after(_COMMA_ONLY))
        return i in got

    def marked_after(self, marks: re.Pattern[str]) -> list[int]:
        """The tokens i with a character of `marks` between them and token i + 1, in order (read once
        per text and pattern)."""
        key = ("marked after", marks.pattern)
        got: list[int] | None = self._text.get(key)
        if got is None:
            starts, ends = self.nt.orig_starts, self.nt.orig_ends
            found: set[int] = set()
            for m in marks.finditer(self.doc.text):  # the token before each mark, if one follows it
                i = bisect.bisect_right(starts, m.start()) - 1
                if 0 <= i < len(starts) - 1 and ends[i] <= m.start():
                    found.add(i)
            got = self._text[key] = sorted(found)
        return got

    def has_word(self, first: int, last: int, cue_list: str) -> int | None:
        """First token in first..last that is in a cue list (clitics allowed)."""
        hits = self.words_in(first, last, "cue " + cue_list, cues()[cue_list])
        return hits[0] if hits else None

    def main_city(self, before: int) -> PlaceTok | None:
        """The city the text is about at this point: the last town-like place named
        before that is not a destination ("... باتجاه الموصل" does not make Mosul
        "the city" being left) nor the dateline ("BEIRUT (AFP) - Buses carrying people
        out of four besieged towns ...": where the story was written), else the first
        town of the text."""
        towns = self._towns()
        if not towns:
            return None
        origins = self._found.get("origins")
        if origins is None:
            written = [p for p in towns if not self.in_dateline(p)]
            kept = [p for p in written if self.cue_before(p, "to_words") is None and not self.seat_of_speaker(p)]
            first = next((p for p in written if not self.seat_of_speaker(p)), None)
            origins = self._found["origins"] = (kept, [p.tok_last for p in kept], first)
        kept, lasts, first = origins
        i = bisect.bisect_left(lasts, before)
        return kept[i - 1] if i else first

    def the_city(self, before: int, *, city_word: bool = False) -> PlaceTok | None:
        """What "the city" / "المدينة" names at token `before`: the town the text is about there when it is
        one of the article's own (`own_towns`) or named in the same paragraph, else the article's first own
        town ("… a second group was flown to Urfa airport. ¶ 50 fighters entered the city": Kobani). A word
        of a city (`city_word`: "the city", not "the town") names no smaller town named since, when the
        article's own town is a city ("… reached Amiriyat al-Fallujah. Some waded from the city's outskirts")."""
        city = self.main_city(before)
        own = [p for p in self.own_towns() if p.tok_last < before]
        if city is None or not own or any(p.place.gazetteer_id == city.place.gazetteer_id for p in own):
            return city
        if city_word and city.place.feature_type != "city":
            cities = [p for p in own if p.place.feature_type == "city"]
            if cities:
                return cities[0]
        return city if "\n" not in self.doc.text[city.place.end : self.nt.orig_starts[before]] else own[0]

    def own_towns(self) -> tuple[PlaceTok, ...]:
        """The towns the article is about, in this order: those its headline and first sentence name ("BEIRUT
        (Reuters) - U.S.-backed fighters have taken full control of Manbij ...": Manbij, not the dateline's
        Beirut), then its focus town, unless that is an English wire story's dateline (where it was written;
        an Arabic "الحسكة - " names where it happened)."""
        got = self._found.get("own towns")
        if got is None:
            body = self.doc.body_start
            lede = next((s.end for s in self.sentences if s.start >= body), body)
            focus = self.focus_place()
            named = [p for p in self._towns() if p.place.start < lede and not self.in_dateline(p)]
            kept = [focus] if focus is not None and not self.written_at(focus) else []
            got = self._found["own towns"] = (*named, *kept)
        return got

    def written_at(self, p: PlaceTok) -> bool:
        """The place is an English wire story's dateline ("BAGHDAD (Reuters) -"): where it was written, not
        the town it is about (an Arabic "الحسكة - " names where it happened)."""
        return self.doc.lang == "en" and self.in_dateline(p)

    def in_dateline(self, p: PlaceTok) -> bool:
        """The place is the dateline's ("BEIRUT (AFP) - ..."): where the story was written."""
        dl = self.doc.dateline
        return dl is not None and dl.start <= p.place.start < dl.end

    def seat_of_speaker(self, p: PlaceTok) -> bool:
        """The seat of who speaks ("the defence ministry in Ankara said the town had been ...", "مصدر أمني في
        بغداد": an Arabic head may have its adjective after it): no town the text is about there, nor where a
        deed happened, nor where movers set out from (event_cues.json `seat_heads`, `seat_links`)."""
        cue, k = event_cues(), p.tok_first - 2
        if self.word(k + 1) not in cue["seat_links"]:
            return False
        if self.doc.lang == "ar" and p.place.feature_type not in _SEATS:
            return False  # "مصدر في مصفى بيجي": a source inside the refinery tells what happened there
        return self.word(k) in cue["seat_heads"] or (self.doc.lang == "ar" and self.word(k - 1) in cue["seat_heads"])

    def _towns(self) -> list[PlaceTok]:
        towns = self._found.get("towns")
        if towns is None:
            ps, text = self.places, self.doc.text
            own = [k + 1 < len(ps) and owns_next(text, ps[k].place.end, ps[k + 1].place.start) for k in range(len(ps))]
            towns = self._found["towns"] = [
                p for p, o in zip(ps, own, strict=True) if self.town_like(p, TOWNS) and not o
            ]
        return towns

    def town_like(self, p: PlaceTok, kinds: frozenset[str]) -> bool:
        """The place is of one of these kinds of town, or is a sub-district named by its seat town ("ناحية جرف
        الصخر", "the Baghdadi subdistrict", "قرية الرشاد", "the village of Rashad"): left, reached and talked
        about as that town."""
        if p.place.feature_type in kinds:
            return True
        if p.place.feature_type != "subdistrict":
            return False
        around = (p.tok_first - 1, p.tok_first, p.tok_last, p.tok_last + 1)
        heads = admin_words().unit_heads | admin_words().settlement_heads  # "قرية الرشاد", "Rashad village"
        before = p.tok_first - 2 if self.word(p.tok_first - 1) == "of" else p.tok_first - 1  # "the village of"
        return any_word(self.nt, (*around, before), heads)

    def country(self) -> str:
        """The country the text is about (read once): its town's (for a wire story written in a bureau's city,
        the town it names most past its dateline), else the one its places name most."""
        if "country" not in self._found:
            focus = self.focus_place()
            if focus is not None and self.written_at(focus):
                focus = _most_named([p for p in self._towns() if not self.in_dateline(p)]) or focus
            codes = [p.place.country_code for p in self.places if p.place.country_code]
            most = max(sorted(set(codes)), key=codes.count) if codes else ""
            self._found["country"] = focus.place.country_code if focus is not None else most
        return self._found["country"]

    def focus_place(self) -> PlaceTok | None:
        """The town the article is about: its dateline, else its most named town."""
        if "focus" not in self._found:
            self._found["focus"] = self._focus()
        return self._found["focus"]

    def event_focus(self) -> PlaceTok | None:
        """Where the article's events happen when a sentence names no place: for a story with a dateline,
        the first other town its headline or first sentence names ("BEIRUT (AFP) - ... seized the town of
        Jisr al-Shughur": a wire story's dateline is where it was written), else its focus town (for an English
        wire story, the town it names most past its dateline), else the countryside it names most ("airstrikes
        in the northern countryside of Deir Ezzor")."""
        if "event focus" not in self._found:
            around = [p for p in self.places if p.place.feature_type == "countryside"]
            told = [p for p in self.own_towns() if self.doc.dateline is not None and not self.in_dateline(p)]
            focus = self.focus_place()
            if focus is not None and self.written_at(focus):  # the bureau's city: the town the story names most
                focus = _most_named([p for p in self._towns() if not self.in_dateline(p)]) or focus
            self._found["event focus"] = next(iter(told), None) or focus or _most_named(around)
        return self._found["event focus"]

    def _focus(self) -> PlaceTok | None:
        towns = self._towns()
        if not towns:
            return None
        dl = self.doc.dateline
        if dl:
            for p in towns:
                if p.place.start < dl.end and p.place.end > dl.start:
                    return p
        return _most_named(towns)


def _most_named(places: list[PlaceTok]) -> PlaceTok | None:
    """The first mention of the place named most often (the first named of a tie)."""
    counts: dict[str, int] = {}
    for p in places:
        counts[p.place.gazetteer_id] = counts.get(p.place.gazetteer_id, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda g: counts[g])
    return next(p for p in places if p.place.gazetteer_id == best)


_LAYERS = frozenset({"sentences", "places", "actors", "dates", "sites", "events", "movements", "routes"})
_COMMA = re.compile("[,،;؛]")
_COMMA_ONLY = re.compile("[,،]")


def _comma_between(text: str, end: int, start: int) -> bool:
    gap = text[end:start]
    if gap == "," and text[end - 1].isdigit() and text[start].isdigit():
        return False
    return any(c in gap for c in ",،;؛")


TOWNS = frozenset({"city", "town", "village", "district", "neighbourhood"})
WIDE = frozenset({"country", "governorate", "region", "sea", "river"})  # too wide to be where a deed happened
_SEATS = TOWNS | {"country", "governorate", "region"}  # where an Arabic source sits, not a site it reports from


def _inside(items: tuple, starts: list[int], first: int, last: int) -> list:
    """Items (sorted by tok_first) that lie wholly inside tokens first..last."""
    lo, hi = bisect.bisect_left(starts, first), bisect.bisect_right(starts, last)
    return [x for x in items[lo:hi] if x.tok_last <= last]
