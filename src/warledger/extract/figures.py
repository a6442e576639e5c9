"""The figure grammar: digits, words, scales, ranges, qualifiers, money, rates.

Written by hand: the number parsers on PyPI miss news forms ("70 to 80,000", "£12.8bn",
"tens of thousands", "1,523 people per day") and know nothing of what is *not* a figure
(dates, years, "F-35", "Resolution 2623"). The grammar works on one sentence at a time:
atoms (a number with its currency and scale) → ranges → filters → qualifier, unit and rate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warledger.extract.document import Figure
from warledger.extract.figure_context import (
    drop_reason,
    find_qualifier,
    find_rate,
    find_unit,
)
from warledger.extract.numbers import (
    FRACTIONS,
    NUMBER_WORD,
    SCALES,
    VAGUE,
    parse_digits,
    parse_words,
    scale_value,
)
from warledger.knowledge.patterns import compile_guarded, grouped_alternation

_CURRENCY_SYMBOL = r"US\s?\$|HK\s?\$|A\$|C\$|S\s?\$|\$US|\$A|\$|€|£|₽|₴|¥"
_CURRENCY_CODE = r"USD|EUR|GBP|RUB|UAH|CNY|JPY|CHF|PLN|AUD|CAD|INR|HKD|SGD|MYR|RM|Rs\.?"
_DIGITS = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)"
    # "473 400": a space between groups, as translated and European copy writes it
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]?\d)"
    r"|\d+(?:\.\d+)?(?!\d)"
    # ".001 per cent": a decimal written without its leading zero
    r"|(?<![\w.])\.\d+(?!\d)"
)
# The scans below open with an optional group, \b or a lookbehind: compile_guarded lets re
# skip to the characters a match can start with (speed only: the same matches).
_NUMERIC = compile_guarded(
    rf"(?P<pre>(?:{_CURRENCY_SYMBOL})\s?|\b(?:{_CURRENCY_CODE})\s?)?"
    rf"(?P<num>{_DIGITS})"
    r"(?P<scale>\s?(?:hundred(?:\s+(?:thousand|million|billion))?|thousand|million|billion"
    r"|trillion|bn|bln|mln|mil|mn|tn)\b"
    r"|(?:[kKmMbB])(?![\w]))?",
)


def _words_pattern(currency: str, number_word: str) -> str:
    return (
        rf"(?P<pre>(?:{currency})\s?)?"
        rf"(?P<words>(?:half\s+a\s+|a\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?"
        rf"\b{number_word}(?:(?:\s+(?:and\s+)?|-){number_word})*)\b"
    )


_WORDS = compile_guarded(_words_pattern(_CURRENCY_SYMBOL, f"(?:{NUMBER_WORD})"), re.IGNORECASE)
# Speed only: the same scan on lower-cased text, without IGNORECASE and with the number words
# grouped by first letter, runs twice as fast. Its literals are lowercase ASCII and uncased
# signs, so it finds what _WORDS finds wherever lower() keeps the text's length and the text
# has no "ı" or "ſ" (which IGNORECASE reads as "i" and "s").
_WORDS_LOWERED = compile_guarded(
    _words_pattern(
        _CURRENCY_SYMBOL.lower(),
        grouped_alternation([(word[0], word[1:]) for word in NUMBER_WORD.split("|")]),
    )
)
_VAGUE = compile_guarded(
    r"\b(?P<vague>(?:tens|hundreds|dozens)\s+of\s+(?:thousands|millions|billions)"
    r"|(?:several|a\s+few)\s+(?:hundred|thousand|million|billion)"
    r"|dozens|scores(?=\s+of\b)|hundreds|thousands|millions|billions)\b",
    re.IGNORECASE,
)
# "half of", "a third of", "two-thirds"; not "half-staff", "this half", "a third-party"
_FRACTION = compile_guarded(
    r"(?<!first\s)(?<!second\s)(?<!this\s)(?<!last\s)(?<!latter\s)(?<!other\s)"
    r"\b(?P<fraction>(?:a|one|two|three)[\s-](?:half|third|thirds|quarter|quarters|fourth|fourths|fifth|tenth)"
    r"|half)\b(?!-)(?=\s+(?:of|the|a|an|their|its|his|her|our|all|those|these)\b|\s*[,.;:]|$)",
    re.IGNORECASE,
)
# "1/16 of a pint", "1/2 pound": a written fraction, not a date ("9/11") or a score ("24/7")
_SLASH_FRACTION = compile_guarded(
    r"(?<![\d/⁄.])(?P<num>\d{1,2})\s?[/⁄]\s?(?P<den>\d{1,3})(?![\d/⁄])(?=\s+(?:of|pound|cup|inch|mile))"
)
# "sixfold", "a 30-fold rise", "three-fold": a multiplier
_FOLD = compile_guarded(
    rf"\b(?P<times>\d+(?:\.\d+)?|{NUMBER_WORD})-?fold\b",
    re.IGNORECASE,
)
_NUMERIC_DATE = compile_guarded(
    r"(?<![\d.,])(?:\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?"
    r"|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?)(?![\d])",
)
_SIGN = compile_guarded(r"(?i)(?:(?<![\w.,])-|\bminus[\s-])$")
_JOINER = re.compile(r"\s*(?:-|–|—|to|or)\s*|\s+and\s+", re.IGNORECASE)
_JOINER_WORD = compile_guarded(r"(?i)-|–|—|\bto\b|\bor\b|\band\b")
_REPEATED_UNIT = re.compile(
    r"(?i)\s?(?P<unit>%|per\s?cent|[a-z]{1,12}(?:\s[a-z]{1,6})?)\s*(?:-|–|—|to|and)\s*"
)
# "37m (121ft)", "a 100m-long": a metre, not a million
_METRES_AFTER = re.compile(r"(?i)(?:\s*\(|-?long|\s+(?:long|high|wide|deep|tall|away|from))")
_CHANGE_VERB = compile_guarded(
    r"(?i)\b(?:rose|rise|rising|risen|fell|fall|falling|fallen|increased?|increasing|decreased?"
    r"|decreasing|grew|grown|growing|dropped|drop|jumped|climbed|declined?|surged|soared"
    r"|plunged|went\s+up|went\s+down|up|down|shrank|doubled|tripled|raised|cut|reduced|changed"
    r"|moved|went|gone|going|goes)\s+(?:\w+\s+){0,2}from\s*$"
)


@dataclass(slots=True)
class _Atom:
    start: int
    end: int
    value: float
    currency: str | None = None
    scaled: bool = False
    scale: int = 1
    words: bool = False
    vague: tuple[float, float] | None = None
    percent: bool = False
    year: bool = False
    times: bool = False
    masked: bool = False


def find_figures(
    text: str, start: int = 0, end: int | None = None, *, quantities: bool = False
) -> list[Figure]:
    """Figures in ``text[start:end]`` with absolute offsets into ``text``.

    By default only figures that can be claims (spec: not "in two years of war", not "one of");
    ``quantities=True`` returns every quantity the text states, as quantity extractors and their
    benchmarks (NewsQuant) count them: durations, ages beside names, "one of", and changes
    "from X to Y" as one pair.
    """
    end = len(text) if end is None else end
    atoms = _atoms(text, start, end)
    figures: list[Figure] = []
    index = 0
    while index < len(atoms):
        atom = atoms[index]
        partner = _range_partner(text, atoms, index, end, quantities)
        if partner is not None:
            second = atoms[index + 1]
            figure = _range_figure(text, atom, second)
            index += 2
        else:
            if _hyphen_pair(text, atoms, index):
                # "ended 2-2", "24-7": two numbers tied by a hyphen that are no range
                index += 2
                continue
            figure = _point_figure(atom)
            index += 1
        if figure is None or drop_reason(text, figure, start, end, quantities=quantities):
            continue
        _complete(text, figure, start, end)
        figures.append(figure)
    return figures


# Speed only: a word every match of a pattern contains (lower-cased, as a substring); text
# without one skips that pattern's scan. Each scan tries every position of the sentence, and
# most sentences have no "fold", fraction or vague phrase. Text with "ı" or "ſ" (which
# IGNORECASE matches to "i" and "s" but lower() keeps) scans everything.
# The words are one alternation each: one scan of the text, not a substring test a word.
def _any_of(*words: str) -> re.Pattern[str]:
    return re.compile(grouped_alternation([(word[0], re.escape(word[1:])) for word in words]))


_VAGUE_WORDS = _any_of("hundred", "thousand", "million", "billion", "dozens", "scores")
_FRACTION_WORDS = _any_of("half", "third", "quarter", "fourth", "fifth", "tenth")
_NUMBER_WORDS = _any_of(*NUMBER_WORD.split("|"))
_ODD_CASE = re.compile("[\u0131\u017f]")


def _has_any(lowered: str, words: re.Pattern[str]) -> bool:
    return words.search(lowered) is not None


def _atoms(text: str, start: int, end: int) -> list[_Atom]:
    span = text[start:end]
    lowered = span.lower() if span.isascii() or not _ODD_CASE.search(span) else None
    # Dates and clock times written in digits ("24.02.22", "2024-11-10", "10:38:07") are
    # masked first, so none of their parts is read as a number.
    taken: list[_Atom] = [
        _Atom(match.start(), match.end(), 0.0, masked=True)
        for match in _NUMERIC_DATE.finditer(text, start, end)
    ]
    vague = lowered is None or _has_any(lowered, _VAGUE_WORDS)
    for match in _VAGUE.finditer(text, start, end) if vague else ():
        phrase = re.sub(r"\s+", " ", match.group("vague").lower())
        taken.append(_Atom(match.start(), match.end(), 0.0, vague=_vague_bounds(phrase)))
    fraction = lowered is None or _has_any(lowered, _FRACTION_WORDS)
    for match in _FRACTION.finditer(text, start, end) if fraction else ():
        phrase = re.sub(r"\s+", " ", match.group("fraction").lower())
        value = FRACTIONS.get(phrase) or FRACTIONS.get(phrase.replace(" ", "-"))
        if value is not None:
            taken.append(_Atom(match.start(), match.end(), value, percent=True))
    slash = "/" in span or "\u2044" in span
    for match in _SLASH_FRACTION.finditer(text, start, end) if slash else ():
        numerator, denominator = int(match.group("num")), int(match.group("den"))
        if 0 < numerator < denominator:
            value = 100 * numerator / denominator
            taken.append(_Atom(match.start(), match.end(), value, percent=True))
    fold = lowered is None or "fold" in lowered
    for match in _FOLD.finditer(text, start, end) if fold else ():
        times = match.group("times")
        value = parse_words(times) if times[0].isalpha() else parse_digits(times)
        if value:
            taken.append(_Atom(match.start(), match.end(), value, times=True))
    for match in _NUMERIC.finditer(text, start, end):
        taken.append(_numeric_atom(match))
    words = lowered is None or _has_any(lowered, _NUMBER_WORDS)
    for atom in _word_atoms(text, start, end) if words else ():
        if atom is not None:
            taken.append(atom)
    taken.sort(key=lambda atom: (atom.start, -(atom.end - atom.start)))
    atoms: list[_Atom] = []
    for atom in taken:
        if atoms and atom.start < atoms[-1].end:
            continue
        atoms.append(atom)
    return [atom for atom in atoms if not atom.masked]


def _vague_bounds(phrase: str) -> tuple[float, float]:
    words = phrase.split()
    if words[0] in ("several", "a"):
        scale = SCALES[words[-1]]
        return (scale, scale * 10)
    if len(words) == 3:
        low = {"tens": 10, "hundreds": 100, "dozens": 12}[words[0]]
        scale = SCALES[words[2].rstrip("s")]
        return (low * scale, low * scale * 10)
    return VAGUE[words[0]]


def _numeric_atom(match: re.Match[str]) -> _Atom:
    pre = (match.group("pre") or "").strip()
    scale = (match.group("scale") or "").strip()
    value = parse_digits(match.group("num"))
    currency = _currency_of_prefix(pre)
    atom_end = match.end()
    multiplier = 1
    if scale:
        # Single letters are scales where news uses them so: "$4.6K", "10m rubles", "35m of
        # its devices", "£12.8bn"; "b" only after money, "m" not before a length's words.
        letter = scale.lower() if len(scale) == 1 else ""
        text = match.string
        if (letter == "b" and not currency) or (
            letter == "m" and not currency and _METRES_AFTER.match(text, atom_end)
        ):
            atom_end = match.end("num")
        else:
            multiplier = scale_value(scale)
    number = match.group("num")
    start = match.start()
    sign = _SIGN.search(match.string, max(0, start - 6), start) if not pre else None
    if sign:
        # "-1.3%", "minus 387 Fahrenheit": the sign belongs to the figure
        start = sign.start()
        value = -value
    year = (
        not pre
        and multiplier == 1
        and len(number) == 4
        and number.isdecimal()
        and 1800 <= int(number) <= 2100
    )
    return _Atom(
        start,
        atom_end,
        value * multiplier,
        currency=currency,
        scaled=multiplier > 1,
        scale=multiplier,
        year=year,
    )


def _word_atoms(text: str, start: int, end: int) -> list[_Atom | None]:
    # One character before the span too: the scan's \b reads it.
    context = max(0, start - 1)
    piece = text[context:end]
    lowered = piece.lower()
    if len(lowered) == len(piece) and not _ODD_CASE.search(piece):
        return [
            _word_atom(match, text, context)
            for match in _WORDS_LOWERED.finditer(lowered, start - context)
        ]
    return [_word_atom(match, text, 0) for match in _WORDS.finditer(text, start, end)]


def _word_atom(match: re.Match[str], text: str, offset: int) -> _Atom | None:
    """The atom of a number-word match (on ``text[offset:]``, maybe lower-cased)."""
    words = match.group("words")
    # "two and three" is two numbers; "one hundred and twenty" is one: keep "and" only after
    # a scale word.
    parts = re.split(r"\s+and\s+", words, flags=re.IGNORECASE)
    kept = parts[0]
    for part in parts[1:]:
        if re.search(r"(?i)(hundred|thousand|million|billion)$", kept):
            kept = f"{kept} and {part}"
        else:
            break
    lower = kept.lower()
    if lower in ("dozen", "hundred", "thousand", "million", "billion", "trillion"):
        # a bare scale word counts nothing: "a baker's dozen", "the million-dollar question"
        if not match.group("words").lower().startswith(("a ", "half")):
            return None
    if lower.startswith("half a "):
        value = parse_words(lower[len("half a ") :])
        value = value / 2 if value is not None else None
    else:
        value = parse_words(lower)
    if value is None:
        return None
    pre_start, pre_end = match.span("pre")
    pre = text[offset + pre_start : offset + pre_end].strip() if pre_start >= 0 else ""
    start = offset + (match.start() if pre else match.start("words"))
    return _Atom(
        start,
        offset + match.start("words") + len(kept),
        value,
        currency=_currency_of_prefix(pre),
        words=True,
        scaled=bool(re.search(r"(?i)thousand|million|billion", kept)),
        scale=SCALES.get(lower.rsplit(" ", 1)[-1].rsplit("-", 1)[-1], 1),
    )


def _currency_of_prefix(prefix: str) -> str | None:
    if not prefix:
        return None
    symbols = {"US$": "USD", "A$": "AUD", "C$": "CAD", "$": "USD", "€": "EUR", "£": "GBP"}
    symbols |= {"₽": "RUB", "₴": "UAH", "¥": "JPY", "HK$": "HKD", "S$": "SGD", "$US": "USD"}
    symbols |= {"$A": "AUD", "RM": "MYR", "Rs": "INR", "Rs.": "INR"}
    prefix = re.sub(r"\s+", "", prefix)
    return symbols.get(prefix, prefix.upper())


def _range_partner(
    text: str, atoms: list[_Atom], index: int, end: int, quantities: bool
) -> _Atom | None:
    if index + 1 >= len(atoms):
        return None
    first, second = atoms[index], atoms[index + 1]
    if (
        first.vague
        or second.vague
        or first.percent != second.percent
        or first.times
        or second.times
    ):
        return None
    if second.year and (first.year or first.value < 1000):
        # "between 2014 and 2017", "5% in 2018": years; "from 1000 to 2000 hires" a range
        return None
    if first.year and not first.value < second.value < first.value * 1.5:
        # "in 2018 to 3.9 million" is a year and a figure; "2000 - 2500 calories" a range
        return None
    between = text[first.end : second.start]
    joiner = _JOINER.fullmatch(between)
    if joiner is None:
        # "5% to 10%", "1 per cent to 1.5 per cent", "15kHz and 17kHz": the unit written twice
        repeated = _REPEATED_UNIT.fullmatch(between)
        if repeated is None or not re.match(
            rf"\s?{re.escape(repeated.group('unit'))}(?![a-z])",
            text[second.end : second.end + 30],
            re.IGNORECASE,
        ):
            return None
    word = _JOINER_WORD.search(between).group(0).lower()
    before = text[max(0, first.start - 40) : first.start]
    if word == "and" and not re.search(r"(?i)\bbetween\s+$", before):
        return None
    if word == "to" and re.search(r"(?i)\bby\s+$", before):
        # "increased by $43.6 billion to $419.2 billion": a change and a new level
        return None
    if word == "to" and quantities and re.search(r"(?i)\bfrom\s+$", before):
        # quantity benchmarks count a change "from 4.8 to 4.7 percent" as one pair
        return second
    if word == "to" and _CHANGE_VERB.search(before):
        # claims.md: "rose from 2.2 million to 2.38 million" is two claims
        return None
    if word == "or" and quantities:
        return None
    low, high = _range_values(first, second)
    if not low < high:
        return None
    if word == "or" and high > low * 10:
        return None
    return second


def _hyphen_pair(text: str, atoms: list[_Atom], index: int) -> bool:
    if index + 1 >= len(atoms):
        return False
    first, second = atoms[index], atoms[index + 1]
    between = text[first.end : second.start]
    return between in ("-", "–", "/", ":") and not first.words and not second.words


def _range_values(first: _Atom, second: _Atom) -> tuple[float, float]:
    low, high = first.value, second.value
    if second.scaled and not first.scaled and first.value * second.scale <= second.value:
        # "$3-4 billion", "four to five thousand": the scale of the second covers the first,
        # but not in "$800,000 to $1.3 million"
        low = first.value * second.scale
    if not first.scaled and high >= 1_000 and low < 1_000 and 0.1 * high <= low * 1_000 <= high:
        # "70 to 80,000" means 70,000 to 80,000
        low *= 1_000
    return low, high


def _range_figure(text: str, first: _Atom, second: _Atom) -> Figure:
    # In quantity mode a change "from 4.8 to 4.7 percent" is one pair, kept in written order.
    low, high = _range_values(first, second)
    figure = Figure(first.start, second.end, low, high)
    figure.unit = first.currency or second.currency
    return figure


def _point_figure(atom: _Atom) -> Figure:
    if atom.vague:
        low, high = atom.vague
        return Figure(atom.start, atom.end, low, high, qualifier="approx", vague=True)
    figure = Figure(atom.start, atom.end, atom.value, atom.value)
    if atom.currency:
        figure.unit = atom.currency
    if atom.percent:
        figure.unit = "percent"
    if atom.times:
        figure.unit = "times"
    return figure


def _complete(text: str, figure: Figure, start: int, end: int) -> None:
    """Qualifier, unit and rate from the words around the figure."""
    qualifier = find_qualifier(text, figure, start, end)
    if qualifier and not figure.vague:
        figure.qualifier = qualifier
    find_unit(text, figure, end)
    figure.per = find_rate(text, figure, start, end)
