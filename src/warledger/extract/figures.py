"""The figure grammar: digits, words, scales, ranges, qualifiers, money, rates."""

from __future__ import annotations

from warledger.extract.document import Figure


def find_figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Figures in ``text[start:end]`` with absolute offsets into ``text``."""
    return []
