"""Context rules that tell a place name from the same letters used otherwise.

The words themselves (cues, titles, first names, homographs, clitics) live in
`data/context.json`; this module only applies them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.datafiles import load_json
from extract.wordforms import word_forms
from geodata.names import ARTICLES, NormText, normalize_name

_WORDS = re.compile(r"[^\W\d_]+")
_SENTENCE_END = '.!?:;\n"«»“”()[]|•–—-'


@dataclass(frozen=True)
class Rules:
    cues: frozenset[str]
    strong_cues: frozenset[str]
    titles: frozenset[str]
    first_names: frozenset[str]
    common_words: frozenset[str]
    homographs: dict[str, str]
    articles: frozenset[str]
    actor_verbs: frozenset[str]
    capitals: frozenset[str]  # "Moscow said": a seat of government standing for its government
    capital_verbs: frozenset[str]  # the verbs after which it does
    auxiliaries: frozenset[str]  # "Ankara has voiced": before such a verb
    place_passives: frozenset[str]  # "Iraq was hit by": the country suffers there, it does not act
    passive_auxiliaries: frozenset[str]  # "was", "has" before them
    passive_progressives: frozenset[str]  # "being", "been" between
    actor_heads: frozenset[str]
    possessed_land: frozenset[str]  # "Syria's north", "Iraq's communities": the possessive names the place
    actor_words_before: frozenset[str]  # "our ally Turkey", "support Iraq"
    agent_markers: frozenset[str]  # "announced by Russia"
    agent_verbs: frozenset[str]  # "brokered by Qatar"
    list_intros: frozenset[str]
    actor_verbs_ar: frozenset[str]  # "قالت موسكو", "روسيا تدعم": verbs whose subject a country is
    actor_heads_ar: frozenset[str]  # "حكومة العراق": heads whose genitive a country is
    before_place: frozenset[str]
    place_words_after: frozenset[str]
    site_words: frozenset[str]  # "the Al-Quds hospital", "مستشفى القدس": a site's own name
    seat_words_after: frozenset[str]  # "London-based": where an organisation sits, not a place of the story
    homograph_followers: frozenset[str]
    locatives: frozenset[str]  # "in Iraq": a country after them is a place, not an actor
    joiners: frozenset[str]  # as written between two coordinated names: ",", "and", "و"
    conjunctions: frozenset[str]
    genitive: frozenset[str]  # "the town of Hit"
    struck_on: frozenset[str]  # "raids on X": the word between a strike and its target
    strikes: frozenset[str]  # "shelling", "raids", "غارات": strikes whose target "on" names
    strike_kinds: frozenset[str]  # "جوية", "مدفعي": a word describing the strike, between it and "على"
    list_articles: frozenset[str]
    kunyas: frozenset[str]  # "Abu <name> al-X": the nisba al-X is a person's
    organisation_heads: frozenset[str]  # "Liwa al-Quds", "لواء القدس": the place word names an armed group
    organisation_tails: frozenset[tuple[str, ...]]  # "Aleppo Media Center": the place word names an organisation
    kin_tails: frozenset[tuple[str, ...]]  # "the Al-Karabla clan", "the Minsk agreements": written in any case
    name_heads: frozenset[str]  # "Tulul X", "قصر X": a longer, unknown name
    name_qualifiers: frozenset[str]  # "X al-Sharqi", "X التحتاني": a longer, unknown name
    qualifier_governors: frozenset[str]  # "في X الشرقي": no construct head takes the qualifier
    qualifier_proclitics: frozenset[str]  # "بالحسكة الشرقية"
    portfolio_titles: frozenset[str]  # "Minister for the Middle East": a remit, not a place
    portfolio_links: frozenset[str]
    remit_words: frozenset[str]  # "لشؤون الشرق الأوسط"


def _norm_set(words: list[str]) -> frozenset[str]:
    return frozenset(normalize_name(w) for w in words if normalize_name(w))


def _both(d: dict[str, list[str]]) -> frozenset[str]:
    return _norm_set(d.get("ar", []) + d.get("en", []))


@cache
def rules() -> Rules:
    """The context word lists, normalised like the text they are compared to."""
    raw = load_json("context.json")
    homo = {**raw["homographs"]["ar"], **raw["homographs"]["en"]}
    return Rules(
        cues=_both(raw["place_cues"]),
        strong_cues=_both(raw["strong_place_cues"]),
        titles=_both(raw["person_titles"]),
        first_names=_both(raw["first_names"]),
        common_words=_norm_set(raw["common_words_en"]),
        homographs={normalize_name(k): v for k, v in homo.items() if not k.startswith("_")},
        articles=_norm_set(raw["name_articles"]),
        actor_verbs=_norm_set(raw["country_as_actor"]["verbs_after_en"]),
        capitals=_norm_set(raw["country_as_actor"]["capitals_en"] + raw["country_as_actor"]["capitals_ar"]),
        capital_verbs=_norm_set(raw["country_as_actor"]["capital_verbs_after_en"]),
        auxiliaries=_norm_set(raw["country_as_actor"]["auxiliaries_en"]),
        place_passives=_norm_set(raw["country_as_actor"]["place_passives_en"]),
        passive_auxiliaries=_norm_set(raw["country_as_actor"]["passive_auxiliaries_en"]),
        passive_progressives=_norm_set(raw["country_as_actor"]["passive_progressives_en"]),
        actor_heads=_norm_set(raw["country_as_actor"]["heads_before_of_en"]),
        possessed_land=_norm_set(raw["country_as_actor"]["possessed_land_en"]),
        actor_words_before=_norm_set(raw["country_as_actor"]["words_before_en"]),
        agent_markers=_norm_set(raw["country_as_actor"]["agent_markers_en"]),
        agent_verbs=_norm_set(raw["country_as_actor"]["verbs_before_agent_en"]),
        list_intros=_norm_set(raw["country_as_actor"]["list_intros_en"]),
        actor_verbs_ar=_norm_set(raw["country_as_actor"]["verbs_ar"]),
        actor_heads_ar=_norm_set(raw["country_as_actor"]["heads_before_of_ar"]),
        before_place=_norm_set(raw["capitalised_before_place_en"]) | _both(raw["place_cues"]),
        place_words_after=_both(raw["place_words_after"]),
        site_words=_both(raw["named_sites"]),
        seat_words_after=_norm_set(raw["seat_words_after_en"]),
        homograph_followers=_both(raw["homograph_followers"]),
        locatives=_norm_set(raw["locatives_en"]),
        joiners=frozenset(raw["joiners"]),
        conjunctions=_norm_set(raw["conjunctions"]),
        genitive=_norm_set(raw["genitive_en"]),
        struck_on=_both(raw["struck_on"]["markers"]),
        strikes=_both(raw["struck_on"]["strikes"]),
        strike_kinds=_both(raw["struck_on"]["kinds"]),
        list_articles=_norm_set(raw["list_articles_en"]),
        kunyas=_both(raw["kunya_words"]),
        organisation_heads=_both(raw["organisation_names"]["before"]),
        organisation_tails=frozenset(tuple(t.split()) for t in _both(raw["organisation_names"]["after"])),
        kin_tails=frozenset(tuple(t.split()) for t in _both(raw["organisation_names"]["after_any_case"])),
        name_heads=_both(raw["name_parts"]["heads"]),
        name_qualifiers=_both(raw["name_parts"]["qualifiers"]),
        qualifier_governors=_both(raw["name_parts"]["qualifier_governors"]),
        qualifier_proclitics=frozenset(raw["name_parts"]["qualifier_proclitics"]["ar"]),
        portfolio_titles=_both(raw["portfolios"]["titles"]),
        portfolio_links=_both(raw["portfolios"]["links"]),
        remit_words=_both(raw["portfolios"]["remit_words"]),
    )


def token(nt: NormText, i: int) -> str:
    """The normalised token i ("" outside the text)."""
    if i < 0 or i >= len(nt.tokens):
        return ""
    return nt.tokens[i]


FUNCTION_WORD_ZIPF = 5.5  # an English word this frequent ("in", "at", "for") opens no name in lowercase


def is_capitalised(surface: str) -> bool:
    """A Latin surface is written as a name: its one word capitalised, or, for
    several words, some word after a lowercase direction ("northern Iraq"); a name
    that opens with a lowercase function word is that word and a name ("in Salah")."""
    words = [w for w in _WORDS.findall(surface) if w.lower() not in rules().articles]
    if not words:
        return False
    if words[0][0].isupper():
        return True
    return len(words) > 1 and any(w[0].isupper() for w in words[1:]) and not _function_word(words[0].lower())


@cache
def _function_word(word: str) -> bool:
    from wordfreq import zipf_frequency

    return word not in lowercase_names()[1] and zipf_frequency(word, "en") >= FUNCTION_WORD_ZIPF


@cache
def lowercase_names() -> tuple[float, frozenset[str]]:
    """How rare the words of a name written in lowercase are (`max_zipf`), and the lowercase words that
    may open a name ("eastern", "old"): `lowercase_names_en` of context.json."""
    raw = load_json("context.json")["lowercase_names_en"]
    return float(raw["max_zipf"]), frozenset(raw["qualifiers"])


def sentence_initial(text: str, start: int) -> bool:
    """Nothing but punctuation or a line start between the previous sentence and here."""
    i = start - 1
    while i >= 0 and text[i] in " \t'\"‘“«(":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def title_case_line(text: str, start: int) -> bool:
    """Whether the line holding `start` is a headline in Title Case or CAPS."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", start)
    line = text[ls : le if le >= 0 else len(text)]
    words = [w for w in _WORDS.findall(line) if len(w) > 3]
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.75


def marked_as_place(nt: NormText, text: str, tok_first: int, tok_last: int) -> bool:
    """A feature word right beside the name, in the same clause, says it is the place:
    "the city of al-Mayadeen", "al-Mayadeen city", "مدينة الميادين" (not "SANA neighborhood")."""
    r = rules()
    if tok_first >= 1 and cue_before(nt, tok_first, strong=True):
        cue = tok_first - 1 if word_forms(token(nt, tok_first - 1)) & r.strong_cues else tok_first - 2
        return not _clause_break(text[nt.orig_ends[cue] : nt.orig_starts[tok_first]])
    after = tok_last + 1
    return token(nt, after) in r.strong_cues & r.place_words_after and not _clause_break(
        text[nt.orig_ends[tok_last] : nt.orig_starts[after]]
    )


def _clause_break(gap: str) -> bool:
    return any(c in _SENTENCE_END or c in ",،" for c in gap)


def cue_before(nt: NormText, tok_first: int, *, strong: bool) -> bool:
    """A place cue (in, near, town of, مدينة, باتجاه ...) just before the name."""
    r = rules()
    want = r.strong_cues if strong else r.cues
    prev = token(nt, tok_first - 1)
    if word_forms(prev) & want:
        return True
    # "the town of Hit", "the city of al-Bab"; not strong: "shelling on Kafrnabal", "raids on Saraqib"
    if prev in r.genitive:
        return token(nt, tok_first - 2) in want
    return not strong and prev in r.struck_on and _strike_before(nt, tok_first - 2, r)


def _strike_before(nt: NormText, t: int, r: Rules) -> bool:
    """Token t is a strike ("raids", "غارات"), or describes one just before it ("غارات جوية")."""
    if word_forms(token(nt, t)) & r.strikes:
        return True
    return token(nt, t) in r.strike_kinds and bool(word_forms(token(nt, t - 1)) & r.strikes)


# A word that opens with a capital, also after its article ("al-Bokamal", "as-Sukkari").
CAPITALISED = re.compile(r"(?:(?i:" + "|".join(sorted(ARTICLES, key=len, reverse=True)) + r")-)?[A-ZÀ-ÖØ-Þ]")


def capitalised(surface: str) -> bool:
    """A word written with a capital, also after its article ("al-Askari")."""
    return surface[:1].isupper() or bool(CAPITALISED.match(surface))
