"""Names inside names: a place word that is part of another name is no place.

An organisation's or a medium's name ("Aleppo Media Center", "لواء القدس"), an actor's
("قوات سوريا الديمقراطية", "the Baghdad government"), an office's remit ("Minister for the
Middle East"), a person's nisba ("Abu Hafs al-Obeidi", "أبو مصعب البغدادي") or an unknown
place of several words ("Tulul X", "X al-Sharqi", "في X التحتاني"). The words live in
`data/context.json` (`organisation_names`, `portfolios`, `kunya_words`, `name_parts`); actor
names in `data/actors.csv`.
"""

from __future__ import annotations

from functools import cache

from extract.context import capitalised, rules, token
from extract.lexicons import actor_matches
from extract.matching import Match
from extract.text_memo import text_memo
from extract.wordforms import word_forms
from geodata.names import NormText, is_arabic, written_with_article


def touching(nt: NormText, text: str, a: int, b: int) -> bool:
    """Tokens a and b stand side by side in one name: nothing but a space or a hyphen between them."""
    if a < 0 or b >= len(nt.tokens):
        return False
    return not text[nt.orig_ends[a] : nt.orig_starts[b]].strip(" -")


def _word_before(m: Match, nt: NormText, text: str, words: frozenset[str], *, latin: bool) -> bool:
    """A word of `words` right before the name, with no clitic on the name (in Latin script, the
    word capitalised)."""
    before = m.tok_first - 1
    return (
        not words.isdisjoint(word_forms(token(nt, before)))
        and not m.prefix
        and touching(nt, text, before, m.tok_first)
        and (not latin or text[nt.orig_starts[before]].isupper())
    )


HEAD_REACH = 2  # words of an organisation's name that may stand between its head and the place word


def _head_before(m: Match, nt: NormText, text: str, heads: frozenset[str], *, latin: bool) -> bool:
    """A word of `heads` before the name, with no clitic on the name: right before it ('Liwa al-Quds')
    or with up to `HEAD_REACH` other words of one name between ('Jaish al-Ta'ifa al-Mansurah'); in
    Latin script the head is capitalised. A head of two words is read as two ("وقيادة عمليات بابل";
    "التحالف بقيادة الولايات المتحدة" has no head)."""
    first = m.tok_first
    for _ in range(HEAD_REACH + 1):
        before = first - 1
        if m.prefix or not touching(nt, text, before, first):
            return False
        if not heads.isdisjoint(word_forms(token(nt, before))):
            return not latin or text[nt.orig_starts[before]].isupper()
        if before > 0 and any(f"{w} {token(nt, before)}" in heads for w in word_forms(token(nt, before - 1))):
            return not latin or text[nt.orig_starts[before - 1]].isupper()
        if not _name_word(nt, text, before):
            return False
        first = before
    return False


def _name_word(nt: NormText, text: str, i: int) -> bool:
    """Token i reads as a word of a name: no cue, place word or conjunction; in Latin script,
    capitalised and no common word."""
    tok = token(nt, i)
    r = rules()
    if not tok or tok in r.conjunctions:
        return False
    forms = word_forms(tok)
    if not r.cues.isdisjoint(forms) or not r.place_words_after.isdisjoint(forms):
        return False  # the two lists looked at in turn, not joined into a new set at each word
    return is_arabic(tok) or (capitalised(text[nt.orig_starts[i] : nt.orig_ends[i]]) and tok not in r.common_words)


def _actor_names(nt: NormText, text: str) -> list[tuple[int, int]]:
    """Token ranges of the actor names of the text (once per text)."""
    return [(a.tok_first, a.tok_last) for a in actor_matches(text, nt)]


def _actor_spans_at(nt: NormText, text: str) -> dict[int, list[tuple[int, int]]]:
    """Token -> the actor names that hold it (once per text)."""
    memo = text_memo(nt)
    if "actor names at" not in memo:
        at: dict[int, list[tuple[int, int]]] = {}
        for f, la in _actor_names(nt, text):
            for t in range(f, la + 1):
                at.setdefault(t, []).append((f, la))
        memo["actor names at"] = at
    spans: dict[int, list[tuple[int, int]]] = memo["actor names at"]
    return spans


def _inside_actor_name(m: Match, nt: NormText, text: str) -> bool:
    """'قوات سوريا الديمقراطية', 'the Baghdad government', 'Iran-backed militias': a place word
    inside a longer actor name names the actor."""
    spans = _actor_spans_at(nt, text).get(m.tok_first)
    if not spans:
        return False  # no actor name holds its first word: most names
    width = m.tok_last - m.tok_first
    return any(f <= m.tok_first and m.tok_last <= la and la - f > width for f, la in spans)


def _organisation_name(m: Match, nt: NormText, text: str, *, latin: bool) -> bool:
    """'Liwa al-Quds', 'لواء القدس', 'Aleppo Media Center', 'مركز حلب الإعلامي', 'the Al-Karabla
    clan', 'the Minsk agreements': words before or after the name make it an organisation's, a
    tribe's or a treaty's (in English, their first word capitalised but for a tribe's or a treaty's;
    words after it not when "in", "from" ... stands before it). In English up to `HEAD_REACH` other
    words of the name may stand between ('the Syria Recovery Trust Fund')."""
    r = rules()
    if _head_before(m, nt, text, r.organisation_heads, latin=latin):
        return True
    after = m.tok_last + 1
    if token(nt, m.tok_first - 1) in r.locatives:
        return False  # "in northern Syria Today": the place, then a word
    if touching(nt, text, m.tok_last, after) and any(
        tuple(token(nt, i) for i in range(after, after + len(tail))) == tail
        for tail in _by_first(r.kin_tails).get(token(nt, after), ())
    ):
        return True  # "the Rawa clan", "59 Tomahawk cruise missiles"
    last = m.tok_last
    for _ in range(HEAD_REACH + 1 if latin else 1):  # "the Syria Recovery Trust Fund"
        if not touching(nt, text, last, after):
            return False
        if _tail_at(nt, text, after, latin=latin):
            return True
        if not _name_word(nt, text, after):
            return False
        last, after = after, after + 1
    return False


def _tail_at(nt: NormText, text: str, at: int, *, latin: bool) -> bool:
    """An organisation's tail ("Media Center", "Brigade", "Fund") starts at token `at` (in Latin
    script, capitalised)."""
    return (not latin or text[nt.orig_starts[at]].isupper()) and any(
        tuple(token(nt, i) for i in range(at, at + len(tail))) == tail for tail in _tails_from(token(nt, at))
    )


def _tails_from(word: str) -> tuple[tuple[str, ...], ...]:
    """The organisation tails that start with this word (looked up, not scanned)."""
    return _by_first(rules().organisation_tails).get(word, ())


@cache
def _by_first(tails: frozenset[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Tails of words by their first word."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for tail in tails:
        if tail:
            out.setdefault(tail[0], []).append(tail)
    return {k: tuple(v) for k, v in out.items()}


def _nisba(m: Match, nt: NormText, text: str, key: str, *, latin: bool) -> bool:
    """'Abu Hafs al-Obeidi', 'أبو مصعب البغدادي': a kunya and a given name, then a nisba that
    names the person, not the place."""
    kunya, name = m.tok_first - 2, m.tok_first - 1
    if kunya < 0 or m.prefix or token(nt, kunya) not in rules().kunyas:
        return False
    if not (touching(nt, text, kunya, name) and touching(nt, text, name, m.tok_first) and _name_word(nt, text, name)):
        return False
    return latin or key.startswith("ال")


def _part_of_longer_name(m: Match, nt: NormText, text: str, key: str, *, latin: bool) -> bool:
    """An unknown name of several words is not the known place inside it: 'Tulul X', 'قصر X'
    (a head word before X), 'Qasr Ibrahim' (the known place is the head word), 'X al-Sharqi',
    'في X التحتاني' (a qualifier after X; but 'ريف حلب الشمالي' is Aleppo's northern countryside)."""
    r = rules()
    after = m.tok_last + 1
    whole = m.tok_first < m.tok_last and bool(word_forms(nt.tokens[m.tok_last]) & r.place_words_after)
    if not whole and _word_before(m, nt, text, r.name_heads, latin=latin):
        return True  # but "Wadi Barada valley": the name with its own feature word is whole
    if m.tok_first == m.tok_last and key in r.name_qualifiers and _qualifies(nt, text, m.tok_first):
        return True  # "al-Samadaniyeh al-Gharbiyeh": a longer name's qualifier, no place of its own
    if not touching(nt, text, m.tok_last, after):
        return False
    head = m.tok_first == m.tok_last and key in r.name_heads and not written_with_article(text[m.start : m.end])
    if head and _name_word(nt, text, after):
        return True  # "Bab Touma", "Tal Hamis"; but "al-Bab" is a town's own name, article and all
    return token(nt, after) in r.name_qualifiers and (latin or _unheaded(m, nt))


def _qualifies(nt: NormText, text: str, t: int) -> bool:
    """Token t stands right after a word of a name, which it qualifies ("al-Samadaniyeh al-Gharbiyeh")."""
    return touching(nt, text, t - 1, t) and _name_word(nt, text, t - 1) and not is_arabic(nt.tokens[t])


def _unheaded(m: Match, nt: NormText) -> bool:
    """No Arabic construct head stands before the name (its qualifier is then the name's own):
    a preposition ("في", "بـ"), a word with the article, or nothing."""
    r = rules()
    first = nt.tokens[m.tok_first]
    if m.tok_first < m.tok_last and not first.startswith("ال") and first not in r.name_heads:
        return False  # "ريف الحسكة الجنوبي": the name's own first word heads it
    if m.prefix:
        return m.prefix[-1:] in r.qualifier_proclitics
    prev = token(nt, m.tok_first - 1)
    return not prev or prev.startswith("ال") or bool(word_forms(prev) & r.qualifier_governors)


def _remit(m: Match, nt: NormText) -> bool:
    """'Minister for the Middle East', 'Special Envoy for Syria', 'لشؤون الشرق الأوسط': the place
    is an office's remit, not a place of the story."""
    r = rules()
    i = m.tok_first - 1
    if token(nt, i) in r.list_articles:
        i -= 1
    if not r.remit_words.isdisjoint(word_forms(token(nt, i))):
        return True
    return token(nt, i) in r.portfolio_links and token(nt, i - 1) in r.portfolio_titles


def inside_other_name(m: Match, nt: NormText, text: str, key: str, *, adjacent_place: bool) -> bool:
    """Whether the matched name is part of another name: an organisation's, a medium's, an
    actor's, an office's remit, a person's nisba, or an unknown place of several words.
    `adjacent_place`: another place mention touches it (then it is no nisba: "Abu Kamal")."""
    latin = not is_arabic(key)
    if _organisation_name(m, nt, text, latin=latin) or _part_of_longer_name(m, nt, text, key, latin=latin):
        return True
    if _remit(m, nt) or (not adjacent_place and _nisba(m, nt, text, key, latin=latin)):
        return True
    return _inside_actor_name(m, nt, text)
