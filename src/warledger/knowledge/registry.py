"""The source registry: who can make a claim, and the ways the text writes each one.

The knowledge itself lives in ``sources.toml`` beside this module; this is only its loader and
the matcher over it.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from warledger.knowledge import load_toml
from warledger.knowledge.patterns import grouped_alternation

SOURCES_FILE = Path(__file__).with_name("sources.toml")
KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# "U.K. Ministry of Defence" and "UK Ministry of Defence" are the same name.
_DOTTED = {"US": "U.S.", "UK": "U.K.", "UN": "U.N.", "EU": "E.U."}
# Letters that Unicode does not split into a base letter and a mark ("Wołodymyr").
_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "ß": "ss"})
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_TRAILING_POSSESSIVE = re.compile(r"'s?$")

# Words that make a capitalised name an organisation rather than a person.
_ORG_WORDS = frozenset(
    "institute center centre group office ministry committee agency service council command "
    "observatory organization organisation foundation union court commission army forces "
    "department bureau network project lab university staff mission".split()
)
# Nouns that can head an unnamed speaker phrase worth a slug: "Japanese intelligence",
# "Chinese and Ukrainian customs data".
_SOURCE_HEADS = frozenset(
    "data report reports figures estimates statistics intelligence officials sources authorities "
    "customs ministry agency office service media police military army government analysts "
    "experts monitors observers researchers investigators survey poll census records".split()
)
# What kind of body a name is, written after it: "the Bring Kids Back UA initiative".
_ORG_HEADS = frozenset(
    "initiative project campaign group foundation organisation organization network platform "
    "coalition fund charity movement".split()
)
_GENERIC_HEADS = re.compile(
    r"\s+(?:data|reports?|updates?|estimates|figures|statistics|statements?|records?)$",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(
    r"^(?:(?:the|a|an|its|their|his|her|latest|new|daily|recent|\s)+)?"
    r"(?:(?:data|reports?|figures|estimates|updates?|statements?)\s+(?:of|by|from)\s+)?",
    re.IGNORECASE,
)
# Where a named speaker phrase stops: time words ("Japanese intelligence since February 2023").
_NAME_TAIL = re.compile(
    r"\s+(?:since|from|on|in|as of|dated|published|released|this|last|at|during|for the)\b.*$"
)
# Where a name is said to sit, ending a phrase: "the General Staff in Kyiv".
_PLACED = re.compile(r"\s+in\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s*$")
# A run of capitalised words, joined by small words: "Institute for the Study of War".
_NAME_RUN = re.compile(r"(?:[A-Z][\w'.-]*)(?:\s+(?:(?:of|for|the|and|on)\s+)*(?:[A-Z][\w'.-]*))+")


class RegistryError(ValueError):
    """The sources file has a key or field that breaks the registry's rules."""


@dataclass(frozen=True, slots=True)
class Source:
    """One originator: its key, full name, and how the text writes it."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()
    bare: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    parent: str | None = None
    relay: bool = False


@dataclass(frozen=True, slots=True)
class SourceMention:
    """A place in a text that names a registered source: ``text[start:end]`` as written."""

    key: str
    start: int
    end: int
    text: str
    person: bool = False


@dataclass(slots=True)
class SourceRegistry:
    """Every registered source, with a matcher over all of their aliases."""

    sources: dict[str, Source]
    _exact: re.Pattern[str] | None = field(default=None, repr=False)
    _folded: re.Pattern[str] | None = field(default=None, repr=False)
    _lowered: re.Pattern[str] | None = field(default=None, repr=False)
    _alias_key: dict[str, tuple[str, bool]] = field(default_factory=dict, repr=False)
    _bare_key: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        exact: list[str] = []
        folded: list[str] = []
        # Aliases as written come first, so a variant never takes a name another source wrote out
        # ("Ukraine's armed forces" is the General Staff's, not a variant of "Ukrainian Armed
        # Forces").
        for variants in (False, True):
            for source in self.sources.values():
                names = [(alias, False) for alias in source.aliases]
                names += [(person, True) for person in source.people]
                for alias, person in names:
                    for form in _variants(alias) if variants else _spellings(alias):
                        lookup = form if _is_acronym(form) else _fold(form)
                        self._alias_key.setdefault(lookup, (source.key, person))
                        (exact if _is_acronym(form) else folded).append(form)
        for source in self.sources.values():
            for alias in source.bare:
                self._bare_key.setdefault(_fold(alias), source.key)
        self._exact = _alternation(exact, 0, guard_inside=True)
        self._folded = _alternation(folded, re.IGNORECASE)
        if all(_folds_plainly(char) for char in set("".join(folded)) if not char.isascii()):
            self._lowered = _alternation([form.lower() for form in folded], 0)

    @classmethod
    def load(cls, path: Path | str | None = None) -> SourceRegistry:
        """Read a sources file (the packaged ``sources.toml`` by default)."""
        with open(path or SOURCES_FILE, "rb") as handle:
            data = tomllib.load(handle)
        sources: dict[str, Source] = {}
        for key, table in data.items():
            if not KEY_PATTERN.match(key):
                raise RegistryError(f"source key {key!r} is not lowercase-hyphenated")
            sources[key] = Source(
                key=key,
                name=table.get("name", key),
                aliases=tuple(table.get("aliases", ())),
                bare=tuple(table.get("bare", ())),
                people=tuple(table.get("people", ())),
                parent=table.get("parent"),
                relay=bool(table.get("relay", False)),
            )
        for source in sources.values():
            if source.parent is not None and source.parent not in sources:
                raise RegistryError(f"{source.key}: parent {source.parent!r} is not a key")
        return cls(sources)

    def __contains__(self, key: object) -> bool:
        return key in self.sources

    def get(self, key: str) -> Source | None:
        return self.sources.get(key)

    def is_relay(self, key: str | None) -> bool:
        source = self.sources.get(key) if key else None
        return bool(source and source.relay)

    def ancestors(self, key: str) -> list[str]:
        """The parents of ``key``, nearest first."""
        chain: list[str] = []
        parent = self.sources[key].parent if key in self.sources else None
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = self.sources[parent].parent
        return chain

    def match(self, text: str) -> list[SourceMention]:
        """Every alias in ``text``, longest first where they overlap, in text order.

        A bare name ("Ukraine") counts only when it is the whole of ``text``, give or take an
        article, a possessive and where it sits ("in Kyiv"): "Ukraine says" names Kyiv, "Save
        Ukraine" does not.
        """
        plain = text.replace("\u2019", "'")
        bare = self._bare_key.get(_fold(_strip_phrase(plain)))
        if bare is None and len(plain) < 80 and (placed := _PLACED.search(plain)):
            # "the General Staff in Kyiv": the bare name placed somewhere is still the name
            bare = self._bare_key.get(_fold(_strip_phrase(plain[: placed.start()])))
        if bare is not None:
            return [SourceMention(bare, 0, len(text), text.strip())]
        found: list[tuple[int, int, str, bool]] = []
        folded, scanned = self._folded, plain
        if self._lowered is not None and _lowers_plainly(plain):
            folded, scanned = self._lowered, plain.lower()
        for pattern, fold in ((self._exact, False), (folded, True)):
            if pattern is None:
                continue
            for hit in pattern.finditer(scanned if fold else plain):
                alias = _fold(hit.group()) if fold else hit.group()
                entry = self._alias_key.get(alias)
                if entry is not None:
                    found.append((hit.start(), hit.end(), *entry))
        found.sort(key=lambda item: (-(item[1] - item[0]), item[0]))
        chosen: list[tuple[int, int, str, bool]] = []
        for start, end, key, person in found:
            if all(end <= s or start >= e for s, e, _, _ in chosen):
                chosen.append((start, end, key, person))
        chosen.sort()
        return [SourceMention(k, s, e, text[s:e], person) for s, e, k, person in chosen]

    @staticmethod
    def slug(name: str) -> str:
        """A lowercase-hyphenated key for an unregistered originator ("the Yale Lab" → yale-lab)."""
        text = unicodedata.normalize("NFKD", name.replace("\u2019", "'").translate(_UNDECOMPOSED))
        text = text.encode("ascii", "ignore").decode()
        text = _TRAILING_POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", text.strip()))
        # "Gaza's health ministry" is gaza-health-ministry, with no "-s-"
        text = re.sub(r"'s\b", "", text)
        text = re.sub(r"\b([A-Za-z])\.(?=[A-Za-z]\.)", r"\1", text).replace(".", "")
        return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")

    def slug_phrase(self, phrase: str, loose: bool = False) -> str | None:
        """A slug for an unregistered speaker phrase, or None when it names nobody ("officials").

        A proper name that ends the phrase is the speaker ("The British expert Matthew Savill",
        or anywhere in it when ``loose``); otherwise a phrase headed by a source noun
        ("Japanese intelligence", "Chinese and Ukrainian customs data") is its own name.
        """
        plain = re.sub(r"\([^)]*\)?", " ", phrase)
        plain = _NAME_TAIL.sub("", _LEAD_IN.sub("", plain.strip())).strip(" .")
        if not re.search(r"[A-Z]", plain) or len(plain.split()) > 8:
            return None
        name = name_in(plain)
        if name and (loose or plain.endswith(name)) and len(name.split()) <= 6:
            return self.slug(name) or None
        if name and plain[plain.rfind(name) + len(name) :].strip().lower() in _ORG_HEADS:
            # "the Bring Kids Back UA initiative": the name before what kind of body it is
            return self.slug(name) or None
        words = plain.lower().split()
        if words[-1] in _SOURCE_HEADS and 2 <= len(words) <= 5:
            return self.slug(_GENERIC_HEADS.sub("", plain)) or None
        if len(words) == 1 and plain[0].isupper() and words[0] not in _SOURCE_HEADS:
            return self.slug(plain) or None
        return None


@cache
def default_registry() -> SourceRegistry:
    """The packaged registry, loaded once."""
    return SourceRegistry.load()


def name_in(phrase: str) -> str | None:
    """The last proper name of two words or more in ``phrase`` ("Matthew Savill")."""
    runs = [re.sub(r"^(?:The|A|An)\s+", "", run.group()) for run in _NAME_RUN.finditer(phrase)]
    runs = [run for run in runs if len(run.split()) >= 2]
    return runs[-1] if runs else None


def is_person_name(name: str) -> bool:
    """ "Mykola Kuleba" is a person, "Conflict Observatory" is not."""
    words = name.split()
    return 2 <= len(words) <= 3 and not any(word.lower() in _ORG_WORDS for word in words)


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and " " not in alias


def _spellings(alias: str) -> list[str]:
    forms = [alias.replace("\u2019", "'")]
    for short, dotted in _DOTTED.items():
        if re.search(rf"\b{short}\b", alias):
            forms.append(re.sub(rf"\b{short}\b", dotted, forms[0]))
    return forms


@cache
def _country_forms() -> tuple[tuple[str, ...], ...]:
    return tuple(
        tuple(forms) for forms in load_toml("speaker_words.toml")["country_forms"].values()
    )


@cache
def _spelling_pairs() -> tuple[tuple[str, str], ...]:
    return tuple((a, b) for a, b in load_toml("speaker_words.toml")["spellings"]["pairs"])


def _variants(alias: str) -> list[str]:
    """Other ways to write ``alias``: "British Ministry of Defence" is also "Britain's Ministry
    of Defense" and "the U.K.'s Ministry of Defence" (an acronym alias has none)."""
    if _is_acronym(alias):
        return []
    written = [alias.replace("\u2019", "'")]
    for forms in _country_forms():
        for form in forms:
            if re.match(rf"{re.escape(form)}(?=\s)", written[0]):
                rest = written[0][len(form) :]
                written += [other + rest for other in forms if other != form]
                break
    for one, other in _spelling_pairs():
        for name in list(written):
            for a, b in ((one, other), (other, one)):
                if re.search(rf"\b{a}\b", name):
                    written.append(re.sub(rf"\b{a}\b", b, name))
    return [form for name in written for form in _spellings(name)]


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _strip_phrase(text: str) -> str:
    return _TRAILING_POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", text.strip()))


# Speed only: re matches a thousand aliases twice as fast on lower-cased text as with
# IGNORECASE. The two find the same spans on text whose every character is ASCII or has no case
# (quotes, dashes, currency signs), against aliases whose non-ASCII letters match no ASCII
# character but their lower case ("ü"; not "ſ", which IGNORECASE matches to "s").
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII = [chr(code) for code in range(128)]


def _lowers_plainly(text: str) -> bool:
    return text.isascii() or all(
        char == char.lower() == char.upper() for char in set(_NON_ASCII.findall(text))
    )


def _folds_plainly(char: str) -> bool:
    """Whether IGNORECASE matches ``char`` to the ASCII characters its lower case is, no more."""
    pattern = re.compile(re.escape(char), re.IGNORECASE)
    return {a for a in _ASCII if pattern.fullmatch(a)} == {a for a in _ASCII if a == char.lower()}


def _alternation(
    forms: list[str], flags: int, guard_inside: bool = False
) -> re.Pattern[str] | None:
    if not forms:
        return None
    ordered = sorted(set(forms), key=len, reverse=True)
    # Aliases never start with a space, so the first character is a literal.
    branches = [(form[0], re.escape(form[1:]).replace(r"\ ", r"\s+")) for form in ordered]
    ignore_case = bool(flags & re.IGNORECASE)
    if guard_inside:
        body = grouped_alternation(
            branches, ignore_case=ignore_case, not_after=r"[\w.]", second_level=True
        )
        return re.compile(rf"{body}(?![\w])", flags)
    body = grouped_alternation(branches, ignore_case=ignore_case, second_level=True)
    return re.compile(rf"(?<![\w.]){body}(?![\w])", flags)
