"""Agent or patient: whether an actor mention names who suffered an event.

The victims of an event are its actor2, never its actor1 ("civilians" never
act). A mention is a victim when

* a word of death or harm stands before it ("killing 12 members of the regime
  forces", "casualties among ISIS", "مقتل ثلاثة عناصر من قوات النظام");
* a verb of killing stands before it with a count between ("killed 5 SDF
  fighters", "قتل 3 جنود من الجيش العراقي"): without the count an Arabic
  verb-first clause names its agent ("قتلت قوات النظام ...");
* a verb of killing follows it as a passive ("soldiers were killed", "ten
  Iraqi soldiers killed in ...", "عناصر من التنظيم قتلوا"), not as the active
  verb of a count ("ISIS killed 5 civilians").

The words are lists of `data/event_cues.json` (victim_nouns, victim_verbs,
passive_aux, object_starts, victim_links: "82 were killed, including 12 members
of the regime forces").
"""

from __future__ import annotations

from extract.annotated import Annotated
from extract.lexicons import event_cues
from extract.numbers import counts_in, number_at
from extract.types import ActorMention, Span
from extract.wordforms import word_forms
from geodata.names import is_arabic, normalize_name

_REACH = 5  # tokens looked at before a mention


def _counted_between(ann: Annotated, first: int, last: int) -> bool:
    """A number (not a date's: "On July 19, coalition jets killed") or a count stands among
    tokens first..last."""
    if first > last:
        return False
    if counts_in(ann.nt, first, last):
        return True
    numbers = [i for i in range(first, last + 1) if number_at(ann.nt, i)]
    if not numbers:
        return False
    dated = ann.dates_in(Span(ann.nt.orig_starts[first], ann.nt.orig_ends[last]))
    return any(not any(d.span and d.span.start <= ann.nt.orig_starts[i] < d.span.end for d in dated) for i in numbers)


def _harm_before(ann: Annotated, a: ActorMention, others: list[ActorMention], first: int) -> bool:
    lo = max(first, a.tok_first - _REACH)
    lo = max([lo, *(o.tok_last + 1 for o in others if o.tok_last < a.tok_first)])
    nouns, verbs, links = event_cues()["victim_nouns"], event_cues()["victim_verbs"], event_cues()["victim_links"]
    i = a.tok_first if word_forms(ann.word(a.tok_first)) & event_cues()["attack_nouns_ar"] else a.tok_first - 1
    while i >= lo:
        forms = word_forms(ann.word(i))
        if forms & event_cues()["attack_nouns_ar"]:
            return False  # "قتل مدنيان بغارة روسية", "في قصف لقوات النظام": the attack's owner, after it
        if forms & nouns:
            return True
        if forms & verbs:
            return _counted_between(ann, i + 1, a.tok_first - 1) or _passive_cause_after(ann, a, i)
        if forms & links:  # "82 were killed, including 12 members of": the dead go on
            lo = max(first, i - _REACH)
            lo = max([lo, *(o.tok_last + 1 for o in others if o.tok_last < i)])
            return any(word_forms(ann.word(j)) & (nouns | verbs) for j in range(lo, i))
        i -= 1
    return False


def _teller(ann: Annotated, a: ActorMention) -> bool:
    """A verb of saying right after the mention, in its sentence ("..., police said"; not the next sentence's
    "وقالت", nor a headline's "Kills 18 Including 10 Children Reports")."""
    nxt = a.tok_last + 1
    if nxt >= len(ann.nt.tokens) or not word_forms(ann.word(nxt)) & event_cues()["speaker_verbs"]:
        return False
    start = ann.nt.orig_starts[nxt]
    return ann.doc.text[a.end : start] == " " and not ann.doc.text[start].isupper()


def _passive_cause_after(ann: Annotated, a: ActorMention, verb: int) -> bool:
    """'قتل مسلحو داعش في قصف', 'قتل عناصر من التنظيم جراء غارة': the Arabic killing verb before its subject
    was a passive when a cause or a place follows the subject, not an object."""
    if not is_arabic(ann.word(verb)):
        return False
    return bool(word_forms(ann.word(a.tok_last + 1)) & event_cues()["passive_causes_ar"])


def _past_dates(ann: Annotated, t: int, last: int) -> int:
    """The first token from t on that is no word of a date told there ("الأربعاء الماضي", "on Friday")."""
    if t > last:
        return t
    spans = [d.span for d in ann.dates_in(Span(ann.nt.orig_starts[t], ann.nt.orig_ends[last])) if d.span]

    def dated(k: int) -> bool:
        return k <= last and any(s.start <= ann.nt.orig_starts[k] < s.end for s in spans)

    fillers = event_cues()["date_fillers"]  # "on Wednesday", "الأربعاء الماضي"
    while t <= last and (dated(t) or (ann.word(t) in fillers and (dated(t + 1) or dated(t - 1)))):
        t += 1
    return t


def _passive_after(ann: Annotated, a: ActorMention, last: int) -> bool:
    aux, verbs = event_cues()["passive_aux"], event_cues()["victim_verbs"]
    i, skipped, limit = a.tok_last + 1, False, a.tok_last + 3
    while i <= min(last, a.tok_last + 2) and word_forms(ann.word(i)) & event_cues()["victim_heads"]:
        i += 1  # "ISIS commander killed", "two ISIS fighters were killed"
    if i <= last and word_forms(ann.word(i)) & event_cues()["victim_links"]:
        # "15 of ISIS including a commander were killed": the aside, then the passive
        aux_at = next((j for j in range(i + 1, min(last, i + 4) + 1) if ann.word(j) in aux), None)
        i, limit = (aux_at, aux_at + 2) if aux_at is not None else (i, limit)
    while i <= last and i <= limit and ann.word(i) in aux:  # "were (reportedly) killed", "have been killed";
        i, skipped = (
            i + 1,
            skipped or ann.word(i) in event_cues()["passive_be"],
        )  # not "has killed" nor "reportedly killed"
    if i <= last and skipped and word_forms(ann.word(i)) & event_cues()["victim_links"]:
        # "eight ISIS fighters were among the dead"
        return any(word_forms(ann.word(j)) & event_cues()["dead_nouns"] for j in range(i + 1, min(last, i + 2) + 1))
    if i <= last and skipped and word_forms(ann.word(i)) & event_cues()["passive_harm_verbs"]:
        return True  # "a UN convoy was shelled", "SDF positions were targeted"
    if i > last or not word_forms(ann.word(i)) & verbs:
        return False
    if skipped or _counted_between(ann, max(0, a.tok_first - 2), a.tok_first - 1):
        return True  # "were killed", "10 Iraqi soldiers killed"
    nxt = _past_dates(ann, i + 1, last)  # "التنظيم أعدم الأربعاء الماضي أكثر من أربعين": the day, then the dead
    if nxt > last:
        return True  # "... soldiers killed" at the end of a headline
    # "ISIS killed 5 civilians", "ISIS killed the pilot": an active verb with its object
    objects = event_cues()["object_starts"]
    quantities = event_cues()["object_quantities"]  # "Islamic State fighters killed at least 130 guards"
    counted = ann.word(nxt) in quantities or normalize_name(f"{ann.word(nxt)} {ann.word(nxt + 1)}") in quantities
    return not (
        number_at(ann.nt, nxt) or counted or ann.word(nxt) in objects or bool(ann.actors_in(nxt, min(last, nxt + 2)))
    )


def is_victim(ann: Annotated, a: ActorMention, others: list[ActorMention], clause: tuple[int, int]) -> bool:
    """Whether mention `a` (among `others` of its clause, tokens `clause`) suffered; not who tells it
    ("killing three people and wounding nine, police said")."""
    if _teller(ann, a):
        return False
    return _harm_before(ann, a, others, clause[0]) or _passive_after(ann, a, clause[1])
