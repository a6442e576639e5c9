"""Charts of claims over time (Vega-Lite through altair): data in, an altair chart out.

``timeline_data`` sorts claims and reference points into what a timeline draws: running totals
(a line per source, a point per claim, a bar from low to high for a range), counts over shorter
periods (a bar across the period), rates (their own panel, per day) and reference series (a
thin line). ``timeline_chart`` draws them; ``save_chart`` writes PNG, SVG or a self-contained
HTML page (the Vega scripts inlined: no network needed to view it). Nothing here reads the
ledger, so a web page can reuse the charts on data it already holds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import altair as alt

from warledger.knowledge.registry import default_registry
from warledger.ledger.reference import RUNNING_TOTAL_START, ReferencePoint
from warledger.record import Claim

# Days in a rate's time unit, to put every rate on one per-day scale.
_DAYS_PER = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "year": 365.25}
# Reference series reach years past the articles: drawn over the claims' span plus this margin.
_REFERENCE_MARGIN = timedelta(days=45)
_SOURCE_COLOURS = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
)
_REFERENCE_COLOURS = ("#4d4d4d", "#999999", "#b07aa1")
_MEASURE_TITLES = {
    "casualties": "Casualties (killed and wounded)",
    "killed": "Killed",
    "wounded": "Wounded",
    "equipment": "Equipment losses",
}
_LINE_GAP = timedelta(days=365)
_SHAPES = {"single value": "circle", "range (bar from low to high)": "diamond"}
WIDTH = 760


@dataclass(slots=True)
class TimelineData:
    """Rows for each layer of a timeline, all in one ``unit``; dates are ISO strings."""

    unit: str
    totals: list[dict[str, Any]] = field(default_factory=list)
    counts: list[dict[str, Any]] = field(default_factory=list)
    rates: list[dict[str, Any]] = field(default_factory=list)
    reference: list[dict[str, Any]] = field(default_factory=list)
    reference_rates: list[dict[str, Any]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when there is nothing to draw."""
        return not (self.totals or self.counts or self.rates or self.reference)


def source_label(key: str | None) -> str:
    """The name a legend shows for a source key: the registry's name, else the key."""
    if key is None:
        return "(no source named)"
    found = default_registry().get(key)
    return found.name if found is not None else key


def _chosen_unit(claims: Sequence[Claim], reference: Sequence[ReferencePoint]) -> str:
    counted = Counter(claim.unit for claim in claims if claim.unit and claim.period_end)
    if not counted:
        counted = Counter(point.unit for point in reference)
    return counted.most_common(1)[0][0] if counted else "person"


def _claim_row(claim: Claim, value: float, low: float, high: float) -> dict[str, Any]:
    return {
        "source": source_label(claim.source),
        "start": claim.period_start,
        "date": claim.period_end,
        "value": value,
        "low": low,
        "high": high,
        "ranged": high > low,
        "figure": "range (bar from low to high)" if high > low else "single value",
        "qualifier": claim.qualifier,
        "per": claim.per,
        "quote": claim.quote,
        "article": claim.article,
    }


def timeline_data(
    claims: Iterable[Claim], reference: Iterable[ReferencePoint], unit: str | None = None
) -> TimelineData:
    """Claims (with a period end) and reference points of one unit, sorted into layers.

    ``unit`` defaults to the claims' most common unit. Reference points are running totals
    only, drawn over the claims' time span (plus a margin) when there are claims.
    """
    claims = list(claims)
    reference = list(reference)
    data = TimelineData(unit or _chosen_unit(claims, reference))
    for claim in claims:
        if claim.unit != data.unit or claim.period_end is None:
            continue
        middle = (claim.low + claim.high) / 2
        if claim.per is not None:
            days = _DAYS_PER.get(claim.per, 1.0)
            row = _claim_row(claim, middle / days, claim.low / days, claim.high / days)
            data.rates.append(row)
        elif claim.period_start in (None, RUNNING_TOTAL_START.isoformat()):
            data.totals.append(_claim_row(claim, middle, claim.low, claim.high))
        else:
            data.counts.append(_claim_row(claim, middle, claim.low, claim.high))
    days = [row["date"] for row in (*data.totals, *data.counts, *data.rates)]
    first = date.fromisoformat(min(days)) - _REFERENCE_MARGIN if days else date.min
    last = date.fromisoformat(max(days)) + _REFERENCE_MARGIN if days else date.max
    for point in reference:
        if point.unit == data.unit and point.is_running_total and first <= point.period_end <= last:
            data.reference.append(
                {
                    "series": f"{source_label(point.source)}, daily series",
                    "date": point.period_end.isoformat(),
                    "value": point.value,
                }
            )
    if data.rates:
        data.reference_rates = monthly_rates(data.reference)
    for rows in (data.totals, data.counts, data.rates):
        rows.sort(key=lambda row: (row["source"], row["date"]))
    _mark_stretches(data.totals)
    return data


def _mark_stretches(rows: list[dict[str, Any]]) -> None:
    # A line joins a source's figures only when they are less than _LINE_GAP apart: a straight
    # line across two years would draw a course the source never claimed.
    stretch = 0
    for index, row in enumerate(rows):
        before = rows[index - 1] if index else None
        if (
            before is None
            or before["source"] != row["source"]
            or date.fromisoformat(row["date"]) - date.fromisoformat(before["date"]) > _LINE_GAP
        ):
            stretch += 1
        row["stretch"] = stretch


def monthly_rates(totals: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each running-total series as its average per day over each month (month-end to end).

    ``totals`` are reference rows (series, date, value); a month's row sits on its last day.
    """
    month_ends: dict[tuple[str, str], dict[str, Any]] = {}
    for row in sorted(totals, key=lambda row: (row["series"], row["date"])):
        month_ends[(row["series"], row["date"][:7])] = row
    rates = []
    previous: dict[str, Any] | None = None
    for row in month_ends.values():
        if previous is not None and previous["series"] == row["series"]:
            days = (date.fromisoformat(row["date"]) - date.fromisoformat(previous["date"])).days
            if days > 0:
                rate = (row["value"] - previous["value"]) / days
                rates.append({"series": row["series"], "date": row["date"], "value": rate})
        previous = row
    return rates


def _colours(data: TimelineData) -> alt.Scale:
    # Claims' sources get strong colours; reference series greys, so the two never mix up.
    sources = sorted({row["source"] for row in (*data.totals, *data.counts, *data.rates)})
    series = sorted({row["series"] for row in data.reference})
    colours = [_SOURCE_COLOURS[i % len(_SOURCE_COLOURS)] for i in range(len(sources))]
    colours += [_REFERENCE_COLOURS[i % len(_REFERENCE_COLOURS)] for i in range(len(series))]
    return alt.Scale(domain=[*sources, *series], range=colours)


def _x(field: str = "date") -> alt.X:
    return alt.X(
        f"{field}:T",
        title=None,
        axis=alt.Axis(
            format="%b %Y",
            labelAngle=0,
            labelOverlap="greedy",
            tickCount={"interval": "month", "step": 3},
            grid=True,
        ),
    )


def _y(title: str, field: str = "value") -> alt.Y:
    return alt.Y(f"{field}:Q", title=title, axis=alt.Axis(format=",.0f"))


def _tooltip(value_title: str) -> list[alt.Tooltip]:
    return [
        alt.Tooltip("source:N", title="source"),
        alt.Tooltip("date:T", title="period end", format="%d %b %Y"),
        alt.Tooltip("low:Q", title=f"{value_title} (low)", format=",.0f"),
        alt.Tooltip("high:Q", title=f"{value_title} (high)", format=",.0f"),
        alt.Tooltip("qualifier:N"),
        alt.Tooltip("quote:N"),
        alt.Tooltip("article:N"),
    ]


def _claim_layers(
    rows: list[dict[str, Any]], colour: alt.Scale, y_title: str, line: bool = True
) -> list[Any]:
    base = alt.Chart(alt.Data(values=rows))
    colour_channel = alt.Color("source:N", scale=colour, title="Source")
    layers = []
    if line:
        layers.append(
            base.mark_line(strokeWidth=1.5, opacity=0.45).encode(
                x=_x(), y=_y(y_title), color=colour_channel, detail="stretch:N"
            )
        )
    layers.append(
        base.transform_filter(alt.datum.ranged)
        .mark_rule(strokeWidth=2.5, opacity=0.8)
        .encode(x=_x(), y=_y(y_title, "low"), y2="high:Q", color=colour_channel)
    )
    layers.append(
        base.mark_point(filled=True, size=75, opacity=1, stroke="white", strokeWidth=0.8).encode(
            x=_x(),
            y=_y(y_title),
            color=colour_channel,
            shape=alt.Shape(
                "figure:N",
                title="Figure",
                scale=alt.Scale(domain=list(_SHAPES), range=list(_SHAPES.values())),
            ),
            tooltip=_tooltip(y_title),
        )
    )
    return layers


def _reference_layer(
    rows: list[dict[str, Any]], colour: alt.Scale, y_title: str, step: bool = False
) -> Any:
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_line(
            strokeWidth=1.2, strokeDash=[5, 3], interpolate="step-before" if step else "linear"
        )
        .encode(
            x=_x(),
            y=_y(y_title),
            color=alt.Color("series:N", scale=colour, title="Source"),
            tooltip=[
                alt.Tooltip("series:N"),
                alt.Tooltip("date:T", format="%d %b %Y"),
                alt.Tooltip("value:Q", format=",.0f"),
            ],
        )
    )


def _panel(layers: list[Any], title: str, height: int) -> Any:
    return alt.layer(*layers).properties(
        width=WIDTH, height=height, title=alt.Title(title, anchor="start", fontSize=13)
    )


def _unit_words(unit: str) -> str:
    return "people" if unit == "person" else unit if unit.endswith("s") else f"{unit}s"


def timeline_chart(data: TimelineData, measure: str) -> Any:
    """The timeline: running totals (with reference series), counts over periods, rates."""
    colour = _colours(data)
    unit = _unit_words(data.unit)
    panels = []
    if data.totals or data.reference:
        total_title = f"Running total ({unit})"
        layers = [_reference_layer(data.reference, colour, total_title)] if data.reference else []
        if data.totals:
            layers += _claim_layers(data.totals, colour, total_title)
        panels.append(_panel(layers, "Running totals since 24 February 2022", 380))
    if data.counts:
        count_title = f"Count ({unit})"
        spans = (
            alt.Chart(alt.Data(values=data.counts))
            .mark_rule(strokeWidth=3, opacity=0.6)
            .encode(x=_x("start"), x2="date:T", y=_y(count_title), color=alt.Color("source:N"))
        )
        layers = [spans, *_claim_layers(data.counts, colour, count_title, line=False)]
        panels.append(_panel(layers, "Counts over shorter periods (a bar spans the period)", 170))
    if data.rates or data.reference_rates:
        rate_title = f"{unit.capitalize()} per day"
        layers = (
            [_reference_layer(data.reference_rates, colour, rate_title, step=True)]
            if (data.reference_rates)
            else []
        )
        if data.rates:
            layers += _claim_layers(data.rates, colour, rate_title, line=False)
        note = (
            " (dashed: the daily series' average over each month)" if data.reference_rates else ""
        )
        panels.append(_panel(layers, f"Rates, per day{note}", 190))
    title = alt.Title(
        f"{_MEASURE_TITLES.get(measure, measure.replace('_', ' ').capitalize())}: "
        "figures claimed in the articles, by source",
        subtitle="Dashed: the source's own daily series. Dates: the end of each figure's period.",
        anchor="start",
        fontSize=16,
    )
    chart = alt.vconcat(*panels, title=title, spacing=24).resolve_scale(x="shared")
    return chart.configure_legend(
        orient="bottom",
        direction="vertical",
        columns=2,
        labelLimit=400,
        titleFontSize=12,
        symbolOpacity=1,
    ).configure_axis(labelFontSize=11, titleFontSize=12)


def save_chart(chart: Any, path: str | Path) -> Path:
    """Write ``chart`` as PNG (2x), SVG or a self-contained HTML page, by ``path``'s suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".png":
        chart.save(str(path), scale_factor=2)
    elif suffix == ".svg":
        chart.save(str(path))
    elif suffix == ".html":
        chart.save(str(path), inline=True)
    else:
        raise ValueError(f"{path}: a chart is written as .png, .svg or .html")
    return path
