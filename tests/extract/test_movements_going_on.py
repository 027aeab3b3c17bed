"""extract/movements.py through the pipeline: movers who go on from where a journey told before ended
("From there, many continued north to Dohuk", "ومن هناك، واصل كثيرون طريقهم إلى دهوك"), and the words of going
on that go nowhere ("continued to advance", "Continued clashes"), in Arabic and English side by side (case
tables written here)."""

from __future__ import annotations

import pytest

from tests.extract.test_movements import _journeys, _table

TAL_AFAR, SINJAR, DUHOK = "Tal Afar", "Sinjar", "Duhok"

GOING_ON = [
    (
        "from-there-they-continued",  # the journey before goes on
        "نزحت آلاف العائلات من تلعفر إلى سنجار يوم الأحد. ومن هناك، واصل كثيرون طريقهم إلى دهوك.",
        "Thousands of families fled Tal Afar for Sinjar on Sunday. From there, many continued north to Dohuk.",
        [(TAL_AFAR, SINJAR, DUHOK)],
    ),
    (
        "from-the-town-they-continued",  # a journey of its own from the town named again
        "نزحت آلاف العائلات من تلعفر إلى سنجار يوم الأحد. ومن سنجار، واصل كثيرون طريقهم إلى دهوك.",
        "Thousands of families fled Tal Afar for Sinjar on Sunday. From Sinjar, many continued north to Dohuk.",
        [(TAL_AFAR, SINJAR), (SINJAR, DUHOK)],
    ),
    (
        "going-on-doing-is-no-journey",
        "واصلت قوات النظام قصف تدمر يوم الأحد على طريق تدمر - دير الزور.",
        "The army continued to advance against ISIS near Palmyra along the Palmyra-Deir Ezzor highway.",
        [],
    ),
]


@pytest.mark.parametrize(("text", "want"), _table(GOING_ON))
def test_movers_who_go_on(gaz, text: str, want: list[tuple[str, ...]]) -> None:
    assert _journeys(gaz, text) == want


def test_a_headlines_continued_clashes_go_nowhere(gaz) -> None:
    """English only: "continued" before a noun is an adjective; Arabic says "استمرار الاشتباكات", no verb of going
    on at all."""
    assert _journeys(gaz, "Continued clashes in Manbij and advance to the SDF near Tishreen Dam") == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "وأرسل الجيش تعزيزات من تكريت، مركز المحافظة، اتخذت مواقع لها عند الأطراف الجنوبية لسليمان بيك. ونزحت مئات"
            " العائلات شمالاً إلى طوز خورماتو.",
            id="ar",
        ),
        pytest.param(
            "Army reinforcements were sent from Tikrit, the provincial capital, and took up positions on the southern"
            " edge of Sulaiman Bek. Hundreds of families fled north to Tuz Khurmatu.",
            id="en",
        ),
    ],
)
def test_people_fleeing_after_a_force_sent_go_on_with_no_journey_of_its(gaz, text: str) -> None:
    """A force's journey with no destination told is not the one families go on with: they left the town."""
    assert _journeys(gaz, text) == [("Sulaiman Bek", "Tuz Khurmatu")]
