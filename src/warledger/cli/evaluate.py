"""``warledger eval``: score predicted claims against gold, print a table or JSON."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable

import click

from warledger.evaluate import (
    SCORED_FIELDS,
    EvaluationError,
    Mismatch,
    Scores,
    extract_gold_articles,
    load_claims,
    mismatches,
    score,
)


def scores_table(scores: Scores) -> str:
    """The report as aligned rows: figure, score, and the counts it comes from."""
    rows = [
        ("precision", scores.precision, f"{scores.tp}/{scores.tp + scores.fp}"),
        ("recall", scores.recall, f"{scores.tp}/{scores.tp + scores.fn}"),
        ("f1", scores.f1, ""),
    ]
    rows += [
        (name, accuracy, f"{scores.right[name]}/{scores.pairs}")
        for name, accuracy in scores.fields.items()
    ]
    rows.append(("exact", scores.exact, f"{scores.exact_right}/{scores.required}"))
    width = max(len(name) for name, _, _ in rows)
    lines = [
        f"{'figure':<{width}}  score  count",
        *(f"{name:<{width}}  {value:.3f}  {count}".rstrip() for name, value, count in rows),
    ]
    notes = []
    if scores.ignored:
        notes.append(f"{scores.ignored} predictions on optional gold claims ignored")
    if scores.unscored:
        notes.append(f"{scores.unscored} predictions for articles without gold left out")
    return "\n".join(lines + notes)


def errors_text(found: Iterable[Mismatch]) -> str:
    """Mismatches grouped under their article's name."""
    lines: list[str] = []
    article = None
    for mismatch in found:
        if mismatch.article != article:
            article = mismatch.article
            lines += ["", f"== {article}"]
        lines.append(f"  {mismatch}")
    return "\n".join(lines)


@click.command("eval")
@click.argument("gold", type=click.Path())
@click.argument("predicted", type=click.Path(), required=False, metavar="[PRED]")
@click.option(
    "--articles",
    "article_folders",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Folder holding the gold's articles by file name: extract them instead of reading PRED."
    " Repeatable.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option(
    "--errors",
    "show_errors",
    is_flag=True,
    help="Also print every wrong field, false positive and false negative, by article.",
)
@click.option(
    "--field",
    "fields",
    multiple=True,
    type=click.Choice(SCORED_FIELDS),
    help="Print only the wrong values of this field (implies --errors; hides false positives"
    " and negatives). Repeatable.",
)
def eval_command(
    gold: str,
    predicted: str | None,
    article_folders: tuple[str, ...],
    as_json: bool,
    show_errors: bool,
    fields: tuple[str, ...],
) -> None:
    """Score claims against hand-checked gold claims, as shared/spec/scoring.md says.

    GOLD and PRED are each a .jsonl file of claim records or a folder of them. Instead of PRED,
    --articles extracts the articles GOLD names, found by file name in the given folders:

    \b
    warledger eval ../shared/gold --articles ../shared/seeds --articles ../shared/corpus/articles

    Prints detection precision, recall and F1, each field's accuracy and `exact`. The exit code
    is 0 whatever the scores; 2 when an input cannot be read.
    """
    if (predicted is None) == (not article_folders):
        raise click.UsageError("give either PRED or --articles, not both or neither")
    try:
        gold_claims = load_claims(gold)
        if predicted is not None:
            predicted_claims = load_claims(predicted)
        else:
            predicted_claims = extract_gold_articles(gold_claims, article_folders)
    except EvaluationError as error:
        click.echo(f"warledger: {error}", err=True)
        raise click.exceptions.Exit(2) from error
    show_errors = show_errors or bool(fields)
    scores = score(gold_claims, predicted_claims)
    found = []
    if show_errors:
        found = [
            mismatch
            for mismatch in mismatches(gold_claims, predicted_claims)
            if not fields or mismatch.field in fields
        ]
    if as_json:
        report = scores.to_dict()
        if show_errors:
            report["errors"] = [dataclasses.asdict(mismatch) for mismatch in found]
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        click.echo(scores_table(scores))
        if show_errors:
            click.echo(errors_text(found))
