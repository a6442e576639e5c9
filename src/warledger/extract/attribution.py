"""Stage: who says it. Reads sentences and claims; fills ``source`` and ``source_text``.

A sentence names its speaker through a cue ("According to the GUR, ...", "..., the U.K. Ministry
of Defence said", "said Stoltenberg", "citing data from Ukraine"). The speaker phrase of the cue
is looked up in the source registry; a pronoun or "the report" points back to the speaker in
force; an unregistered name becomes a slug. Sentences without a cue carry the speaker in force
("According to the GUR, ... 300 people ... The enemy is forcing Ukrainians under the age of 60"),
until another cue names someone else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warledger.extract.document import Document
from warledger.knowledge.registry import (
    SourceRegistry,
    default_registry,
    is_person_name,
    name_in,
)

_VERBS = (
    "said|says|say|reported|reports|estimated|estimates|estimate|claimed|claims|claim|announced|"
    "announces|noted|notes|added|adds|stated|confirmed|confirms|assessed|assesses|revealed|"
    "reveals|admitted|admits|believes|forecasts|documented|documents|told|tells|wrote|writes|"
    "tweeted|warned|warns|explained|indicated|indicates|recorded|counted|calculated|found|finds|"
    "showed|shows|show|concluded|acknowledged|alleged|emphasized|emphasizes|stressed|informed|"
    "predicted|predicts|projected|projects|put the number|puts the number"
)
_PARTICIPLES = "saying|adding|announcing|noting|claiming|estimating|reporting|stating"
# Verbs that also come before their speaker: '"...," said Stoltenberg', "- estimates the MoD".
_INVERTED_VERBS = (
    "said|says|reported|estimates|estimated|claimed|claims|announced|added|noted|notes|stated|"
    "wrote|writes|tweeted|warned|explained|assessed|assesses|concluded"
)
# "..., the U.K. Ministry of Defence said" / "Kahl said" / "Ukraine's military claims that".
_SUBJECT_VERB = re.compile(rf"\b(?:has |have |had |also |later |previously )*(?:{_VERBS})\b")
# "... - estimates the British Ministry of Defense", "..." said Stoltenberg.
_INVERTED = re.compile(
    rf"[,\"”'’–—-]\s*(?:{_INVERTED_VERBS})\s+(?:(?:in|on|to)\s+(?=[A-Z]))?(?=[A-Z]|the |an? )"
)
_ACCORDING = re.compile(r"\baccording to\s+", re.IGNORECASE)
# A report's maker is its speaker: "In the Sunday report of the General Staff ...".
_MADE_BY = re.compile(
    r"\b(?:(?:reports?|data|updates?|statements?|figures|estimates|assessments?|analysis|survey|"
    r"poll|findings|statistics)\s+(?:(?:was|were)\s+made\s+|released\s+|published\s+)?"
    r"(?:of|by|from)|(?:made|released|published|issued|compiled)\s+by"
    r"|(?:decree|order|law|resolution)\s+signed\s+by)\s+"
)
# A speaker named after the fact: "That's according to Politico", "The ISW said this ...".
_BACKWARD = re.compile(
    r"^(?:That|This)(?:'s| is| was)\s+according to\b"
    r"|\b(?:said|reported|stated|announced) (?:this|so)\b"
)
# Relayed figures: the originator is the cited party ("U.K. officials citing data from Ukraine").
_CITING = re.compile(r"\b(?:citing|quoting|based on|relying on)\s+(?:(?:data|figures)\s+from\s+)?")
_PASSIVE = re.compile(
    r"\bit (?:was|is|has been|had been) (?:estimated|reported|believed|claimed)\b"
)
_PARTICIPLE = re.compile(rf",?\s*\b(?:{_PARTICIPLES})\b")

# "he"/"she" point back to the last person who spoke, "it"/"they" to the last institution;
# "we"/"I" speak inside a quote whose speaker the sentence names elsewhere.
_PERSONAL = frozenset({"he", "she", "him", "her"})
_PRONOUNS = _PERSONAL | {"it", "they", "them"}
# Heads that point back to the speaker in force: "according to the Sunday report", "The MoD notes".
_ANAPHORS = frozenset(
    "report update statement document study survey ministry office agency staff institute mod "
    "mission assessment analysis data figures estimates service department".split()
)
_DOCUMENTS = frozenset(
    "report update statement document study survey assessment analysis data figures estimates "
    "poll census statistics findings".split()
)
# A speaker phrase ends at punctuation; ".The" counts as a full stop in glued text.
_PHRASE_END = re.compile(r"[,;:\"“”()\[\]]|\.(?=\s|$|[A-Z][a-z])(?<![A-Z]\.)|\s[–—-]\s")
_FORWARD_END = re.compile(r"[;:\"“”()]|\.(?=\s|$|[A-Z][a-z])(?<![A-Z]\.)")
_MAX_PHRASE_WORDS = 12
# A subject longer than this is a clause or a run-in headline, not a name to slug.
_MAX_SLUG_WORDS = 6


@dataclass(slots=True)
class Speaker:
    """A resolved speaker cue in a sentence (offsets within the sentence).

    ``kind`` is "named", "anaphor" (a pronoun or "the report") or "passive" ("it was estimated",
    which names nobody). ``carries`` is True for a report-like cue ("According to the GUR") whose
    speaker stays in force into following paragraphs; a quote ("Kallas said") stays in its own.
    """

    start: int
    end: int
    key: str | None
    text: str | None
    kind: str
    carries: bool = True
    priority: int = 0
    person: bool = False
    ahead: bool = False


def assign_sources(doc: Document, registry: SourceRegistry | None = None) -> None:
    """Fill ``source`` and ``source_text`` of every claim in ``doc``."""
    registry = registry or default_registry()
    resolver = _Resolver(registry)
    by_sentence: dict[int, list[int]] = {}
    for claim_index, sentence_index in enumerate(doc.sentence_of):
        by_sentence.setdefault(sentence_index, []).append(claim_index)
    current: Speaker | None = None
    in_force: Speaker | None = None  # the last report-like speaker, which outlives paragraphs
    quoted: Speaker | None = None  # the last quoted speaker, whom a paragraph in quotes goes on
    paragraph = -1
    for index, sentence in enumerate(doc.sentences):
        text = doc.text[sentence.start : sentence.end].replace("\u2019", "'")
        if sentence.paragraph != paragraph:
            paragraph = sentence.paragraph
            if current is None or not current.carries:
                current = quoted if _continues(text) else in_force
        speakers = resolver.speakers(text)
        if speakers and _BACKWARD.search(text):
            _back_fill(doc, by_sentence, index, speakers[0])
        for claim_index in by_sentence.get(index, ()):
            figure = doc.figures[claim_index]
            offset = sentence.start
            chosen = _nearest(speakers, figure.start - offset, figure.end - offset, registry)
            chosen = chosen or current
            claim = doc.claims[claim_index]
            claim.source, claim.source_text = (chosen.key, chosen.text) if chosen else (None, None)
        if speakers:
            current = max(speakers, key=lambda s: (s.priority, not registry.is_relay(s.key), s.end))
            if current.carries:
                in_force = current
            else:
                quoted = current


def _continues(text: str) -> bool:
    """A paragraph that opens with a pronoun or a quote goes on with the last speaker's report."""
    first = text.lstrip(" >")[:1]
    words = text.split()
    return first in "\"“‘'" or (bool(words) and words[0].lower() in _PRONOUNS)


def _back_fill(doc: Document, by_sentence: dict[int, list[int]], index: int, who: Speaker) -> None:
    """Give a speaker named after the fact to the unattributed claims of the paragraph before."""
    paragraph = doc.sentences[index].paragraph
    for earlier in range(index - 1, -1, -1):
        if doc.sentences[earlier].paragraph < paragraph - 1:
            break
        for claim_index in by_sentence.get(earlier, ()):
            claim = doc.claims[claim_index]
            if claim.source is None:
                claim.source, claim.source_text = who.key, who.text


def _nearest(
    speakers: list[Speaker], start: int, end: int, registry: SourceRegistry
) -> Speaker | None:
    """The cue that governs a figure: a cited originator first, an outlet that relays last."""
    if not speakers:
        return None
    speakers = [s for s in speakers if not (s.ahead and s.start > end)]
    if not speakers:
        return None
    best = max(s.priority for s in speakers)
    pool = [s for s in speakers if s.priority == best]
    pool = [s for s in pool if not registry.is_relay(s.key)] or pool
    chosen = min(pool, key=lambda s: max(s.start - end, start - s.end, 0))
    return chosen if chosen.kind != "passive" else Speaker(0, 0, None, None, "passive")


class _Resolver:
    """Finds speaker cues in sentences and resolves their phrases, remembering the article."""

    def __init__(self, registry: SourceRegistry) -> None:
        self.registry = registry
        self.last: Speaker | None = None
        self.last_person: Speaker | None = None
        self.last_thing: Speaker | None = None
        self.people: dict[str, str] = {}
        self.mentions: list[tuple[str, str]] = []

    def speakers(self, text: str) -> list[Speaker]:
        found: list[Speaker] = []
        for hit in _ACCORDING.finditer(text):
            found += self._phrase(text, hit.end(), _end(_PHRASE_END, text, hit.end()))
        for hit in _MADE_BY.finditer(text):
            # "a statement made by Zelensky" stays in force even though a person made it;
            # "the decree signed by Putin" speaks only for the figures after it.
            for speaker in self._phrase(text, hit.end(), _end(_PHRASE_END, text, hit.end())):
                speaker.carries = True
                speaker.ahead = "signed" in hit.group()
                found.append(speaker)
        for hit in _SUBJECT_VERB.finditer(text):
            found += self._inverted(text, hit) or self._subject(text, hit.start())
        for hit in _CITING.finditer(text):
            for speaker in self._phrase(text, hit.end(), _end(_PHRASE_END, text, hit.end())):
                speaker.priority = 1
                found.append(speaker)
        for hit in _PARTICIPLE.finditer(text):
            if not any(s.start < hit.start() for s in found):
                mentions = self.registry.match(text[: hit.start()])
                if mentions:
                    first = mentions[0]
                    found.append(self._named(first.key, first.text, 0, False, first.person))
        for hit in _PASSIVE.finditer(text):
            if not found:
                found.append(Speaker(hit.start(), hit.end(), None, None, "passive"))
        for speaker in found:
            if speaker.kind == "named":
                self.last = speaker
                if speaker.person:
                    self.last_person = speaker
                else:
                    self.last_thing = speaker
        for mention in self.registry.match(text):
            # keep "(MoD)" with "British Ministry of Defense (MoD)" so "The MoD notes" finds it
            after = re.match(r"\s*\(([^)]{1,12})\)", text[mention.end :])
            words = f"{mention.text} {after.group(1) if after else ''}".lower()
            self.mentions.append((mention.key, words))
        return found

    def _inverted(self, text: str, verb: re.Match[str]) -> list[Speaker]:
        """'"...," said Filippo Grandi, the UN high commissioner for refugees.' (to the end)."""
        hit = _INVERTED.match(text, max(_last_mark(text, verb.start()), 0))
        if hit is None or hit.end() < verb.end():
            return []
        start = hit.end()
        end = _end(_FORWARD_END, text, start)
        if len(text[start:end].split()) > _MAX_PHRASE_WORDS or text[end:].strip(" .\"”'>") != "":
            return []
        found = self._phrase(text, start, end, forward=True)
        for speaker in found:
            speaker.carries = False
        return found

    def _subject(self, text: str, verb: int) -> list[Speaker]:
        """The speaker phrase before a reporting verb, back to the clause's start."""
        if re.search(r"\b(?:was|were|is|are|be|been|being)\s+$", text[:verb]):
            return []  # "it was reported": a passive names nobody
        marks = ('"', "“", "”", "‘", ";", ":", " that ", " and ")
        start = max((text.rfind(m, 0, verb) + len(m) if m in text[:verb] else 0) for m in marks)
        pieces = _pieces(text, start, verb)
        if not pieces:
            return []
        last_start, last_end = pieces[-1]
        if len(text[last_start:last_end].split()) > _MAX_PHRASE_WORDS:
            return []
        found = self._phrase(text, last_start, last_end, near_end=True)
        if not found and len(pieces) >= 2:
            # "The head of the UN human rights office in Ukraine, Matilda Bogner, said": the
            # person's office sits in the appositive before the name.
            office = self.registry.match(text[pieces[-2][0] : pieces[-2][1]])
            name = name_in(text[last_start:last_end])
            if office and name:
                self._learn(name, office[-1].key)
                found = [self._named(office[-1].key, name, last_start, person=True)]
        for speaker in found:
            speaker.carries = _is_document(text[last_start:last_end])
        return found

    def _phrase(
        self, text: str, start: int, end: int, near_end: bool = False, forward: bool = False
    ) -> list[Speaker]:
        phrase = text[start:end].strip()
        if not phrase:
            return []
        cited = _CITING.search(phrase)
        if cited:
            inner = self._phrase(text, start + cited.end(), end)
            if inner and inner[0].kind == "named":
                return inner
            phrase = phrase[: cited.start()].strip()
        mentions = self.registry.match(phrase)
        if near_end and mentions and len(phrase[mentions[-1].end :].split()) > 4:
            mentions = []
        if mentions:
            mention = mentions[-1] if near_end else mentions[0]
            name = name_in(phrase)
            named_person = bool(name and is_person_name(name) and not self.registry.match(name))
            if named_person:
                self._learn(name, mention.key)
            key = mention.key if mention.person else self._narrow(mention.key, mention.text)
            person = mention.person or named_person
            return [self._named(key, phrase, start, not person, person)]
        words = re.findall(r"[\w'-]+", phrase.lower())
        if words and (words[0] in _PRONOUNS or (len(words) <= 3 and words[-1] in _ANAPHORS)):
            return self._anaphor(words, start, phrase)
        learned = self._learned(phrase)
        if learned:
            return [self._named(learned, phrase, start, False, True)]
        slug = self.registry.slug_phrase(phrase, loose=forward)
        if not slug or (near_end and len(phrase.split()) > _MAX_SLUG_WORDS):
            return []
        name = name_in(phrase)
        person = bool(name and is_person_name(name))
        return [self._named(slug, phrase, start, not person, person)]

    def _anaphor(self, words: list[str], start: int, phrase: str) -> list[Speaker]:
        """Who "he", "it" or "the MoD" is: the last person, institution or matching name."""
        target: Speaker | None
        if words[0] in _PERSONAL:
            target = self.last_person or self.last
        elif words[0] in _PRONOUNS:
            target = self.last_thing or self.last
        else:
            for key, written in reversed(self.mentions):
                if words[-1] in written.split():
                    return [Speaker(start, start + len(phrase), key, phrase, "anaphor")]
            target = self.last_thing or self.last
        if target is None:
            return []
        return [Speaker(start, start + len(phrase), target.key, target.text, "anaphor")]

    def _narrow(self, key: str, written: str) -> str:
        """A short name for a parent after its child spoke is the child: "The UN" after OHCHR."""
        if len(re.sub(r"^(?:the|a)\s+", "", written, flags=re.IGNORECASE).split()) > 2:
            return key
        for speaker in (self.last_thing,):
            if speaker and speaker.key and key in self.registry.ancestors(speaker.key):
                return speaker.key
        return key

    def _named(
        self, key: str, text: str, start: int, carries: bool = True, person: bool = False
    ) -> Speaker:
        return Speaker(start, start + len(text), key, text.strip(), "named", carries, 0, person)

    def _learn(self, name: str, key: str) -> None:
        self.people[name.lower()] = key
        self.people[name.split()[-1].lower()] = key

    def _learned(self, phrase: str) -> str | None:
        words = phrase.strip().split()
        if not words or len(words) > 4:
            return None
        return self.people.get(phrase.strip().lower()) or self.people.get(words[-1].lower())


def _end(pattern: re.Pattern[str], text: str, start: int) -> int:
    stop = pattern.search(text, start)
    return stop.start() if stop else len(text)


def _last_mark(text: str, verb: int) -> int:
    before = text[:verb].rstrip()
    return len(before) - 1 if before and before[-1] in ",\"”'–—-" else -1


def _is_document(phrase: str) -> bool:
    """A report, not a person, speaks: "The 2024 Annual Threat assessment reveals"."""
    words = phrase.lower().split()
    return bool(words) and words[-1] in _DOCUMENTS


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = start
    for hit in re.finditer(r",", text[start:end]):
        spans.append((cursor, start + hit.start()))
        cursor = start + hit.end()
    spans.append((cursor, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]
