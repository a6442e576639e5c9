"""What the words around a number say of it: not a figure at all, qualifier, unit, rate."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from warledger.extract.document import Figure
from warledger.knowledge import load_toml
from warledger.knowledge.patterns import EndPattern, compile_guarded

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTH_BEFORE = EndPattern(rf"(?i)\b{_MONTH}\.?\s+$", len("september."))
_MONTH_AFTER = re.compile(rf"(?i)^(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b")
_ORDINAL_AFTER = re.compile(r"(?i)^(?:st|nd|rd|th)\b")
# "September 4-10", "September 4 to 10": days of a month, a stretch of dates.
_DAY_SPAN = re.compile(r"\d{1,2}\s*(?:-|–|to|through)\s*\d{1,2}")
_CLOCK = re.compile(r"(?i)^(?::\d|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|UTC\b|hrs\b|h\b))")
_LETTER_BEFORE = EndPattern(r"(?:[A-Za-z]-?|/|#|№)$", 2)
# "sub-300 sq m office space": below 300, not a model number
_SUB_BEFORE = EndPattern(r"(?i)\bsub-$", 4)
_WHEN_DURATION = re.compile(
    r"(?i)\b(?:past|last|next|previous|recent|coming|first|within|during|in|over|after|since"
    r"|than|every|each|for\s+the\s+first\s+time\s+in)\s+(?:the\s+)?(?:\w+\s+)?$"
    # "the 15 months from February 2022 to May 2023": a stretch of time named, not counted
    r"|(?:^|[^\w\s]\s*|\b(?:covers|covering|cover|spans|spanning|span|for)\s+)the\s+$"
)
_ONE_OK_BEFORE = compile_guarded(r"(?i)(?:\band|,)\s*$")
# "iPhone 11", "S&P 500", "Leopard 2", "Boeing 787": a name token right before a small number
_CAPITAL_BEFORE = re.compile(r"(?:^|[^.!?:\"“]\s)([A-Za-z&]*[A-Z][\w&]*)\s+$")
_ADDRESS_AFTER = re.compile(
    r"^(?:\s+(?:[A-Z][a-z]*\.?|\d+(?:st|nd|rd|th))){1,3}\s+(?:Road|Rd|Street|St|Avenue|Ave|Lane"
    r"|Boulevard|Blvd|Drive"
    r"|Way|Square|Place|Court)\b"
)
_ORDINAL_HYPHEN_NOUN = re.compile(r"^-(?!year-old|years?-old)([a-z]+)", re.IGNORECASE)
_YEAR_OLD = re.compile(r"(?i)^[\s-]+years?[\s-]+old\b")
# Precompiled (not re.match(string, ...)): these run for every number, and re's cache
# look-up costs as much as the match itself.
_PERCENT_AFTER = re.compile(r"(?i)^\s*(?:%|percent|per cent)")
_CODE_AFTER = re.compile(r"^[A-Za-z]{1,3}\d|^/\d|^[A-Za-z]*\d")
_CLOCK_BEFORE = EndPattern(r"\d:$", 2)
_NAME_PAREN_BEFORE = re.compile(r"[A-Z][a-z]+ \($")
_LIST_MARK_AFTER = re.compile(r"^[.)]\s")
_TIME_HYPHEN_AFTER = re.compile(r"(?i)^-(?:year|month|week|day)")
_MORE_IDIOM_AFTER = re.compile(r"(?i)^\s+more\s+(?:thing|time|step|question|point|day|year)\b")
_COMMA_AFTER = re.compile(r",\s")
_NAME_COMMA_BEFORE = re.compile(r"\b[A-Z][a-z]+,\s$")
_WHEN_WORD_AFTER = re.compile(r"(?i)^[\s-]\w+\s+(?:ago|on|later|earlier)\b")
# "Two years after the invasion began", "two years into the war", "Two years of full-scale
# war": when, unless a "for" makes it a length ("held in custody for two months after his
# arrest").
_WHEN_FROM_AFTER = re.compile(
    r"(?i)^[\s-]\w+\s+(?:after|before|since|into)\b"
    r"|^[\s-]\w+\s+of\s+(?:the\s+)?(?:full[- ]scale\s+)?(?:war|invasion|fighting|occupation)\b"
)
# (not an EndPattern: the spaces inside it are unbounded, so no reach holds every match)
_FOR_BEFORE = compile_guarded(r"(?i)\bfor\s+(?:about\s+|nearly\s+|almost\s+|over\s+)?$")
_ONE_OF_AFTER = re.compile(r"(?i)^\s+(?:of|another|day|side|way|thing|hand|time|point|another)\b")
_ONE_DETERMINER_BEFORE = compile_guarded(r"(?i)\bno\s+$|\bthe\s+$|\bthis\s+$|\bthat\s+$")
_LOWER_WORD_AFTER = re.compile(r"^\s+[a-z]")
_AGE_LIMIT_BEFORE = compile_guarded(r"(?i)\b(under|over|above|below)\s+the\s+age\s+of\s+$")
_OF_AFTER = re.compile(r"(?i)^\s+of(?=\s)")
_SPACES = re.compile(r"\s+")
_TIME_UNIT_AFTER = re.compile(
    r"(?i)^[\s-](?:(?:summer|winter|spring|autumn|fall|working|calendar|full|straight"
    r"|consecutive|last|first|past|previous|next|coming)\s+)?"
    r"(years?|months?|weeks?|days?|hours?|minutes?|decades?|centur(?:y|ies))\b"
)
_POINT_IN_TIME_AFTER = re.compile(
    r"(?i)^-(?:years?|months?|weeks?|days?)[\s-]+(?:mark|period|anniversary|milestone)\b"
)
# "18,726 armoured personnel carriers", "anti-personnel mines": a people noun that modifies
# the thing counted
_PEOPLE_AS_MODIFIER = re.compile(
    r"(?i)\s+(?:carriers?|vehicles?|mines?|transporters?|carriers'|ships?|aircraft|trucks?)\b"
)
_RATE_WORDS = {"daily": "day", "weekly": "week", "monthly": "month", "annual": "year"}
_RATE_SUBJECT = compile_guarded(
    r"(?i)\b(?P<rate>daily|weekly|monthly|annual)\s+(?:average\s+)?(?:number|toll|count|rate"
    r"|losses|average)\b[^.;:]{0,100}?\b(?:is|was|were|are|amounted\s+to|stood\s+at"
    r"|reached|averaged|came\s+to|totall?ed)\s+(?:\w+\s+){0,2}$"
)
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


@cache
def _units() -> dict:
    return load_toml("units.toml")


@cache
def _grammar_words(name: str) -> frozenset[str]:
    return frozenset(_units()["grammar"][name])


@cache
def _qualifier_patterns() -> tuple[
    list[tuple[re.Pattern[str], str]], list[tuple[re.Pattern[str], str]]
]:
    table = load_toml("qualifiers.toml")
    before = [
        (re.compile(rf"(?i)(?:^|[\s(“\"'])({re.escape(word)})\s*$"), key, len(word))
        for key, words in table["before"].items()
        for word in words
    ]
    after = [
        (re.compile(rf"(?i)^\s*{re.escape(word)}(?!\w)"), key, len(word))
        for key, words in table["after"].items()
        for word in words
    ]
    before.sort(key=lambda item: -item[2])
    after.sort(key=lambda item: -item[2])
    return [(p, k) for p, k, _ in before], [(p, k) for p, k, _ in after]


@cache
def _designators() -> EndPattern:
    """A designator word ending the text; a match is the word and the character before it."""
    words = sorted(_units()["designators"]["words"], key=len, reverse=True)
    alternatives = "|".join(re.escape(word) for word in words)
    return EndPattern(rf"(?i)(?:^|[\s(])(?:{alternatives})\s*$", len(words[0]) + 1)


def _designator_before(before: str) -> bool:
    """ "Resolution", "No.", "Brigade" right before the number."""
    return _designators().search(before) is not None


@cache
def _unit_patterns() -> list[tuple[re.Pattern[str], str, bool]]:
    """(pattern anchored after the number, unit key, may attach without a space)."""
    units = _units()
    forms: list[tuple[str, str, bool]] = []
    for symbol in units["percent"]["symbols"]:
        forms.append((re.escape(symbol), "percent", True))
    for word in units["percent"]["words"]:
        forms.append((re.escape(word), "percent", False))
    for code in units["currency_codes"]:
        forms.append((code, code, False))
    for key, words in units["currency_words"].items():
        forms.extend((re.escape(word), key, False) for word in words)
    for key, words in units["measurement"].items():
        forms.extend((re.escape(word), key, True) for word in words)
    for key, words in units["time"].items():
        forms.extend((re.escape(word), key, False) for word in words)
    forms.append(("times", "times", False))
    forms.sort(key=lambda form: -len(form[0]))
    patterns = []
    for form, key, attach in forms:
        gap = r"[\s-]?" if attach else r"[\s-]"
        flags = "" if form.isupper() else "(?i)"
        patterns.append((re.compile(rf"{flags}^{gap}(?:{form})(?![\w%])"), key, attach))
    return patterns


@cache
def _people_pattern() -> re.Pattern[str]:
    nouns = sorted(_units()["people"]["nouns"], key=len, reverse=True)
    return re.compile(rf"(?i)(?:{'|'.join(re.escape(noun) for noun in nouns)})\b")


_RATE_AFTER = (
    r"(?i)^[^\d,;.!?()]{{0,40}}?\b(?:{words})\b(?!\s+(?:ago|after|before|earlier|later|or\s+two))"
)
_RATE_BEFORE = r"(?i)\b(?:{words})\s*$"


@dataclass(frozen=True, slots=True)
class RatePatterns:
    """The rate words after a figure ("1,523 a day") and before it ("a daily average of"),
    each with its time unit and tried in order, and one pattern for each side that matches
    wherever any of its words does."""

    after: list[tuple[re.Pattern[str], str]]
    before: list[tuple[re.Pattern[str], str]]
    # Speed only: most figures have no rate, and one scan for all ~30 words replaces ~30 scans;
    # when it matches, the list says which word comes first in order.
    any_after: re.Pattern[str]
    any_before: re.Pattern[str]


def _words_pattern(template: str, words: list[str]) -> str:
    return template.format(words="|".join(re.escape(word) for word in words))


@cache
def _rate_patterns() -> RatePatterns:
    units = _units()
    after_words = [(word, key) for key, words in units["rates"].items() for word in words]
    before_words = [(word, key) for key, words in units["rate_before"].items() for word in words]
    return RatePatterns(
        after=[(re.compile(_words_pattern(_RATE_AFTER, [w])), key) for w, key in after_words],
        before=[(re.compile(_words_pattern(_RATE_BEFORE, [w])), key) for w, key in before_words],
        any_after=re.compile(_words_pattern(_RATE_AFTER, [w for w, _ in after_words])),
        any_before=re.compile(_words_pattern(_RATE_BEFORE, [w for w, _ in before_words])),
    )


# Reasons that make a quantity no *claim* but still a quantity of the text: kept when the
# grammar runs for every quantity (quantity benchmarks count "in 15 years", "one of them").
CLAIM_ONLY_REASONS = frozenset(
    {
        "duration that says when",
        "pronoun one",
        "compound adjective",
        "age in a name",
        "a point in time",
        "idiom",
    }
)


def drop_reason(
    text: str, figure: Figure, start: int, end: int, *, quantities: bool = False
) -> str | None:
    """Why the number at ``figure`` is no figure (a date, a year, a name), or None.

    With ``quantities`` only the reasons that make it no quantity at all count.
    """
    reason = _drop_reason(text, figure, start, end)
    if quantities and reason in CLAIM_ONLY_REASONS:
        return None
    return reason


def _drop_reason(text: str, figure: Figure, start: int, end: int) -> str | None:
    surface = text[figure.start : figure.end]
    before = text[max(start, figure.start - 60) : figure.start]
    after = text[figure.end : min(end, figure.end + 60)]
    digits_only = surface.isdecimal()
    if digits_only and len(surface) == 4 and 1800 <= int(surface) <= 2100:
        if not _PERCENT_AFTER.match(after) and not _people_pattern().match(after.lstrip()):
            return "year"
    if digits_only and len(surface) > 12:
        return "long digit string"
    if figure.low == figure.high and digits_only and int(surface) <= 31:
        if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
            return "day of a date"
    if figure.high <= 31 and _DAY_SPAN.fullmatch(surface) and _MONTH_BEFORE.search(before):
        return "days of a date"
    if surface[-1:].isdecimal() and _ORDINAL_AFTER.match(after):
        return "ordinal"
    if surface[:1].isdigit() and _LETTER_BEFORE.search(before) and not _SUB_BEFORE.search(before):
        return "part of a name"
    if surface[-1:].isdigit() and _CODE_AFTER.match(after):
        return "part of a code"
    if _CLOCK.match(after) or _CLOCK_BEFORE.search(before):
        return "time of day"
    # The pure tests first: they are cheap and usually false, and the scans only run after them.
    unit_follows: bool | None = None  # asked at most once, by the first test that needs it
    if digits_only and _designator_before(before):
        unit_follows = _unit_follows(after)
        if not unit_follows:
            return "a designator's number"
    if after.startswith(")") and _NAME_PAREN_BEFORE.search(before) and digits_only:
        # "Dak Prescott (4)": a player's or a list's number beside a name
        return "number beside a name"
    if _ADDRESS_AFTER.match(after):
        return "a street address"
    if _LIST_MARK_AFTER.match(after) and not before.strip():
        return "list item"
    if (
        digits_only
        and not figure.vague
        and not (_unit_follows(after) if unit_follows is None else unit_follows)
    ):
        capital = _CAPITAL_BEFORE.search(before)
        if capital and capital.group(1) not in _grammar_words("capitals_before_figures"):
            if not _MONTH_BEFORE.search(before) and int(surface) < 1000:
                return "number inside a name"
    lowered = surface.lower()
    if lowered in ("zero",):
        return "zero"
    if (
        lowered == "one"
        and not _TIME_HYPHEN_AFTER.match(after)
        and not (_one_is_figure(before, after))
    ):
        return "pronoun one"
    compound = _ORDINAL_HYPHEN_NOUN.match(after)
    if (
        compound
        and not _is_time_word(compound.group(1))
        and compound.group(1).lower()
        not in (
            "thirds",
            "quarters",
        )
    ):
        return "compound adjective"
    if _POINT_IN_TIME_AFTER.match(after):
        return "a point in time"
    if _MORE_IDIOM_AFTER.match(after):
        return "idiom"
    if _COMMA_AFTER.match(after) and _NAME_COMMA_BEFORE.search(before) and digits_only:
        # "Francis, 85, has not..." gives a person's age beside the name
        if 10 <= int(surface) <= 110:
            return "age in a name"
    time_unit = _time_unit_after(after)
    if time_unit:
        if time_unit == "hour" or _WHEN_WORD_AFTER.match(after):
            return "duration that says when"
        if _WHEN_FROM_AFTER.match(after) and not _FOR_BEFORE.search(before):
            return "duration that says when"
        if _WHEN_DURATION.search(before) and not _YEAR_OLD.match(after):
            return "duration that says when"
    return None


def _unit_follows(after: str) -> bool:
    """A unit of measure, money or percent right after the number ("0.68 percent")."""
    return any(
        key not in ("times", "year", "month", "week", "day", "hour") and pattern.match(after)
        for pattern, key, _attach in _unit_candidates(after[:2])
    )


@cache
def _unit_first_chars() -> list[str]:
    """The first character of each unit form in ``_unit_patterns()``, lower-cased."""
    firsts = []
    for pattern, _key, _attach in _unit_patterns():
        form = pattern.pattern.split("(?:", 1)[1]
        firsts.append((form[1] if form[0] == "\\" else form[0]).lower())
    return firsts


@lru_cache(maxsize=65536)
def _unit_candidates(head: str) -> tuple[tuple[re.Pattern[str], str, bool], ...]:
    # Speed only: a unit form starts at the first or second character after the number (after
    # an optional space or hyphen), so only the forms starting with one of those two characters
    # can match; they keep their order in ``_unit_patterns()``, so the first match is the same
    # as trying all ~90 patterns. Non-ASCII heads (Unicode spaces and case folds) try them all.
    patterns = _unit_patterns()
    if not head.isascii():
        return tuple(patterns)
    chars = set(head.lower())
    return tuple(
        form for form, first in zip(patterns, _unit_first_chars(), strict=True) if first in chars
    )


def _is_time_word(word: str) -> bool:
    return word.lower().rstrip("s") in ("year", "month", "week", "day", "hour", "minute")


def _time_unit_after(after: str) -> str | None:
    match = _TIME_UNIT_AFTER.match(after)
    return match.group(1).lower().rstrip("s") if match else None


def _one_is_figure(before: str, after: str) -> bool:
    if _ONE_OF_AFTER.match(after):
        return False
    if _ONE_DETERMINER_BEFORE.search(before):
        return False
    if find_qualifier_in(before):
        return True
    if _people_pattern().match(after.lstrip()):
        return True
    return bool(_ONE_OK_BEFORE.search(before)) and _LOWER_WORD_AFTER.match(after) is not None


def find_qualifier_in(before: str) -> str | None:
    """The qualifier that ``before`` (the text just before a figure) ends with, if any."""
    if before.isascii():
        return _qualifier_suffix(before)
    for pattern, key in _qualifier_patterns()[0]:
        if pattern.search(before):
            return key
    return None


@cache
def _qualifier_suffixes() -> tuple[tuple[int, ...], dict[str, str]]:
    """Qualifier words by length (longest first) and word -> key, the first listed winning."""
    table = load_toml("qualifiers.toml")
    words = sorted(
        ((word.lower(), key) for key, listed in table["before"].items() for word in listed),
        key=lambda item: -len(item[0]),
    )
    keys: dict[str, str] = {}
    for word, key in words:
        keys.setdefault(word, key)
    return tuple(sorted({len(word) for word in keys}, reverse=True)), keys


_QUALIFIER_EDGE = "(“\"'"


def _qualifier_suffix(before: str) -> str | None:
    # Speed only: the same answer as searching every pattern of ``_qualifier_patterns()[0]``
    # ("(?:^|[\s(“\"'])(word)\s*$", longest word first) with one dict look-up a word length:
    # the ~90 regex searches a figure were the grammar's largest cost. ASCII text only, where
    # lower() is re.IGNORECASE and rstrip() is "\s*$"; other text takes the regex loop.
    tail = before.rstrip()
    lowered = tail.lower()
    lengths, keys = _qualifier_suffixes()
    size = len(tail)
    for length in lengths:
        if length > size:
            continue
        key = keys.get(lowered[size - length :])
        if key is not None and (
            length == size
            or tail[size - length - 1].isspace()
            or tail[size - length - 1] in _QUALIFIER_EDGE
        ):
            return key
    return None


def find_qualifier(text: str, figure: Figure, start: int, end: int) -> str | None:
    """The qualifier written before the figure ("about 300") or after it ("300 or more")."""
    before = text[max(start, figure.start - 40) : figure.start]
    qualifier = find_qualifier_in(before)
    if qualifier == "exact":
        return None
    if qualifier:
        return qualifier
    # "the age of 60" after "under": the qualifier stands before the noun of the age
    match = _AGE_LIMIT_BEFORE.search(before)
    if match:
        return "less_than" if match.group(1).lower() in ("under", "below") else "more_than"
    after = text[figure.end : min(end, figure.end + 30)]
    # Speed only: each pattern is spaces, then its word; an ASCII character first after the
    # spaces that starts no word (IGNORECASE folds ASCII only to ASCII) rules them all out.
    lead = after.lstrip()[:1].lower()
    if lead.isascii() and lead not in _after_qualifier_firsts():
        return None
    for pattern, key in _qualifier_patterns()[1]:
        if pattern.match(after):
            return key
    return None


@cache
def _after_qualifier_firsts() -> frozenset[str]:
    """The first characters of the qualifiers written after a figure, lower-cased; every ASCII
    character when one of them is not ASCII."""
    words = [word for listed in load_toml("qualifiers.toml")["after"].values() for word in listed]
    if not all(word[:1].isascii() and not word[:1].isspace() for word in words):
        return frozenset(chr(code) for code in range(128))
    return frozenset(word[0].lower() for word in words)


def find_unit(text: str, figure: Figure, end: int) -> None:
    """Set ``figure.unit`` (and the span of the unit words) from what follows the number."""
    after = text[figure.end : min(end, figure.end + 80)]
    if figure.unit == "percent":
        _set_unit_span(figure, figure.end, figure.end, figure.unit)
    for pattern, key, _attach in _unit_candidates(after[:2]):
        match = pattern.match(after)
        if match:
            if figure.unit and figure.unit != "percent" and key in ("times",):
                break
            if figure.unit is None or key in ("percent",) or len(key) == 3 and key.isupper():
                if figure.unit and figure.unit.isupper() and key.isupper() and figure.unit != key:
                    break
                _set_unit_span(figure, figure.end + match.start(), figure.end + match.end(), key)
                if _attach and match.start() == 0 and not after[:1].isspace():
                    # "21%", "1,450km": a unit written onto the number is part of its text
                    figure.end = figure.unit_end
                return
            break
    if figure.unit:
        return
    of = _OF_AFTER.match(after) if figure.vague or figure.unit is None else None
    rest_start = figure.end + (of.end() if of else 0)
    if of:
        rest = text[rest_start : min(end, rest_start + 60)]
        for pattern, key, attach in _unit_candidates((" " + rest)[:2]):
            match = pattern.match(" " + rest)
            if match and not attach and key.isupper():
                _set_unit_span(
                    figure, rest_start + match.start(), rest_start + match.end() - 1, key
                )
                return
    _people_unit(text, figure, rest_start, end)


def _people_unit(text: str, figure: Figure, position: int, end: int) -> None:
    """ "5,000 Russian troops" → person: a people noun after at most three modifiers."""
    words = 0
    while position < end and words <= 3:
        gap = _SPACES.match(text[position:end])
        if not gap:
            return
        position += gap.end()
        noun = _people_pattern().match(text, position, end)
        if noun and not _PEOPLE_AS_MODIFIER.match(text, noun.end(), end):
            _set_unit_span(figure, noun.start(), noun.end(), "person")
            return
        word = _WORD.match(text, position, end)
        if not word or word.group(0).lower() in _grammar_words("modifier_stopwords"):
            return
        position = word.end()
        words += 1


def _set_unit_span(figure: Figure, start: int, end: int, unit: str) -> None:
    figure.unit = unit
    figure.unit_start = start
    figure.unit_end = end


def find_rate(text: str, figure: Figure, start: int, end: int) -> str | None:
    """The time unit of a rate: "1,523 people per day", "a daily average of 1,000"."""
    after_start = figure.unit_end or figure.end
    after = text[after_start : min(end, after_start + 60)]
    rates = _rate_patterns()
    if rates.any_after.match(after):
        for pattern, key in rates.after:
            if pattern.match(after):
                return key
    before = text[max(start, figure.start - 40) : figure.start]
    if rates.any_before.search(before):
        for pattern, key in rates.before:
            if pattern.search(before):
                return key
    # "The average daily number of Russian losses ... is 899 soldiers": the rate is named in
    # the subject and the figure follows its verb, with no other number between
    subject = _RATE_SUBJECT.search(text, max(start, figure.start - 160), figure.start)
    if subject and not re.search(r"\d", text[subject.end() : figure.start]):
        return _RATE_WORDS[subject.group("rate").lower()]
    return None
