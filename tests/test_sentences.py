"""The sentence splitter's shortcuts (one-sentence lines, lines split at plain sentence ends)
give syntok's spans exactly."""

from __future__ import annotations

import random
import sys

import pytest
import regex
from syntok import segmenter

from warledger.extract import sentences
from warledger.extract.sentences import _plain_pieces, split_sentences


def _syntok_spans(line: str) -> list[tuple[int, int]]:
    spans = []
    for para in segmenter.analyze(line):
        for sentence in para:
            tokens = [token for token in sentence if token.value]
            if tokens:
                spans.append((tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)))
    return spans


def _spans(line: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in split_sentences(line)]


@pytest.mark.parametrize(
    "line, shortcut",
    [
        ("Russia forces residents of occupied territories to serve in the army", True),
        ("Losses rose 3.5% in the U.S to 1,000 people.", True),
        ('He said: "at least 200 were killed."', True),
        ("They fled (about 300 of them).)", True),
        ("Ford (F) Motor said so.", False),
        ("The company (F) which has 13000 workers (in the UK) said.", True),
        ("It fell. (AP) The rest", False),
        ("It rose (a lot)(twice).", False),
        ("It rose (by 3.5%) today.", True),
        ("It rose (by -) today.", False),
        ("It rose (by 5 %) today.", False),
        ("It rose ($7.5 million) or more.", True),
        ("The toll rose to 20. The next day it was 25.", True),
        ("U.S. officials said 40 died.", True),
        ("U.S. Officials said 40 died.", False),
        ("at 11 a.m. then 40 died ... they fled.", True),
        ("Prices rose.Analysts said so", False),
        ("It ended.\u201d \u201d", False),
        ("Total: 12 killed; 30 wounded.", False),
        ("  leading and trailing space. \r", True),
        ("\u200b", True),
    ],
)
def test_shortcut_lines_match_syntok(line: str, shortcut: bool) -> None:
    assert (_plain_pieces(line) is not None) is shortcut
    assert _spans(line) == _syntok_spans(line)


def test_random_lines_match_syntok() -> None:
    atoms = [
        "word", "Word", "The", "U.S", "U.S.", "3.5", "a.B", "Mr.", "No", "May", "1,000", "IV",
        ".", "?", "!", ";", "...", "\u2026", "(", ")", "]", "\u201c", "\u201d", '"', "'",
        "\u2019", "?!", ".)", '."', "-", ",", ":", " ", "  ", "\u200b", "\t", "\xa0",
        "don't", "e.g.", "x.1", "1.A", "iPhone",
    ]  # fmt: skip
    rng = random.Random(0)
    for _ in range(3000):
        parts = [rng.choice(atoms) + rng.choice(["", " "]) for _ in range(rng.randint(1, 8))]
        line = "".join(parts)
        if line.strip():
            assert _spans(line) == _syntok_spans(line), line


@pytest.mark.parametrize(
    "line, shortcut",
    [
        ("About 300 were killed. The rest fled. Officials said so.", True),
        ("The toll rose to 20. The next day it was 25.", True),
        ('He said it was "over." The army denied it.', True),
        ("Losses hit Kharkiv. Then Sumy.", True),
        ("It cost approx. Three times more.", False),
        ("They met on Jan. The talks failed.", False),
        ("They fled (about 300). The rest stayed.", False),
        ("Gen. Ivanov said 40 died. The army agreed.", False),
    ],
)
def test_lines_split_at_plain_ends_match_syntok(line: str, shortcut: bool) -> None:
    assert (_plain_pieces(line) is not None) is shortcut
    assert _spans(line) == _syntok_spans(line)


def test_random_sentences_joined_at_plain_ends_match_syntok() -> None:
    words = [
        "killed", "Kharkiv", "The", "said", "approx", "Gen", "Jan", "300", "1,200", "U.S.",
        "(about", "200)", "“we", "fled”", "officials", "No", "Mr", "May", "IV", "x",
    ]  # fmt: skip
    ends = [". ", "! ", "? ", '." ', ".” ", " ", ", ", "; "]
    rng = random.Random(1)
    for _ in range(3000):
        line = "".join(rng.choice(words) + rng.choice(ends) for _ in range(rng.randint(2, 12)))
        assert _spans(line) == _syntok_spans(line), line


def test_space_chars_are_regex_whitespace() -> None:
    spelt = regex.compile(f"[{sentences.SPACE_CHARS}]")
    space = regex.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert bool(spelt.match(char)) == bool(space.match(char)), hex(code)


@pytest.mark.parametrize(
    "fast, slow",
    [
        ("_ONE_SENTENCE_RE", "_ONE_SENTENCE"),
        ("_PLAIN_END_RE", "_PLAIN_END"),
        ("_TOKEN_RUN_RE", "_TOKEN_RUN"),
    ],
)
def test_re_patterns_match_regex_ones_where_the_engines_agree(fast: str, slow: str) -> None:
    fast_pattern, slow_pattern = getattr(sentences, fast), getattr(sentences, slow)
    atoms = [
        "word", "Word", "The", "U.S.", "3.5", "e\u0301t\u00e9", "\u00b2", "Ki\u0443\u0457v", ". ",
        "! ", "\u201d ", "\u2019", "\u2014", " ", "\xa0", "\u2009", "\x1c", "\x85", "\u200b",
        "\u200d", "\u0483", "\u00bd", "(", ")", "'", "-", "\t", "Ab", "1,000",
    ]  # fmt: skip
    rng = random.Random(2)
    agreed = 0
    for _ in range(5000):
        line = "".join(rng.choice(atoms) for _ in range(rng.randint(1, 10)))
        if sentences._ENGINES_AGREE.fullmatch(line) is None:
            continue
        agreed += 1
        assert [m.span() for m in fast_pattern.finditer(line)] == [
            m.span() for m in slow_pattern.finditer(line)
        ], repr(line)
        assert bool(fast_pattern.fullmatch(line)) == bool(slow_pattern.fullmatch(line)), repr(line)
    assert agreed > 500


def test_lines_the_engines_read_apart_keep_regex() -> None:
    for char in ("\u0301", "\u00b2", "\u200d", "\x1c", "\u0483"):
        assert sentences._ENGINES_AGREE.fullmatch(f"Losses rose{char}. The rest") is None
    assert sentences._ENGINES_AGREE.fullmatch("Kyiv\u2019s \u201c300\u201d \u2014 \u20b4 ok")


def test_stripped_token_span_is_the_first_and_last_run() -> None:
    atoms = ["word", " ", "\xa0", "\u2009", "\u3000", "\u200b", "\x85", "\t", "\x1c", ".", "\u2019"]
    rng = random.Random(4)
    for _ in range(5000):
        line = "".join(rng.choice(atoms) for _ in range(rng.randint(1, 8)))
        shortcuts = sentences._shortcuts(line)
        runs = [m.span() for m in sentences._TOKEN_RUN.finditer(line)]
        expected = (runs[0][0], runs[-1][1]) if runs else None
        assert sentences._token_span(line, 0, len(line), shortcuts) == expected, repr(line)


def test_random_lines_with_terminals_before_lowercase_words_match_syntok() -> None:
    words = [
        "a.m.", "p.m", "Oct.", "Mr.", "U.S.", "e.g.", "No.", "approx.", "etc.", "v.", "killed.",
        "fled...", "said.”", "it.)", "so?", "yes!", "Gen.", "Jan.", "12.", "iv.", "x.", ".500",
        "the", "they", "then", "iPhone", "eBay", "über", "and", "was", "A", "I", "The", "300",
    ]  # fmt: skip
    gaps = [" ", "  ", "\xa0", "\u200b", " \u200b", "\t"]
    rng = random.Random(5)
    shortcut = 0
    for _ in range(6000):
        line = "".join(rng.choice(words) + rng.choice(gaps) for _ in range(rng.randint(2, 10)))
        shortcut += _plain_pieces(line) is not None
        assert _spans(line) == _syntok_spans(line), repr(line)
    assert shortcut > 1000


def test_random_lines_with_brackets_match_syntok() -> None:
    words = [
        "Ford", "said", "the", "The", "company", "Motor", "which", "300", "U.S.", "fell.",
        "(F)", "(about 300)", "[1]", "(AP)", "(in the UK", "it)", "(Reuters) -", "{x}", "(",
        ")", "(a)(b)", "(An aside here)", "(" + "very " * 12 + "long)", "(no. 5)", "and", "I",
        "(“quoted”)", "(The", "Sentence.)", "still", "x.", "so", "[Editor", "note]",
    ]  # fmt: skip
    words += ["plain", "words", "here", "of", "Kyiv"] * 6
    gaps = [" "] * 12 + ["  ", "\u200b", ". ", ", "]
    rng = random.Random(6)
    shortcut = 0
    for _ in range(8000):
        line = "".join(rng.choice(words) + rng.choice(gaps) for _ in range(rng.randint(1, 8)))
        shortcut += "(" in line and _plain_pieces(line) is not None
        assert _spans(line) == _syntok_spans(line), repr(line)
    assert shortcut > 200


def test_random_bracketed_asides_match_syntok() -> None:
    chars = [*"abcXYZ019 .,;:!?%$-'\"\u2019\u201d\u201c\u2014~/&" * 3, *"()[]", "\u200b", "..."]
    before = ["The company", "It rose", "Ford", "x. The", "They said. then", "said:", "U.S. forces"]
    after = ["", ".", " said.", ". The rest", ", and more", ") x", " (y) z", "'s view", "x", "..."]
    rng = random.Random(7)
    shortcut = 0
    for _ in range(20000):
        content = "".join(rng.choice(chars) for _ in range(rng.randint(0, 55)))
        opening, closing = rng.choice("([{"), rng.choice(")]}")
        line = (
            f"{rng.choice(before)}{rng.choice(' ')}{opening}{content}{closing}{rng.choice(after)}"
        )
        shortcut += _plain_pieces(line) is not None
        assert _spans(line) == _syntok_spans(line), repr(line)
    assert shortcut > 100
