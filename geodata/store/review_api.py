"""The store's review methods (`Store` inherits them): each action in one write transaction, retried while
the database is busy; see `review.py` and `review_layer.py`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from geodata.records import Record
from geodata.store import review, review_layer
from geodata.store.review import Change
from geodata.store.review_layer import Duplicate, Orphan

T = TypeVar("T")


class Reviewing:
    """Accept, correct, reject, merge and undo; the history; reviews left without their feature; duplicates."""

    def _write(self, fn: Callable[[Connection], T], *, failing: str = "") -> T:
        raise NotImplementedError

    def _read(self, fn: Callable[[Connection], T]) -> T:
        raise NotImplementedError

    def _change(self, feature_id: str, fn: Callable[[Connection], T]) -> T:
        """A review action in one write transaction. Two first reviews of one feature at once both insert its
        review row: the database refuses the second, which is then told as any other conflict."""
        try:
            return self._write(fn)
        except IntegrityError:
            msg = (
                f"{feature_id} was changed by another analyst at the same moment; nothing was saved: look at it "
                "as it now is and make your change again."
            )
            raise review.ReviewConflictError(msg, self.feature(feature_id)) from None

    def feature(self, feature_id: str) -> Record | None:
        """One stored feature by its id, as the map shows it (its corrections in), with its review."""
        found = self._read(lambda conn: review.find(conn, feature_id))
        return found.record if found else None

    def accept(self, feature_id: str, *, who: str, note: str = "", expected: int | None = None) -> Record:
        return self._change(
            feature_id, lambda conn: review.accept(conn, feature_id, who=who, note=note, expected=expected)
        )

    def correct(
        self, feature_id: str, values: Mapping[str, Any], *, who: str, note: str = "", expected: int | None = None
    ) -> Record:
        """Correct fields (`review_fields.FIELDS`); `expected`: the review version the editor read."""
        return self._change(
            feature_id, lambda conn: review.correct(conn, feature_id, values, who=who, note=note, expected=expected)
        )

    def reject(self, feature_id: str, *, who: str, reason: str, note: str = "", expected: int | None = None) -> Record:
        return self._change(
            feature_id,
            lambda conn: review.reject(conn, feature_id, who=who, reason=reason, note=note, expected=expected),
        )

    def merge(
        self,
        keep: str,
        others: Sequence[str],
        *,
        who: str,
        note: str = "",
        expected: Mapping[str, int] | None = None,
    ) -> Record:
        return self._change(
            keep, lambda conn: review_layer.merge(conn, keep, others, who=who, note=note, expected=expected)
        )

    def undo(self, feature_id: str, *, who: str, note: str = "", expected: int | None = None) -> Record:
        return self._change(
            feature_id, lambda conn: review_layer.undo(conn, feature_id, who=who, note=note, expected=expected)
        )

    def history(self, feature_id: str | None = None, *, limit: int | None = None) -> list[Change]:
        """Every change to a feature (or to the store: the last `limit`), oldest first."""
        return self._read(lambda conn: review.history_of(conn, feature_id, limit=limit))

    def last_change(self) -> int:
        """The last review change's number (0: none): what a cache of the features is up to date with."""
        return self._read(review.last_change)

    def changed_since(self, change: int) -> dict[str, int]:
        """The features the review changes after `change` touched, each with the last change to it."""
        return self._read(lambda conn: review.changed_since(conn, change))

    def features(self, feature_ids: Sequence[str]) -> dict[str, Record]:
        """Stored features by id, as the map shows them, whatever their review; ids not stored are left out."""
        return self._read(lambda conn: review.records_of(conn, feature_ids))

    def orphans(self) -> list[Orphan]:
        return self._read(review_layer.orphans)

    def duplicates(self, *, within_km: float = 10.0, within_days: int = 2) -> list[Duplicate]:
        return self._read(lambda conn: review_layer.duplicates(conn, within_km=within_km, within_days=within_days))
