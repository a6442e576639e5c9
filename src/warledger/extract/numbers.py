"""Number words and digit strings → values.

Written by hand because the libraries measured for this (word2number, text2num, number-parser)
get news forms wrong: "1.5 thousand", "hundreds", "two to three times", "473 400".
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
# Abbreviated scales as news writes them after digits: "£12.8bn", "$4.6K", "10m rubles".
SCALE_ABBREVIATIONS = {
    "hundred": 100,
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "mil": 1_000_000,
    "million": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "bln": 1_000_000_000,
    "billion": 1_000_000_000,
    "tn": 1_000_000_000_000,
    "trillion": 1_000_000_000_000,
}
# Vague amounts (spec: "dozens" 24-100, "hundreds" 100-1,000, ...), keyed by their last word.
VAGUE = {
    "dozens": (24, 100),
    "scores": (40, 100),
    "hundreds": (100, 1_000),
    "thousands": (1_000, 10_000),
    "millions": (1_000_000, 10_000_000),
    "billions": (1_000_000_000, 10_000_000_000),
}
FRACTIONS = {
    "half": 50.0,
    "a half": 50.0,
    "one half": 50.0,
    "a third": 100 / 3,
    "one third": 100 / 3,
    "one-third": 100 / 3,
    "two thirds": 200 / 3,
    "two-thirds": 200 / 3,
    "a quarter": 25.0,
    "one quarter": 25.0,
    "one-quarter": 25.0,
    "three quarters": 75.0,
    "three-quarters": 75.0,
    "a fifth": 20.0,
    "one-fifth": 20.0,
    "a tenth": 10.0,
    "one fourth": 25.0,
    "one-fourth": 25.0,
    "three fourths": 75.0,
    "three-fourths": 75.0,
}

NUMBER_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES, "dozen"], key=len, reverse=True))
_WORD_SPLIT = re.compile(r"[\s\-,&]+|\band\b")


_DIGIT_SEPARATORS = re.compile(r"[,\s\u00a0\u202f]")


def parse_digits(text: str) -> float:
    """ "1,523" → 1523, "473 400" → 473400, "2.5" → 2.5."""
    if text.isdecimal():
        return float(text)
    return float(_DIGIT_SEPARATORS.sub("", text))


def parse_words(text: str) -> float | None:
    """Number words → value: "two hundred and forty" → 240, "three dozen" → 36.

    None when the words are no number.
    """
    words = [w for w in _WORD_SPLIT.split(text.lower()) if w and w != "a"]
    if not words:
        return None
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def scale_value(abbreviation: str | None) -> int:
    """The multiplier of a scale word or abbreviation ("bn", "hundred million"); 1 if none."""
    multiplier = 1
    for word in (abbreviation or "").lower().split():
        multiplier *= SCALE_ABBREVIATIONS.get(word, 1)
    return multiplier
