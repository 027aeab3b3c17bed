"""A name we do not know, read once where the text makes it a place ("the village of al-Shaheel",
"قرية الصالحية في ريف الرقة"), names the same place wherever the same text writes it again ("In
al-Shaheel, residents fled", "وقتل عمال في الصالحية"): one name, one place in a text.

The other mention must be written as a name: in Latin script capitalised and not part of a longer
capitalised name ("Tell al-Shaheel"); in Arabic, where nothing tells a name from a word, each word of it
rarer in Arabic than `AGAIN_ZIPF` (a village's name, not "الجديدة", "new"). That bar stands above the
unknown-name readers' (`unknown_names.NAME_ZIPF`): the text has already shown this name to be a place.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace

from extract.context import capitalised, rules
from extract.types import Place
from extract.unknown_names import between, ordinary, rare_arabic
from geodata.names import NormText, is_arabic

AGAIN_ZIPF = 3.5  # names of villages are rarer ("الصالحية" 3.1, "الزبداني" 3.2); common nouns are not ("الكتيبة" 3.9)


def tokens_of(nt: NormText, p: Place) -> range:
    """The tokens a place's span covers, or ends in ("والخوين" for the name "الخوين" after its conjunction)."""
    return range(bisect_right(nt.orig_ends, p.start), bisect_left(nt.orig_starts, p.end))


def _placed(nt: NormText, unknown: list[Place]) -> dict[tuple[str, ...], Place]:
    """The first placed mention of each unknown name, by its tokens."""
    names: dict[tuple[str, ...], Place] = {}
    for p in unknown:
        toks = tokens_of(nt, p)
        name = nt.tokens[toks.start : toks.stop]
        if name and not p.resolved and p.placed_at and len("".join(name)) >= 3:
            names.setdefault(name, p)
    return names


def placed_as_before(nt: NormText, placed: list[Place], later: list[Place]) -> list[Place]:
    """The `later` mentions (a headed name put in the text's province) placed where the same name was
    placed already, in the unit written around it: "Abu Rasin area east of Ras al-Ayn [...] strikes
    on Abu Rasin village" lie at Ras al-Ayn, both of them."""
    names = _placed(nt, placed)
    out = []
    for p in later:
        toks = tokens_of(nt, p)
        first = names.get(nt.tokens[toks.start : toks.stop])
        out.append(p if first is None else replace(first, start=p.start, end=p.end, surface=p.surface))
    return out


def named_again(nt: NormText, text: str, unknown: list[Place], taken: set[int]) -> list[Place]:
    """The other mentions of the unknown places (`taken`: the tokens of every place found), each placed
    where its first mention is."""
    names = _placed(nt, unknown)
    out: list[Place] = []
    covered = set(taken)
    for name, p in names.items():
        width = len(name)
        for i in [k for k, tok in enumerate(nt.tokens) if tok == name[0]]:
            last = i + width - 1
            if nt.tokens[i : last + 1] != name or not covered.isdisjoint(range(i, last + 1)):
                continue
            if not _written_as_a_name(nt, text, i, last):
                continue
            start, end = nt.orig_starts[i], nt.orig_ends[last]
            out.append(replace(p, start=start, end=end, surface=text[start:end]))
            covered.update(range(i, last + 1))
    return out


def _written_as_a_name(nt: NormText, text: str, first: int, last: int) -> bool:
    if is_arabic(nt.tokens[first]):
        heads = rules().name_heads
        return all(
            nt.tokens[t] in heads or rare_arabic(text[nt.orig_starts[t] : nt.orig_ends[t]], AGAIN_ZIPF)
            for t in range(first, last + 1)
        )
    if not capitalised(text[nt.orig_starts[first] : nt.orig_ends[first]]):
        return False
    return not (_name_goes_on(nt, text, first - 1, first) or _name_goes_on(nt, text, last, last + 1))


def _name_goes_on(nt: NormText, text: str, a: int, b: int) -> bool:
    """Tokens a and b stand side by side in one capitalised name ("Tell al-Shaheel", "Shaheel Kabir"),
    not a capitalised word and a name ("In al-Shaheel", "al-Shaheel Province")."""
    if a < 0 or b >= len(nt.tokens) or between(nt, text, a, b).strip(" -"):
        return False
    return all(_name_word(nt, text, t) for t in (a, b))


def _name_word(nt: NormText, text: str, t: int) -> bool:
    """A capitalised Latin word that may stand in a place's name (`unknown_names.ordinary` reads the rest)."""
    word = text[nt.orig_starts[t] : nt.orig_ends[t]]
    return not is_arabic(word) and capitalised(word) and not ordinary(nt, text, t)
