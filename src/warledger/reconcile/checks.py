"""Fact-checker checks over the ledger's figures, each finding with the evidence that triggers it.

- ``decreasing-total``: a source's running total (since 2022-02-24) that goes down over time.
- ``wrong-originator``: the same figure (measure, value, period) credited to different sources,
  where one article relays the other's data ("citing", "according to ... data").
- ``outlier``: a figure far from its source's own values for the measure (as daily rates, robust
  z-score on the median absolute deviation), or a running total that jumps far more in a day
  than its neighbours do.
- ``relay-mismatch``: a relayed figure ("citing X") that differs from X's own report for the
  same measure and period end.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from statistics import median

from warledger.knowledge.registry import default_registry
from warledger.ledger import ClaimFilter, Ledger
from warledger.reconcile.facts import Figure, load_figures

CHECKS = ("decreasing-total", "wrong-originator", "outlier", "relay-mismatch")
# Iglewicz and Hoaglin's cut-off for the modified z-score: beyond 3.5 is an outlier.
OUTLIER_Z = 3.5
MIN_SERIES = 4
# A day's increase of a running total this many times the median of its other increases.
JUMP_FACTOR = 5.0
RELAY_TOLERANCE = 0.01
# Measures that count what happens over time, so that a figure over a longer period is larger.
FLOW_MEASURES = frozenset(
    {
        "casualties",
        "killed",
        "wounded",
        "conscripted",
        "mobilized",
        "recruited",
        "deported",
        "detained",
        "equipment",
        "applications",
    }
)


@dataclass(slots=True)
class Finding:
    """One check that fires: which, for whom, why, and the figures (with quotes) behind it."""

    check: str
    source: str | None
    measure: str
    message: str
    figures: list[Figure] = field(default_factory=list)


def _value(figure: Figure) -> str:
    text = f"{figure.low:,.0f}"
    if figure.high != figure.low:
        text += f"-{figure.high:,.0f}"
    return text + (f"/{figure.per}" if figure.per else "")


def _series(figures: Iterable[Figure]) -> dict[tuple[object, ...], list[Figure]]:
    """Running totals by (source, measure, unit, places), ordered by period end."""
    series: dict[tuple[object, ...], list[Figure]] = defaultdict(list)
    for figure in figures:
        if figure.is_running_total and figure.source and not figure.reference:
            key = (figure.source, figure.measure, figure.unit, tuple(figure.places))
            series[key].append(figure)
    for members in series.values():
        members.sort(key=lambda f: (f.period_end or "", f.low))
    return series


def decreasing_totals(figures: Iterable[Figure]) -> list[Finding]:
    """A running total stated lower than the same source's total for an earlier date."""
    found = []
    for (source, measure, *_), members in _series(figures).items():
        highest: Figure | None = None
        for figure in members:
            if highest is not None and (highest.period_end or "") < (figure.period_end or ""):
                if figure.bounds()[1] < highest.bounds()[0]:
                    message = (
                        f"running total falls from {_value(highest)} (to {highest.period_end}) "
                        f"to {_value(figure)} (to {figure.period_end})"
                    )
                    found.append(
                        Finding(CHECKS[0], str(source), str(measure), message, [highest, figure])
                    )
            if highest is None or figure.low > highest.low:
                highest = figure
    return found


def wrong_originators(figures: Iterable[Figure]) -> list[Finding]:
    """The same measure, value and period credited to two or more sources."""
    groups: dict[tuple[object, ...], list[Figure]] = defaultdict(list)
    for figure in figures:
        if figure.source and figure.period_end and not figure.reference:
            key = (
                figure.measure,
                figure.low,
                figure.high,
                figure.unit,
                figure.per,
                figure.period_start,
                figure.period_end,
            )
            groups[key].append(figure)
    found = []
    for (measure, *_), members in groups.items():
        sources = list(dict.fromkeys(str(f.source) for f in members))
        if not _unrelated_pair(sources):
            continue
        relays = [
            f"{f.source} in {f.evidence[0].article} relays {', '.join(f.relays)}"
            for f in members
            if f.relays
        ]
        message = f"{_value(members[0])} ({members[0].period_start} – {members[0].period_end}) "
        message += "credited to " + " and ".join(str(s) for s in sources)
        if relays:
            message += "; " + "; ".join(relays)
        found.append(Finding(CHECKS[1], sources[0], str(measure), message, members))
    return found


def _unrelated_pair(sources: list[str]) -> bool:
    """Two of the sources are neither the same body nor one part of the other (uk-mod, uk-gov)."""
    registry = default_registry()
    family = {s: {s, *registry.ancestors(s)} for s in sources}
    return any(
        a not in family[b] and b not in family[a]
        for i, a in enumerate(sources)
        for b in sources[i + 1 :]
    )


def _robust_z(values: list[float]) -> list[float]:
    middle = median(values)
    deviations = [abs(v - middle) for v in values]
    mad = median(deviations)
    if mad > 0:
        return [0.6745 * (v - middle) / mad for v in values]
    # Half the values equal the median: scale by the mean absolute deviation instead.
    mean_deviation = sum(deviations) / len(values)
    if mean_deviation == 0:
        return [0.0] * len(values)
    return [(v - middle) / (1.253314 * mean_deviation) for v in values]


def outliers(figures: Iterable[Figure]) -> list[Finding]:
    """Figures far outside their source's own trend, and running totals that jump."""
    chosen = [f for f in figures if f.source and not f.reference]
    groups: dict[tuple[object, ...], list[tuple[Figure, float]]] = defaultdict(list)
    for figure in chosen:
        # Running totals have their own check (jumps); stocks (population, shares, prices) have
        # no rate to compare.
        if figure.is_running_total or figure.measure not in FLOW_MEASURES:
            continue
        rate = figure.per_day(figure.middle)
        if rate is not None:
            groups[(figure.source, figure.measure, figure.unit)].append((figure, rate))
    found = []
    for (source, measure, _), members in groups.items():
        if len(members) < MIN_SERIES:
            continue
        typical = median(rate for _, rate in members)
        for (figure, rate), z in zip(members, _robust_z([r for _, r in members]), strict=True):
            if abs(z) > OUTLIER_Z:
                message = (
                    f"{_value(figure)} is {rate:,.1f} a day, far from {source}'s typical "
                    f"{typical:,.1f} a day for {measure} (robust z {z:+.1f})"
                )
                found.append(Finding(CHECKS[2], str(source), str(measure), message, [figure]))
    found.extend(_jumps(chosen))
    return found


def _days_between(first: Figure, second: Figure) -> int:
    return (
        date.fromisoformat(second.period_end or "") - date.fromisoformat(first.period_end or "")
    ).days


def _jumps(figures: list[Figure]) -> list[Finding]:
    found = []
    for (source, measure, *_), members in _series(figures).items():
        points = list({f.period_end: f for f in members}.values())
        steps = [
            (before, after, (after.middle - before.middle) / _days_between(before, after))
            for before, after in zip(points, points[1:], strict=False)
        ]
        if len(steps) < 3:
            continue
        for index, (before, after, daily) in enumerate(steps):
            others = [abs(step[2]) for k, step in enumerate(steps) if k != index]
            usual = median(others)
            if usual > 0 and daily > JUMP_FACTOR * usual:
                message = (
                    f"running total rises {daily:,.0f} a day from {before.period_end} to "
                    f"{after.period_end}; its other steps rise about {usual:,.0f} a day"
                )
                found.append(
                    Finding(CHECKS[2], str(source), str(measure), message, [before, after])
                )
    return found


def relay_mismatches(
    figures: Iterable[Figure], tolerance: float = RELAY_TOLERANCE
) -> list[Finding]:
    """Relayed figures ("citing X") whose value differs from X's own for that measure and date."""
    chosen = [f for f in figures if f.period_end]
    own: dict[tuple[object, ...], list[Figure]] = defaultdict(list)
    for figure in chosen:
        if figure.source and (figure.reference or figure.source not in figure.relays):
            own[_relay_key(figure.source, figure)].append(figure)
    found = []
    for figure in chosen:
        for originator in figure.relays:
            for original in own.get(_relay_key(originator, figure), []):
                if original is figure or not _differs(figure, original, tolerance):
                    continue
                message = (
                    f"relays {originator} as {_value(figure)}, but {originator}'s own figure "
                    f"for {figure.period_end} is {_value(original)}"
                )
                found.append(
                    Finding(CHECKS[3], originator, figure.measure, message, [figure, original])
                )
    return found


def _relay_key(source: str, figure: Figure) -> tuple[object, ...]:
    # The period's start as well as its end: a day's count and the running total reported with
    # it both end on the report's day.
    return (source, figure.measure, figure.unit, figure.per, figure.period_start, figure.period_end)


def _differs(first: Figure, second: Figure, tolerance: float) -> bool:
    (low_a, high_a), (low_b, high_b) = first.bounds(), second.bounds()
    lower_high, higher_low = (high_a, low_b) if high_a < low_b else (high_b, low_a)
    if higher_low <= lower_high:
        return False
    return lower_high <= 0 or higher_low / lower_high > 1 + tolerance


def run_checks(figures: Iterable[Figure], checks: Iterable[str] = CHECKS) -> list[Finding]:
    """Every finding of the named checks over ``figures``."""
    chosen = list(figures)
    runners = {
        "decreasing-total": decreasing_totals,
        "wrong-originator": wrong_originators,
        "outlier": outliers,
        "relay-mismatch": relay_mismatches,
    }
    return [finding for name in checks for finding in runners[name](chosen)]


def check_ledger(
    ledger: Ledger,
    sources: tuple[str, ...] = (),
    measures: tuple[str, ...] = (),
    checks: Iterable[str] = CHECKS,
) -> list[Finding]:
    """Run the checks over the ledger's figures for ``measures`` (all when empty).

    Findings are kept when they involve one of ``sources`` (all when empty): a relay or a
    restatement needs the other sources' figures too, so every source is read.
    """
    findings = run_checks(load_figures(ledger, ClaimFilter(measures=measures)), checks)
    if sources:
        findings = [f for f in findings if any(x.source in sources for x in f.figures)]
    return findings
