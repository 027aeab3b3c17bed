"""Actors a sentence names by a pronoun or a demonstrative, and the subject a sentence leaves unsaid.

Real reports name a force once and then go on without its name:
- "They" opening a sentence (outside a quote, not before "were" / "are": "They were found") is the
  subject of the sentence before, in its paragraph ("Islamic State fighters still hold Sijariya. **They**
  also control the highway");
- a demonstrative or "same" with a word of force ("**هذه الميليشيا**", "**الوحدات ذاتها**", "**these
  forces**", "**the same units**") is the force named last before it as a subject or an object, in its
  sentence or the one before (not "the dozens **of** ISIS terrorists killed");
- an Arabic deed verb opening a sentence with no actor named in it ("**وسيطرت** على ناحية العباسي") has
  the subject of the sentence before (`implied_subject`, read by the events).

A subject is the first actor of its sentence that is neither civilians nor after a preposition ("by", "من",
"لـ"). Words are in `event_cues.json` (`subject_pronouns`, `demonstratives`, `same_after`,
`referring_heads`, `subject_not_after`, `implied_subject_next_ar`, `implied_subject_openers_ar`).
"""

from __future__ import annotations

import bisect

from extract.annotated import Annotated
from extract.lexicons import cues, event_cues
from extract.matching import Match
from extract.types import ActorMention
from extract.wordforms import proclitic, word_forms
from geodata.names import is_arabic

OPENING_QUOTES = {'"': '"', "“": "”", "«": "»"}
REACH_SENTENCES = 2  # a demonstrative refers to a force named in its sentence or the one before


def referring_actors(ann: Annotated, named: list[ActorMention]) -> list[ActorMention]:
    """Mentions of actors named before by "They" opening a sentence or by a demonstrative."""
    if not named:
        return []  # nothing named, nothing to refer back to
    last = len(ann.nt.tokens) - 1
    pronouns = ann.words_in(0, last, "subject_pronouns", event_cues()["subject_pronouns"])
    heads = ann.words_in(0, last, "referring_heads", event_cues()["referring_heads"])
    if not pronouns and not heads:
        return []
    taken = {t for a in named for t in range(a.tok_first, a.tok_last + 1)}
    found, added = sorted(named, key=lambda a: a.start), []
    for i in sorted({*pronouns, *heads}):
        if i in taken:
            continue
        span: tuple[int, int] | None = (i, i)
        if i in pronouns:
            ref = _pronoun_ref(ann, found, i)
        else:
            span = _demonstrative(ann, i)
            ref = _last_named(ann, found, span[0]) if span is not None else None
        if ref is not None and span is not None and not taken & set(range(span[0], span[1] + 1)):
            mention = _at(ann, ref, *span)
            found.insert(bisect.bisect([a.start for a in found], mention.start), mention)
            added.append(mention)
            taken |= set(range(span[0], span[1] + 1))
    return added


def _at(ann: Annotated, ref: ActorMention, first: int, last: int) -> ActorMention:
    nt = ann.nt
    start, end = nt.orig_starts[first], nt.orig_ends[last]
    return ActorMention(ref.actor_id, ref.name, ref.actor_type, ref.family, start, end, first, last)


def _demonstrative(ann: Annotated, i: int) -> tuple[int, int] | None:
    """The tokens of "هذه الميليشيا", "الوحدات ذاتها", "these forces", "the same units" around head i."""
    if word_forms(ann.word(i - 1)) & event_cues()["demonstratives"]:
        return i - 1, i
    if ann.word(i + 1) in event_cues()["same_after"]:
        return i, i + 1
    return None


def _sentence_of(ann: Annotated, tok: int) -> int:
    """Index of the sentence that holds token tok (-1 before the first)."""
    return bisect.bisect_right(ann.sentences, ann.nt.orig_starts[tok], key=lambda s: s.start) - 1


def _last_named(ann: Annotated, found: list[ActorMention], first: int) -> ActorMention | None:
    """The force named last before token `first`, in its sentence or the one before."""
    k = _sentence_of(ann, first)
    lo = ann.sentences[max(0, k - REACH_SENTENCES + 1)].start if k >= 0 else 0
    start = ann.nt.orig_starts[first]
    armed = [a for a in found if lo <= a.start < start and not _civilian(a) and not _oblique(ann, a)]
    return armed[-1] if armed else None


def _pronoun_ref(ann: Annotated, found: list[ActorMention], i: int) -> ActorMention | None:
    """Whom "They" opening a sentence outside a quote refers to: the subject of the sentence before."""
    k, offset = _sentence_of(ann, i), ann.nt.orig_starts[i]
    if k < 1 or ann.tok_at(ann.sentences[k].start) != i or not ann.doc.text[offset].isupper():
        return None
    if _in_quote(ann.doc.text, offset) or _passive_next(ann, i):
        return None
    return sentence_subject(ann, found, k - 1, same_paragraph_as=k)


def _passive_next(ann: Annotated, i: int) -> bool:
    """'They were found', 'They are believed to be': a subject that suffers or is described does no deed
    (a word of `passive_be` after the pronoun, auxiliaries such as "had" between)."""
    be, aux = event_cues()["passive_be"], event_cues()["passive_aux"]
    j = i + 1
    while ann.word(j) in aux and ann.word(j) not in be:
        j += 1
    return ann.word(j) in be


def sentence_subject(
    ann: Annotated, found: list[ActorMention], k: int, *, same_paragraph_as: int
) -> ActorMention | None:
    """The first actor of sentence k that is neither civilians nor after a preposition; none when a
    paragraph break stands between sentence k and sentence `same_paragraph_as`."""
    if k < 0:
        return None
    text, here, before = ann.doc.text, ann.sentences[same_paragraph_as], ann.sentences[k]
    if "\n" in text[before.end : here.start]:
        return None
    return _first_subject(ann, [a for a in found if before.start <= a.start < before.end])


def _first_subject(ann: Annotated, found: list[ActorMention]) -> ActorMention | None:
    """The first of these actors that is neither civilians nor after a preposition."""
    return next((a for a in found if not _civilian(a) and not _oblique(ann, a)), None)


def _deed_verb(word: str) -> bool:
    """An Arabic perfect verb, feminine or plural ("سيطرت", "تقدموا"), that is no verb of killing ("وقتلت امرأة"
    is as often a passive)."""
    return (word.endswith("ت") or word.endswith("وا")) and not word_forms(word) & event_cues()["victim_verbs"]


def _oblique(ann: Annotated, a: ActorMention) -> bool:
    """An actor after a preposition ("by the army", "من قوات النظام") or with one glued on ("لقوات")."""
    if ann.word(a.tok_first - 1) in event_cues()["subject_not_after"]:
        return True
    glued = ann.doc.text[ann.nt.orig_starts[a.tok_first] : a.start]
    return any(c in glued for c in "لب")


def _civilian(a: ActorMention) -> bool:
    return a.actor_type in cues()["civilian_actor_types"]


def _in_quote(text: str, offset: int) -> bool:
    """Offset stands inside a quotation opened earlier in its paragraph."""
    para = text[text.rfind("\n", 0, offset) + 1 : offset]
    straight = para.count('"') % 2 == 1
    return straight or any(para.count(o) > para.count(c) for o, c in OPENING_QUOTES.items() if o != c)


def joined_subject(ann: Annotated, first: int, m: Match) -> ActorMention | None:
    """'بعد أن سيطرت قوات الأسايش على حي غويران، **واعتقلت** العشرات من عناصره': an Arabic deed verb (perfect,
    feminine or plural) joined on with "و" after a comma shares the subject of its sentence before it (the first
    actor from token `first` on that is neither civilians nor after a preposition)."""
    t = m.tok_first
    word = ann.word(t)
    if not is_arabic(word) or proclitic(word) != "و" or t <= first:
        return None
    if not _deed_verb(word):
        return None
    if not set(ann.doc.text[ann.nt.orig_ends[t - 1] : ann.nt.orig_starts[t]]) & {",", "،"}:
        return None
    return _first_subject(ann, ann.actors_in(first, t - 1))


def implied_subject(ann: Annotated, first: int, last: int, m: Match) -> ActorMention | None:
    """'وكانت فصائل الحشد الشعبي قد تقدمت. **وسيطرت** على ناحية العباسي': an Arabic deed verb (perfect,
    feminine or plural) opening a sentence that names no actor, followed by what it was done to, has
    the subject of the sentence before (tokens first..last are the verb's sentence)."""
    t = m.tok_first
    word = ann.word(t)
    if ann.actors_in(first, last) or not is_arabic(word):
        return None
    if not _deed_verb(word):
        return None
    openers = event_cues()["implied_subject_openers_ar"]
    if any(not (word_forms(ann.word(j)) & openers) for j in range(first, t)):
        return None
    nxt = ann.word(m.tok_last + 1)
    if not (word_forms(nxt) & event_cues()["implied_subject_next_ar"] or ann.places_in(m.tok_last + 1, m.tok_last + 1)):
        return None
    k = _sentence_of(ann, first)
    return sentence_subject(ann, list(ann.actors), k - 1, same_paragraph_as=k)


PRONOUN_REACH = 3  # words from "they" to its deed ("they later seized", "it then took")


def pronoun_subject(ann: Annotated, first: int, last: int, m: Match) -> ActorMention | None:
    """'The militants overran Sinjar on Aug. 3. Days later **they** seized Qaraqosh': an English deed whose
    subject is "they" / "it", in a sentence that names no actor before it, was done by the subject of the
    sentence before, in its paragraph."""
    t = m.tok_first
    if is_arabic(ann.word(t)) or ann.actors_in(first, t - 1) or _in_quote(ann.doc.text, m.start):
        return None  # a quote's "they" is the speaker's enemy
    pronouns, fillers = event_cues()["subject_pronouns_en"], event_cues()["pronoun_fillers_en"]
    lo = max(first, t - PRONOUN_REACH)
    said = [i for i in range(lo, t) if ann.word(i) in pronouns]
    if not said or any(ann.word(i) not in fillers for i in range(said[-1] + 1, t)):
        return None
    k = _sentence_of(ann, first)
    return sentence_subject(ann, list(ann.actors), k - 1, same_paragraph_as=k)
