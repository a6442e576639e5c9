"""Rewrite external_baseline.json from current scores.

Usage, from the repository root: ``python -m tests.external.update_baseline``.

Run it after a grammar change that moves a score, and commit the JSON
with the change so the new floor is reviewed with it.
"""

from __future__ import annotations

import sys

from .adapters import EXTERNAL
from .baseline import BASELINE, SUITES, current_scores, load_floors, suite_score, write_floors


def main() -> int:
    if not EXTERNAL.is_dir():
        print(f"no external suites at {EXTERNAL}", file=sys.stderr)
        return 1
    old = load_floors() if BASELINE.exists() else {}
    new = current_scores()
    for name in SUITES:
        print(suite_score(name).summary())
    for name, value in new.items():
        print(f"{name:<26} {old.get(name, 0.0):.4f} -> {value:.4f}")
    write_floors(new)
    print(f"wrote {BASELINE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
