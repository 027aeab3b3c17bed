"""Errors written for the user, with where they happened as fields.

Every error the tool reports is a `KhareetaError` carrying a `Problem`: the
reason (one sentence that says what is wrong and what to do) and, as separate
fields, the source (a file, `<stdin>`, "the pasted text"), the line and the
record id inside it. `describe` is the one formatter that turns a problem into
the line the command line prints and the dashboard shows; code that needs the
location reads the fields, never the message.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Problem:
    """What went wrong with one input: why, and where (source, line, record id)."""

    reason: str
    source: str = ""
    line: int | None = None
    item: str = ""

    def where(self) -> str:
        """'feed.jsonl:3 (id a7)', 'article.txt', '' when nothing locates it."""
        place = self.source + (f":{self.line}" if self.line is not None else "")
        if self.item:
            shown = self.item if self.item.isprintable() and len(self.item) <= 60 else repr(self.item[:60])
            place = f"{place} (id {shown})" if place else f"id {shown}"
        return place

    def __str__(self) -> str:
        return describe(self)


def describe(problem: Problem) -> str:
    """The user's sentence for a problem: 'feed.jsonl:3 (id a7): the "text" field is missing.'"""
    where = problem.where()
    return f"{where}: {problem.reason}" if where else problem.reason


class KhareetaError(Exception):
    """Base of every error the tool reports to the user as one sentence."""

    def __init__(self, reason: str, *, source: str = "", line: int | None = None, item: str = "") -> None:
        self.problem = Problem(reason, source, line, item)
        super().__init__(describe(self.problem))

    @classmethod
    def from_problem(cls, problem: Problem) -> KhareetaError:
        return cls(problem.reason, source=problem.source, line=problem.line, item=problem.item)

    def located(self, *, source: str = "", line: int | None = None, item: str = "") -> KhareetaError:
        """The same error with the location filled in where it had none."""
        p = self.problem
        found = replace(p, source=p.source or source, line=p.line if p.line is not None else line, item=p.item or item)
        return type(self).from_problem(found)


class InputError(KhareetaError, ValueError):
    """An input file, line or value cannot be used."""


class GazetteerError(KhareetaError):
    """The gazetteer or one of its source files is unusable."""


class StoreError(KhareetaError):
    """The store cannot be opened, read or written (not the fault of one input)."""
