"""Paragraph and sentence spans of an article body, from syntok's segmenter."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import regex
from syntok import segmenter
from syntok._segmentation_states import State

from warledger.extract.document import Sentence


def _chars(symbols: frozenset[str]) -> str:
    return regex.escape("".join(sorted(set("".join(symbols)))))


# syntok only ever splits at a terminal (".", "!", "?", ";" ...) or an opening bracket, so a line
# with neither is one sentence. Nor can it split where the only ones are dots inside a word
# ("3.5", "U.S") or the closing run "." / '?"' / ".)": after a terminal syntok keeps terminals
# and closing brackets, then one closing quote written against them, then terminals and closing
# brackets again, and at the end of the line nothing is left to split off. Such lines skip
# syntok, which is a quarter of the extraction time; tests/test_sentences.py holds the two to the
# same spans. Dots join words only between ASCII letters and digits, and not "a.B", where
# syntok's tokenizer splits.
_T = _chars(State.terminals)
_OPEN = _chars(State.opening_brackets)
_CLOSE = _chars(State.closing_brackets)
_QUOTE = _chars(State.closing_quotes)
# syntok skips a bracketed aside ("Ford Motor (F) which has", "10.5 million dollars ($7.5
# million) or") whole when it closes within 50 tokens and 70 characters: here one space after a
# word, at most 45 characters and no bracket inside, and no other bracket right after it. Each
# bracket must be a token of its own: syntok's tokenizer keeps a run of spaceless text with no
# letter or digit ("-)", "),") as one token, and splits off the signs before a run's first
# letter or digit and after its last one. syntok splits at a bracket that is a sentence's first
# or second token, or that follows a terminal, so ``_late_brackets`` also asks for two words
# and no terminal before the first one.
_BRACKETED = (
    rf"(?<=[^\s\u200b{_T}{_OPEN}{_CLOSE}] )[{_OPEN}](?=[^\s\u200b]*?[A-Za-z0-9])"
    rf"[^{_OPEN}{_CLOSE}]{{0,45}}(?:(?<=[A-Za-z0-9])|(?<=[0-9]%))[{_CLOSE}]"
    rf"(?=[{_CLOSE}.,;:!?'\"’”%-]*(?:[\s\u200b]|$))(?![\s\u200b]*[{_OPEN}])"
)
# Nor does syntok split where a terminal and its closing run are followed by a space and a
# lowercase word ("at 11 a.m. then worked", "a home ... they have"): the first test of its
# splitting rule keeps a sentence going before a lowercase token.
_ONE_SENTENCE_PATTERN = (
    rf"(?:[^{_T}{_OPEN}]|(?<=[0-9A-Z])\.(?=[A-Za-z0-9])|(?<=[a-z])\.(?=[a-z0-9])|{_BRACKETED}"
    rf"|[{_T}][{_T}{_CLOSE}]*[{_QUOTE}]?[{_T}{_CLOSE}]*[\s\u200b]+(?=[a-z]))*"
    rf"(?:[{_T}][{_T}{_CLOSE}]*[{_QUOTE}]?[{_T}{_CLOSE}]*)?[\s\u200b]*"
)
# Where syntok surely splits a line: a plain word of two letters or more (or a number) that is no
# abbreviation or month it knows ("approx", "Gen", "Jan"), a terminal, maybe a closing quote, a
# space, then a capitalised word ("... were killed. The ..."). When every piece between such ends
# is one sentence by _ONE_SENTENCE, the pieces are syntok's spans without running syntok (four in
# five news lines); any other line goes to syntok. tests/test_sentences.py holds them equal.
_PLAIN_END_PATTERN = (
    r"(?<![\w'’.\-])(?P<word>[A-Z]?[a-z]{2,}|[0-9][0-9,]*)[.!?][\"”’)]?"
    r"(?=\s+[\"“‘]?(?P<next>[A-Z][a-z]+))"
)
_ONE_SENTENCE = regex.compile(_ONE_SENTENCE_PATTERN)
_PLAIN_END = regex.compile(_PLAIN_END_PATTERN)
# syntok's tokens: runs of anything but whitespace and the zero-width space.
_TOKEN_RUN = regex.compile(r"[^\s\u200b]+")


# regex's \s spelt out for a character class (tests/test_sentences.py holds it to regex's):
# re's \s also takes the separators \x1c-\x1f (they are str.isspace()).
SPACE_CHARS = r"\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


def _same_in_re(pattern: str) -> re.Pattern[str]:
    """``pattern`` for the standard ``re`` engine, with ``\\s`` as ``regex`` reads it."""
    inside = pattern.replace(r"[^\s", f"[^{SPACE_CHARS}").replace(r"[\s", f"[{SPACE_CHARS}")
    return re.compile(inside.replace(r"\s", f"[{SPACE_CHARS}]"))


# Non-ASCII characters news text is made of: Latin, Greek and Cyrillic letters, general
# punctuation (curly quotes, dashes, spaces) and currency signs.
_NEWS_RANGES = ((0x00A0, 0x024F), (0x0370, 0x04FF), (0x2000, 0x206F), (0x20A0, 0x20BF))


def _engines_agree() -> re.Pattern[str]:
    """Lines both engines read alike: ASCII but the separators \\x1c-\\x1f, and the news
    characters that ``\\w`` takes in both engines or in neither."""
    re_word, regex_word = re.compile(r"\w"), regex.compile(r"\w")
    same = [
        re.escape(chr(code))
        for low, high in _NEWS_RANGES
        for code in range(low, high + 1)
        if bool(re_word.match(chr(code))) == bool(regex_word.match(chr(code)))
    ]
    return re.compile(f"[\x00-\x1b\x20-\x7f{''.join(same)}]*")


# Speed only: the standard re engine runs these three patterns 3-4x faster than regex, which
# is a third of the time of splitting a plain line. The two engines read them alike except for
# what \w and \s take, so only lines of characters they agree on take the re patterns; others
# (combining marks, superscript numerals, the ASCII separators) keep the regex ones.
_ONE_SENTENCE_RE = _same_in_re(_ONE_SENTENCE_PATTERN)
_PLAIN_END_RE = _same_in_re(_PLAIN_END_PATTERN)
_TOKEN_RUN_RE = _same_in_re(_TOKEN_RUN.pattern)
_ENGINES_AGREE = _engines_agree()
_SYNTOK_KEEPS = State.abbreviations | State.months


class _Shortcuts(NamedTuple):
    """The shortcut patterns for one line, on the engine that reads it right."""

    plain_end: Any
    one_sentence: Any
    token_run: Any


_ON_RE = _Shortcuts(_PLAIN_END_RE, _ONE_SENTENCE_RE, _TOKEN_RUN_RE)
_ON_REGEX = _Shortcuts(_PLAIN_END, _ONE_SENTENCE, _TOKEN_RUN)


def _shortcuts(line: str) -> _Shortcuts:
    return _ON_RE if _ENGINES_AGREE.fullmatch(line) else _ON_REGEX


def _plain_pieces(line: str, shortcuts: _Shortcuts | None = None) -> list[tuple[int, int]] | None:
    """The sentence spans of ``line`` when it splits only at plain ends, else None
    (``shortcuts``: the line's patterns, when its caller has them already)."""
    plain_end, one_sentence, _ = shortcuts or _shortcuts(line)
    pieces = []
    start = 0
    for match in plain_end.finditer(line):
        word = match.group("word")
        # syntok keeps "300. May" together (a day and its month)
        if word in _SYNTOK_KEEPS or (word[0].isdigit() and match.group("next") in State.months):
            return None
        pieces.append((start, match.end()))
        start = match.end()
    pieces.append((start, len(line)))
    if all(
        one_sentence.fullmatch(line, begin, end) and _late_brackets(line, begin, end)
        for begin, end in pieces
    ):
        return pieces
    return None


_OPENING = re.compile(f"[{_OPEN}]")
_TERMINAL_CHARS = frozenset("".join(State.terminals))


def _late_brackets(line: str, begin: int, end: int) -> bool:
    """Whether the first bracket of the sentence ``line[begin:end]``, if any, comes after two
    words and no terminal."""
    first = _OPENING.search(line, begin, end)
    if first is None:
        return True
    lead = line[begin : first.start()]
    return len(lead.split()) >= 2 and _TERMINAL_CHARS.isdisjoint(lead)


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with absolute offsets.

    Each non-blank line is a paragraph: plain-text and extracted news put one paragraph a line,
    and a headline line ("Russia forces residents ... to serve in the army") has no full stop,
    so syntok alone would glue it to the next sentence.
    """
    sentences: list[Sentence] = []
    offset = 0
    paragraph = -1
    for line in text.split("\n"):
        if line.strip():
            paragraph += 1
            sentences += _line_sentences(line, offset, paragraph)
        offset += len(line) + 1
    return sentences


# syntok's token separators on the lines the re shortcuts read, for str.strip.
_SEPARATORS = "".join(
    chr(code) for code in range(0x3001) if _TOKEN_RUN_RE.fullmatch(chr(code)) is None
)


def _token_span(line: str, start: int, end: int, shortcuts: _Shortcuts) -> tuple[int, int] | None:
    """From the first token's start to the last token's end in ``line[start:end]``."""
    if shortcuts is _ON_RE:
        # Speed only: str.strip of the separators finds the same ends as listing the runs.
        piece = line[start:end]
        kept = piece.lstrip(_SEPARATORS)
        if not kept:
            return None
        first = start + len(piece) - len(kept)
        return first, first + len(kept.rstrip(_SEPARATORS))
    runs = [match.span() for match in shortcuts.token_run.finditer(line, start, end)]
    return (runs[0][0], runs[-1][1]) if runs else None


def _line_sentences(line: str, offset: int, paragraph: int) -> list[Sentence]:
    shortcuts = _shortcuts(line)
    pieces = _plain_pieces(line, shortcuts)
    if pieces is not None:
        sentences = []
        for start, end in pieces:
            span = _token_span(line, start, end, shortcuts)
            if span is not None:
                sentences.append(Sentence(offset + span[0], offset + span[1], paragraph))
        return sentences
    sentences: list[Sentence] = []
    for para in segmenter.analyze(line):
        for sentence in para:
            tokens = [token for token in sentence if token.value]
            if tokens:
                end = tokens[-1].offset + len(tokens[-1].value)
                sentences.append(Sentence(offset + tokens[0].offset, offset + end, paragraph))
    return sentences
