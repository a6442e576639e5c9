"""Stage: fills hedge of each draft claim with the source's own estimative words.

A hedge reaches a figure from its own clause ("899 soldiers - estimates the British Ministry of
Defence") or from the sentence's lead-in ("According to British intelligence estimates, ... has
reached 760,000, and ... was 1,523 people per day"), but not from a neighbouring clause ("killed
190 children, and the number ... is estimated to rise by 2 million" hedges only the second).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache, lru_cache
from importlib import resources

from warledger.extract.document import Document, Figure
from warledger.extract.measures import GLUED_STOP, clause_bounds
from warledger.knowledge.patterns import compile_guarded

# "standing at an estimated 108.4 million": the adjective hedges only the number it precedes.
_BEFORE_NUMBER = re.compile(r"\s*(?:an?\s+)?\d")
# The end of a lead-in: its first comma, or a glued full stop (``_lead_in_end`` answers as a
# search for this would; the tests hold it to that).
_LEAD_IN = re.compile(r",|[a-z]\.(?=[A-Z])")


@cache
def hedge_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of every hedge pattern, and the hedge value of each named group."""
    data = tomllib.loads(
        resources.files("warledger.knowledge").joinpath("hedges.toml").read_text("utf-8")
    )
    branches: list[tuple[str, str]] = []
    values: dict[str, str] = {}
    for index, (value, patterns) in enumerate(data["hedges"].items()):
        group = f"h{index}"
        values[group] = value
        branches.extend((pattern, group) for pattern in patterns)
    branches.sort(key=lambda branch: len(branch[0]), reverse=True)
    alternation = "|".join(f"(?P<{group}_{n}>{p})" for n, (p, group) in enumerate(branches))
    return compile_guarded(rf"\b(?:{alternation})\b", re.IGNORECASE), values


def _lead_in_end(text: str, start: int, end: int) -> int:
    """End of the sentence's introductory phrase: its first comma, or its start if none.

    A sentence glued to the next ("... are twice as high.In May, ...") ends the lead-in too.
    """
    # Speed only: the first comma, unless a glued full stop comes before it; the same answer
    # as searching _LEAD_IN, whose glued branch could start at any lowercase letter.
    comma = text.find(",", start, end)
    if comma < 0:
        return start
    for stop in GLUED_STOP.finditer(text, start + 1, comma):
        if "a" <= text[stop.start() - 1] <= "z":
            return start
    return comma


# The figures of one clause (and of one sentence, for its lead-in) scan the same span: the hedge
# words of the last spans are kept as (start, end, hedge value).
@lru_cache(maxsize=64)
def _hedges_in(text: str, start: int, end: int) -> tuple[tuple[int, int, str], ...]:
    pattern, values = hedge_pattern()
    found = []
    for match in pattern.finditer(text, start, end):
        group = next(name for name, value in match.groupdict().items() if value)
        found.append((match.start(), match.end(), values[group.rsplit("_", 1)[0]]))
    return tuple(found)


def find_hedge(text: str, sentence: tuple[int, int], figure: Figure) -> str | None:
    """The hedge of ``figure`` in the sentence ``text[sentence[0]:sentence[1]]``, or None."""
    left, right = clause_bounds(text, sentence[0], sentence[1], figure)
    lead_end = _lead_in_end(text, sentence[0], sentence[1])
    spans = [(left, right)]
    if lead_end <= figure.start and lead_end < left:
        spans.append((sentence[0], lead_end))
    for start, end in spans:
        for _, match_end, value in _hedges_in(text, start, end):
            if _BEFORE_NUMBER.match(text, match_end) and not (
                match_end <= figure.start and not text[match_end : figure.start].strip()
            ):
                continue
            return value
    return None


def assign_hedges(doc: Document) -> None:
    """Fill hedge of every claim in ``doc``."""
    for index, claim in enumerate(doc.claims):
        sentence = doc.sentences[doc.sentence_of[index]]
        claim.hedge = find_hedge(doc.text, (sentence.start, sentence.end), doc.figures[index])
