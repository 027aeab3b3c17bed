"""Actor mentions: canonical actors from `data/actors.csv`, in both languages.

"التنظيم" / "the group" refer back to an actor that lists them as anaphora
(ISIS), and only once that actor has been named; when several actors list the
word ("the army", "القوات"), to the one named last before it. Named by no one
before, "the army" / "government troops" are the forces of the country the
text is about (the actor whose `country` it is), when one actor is. A word that
names an unknown hand (`stand_in_actors`: "a suicide bomber", "انتحاري") is the
group that lists it as anaphora when the text has named one before (ISIS,
al-Nusra), and stays unknown otherwise.
"""

from __future__ import annotations

import re
from functools import cache

from extract.lexicons import ActorDef, actor_matches, actors, cues
from extract.matching import Match
from extract.shared_heads import shared_head_actors
from extract.types import ActorMention
from geodata.names import NormText, normalize_name


def actors_in(text: str, nt: NormText, country: str = "") -> list[ActorMention]:
    """Every actor mention, named or referred back to, in text order; `country` is the ISO code
    of the country the text is about."""
    defs, lex, ana = actors()
    found = []
    for m in actor_matches(text, nt):
        d = defs[lex.payloads(m)[0]]
        found.append(ActorMention(d.actor_id, d.name, d.actor_type, d.family, m.start, m.end, m.tok_first, m.tok_last))
    found += shared_head_actors(nt, found, _by_id())
    found = _without_asides(found, text)
    referring = ana.find(text, nt)
    if not referring:  # no word that refers back: the named mentions alone
        return sorted(found, key=lambda a: a.start)
    named = sorted(found, key=lambda a: a.start)
    taken = {t: a for a in named for t in range(a.tok_first, a.tok_last + 1)}
    stand_ins = cues()["stand_in_actors"]
    for m in referring:
        over = {taken[t] for t in range(m.tok_first, m.tok_last + 1) if t in taken}
        if any(a.actor_id not in stand_ins for a in over):
            continue
        if (head := taken.get(m.tok_last + 1)) is not None and not text[m.end : head.start].strip():
            continue  # "قطعات الشرطة الاتحادية": the head noun of the name after it, no force of its own
        if _attributive(text, nt, m) or _in_a_name(text, nt, m):
            continue
        listing = {defs[idx].actor_id: defs[idx] for idx in ana.payloads(m)}
        earlier = [a for a in named if a.actor_id in listing and a.start < m.start]
        home = [h for h in listing.values() if country and h.country == country]
        ref = listing[earlier[-1].actor_id] if earlier else (home[0] if len(home) == 1 else None)
        if ref is None and _cataphoric(text, m):
            ref = _named_next(m, named, listing)
        if ref is not None and over:  # "انتحاري" after ISIS was named: no longer an unknown hand
            found = [a for a in found if a not in over]
        if ref is not None:
            found.append(
                ActorMention(
                    ref.actor_id, ref.name, ref.actor_type, ref.family, m.start, m.end, m.tok_first, m.tok_last
                )
            )
    return sorted(found, key=lambda a: a.start)


def _attributive(text: str, nt: NormText, m: Match) -> bool:
    """A word of force that qualifies the English noun after it ("a police source said", "a police colonel",
    `attributive_heads`; "a police station" attacked is the police's) or names a headline's source after a
    colon or a dash ("Baghdad blasts kill 10: police", "Bomber kills 37 -police officers"): no force of its own."""
    if m.tok_last + 1 < len(nt.tokens) and nt.tokens[m.tok_last + 1] in cues()["attributive_heads"]:
        return True
    line_end = text.find("\n", m.end)
    rest = text[m.end : len(text) if line_end < 0 else line_end]
    ended = rest.lstrip()[:1] in ("", ".", ",", ";")
    return text[max(0, m.start - 2) : m.start].strip() in (":", "-") and (ended or len(rest) <= _SOURCE_TAIL)


def _in_a_name(text: str, nt: NormText, m: Match) -> bool:
    """A capitalised word of force right after a capitalised word: the end of a name ("the Khalid ibn al-Walid
    Army", "Al-Nasr Army"), no force the text refers back to."""
    if not text[m.start : m.start + 1].isupper() or m.tok_first == 0:
        return False
    prev = text[nt.orig_starts[m.tok_first - 1] : nt.orig_ends[m.tok_first - 1]]
    gap = text[nt.orig_ends[m.tok_first - 1] : m.start]
    return prev.split("-")[-1][:1].isupper() and prev.isascii() and gap.strip() in ("", "-")


def _named_next(m: Match, named: list[ActorMention], listing: dict[str, ActorDef]) -> ActorDef | None:
    """A word that may name a group before it is named (`cataphoric_actors`): the one the next sentences
    name ("Jihadists and allied rebels have recaptured the town. Fighters led by Hayat Tahrir al-Sham ...":
    HTS), within a few sentences' reach; when the text names none of the groups it may mean, the first
    that lists it ("Iraq soldiers die battling jihadists": ISIS)."""
    later = [a for a in named if a.actor_id in listing and m.end < a.start <= m.end + _CATAPHORA_REACH]
    if later:
        return listing[later[0].actor_id]
    return None if any(a.actor_id in listing for a in named) else next(iter(listing.values()))


def _cataphoric(text: str, m: Match) -> bool:
    """A word of `cataphoric_actors`, not the head of another organisation's name ("the Organisation for the
    Prohibition of Chemical Weapons")."""
    if normalize_name(text[m.start : m.end]) not in cues()["cataphoric_actors"]:
        return False
    return _NAME_GOES_ON.match(text, m.end) is None


_SOURCE_TAIL = 40  # characters after a headline's source to the line's end ("-police, medics"; not a dateline)
_NAME_GOES_ON = re.compile(r"\s+(?:for|of)\s+\S", re.IGNORECASE)
_CATAPHORA_REACH = 600  # characters: a headline and its lede, or a lede and the sentence after it
_ASIDE = re.compile(r"\s*[(\[][^()\[\]]{0,60}")  # from a mention's end to the next one, in brackets
_CLOSE = re.compile(r"[^()\[\]]{0,40}[)\]]")


def _without_asides(found: list[ActorMention], text: str) -> list[ActorMention]:
    """'the Nusra Front (Syrian branch of al-Qaeda)', 'جبهة النصرة (فرع تنظيم القاعدة في سوريا)': a mention
    of another actor in brackets right after one describes it and is no actor of its own (the same actor's
    short name stays: "the U.S.-backed Syrian Democratic Forces (SDF) said", where the sentence reads it)."""
    ordered = sorted(found, key=lambda a: a.start)
    return [a for k, a in enumerate(ordered) if not (k and _aside(ordered[k - 1], a, text))]


def _aside(before: ActorMention, a: ActorMention, text: str) -> bool:
    return (
        a.actor_id != before.actor_id
        and _ASIDE.fullmatch(text[before.end : a.start]) is not None
        and _CLOSE.match(text, a.end) is not None
    )


def theatres(text: str, nt: NormText) -> frozenset[str]:
    """The countries the actors a text names fight in (`theatre` of actors.csv: "regime forces", "SDF" ->
    Syria; "Peshmerga", "PMF" -> Iraq): a report that names no country is about theirs."""
    defs, lex, _ = actors()
    return frozenset(d.theatre for m in actor_matches(text, nt) if (d := defs[lex.payloads(m)[0]]).theatre)


@cache
def _by_id() -> dict[str, ActorDef]:
    """The actor definitions by id (once per process; never mutated)."""
    return {d.actor_id: d for d in actors()[0]}


def actor_by_id(actor_id: str) -> ActorDef:
    """The definition of one actor of data/actors.csv."""
    return _by_id()[actor_id]


@cache
def home_state(country: str, refs: tuple[str, ...]) -> ActorDef | None:
    """The forces of a country's state: the one actor of that country that words of `refs` ("the army",
    "government forces") refer to in its news (Iraq: the Iraqi army, not its police); None when none or several
    are."""
    defs, _, ana = actors()
    text = " ; ".join(refs)
    found = {defs[i].actor_id: defs[i] for m in ana.find(text) for i in ana.payloads(m)}
    here = [d for d in found.values() if country and d.country == country]
    return here[0] if len(here) == 1 else None


def canonical_actor_names(query: str) -> tuple[str, ...]:
    """The canonical names (data/actors.csv) of the actors `query` names: a name or an alias in either
    language, spelt any way the normaliser folds (case, hamza, harakat), with or without a leading "the"
    ("داعش", "Daesh", "IS", "isil" -> ("ISIS",); "coalition" -> ("International coalition",)), in the
    file's order; () when it names none. What a user types, turned into what the store keeps."""
    key = normalize_name(query)
    if not key:
        return ()
    defs, lexicon, _ = actors()
    index = lexicon.index
    found = [i for k in (key, f"the {key}") if (at := index.key_index.get(k)) is not None for i in index.payloads[at]]
    return tuple(dict.fromkeys(defs[i].name for i in found))
