"""The first-character guards (``knowledge.patterns.starting_with``) change no match: each
guarded pattern of the figure grammar finds what its body alone finds."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from warledger.extract import figures

SHARED = Path(__file__).resolve().parents[2] / "shared"
GUARDED = ["_NUMERIC", "_WORDS", "_VAGUE", "_FRACTION", "_FOLD", "_NUMERIC_DATE"]
ATOMS = [
    "US$", "US $", "HK$", "A$", "C$", "S$", "$US", "$A", "$", "€", "£", "₽", "₴", "¥", "USD ",
    "EUR", "gbp", "Rs.", "RM", "MYR ", "1", "12", "300", "1,523", "2.5", ".5", "473 400",
    "\u0663\u0660", "24.02.22", "2024-11-10", "10:38", "9/11", "1/2", "one", "Two", "THREE",
    "twenty-one", "hundred", "a hundred", "half a million", "a third", "two-thirds", "half",
    "thousands", "tens of thousands", "several hundred", "a few thousand", "dozens", "scores",
    "sixfold", "30-fold", "three-fold", "\u017fix", "first ", "this ", " of", " the", " ", " ",
    "-", ",", ".", "bn", "m", "k", "million", "x", "Ukraine", "(", "\u00a0",
]  # fmt: skip


def _body(pattern: re.Pattern[str]) -> re.Pattern[str]:
    guard = re.match(r"\(\?=\[[^\]]*\]\)", pattern.pattern)
    assert guard, f"{pattern.pattern[:40]} has no first-character guard"
    return re.compile(pattern.pattern[guard.end() :], pattern.flags)


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[object, ...]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def _texts() -> list[str]:
    rng = random.Random(3)
    texts = ["".join(rng.choice(ATOMS) for _ in range(rng.randint(1, 9))) for _ in range(4000)]
    for folder in (SHARED / "corpus" / "articles", SHARED / "seeds"):
        texts += [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]
    return texts


@pytest.mark.parametrize("name", GUARDED)
def test_guard_keeps_every_match(name: str) -> None:
    guarded = getattr(figures, name)
    body = _body(guarded)
    found = 0
    for text in _texts():
        expected = _matches(body, text)
        assert _matches(guarded, text) == expected, (name, text)
        found += len(expected)
    assert found > 100


def test_a_guard_missing_a_first_character_is_caught() -> None:
    body = _body(figures._NUMERIC)
    short = re.compile("(?=[0-9])" + body.pattern, body.flags)
    assert any(_matches(short, text) != _matches(body, text) for text in _texts())
