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
    if _ONE_SENTENCE.fullmatch(line):
        runs = [match.span() for match in _TOKEN_RUN.finditer(line)]
        if not runs:
            return []
        return [Sentence(offset + runs[0][0], offset + runs[-1][1], paragraph)]
    sentences: list[Sentence] = []
    for para in segmenter.analyze(line):
        for sentence in para:
            tokens = [token for token in sentence if token.value]
            if tokens:
                end = tokens[-1].offset + len(tokens[-1].value)
                sentences.append(Sentence(offset + tokens[0].offset, offset + end, paragraph))
    return sentences
