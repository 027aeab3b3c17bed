"""Arabic lists of places with names the gazetteer lacks: "قصفت الطائرات سرمين وقمناس وتلمنس", "في قمناس
وسرمين". With no capitals to tell a name from a word, an item counts as a name when it is joined to a
known town by "و" or "،", the list opens after a place cue or a verb of places, and each word of it is
rare in Arabic (a village's name, not a verb or a noun: "وقالت", "وريفها" are no names).
"""

from __future__ import annotations

from functools import cache

from extract.admin_words import words
from extract.context import cue_before, rules
from extract.unknown_names import MAX_LISTED, between, conjunction_width, describes_head, joined, rare_arabic
from extract.wordforms import word_forms
from geodata.names import NormText, is_arabic

VERB_REACH = 2  # words of a verb's subject between it and the places it takes
PRONOUN_ENDINGS = ("ها", "هم", "هما", "كم", "نا")  # "وريفها", "ومحيطها": a noun with its owner, no name
VERB_ENDINGS = ("وا", "ه")  # "أضرموا", "أعقبه": a verb's plural ending, an object pronoun
Item = tuple[int, int, int]  # first token, last token, characters of a conjunction written onto it


def arabic_items(nt: NormText, text: str, first: int, last: int, covered: set[int]) -> list[Item]:
    """The unknown names listed with the known place at tokens first..last."""
    right = _after(nt, text, last, covered)
    left, start = _before(nt, text, first, covered)
    if not (left or right) or not list_opened(nt, start, reach=VERB_REACH):
        return []
    return left + right


def _after(nt: NormText, text: str, last: int, covered: set[int]) -> list[Item]:
    items: list[Item] = []
    t = last + 1
    while t < len(nt.tokens) and len(items) < MAX_LISTED:
        skip = conjunction_width(nt, text, t)
        if not skip and _gap(nt, text, t - 1, t) not in ("،", ","):
            break
        b = _item_end(nt, text, t, skip, covered)
        if b is None:
            break
        items.append((t, b, skip))
        t = b + 1
    return items


def _before(nt: NormText, text: str, first: int, covered: set[int]) -> tuple[list[Item], int]:
    """The items before the one at `first`, and the token where the list starts ("وبلدة Y": the known
    place's own head, written onto "و", opens it)."""
    items: list[Item] = []
    start = first
    if start > 0 and joined(nt, text, start - 1) and word_forms(nt.tokens[start - 1]) & _own_heads():
        start -= 1
    while start > 0 and len(items) < MAX_LISTED:
        if not joined(nt, text, start) and _gap(nt, text, start - 1, start) not in ("،", ","):
            break
        b = start - 1
        a = b - 1 if b > 0 and _head(nt, text, b - 1, conjunction_width(nt, text, b - 1)) else b
        skip = conjunction_width(nt, text, a)
        if _item_end(nt, text, a, skip, covered) != b and not _headed(nt, text, a, b, covered):
            break
        items.insert(0, (a, b, skip))
        start = a
    return items, start


@cache
def _own_heads() -> frozenset[str]:
    """The words that open a known place's own name ("وبلدة", "ومدينة" before it)."""
    return words().heads_before | words().connectors


def _item_end(nt: NormText, text: str, t: int, skip: int, covered: set[int]) -> int | None:
    """The last token of the name at token t ("قمناس", "تل منس" after a name's head), if it reads as one."""
    if t in covered or not is_arabic(nt.tokens[t]):
        return None
    if _head(nt, text, t, skip) and t + 1 < len(nt.tokens) and _word(nt, text, t + 1, 0) and t + 1 not in covered:
        return t + 1  # after a name's head ("تل سلطان") the next word may be any word
    return t if _word(nt, text, t, skip) and _rare(nt, text, t, skip) else None


def _headed(nt: NormText, text: str, a: int, b: int, covered: set[int]) -> bool:
    """The item a..b is one word right after a head noun ("قرى الطويلة والخوين"): a name, rare or not, unless
    it describes the head ("قرية صغيرة")."""
    return (
        a == b > 0
        and a not in covered
        and _word(nt, text, a, 0)
        and bool(word_forms(nt.tokens[a - 1]) & words().heads_before)
        and not describes_head(nt, text, a)
    )


def _head(nt: NormText, text: str, t: int, skip: int) -> bool:
    return nt.tokens[t][1 if skip else 0 :] in rules().name_heads  # the normalised word has no vowel marks


def _word(nt: NormText, text: str, t: int, skip: int) -> bool:
    """An Arabic word that may be part of a name: no cue, no noun with its owner ("وريفها"), no word
    whose first letter only looks like "و" written onto it ("وصولاً")."""
    w = _surface(nt, text, t, skip)
    if len(w) < 2 or not is_arabic(w) or w.endswith(PRONOUN_ENDINGS) or word_forms(nt.tokens[t]) & rules().cues:
        return False
    if len(w) >= 4 and w.startswith("ت") and w.endswith("ت"):
        return False  # "، وترافقت المعارك": a verb of the form تفاعلت / تفعّلت opening a clause, no village
    return not skip or rare_arabic(_surface(nt, text, t, 0))


def _rare(nt: NormText, text: str, t: int, skip: int) -> bool:
    """A rare word, not a common one inflected ("أعقبه": followed it, "وأضرموا": and they set; its stem without the
    ending of `VERB_ENDINGS` is common)."""
    w = _surface(nt, text, t, skip)
    if len(w) < 3 or not rare_arabic(w):
        return False
    return not any(w.endswith(e) and len(w) - len(e) >= 3 and not rare_arabic(w[: -len(e)]) for e in VERB_ENDINGS)


def list_opened(nt: NormText, start: int, *, reach: int) -> bool:
    """A place cue ("in", "في") opens the list that starts at token `start` (not "and" itself), or a
    verb of places ("struck", "قصفت", "على") does, up to `reach` words of its subject between them
    ("قصفت الطائرات الحربية X وY")."""
    if cue_before(nt, start, strong=False) and not conjunction_at(nt, start - 1):
        return True
    openers = words().list_openers
    return any(word_forms(nt.tokens[t]) & openers for t in range(max(0, start - 1 - reach), start))


def conjunction_at(nt: NormText, t: int) -> bool:
    """Token t is "and", "or", "و" standing alone."""
    return 0 <= t < len(nt.tokens) and nt.tokens[t] in rules().conjunctions


def _gap(nt: NormText, text: str, a: int, b: int) -> str:
    return between(nt, text, a, b).strip()


def _surface(nt: NormText, text: str, t: int, skip: int) -> str:
    return text[nt.orig_starts[t] + skip : nt.orig_ends[t]]
