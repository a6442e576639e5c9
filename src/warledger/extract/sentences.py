"""Paragraph and sentence spans of an article body, from syntok's segmenter."""

from __future__ import annotations

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
_ONE_SENTENCE = regex.compile(
    rf"(?:[^{_T}{_OPEN}]|(?<=[0-9A-Z])\.(?=[A-Za-z0-9])|(?<=[a-z])\.(?=[a-z0-9]))*"
    rf"(?:[{_T}][{_T}{_CLOSE}]*[{_QUOTE}]?[{_T}{_CLOSE}]*)?[\s\u200b]*"
)
# Where syntok surely splits a line: a plain word of two letters or more (or a number) that is no
# abbreviation or month it knows ("approx", "Gen", "Jan"), a terminal, maybe a closing quote, a
# space, then a capitalised word ("... were killed. The ..."). When every piece between such ends
# is one sentence by _ONE_SENTENCE, the pieces are syntok's spans without running syntok (four in
# five news lines); any other line goes to syntok. tests/test_sentences.py holds them equal.
_PLAIN_END = regex.compile(
    r"(?<![\w'’.\-])(?P<word>[A-Z]?[a-z]{2,}|[0-9][0-9,]*)[.!?][\"”’)]?"
    r"(?=\s+[\"“‘]?(?P<next>[A-Z][a-z]+))"
)
_SYNTOK_KEEPS = State.abbreviations | State.months


def _plain_pieces(line: str) -> list[tuple[int, int]] | None:
    """The sentence spans of ``line`` when it splits only at plain ends, else None."""
    pieces = []
    start = 0
    for match in _PLAIN_END.finditer(line):
        word = match.group("word")
        # syntok keeps "300. May" together (a day and its month)
        if word in _SYNTOK_KEEPS or (word[0].isdigit() and match.group("next") in State.months):
            return None
        pieces.append((start, match.end()))
        start = match.end()
    pieces.append((start, len(line)))
    if all(_ONE_SENTENCE.fullmatch(line, begin, end) for begin, end in pieces):
        return pieces
    return None


# syntok's tokens: runs of anything but whitespace and the zero-width space.
_TOKEN_RUN = regex.compile(r"[^\s\u200b]+")


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


def _line_sentences(line: str, offset: int, paragraph: int) -> list[Sentence]:
    pieces = _plain_pieces(line)
    if pieces is not None:
        sentences = []
        for start, end in pieces:
            runs = [match.span() for match in _TOKEN_RUN.finditer(line, start, end)]
            if runs:
                sentences.append(Sentence(offset + runs[0][0], offset + runs[-1][1], paragraph))
        return sentences
    sentences: list[Sentence] = []
    for para in segmenter.analyze(line):
        for sentence in para:
            tokens = [token for token in sentence if token.value]
            if tokens:
                end = tokens[-1].offset + len(tokens[-1].value)
                sentences.append(Sentence(offset + tokens[0].offset, offset + end, paragraph))
    return sentences
