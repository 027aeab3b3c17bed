"""Ground that changes hands under a deal, as ACLED codes it: a non-violent transfer of territory.

* A force that enters a town in a sentence that tells of the deal, the surrender or the evacuation it
  followed ("government forces entered Nawa after its fighters agreed to hand over their heavy weapons",
  "entered the town hours after the last bus left", "دخلت قوات النظام البلدة بعد خروج آخر دفعة"), and of
  no fighting, took it without a fight.
* Fighters who leave a town ("*exit" triggers: "left", "pulled out", "خرج", "غادر") in a text that has told
  of a deal in that sentence or before ("under a surrender deal", "بموجب اتفاق") handed it over: the
  leavers are actor1, the town left is the place. Anyone else leaving (civilians, families, an unnamed
  hand), or a town not right after the word ("the attack left five dead in Baiji"), is no transfer.

The words are cues.json's `deal_words` (agreements, surrenders, evacuations, the buses that take the
fighters out) and `fight_words` (clashes, battles: a taking that was fought for).
"""

from __future__ import annotations

from extract.annotated import Annotated, PlaceTok
from extract.event_protest import phrase_told
from extract.lexicons import cues, event_cues
from extract.types import ActorMention

TRANSFER = ("Strategic developments", "Non-violent transfer of territory")
EXIT_REACH = 5  # words from a word of leaving to the town left ("left the nearby town of Dumair")


def entered_under_deal(ann: Annotated, first: int, last: int, t: int) -> bool:
    """The entry at trigger token t follows a deal its sentence (tokens first..last) tells, and no fight."""
    if not ann.words_in(t, t, "entry_words", cues()["entry_words"]):
        return False
    return phrase_told(ann, first, last, "deal_words") and not phrase_told(ann, first, last, "fight_words")


def left_under_deal(
    ann: Annotated, clause: tuple[int, int], last: int, t: int, *, agent: ActorMention | None, places: list[PlaceTok]
) -> bool:
    """Armed movers, named before the town, leave it right after the word of leaving (token t; the Arabic
    subject may stand between: "خرج مقاتلو المعارضة من بيت جن"), and the text has told of a deal up to the end
    of this sentence."""
    if agent is None or agent.actor_type in cues()["civilian_actor_types"]:
        return False
    if agent.actor_id in event_cues()["placeholder_actors"]:
        return False
    if not (clause[0] <= agent.tok_first and (agent.tok_last < t or agent.tok_first <= t + 2)):
        return False  # the subject of the word, in its clause: not "من خرجوا" (those who left) after a force
    after = agent.tok_last + 1 if agent.tok_first > t else t  # the town comes after the subject, if it follows
    left = [p for p in places if after < p.tok_first <= after + EXIT_REACH]
    return bool(left) and phrase_told(ann, 0, last, "deal_words")
