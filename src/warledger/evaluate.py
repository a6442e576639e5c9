"""Score predicted claims against gold claims, exactly as shared/spec/scoring.md says."""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from warledger.extract.pipeline import extract_article
from warledger.readers import iter_articles
from warledger.record import Article

Record = dict[str, Any]

# The fields scoring.md scores, in its order; "value" is low and high, "period" both its ends.
SCORED_FIELDS: tuple[str, ...] = tuple(
    "value qualifier unit per measure source period places hedge".split()
)
REL_TOL = 1e-6
PERIOD_ENDS = ("period_start", "period_end")


class EvaluationError(Exception):
    """An input to scoring that cannot be used; the message names the file."""


class UnreadableClaims(EvaluationError):
    """A claims file or folder that is missing or does not hold JSONL claim records."""


class UnreadableArticle(EvaluationError):
    """A gold article that no given folder holds, or that cannot be read."""


# --- reading -------------------------------------------------------------------------------------


def load_claims(path: str | Path) -> list[Record]:
    """Claim records from a .jsonl file, or from every .jsonl file of a folder (sorted by name)."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if not files:
            raise UnreadableClaims(f"{path}: no .jsonl files in this folder")
    else:
        files = [path]
    return [record for file in files for record in _read_jsonl(file)]


def _read_jsonl(file: Path) -> Iterator[Record]:
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise UnreadableClaims(f"{file}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise UnreadableClaims(f"{file}: not UTF-8 text") from error
    # Split on "\n" only: str.splitlines() would also break on U+2028, which JSON written with
    # ensure_ascii=False may carry raw inside a quote.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise UnreadableClaims(f"{file}:{number}: not JSON ({error.msg})") from error
        if not isinstance(record, dict) or not {"article", "start", "end"} <= record.keys():
            raise UnreadableClaims(f"{file}:{number}: a claim needs article, start and end")
        yield record


def extract_gold_articles(gold: Iterable[Record], folders: Sequence[str | Path]) -> list[Record]:
    """Extract the articles the gold claims name, each found by file name in ``folders``."""
    predictions: list[Record] = []
    for article_id in dict.fromkeys(claim["article"] for claim in gold):
        path = _find_article(article_id, folders)
        for item in iter_articles([str(path)]):
            if not isinstance(item, Article):
                raise UnreadableArticle(str(item))
            predictions.extend(dataclasses.asdict(claim) for claim in extract_article(item))
    return predictions


def _find_article(article_id: str, folders: Sequence[str | Path]) -> Path:
    name = _file_name(article_id)
    for folder in folders:
        candidate = Path(folder) / name
        if candidate.is_file():
            return candidate
    searched = ", ".join(str(folder) for folder in folders)
    raise UnreadableArticle(f"{name}: not found in {searched}")


# --- matching ------------------------------------------------------------------------------------


def _file_name(article_id: str) -> str:
    return PurePosixPath(article_id.replace("\\", "/")).name


def _group_by_article(
    gold: Sequence[Record], predicted: Sequence[Record]
) -> tuple[dict[str, tuple[list[Record], list[Record]]], int]:
    """Gold and predictions side by side per gold article id, and how many predictions fit none.

    A prediction goes to the gold article of the same id or, failing that, to the one gold article
    with the same file name ("../shared/seeds/seed-article.txt" is gold's "seed-article.txt").
    """
    groups: dict[str, tuple[list[Record], list[Record]]] = {}
    for claim in gold:
        groups.setdefault(claim["article"], ([], []))[0].append(claim)
    by_name: dict[str, list[str]] = {}
    for article_id in groups:
        by_name.setdefault(_file_name(article_id), []).append(article_id)
    unscored = 0
    for claim in predicted:
        article_id = claim["article"]
        if article_id not in groups:
            same_name = by_name.get(_file_name(article_id), [])
            article_id = same_name[0] if len(same_name) == 1 else None
        if article_id is None:
            unscored += 1
        else:
            groups[article_id][1].append(claim)
    return groups, unscored


def _overlap(a: Record, b: Record) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def _is_optional(claim: Record) -> bool:
    return bool(claim.get("optional"))


@dataclass(slots=True)
class ArticleMatch:
    """How one article's predictions pair with its gold claims."""

    pairs: list[tuple[Record, Record]] = field(default_factory=list)
    false_positives: list[Record] = field(default_factory=list)
    false_negatives: list[Record] = field(default_factory=list)
    ignored: list[Record] = field(default_factory=list)


def match_article(gold: Sequence[Record], predicted: Sequence[Record]) -> ArticleMatch:
    """Pair one article's claims greedily, largest overlap first, each claim used once."""
    candidates = sorted(
        # Ties in overlap go to the closer span, then to text order, so results are stable.
        (-shared, abs(g["start"] - p["start"]) + abs(g["end"] - p["end"]), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(predicted)
        if (shared := _overlap(g, p)) > 0
    )
    gold_used: set[int] = set()
    predicted_used: set[int] = set()
    match = ArticleMatch()
    for _, _, gi, pi in candidates:
        if gi not in gold_used and pi not in predicted_used:
            gold_used.add(gi)
            predicted_used.add(pi)
            match.pairs.append((gold[gi], predicted[pi]))
    match.pairs.sort(key=lambda pair: pair[0]["start"])
    for pi, claim in enumerate(predicted):
        if pi in predicted_used:
            continue
        on_optional = any(_is_optional(g) and _overlap(g, claim) > 0 for g in gold)
        (match.ignored if on_optional else match.false_positives).append(claim)
    match.false_negatives = [
        g for gi, g in enumerate(gold) if gi not in gold_used and not _is_optional(g)
    ]
    return match


# --- fields --------------------------------------------------------------------------------------


def _accepted(gold: Record, name: str) -> list[Any]:
    return list((gold.get("accept") or {}).get(name) or [])


def _close(a: Any, b: Any) -> bool:
    numbers = all(isinstance(x, int | float) and not isinstance(x, bool) for x in (a, b))
    return numbers and math.isclose(a, b, rel_tol=REL_TOL)


def _value_right(gold: Record, predicted: Record) -> bool:
    # An accepted value is a [low, high] pair, or one number for a point value.
    options = [(gold.get("low"), gold.get("high"))] + [
        tuple(option) if isinstance(option, list | tuple) else (option, option)
        for option in _accepted(gold, "value")
    ]
    return any(
        _close(predicted.get("low"), low) and _close(predicted.get("high"), high)
        for low, high in options
    )


def _equal_or_accepted(name: str, gold: Record, predicted: Record) -> bool:
    value = predicted.get(name)
    return value == gold.get(name) or value in _accepted(gold, name)


def _period_right(gold: Record, predicted: Record) -> bool:
    # Each end on its own: a start from the gold and an end from accept.period_end is right.
    return all(_equal_or_accepted(end, gold, predicted) for end in PERIOD_ENDS)


def _places_right(gold: Record, predicted: Record) -> bool:
    places = set(predicted.get("places") or ())
    options = [gold.get("places"), *_accepted(gold, "places")]
    return any(places == set(option or ()) for option in options)


FIELD_CHECKS: dict[str, Callable[[Record, Record], bool]] = {
    name: functools.partial(_equal_or_accepted, name) for name in SCORED_FIELDS
}
FIELD_CHECKS.update(value=_value_right, period=_period_right, places=_places_right)


def wrong_fields(gold: Record, predicted: Record) -> list[str]:
    """The scored fields that ``predicted`` gets wrong against ``gold`` (accept included)."""
    return [name for name in SCORED_FIELDS if not FIELD_CHECKS[name](gold, predicted)]


# --- scores --------------------------------------------------------------------------------------


def _ratio(part: int, whole: int) -> float:
    # Nothing to measure (no predictions, no pairs) scores 0 rather than failing.
    return part / whole if whole else 0.0


_COUNTS = ("tp", "fp", "fn", "ignored", "unscored", "pairs", "required", "exact_right")


@dataclass(slots=True)
class Scores:
    """Counts behind every figure scoring.md reports; the figures are properties."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    ignored: int = 0  # unpaired predictions on optional gold claims: neither right nor wrong
    unscored: int = 0  # predictions for articles the gold does not cover
    pairs: int = 0  # true positives whose gold claim is not optional: the field-accuracy base
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SCORED_FIELDS, 0))
    required: int = 0  # non-optional gold claims: the base of `exact`
    exact_right: int = 0
    articles: dict[str, Scores] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def fields(self) -> dict[str, float]:
        return {name: _ratio(self.right[name], self.pairs) for name in SCORED_FIELDS}

    @property
    def exact(self) -> float:
        return _ratio(self.exact_right, self.required)

    def figures(self) -> dict[str, float]:
        """Every reported figure, flat: precision, recall, f1, each field, exact."""
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            **self.fields,
            "exact": self.exact,
        }

    def to_dict(self) -> dict[str, Any]:
        counts = {name: getattr(self, name) for name in _COUNTS}
        result: dict[str, Any] = {**counts, **self.figures()}
        if self.articles:
            result["articles"] = {key: value.to_dict() for key, value in self.articles.items()}
        return result

    def add(self, other: Scores) -> None:
        for name in _COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in SCORED_FIELDS:
            self.right[name] += other.right[name]


def _score_match(gold: Sequence[Record], match: ArticleMatch) -> Scores:
    scores = Scores(
        tp=len(match.pairs),
        fp=len(match.false_positives),
        fn=len(match.false_negatives),
        ignored=len(match.ignored),
        required=sum(not _is_optional(g) for g in gold),
    )
    for g, p in match.pairs:
        if _is_optional(g):
            continue
        scores.pairs += 1
        wrong = wrong_fields(g, p)
        scores.exact_right += not wrong
        for name in SCORED_FIELDS:
            scores.right[name] += name not in wrong
    return scores


def score(gold: Sequence[Record], predicted: Sequence[Record]) -> Scores:
    """Detection and field scores of ``predicted`` against ``gold``, overall and per article."""
    groups, unscored = _group_by_article(gold, predicted)
    total = Scores(unscored=unscored)
    for article_id, (gold_claims, predictions) in groups.items():
        article_scores = _score_match(gold_claims, match_article(gold_claims, predictions))
        total.articles[article_id] = article_scores
        total.add(article_scores)
    return total


# --- mismatches ----------------------------------------------------------------------------------


def _shown(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _number(value: Any) -> str:
    # 2500000.0 reads as "2,500,000", the way an article writes it.
    return format(value, ",.10g") if isinstance(value, int | float) else _shown(value)


def _figure(claim: Record) -> str:
    low, high = claim.get("low"), claim.get("high")
    return _number(low) if low == high else f"{_number(low)}-{_number(high)}"


@dataclass(slots=True, frozen=True)
class Mismatch:
    """One thing to fix: a wrong field of a paired claim, a false positive or a false negative."""

    kind: str  # "field", "false_positive" or "false_negative"
    article: str
    start: int
    end: int
    figure: str  # the claim's value as "low" or "low-high"
    quote: str
    field: str | None = None
    predicted: Any = None
    gold: Any = None
    accepted: Any = None

    def __str__(self) -> str:
        where = f"{self.start}-{self.end} ({self.figure})"
        if self.kind != "field":
            return f"{self.kind.replace('_', ' ')} {where}: {self.quote}"
        also = f" or one of {_shown(self.accepted)}" if self.accepted else ""
        return (
            f"{self.field} {where}: predicted {_shown(self.predicted)}, "
            f"gold {_shown(self.gold)}{also}"
        )


def _field_view(name: str, claim: Record) -> Any:
    if name == "value":
        return [claim.get("low"), claim.get("high")]
    if name == "period":
        return [claim.get(end) for end in PERIOD_ENDS]
    if name == "places":
        return sorted(claim.get("places") or [])
    return claim.get(name)


def _accepted_view(name: str, gold: Record) -> Any:
    if name == "period":
        ends = {end: _accepted(gold, end) for end in PERIOD_ENDS}
        return {end: options for end, options in ends.items() if options} or None
    return _accepted(gold, name) or None


def _claim_mismatch(kind: str, article: str, claim: Record, **details: Any) -> Mismatch:
    figure = _figure(claim)
    quote = claim.get("quote") or ""
    return Mismatch(kind, article, claim["start"], claim["end"], figure, quote, **details)


def _field_mismatches(article: str, gold: Record, predicted: Record) -> Iterator[Mismatch]:
    for name in wrong_fields(gold, predicted):
        yield _claim_mismatch(
            "field",
            article,
            gold,
            field=name,
            predicted=_field_view(name, predicted),
            gold=_field_view(name, gold),
            accepted=_accepted_view(name, gold),
        )


def mismatches(gold: Sequence[Record], predicted: Sequence[Record]) -> Iterator[Mismatch]:
    """Every scored field that is wrong and every false positive and negative, by article."""
    groups, _ = _group_by_article(gold, predicted)
    for article, (gold_claims, predictions) in groups.items():
        match = match_article(gold_claims, predictions)
        found = [
            mismatch
            for g, p in match.pairs
            if not _is_optional(g)
            for mismatch in _field_mismatches(article, g, p)
        ]
        found += [_claim_mismatch("false_positive", article, p) for p in match.false_positives]
        found += [_claim_mismatch("false_negative", article, g) for g in match.false_negatives]
        yield from sorted(found, key=lambda mismatch: mismatch.start)
