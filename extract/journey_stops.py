"""The stops of a journey: which places of a clause the movers pass, and in which role.

A place takes its role from the word before it: "from", "toward", "via",
"arrived in" (`journeys.json`). The word is reached across feature words,
the fillers of a stop ("from their staging base at Qayyarah", "من قاعدة عين
عيسى", "from the besieged towns of Foua") and across one nameless head noun
that a relation word ties to the place ("to the Kawergosk camp near Erbil");
never across a punctuation mark or another place. A place after "in" / "at"
with no other role word is where the movers are (role "at"). A place joined
to the stop before it by "and" / "or" / "و" / a comma is an alternative to it
("to Dohuk and Zakho"). "The city" / "المدينة" stands for the city the text is
about, "إليها" / "إليه" for the town just named.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache

from extract.annotated import Annotated, PlaceTok
from extract.datafiles import load_json
from extract.lexicons import cue_union, cues, event_cues, phrase_lexicon, words
from extract.matching import Lexicon
from extract.references import named_sites
from extract.text_memo import text_memo
from extract.wordforms import proclitic, word_forms
from geodata.names import is_arabic

REACH = 10  # words between a role word and its place
_LEFT_REACH = 4  # words between the town left and "the town" that cannot be it ("from Kirkuk to the town")
PUNCTUATION = frozenset(',.;:!?()[]"«»،؛')
_PUNCTUATION = re.compile("[" + re.escape("".join(sorted(PUNCTUATION))) + "]")
COARSE = frozenset({"country", "governorate", "region"})
TOWN_LIKE = frozenset({"city", "town", "village", "district", "neighbourhood", "camp", "border_crossing"})
ENDS = ("to", "arrive")  # the roles of a journey's destinations
_ROLE_LISTS = (("from", "from_words"), ("arrive", "arrive_words"), ("via", "via_words"), ("to", "to_words"))


@dataclass(frozen=True, slots=True)
class Stop:
    """A place of a journey clause, its role (from / via / to / arrive / at), and whether it is an
    alternative to the stop before it ("to Dohuk **and Zakho**")."""

    at: PlaceTok
    role: str
    alt: bool = False
    cue: int = -1  # the token of its role word


@dataclass(frozen=True, slots=True)
class Marks:
    """The tokens of a document's places (with each place's feature type) and of its actors."""

    places: Mapping[int, str]
    actors: frozenset[int]


def marks_of(ann: Annotated) -> Marks:
    return Marks(
        {t: p.place.feature_type for p in ann.places for t in range(p.tok_first, p.tok_last + 1)},
        frozenset(t for a in ann.actors for t in range(a.tok_first, a.tok_last + 1)),
    )


def punctuated_tokens(ann: Annotated) -> frozenset[int]:
    """The tokens i with a punctuation mark between them and token i + 1, as a set made once per text:
    the walks back from a word ask about every token they pass."""
    memo = text_memo(ann.nt)
    got: frozenset[int] | None = memo.get("punctuated tokens")
    if got is None:
        got = memo["punctuated tokens"] = frozenset(ann.marked_after(_PUNCTUATION))
    return got


def role_cue(ann: Annotated, tok: int, marks: Marks) -> tuple[str, int] | None:
    """The role word standing before token `tok` and its index; ("at", i) for a locative with no
    other role word; None when there is neither, or when the words before tie the place to the
    place just named ("Zabadani near Damascus": where Zabadani is, no stop of its own)."""
    c = cues()
    skip = cue_union("feature_words", "stop_fillers", "site_adjectives", "direction_words", "relation_words")
    i, loose, related, at = tok - 1, False, False, None
    inside, rank = True, _rank(marks.places.get(tok, ""))
    punct = punctuated_tokens(ann)  # `punctuated` for the tokens before `tok`, all inside the text
    movers = False  # the token after i is the movers' noun
    aim = _reinforced(ann, tok, punct)
    if aim is not None:
        return "to", aim
    while i >= 0 and tok - 1 - i < REACH and i not in punct:
        if i in marks.places:  # "into Iraq at the Fishkhabour crossing", "من سنجار في دهوك": no description
            return ("at", at) if at is not None and inside and _rank(marks.places[i]) >= rank else None
        forms = word_forms(ann.word(i))
        counted = movers and (ann.word(i).isdigit() or bool(forms & c["mover_counts"]))
        owner = i in marks.actors and word_forms(ann.word(i + 1)) & c["stop_fillers"]  # "army lines near Badush"
        if (i in marks.actors and not owner) or forms & c["mover_nouns"] or counted:
            # "غادر مقاتلو المعارضة مضايا", "غادرت أول 30 حافلة بلدة الرحيبة": the subject between verb and place
            i, movers = i - 1, True
            continue
        if is_arabic(ann.word(i)) and word_forms(ann.word(i - 1)) & c["mover_counts"]:
            i, movers = i - 2, False  # "غادر آلاف الأشخاص الفوعة": the counted subject, whatever its noun
            continue
        movers = False
        if forms & c["from_words"] and word_forms(ann.word(i - 1)) & c["near_from"]:
            related, i = True, i - 2  # "بالقرب من": near, not from
            continue
        for role, key in _ROLE_LISTS:
            if forms & c[key]:
                return role, i
        if forms & c["advance_on"] and word_forms(ann.word(i - 1), endings=True) & c["advance_verbs"]:
            return "to", i  # "advanced on Sukhnah", "marched on Mosul": toward it
        if forms & c["position_words"] and at is None:
            at = i
        related = related or bool(forms & c["relation_words"])
        inside = inside and not (forms & c["relation_words"] and not forms & c["position_words"] - c["near"])
        if not forms & skip:
            if loose or not related or not _nameless(ann, i):
                break
            loose = True  # "Kawergosk" in "to the Kawergosk camp near Erbil"
        i -= 1
    return ("at", at) if at is not None else None


def _reinforced(ann: Annotated, tok: int, punct: frozenset[int]) -> int | None:
    """The token of a verb of reinforcing the place at `tok` is the aim of ("moved from Samarra to reinforce
    the assault on Baiji", "أرسل تعزيزات لمؤازرة قواته في بيجي"): the journey's destination; None if none."""
    c = cues()
    i = tok - 1
    while i >= 0 and tok - 1 - i < REACH and i not in punct:
        forms = word_forms(ann.word(i))
        if forms & c["reinforce_verbs"]:
            return i if is_arabic(ann.word(i)) or ann.word(i - 1) in c["to_words"] else None
        if not forms & c["reinforce_fillers"]:
            return None
        i -= 1
    return None


def _rank(feature_type: str) -> int:
    """How large a kind of place is: 0 a point or village, 1 a town or its countryside, 2 a region or country."""
    return 2 if feature_type in COARSE else 1 if feature_type in ("city", "town", "countryside") else 0


def _nameless(ann: Annotated, i: int) -> bool:
    """Token i may be the name of a place the gazetteer lacks ("the Kawergosk camp near Erbil"): no movement
    word, and capitalised when written in Latin letters."""
    if word_forms(ann.word(i), article=True, endings=True) & cues()["movement_triggers"]:
        return False
    first = ann.doc.text[ann.nt.orig_starts[i]]
    return first.isupper() or not first.isascii()


def coordinated(ann: Annotated, a: PlaceTok, b: PlaceTok) -> bool:
    """b is joined to a by "and" / "or" / "و" / a comma (feature words and the fillers of a stop allowed: "and the
    Christian town of", "وبلدة")."""
    if b.place.feature_type in COARSE and a.place.feature_type not in COARSE:
        return False  # "Kirkuk, Iraq": where Kirkuk lies, not a second stop
    c = cues()
    words = [word_forms(ann.word(i)) for i in range(a.tok_last + 1, b.tok_first)]
    written_on = ann.doc.text[ann.nt.orig_starts[b.tok_first] : b.place.start]  # "حماة وحلب"
    gap = ann.doc.text[a.place.end : b.place.start]
    first_on = a.tok_last + 1 < b.tok_first and proclitic(ann.word(a.tok_last + 1)) in c["coordinators"]
    joined = (
        written_on in c["coordinators"]
        or first_on
        or any(f & c["coordinators"] for f in words)
        or any(ch in ",،" for ch in gap)
    )
    return joined and all(f & cue_union("coordinators", "feature_words", "stop_fillers") for f in words)


def _then(ann: Annotated, a: PlaceTok, b: PlaceTok) -> bool:
    """b is the stop after a: only "then" and its company stand between them ("and then", "ومن ثم")."""
    words = [word_forms(ann.word(i)) for i in range(a.tok_last + 1, b.tok_first)]
    then = cues()["then_words"]
    company = cue_union("coordinators", "then_words", "then_fillers", "feature_words")
    return any(f & then for f in words) and all(f & company for f in words)


def _role(ann: Annotated, p: PlaceTok, triggers: list[int], prev: Stop | None, marks: Marks) -> Stop | None:
    c = cues()
    found = role_cue(ann, p.tok_first, marks)
    if found is None:
        if prev is not None and _then(ann, prev.at, p):
            return Stop(p, "to")  # "to Badoosh and then Mosul", "إلى بادوش ومن ثم الموصل": the next stop
        if prev is not None and coordinated(ann, prev.at, p):
            return Stop(p, prev.role, alt=True)
        start = p.place.start
        if prev is not None and start > 0 and ann.doc.text[start - 1] in c["continuation_proclitics"]:
            return Stop(p, "to")  # "من القامشلي فالحسكة": ف joins the next stop of the same journey
        return None
    role, i = found
    if role == "at" and p.place.feature_type in COARSE:
        return None  # "in Syria": no point where the movers are
    if role == "to":
        before = [t for t in triggers if t < i]
        if before and word_forms(ann.word(before[-1]), endings=True) & c["arrive_words"]:
            role = "arrive"  # "وصلت ... إلى الموصل"
        if prev is not None and prev.role == "to" and _others_between(ann, prev.at.tok_last, i):
            return Stop(p, "to", alt=True, cue=i)  # "some for Jarablus, others for Idlib": another destination
    return Stop(p, role, cue=i)


def _others_between(ann: Annotated, a: int, b: int) -> bool:
    """A word of other movers (`other_movers`: "others", "the rest", "وأخرى", "بعضها") between tokens a and b."""
    return any(word_forms(ann.word(i)) & cues()["other_movers"] for i in range(a + 1, b))


def city_refs(ann: Annotated, first: int, last: int) -> list[PlaceTok]:
    """'المدينة' / 'the city' resolved to the city the text is about; 'إليها' / 'إليه' / 'there' to the town
    just named."""
    s, e = ann.nt.orig_starts[first], ann.nt.orig_ends[last]
    out = []
    for m in ann.matches(phrase_lexicon("city_refs"), s, e):
        a, b = m.tok_first, m.tok_last
        if any(p.tok_first <= a <= p.tok_last for p in ann.places):
            continue  # part of a name ("المدينة المنورة")
        if word_forms(ann.word(b + 1)) & cues()["name_links"] and any(p.tok_first == b + 2 for p in ann.places):
            continue  # the head of the name after it: "to the city of Latakia"
        city = ann.the_city(a, city_word=ann.has_word(a, b, "city_nouns") is not None)
        if city is not None and _left_just_before(ann, city, a):
            # "sent reinforcements from Kirkuk to the town": not the town just left, the article's own
            city = next((p for p in ann.own_towns() if p.place.gazetteer_id != city.place.gazetteer_id), None)
        if city:
            out.append(_ref(ann, city, a, b))
    for i in ann.words_in(first, last, "pronoun places", _pronoun_places()):
        named = _town_before(ann, i)
        if named is not None:
            out.append(_ref(ann, named, i, i))
    return out + _unit_refs(ann, s, e) + _site_refs(ann, s, e)


@cache
def _unit_lexicon() -> tuple[Lexicon, tuple[tuple[frozenset[str], str], ...]]:
    """'الناحية', 'القضاء' (journeys.json `unit_refs`), each with the head words that name such a unit and the
    feature type of one."""
    raw = {k: v for k, v in load_json("journeys.json")["unit_refs"].items() if not k.startswith("_")}
    kinds = tuple((words(v["heads"]), v["type"]) for v in raw.values())
    return Lexicon.build((w, k) for k, v in enumerate(raw.values()) for w in v["refs"]), kinds


def _unit_refs(ann: Annotated, s: int, e: int) -> list[PlaceTok]:
    """'الناحية' / 'the subdistrict' stands for the subdistrict named last in its paragraph ("دخلت الفصائل ناحية
    السعدية ... وصلت تعزيزات إلى الناحية"): a place after a head word ("ناحية") or of that feature type."""
    lex, kinds = _unit_lexicon()
    out = []
    for m in ann.matches(lex, s, e):
        a = m.tok_first
        if any(p.tok_first <= a <= p.tok_last for p in ann.places):
            continue  # the head of a name: "ناحية الشورى"
        heads, kind = kinds[lex.payloads(m)[0]]
        unit = _unit_before(ann, a, heads, kind)
        if unit is not None:
            out.append(_ref(ann, unit, a, m.tok_last))
    return out


def _unit_before(ann: Annotated, a: int, heads: frozenset[str], kind: str) -> PlaceTok | None:
    """The unit of that kind named last before token a in its paragraph, else the first the article named (its own:
    "وسط قضاء المقدادية" in its first sentence, not "إلى قضاء خانقين" where families fled)."""

    def of_kind(p: PlaceTok) -> bool:
        return p.place.feature_type == kind or bool(word_forms(ann.word(p.tok_first - 1)) & heads)

    s = ann.nt.orig_starts[a]
    for p in reversed([p for p in ann.places if p.tok_last < a]):
        if "\n" in ann.doc.text[p.place.end : s]:
            break  # another paragraph
        if of_kind(p):
            return p
    return next((p for p in ann.places if p.tok_last < a and of_kind(p)), None)


def _site_refs(ann: Annotated, s: int, e: int) -> list[PlaceTok]:
    """'the airport' / 'المطار', 'the dam' / 'السد' right after a word of the way ("toward the airport",
    "fled the dam"; not "villages near the dam"): the site of that kind the text named last before
    ("وصلت وحدات الجيش إلى مطار كويرس … تقدمت باتجاه المطار": Kuweires), none when it named none."""
    ways = cue_union("from_words", "to_words", "via_words", "arrive_words")
    return [_ref(ann, named, a, b) for named, a, b in named_sites(ann, s, e, ways)]


def _left_just_before(ann: Annotated, city: PlaceTok, a: int) -> bool:
    """The town is named as the place left, a few words before the reference at token a ("from Kirkuk to the town")."""
    return 0 < a - city.tok_last <= _LEFT_REACH and ann.cue_before(city, "from_words", reach=4) is not None


def _town_before(ann: Annotated, i: int) -> PlaceTok | None:
    """The town-like place named last wholly before token i (the towns listed once per document, read
    from the end)."""
    memo = ann.memo("journey towns")
    if not memo:
        towns = [p for p in ann.places if ann.town_like(p, TOWN_LIKE)]
        memo["towns"] = (towns, [p.tok_first for p in towns])
    towns, firsts = memo["towns"]
    return next((p for p in reversed(towns[: bisect_right(firsts, i - 1)]) if p.tok_last < i), None)


@cache
def _pronoun_places() -> frozenset[str]:
    """'إليها', 'there': words that stand for the town just named."""
    return cue_union("to_pronouns", "there_words")


def _ref(ann: Annotated, city: PlaceTok, a: int, b: int) -> PlaceTok:
    s, e = ann.nt.orig_starts[a], ann.nt.orig_ends[b]
    place = replace(
        city.place, start=s, end=e, surface=ann.doc.text[s:e], confidence=round(city.place.confidence * 0.8, 3)
    )
    return PlaceTok(place, a, b)


def stops_in(ann: Annotated, first: int, last: int, triggers: list[int], marks: Marks) -> list[Stop]:
    """The stops among the places (and references to places) of tokens first..last, in text order.
    Places that only describe another ("البعاج الواقعة في ...", "located in") are no stops."""
    if first > last:
        return []
    cands = sorted(ann.places_in(first, last) + city_refs(ann, first, last), key=lambda p: p.tok_first)
    cands = [p for p in cands if p.place.feature_type != "country" or len(cands) <= 3]
    c = cues()
    tokens, describe = ann.nt.tokens, c["describe_words"]  # a few words before each stop: read them directly
    kept: list[Stop] = []
    for p in cands:
        prev = kept[-1] if kept else None
        forms = word_forms(ann.word(p.tok_first))
        stop = _role(ann, p, triggers, prev, marks)
        if forms & c["to_pronouns"] or (forms & c["there_words"] and (stop is None or stop.role != "from")):
            stop = Stop(p, "to")  # "إليها", "moved their families there"; "from there" keeps its role
        if stop is None or (stop.role == "at" and _speaker_in(ann, p)):
            continue
        prev_end = prev.at.tok_last + 1 if prev else triggers[0]
        if stop.role != "at" and any(word_forms(tokens[i]) & describe for i in range(prev_end, stop.cue + 1)):
            continue  # "البعاج الواقعة في ... من الموصل": a description, not a stop
        if _on_the_road_to(ann, stop, prev):
            continue
        kept.append(stop)
    return kept


def _speaker_in(ann: Annotated, p: PlaceTok) -> bool:
    """Where who tells the journey is ("a Reuters witness in Ceylanpinar said", "a spokesman in Ankara said",
    "مراسلنا في الرقة"): no stop of the movers."""
    if ann.seat_of_speaker(p):
        return True
    k = p.tok_first - 2
    heads = cues()["speaker_heads"]
    return ann.word(k + 1) in event_cues()["seat_links"] and bool(word_forms(ann.word(k)) & heads)


def _on_the_road_to(ann: Annotated, stop: Stop, prev: Stop | None) -> bool:
    """'fell back toward Al-Sukhnah, 70 km away **on the road to** Deir Ezzor': the end of the road a
    destination lies on is where that destination is, not a stop of its own."""
    if prev is None or prev.role not in ENDS or stop.role not in ENDS or stop.cue < 1:
        return False
    return bool(word_forms(ann.word(stop.cue - 1)) & cues()["road_words"])
