"""Names the gazetteer lacks, read where the text writes them: a capitalised run of words ("Tell Abu
Hamad", "al-Marashdah") or the words after a head noun ("قرية X", "بلدة X Y"), and the names listed
with them ("the villages of X and Y", "قريتي X وY"). `extract.admin_context` places them."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from itertools import pairwise

from extract.admin_words import words
from extract.context import capitalised, rules, title_case_line
from extract.lexicons import actor_matches, cue_union, cues
from extract.wordforms import word_forms
from geodata.names import NormText, is_arabic

MAX_NAME = 4  # words of an unknown name
MAX_LISTED = 6  # names of one list
BREAKS = '.;:!?\n()[]"“”«»|&'
ORDINARY_ZIPF = 3.0  # an English word this frequent is a word, not the name of an unknown village
NAME_ZIPF = 2.8  # an Arabic word rarer than this may be a village's name ("الصوان", not "استراتيجي")
HEADED_WORD_ZIPF = 4.0  # right after a head noun: "مزارع بانفجار" is a farmer killed "by a blast" (انفجار)
WORD_ZIPF = 4.5  # an Arabic word this common is a word of its own: "وسط" is no "و" + name, "بعدة" no name's word


_TANWEEN_FATH = "\u064b"  # "ً"


def _word(nt: NormText, text: str, t: int) -> str:
    return text[nt.orig_starts[t] : nt.orig_ends[t]]


def rare_arabic(word: str, bar: float = NAME_ZIPF) -> bool:
    """An Arabic word rarer than `bar` (wordfreq Zipf): it may be a village's name; never one written with the
    accusative's tanween ("مرجحاً", "لافتاً": an adverb, however rare)."""
    from wordfreq import zipf_frequency

    return _TANWEEN_FATH not in word and zipf_frequency(word, "ar") < bar


def ordinary(nt: NormText, text: str, t: int) -> bool:
    """A capitalised word that does not start a place name: "Meanwhile", "Syrians", "Abu"."""
    from wordfreq import zipf_frequency

    r, surface = rules(), _word(nt, text, t)
    if nt.tokens[t] in r.name_heads:
        return False  # "Tal", "Ain", "Umm": the heads of place names ("Tal Sultan"), whatever else they mean
    return (
        surface in words().not_names
        or nt.tokens[t] in r.common_words
        or nt.tokens[t] in r.titles
        or nt.tokens[t] in r.first_names
        or zipf_frequency(surface.lower(), "en") >= ORDINARY_ZIPF
    )


def _opener(nt: NormText, text: str, t: int) -> bool:
    """A word that opens a sentence or a person's name, not a village's ("Clashes", "Abu")."""
    r = rules()
    return (
        _word(nt, text, t) in words().not_names
        or nt.tokens[t] in r.titles
        or nt.tokens[t] in r.first_names
        or (
            (t == 0 or any(c in BREAKS for c in text[nt.orig_ends[t - 1] : nt.orig_starts[t]]))
            and ordinary(nt, text, t)
        )
    )


def _head_after(nt: NormText, last: int) -> bool:
    """A head noun right after the name ending at token `last`: "X village", "X, a village"."""
    nxt = last + 1
    if nxt < len(nt.tokens) and nt.tokens[nxt] in words().appositives:
        nxt += 1
    return nxt < len(nt.tokens) and bool(word_forms(nt.tokens[nxt]) & words().heads_after)


def capitalised_run(nt: NormText, text: str, last: int, covered: set[int], *, listed: bool = False) -> int | None:
    """The first token of a capitalised name ending at token `last` (English): up
    to four capitalised words ("Tell Abu Hamad", "al-Marashdah"), without the
    ordinary words that open a sentence or a person's name before it, unless a
    head noun stands for it (`listed`: in a list that one opens)."""
    first = None
    t = last
    while t >= 0 and last - t < MAX_NAME and t not in covered:
        surface = _word(nt, text, t)
        if is_arabic(surface) or not capitalised(surface) or (len(surface) > 1 and surface.isupper()):
            break
        first = t
        if t > 0 and any(c in BREAKS or (listed and c == ",") for c in text[nt.orig_ends[t - 1] : nt.orig_starts[t]]):
            break
        t -= 1
    if first is None or (first - 1 in covered and text[nt.orig_ends[first - 1] : nt.orig_starts[first]] == " "):
        return None  # the name goes on into a word read otherwise ("Marj al-Dahr"): not a name cut short
    after_head = listed or _headed(nt, first) or _head_after(nt, last)  # "the village of Umm X": all the name
    while not after_head and first < last and _opener(nt, text, first):
        first += 1
    if not after_head and (title_case_line(text, nt.orig_starts[last]) or _longer_run(nt, text, last, covered)):
        first = last  # a headline capitalises every word: only the last one is surely the name
    if all(ordinary(nt, text, x) for x in range(first, last + 1)):
        return None  # "Missile Attack", "Public Market": English words, not a village's name
    if any(a.tok_first <= last and first <= a.tok_last for a in actor_matches(text, nt)):
        return None  # an actor's name ("Euphrates Shield"), not a village's
    return first


def _longer_run(nt: NormText, text: str, last: int, covered: set[int]) -> bool:
    """More capitalised words run on before the name ending at `last` than a name has: a headline quoted
    in running text ("Related Syrian Army Liberates Kokab in Hama Province")."""
    t = last - MAX_NAME
    if t < 0 or t in covered or any(c in BREAKS + "," for c in between(nt, text, t, t + 1)):
        return False
    surface = _word(nt, text, t)
    return (
        not is_arabic(surface)
        and capitalised(surface)
        and all(capitalised(_word(nt, text, k)) for k in range(t + 1, last + 1))
    )


def between(nt: NormText, text: str, a: int, b: int) -> str:
    """The characters between tokens a and b."""
    return text[nt.orig_ends[a] : nt.orig_starts[b]]


def lost_apostrophe(nt: NormText, first: int, last: int, is_name: Callable[[str], bool]) -> bool:
    """A known name with a possessive whose apostrophe was lost stands in tokens first..last ("Syrias
    Idlib province", "Russias main air base"): no unknown name."""
    return any(len(k := nt.tokens[t]) > 4 and k.endswith("s") and is_name(k[:-1]) for t in range(first, last + 1))


def _links(nt: NormText, t: int) -> bool:
    """Token t links a name to its unit ("في", "ناحية", "بريف"), unless it is a name's own qualifier ("الشرقي")."""
    forms = word_forms(nt.tokens[t])
    return bool(forms & words().connectors) and not forms & rules().name_qualifiers


def _arabic_run(nt: NormText, text: str, last: int, covered: set[int], *, placed: bool = False) -> int | None:
    """The first token of a name after a head noun ("قرية X", "بلدة X Y") ending at `last`, or of one
    that its own head opens ("تل الصوان", "خربة X": the rest rare words, not "تل استراتيجي"; `placed`, right
    before the unit it lies in, also one word with the article: "وادي الشاي جنوب كركوك")."""
    heads = words().heads_before
    if word_forms(nt.tokens[last]) & cues()["direction_words"]:
        return None  # "قرية دير جمال غرباً": the direction it lies in is no word of its name
    if _way_word(nt, last):
        return None  # "مخيم شاريا متجهة عبر الموصل": a word of the way is no word of a name
    for first in range(last, max(-1, last - 3), -1):
        if first in covered or not is_arabic(nt.tokens[first]) or _links(nt, first):
            return None  # "قرى في ناحية X": "في ناحية" is no part of a name
        if first < last and any(c in BREAKS + ",،" for c in between(nt, text, first, first + 1)):
            return None  # "قرية أبو راسين (زركان)", "مخيم البلدة، إثر قصف": a name runs across no brackets nor commas
        if first < last and _preposition_phrase(nt, text, first + 1):
            return None  # "قرية تلمنس بعدة غارات": the name ends before "بعدة"
        if first > 0 and (head := word_forms(nt.tokens[first - 1]) & heads):
            if _prefixed_word(nt, text, first):
                return None  # "قتل مزارع بانفجار عبوة": a farmer killed by a blast, no farms named "بانفجار"
            if head & words().rare_name_heads and not _rare(nt, text, first, last):
                return None  # "محور المقاومة", "جبهة الساحل": no place's name
            return None if first == last and describes_head(nt, text, first) else first
        if first < last and nt.tokens[first] in rules().name_heads and _rare(nt, text, first + 1, last):
            return first
        if placed and first == last - 1 and nt.tokens[first] in rules().name_heads and nt.tokens[last][:2] == "ال":
            return first
    return None


def _way_word(nt: NormText, t: int) -> bool:
    """Token t is a word of going or of the way ("عبر", "إلى", "متجهة", "الطريق"): it ends no name."""
    way = cue_union("via_words", "to_words", "from_words", "movement_triggers", "road_words")
    return bool(word_forms(nt.tokens[t]) & way)


def describes_head(nt: NormText, text: str, t: int) -> bool:
    """Token t, right after a head noun and alone, is a common word with no article: an adjective of
    the head ("قرية صغيرة", "بلدة مجاورة", "حي سكني"), not a name (but "حي كرم نسرين", "قرية تل X"); or
    a place's common noun ("مخيم البلدة": the town's camp)."""
    tok = nt.tokens[t]
    if word_forms(tok, article=True) & cues()["feature_words"]:
        return True
    return not tok.startswith("ال") and tok not in rules().name_heads and not rare_arabic(_word(nt, text, t))


def _rare(nt: NormText, text: str, first: int, last: int) -> bool:
    return all(rare_arabic(_word(nt, text, t)) for t in range(first, last + 1))


def _marked(nt: NormText, text: str, first: int, last: int, after: int) -> bool:
    """An unknown English name counts only when the text marks it as a place: a cue
    before it ("in", "near", "the village of"), a head after it ("X village"), or a
    line that opens with it ("Shura, Nineveh province, Iraq")."""
    from extract.context import cue_before

    if cue_before(nt, first, strong=False):
        return True
    if _head_after(nt, after - 1):
        return True
    before = text[: nt.orig_starts[first]].rstrip(" \t")
    return not before or before[-1] in "\n:-–—"


def runs(
    nt: NormText, text: str, t: int, covered: set[int], *, unit_word: bool, marked: bool = False, placed: bool = False
) -> list[tuple[int, int, int]]:
    """The unknown names ending at token `t` as (first token, last token, characters of a conjunction
    written onto the first), with the one listed before it ("the villages of X and Y", "قريتي X وY");
    `marked`: the text marks the name as a place's, all of it ("Abu X (Y) east of Z"); `placed`: the unit
    it lies in follows it ("وادي الشاي جنوب كركوك")."""
    if is_arabic(nt.tokens[t]):
        if _way_word(nt, t):
            return []  # "وسلكت الطريق عبر الموصل": no name ends on a word of the way
        first = _arabic_run(nt, text, t, covered, placed=placed)
        low = first + 1 if first is not None else max(1, t - MAX_NAME + 2)
        for k in range(t, low - 1, -1):  # "قرى X وY", "قريتي أم الجرن وتل صفوك": names after one head
            if any(c in BREAKS + ",،" for c in text[nt.orig_ends[k] : nt.orig_ends[t]]):
                break  # "وأطراف الصاخور، في": no name runs across a comma
            if joined(nt, text, k) and (f := _arabic_run(nt, text, k - 1, covered)) is not None:
                return _split_at_conjunctions(nt, text, f, t)
        return [] if first is None else [(first, t, 0)]
    first = capitalised_run(nt, text, t, covered, listed=marked)
    if first is None or nt.tokens[first] in rules().organisation_heads:
        return []  # "Ansar al-Tawhid", "Liwa al-Fatah": an armed group's name, not a village's
    whole = capitalised_run(nt, text, t, covered, listed=True) or first
    listed = listed_before(nt, text, whole, covered)
    if listed is not None:  # "the villages of X, Y and Abu Z": the head marks the last name too, and all of it
        return [*listed, (whole, t, 0)]
    if not (unit_word or marked) and not _marked(nt, text, first, t, t + 1):
        return []
    return [(first, t, 0)]


def listed_before(nt: NormText, text: str, first: int, covered: set[int]) -> list[tuple[int, int, int]] | None:
    """The unknown names listed before the one at token `first`, after a conjunction, back to the one a
    plural head noun opens ("the villages of X, Y and Z": X and Y before Z; names read already are
    passed over); None unless such a head opens the list ("the village of X and Y" may not)."""
    conj = first - 1
    if conj < 1 or nt.tokens[conj] not in rules().conjunctions:
        return None
    items: list[tuple[int, int, int]] = []
    last = conj - 1 if between(nt, text, conj - 1, conj).strip() in ("", ",") else -1
    while last >= 0 and len(items) < MAX_LISTED:
        if last in covered:  # a name read already, known or not ("the villages of Jaboul, X and Y")
            before = last
            while before - 1 in covered and between(nt, text, before - 1, before).strip() == "":
                before -= 1
        else:
            run = capitalised_run(nt, text, last, covered, listed=True)
            if run is None:
                return None
            before = run
            items.insert(0, (before, last, 0))
        if _headed(nt, before):
            return items if _plural_head(nt, text, before) else None
        last = before - 1 if before > 0 and between(nt, text, before - 1, before).strip() == "," else -1
    return None


def _plural_head(nt: NormText, text: str, first: int) -> bool:
    """The head noun before the name at token `first` is a place's, in the English plural ("the villages
    of X", "the towns of X"; not "the supporters of X")."""
    head = first - 1 - (nt.tokens[first - 1] in rules().genitive)
    if head < 0 or not text[nt.orig_starts[head] : nt.orig_ends[head]].lower().endswith("s"):
        return False
    tok, heads = nt.tokens[head], words().heads_before | words().heads_after
    return tok in heads or tok[:-1] in heads


def _split_at_conjunctions(nt: NormText, text: str, first: int, last: int) -> list[tuple[int, int, int]]:
    """The names of tokens first..last, cut before each name written onto "و" ("قرى الخوين والتح وX");
    a head noun or a unit's word alone is the next name's ("قرية X وبلدة", "ومدينة"), no name."""
    cuts = [k for k in range(first + 1, last + 1) if joined(nt, text, k)]
    bounds = [first, *cuts, last + 1]
    return [
        (a, b - 1, conjunction_width(nt, text, a) if a != first else 0)
        for a, b in pairwise(bounds)
        if not (b - 1 == a and word_forms(nt.tokens[a]) & (words().heads_before | words().connectors))
    ]


def listed_with(nt: NormText, text: str, t: int, b_first: int, b_prefix: str) -> bool:
    """The name ending at token t is listed with the place at token `b_first`, not inside it: "أحياء X
    والسليمانية", "قرية X وبلدة Y", "قرية X ومدينة Y" (a conjunction written onto it or a word between)."""
    if t == b_first - 1 and b_prefix.startswith(tuple(words().joined_conjunctions)):
        return True
    if joined(nt, text, t) and word_forms(nt.tokens[t]) & words().heads_before:
        return True
    return any(joined(nt, text, k) for k in range(t + 1, b_first))


def joined(nt: NormText, text: str, k: int) -> bool:
    """Token k is a name written onto a conjunction ("وتل"), not a name that opens with its letter ("وادي")."""
    tok = nt.tokens[k]
    w = words()
    return (
        text[nt.orig_starts[k]] in w.joined_conjunctions
        and len(tok) > 2
        and not tok.startswith(w.not_joined)
        and rare_arabic(_word(nt, text, k), WORD_ZIPF)  # "وسط" (middle) is a word, not "و" + "سط"
    )


def _preposition_phrase(nt: NormText, text: str, t: int) -> bool:
    """Token t is a preposition written onto a common word ("بعدة", "لقوات"): it goes on the sentence
    after a name, and is no word of one (but "كفر بطنا": "طنا" is no word)."""
    word = _word(nt, text, t)
    return word[:1] in words().name_prepositions and not rare_arabic(word[1:], WORD_ZIPF)


def _prefixed_word(nt: NormText, text: str, t: int) -> bool:
    """Token t, right after a head noun, reads as a preposition on a common word rather than as a word of its
    own ("مزارع بانفجار": "by a blast", the rest commoner than the whole; not "كفر", "بستان")."""
    from wordfreq import zipf_frequency

    word = _word(nt, text, t)
    if word[:1] not in words().name_prepositions or nt.tokens[t] in rules().name_heads:
        return False
    rest = zipf_frequency(word[1:], "ar")
    return rest >= HEADED_WORD_ZIPF and zipf_frequency(word, "ar") < rest


def conjunction_width(nt: NormText, text: str, k: int) -> int:
    """The characters of a conjunction written onto token k, with its vowel marks ("وَ"); 0 when none."""
    if not joined(nt, text, k):
        return 0
    i, end = nt.orig_starts[k] + 1, nt.orig_ends[k]
    while i < end and unicodedata.category(text[i]) == "Mn":
        i += 1
    return i - nt.orig_starts[k]


def _headed(nt: NormText, first: int) -> bool:
    """A head noun before the name ("the villages of X"): it stands for every name listed after it."""
    return first > 0 and bool(word_forms(nt.tokens[first - 1]) & (words().heads_before | rules().genitive))
