"""Regex alternations over the long name lists (places, source aliases) that stay fast."""

from __future__ import annotations

import re


def grouped_alternation(branches: list[tuple[str, str]], ignore_case: bool = False) -> str:
    """``(?:b1|b2|...)`` over (first character, rest of the branch as a regex), grouped.

    ``re`` tries every branch of an alternation at every position, and with a thousand names
    that is most of the time spent matching. Grouping the branches under their first character,
    ``(?:K(?:yiv\\ region|yiv)|M(?:oscow))``, tries only the group that can start there. The
    match is the same, branch order included: branches in different groups cannot both start
    at one character, and each group keeps its branches in their given order. With
    ``ignore_case`` the groups are by lowercase first character, which is only sound for ASCII
    first characters; any other one keeps the flat alternation.
    """
    if ignore_case and not all(first.isascii() for first, _ in branches):
        return "(?:" + "|".join(re.escape(first) + rest for first, rest in branches) + ")"
    groups: dict[str, list[str]] = {}
    for first, rest in branches:
        groups.setdefault(first.lower() if ignore_case else first, []).append(rest)
    return (
        "(?:"
        + "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())
        + ")"
    )
