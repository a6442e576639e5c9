"""Regex alternations over the long name lists (places, source aliases) that stay fast."""

from __future__ import annotations

import re


def grouped_alternation(
    branches: list[tuple[str, str]], ignore_case: bool = False, not_after: str = ""
) -> str:
    """``(?:b1|b2|...)`` over (first character, rest of the branch as a regex), grouped.

    ``re`` tries every branch of an alternation at every position, and with a thousand names
    that is most of the time spent matching. Grouping the branches under their first character,
    ``(?:K(?:yiv\\ region|yiv)|M(?:oscow))``, tries only the group that can start there. The
    match is the same, branch order included: branches in different groups cannot both start
    at one character, and each group keeps its branches in their given order. With
    ``ignore_case`` the groups are by lowercase first character, which is only sound for ASCII
    first characters; any other one keeps the flat alternation.

    ``not_after``, a character class, must not come right before the match: the same as a
    ``(?<!not_after)`` in front, but checked after the first character, so that ``re`` can skip
    straight to the positions holding a first character (a pattern that opens with a lookbehind
    is tried at every position).
    """
    if ignore_case and not all(first.isascii() for first, _ in branches):
        lead = f"(?<!{not_after})" if not_after else ""
        return lead + "(?:" + "|".join(re.escape(first) + rest for first, rest in branches) + ")"
    groups: dict[str, list[str]] = {}
    for first, rest in branches:
        groups.setdefault(first.lower() if ignore_case else first, []).append(rest)
    guards = {first: f"(?<!{not_after}{re.escape(first)})" if not_after else "" for first in groups}
    return (
        "(?:"
        + "|".join(
            f"{re.escape(first)}{guards[first]}(?:{'|'.join(rests)})"
            for first, rests in groups.items()
        )
        + ")"
    )


def starting_with(first: str, body: str, flags: int = 0) -> re.Pattern[str]:
    """``body`` compiled behind a lookahead for ``first``: a character class (without its
    brackets) of every character a match of ``body`` can start with.

    The matches are the same; they are found 2-5x faster, as ``re`` then skips straight to the
    positions holding one of those characters, where a pattern that opens with an optional
    group, ``\\b`` or a lookbehind is tried at every position. ``first`` must hold every
    possible first character: the tests compare each guarded pattern with its body.
    """
    return re.compile(f"(?=[{first}]){body}", flags)
