"""Exceptions whose messages are written for the user."""

from __future__ import annotations


class KhareetaError(Exception):
    """Base of every error the tool reports to the user as one sentence."""


class InputError(KhareetaError, ValueError):
    """An input file, line or value cannot be used."""


class GazetteerError(KhareetaError):
    """The gazetteer or one of its source files is unusable."""
