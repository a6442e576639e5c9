"""Every rule of shared/spec/scoring.md, on small constructed claims."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from warledger import evaluate
from warledger.cli import main
from warledger.evaluate import (
    UnreadableArticle,
    UnreadableClaims,
    extract_gold_articles,
    load_claims,
    match_article,
    mismatches,
    score,
    wrong_fields,
)
from warledger.record import Claim

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def claim(start: int = 0, end: int = 3, **fields: Any) -> dict[str, Any]:
    """A claim record with every scored field set; ``fields`` override."""
    record = {
        "article": "a.txt",
        "start": start,
        "end": end,
        "quote": "About 300 people were called up.",
        "low": 300,
        "high": 300,
        "qualifier": "approx",
        "unit": "person",
        "per": None,
        "measure": "conscripted",
        "source": "ua-gur",
        "period_start": "2024-10-01",
        "period_end": "2024-12-31",
        "places": ["UA-65", "UA-23"],
        "hedge": None,
    }
    record.update(fields)
    return record


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# --- matching ----------------------------------------------------------------------------------


def test_overlapping_spans_pair_as_true_positive() -> None:
    scores = score([claim(0, 5)], [claim(4, 9)])
    assert (scores.tp, scores.fp, scores.fn) == (1, 0, 0)


def test_touching_spans_do_not_overlap() -> None:
    scores = score([claim(0, 3)], [claim(3, 6)])
    assert (scores.tp, scores.fp, scores.fn) == (0, 1, 1)


def test_greedy_pairing_takes_largest_overlap_first() -> None:
    # P2 overlaps A by 8 and B by 2; P1 overlaps A by 4. Largest first pairs A with P2, which
    # leaves P1 and B unpaired although pairing P1-A and P2-B would have found both.
    gold_a, gold_b = claim(0, 10), claim(8, 12)
    first, second = claim(0, 4), claim(2, 10)
    match = match_article([gold_a, gold_b], [first, second])
    assert match.pairs == [(gold_a, second)]
    assert match.false_positives == [first]
    assert match.false_negatives == [gold_b]


def test_each_gold_claim_pairs_with_one_prediction() -> None:
    scores = score([claim(0, 3)], [claim(0, 3), claim(0, 3)])
    assert (scores.tp, scores.fp, scores.fn) == (1, 1, 0)


def test_claims_of_different_articles_never_pair() -> None:
    scores = score([claim(article="a.txt")], [claim(article="b.txt")])
    assert (scores.tp, scores.fn) == (0, 1)


def test_article_matched_by_file_name_when_paths_differ() -> None:
    gold = [claim(article="seed-article.txt")]
    predicted = [claim(article="../shared/seeds/seed-article.txt")]
    assert score(gold, predicted).tp == 1


def test_same_article_id_wins_over_same_file_name() -> None:
    gold = [claim(article="one/x.txt", low=1, high=1), claim(article="two/x.txt", low=2, high=2)]
    scores = score(gold, [claim(article="two/x.txt", low=2, high=2)])
    assert scores.articles["two/x.txt"].tp == 1
    assert scores.articles["one/x.txt"].fn == 1


def test_file_name_shared_by_two_gold_articles_is_not_guessed() -> None:
    gold = [claim(article="one/x.txt"), claim(article="two/x.txt")]
    scores = score(gold, [claim(article="three/x.txt")])
    assert (scores.tp, scores.unscored) == (0, 1)


def test_predictions_for_articles_without_gold_are_left_out() -> None:
    scores = score([claim(article="a.txt")], [claim(article="other.txt")])
    assert (scores.fp, scores.unscored) == (0, 1)


# --- optional gold claims ----------------------------------------------------------------------


def test_unpaired_prediction_on_optional_gold_is_ignored() -> None:
    scores = score([claim(0, 5, optional=True)], [claim(0, 5), claim(1, 4)])
    assert (scores.tp, scores.fp, scores.ignored) == (1, 0, 1)


def test_unpaired_prediction_overlapping_only_required_gold_is_false_positive() -> None:
    scores = score([claim(0, 5)], [claim(0, 5), claim(1, 4)])
    assert (scores.fp, scores.ignored) == (1, 0)


def test_unfound_optional_gold_is_not_a_false_negative() -> None:
    scores = score([claim(0, 3, optional=True), claim(10, 13)], [])
    assert scores.fn == 1


def test_pair_with_optional_gold_is_true_positive_outside_field_accuracy() -> None:
    scores = score([claim(optional=True)], [claim(source="wrong")])
    assert (scores.tp, scores.pairs) == (1, 0)


def test_exact_is_share_of_required_gold_claims() -> None:
    gold = [claim(0, 3), claim(10, 13), claim(20, 23, optional=True)]
    scores = score(gold, [claim(0, 3), claim(20, 23)])
    assert (scores.exact_right, scores.required, scores.exact) == (1, 2, 0.5)


# --- fields --------------------------------------------------------------------------------------


def test_value_within_relative_tolerance_is_right() -> None:
    gold = claim(low=760_000, high=760_000)
    assert "value" not in wrong_fields(gold, claim(low=760_000.5, high=760_000.5))


def test_value_beyond_relative_tolerance_is_wrong() -> None:
    gold = claim(low=760_000, high=760_000)
    assert "value" in wrong_fields(gold, claim(low=760_001, high=760_001))


def test_value_needs_low_and_high_both_right() -> None:
    gold = claim(low=150_000, high=190_000)
    assert "value" in wrong_fields(gold, claim(low=150_000, high=150_000))


def test_value_accepts_an_alternative_pair() -> None:
    gold = claim(low=70, high=80, accept={"value": [[70_000, 80_000]]})
    assert "value" not in wrong_fields(gold, claim(low=70_000, high=80_000))


@pytest.mark.parametrize(
    ("name", "gold_value", "alternative", "wrong"),
    [
        ("qualifier", "approx", "exact", "more_than"),
        ("unit", "mi", "mile", "km"),
        ("per", "day", None, "week"),
        ("measure", "equipment", "other", "killed"),
        ("source", "ua-general-staff", "uk-mod", "ru-mod"),
        ("hedge", "likely", None, "probably"),
    ],
)
def test_plain_field_is_right_when_gold_or_accepted(
    name: str, gold_value: Any, alternative: Any, wrong: Any
) -> None:
    gold = claim(**{name: gold_value}, accept={name: [alternative]})
    assert name not in wrong_fields(gold, claim(**{name: gold_value}))
    assert name not in wrong_fields(gold, claim(**{name: alternative}))
    assert name in wrong_fields(gold, claim(**{name: wrong}))


def test_accept_of_one_field_does_not_excuse_another() -> None:
    gold = claim(source="ua-gur", accept={"measure": ["ua-mod"]})
    assert wrong_fields(gold, claim(source="ua-mod")) == ["source"]


@pytest.mark.parametrize(
    ("start", "end", "right"),
    [
        ("2024-10-01", "2024-12-31", True),  # gold
        (None, "2024-12-31", True),  # accepted start, gold end
        ("2024-10-01", "2025-01-09", True),  # gold start, accepted end
        (None, "2025-01-09", True),  # both accepted
        ("2025-01-09", "2024-12-31", False),  # an accepted end is no start
        ("2024-10-01", None, False),  # an accepted start is no end
    ],
)
def test_period_ends_are_checked_each_on_its_own(start: Any, end: Any, right: bool) -> None:
    gold = claim(accept={"period_start": [None], "period_end": ["2025-01-09"]})
    predicted = claim(period_start=start, period_end=end)
    assert ("period" not in wrong_fields(gold, predicted)) is right


def test_places_are_compared_as_sets() -> None:
    gold = claim(places=["UA-65", "UA-23"])
    assert "places" not in wrong_fields(gold, claim(places=["UA-23", "UA-65", "UA-23"]))


def test_places_missing_one_region_are_wrong() -> None:
    assert "places" in wrong_fields(claim(places=["UA-65", "UA-23"]), claim(places=["UA-65"]))


@pytest.mark.parametrize(
    ("places", "right"),
    [([], True), (["UA"], True), (["UA-65", "UA-23"], True), (["UA", "UA-65", "UA-23"], False)],
)
def test_places_accept_lists_are_whole_alternative_sets(places: list[str], right: bool) -> None:
    gold = claim(places=["UA-65", "UA-23"], accept={"places": [[], ["UA"]]})
    assert ("places" not in wrong_fields(gold, claim(places=places))) is right


def test_field_accuracy_is_share_of_scored_pairs() -> None:
    gold = [claim(0, 3), claim(10, 13), claim(20, 23), claim(30, 33)]
    predicted = [claim(0, 3), claim(10, 13, unit="people"), claim(20, 23)]
    scores = score(gold, predicted)
    assert scores.fields["unit"] == pytest.approx(2 / 3)
    assert scores.fields["source"] == 1.0


def test_exact_needs_every_field_right() -> None:
    scores = score([claim(0, 3), claim(10, 13)], [claim(0, 3), claim(10, 13, hedge="likely")])
    assert scores.exact == 0.5


def test_precision_recall_and_f1() -> None:
    gold = [claim(0, 3), claim(10, 13), claim(20, 23), claim(30, 33)]
    predicted = [claim(0, 3), claim(10, 13), claim(40, 43)]
    scores = score(gold, predicted)
    assert (scores.precision, scores.recall) == (pytest.approx(2 / 3), 0.5)
    assert scores.f1 == pytest.approx(4 / 7)


def test_nothing_predicted_scores_zero_everywhere() -> None:
    assert set(score([claim()], []).figures().values()) == {0.0}


def test_per_article_scores_add_up_to_the_total() -> None:
    gold = [claim(article="a.txt"), claim(article="b.txt")]
    scores = score(gold, [claim(article="a.txt")])
    assert scores.articles["a.txt"].tp == 1
    assert scores.articles["b.txt"].fn == 1
    assert (scores.tp, scores.fn) == (1, 1)


def test_gold_scored_against_itself_is_perfect() -> None:
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared/gold is not there")
    gold = load_claims(SHARED / "gold")
    assert set(score(gold, gold).figures().values()) == {1.0}


# --- mismatches ----------------------------------------------------------------------------------


def test_mismatch_names_field_prediction_gold_and_accepted() -> None:
    gold = claim(source="ua-general-staff", accept={"source": ["uk-mod"]})
    (found,) = mismatches([gold], [claim(source="ru-mod")])
    assert (found.kind, found.field, found.predicted, found.gold) == (
        "field",
        "source",
        "ru-mod",
        "ua-general-staff",
    )
    assert found.accepted == ["uk-mod"]
    assert str(found) == (
        'source 0-3 (300): predicted "ru-mod", gold "ua-general-staff" or one of ["uk-mod"]'
    )


def test_period_mismatch_shows_both_ends_and_accepted_ends() -> None:
    gold = claim(accept={"period_start": [None]})
    (found,) = mismatches([gold], [claim(period_end=None)])
    assert found.predicted == ["2024-10-01", None]
    assert found.accepted == {"period_start": [None]}


def test_mismatches_list_false_positives_and_negatives_with_quote() -> None:
    found = list(mismatches([claim(0, 3, quote="Gold.")], [claim(10, 13, quote="Extra.")]))
    assert [(m.kind, m.quote) for m in found] == [
        ("false_negative", "Gold."),
        ("false_positive", "Extra."),
    ]
    assert str(found[1]) == "false positive 10-13 (300): Extra."


def test_mismatches_skip_optional_gold() -> None:
    assert list(mismatches([claim(optional=True)], [claim(source="x"), claim(1, 2)])) == []


# --- reading -------------------------------------------------------------------------------------


def test_load_claims_reads_every_jsonl_file_of_a_folder(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "a.jsonl", [claim(article="a.txt")])
    write_jsonl(tmp_path / "b.jsonl", [claim(article="b.txt"), claim(article="b.txt")])
    assert [c["article"] for c in load_claims(tmp_path)] == ["a.txt", "b.txt", "b.txt"]


def test_load_claims_keeps_a_line_separator_inside_a_quote(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(claim(quote="one\u2028two"), ensure_ascii=False) + "\n\n")
    assert load_claims(path)[0]["quote"] == "one\u2028two"


def test_load_claims_names_the_file_and_line_of_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(claim()) + "\n{not json\n")
    with pytest.raises(UnreadableClaims, match=r"gold\.jsonl:2: not JSON"):
        load_claims(path)


def test_load_claims_rejects_a_record_without_offsets(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "gold.jsonl", [{"article": "a.txt"}])
    with pytest.raises(UnreadableClaims, match="needs article, start and end"):
        load_claims(path)


def test_load_claims_of_a_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(UnreadableClaims, match="missing.jsonl"):
        load_claims(tmp_path / "missing.jsonl")


def test_gold_articles_are_found_by_file_name_in_later_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text("date 2025-01-09 About 300 people.")
    monkeypatch.setattr(
        evaluate,
        "extract_article",
        lambda article: [Claim(article.id, 6, 9, article.text, 300, 300)],
    )
    folders = [tmp_path / "empty", tmp_path / "articles"]
    (predicted,) = extract_gold_articles([claim(article="gold/a.txt")], folders)
    assert Path(predicted["article"]).name == "a.txt"
    assert score([claim(6, 9, article="gold/a.txt")], [predicted]).tp == 1


def test_gold_article_in_no_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(UnreadableArticle, match="a.txt: not found"):
        extract_gold_articles([claim(article="a.txt")], [tmp_path])


# --- command line --------------------------------------------------------------------------------


@pytest.fixture
def gold_and_prediction(tmp_path: Path) -> tuple[str, str]:
    gold = write_jsonl(tmp_path / "gold.jsonl", [claim(0, 3), claim(10, 13, quote="Missed.")])
    predicted = write_jsonl(
        tmp_path / "pred.jsonl",
        [claim(0, 3, source="uk-mod", unit="people"), claim(20, 23, quote="Spurious.")],
    )
    return str(gold), str(predicted)


def test_eval_prints_a_row_for_every_figure(gold_and_prediction: tuple[str, str]) -> None:
    result = CliRunner().invoke(main, ["eval", *gold_and_prediction])
    assert result.exit_code == 0
    rows = {line.split()[0]: line.split()[1:] for line in result.output.splitlines()}
    assert rows["precision"] == ["0.500", "1/2"]
    assert rows["source"] == ["0.000", "0/1"]
    assert {"f1", "value", "period", "places", "hedge", "exact"} <= rows.keys()


def test_eval_json_holds_the_same_figures(gold_and_prediction: tuple[str, str]) -> None:
    result = CliRunner().invoke(main, ["eval", *gold_and_prediction, "--json"])
    report = json.loads(result.output)
    assert (report["recall"], report["unit"], report["qualifier"]) == (0.5, 0.0, 1.0)


def test_eval_errors_show_fields_and_quotes(gold_and_prediction: tuple[str, str]) -> None:
    result = CliRunner().invoke(main, ["eval", *gold_and_prediction, "--errors"])
    assert "== a.txt" in result.output
    assert 'source 0-3 (300): predicted "uk-mod", gold "ua-gur"' in result.output
    assert "false negative 10-13 (300): Missed." in result.output
    assert "false positive 20-23 (300): Spurious." in result.output


def test_eval_field_filter_shows_only_that_field(gold_and_prediction: tuple[str, str]) -> None:
    args = ["eval", *gold_and_prediction, "--errors", "--field", "source"]
    output = CliRunner().invoke(main, args).output
    assert "predicted" in output and "uk-mod" in output
    assert "unit 0-3" not in output and "false" not in output


def test_eval_field_filter_implies_errors(gold_and_prediction: tuple[str, str]) -> None:
    output = CliRunner().invoke(main, ["eval", *gold_and_prediction, "--field", "unit"]).output
    assert 'unit 0-3 (300): predicted "people", gold "person"' in output


def test_eval_unreadable_file_exits_2_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl").write_text("{oops\n")
    result = CliRunner().invoke(main, ["eval", str(tmp_path / "bad.jsonl"), str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert "bad.jsonl:1" in result.output


def test_eval_needs_prediction_or_articles(gold_and_prediction: tuple[str, str]) -> None:
    assert CliRunner().invoke(main, ["eval", gold_and_prediction[0]]).exit_code == 2
