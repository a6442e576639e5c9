"""The first-character guards (``knowledge.patterns.compile_guarded``) change no match: every
guarded pattern of the extraction finds what it finds unguarded, on the shared corpus, our
fixture articles and random strings; nor does the registry's lower-cased alias scan."""

from __future__ import annotations

import importlib
import pkgutil
import random
import re
from pathlib import Path

import pytest

import warledger.extract
from warledger.extract import figure_context, figures, hedges, measures, place_names
from warledger.extract.hedges import hedge_pattern
from warledger.knowledge import patterns
from warledger.knowledge.registry import SourceRegistry, default_registry

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
# Pieces the figure grammar's patterns start or turn on, with case and Unicode variants.
ATOMS = [
    "US$", "US $", "HK$", "A$", "C$", "S$", "$US", "$A", "$", "€", "£", "₽", "₴", "¥", "USD ",
    "EUR", "gbp", "Rs.", "RM", "MYR ", "1", "12", "300", "1,523", "2.5", ".5", "473 400",
    "\u0663\u0660", "24.02.22", "2024-11-10", "10:38", "9/11", "1/2", "one", "Two", "THREE",
    "twenty-one", "hundred", "a hundred", "half a million", "a third", "two-thirds", "half",
    "thousands", "tens of thousands", "several hundred", "a few thousand", "dozens", "scores",
    "sixfold", "30-fold", "three-fold", "\u017fix", "first ", "this ", " of", " the", " ", " ",
    "-", ",", ".", ";", ":", "—", "(", ")", "\u00a0", "\u201c", "\u2019", "bn", "m", "k",
    "million", "x", "Ukraine", "since", "Since", "SINCE", "said", "according to", "reported",
    "per day", "a day", "in May 2023", "last week", "total", "another", "rose", "killed",
]  # fmt: skip


def _guarded_patterns() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    for module in pkgutil.iter_modules(warledger.extract.__path__):
        importlib.import_module(f"warledger.extract.{module.name}")
    hedge_pattern()  # built on first use
    return list(patterns.GUARDED)


def _texts() -> list[str]:
    folders = [
        SHARED / "corpus" / "articles",
        SHARED / "seeds",
        ROOT / "examples",
        *(ROOT / "tests" / "fixtures").glob("*/articles"),
    ]
    texts = [p.read_text(encoding="utf-8") for f in folders for p in sorted(f.glob("*.txt"))]
    words = [word for text in texts for word in re.findall(r"\S+", text)][:20_000] + ATOMS
    rng = random.Random(3)
    for _ in range(4000):
        pieces = [rng.choice(words) for _ in range(rng.randint(1, 9))]
        text = rng.choice(["", " "]).join(pieces)
        texts.append(text.upper() if rng.random() < 0.1 else text)
    return texts


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[object, ...]]:
    found = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
    # match and search from inside the text too, as the stages call them
    for position in range(0, len(text), max(1, len(text) // 7)):
        for hit in (pattern.match(text, position), pattern.search(text, position)):
            found.append(hit.span() if hit else None)
    return found


GUARDED = _guarded_patterns()
TEXTS = _texts()


def test_the_hot_scans_are_guarded() -> None:
    assert len(GUARDED) >= 6


@pytest.mark.parametrize("guarded, plain", GUARDED, ids=[p.pattern[:40] for _, p in GUARDED])
def test_guard_keeps_every_match(guarded: re.Pattern[str], plain: re.Pattern[str]) -> None:
    for text in TEXTS:
        assert _matches(guarded, text) == _matches(plain, text), text[:200]


@pytest.mark.parametrize(
    "pattern, firsts",
    [
        (r"\bsaid\b|told", "st"),
        (r"(?:US\$|\$)?\d+", r"\$U\d"),
        (r"(?<![\w.])\.\d+", r"\."),
        (r"(?i:a)b", None),  # "A" too: a group that turns case-folding on
        (r"a?b*", None),  # matches the empty string anywhere
        (r"[^a]x", None),
        (r".x", None),
    ],
)
def test_first_characters(pattern: str, firsts: str | None) -> None:
    found = patterns.first_characters(pattern)
    if firsts is None:
        assert found is None
    else:
        assert found is not None and set(re.findall(r"\\.|.", found)) == set(
            re.findall(r"\\.|.", firsts)
        )


def _alias_texts(registry: SourceRegistry) -> list[str]:
    """Every alias in running text, in case and Unicode variants, beside non-ASCII neighbours."""
    names = [n for s in registry.sources.values() for n in (*s.aliases, *s.people, *s.bare)]
    rng = random.Random(5)
    neighbours = ["“", "”", "—", "é", "Ü", "ü", "\u017f", "\u212a", "Київ", "\u0130", "ı", "’s"]
    texts = []
    for name in names:
        for form in (name, name.lower(), name.upper(), name.replace("s", "\u017f")):
            left, right = rng.choice(neighbours), rng.choice(neighbours)
            texts += [f"{left} {form}{right} said", f"The {form}’s report", f"({form}) said 300"]
    return texts


def test_lowered_alias_scan_finds_what_ignorecase_finds() -> None:
    registry = default_registry()
    assert registry._lowered is not None, "the speed path should be on for the packaged aliases"
    plain = SourceRegistry(registry.sources)
    plain._lowered = None
    for text in TEXTS + _alias_texts(registry):
        assert registry.match(text) == plain.match(text), text[:200]


def test_designator_search_from_the_last_word_finds_what_a_full_search_finds() -> None:
    pattern = figure_context._designators().pattern
    designators = ["No.", "resolution", "Brigade", "pp.", "#", "(No", "room"]
    found = 0
    for text in TEXTS:
        for tail in ("", " ", "  \t", "\xa0"):
            for before in (text[-60:] + tail, f"{text[-40:]} {designators[len(text) % 7]}{tail}"):
                expected = pattern.search(before) is not None
                found += expected
                assert figure_context._designator_before(before) == expected, before
    assert found > 1000


def test_number_words_scanned_lower_cased_give_the_same_atoms() -> None:
    crafted = [
        "Two hundred and FIFTY people", "US$ three million", "half a Million", "a Dozen",
        "twenty-ONE", "\u017fix and \u0131 two", "\u0130 three \u212a four", "Ex-Two",
        "HK$ Nine thousand", "one_two", "\u00e9one two", "Ninety-nine\u00a0thousand",
    ]  # fmt: skip
    for text in TEXTS + crafted:
        for start in (0, len(text) // 3):
            expected = [
                figures._word_atom(m, text, 0) for m in figures._WORDS.finditer(text, start)
            ]
            assert figures._word_atoms(text, start, len(text)) == expected, text[:200]


def test_clause_breaks_from_two_scans_are_the_one_scans() -> None:
    crafted = [
        "Ministry of Defense.The number, and yet: more",
        "but.The while.Then",
        "a.B.C d.e",
        ", and.Then (it) said; so",
        "x.(Y) but.",
        "while.While",
        "A.B a.B",
    ]
    for text in TEXTS + crafted:
        for start, end in ((0, len(text)), (1, len(text) - 1), (len(text) // 3, len(text))):
            expected = tuple(
                (m.start(), m.end(), m.group().startswith(","))
                for m in measures._CLAUSE_BREAK.finditer(text, start, end)
            )
            assert measures._clause_breaks(text, start, end) == expected, text[:200]


def test_lead_in_end_is_the_first_comma_or_glued_stop() -> None:
    crafted = ["According to them, 300", "x.The rest, 5", "A.B, c", "a.b, c", ",", "a.B"]
    for text in TEXTS + crafted:
        for start, end in ((0, len(text)), (1, len(text)), (0, len(text) // 2)):
            match = hedges._LEAD_IN.search(text, start, end)
            expected = match.start() if match and match.group() == "," else start
            assert hedges._lead_in_end(text, start, end) == expected, text[:200]


@pytest.mark.parametrize("end", patterns.ENDS, ids=[e.pattern.pattern[:40] for e in patterns.ENDS])
def test_end_pattern_finds_what_a_whole_search_finds(end: patterns.EndPattern) -> None:
    hits = 0
    ends = ["", "sub-", "a SUB-", "at 10:", "Sept. ", "in  September\t", "a", "No #", "x-", "An "]
    for index, text in enumerate(TEXTS):
        for cut in range(0, len(text) + 1, max(1, len(text) // 9)):
            for tail in ("", " ", "  \t", "\n"):
                before = text[:cut] + ends[(index + cut) % len(ends)] + tail
                expected = end.pattern.search(before)
                hits += expected is not None
                found = end.search(before)
                assert (found and found.span()) == (expected and expected.span()), before[-80:]
    assert hits > 0


def test_second_level_grouping_keeps_every_match() -> None:
    known = place_names.gazetteer()
    suffix = "|".join(re.escape(word) for word in sorted(known.region_words, key=len, reverse=True))
    branches = place_names.name_branches(known.names, suffix)
    flat = re.compile(patterns.grouped_alternation(branches, not_after=r"[\w.-]") + r"(?![\w-])")
    names = " ".join(f"{name} region, {name}-based {name}s" for name in known.names)
    assert known.pattern.pattern != flat.pattern
    for text in [*TEXTS, names]:
        assert _matches(known.pattern, text) == _matches(flat, text), text[:200]
