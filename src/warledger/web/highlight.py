"""An article body as HTML with every extracted figure marked, built from the claims' offsets.

Every slice of the body goes through ``markupsafe.escape``: an article holding
``<script>alert(1)</script>`` shows those characters and runs nothing. Only the ``<a>`` marks
around figures are our markup, and their attributes are escaped too.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from warledger.ledger import StoredClaim

# One colour per measure (a class in static/style.css); the order is the legend's.
MEASURES = (
    "casualties",
    "killed",
    "wounded",
    "conscripted",
    "mobilized",
    "recruited",
    "signing_bonus",
    "payment",
    "debt_relief_limit",
    "applications",
    "deported",
    "detained",
    "equipment",
    "population",
    "age_limit",
    "share",
    "other",
)


def measure_class(measure: str) -> str:
    """The CSS class of a measure's colour; a measure without its own colour takes ``other``'s."""
    return "m-" + (measure if measure in MEASURES else "other")


def highlighted_body(body: str, found: list[StoredClaim]) -> Markup:
    """``body`` as escaped HTML, each claim's figure marked ``<a id="f{start}-{end}" ...>``.

    A figure overlapping an earlier one is left unmarked (its record is still listed).
    """
    parts: list[str] = []
    shown = 0
    for index, stored in sorted(enumerate(found), key=lambda pair: pair[1].claim.start):
        claim = stored.claim
        if claim.start < shown or not 0 <= claim.start < claim.end <= len(body):
            continue
        parts.append(escape(body[shown : claim.start]))
        parts.append(
            Markup(
                '<a class="fig {cls}" id="f{start}-{end}" href="#c{start}-{end}" '
                'data-claim="{i}" title="{measure}">{text}</a>'
            ).format(
                cls=measure_class(claim.measure),
                start=claim.start,
                end=claim.end,
                i=index,
                measure=claim.measure,
                text=body[claim.start : claim.end],
            )
        )
        shown = claim.end
    parts.append(escape(body[shown:]))
    return Markup("").join(parts)


def highlighted_quote(quote: str, at: int | None, length: int) -> Markup:
    """``quote`` as escaped HTML with the figure ``quote[at:at + length]`` in ``<mark>``; the
    quote unmarked when ``at`` is None or out of range."""
    if at is None or not 0 <= at < at + length <= len(quote):
        return escape(quote)
    return Markup("{}<mark>{}</mark>{}").format(
        quote[:at], quote[at : at + length], quote[at + length :]
    )
