"""The annotated document: layers added by the steps, caches that live as long as what they index."""

from __future__ import annotations

import pytest

from extract.annotated import Annotated
from extract.document import make_document
from extract.types import Span
from geodata.names import normalize_text


def _ann(text: str) -> Annotated:
    return Annotated(make_document(text, doc_id="d"), normalize_text(text))


def test_adding_a_layer_keeps_the_others_and_the_text_caches() -> None:
    ann = _ann("Troops entered Ramadi. Clashes went on.")
    ann._text["seen"] = 1
    ann._found["stale"] = 1
    nxt = ann.adding(sentences=(Span(0, 22), Span(23, 39)))
    assert nxt.sentences == (Span(0, 22), Span(23, 39)) and nxt.doc is ann.doc and nxt.nt is ann.nt
    assert nxt._text is ann._text  # what depends on the text alone is handed on
    assert nxt._found == {}  # what indexes a layer starts afresh
    assert ann.sentences == ()  # the earlier document is unchanged
    assert nxt == Annotated(ann.doc, ann.nt, sentences=(Span(0, 22), Span(23, 39)))


def test_adding_what_is_no_layer_is_refused() -> None:
    with pytest.raises(TypeError, match="not a layer"):
        _ann("x").adding(doc=None)


def test_has_word_finds_the_first_cue_word_in_a_range_with_clitics() -> None:
    ann = _ann("قال مصدر إن القوات لم تدخل المدينة وبعد ذلك")
    assert ann.has_word(0, 20, "negation_words") == 4
    assert ann.has_word(5, 20, "negation_words") is None
    assert ann.has_word(3, 2, "negation_words") is None


def test_words_of_one_list_read_with_other_options_are_looked_up_afresh() -> None:
    ann = _ann("انسحبوا من المدينة")
    want = frozenset({"انسحب"})
    assert ann.words_in(0, 2, "movement", want) == []  # "انسحبوا" is no word of the list as written
    assert ann.words_in(0, 2, "movement", want, endings=True) == [0]  # without its verb ending it is
