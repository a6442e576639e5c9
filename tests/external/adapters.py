"""What every external suite shares: expected results in our terms and the judge of one case.

Each suite adapter (recognizers.py, quantulum.py) turns a foreign case into an ``ExternalCase``:
the text, the expected results it can state in warledger's terms, and the spans of results that
are out of scope for warledger (years, ordinals, numbers inside names...). The judge then runs
``find_figures`` and calls the case right only when every in-scope expected result is found with
the right value (and unit, qualifier, rate where the suite says them) and no figure of the
suite's kind appears where the suite expects none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from warledger.extract.document import Figure
from warledger.extract.figures import find_figures

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
EXTERNAL = SHARED / "external"

UnitCheck = Callable[[str | None], bool]
FigureKind = Callable[[Figure], bool]

_CURRENCY_CODE = re.compile(r"[A-Z]{3}")


def is_currency(unit: str | None) -> bool:
    """ISO 4217 codes (and BTC, which the suites count as money) are upper-case three letters."""
    return unit is not None and _CURRENCY_CODE.fullmatch(unit) is not None


def any_figure(figure: Figure) -> bool:
    return True


def unit_in(*units: str | None) -> UnitCheck:
    accepted = frozenset(units)
    return lambda unit: unit in accepted


@dataclass(frozen=True, slots=True)
class Expected:
    """One result a suite expects, in warledger's terms.

    ``start``/``end`` (end exclusive) are None when the suite gives no place in the text; then
    the value alone picks the figure. ``qualifier``, ``unit`` and ``per`` are checked only when
    the suite states them (``check_per`` because None is itself a meaningful rate: "no rate").
    """

    low: float
    high: float
    start: int | None = None
    end: int | None = None
    qualifier: str | None = None
    unit: UnitCheck | None = None
    per: str | None = None
    check_per: bool = False
    text: str = ""
    # A fraction ("two thirds" = 0.667): claims.md writes fractions as percent (66.67), so that
    # reading is right too.
    fraction: bool = False


@dataclass(slots=True)
class ExternalCase:
    """A suite case: its text, what it expects, and the spans it expects but we leave out."""

    suite: str
    index: int
    text: str
    expected: list[Expected] = field(default_factory=list)
    # (start, end, reason): results the grammar leaves out on purpose; figures overlapping them
    # are neither rewarded nor counted as spurious.
    out_of_scope: list[tuple[int | None, int | None, str]] = field(default_factory=list)
    # A whole case can be out of scope ("a unit the product does not cover") with its reason.
    skip_reason: str | None = None
    # Which figures count as spurious when nothing is expected at their place: a currency suite
    # says nothing about plain numbers, a number suite about every number.
    kind: FigureKind = any_figure


@dataclass(slots=True)
class Verdict:
    """How one case went: ``status`` is pass, fail or skip, ``reasons`` say why."""

    case: ExternalCase
    status: str
    reasons: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


@dataclass(slots=True)
class SuiteScore:
    """Pass rate = cases fully right / cases in scope, with the reasons behind the rest."""

    name: str
    passed: int = 0
    in_scope: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    # Single expected results left out of otherwise judged cases (a year beside a count).
    left_out: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    verdicts: list[Verdict] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.passed / self.in_scope if self.in_scope else 0.0

    def summary(self) -> str:
        skipped = sum(self.skipped.values())
        return (
            f"{self.name}: {self.rate:.3f} ({self.passed}/{self.in_scope} in scope, "
            f"{skipped} skipped: {dict(self.skipped.most_common())}; "
            f"results left out: {dict(self.left_out.most_common())}; "
            f"failures: {dict(self.failures.most_common())})"
        )


def isclose(a: float, b: float) -> bool:
    """numpy.isclose with its defaults (rtol 1e-05, atol 1e-08), without numpy."""
    return abs(a - b) <= 1e-08 + 1e-05 * abs(b)


def overlaps(start: int | None, end: int | None, figure: Figure) -> bool:
    if start is None or end is None:
        return True
    return figure.start < end and start < figure.end


def mismatch(expected: Expected, figure: Figure) -> str | None:
    """Why ``figure`` is not ``expected`` (None when it is): the first field that differs."""
    if (
        expected.fraction
        and figure.unit == "percent"
        and isclose(figure.low, expected.low * 100)
        and isclose(figure.high, expected.high * 100)
    ):
        return None if expected.qualifier in (None, figure.qualifier) else "wrong qualifier"
    if not (isclose(figure.low, expected.low) and isclose(figure.high, expected.high)):
        return "wrong value"
    if expected.qualifier is not None and figure.qualifier != expected.qualifier:
        return "wrong qualifier"
    if expected.unit is not None and not expected.unit(figure.unit):
        return "wrong unit"
    if expected.check_per and figure.per != expected.per:
        return "wrong per"
    return None


def judge(case: ExternalCase) -> Verdict:
    """Run the grammar on the case and compare figure by figure."""
    if case.skip_reason is not None:
        return Verdict(case, "skip", [case.skip_reason])
    if not case.expected and case.out_of_scope:
        return Verdict(case, "skip", sorted({reason for _, _, reason in case.out_of_scope}))
    figures = find_figures(case.text)
    used: set[int] = set()
    reasons: list[str] = []
    for expected in case.expected:
        near = [
            i
            for i, figure in enumerate(figures)
            if i not in used and overlaps(expected.start, expected.end, figure)
        ]
        found = next((i for i in near if mismatch(expected, figures[i]) is None), None)
        if found is not None:
            used.add(found)
        elif near and expected.start is not None:
            reasons.append(mismatch(expected, figures[near[0]]) or "wrong value")
            # The figure at the expected place is this result's wrong reading, not a spurious one.
            used.update(near)
        else:
            reasons.append("missed")
    ignored = [(start, end) for start, end, _ in case.out_of_scope]
    for i, figure in enumerate(figures):
        if i in used or not case.kind(figure):
            continue
        if any(start is not None and overlaps(start, end, figure) for start, end in ignored):
            continue
        reasons.append("spurious")
    return Verdict(case, "fail" if reasons else "pass", reasons, figures)


def score(name: str, cases: Iterable[ExternalCase]) -> SuiteScore:
    """Judge every case of a suite; skipped cases count by reason, not as passed."""
    result = SuiteScore(name)
    for case in cases:
        verdict = judge(case)
        result.verdicts.append(verdict)
        if verdict.status == "skip":
            result.skipped.update(verdict.reasons)
            continue
        result.in_scope += 1
        result.left_out.update(reason for _, _, reason in case.out_of_scope)
        if verdict.status == "pass":
            result.passed += 1
        else:
            result.failures.update(set(verdict.reasons))
    return result


# Out-of-scope detectors shared by the suites: claims.md says numbers that are part of a date or
# a year, ordinals and numbers inside names are not figures, so the grammar leaves them out.
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)(?:s|'s)?")
_ORDINAL_DIGITS = re.compile(r"\d+\s*(?:st|nd|rd|th)", re.IGNORECASE)
_ORDINAL_WORD = re.compile(
    r"(the\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh"
    r"|twelfth|\w+teenth|\w+tieth|hundredth|thousandth)",
    re.IGNORECASE,
)
_SLASH_DATE = re.compile(r"\d{1,4}/\d{1,2}/\d{1,4}")
_MONTH_BEFORE = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*\.?\s*$", re.IGNORECASE
)
# The word just before a number, and what separates them ("Voyager 2", "SCP-173").
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z0-9]*)([ \"'\u00a0]+|-)$")
# Capitalised words before a number that are not names: currency codes ("USD 200").
_NOT_NAMES = frozenset({"usd", "eur", "gbp", "rmb", "us", "the", "about", "all", "i", "and"})


def is_year(surface: str) -> bool:
    """ "2013", "1979", "1960s": four digits a report would read as a year, not a count."""
    return _YEAR.fullmatch(surface.strip()) is not None


def is_ordinal(surface: str) -> bool:
    surface = surface.strip()
    return (
        _ORDINAL_DIGITS.fullmatch(surface) is not None
        or _ORDINAL_WORD.fullmatch(surface) is not None
    )


def in_date(text: str, start: int, end: int) -> bool:
    """The number sits in a date: "5/17/2018" around it, or a month name just before it."""
    for match in _SLASH_DATE.finditer(text):
        if match.start() <= start and end <= match.end():
            return True
    return _MONTH_BEFORE.search(text[max(0, start - 8) : start]) is not None


def in_name(text: str, start: int, end: int) -> bool:
    """Digits glued to letters ("06F6"), after a code ("SCP-173", "i7 860"), after a
    camel-case word ("iPhone 11") or after a capitalised word mid-sentence ("Voyager 2",
    "English 101") are part of a name."""
    if not text[start:end].strip()[:1].isdigit():
        return False
    if (start > 0 and text[start - 1].isalpha()) or (end < len(text) and text[end].isalpha()):
        return True
    match = _WORD_BEFORE.search(text[:start])
    if match is None:
        return False
    word, gap = match.groups()
    if word.lower() in _NOT_NAMES:
        return False
    if any(ch.isdigit() for ch in word) or (gap == "-" and word.isupper()):
        return True
    prior = text[: match.start()].rstrip()
    if any(ch.isupper() for ch in word[1:]):
        return True  # "iPhone 11", "MacBook 16"
    return word[0].isupper() and bool(prior) and prior[-1] not in ".!?:"
