"""Build, remove or check the compiled build of extract (see extract.native):

python -m extract.build_native [build | clean | state]
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from extract.native import build, clean, state


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["build"]:
        return build()
    if args == ["clean"]:
        print(f"removed {clean()} files")
        return 0
    if args in ([], ["state"]):
        print(state())
        return 0
    print("usage: python -m extract.build_native [build | clean | state]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
