"""Place names in text: the gazetteer and every mention of a place, for the places stage.

Names come from ``knowledge/places.json`` (pycountry merged with ``place_aliases.toml``, built by
``scripts/generate_places.py``). A capital that acts as its state ("Moscow has deported",
"Moscow was estimated to have gathered") is read here as its country.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from warledger.knowledge.patterns import compile_guarded, grouped_alternation


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in the text: ``text[start:end]`` names ``code``.

    ``is_adjective`` marks "Russian military", ``is_people`` marks "Russians have submitted":
    both say less about where a figure happened than a name does.
    """

    start: int
    end: int
    code: str
    is_adjective: bool = False
    is_people: bool = False
    is_metonym: bool = False


@dataclass(frozen=True, slots=True)
class _Name:
    codes: tuple[str, ...]
    kind: str
    metonym: str | None
    expand: bool


@dataclass(frozen=True, slots=True)
class Gazetteer:
    pattern: re.Pattern[str]
    names: dict[str, _Name]
    region_words: frozenset[str]
    metonym_followers: frozenset[str]
    metonym_progressive: frozenset[str]
    metonym_preceders: frozenset[str]
    locative_words: frozenset[str]
    locative_blockers: frozenset[str]
    modifier_words: frozenset[str]
    continuation: re.Pattern[str]
    determiners: frozenset[str]
    territory_nouns: frozenset[str]
    rivers: frozenset[str]
    region_anaphor: re.Pattern[str]
    comparison: re.Pattern[str]
    host_after: re.Pattern[str]
    host_before: re.Pattern[str]
    residence_words: frozenset[str]
    statement_setting: re.Pattern[str]
    # The longest word of each setting, lower-cased: a sentence without any has no setting.
    statement_setting_words: frozenset[str]
    local_office: re.Pattern[str]


def name_branches(names: dict[str, _Name], suffix: str) -> list[tuple[str, str]]:
    """(first character, rest as a regex) of every name, for ``grouped_alternation``."""
    # Longest first, because the regex takes the first alternative that matches: "Kyiv region"
    # (UA-32) must win over "Kyiv" (UA-30), "Russian Federation" over "Russian".
    branches = []
    for name in sorted(names, key=len, reverse=True):
        rest = re.escape(name[1:])
        branches.append((name[0], f"{rest}(?: (?:{suffix}))?" if names[name].expand else rest))
    return branches


@cache
def gazetteer() -> Gazetteer:
    raw = json.loads(
        resources.files("warledger.knowledge").joinpath("places.json").read_text("utf-8")
    )
    names = {
        row["name"]: _Name(
            tuple(row["codes"]), row["kind"], row.get("metonym"), row.get("expand", False)
        )
        for row in raw["places"]
    }
    suffix = "|".join(
        re.escape(word) for word in sorted(raw["region_words"], key=len, reverse=True)
    )
    alternation = grouped_alternation(
        name_branches(names, suffix), not_after=r"[\w.-]", second_level=True
    )
    pattern = re.compile(alternation + r"(?![\w-])")
    return Gazetteer(
        pattern,
        names,
        frozenset(raw["region_words"]),
        frozenset(raw["metonym_followers"]),
        frozenset(raw["metonym_progressive"]),
        frozenset(raw["metonym_preceders"]),
        frozenset(raw["locative_words"]),
        frozenset(raw["locative_blockers"]),
        frozenset(raw["modifier_words"]),
        re.compile(r"\b(?:" + "|".join(map(re.escape, raw["continuation_cues"])) + r")\b"),
        frozenset(raw["determiners"]),
        frozenset(raw["territory_nouns"]),
        frozenset(raw.get("rivers", ())),
        # "the two regions", "these regions", "the region", "the city's": places named before.
        re.compile(
            r"\b(?:the|these|those|both)\s+(?:[a-z]+\s+)?(?:"
            + "|".join(
                [word for word in raw["region_words"] if word.islower()] + raw["place_anaphors"]
            )
            + r")\b"
        ),
        re.compile(r"\b(?:" + "|".join(map(re.escape, raw["comparison_cues"])) + r")\b"),
        # "Germany, host to ...", "Estonia, which already hosts ...": right after the name.
        re.compile(
            r"[\s,]*(?:(?:which|that|already|now|also)\s+)*(?:"
            + "|".join(map(re.escape, raw["host_followers"]))
            + r")\b"
        ),
        # "hosted by Poland": right before the name, after any determiners.
        re.compile(
            r"\b(?:" + "|".join(map(re.escape, raw["host_preceders"])) + r")\s+(?:the\s+)?$"
        ),
        frozenset(raw["residence_words"]),
        # "Speaking in Kyiv, ...": the name comes right after, past any "the".
        compile_guarded(
            r"\b(?:"
            + "|".join(re.escape(cue).replace(r"\ ", r"\s+") for cue in raw["statement_settings"])
            + r")\s+(?:the\s+)?",
            re.I,
        ),
        frozenset(max(cue.lower().split(), key=len) for cue in raw["statement_settings"]),
        re.compile(r"\b(?:" + "|".join(map(re.escape, raw["local_office_words"])) + r")\b", re.I),
    )


# The word after a capital, then the next that is not an adverb ("Moscow is also increasing"),
# then "to" and the word after it ("Moscow was estimated to have gathered").
_NEXT_WORDS = re.compile(
    r"([’']s|\s+[\w’']+)(?:\s+(?:also|already|now|still|reportedly|\w+ly)\b)*(?:\s+(\w+))?"
    r"(?:\s+to\s+([\w’']+))?"
)


_WORD_BEFORE = re.compile(r"(\w+)\s+$")


def _acts_as_state(text: str, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """Whether the capital at ``text[start:end]`` is its state acting ("Moscow has deported")
    or addressed ("a weapons package for Kyiv")."""
    before = _WORD_BEFORE.search(text, max(0, start - 20), start)
    if before and before.group(1) in gazetteer.metonym_preceders:
        return True
    following = _NEXT_WORDS.match(text, end)
    if following is None:
        return False
    word, after = following.group(1).strip(), following.group(2) or ""
    if word in gazetteer.metonym_progressive:
        if after.endswith("ing"):
            return after != "being"
        # A passive that raises the capital to the actor of a verb: "Moscow was estimated to
        # have gathered", "Moscow is expected to announce"; not "Kyiv was connected to the grid".
        verb = following.group(3) or ""
        return (
            after.endswith(("ed", "said", "thought"))
            and verb.islower()
            and verb not in gazetteer.determiners
            and not verb.endswith("ing")
        )
    return word in gazetteer.metonym_followers and after != "been"


_THE_BEFORE = re.compile(r"\b[Tt]he\s$")
_CITY_AFTER = re.compile(r"\s+city\b", re.IGNORECASE)


def find_places(text: str) -> list[PlaceMention]:
    """Every place name in ``text``, longest match first, in text order."""
    known = gazetteer()
    mentions: list[PlaceMention] = []
    for match in known.pattern.finditer(text):
        matched = match.group()
        if (
            matched in known.rivers
            and _THE_BEFORE.search(text, max(0, match.start() - 4), match.start())
            and not _CITY_AFTER.match(text, match.end())
        ):
            continue  # "the left bank of the Dnipro": the river ("the Dnipro city council" stays)
        name = known.names.get(matched) or known.names[matched.rsplit(" ", 1)[0]]
        codes = name.codes
        # "Moscow has forcefully deported", "Moscow's relations" mean Russia, the state;
        # "a court in Moscow" means the city.
        metonym = bool(name.metonym) and _acts_as_state(text, match.start(), match.end(), known)
        if metonym:
            codes = (name.metonym,)
        for code in codes:
            mentions.append(
                PlaceMention(
                    match.start(),
                    match.end(),
                    code,
                    is_adjective=name.kind == "adjective",
                    is_people=name.kind == "people",
                    is_metonym=metonym,
                )
            )
    return mentions
