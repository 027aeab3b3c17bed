"""Who did it (actor1) and to whom (actor2), around an event's trigger.

The agent is marked ("by", "من قبل"), holds the trigger ("coalition air
strikes"), stands before it (not behind a subordinator: "after", "بعد"), or
follows an Arabic verb ("قصفت قوات النظام"); the target is marked ("on",
"against", "على مواقع") or follows. Victims (`extract/roles.py`) and civilians
are never the agent; a backer ("U.S.-backed", "بدعم من") and a source
("according to the UN", "بحسب") are neither.
"""

from __future__ import annotations

from functools import cache

from extract.annotated import Annotated
from extract.context import rules
from extract.datafiles import load_json
from extract.lexicons import TriggerDef, cues, event_cues
from extract.roles import is_victim
from extract.types import VIOLENT_TYPES, ActorMention
from extract.wordforms import owned, proclitic, word_forms
from geodata.names import is_arabic, normalize_name

_AFFILIATION_REACH = 3  # words from an unnamed attacker to the group it is of ("gunmen belonging to ISIS")


def _near_marker(ann: Annotated, a: ActorMention, key: str, reach: int = 2) -> bool:
    """A marker word at most `reach` words before the mention, not inside the actor named just before
    it ("بين القوات **الموالية** للنظام وداعش": ISIS is no backer), nor the end of a compound that
    qualifies the mention ("the Kurdish**-led** Syrian Democratic Forces" act themselves)."""
    want = event_cues()[key]
    lo = max(0, a.tok_first - reach)
    lo = max([lo, *(b.tok_last + 1 for b in ann.actors_in(max(0, lo - 12), a.tok_first - 1) if b.tok_last >= lo)])
    text, starts = ann.doc.text, ann.nt.orig_starts
    return any(
        word_forms(ann.word(i)) & want and not (i and text[starts[i] - 1] == "-") for i in range(lo, a.tok_first)
    )


def aside(ann: Annotated, a: ActorMention) -> bool:
    """A backer or a source ("U.S.-backed", "بدعم من", "according to the UN"): it acts only when it holds
    the trigger. Asked once per mention: every trigger of its sentence asks."""
    seen, key = ann.memo("aside"), (a.tok_first, a.tok_last)
    got = seen.get(key)
    if got is None:
        got = seen[key] = (
            _near_marker(ann, a, "support_markers")
            or _backer(ann, a)
            or _near_marker(ann, a, "source_before")
            or _disguised(ann, a)
        )
    return bool(got)


def _disguised(ann: Annotated, a: ActorMention) -> bool:
    """The doers wore the actor's uniform: "ارتدوا زي الوحدات الكردية وفصائل الجيش الحر" (both), "dressed as
    soldiers", "in a Peshmerga uniform"."""
    if (
        _near_marker(ann, a, "disguise_markers", reach=3)  # "dressed as a police officer"
        or word_forms(ann.word(a.tok_last + 1)) & event_cues()["disguise_after"]
    ):
        return True
    before = ann.actors_in(max(0, a.tok_first - 12), a.tok_first - 1)
    return bool(before) and _listed(ann, before[-1], a) and _disguised(ann, before[-1])


def _backer(ann: Annotated, a: ActorMention) -> bool:
    """'U.S.-backed forces', 'Turkish-led': the actor behind the one acting (not "forces,
    backed by ...", which act)."""
    nxt = a.tok_last + 1
    if nxt >= len(ann.nt.orig_starts) or ann.doc.text[a.end : ann.nt.orig_starts[nxt]].lstrip(".") not in ("-", ""):
        return False
    return bool(word_forms(ann.word(nxt)) & event_cues()["backer_after"])


def _right_after(ann: Annotated, t1: int, a: ActorMention) -> bool:
    """The mention follows the trigger at once, or after head nouns only ("سيطر مسلحو تنظيم ..."), or after
    head nouns and "من" ("هاجم مسلحون من داعش": gunmen of ISIS)."""
    heads = event_cues()["agent_heads"]
    gap = range(t1 + 1, a.tok_first)
    if _of_heads(ann, t1, a):
        gap = range(t1 + 1, a.tok_first - 1)
    return all(word_forms(ann.word(i)) & heads for i in gap) and a.tok_first - t1 <= 4


def _of_heads(ann: Annotated, t1: int, a: ActorMention) -> bool:
    """'مسلحون من داعش': "من" between head nouns after the trigger and the mention makes them its members."""
    before = a.tok_first - 1
    return (
        before - 1 > t1
        and ann.word(before) in event_cues()["source_markers"]
        and bool(word_forms(ann.word(before - 1)) & event_cues()["agent_heads"])
    )


def event_actors(
    ann: Annotated, first: int, last: int, t: tuple[int, int], *, trig: TriggerDef
) -> tuple[ActorMention | None, ActorMention | None]:
    """actor1 (who acts) and actor2 (who it is done to) around trigger tokens t."""
    t0, t1 = t
    acts = [a for a in ann.actors_in(first, last) if a.tok_first <= t0 <= a.tok_last or not aside(ann, a)]
    if not acts:
        return None, None  # no one named: every rule below reads the actors
    between = next((i for i in range(t1 + 1, last + 1) if ann.word(i) in event_cues()["between"]), None)
    if trig.sub_event_type == "Agreement" or between is not None:
        # "X and Y signed an agreement", "اشتباكات بين البيشمركة وداعش", "clashes erupt in the desert
        # between the regime forces against ISIS": both sides, in order
        sides = [a for a in acts if a.tok_first > between] if between is not None else acts
        distinct = list({a.actor_id: a for a in reversed(sides)}.values())[::-1]
        if len(distinct) >= 2:
            return distinct[0], distinct[1]
    killed, victims = _sufferers(ann, acts, first, last, t0)
    unarmed = event_cues()["unarmed_actors"] if trig.event_type in VIOLENT_TYPES else frozenset()
    able = [a for a in acts if a not in victims and a.actor_id not in unarmed]
    taking = trig.takes_ground
    marked = [
        a
        for a in able
        if (_marked(ann, a) and not _resumes_another(ann, a, t0, t1))
        or (taking and a.tok_first > t1 and _taker(ann, a))
    ]
    holding = [a for a in able if a.tok_first <= t0 <= a.tok_last]  # "coalition air strikes"
    before = _before(ann, able, first, t0, trig)
    after = [a for a in acts if a.tok_first > t1 and a not in marked and not _says(ann, a, t1)]
    agent = next(iter(marked or holding or _first_of_list(ann, before)[-1:]), None)
    if agent is None and trig.event_type == "Battles":
        sides = list({a.actor_id: a for a in reversed(killed)}.values())[::-1]
        if len(sides) >= 2:
            return sides[0], sides[1]  # "casualties of the regime forces and ISIS in clashes"
    if agent is not None and agent.actor_id in event_cues()["placeholder_actors"]:
        agent = _named_instead(ann, agent, able, before + marked)
    if (
        agent is None
        and after
        and after[0] not in victims
        and _right_after(ann, t1, after[0])
        and is_arabic(ann.word(t0))
        and (ann.word(after[0].tok_first - 1) not in event_cues()["source_markers"] or _of_heads(ann, t1, after[0]))
    ):
        # Arabic verb first ("قصفت قوات النظام") or the strikes' owner ("غارة لمقاتلات التحالف")
        agent, after = after[0], [a for a in after[1:] if not _listed(ann, after[0], a)]
        if agent.actor_id in event_cues()["placeholder_actors"]:  # "هاجم مسلحون ينتمون إلى داعش"
            named = _named_instead(ann, agent, able, [])
            agent, after = named, [a for a in after if a.actor_id != named.actor_id]
    agent_id = agent.actor_id if agent else ""
    targets = [a for a in after if a.actor_id != agent_id]
    marked_targets = [a for a in targets if _near_marker(ann, a, "target_markers")]
    suffered = [a for a in killed if a.actor_id != agent_id]
    if agent is None and suffered and targets and targets[0] not in victims:
        # "five ISIS fighters were killed in clashes with the Iraqi army": the army acted
        return targets[0], suffered[0]
    if agent is not None and agent in marked and not (marked_targets or targets or suffered):
        # "members of the regime forces were killed in an ambush by ISIS": a passive's subject suffered
        suffered = [a for a in acts if a.tok_last < t0 and a.actor_id != agent_id]
    return agent, next(iter(marked_targets or targets or suffered), None)


def _before(ann: Annotated, able: list[ActorMention], first: int, t0: int, trig: TriggerDef) -> list[ActorMention]:
    """The subjects that may have done the deed of trigger token t0, before it: not behind a subordinator
    ("after …"; not "before dawn"), unless the deed shares the main clause's subject."""
    times = event_cues()["time_nouns"]
    subordinate = [
        s
        for s in ann.words_in(first, t0 - 1, "subordinators", event_cues()["subordinators"])
        if not word_forms(ann.word(s + 1)) & times  # "before dawn Monday": a time, no clause
    ]
    if subordinate and _subject_shared(ann, subordinate[-1], t0, trig):
        subordinate = []
    before = [
        a
        for a in able
        if a.tok_last < t0 and not (subordinate and a.tok_last < subordinate[-1]) and not _speaker(ann, a, t0)
    ]
    if subordinate and _joined_on(ann, t0):
        # "Iraqi troops entered Kirkuk after Peshmerga units withdrew ..., and took over the governor's office":
        # a verb joined on after the subordinate clause is the main clause's, and its subject's
        before = [a for a in able if a.tok_last < subordinate[0] and not _speaker(ann, a, t0)][:1]
    return [a for a in _subjects(ann, before) if not _object_of_verb(ann, a, first)]


@cache
def _affiliates() -> frozenset[str]:
    return frozenset(load_json("event_cues.json")["government_affiliates"])


_QUOTE_ENDS = frozenset('"”»')
_THAT_REACH = 5  # words from an Arabic speaker to its "that" ("أعلنت القيادة في بيان أن")


def quoted_state(ann: Annotated, end: int, a: ActorMention | None) -> bool:
    """A state's force named after the quotation that tells a deed ending at character `end`: who says it,
    not whom it befell."""
    return state_side(a) and a is not None and bool(_QUOTE_ENDS.intersection(ann.doc.text[end : a.start]))


def state_side(a: ActorMention | None) -> bool:
    """A state's force (cues.json `state_actor_types`) or a militia fighting for a government
    (event_cues.json `government_affiliates`: the PMF): what it takes, a government regains (ACLED)."""
    return a is not None and (a.actor_type in cues()["state_actor_types"] or a.actor_id in _affiliates())


def _subject_shared(ann: Annotated, s: int, t0: int, trig: TriggerDef) -> bool:
    """A deed after a subordinator (token s) that has no subject of its own is the main clause's subject's:
    a taking told by a gerund or a verbal noun owned by a pronoun right after it ("took the highway after
    capturing Saraqeb", "بعد سيطرتها على سراقب"; not "after fighting between them", "after killing 325"), or
    a fight with someone ("after clashes with rebels", "بعد معارك عنيفة مع الفصائل")."""
    if t0 == s + 1 and trig.takes_ground:
        word = ann.doc.text[ann.nt.orig_starts[t0] : ann.nt.orig_ends[t0]]
        if word.endswith("ing") if not is_arabic(word) else owned(word):
            return True
    markers = event_cues()["counterpart_markers"]
    return trig.event_type == "Battles" and t0 - s <= 2 and any(ann.word(i) in markers for i in (t0 + 1, t0 + 2))


def _joined_on(ann: Annotated, t0: int) -> bool:
    """The trigger is a verb joined on after a comma: "..., and took over", "، وسيطرت على"."""
    k = t0 - 1 if ann.word(t0 - 1) in event_cues()["verb_joiners"] else t0
    if k <= 0 or (k == t0 and proclitic(ann.word(t0)) not in event_cues()["verb_joiners"]):
        return False
    return bool(set(ann.doc.text[ann.nt.orig_ends[k - 1] : ann.nt.orig_starts[k]]) & {",", "،"})


def _subjects(ann: Annotated, before: list[ActorMention]) -> list[ActorMention]:
    """The actors before the trigger without those inside a phrase of another one ("Islamic State
    militants **in** Iraqi army outfit kill"): an actor after "in" / "with" is not the subject when
    one stands before it."""
    oblique = event_cues()["oblique_before"]
    return [a for k, a in enumerate(before) if not (k and ann.word(a.tok_first - 1) in oblique)]


def _object_of_verb(ann: Annotated, a: ActorMention, first: int) -> bool:
    """'targets a column of the International Coalition and the SDF': an English actor after a verb
    of attack (at most five words before, no other actor between) is its object."""
    verbs = event_cues()["object_verbs"]
    for i in range(a.tok_first - 1, max(first, a.tok_first - 6) - 1, -1):
        w = ann.word(i)
        ending = [b for b in ann.actors_in(max(0, i - 8), i) if b.tok_last == i]
        if ending:  # "... the International Coalition and the SDF": one object with the first
            return _listed(ann, ending[0], a) and _object_of_verb(ann, ending[0], first)
        if is_arabic(w) or ann.actors_in(i, i):
            return False
        if w in verbs:
            return True
    return False


def _taker(ann: Annotated, a: ActorMention) -> bool:
    """'Ramadi fell to ISIS', 'the fall of Ramadi to the Islamic State': who a place passes to took it."""
    before = a.tok_first - 1
    if ann.word(before) in event_cues()["agent_articles"]:
        before -= 1
    return ann.word(before) in event_cues()["taker_markers"]


def _resumes_another(ann: Annotated, a: ActorMention, t0: int, t1: int) -> bool:
    """The marker before the actor says who did the deed named right before it ("ضربات **نفذتها** طائرات
    التحالف"), and that deed is not the trigger's (tokens t0..t1): "سيطرت الوحدات على تل أبيض، ترافقت مع ضربات
    نفذتها طائرات التحالف" names the coalition for the strikes only."""
    marker = a.tok_first - 1
    if ann.word(marker) in event_cues()["agent_articles"]:
        marker -= 1
    if ann.word(marker) not in event_cues()["resumptive_agent_markers"]:
        return False
    deed = marker - 2 if ann.word(marker - 1) in event_cues()["relatives"] else marker - 1  # "الغارات التي نفذتها"
    return not t0 <= deed <= t1


def _marked(ann: Annotated, a: ActorMention) -> bool:
    """'by ISIS', 'by the Turkish warplanes', 'من قبل داعش': an agent marker before the mention, not after a
    participle of holding ("run by"); "belonging to" only after a word of what attackers are ("طائرات
    تابعة"), not of what they hit ("مقر تابع")."""
    before = a.tok_first - 1
    if ann.word(before) in event_cues()["agent_articles"]:  # "by **the** Turkish warplanes"
        before -= 1
    if ann.word(before) not in event_cues()["agent_markers"]:
        return False
    if word_forms(ann.word(before - 1)) & event_cues()["owner_participles"]:
        return False  # "a jail run by Kurdish-led forces", "the town held by ISIS": whose it is, not who did it
    # "طائرات تابعة للتحالف" acts, but "مقر أمني تابع للفصائل" is what the attack hit
    return ann.word(before) not in event_cues()["belonging_markers"] or not any(
        word_forms(ann.word(i)) & event_cues()["belonging_targets"] for i in range(max(0, before - 2), before)
    )


def _sufferers(
    ann: Annotated, acts: list[ActorMention], first: int, last: int, t0: int
) -> tuple[list[ActorMention], list[ActorMention]]:
    """Those who suffered (killed, wounded, attacked) and, with them, the civilians: never actor1."""
    seen, key = ann.memo("killed"), (first, last, tuple(a.tok_first for a in acts))  # no dataclass hashed
    if key not in seen:  # the same for every trigger of the clause or sentence
        seen[key] = _with_listed(ann, [a for a in acts if is_victim(ann, a, acts, (first, last))], acts)
    killed: list[ActorMention] = seen[key]
    # "the army came under attack", "تعرض الجيش لهجوم" (the Arabic verb before its subject)
    exposed = [a for a in acts if a.tok_last < t0 and exposed_before(ann, max(first, a.tok_first - 2), t0)]
    civilian = cues()["civilian_actor_types"]
    victims = [a for a in acts if a.actor_type in civilian or a in killed or a in exposed]
    return sorted({*killed, *exposed}, key=lambda a: a.tok_first), victims


def exposed_before(ann: Annotated, lo: int, hi: int) -> bool:
    """A word of suffering among tokens lo..hi-1: "came under", "was subjected to", "تعرض"."""
    if ann.words_in(lo, hi - 1, "exposure_words", event_cues()["exposure_words"]):
        return True
    pairs = event_cues()["exposure_pairs"]
    ends = frozenset(p.split()[-1] for p in pairs)  # "came under": "under", then the word before it
    return any(f"{ann.word(i - 1)} {ann.word(i)}" in pairs for i in ann.words_in(lo, hi - 1, "exposure_ends", ends))


def _with_listed(ann: Annotated, killed: list[ActorMention], acts: list[ActorMention]) -> list[ActorMention]:
    """The victims and those listed with them ("casualties of the regime forces, allies, and ISIS
    members"), in text order."""
    out = list(killed)
    for a in acts:
        if a not in out and any(_listed(ann, k, a) for k in out if k.tok_last < a.tok_first):
            out.append(a)
    return sorted(out, key=lambda a: a.tok_first)


def _speaker(ann: Annotated, a: ActorMention, t0: int) -> bool:
    """'The United Nations said hundreds of women had been abducted': who reports a deed told after
    a verb of saying is not its agent, unless the report goes on with "they" / "it" ("the SDF said
    they had taken Raqqa")."""
    verbs = event_cues()["speaker_verbs"]
    said = next((i for i in range(a.tok_last + 1, t0) if word_forms(ann.word(i)) & verbs), None)
    if said is None:
        return _speaker_before(ann, a, t0)
    nxt = said + 1
    while nxt < t0 and ann.word(nxt) in event_cues()["speaker_fillers"]:
        nxt += 1
    return ann.word(nxt) not in event_cues()["speaker_pronouns"]


def _says(ann: Annotated, a: ActorMention, t1: int) -> bool:
    """The actor is a source named with its verb of saying ("..., residents said", "، قال السكان"): no side of
    the deed (the speaker after a quotation is read by `quoted_state`)."""
    c = event_cues()
    said = word_forms(ann.word(a.tok_last + 1)) & c["speaker_verbs"]
    if not (said or (word_forms(ann.word(a.tok_first - 1)) & c["speaker_verbs_before"] and a.tok_first - 1 > t1)):
        return False
    return not _QUOTE_ENDS.intersection(ann.doc.text[ann.nt.orig_ends[t1] : a.start])


def _speaker_before(ann: Annotated, a: ActorMention, t0: int) -> bool:
    """'قال الجيش العراقي إن 22 صاروخاً سقطت': an Arabic verb of saying before the speaker, "that" after it;
    not when the report goes on with its own ("أعلن التحالف أن طائراته نفذت ثلاث غارات": its planes, its deed)."""
    c = event_cues()
    after = range(a.tok_last + 1, min(t0, a.tok_last + _THAT_REACH))
    that = next((i for i in after if word_forms(ann.word(i)) & c["report_that"]), None)
    if that is None or ann.word(that + 1) in c["speaker_pronouns"] or owned(ann.word(that + 1)):
        return False
    return any(word_forms(ann.word(i)) & c["speaker_verbs_before"] for i in range(max(0, a.tok_first - 2), a.tok_first))


def _first_of_list(ann: Annotated, before: list[ActorMention]) -> list[ActorMention]:
    """The actors before the trigger with a list of them ("warplanes of the Syrian regime and the
    Russian guarantor") cut to its first: ACLED's actor1 is the first named."""
    out = list(before)
    while len(out) >= 2 and _listed(ann, out[-2], out[-1]):
        out.pop()
    return out


def _listed(ann: Annotated, a: ActorMention, b: ActorMention) -> bool:
    between = [ann.word(i) for i in range(a.tok_last + 1, b.tok_first)]
    joiners, fillers = event_cues()["list_joiners"], event_cues()["list_words"]
    gap = ann.doc.text[a.end : b.start]
    joined = "," in gap or "،" in gap or ann.doc.text[b.start - 1 : b.start] == "و"
    return all(w in joiners or w in fillers for w in between) and (joined or any(w in joiners for w in between))


def _named_instead(
    ann: Annotated, placeholder: ActorMention, able: list[ActorMention], earlier: list[ActorMention]
) -> ActorMention:
    """'An ISIS suicide bomber', 'انتحاري من داعش', 'gunmen from the group', 'مسلحون ينتمون إلى تنظيم داعش': the
    named actor of an unnamed attacker, when the clause gives one before it or joined right after it."""
    named = [a for a in able if a.actor_id not in event_cues()["placeholder_actors"]]
    nxt = ann.word(placeholder.tok_last + 1)
    linked = nxt in event_cues()["source_markers"] or nxt in event_cues()["affiliation_words"]
    joined = [a for a in named if 0 < a.tok_first - placeholder.tok_last <= _AFFILIATION_REACH and linked]
    before = [a for a in named if a in earlier and a.tok_last < placeholder.tok_first]
    return next(iter(joined or before[-1:]), placeholder)


def one_side(ann: Annotated, a: ActorMention, b: ActorMention) -> bool:
    """The same actor, or one named by its family's own name ("Syrian rebels") right beside a group of it
    ("فصائل من الجيش السوري الحر"; not "clashes between the rebels and Nusra", nor two listed as two:
    "بين هيئة تحرير الشام وحركة أحرار الشام")."""
    beside = 0 < b.tok_first - a.tok_last <= 2 or 0 < a.tok_first - b.tok_last <= 2
    generic = a.name == a.family or b.name == b.family
    if a.actor_id == b.actor_id:
        return True
    return beside and a.family == b.family and generic and not _listed_apart(ann, a, b)


def _listed_apart(ann: Annotated, a: ActorMention, b: ActorMention) -> bool:
    """Only a conjunction stands between the two names ("X and Y", "X وY"): they are two sides."""
    first, second = (a, b) if a.start < b.start else (b, a)
    return normalize_name(ann.doc.text[first.end : second.start].strip()) in rules().conjunctions
