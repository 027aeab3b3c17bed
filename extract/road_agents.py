"""Who did a deed to a road (`extract.road_deeds`): the agent of the deed's own clause.

In order: an actor whose name holds the deed ("ISIS-held"); a passive agent
("cut by the SDF", "من قبل داعش"), and none other after a passive ("the road was
closed"); after "under" / "تحت سيطرة" or a verb that opens its clause (Arabic
verb-first and masdar clauses: "قطعت قسد الطريق", "بعد سيطرة قوات البيشمركة على")
the actor after the deed; else the subject before it ("The SDF cut the road",
"which ISIS uses"), then one after it; for "after cutting" / "بعد قطع" with no
one in the clause, the subject of the clause before. Backers ("backed by",
"بدعم من") are never the agent. "the forces", "القوات", "the army" stand for the
force named last before them (the army: a state force), within two sentences, unless the actors
already read "the army" or "government forces" as the state of the text's own country; beyond two
sentences, the actor the text's anaphora read them as, when the text named it before ("الوحدات": the YPG).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from functools import cache

from extract.actors import actor_by_id, home_state
from extract.annotated import Annotated
from extract.datafiles import load_json
from extract.event_actors import aside
from extract.lexicons import ActorDef, cues, event_cues
from extract.matching import Lexicon
from extract.road_deeds import Deed, is_word, lexicon
from extract.road_ends import Road
from extract.types import ActorMention, Span
from extract.wordforms import proclitic, word_forms
from geodata.names import is_arabic

_SUBJECT_REACH = 12  # words between a subject and its verb
_OPENING_SUBJECT = 3  # words before the subject of a sentence ('وكانت', 'On Sunday')
_CHECKPOINT_LINKS = 4  # words from a checkpoint to whose it is ("checkpoints manned by the army")
_SUPPORT_REACH = 8  # words a backer may stand after "backed by"
_REF_SENTENCES = 2  # sentences back that "the forces" may look for the force it stands for
_PUNCT_BREAKS = frozenset(";:؛()")
STATE, FORCE, HOLDER = 0, 1, 2


@dataclass(frozen=True, slots=True)
class _Cand:
    """Someone named in a clause: an actor, or a reference ("the forces") and what it stands
    for (None when nothing named before fits)."""

    first: int
    last: int
    actor: ActorMention | None


def _breaks(ann: Annotated, i: int) -> bool:
    """Token i opens a clause: a clause word ('which', 'بعد', 'said') that is not inside an
    agent marker ('من قبل'), or ; : ( ) before it."""
    if (is_word(ann, i, "road_clause_breaks") or is_word(ann, i, "speech_words")) and not _inside_marker(ann, i):
        return True
    gap = ann.doc.text[ann.nt.orig_ends[i - 1] : ann.nt.orig_starts[i]] if i > 0 else ""
    return bool(_PUNCT_BREAKS.intersection(gap))


def _inside_marker(ann: Annotated, i: int) -> bool:
    """Token i is inside an agent marker, after its first word ('قبل' of 'من قبل')."""
    s = ann.nt.orig_starts[max(0, i - 3)]
    return any(
        m.tok_first < i <= m.tok_last for m in ann.matches(lexicon("road_agent_markers"), s, ann.nt.orig_ends[i])
    )


def clause_start(ann: Annotated, i: int, first: int) -> int:
    """The first token of the clause holding token i: a clause word opens its clause, and a
    clause it opens ends at its comma ('بعد انسحاب داعش من منبج، أغلق الطريق')."""
    comma = None
    while i > first and not _breaks(ann, i):
        if comma is None and ann.comma_before(i):
            comma = i
        i -= 1
    return comma if comma is not None and is_word(ann, i, "road_clause_breaks") else i


def _clause_end(ann: Annotated, i: int, last: int) -> int:
    while i < last and not _breaks(ann, i + 1):
        i += 1
    return i


def agent_of(ann: Annotated, deed: Deed, road: Road, span: tuple[int, int]) -> ActorMention | None:
    """The agent of a deed on a road, from the deed's own clause (tokens of the sentence `span`)."""
    first, last = span
    left = clause_start(ann, deed.first, first)
    if deed.first > road.last:
        left = max(left, road.last + 1)  # "the road, which the SDF controls": not before the road
    cands = _candidates(ann, left, _clause_end(ann, deed.last, last), road)
    own = [c for c in cands if c.first <= deed.first <= c.last or _joined(ann, c, deed)]
    if own:
        return own[0].actor  # "ISIS-held", "rebel-held"
    if _holder_pronoun(ann, deed):  # "placing the road ... under their control", "وباتت تحت سيطرتها"
        opening = [c for c in _candidates(ann, first, deed.first - 1, road) if c.actor is not None]
        return opening[0].actor if opening else None
    if deed.checkpoint:
        return _checkpoint_holder(ann, deed, cands)
    after = [c for c in cands if c.first > deed.last and not _backer(ann, c, deed, left) and not _users(ann, c, deed)]
    marked = [c for c in after if _marked(ann, c.first)]
    if marked:
        return marked[0].actor
    if deed.first < road.first:
        after = [c for c in after if c.last < road.first]  # not "the road ISIS uses"
    before = [c for c in cands if c.last < deed.first and deed.first - c.last <= _SUBJECT_REACH]
    before = [c for c in before if not _backer(ann, c, deed, left)]
    if not deed.holder_after and _passive(ann, deed, before, cands):
        return None  # "the road was closed": no agent but a marked one
    if not before and not after and deed.first < road.first and (ante := _antecedent(ann, left, first, road)):
        return ante  # "IS fighters, who control the road from Raqqa", "المسلحون الذين يسيطرون على طريق"
    opener = left + 1 if _breaks(ann, left) and is_word(ann, left, "road_clause_breaks") else left
    verb_first = deed.first == opener or proclitic(ann.word(deed.first)) in cues()["road_clause_proclitics"]
    agent_after = deed.holder_after or verb_first or (deed.nominal and bool(after) and after[0].first == deed.last + 1)
    groups = (after[:1], before[-1:]) if agent_after else (before[-1:], after[:1])
    for group in groups:
        if group:
            return group[0].actor
    if ann.comma_before(left) and (subject := _aside_subject(ann, left, first, road)) is not None:
        return subject  # "The SDF, which the coalition backs, controls the road"
    filler = is_word(ann, deed.first - 1, "road_shared_subject_fillers")
    sub = deed.first - 2 if filler else deed.first - 1
    if (deed.first == opener or filler) and is_word(ann, sub, "road_shared_subject"):
        return _main_subject(ann, sub, first, road)  # "after cutting", "after they cut", "بعد أن قطعت"
    if is_word(ann, left, "speech_words") and _speaks_of_itself(ann, left + 1, deed.first):
        # "Turkish-backed fighters said they had cut the M4": who speaks of their own deed did it
        said = _candidates(ann, clause_start(ann, left - 1, first), left - 1, road) if left > first else []
        return said[-1].actor if said else None
    if proclitic(ann.word(deed.first)) in cues()["road_clause_proclitics"] or is_word(
        ann, deed.first - 1, "road_verb_joiners"
    ):
        # "وكانت الفصائل قد وصلت إلى الطريق ..., وقطعته", "reached the road ..., and cut it": a verb joined on
        # shares the sentence's subject
        opening = _candidates(ann, first, min(first + _OPENING_SUBJECT, deed.first - 1), road)
        if not opening and left > first:  # "إن القوات الأمنية أغلقت ...، كما نشرت": the clause before's subject
            opening = _candidates(ann, clause_start(ann, left - 1, first), left - 1, road)
        return opening[0].actor if opening else None
    return None


def _holder_pronoun(ann: Annotated, deed: Deed) -> bool:
    """The holder of a deed of holding is a pronoun ("under their control", "in its hands", "تحت سيطرتها"):
    the subject the sentence opened with."""
    if not deed.holder_after:
        return False
    return is_word(ann, deed.last + 1, "road_holder_pronouns") or is_word(ann, deed.last, "road_holder_pronouns")


def _checkpoint_holder(ann: Annotated, deed: Deed, cands: list[_Cand]) -> ActorMention | None:
    """Whose checkpoint on the road it is: named right before it ("an army checkpoint", "ISIS checkpoints"),
    right after it ("checkpoints of the army", "حاجز للجيش", "حواجز قوات النظام"), or the subject of a verb of
    setting it up or manning it ("Peshmerga fighters manned checkpoints", "أقام عناصر داعش حواجز"); never
    who attacked it ("Gunmen attacked an army checkpoint")."""
    for c in cands:
        if c.last == deed.first - 1 and not is_arabic(ann.word(deed.first)):
            return c.actor  # Arabic names the owner after the checkpoint: "هاجم مسلحون حاجزاً للجيش"
        if c.first > deed.last and all(is_word(ann, i, "road_checkpoint_links") for i in range(deed.last + 1, c.first)):
            return c.actor if c.first - deed.last <= _CHECKPOINT_LINKS else None
    verb = next((i for i in range(deed.first - 1, deed.first - 4, -1) if _checkpoint_verb(ann, i)), None)
    if verb is None:
        return None
    subject = [c for c in cands if c.last < verb and verb - c.last <= _SUBJECT_REACH]
    after = [c for c in cands if verb < c.first < deed.first]  # "أقام عناصر داعش حواجز": verb first
    return after[0].actor if after else subject[-1].actor if subject else None


def _checkpoint_verb(ann: Annotated, i: int) -> bool:
    """A verb of setting up or manning a checkpoint ends at token i ("set up", "manned", "أقامت")."""
    verbs = cues()["road_checkpoint_verbs"]
    return is_word(ann, i, "road_checkpoint_verbs") or f"{ann.word(i - 1)} {ann.word(i)}" in verbs


def _joined(ann: Annotated, c: _Cand, deed: Deed) -> bool:
    """The candidate is joined to the deed by a hyphen ("SDF-held", "government-controlled")."""
    return c.last == deed.first - 1 and ann.doc.text[ann.nt.orig_ends[c.last] : ann.nt.orig_starts[deed.first]] == "-"


def _aside_subject(ann: Annotated, left: int, first: int, road: Road) -> ActorMention | None:
    """The subject before an aside that ends right before the deed's clause: "The SDF, which the
    coalition backs, controls the road", "قوات سوريا الديمقراطية، التي تدعمها واشنطن، تسيطر على الطريق"."""
    opener = left - 1
    while opener > first and not ann.comma_before(opener):
        opener -= 1  # the aside's first word, after its opening comma
    if not (opener > first and is_word(ann, opener, "road_aside_openers")):
        return None
    start = clause_start(ann, opener - 1, first) if opener - 1 > first else first
    fake = Deed("", True, False, opener, opener)
    cands = [c for c in _candidates(ann, start, opener - 1, road) if not _backer(ann, c, fake, start)]
    return cands[-1].actor if cands else None


def _users(ann: Annotated, c: _Cand, deed: Deed) -> bool:
    """'closed to civilians', 'مغلقاً أمام المدنيين', 'opened to traffic': whom a road is shut or opened for,
    named right after the deed's word (an article between allowed), did not shut or open it."""
    if c.first - deed.last > 3 or deed.status not in cues()["road_users_after"]:
        return False
    return any(is_word(ann, i, "road_users_markers") for i in range(deed.last + 1, c.first))


def _speaks_of_itself(ann: Annotated, lo: int, hi: int) -> bool:
    """A pronoun of the speaker ("they", "it") among tokens lo..hi-1."""
    return any(ann.word(i) in event_cues()["speaker_pronouns"] for i in range(lo, hi))


def _passive(ann: Annotated, deed: Deed, before: list[_Cand], cands: list[_Cand]) -> bool:
    """'the road was closed', 'which was cut': an auxiliary before the deed with no subject of
    its own before it in the clause ('which ISIS has been using' is active; in "IS fighters control",
    "IS" names the group)."""
    aux = next((i for i in (deed.first - 1, deed.first - 2) if is_word(ann, i, "road_passive_aux")), None)
    if aux is None or any(c.first <= aux <= c.last for c in cands):
        return False
    return not any(c.last < aux for c in before)


def _antecedent(ann: Annotated, left: int, first: int, road: Road) -> ActorMention | None:
    """Who a relative clause that opens with the deed's clause speaks of: the one named right before its
    "who" / "which" / "الذين" ("IS fighters, who control the road from Raqqa")."""
    if left <= first or not is_word(ann, left, "road_aside_openers"):
        return None
    cands = [c for c in _candidates(ann, clause_start(ann, left - 1, first), left - 1, road) if c.last == left - 1]
    return cands[-1].actor if cands else None


def _main_subject(ann: Annotated, sub: int, first: int, road: Road) -> ActorMention | None:
    """'The SDF ... encircled the town after cutting the highway': the subject of the clause
    before 'after'."""
    start = clause_start(ann, sub - 1, first) if sub > first else first
    fake = Deed("", True, False, sub, sub)
    cands = [c for c in _candidates(ann, start, sub - 1, road) if not _backer(ann, c, fake, start)]
    return cands[-1].actor if cands else None


def _marked(ann: Annotated, tok: int) -> bool:
    """An agent marker ('by', 'من قبل') stands right before token tok (an article between allowed)."""
    s = ann.nt.orig_starts[max(0, tok - 3)]
    return any(
        tok - 2 <= m.tok_last < tok for m in ann.matches(lexicon("road_agent_markers"), s, ann.nt.orig_starts[tok])
    )


def _backer(ann: Annotated, c: _Cand, deed: Deed, left: int) -> bool:
    """The candidate is named after 'backed by' / 'بدعم من' on its side of the deed."""
    s = ann.nt.orig_starts[max(left, c.first - _SUPPORT_REACH - 3)]
    for m in ann.matches(lexicon("road_support_markers"), s, ann.nt.orig_starts[c.first]):
        if m.tok_last < c.first and c.first - m.tok_last <= _SUPPORT_REACH and not m.tok_last < deed.first < c.first:
            return True
    return False


def _candidates(ann: Annotated, left: int, right: int, road: Road) -> list[_Cand]:
    """Actors and references in tokens left..right, outside the road's own words."""
    if right < left:
        return []
    refs = _ref_spans(ann, left, right)
    acts = [a for a in ann.actors_in(left, right) if not (road.first <= a.tok_first <= road.last)]
    out = []
    state = cues()["state_actor_types"]
    for a in acts:
        kind = refs.get((a.tok_first, a.tok_last))
        if kind == STATE and a.actor_type in state:
            kind = None  # "government forces" the actors read as the text's own state's: not the last foreign force
        ref = a if kind is None else _referent(ann, a.tok_first, a.tok_last, kind) or _named_before(ann, a)
        out.append(_Cand(a.tok_first, a.tok_last, ref))
    taken = {t for a in acts for t in range(a.tok_first, a.tok_last + 1)}
    for (f, la), kind in refs.items():
        if not taken.intersection(range(f, la + 1)) and not road.first <= f <= road.last:
            ref = _referent(ann, f, la, kind) if kind < HOLDER else _holder(ann, f, la, kind)
            if ref is None and kind == STATE:  # "an army checkpoint", no army named just before: the country's
                ref = _home_state(ann, f, la)
            out.append(_Cand(f, la, ref))
    return sorted(out, key=lambda c: c.first)


def _named_before(ann: Annotated, a: ActorMention) -> ActorMention | None:
    """'الوحدات' with no force named in the sentences just before: the actor the text's anaphora read it as (the
    YPG), when the text named that actor before; not a guess from the country alone."""
    return a if any(b.actor_id == a.actor_id for b in ann.actors_in(0, a.tok_first - 1)) else None


def _ref_spans(ann: Annotated, first: int, last: int) -> dict[tuple[int, int], int]:
    """Tokens of each 'the forces' / 'the army' inside tokens first..last, and which kind of force it names
    (STATE, FORCE, or HOLDER + the index of a holder word, "rebel-held")."""
    lex = lexicon("road_state_refs", "road_force_refs")
    s, e = ann.nt.orig_starts[first], ann.nt.orig_ends[last]
    found = {(m.tok_first, m.tok_last): lex.payloads(m)[0] for m in ann.matches(lex, s, e) if m.tok_last <= last}
    words, _ = _holder_words()
    for m in ann.matches(words, s, e):
        if m.tok_last <= last:
            found.setdefault((m.tok_first, m.tok_last), HOLDER + words.payloads(m)[0])
    return found


@cache
def _holder_words() -> tuple[Lexicon, tuple[str, ...]]:
    """The words that name a holder only beside a deed ("rebel-held", "in opposition hands"), and their actors."""
    raw = load_json("roads.json")["road_holder_words"]
    return Lexicon.build((w, i) for i, w in enumerate(raw)), tuple(raw.values())


def _holder(ann: Annotated, f: int, la: int, kind: int) -> ActorMention | None:
    """The actor a holder word names ("rebel" -> the rebels), at its own words; "government": the forces of the
    state the text is about ("the army" of its country, as actors.csv lists it), else the state force named
    last before it."""
    actor_id = _holder_words()[1][kind - HOLDER]
    if actor_id:
        return _mention(ann, f, la, actor_by_id(actor_id))
    return _home_state(ann, f, la) or _referent(ann, f, la, STATE)


def _home_state(ann: Annotated, f: int, la: int) -> ActorMention | None:
    d = home_state(ann.country(), tuple(load_json("roads.json")["road_state_refs"]))
    return None if d is None else _mention(ann, f, la, d)


def _mention(ann: Annotated, f: int, la: int, d: ActorDef) -> ActorMention:
    return ActorMention(d.actor_id, d.name, d.actor_type, d.family, ann.nt.orig_starts[f], ann.nt.orig_ends[la], f, la)


def _referent(ann: Annotated, f: int, la: int, kind: int) -> ActorMention | None:
    """The force named last before a reference, in its sentence or the two before; written
    at the reference's own words."""
    start = ann.nt.orig_starts[f]
    idx = max(0, bisect.bisect_right(ann.sentences, start, key=_start) - 1 - _REF_SENTENCES)
    lo = ann.tok_at(ann.sentences[idx].start) if ann.sentences else 0
    if f <= lo:
        return None
    refs = _ref_spans(ann, lo, f - 1)
    civil = cues()["civilian_actor_types"] | cues()["crowd_actor_types"]  # "their forces" are no protesters
    state, unnamed = cues()["state_actor_types"], cues()["road_refs_not_for"]
    for a in reversed(ann.actors_in(lo, f - 1)):
        if (a.tok_first, a.tok_last) in refs or a.actor_type in civil or a.actor_id in unnamed:
            continue
        if aside(ann, a) and not _tells_own(ann, a, f):
            continue  # "القوات" is no name news give ISIS ("التنظيم", "the militants"), nor a backer ("بإسناد من")
        if kind == STATE and a.actor_type not in state:
            continue
        return replace(a, start=start, end=ann.nt.orig_ends[la], tok_first=f, tok_last=la)
    return None


def _tells_own(ann: Annotated, a: ActorMention, f: int) -> bool:
    """The source tells its own forces' deed: "police said their forces reopened", "قالت الشرطة إن قواتها"."""
    c = event_cues()
    between = range(a.tok_last + 1, f)
    return len(between) == 1 and bool(word_forms(ann.word(between[0])) & (c["speaker_verbs"] | c["report_that"]))


def _start(sentence: Span) -> int:
    return sentence.start
