"""Paragraph and sentence spans of an article body, from syntok's segmenter."""

from __future__ import annotations

from syntok import segmenter

from warledger.extract.document import Sentence


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
            for para in segmenter.analyze(line):
                for sentence in para:
                    tokens = [token for token in sentence if token.value]
                    if tokens:
                        last = tokens[-1]
                        sentences.append(
                            Sentence(
                                offset + tokens[0].offset,
                                offset + last.offset + len(last.value),
                                paragraph,
                            )
                        )
        offset += len(line) + 1
    return sentences
