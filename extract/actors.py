"""Actor mentions: canonical actors from `data/actors.csv`, in both languages.

"التنظيم" / "the group" refer back to the last actor that lists them as
anaphora (ISIS), and only once that actor has been named.
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
        for idx in ana.payloads(m):
            d = defs[idx]
            if any(a.actor_id == d.actor_id and a.start < m.start for a in named):
                found.append(
                    ActorMention(d.actor_id, d.name, d.actor_type, d.family, m.start, m.end, m.tok_first, m.tok_last)
                )
                break
    return sorted(found, key=lambda a: a.start)
