"""A memo for the text being read: what the steps work out once per text and ask for again
(token maps of the matcher, the numbers of the text).

One slot per thread, keyed by the NormText's identity (not equality: no hashing of the text); a
new text empties it, so nothing outlives the document it was worked out for.
"""

from __future__ import annotations

import threading
from typing import Any

from geodata.names import NormText

_last = threading.local()


def text_memo(nt: NormText) -> dict[Any, Any]:
    """The memo of `nt`, emptied when another text comes."""
    if getattr(_last, "nt", None) is not nt:
        _last.nt, _last.table = nt, {}
    table: dict[Any, Any] = _last.table
    return table
