"""Reject matches that are not places: homographs, persons, common words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from extract.context import (
    cue_before,
    is_capitalised,
    lowercase_names,
    rules,
    sentence_initial,
    title_case_line,
    token,
)
from extract.inner_names import inside_other_name, touching
from extract.lexicons import cues
from extract.matching import Match
from extract.wordforms import owns_next, word_forms
from geodata.names import NormText, is_arabic

_TANWEEN = ("\u064b", "\u064c", "\u064d")  # the nunation marks: ً ٌ ٍ
ACRONYM_LEN = 3  # letters of a word in capitals that reads as an acronym in running text


def shouted_acronym(m: Match, text: str) -> bool:
    """'At DFAT's request, ODE has completed an evaluation': a word of up to `ACRONYM_LEN` capitals
    in running text is an acronym, not the place of that name written in small letters (Ode). A
    dateline at the start of a line ("KUT, Iraq -") and a headline in capitals keep theirs."""
    surface = text[m.start : m.end]
    if len(surface) > ACRONYM_LEN or not surface.isalpha() or not surface.isupper():
        return False  # Arabic letters are never upper case
    line_start = text.rfind("\n", 0, m.start) + 1
    return bool(text[line_start : m.start].strip()) and not title_case_line(text, m.start)


_ARTICLE = re.compile(r"(?i)(?:al|el)[- ]")


def site_name(m: Match, nt: NormText, text: str, key: str, *, bare: bool = False) -> bool:
    """'the Al Salem hospital complex', 'the al-Quds hospital', 'مستشفى القدس', 'Karaj al-Hajz': a name
    with the Arabic article right before a word for a building or a quarter (in Arabic, right after it)
    names the site, and so does a name right before a word with the article, which joins it into a
    longer name; with `bare`, the name needs no article of its own ("the Salem mosque"). (Whether it
    may still be a place is the resolver's call: a place abroad, in a text about Iraq or Syria, it is
    not.)"""
    r = rules()
    if is_arabic(key):
        before = m.tok_first - 1
        return (
            (bare or key.startswith("ال"))
            and not m.prefix
            and not r.site_words.isdisjoint(word_forms(token(nt, before)))
            and touching(nt, text, before, m.tok_first)
        )
    after = m.tok_last + 1
    if not touching(nt, text, m.tok_last, after):
        return False
    if _ARTICLE.match(text, nt.orig_starts[after]) and text[nt.orig_starts[after]] in "ae":
        return True  # "Karaj al-Hajz corridor": the first word of a longer name
    return (bare or bool(_ARTICLE.match(text, m.start))) and token(nt, after) in r.site_words


def _next_capitalised_word(text: str, end: int) -> bool:
    """The word right after `end` (same sentence) starts with a capital."""
    i = end
    while i < len(text) and text[i] in " -":
        i += 1
    return i < len(text) and i > end and text[i].isupper()


def _person_context(m: Match, nt: NormText, text: str, key: str, *, coordinated: bool, latin: bool) -> bool:
    r = rules()
    prev = token(nt, m.tok_first - 1)
    if not r.titles.isdisjoint(word_forms(prev)) or f"{token(nt, m.tok_first - 2)} {prev}" in r.titles:
        return True  # "الرئيس", "حاملة الطائرات" (a title of two words)
    if prev in r.first_names and (not latin or _prev_capitalised(text, nt, m.tok_first)):
        return True
    if not latin and not coordinated and _before_given_name(m, nt, text):
        return True
    # "Jordan Peterson": a first name followed by a capitalised word that is no place.
    if key in r.first_names and not coordinated:
        return (latin and _next_capitalised_word(text, m.end)) or (
            not latin and m.tok_last + 1 < len(nt.norm_starts) and token(nt, m.tok_last + 1) not in r.cues
        )
    return False


def _before_given_name(m: Match, nt: NormText, text: str) -> bool:
    """'وقالت آسيا عبد الله': an Arabic name right before a given name (its bearer's father's),
    with no place cue before it, is a person's."""
    nxt = m.tok_last + 1
    return (
        token(nt, nxt) in rules().first_names
        and touching(nt, text, m.tok_last, nxt)
        and not cue_before(nt, m.tok_first, strong=False)
    )


def _prev_capitalised(text: str, nt: NormText, tok: int) -> bool:
    if tok <= 0:
        return False
    return text[nt.orig_starts[tok - 1]].isupper()


def _homograph_ok(m: Match, nt: NormText, key: str, level: str, coordinated: bool) -> bool:
    if level == "none":
        return True
    if token(nt, m.tok_last + 1) in rules().homograph_followers and not coordinated:
        return False  # "الطبقة السياسية", "الباب أمام"; but "طريق دير الزور - الميادين أمام المدنيين"
    if cue_before(nt, m.tok_first, strong=level == "strong"):
        return True
    return coordinated  # "بين القائم وعنة": named beside another place


def country_actors(
    found: list[Match], nt: NormText, text: str, countries: set[int], capitals: frozenset[int] = frozenset()
) -> set[int]:
    """Indexes of the countries named as actors, not places (metonymy): "The United States condemns",
    "the government of Iraq", "our ally Turkey", "Iraq's efforts", "Turkey-backed factions", "the
    UK-France summit". Countries listed together share their reading: "the United States and Iraq
    signed", "announced by Russia and Turkey"; "fighting in Syria and Iraq has" names two places.
    `capitals`: seats of government, read as their governments on fewer signs ("Moscow said",
    "Baghdad and Erbil agreed", "Tehran-backed"; not "Damascus was shelled", "the people of Mosul")."""
    out: set[int] = set()
    for i, j in _country_runs(found, text, countries):
        if _actor_around(nt, found[i].tok_first, found[j].tok_last) or _arabic_actor(found[i], found[j], nt, text):
            out.update(range(i, j + 1))
        out.update(k for k in range(i, j + 1) if _actor_form(found[k], nt, text))
    for i, j in _country_runs(found, text, set(capitals)):
        if _actor_around(
            nt, found[i].tok_first, found[j].tok_last, verbs=rules().capital_verbs, heads=False
        ) or _arabic_actor(found[i], found[j], nt, text, heads=False):
            out.update(range(i, j + 1))
        out.update(k for k in range(i, j + 1) if _compound(text, found[k]))
    return out


def _arabic_actor(first: Match, last: Match, nt: NormText, text: str, *, heads: bool = True) -> bool:
    """Arabic names first..last (a run listed together) as actors: right after a verb whose subject they
    are ("قالت موسكو", "وقعت روسيا وتركيا"), right before one when no preposition stands before them
    ("روسيا تدعم النظام"; not "في سوريا تقول مصادر"), or, with `heads`, after the head of a genitive
    construct ("حكومة العراق", "وزير خارجية فرنسا")."""
    if not is_arabic(text[first.start : first.end]) or (first.prefix and first.prefix[-1:] not in ("و", "ف")):
        return False  # English, or a preposition written onto it ("بروسيا", "لسوريا")
    r = rules()
    before, after = first.tok_first - 1, last.tok_last + 1
    prev = word_forms(token(nt, before))
    governed = not r.actor_verbs_ar.isdisjoint(prev) or (heads and not r.actor_heads_ar.isdisjoint(prev))
    if governed and not first.prefix and touching(nt, text, before, first.tok_first):
        return True  # "قالت موسكو", "حكومة العراق"
    opens = not first.prefix and r.cues.isdisjoint(prev)
    return (
        opens
        and touching(nt, text, last.tok_last, after)
        and not r.actor_verbs_ar.isdisjoint(word_forms(token(nt, after)))
    )


def _country_runs(found: list[Match], text: str, countries: set[int]) -> Iterator[tuple[int, int]]:
    """The first and last index of each run of countries listed together ("Russia, Iran and Turkey")."""
    i = 0
    while i < len(found):
        if i not in countries:
            i += 1
            continue
        j = i
        while j + 1 in countries and _list_gap(text[found[j].end : found[j + 1].start]):
            j += 1
        j = _listed_to(found, text, i, j)
        yield i, j
        i = j + 1


def _listed_to(found: list[Match], text: str, i: int, j: int) -> int:
    """Where a run of names i..j that only joiners part really ends: with no conjunction in it, an
    article after a comma opens a new phrase ("attacks inside Turkey, the United States is
    committed"); "Turkey, the United States and Iraq" is one list."""
    r = rules()
    gaps = [text[found[k].end : found[k + 1].start].lower().split() for k in range(i, j)]
    if any(not r.conjunctions.isdisjoint(g) for g in gaps):
        return j
    return next((i + n for n, g in enumerate(gaps) if not r.list_articles.isdisjoint(g)), j)


def _before_list(nt: NormText, first: int) -> int:
    """The token before a list opening at token `first`, over its article ("include the United States")."""
    b = first - 1
    return b - 1 if token(nt, b) in rules().list_articles else b


def _actor_form(m: Match, nt: NormText, text: str) -> bool:
    """The name's own form makes it an actor: "Iraq's efforts", "Turkey-backed", "U.S.-Iraq talks"; but
    not a possessive of its land or people ("Syria's north", "Iraq's communities", "its cultural heritage")."""
    if text[m.start : m.end].endswith(("'s", "’s", "s’", "s'")):
        land = rules().possessed_land
        return not any(token(nt, m.tok_last + k) in land for k in (1, 2))
    if _compound(text, m):
        return True
    after = text[m.end : m.end + 2]
    before = text[max(0, m.start - 2) : m.start]
    paired = (after[:1] == "-" and after[1:2].isupper()) or (before[1:] == "-" and before[:1] not in ("", "-", " "))
    nxt = m.tok_last + (2 if after[:1] == "-" else 1)  # the word after "Russia-Turkey"
    return paired and token(nt, nxt) not in rules().place_words_after  # but "the Syria-Turkey border"


def _compound(text: str, m: Match) -> bool:
    """ "Turkey-backed factions", "the Iran-led axis", "Tehran-allied militias"."""
    after = text[m.end : m.end + 2]
    return after[:1] == "-" and after[1:2].islower()


def _actor_around(
    nt: NormText, first: int, last: int, *, verbs: frozenset[str] | None = None, heads: bool = True
) -> bool:
    """The words around tokens first..last make the countries there actors (`verbs`: the verbs after
    them that do, the countries' by default; `heads`: "the government of X" does too)."""
    r = rules()
    b = _before_list(nt, first)  # "support the United States"
    before = token(nt, b)
    if _verb_after(nt, last, r.actor_verbs if verbs is None else verbs) and before not in r.locatives:
        return True  # "The United States condemns", "Ankara has voiced", but not "forces in Iraq should"
    if before in r.actor_words_before:
        return True  # "our ally Turkey", "support Iraq", "will join Jordan"
    if before in r.agent_markers and token(nt, b - 1) in r.agent_verbs:
        return True  # "brokered by Qatar"
    return heads and before in r.genitive and token(nt, b - 1) in r.actor_heads


def _verb_after(nt: NormText, last: int, verbs: frozenset[str]) -> bool:
    """One of `verbs` follows token `last`, or an auxiliary does and then one of them, with at most one
    adverb between ("has frequently voiced")."""
    nxt = token(nt, last + 1)
    if _harmed(nt, last):
        return False  # "Iraq was hit by a wave of bombings", "Syria is being ripped apart": where it happens
    if nxt in verbs:
        return True
    if nxt not in rules().auxiliaries:
        return False
    after = token(nt, last + 2)
    return after in verbs or (after.endswith("ly") and token(nt, last + 3) in verbs)


def _harmed(nt: NormText, last: int) -> bool:
    """A form of "be" or "have" after token `last`, then ("being", "been" and) at most one adverb, then a
    participle of harm done to a place (`place_passives_en`): "was hit", "is being ripped apart", "has
    been badly shelled"."""
    r = rules()
    if token(nt, last + 1) not in r.passive_auxiliaries:
        return False
    i = last + 2 + (token(nt, last + 2) in r.passive_progressives)
    i += token(nt, i).endswith("ly")
    return token(nt, i) in r.place_passives


def _after_given_name(m: Match, nt: NormText, text: str) -> bool:
    """'Philip Hammond', 'Julie Bishop': a single capitalised word right after
    another capitalised word that is no place cue is a surname."""
    if m.tok_first == 0 or m.tok_first != m.tok_last:
        return False
    ps, pe = nt.orig_starts[m.tok_first - 1], nt.orig_ends[m.tok_first - 1]
    prev_raw = text[ps:pe]
    if text[pe : m.start] != " " or not prev_raw[:1].isupper() or prev_raw.isupper():
        return False
    if token(nt, m.tok_last + 1) in rules().place_words_after:
        return False  # "Syrias Hama province"
    return token(nt, m.tok_first - 1) not in rules().before_place


def surnames(found: list[Match], nt: NormText, text: str, keys: list[str], skip: set[int]) -> frozenset[str]:
    """The names the text writes as a person's surname, after a given name we know or a title and a given
    name ("John Kerry", "Foreign Secretary Philip Hammond"; `keys`: each match's key, `skip`: the countries
    and the names beside another place): alone elsewhere in it with no place cue before them ("Hammond
    said"), they name that person too."""
    r = rules()
    return frozenset(
        keys[i]
        for i, m in enumerate(found)
        if i not in skip
        and not is_arabic(keys[i])
        and (token(nt, m.tok_first - 1) in r.first_names or token(nt, m.tok_first - 2) in r.titles)
        and _after_given_name(m, nt, text)
    )


def _lowercase_name(m: Match, nt: NormText, key: str) -> bool:
    """'in eastern ghouta': a name written in lowercase after a place cue, of words that are no
    English words (or a direction before them)."""
    from wordfreq import zipf_frequency

    max_zipf, qualifiers = lowercase_names()
    words = key.split()
    return (
        cue_before(nt, m.tok_first, strong=False)
        and len(words[-1]) >= 5
        and all(w in qualifiers or zipf_frequency(w, "en") < max_zipf for w in words)
        and zipf_frequency(words[-1], "en") < max_zipf
    )


def accept(
    m: Match,
    nt: NormText,
    text: str,
    key: str,
    *,
    coordinated: bool,
    adjacent_place: bool,
    is_country: bool = False,
    surnames: frozenset[str] = frozenset(),
) -> bool:
    """Whether a raw name match reads as a place in its context.

    `coordinated`: the mention is joined by "و"/"and"/"," to another place
    mention; `adjacent_place`: another place mention touches it;
    `is_country`: the name can mean a country (then it may be an actor); `surnames`: the names the
    text writes as a person's surname elsewhere (`surnames`).
    """
    r = rules()
    surface = text[m.start : m.end]
    if surface.endswith(_TANWEEN):
        return False  # "جندياً تركياً": an adjective with its case ending, not Turkey (names take no tanween)
    latin = not is_arabic(key)
    if latin:
        if not is_capitalised(surface) and not _lowercase_name(m, nt, key):
            return False
        if text[m.end : m.end + 1] == "-" and token(nt, m.tok_last + 1) in r.seat_words_after:
            return False  # "a London-based consultancy", "the Britain-based Observatory"
        single = m.tok_first == m.tok_last
        if (
            single
            and key in r.common_words
            and not coordinated
            and (sentence_initial(text, m.start) or title_case_line(text, m.start))
        ):
            return False
        if not is_country and not adjacent_place and _after_given_name(m, nt, text):
            return False
        if key in surnames and not coordinated and not cue_before(nt, m.tok_first, strong=False):
            return False  # "Foreign Secretary Philip Hammond ... Hammond said"
        alone = not is_country and not coordinated and key in r.first_names
        if alone and not cue_before(nt, m.tok_first, strong=False):
            return False  # "Among the dead were Ahmad and his brother": a given name, no place cue before it
    if _person_context(m, nt, text, key, coordinated=coordinated, latin=latin):
        return False
    if inside_other_name(m, nt, text, key, adjacent_place=adjacent_place):
        return False
    level = r.homographs.get(key)
    if level is not None:
        return _homograph_ok(m, nt, key, level, coordinated)
    return True


def enumerated_actors(mentions: list[Match], nt: NormText, text: str, countries: set[int]) -> set[int]:
    """Countries listed as members ('nations ... include Australia, Canada and the
    United States'): indexes of the mentions in such a list."""
    out: set[int] = set()
    for i, j in _country_runs(mentions, text, countries):
        if j > i and token(nt, _before_list(nt, mentions[i].tok_first)) in rules().list_intros:
            out.update(range(i, j + 1))
    return out


def _list_gap(gap: str) -> bool:
    """What stands between two names of a list: nothing, a joiner, "and", "the" (", and the")."""
    r = rules()
    parts = gap.replace(",", " , ").replace("،", " ، ").split()
    return len(parts) <= 3 and all(
        p in r.joiners or p.lower() in r.conjunctions or p.lower() in r.list_articles for p in parts
    )


def _road_pair(a: Match, b: Match, nt: NormText, text: str) -> bool:
    """Two Arabic names side by side right after a road word name its two ends: "طريق حمص تدمر",
    "طريق دير الزور الميادين" (a name that is also a word, تدمر "destroys", is the town here)."""
    if b.tok_first != a.tok_last + 1 or not text[a.end : b.start].isspace() or not is_arabic(text[b.start : b.end]):
        return False
    return bool(word_forms(token(nt, a.tok_first - 1)) & cues()["road_words"])


def coordination(mentions: list[Match], nt: NormText, text: str) -> tuple[set[int], set[int]]:
    """Indexes of mentions coordinated with (and adjacent to) another mention, or owned by the one before."""
    r = rules()
    coord: set[int] = set()
    adjacent: set[int] = set()
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        gap_toks = b.tok_first - a.tok_last - 1
        between = text[a.end : b.start]
        joined = gap_toks == 0 and (b.prefix[:1] in r.joiners or between.strip() in r.joiners)
        if joined or (gap_toks == 1 and token(nt, a.tok_last + 1) in r.conjunctions) or _road_pair(a, b, nt, text):
            coord.update((i, i + 1))
        if owns_next(text, a.end, b.start):
            coord.add(i + 1)  # "Daraa's Jassim": a place the one before owns
        if gap_toks == 0:
            adjacent.update((i, i + 1))
    return coord, adjacent
