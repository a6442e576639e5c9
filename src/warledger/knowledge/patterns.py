"""Regex alternations over the long name lists (places, source aliases) that stay fast."""

from __future__ import annotations

import re
from re import _constants, _parser


def grouped_alternation(
    branches: list[tuple[str, str]],
    ignore_case: bool = False,
    not_after: str = "",
    second_level: bool = False,
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

    ``second_level`` groups each group's branches again by their second character where every
    one of them starts with a literal (not with ``ignore_case``): a thousand place names put a
    hundred under "K", and re tries each of them at every "K".
    """
    if ignore_case and not all(first.isascii() for first, _ in branches):
        lead = f"(?<!{not_after})" if not_after else ""
        return lead + "(?:" + "|".join(re.escape(first) + rest for first, rest in branches) + ")"
    groups: dict[str, list[str]] = {}
    for first, rest in branches:
        groups.setdefault(first.lower() if ignore_case else first, []).append(rest)
    guards = {first: f"(?<!{not_after}{re.escape(first)})" if not_after else "" for first in groups}
    nest = second_level and not ignore_case
    return (
        "(?:"
        + "|".join(
            f"{re.escape(first)}{guards[first]}"
            + (_second_level(rests) if nest else f"(?:{'|'.join(rests)})")
            for first, rests in groups.items()
        )
        + ")"
    )


# A regex that opens with one literal character: an escaped one or a plain one.
_LEADING_LITERAL = re.compile(r"\\[^\w]|[^\\.^$*+?{}\[\]|()]")


def _second_level(rests: list[str]) -> str:
    """``(?:r1|r2|...)`` grouped by each rest's leading literal, order kept within a group; as
    it is when a rest does not open with a literal (rests under different literals cannot both
    match at one place, so only order within a group matters)."""
    keyed: dict[str, list[str]] = {}
    for rest in rests:
        lead = _LEADING_LITERAL.match(rest)
        if lead is None or rest[lead.end() : lead.end() + 1] in ("*", "+", "?", "{"):
            return f"(?:{'|'.join(rests)})"
        # keyed by the character itself: "\\ " and " " are one group
        keyed.setdefault(lead.group()[-1], []).append(rest[lead.end() :])
    return (
        "(?:"
        + "|".join(f"{re.escape(lead)}(?:{'|'.join(tails)})" for lead, tails in keyed.items())
        + ")"
    )


class _Unguarded:
    """A pattern compiled without its guard on first use: only the tests use it, and compiling
    every pattern twice at import would cost start-up time for nothing."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> object:
        if self._compiled is None:
            self._compiled = re.compile(*self._source)
        return getattr(self._compiled, name)


# Every pattern compile_guarded guarded, with the same pattern unguarded: the tests hold the
# two to the same matches.
GUARDED: list[tuple[re.Pattern[str], _Unguarded]] = []
_LEADING_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_CATEGORIES = {
    _constants.CATEGORY_DIGIT: r"\d",
    _constants.CATEGORY_NOT_DIGIT: r"\D",
    _constants.CATEGORY_WORD: r"\w",
    _constants.CATEGORY_NOT_WORD: r"\W",
    _constants.CATEGORY_SPACE: r"\s",
    _constants.CATEGORY_NOT_SPACE: r"\S",
}


def compile_guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled behind a lookahead for the characters its matches can start with.

    The matches are the same; they are found 2-5x faster, as ``re`` then skips straight to the
    positions holding one of those characters, where a pattern that opens with an optional
    group, ``\\b`` or a lookbehind is tried at every position. When the first characters cannot
    be told (a pattern that may match the empty string or start with any character), it is
    compiled as it is.
    """
    # One parse serves both the first characters and the flags re would compile it with.
    parsed = _parser.parse(pattern, flags)
    all_flags = flags | parsed.state.flags
    firsts = _first_characters(parsed)
    if firsts is None or all_flags & re.VERBOSE:
        # (a verbose pattern's closing comment would swallow the group the guard adds)
        return re.compile(pattern, flags)
    flags_text = _LEADING_FLAGS.match(pattern)
    body = pattern[flags_text.end() :] if flags_text else pattern
    guarded = re.compile(f"(?=[{firsts}])(?:{body})", all_flags)
    GUARDED.append((guarded, _Unguarded(pattern, flags)))
    return guarded


def first_characters(pattern: str, flags: int = 0) -> str | None:
    """A character class body (no brackets) holding every character a match of ``pattern``
    can start with, or None when there is no such class short of every character."""
    return _first_characters(_parser.parse(pattern, flags))


def _first_characters(parsed: _parser.SubPattern) -> str | None:
    # Written by hand on re's own parser (private, but it is the parse re compiles): no
    # library reads a pattern's first characters.
    try:
        fragments, nullable = _firsts(list(parsed))
    except _Unknown:
        return None
    return None if nullable else "".join(sorted(fragments))


class _Unknown(Exception):
    """A construct whose first characters are not worked out."""


def _firsts(items: list[tuple[object, object]]) -> tuple[set[str], bool]:
    """The first-character fragments of a parsed sequence, and whether it can match empty."""
    fragments: set[str] = set()
    for op, value in items:
        if op in (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT):
            continue  # zero-width: the next item holds the first character
        if op is _constants.LITERAL:
            return fragments | {re.escape(chr(value))}, False
        if op is _constants.IN:
            return fragments | _class_fragments(value), False
        if op is _constants.SUBPATTERN:
            _group, added, removed, inner = value
            # A group that turns case-folding off ("(?-i:May)") starts with the characters as
            # written: the guard, compiled with the pattern's own flags, is then as wide or
            # wider. One that turns it on would need both cases of each, and one that drops
            # ASCII-only classes would read \w, \d and \s wider than the guard.
            if added & (re.IGNORECASE | re.LOCALE) or removed & re.ASCII:
                raise _Unknown
            found, nullable = _firsts(list(inner))
        elif op is _constants.BRANCH:
            found, nullable = set(), False
            for branch in value[1]:
                branch_found, branch_nullable = _firsts(list(branch))
                found |= branch_found
                nullable = nullable or branch_nullable
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT):
            low, _high, inner = value
            found, nullable = _firsts(list(inner))
            nullable = nullable or low == 0
        else:
            raise _Unknown
        fragments |= found
        if not nullable:
            return fragments, False
    return fragments, True


def _class_fragments(items: list[tuple[object, object]]) -> set[str]:
    fragments = set()
    for op, value in items:
        if op is _constants.LITERAL:
            fragments.add(re.escape(chr(value)))
        elif op is _constants.RANGE:
            low, high = value
            fragments.add(f"{re.escape(chr(low))}-{re.escape(chr(high))}")
        elif op is _constants.CATEGORY and value in _CATEGORIES:
            fragments.add(_CATEGORIES[value])
        else:
            raise _Unknown  # a negated class or one the parser keeps as a charset
    return fragments


class EndPattern:
    """A pattern searched only near the end of the text, where all its matches lie.

    For patterns such as ``[A-Za-z]-?$`` or ``\\bJan\\.?\\s+$``, searched in the text just
    before a number: every match ends the text, and ``reach`` bounds its length but for the
    spaces it ends with. Starting the search ``reach`` characters before those spaces finds the
    same match as scanning the whole text (a pattern's lookbehinds and ``\\b`` still read the
    characters before the start), without trying each of them.
    """

    def __init__(self, pattern: str, reach: int, flags: int = 0) -> None:
        self.pattern = re.compile(pattern, flags)
        self.reach = reach
        ENDS.append(self)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text, max(0, len(text.rstrip()) - self.reach))


# Every EndPattern: the tests hold each to a search of the whole text.
ENDS: list[EndPattern] = []
