"""Actor mentions: canonical actors from `data/actors.csv`, in both languages.

"التنظيم" / "the group" refer back to an actor that lists them as anaphora
(ISIS), and only once that actor has been named; when several actors list the
word ("the army", "القوات"), to the one named last before it.
"""

from __future__ import annotations

from extract.lexicons import actors
from extract.types import ActorMention
from geodata.names import NormText


def actors_in(text: str, nt: NormText) -> list[ActorMention]:
    """Every actor mention, named or referred back to, in text order."""
    defs, lex, ana = actors()
    found = []
    for m in lex.find(text, nt):
        d = defs[lex.payloads(m)[0]]
        found.append(ActorMention(d.actor_id, d.name, d.actor_type, d.family, m.start, m.end, m.tok_first, m.tok_last))
    named = sorted(found, key=lambda a: a.start)
    taken = {t for a in named for t in range(a.tok_first, a.tok_last + 1)}
    for m in ana.find(text, nt):
        if any(t in taken for t in range(m.tok_first, m.tok_last + 1)):
            continue
        listing = {defs[idx].actor_id: defs[idx] for idx in ana.payloads(m)}
        earlier = [a for a in named if a.actor_id in listing and a.start < m.start]
        if earlier:
            d = listing[earlier[-1].actor_id]
            found.append(
                ActorMention(d.actor_id, d.name, d.actor_type, d.family, m.start, m.end, m.tok_first, m.tok_last)
            )
    return sorted(found, key=lambda a: a.start)
