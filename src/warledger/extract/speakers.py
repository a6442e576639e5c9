"""Speaker phrases resolved against the source registry: whom a cue names, and whom a pronoun,
"the report" or "the under secretary" points back to. ``attribution`` decides which speaker
governs each figure; the cue grammar lives in ``speaker_cues``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warledger.extract import speaker_cues as cues
from warledger.knowledge.registry import (
    SourceMention,
    SourceRegistry,
    is_person_name,
    name_in,
)


@dataclass(slots=True)
class Speaker:
    """A resolved speaker cue in a sentence (offsets within the sentence).

    ``kind`` is "named", "anaphor" (a pronoun or "the report"), "passive" ("it was estimated",
    which names nobody) or "unnamed" ("according to local officials"). ``carries`` is True for
    a report-like cue ("According to the GUR") whose speaker stays in force into following
    paragraphs; a quote ("Kallas said") stays in its own.
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


class SpeakerResolver:
    """Finds speaker cues in sentences and resolves their phrases, remembering the article."""

    def __init__(self, registry: SourceRegistry) -> None:
        self.registry = registry
        self.last: Speaker | None = None
        self.last_person: Speaker | None = None
        self.last_thing: Speaker | None = None
        self.subject: Speaker | None = None  # the last sentence's named subject, for "its"
        self.people: dict[str, str] = {}
        self.mentions: list[tuple[str, str]] = []
        # Whose each kind of document is, from the text's own words: "Mediazona's list".
        self.documents: dict[str, Speaker] = {}

    def speakers(self, text: str) -> list[Speaker]:
        found = self._cues(text)
        mentions = self.registry.match(text)
        self.subject = None
        if not found:
            self._note_subject(text, mentions)
        for speaker in found:
            # "The British ministry has tracked ...; it said" : a speaker pointed back to is
            # the one a later "it" means, even when others were named since.
            if speaker.kind in ("named", "anaphor") and speaker.key:
                self.last = speaker
                if speaker.person:
                    self.last_person = speaker
                else:
                    self.last_thing = speaker
        for mention in mentions:
            owned = cues.NAMED_DOCUMENT.match(text, mention.end)
            if owned and not mention.person:
                document = owned.group("document").lower()
                self.documents[document] = self._named(mention.key, mention.text, mention.start)
            # keep "(MoD)" with "British Ministry of Defense (MoD)" so "The MoD notes" finds it
            after = re.match(r"\s*\(([^)]{1,12})\)", text[mention.end :])
            words = f"{mention.text} {after.group(1) if after else ''}".lower()
            self.mentions.append((mention.key, words))
        return found

    def _cues(self, text: str) -> list[Speaker]:
        """Every speaker cue of one sentence, resolved."""
        found: list[Speaker] = self._colon_lead(text)
        lowered = text.lower()
        unnamed: list[Speaker] = []
        for hit in cues.find_all(cues.ACCORDING, text, lowered):
            named = self._phrase_after(text, hit.end())
            found += named
            if not named:
                unnamed.append(Speaker(hit.start(), hit.end(), None, None, "unnamed", False))
        for hit in cues.MADE_BY.finditer(text):
            # "a statement made by Zelensky" stays in force even though a person made it;
            # "the decree signed by Putin" speaks only for the figures after it.
            for speaker in self._phrase_after(text, hit.end()):
                speaker.carries = True
                speaker.ahead = bool(cues.SIGNED.search(hit.group()))
                found.append(speaker)
        for hit in cues.SUBJECT_VERB.finditer(text):
            found += self._inverted(text, hit) or self._subject(text, hit.start())
        for hit in cues.find_all(cues.CITING, text, lowered):
            for speaker in self._phrase_after(text, hit.end()):
                speaker.priority = 1
                found.append(speaker)
        for hit in cues.find_all(cues.PARTICIPLE, text, lowered):
            if not any(s.start < hit.start() for s in found):
                mentions = self.registry.match(text[: hit.start()])
                if mentions:
                    first = mentions[0]
                    found.append(self._named(first.key, first.text, 0, False, first.person))
        for hit in cues.find_all(cues.PASSIVE, text, lowered):
            if not found:
                found.append(Speaker(hit.start(), hit.end(), None, None, "passive"))
        if not found:
            # "according to local officials", and nobody else named: someone the text does not
            # name, not the speaker in force before (for the rest of this paragraph only)
            found += unnamed
        subject = cues.DOCUMENT_SUBJECT.match(text)
        fronted = None if subject else cues.FRONTED_DOCUMENT_SUBJECT.match(text)
        start, end = fronted.span("subject") if fronted else subject.span() if subject else (0, 0)
        if end and not any(s.start <= end for s in found):
            for speaker in self._phrase(text, start, end):
                # the document governs its whole clause: "The briefing was called to present
                # a $1 billion package, the largest the United States has announced"
                speaker.end = cues.end_of(cues.PHRASE_END, text, end)
                speaker.carries = True
                found.append(speaker)
        return found

    def _note_subject(self, text: str, mentions: list[SourceMention]) -> None:
        """A sentence led by a named institution makes it what a later "its" means, though it
        reports nothing: "Ukraine's General Staff gave a higher count. Its morning report said"."""
        self.subject = self._leading_institution(text, mentions)

    def _leading_institution(
        self, text: str, mentions: list[SourceMention] | None = None
    ) -> Speaker | None:
        """The registered institution that opens ``text``: "The FSB security service opened"
        (``mentions``: the registry's matches in ``text``, when already found)."""
        if mentions is None:
            mentions = self.registry.match(text)
        if mentions and not mentions[0].person:
            lead = text[: mentions[0].start].strip().lower()
            if lead in ("", "the"):
                first = mentions[0]
                return self._named(first.key, first.text, first.start)
        return None

    def _phrase_after(self, text: str, start: int) -> list[Speaker]:
        """The speaker phrase that a cue introduces, up to the next punctuation."""
        return self._phrase(text, start, cues.end_of(cues.PHRASE_END, text, start))

    def _colon_lead(self, text: str) -> list[Speaker]:
        """A sentence led by its speaker and a colon: "GUR: occupiers forced about 300 residents".

        Only a short phrase that ends in a registered source, or is wholly a proper name, counts,
        so a run-in label ("Update: ...", "Casualties in Kherson: ...") names nobody.
        """
        hit = cues.COLON_LEAD.match(text)
        if hit is None or len(hit.group(1).split()) > cues.MAX_COLON_WORDS:
            return []
        phrase = hit.group(1).strip()
        mentions = self.registry.match(phrase)
        name = name_in(phrase)
        whole_name = bool(name) and re.sub(r"^(?:The|A|An)\s+", "", phrase) == name
        if not (mentions and phrase.endswith(mentions[-1].text)) and not whole_name:
            return []
        found = self._phrase(text, hit.start(1), hit.end(1))
        for speaker in found:
            speaker.carries = False
        return [s for s in found if s.kind == "named"]

    def _inverted(self, text: str, verb: re.Match[str]) -> list[Speaker]:
        """'"...," said Filippo Grandi, the UN high commissioner for refugees.' (to the end)."""
        hit = cues.INVERTED.match(text, max(cues.last_mark(text, verb.start()), 0))
        if hit is None or hit.end() < verb.end():
            return []
        start = hit.end()
        end = cues.end_of(cues.FORWARD_END, text, start)
        too_long = len(text[start:end].split()) > cues.MAX_PHRASE_WORDS
        if too_long or text[end:].strip(" .\"”'>") != "":
            end = self._appositive_end(text, start, end)
            if end is None:
                return []
        found = self._phrase(text, start, end, forward=True)
        for speaker in found:
            speaker.carries = False
        return found

    def _appositive_end(self, text: str, start: int, end: int) -> int | None:
        """Where a name and its appositive stop when the sentence runs on after them: '"...,"
        said Colin Kahl, the under secretary of defense for policy, after putting ...'."""
        spans = cues.pieces(text, start, end)
        name = text[spans[0][0] : spans[0][1]]
        if len(name.split()) > 4 or not (self.registry.match(name) or name_in(name)):
            return None
        if len(spans) >= 2 and cues.APPOSITIVE.match(text[spans[1][0] : spans[1][1]]):
            return spans[1][1]
        return spans[0][1]

    def _subject(self, text: str, verb: int) -> list[Speaker]:
        """The speaker phrase before a reporting verb, back to the clause's start."""
        if re.search(r"\b(?:was|were|is|are|be|been|being)\s+$", text[:verb]):
            return []  # "it was reported": a passive names nobody
        marks = cues.CLAUSE_MARKS
        start = max((text.rfind(m, 0, verb) + len(m) if m in text[:verb] else 0) for m in marks)
        pieces = cues.pieces(text, start, verb)
        while len(pieces) >= 2 and cues.PARENTHETICAL.match(text[pieces[-1][0] : pieces[-1][1]]):
            pieces.pop()
        # "the Oryx project, which documents each item visually, had recorded": the relative
        # clause sits between the speaker and its verb.
        relative = cues.RELATIVE.match(text[pieces[-1][0] : pieces[-1][1]]) if pieces else None
        inner_subject = (
            relative is not None
            and "," not in text[pieces[-1][1] : verb]
            and relative.group().strip().lower() != "whose"
            and bool(text[pieces[-1][0] + relative.end() : pieces[-1][1]].strip())
        )
        if len(pieces) >= 2 and relative and not inner_subject:
            pieces.pop()
        if not pieces:
            return []
        last_start, last_end = pieces[-1]
        if relative is not None and inner_subject:
            # "..., which it said carries a sentence of 12 to 20 years": the relative clause
            # has its own subject right before the verb.
            last_start += relative.end()
        clause_start = last_start
        # "..., when it counted about 707,540": the subject follows the clause's opening word.
        opening = cues.SUBORDINATOR.match(text, last_start, last_end)
        if opening:
            last_start = opening.end()
        if len(text[last_start:last_end].split()) > cues.MAX_PHRASE_WORDS:
            return []
        found = self._phrase(text, last_start, last_end, near_end=True)
        # ("As of February 24 it had": "As" also opens clauses)
        fronted = None if found else cues.FRONTED.match(text, clause_start, last_end)
        if fronted:
            found = self._phrase(text, fronted.end(), last_end, near_end=True)
            last_start = fronted.end()
        if not found and len(pieces) >= 2:
            # "The head of the UN human rights office in Ukraine, Matilda Bogner, said": the
            # person's office sits in the appositive before the name.
            office = self.registry.match(text[pieces[-2][0] : pieces[-2][1]])
            name = name_in(text[last_start:last_end])
            if office and name:
                self._learn(name, office[-1].key)
                found = [self._named(office[-1].key, name, last_start, person=True)]
            elif cues.DESCRIPTION.match(text, last_start, last_end):
                # "DTEK, Ukraine's largest private energy company, said": the name before what
                # it is
                found = self._phrase(text, pieces[-2][0], pieces[-2][1], near_end=True)
        for speaker in found:
            speaker.carries = cues.is_document(text[last_start:last_end])
        return found

    def _phrase(
        self, text: str, start: int, end: int, near_end: bool = False, forward: bool = False
    ) -> list[Speaker]:
        phrase = text[start:end].strip()
        if not phrase:
            return []
        cited = cues.CITING.search(phrase)
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
            speaker = self._named(key, phrase, start, not person, person)
            if len(phrase[mention.end :].split()) > cues.MAX_TAIL_WORDS:
                # "according to the US Air Force has a range of more than 30 miles": the name as
                # written is the source text; the cue's span stays the whole phrase.
                speaker.text = phrase[: mention.end].strip()
            return [speaker]
        owned = cues.OWNED_DOCUMENT.match(phrase)
        if owned:
            lead = text.find(phrase, start)
            owner = self._phrase(text, lead, lead + owned.end("owner"))
            if owner:
                return owner
        head = cues.HEAD_END.split(phrase, maxsplit=1)
        if len(head) == 2 and not re.search(r"[A-Z]", head[1]):
            phrase_head = head[0]  # "An aggregation of that list by date of death"
        else:
            phrase_head = phrase
        words = re.findall(r"[\w'-]+", phrase_head.lower())
        pointing = len(words) <= 3 and words[-1] in cues.ANAPHORS if words else False
        if (
            pointing
            and len(words) == 1
            and words[0].endswith("s")
            and words[0] not in cues.DOCUMENTS
        ):
            # "according to analysts" names some analysts, not the ones named before ("the
            # analysts", "the monitors" point back)
            pointing = False
        if words and (words[0] in cues.PRONOUNS or pointing):
            return self._anaphor(words, start, phrase, text)
        learned = self._learned(phrase)
        if learned:
            return [self._named(learned, phrase, start, False, True)]
        affiliation = cues.PERSON_OF.match(phrase)
        if affiliation and is_person_name(affiliation.group(1)):
            # "Mykola Kuleba of the non-governmental organisation Save Ukraine": the body speaks
            body = self.registry.slug_phrase(phrase[affiliation.end() :])
            if body:
                self._learn(affiliation.group(1), body)
                return [self._named(body, phrase, start, False, True)]
        name = name_in(phrase)
        known = self.registry.match(name) if name and phrase.endswith(name) else []
        if known and not known[0].person:
            # "the largest the United States has announced": the name is a registered one
            return [self._named(known[0].key, name, start + phrase.rfind(name))]
        slug = self.registry.slug_phrase(phrase, loose=forward)
        if not slug or (near_end and len(phrase.split()) > cues.MAX_SLUG_WORDS):
            return []
        name = name_in(phrase)
        person = bool(name and is_person_name(name))
        return [self._named(slug, phrase, start, not person, person)]

    def _anaphor(self, words: list[str], start: int, phrase: str, text: str) -> list[Speaker]:
        """Who "he", "it", "the MoD" or "the under secretary" is: the last person, institution
        or matching name."""
        person = words[0] in cues.PERSONAL or words[-1] in cues.PERSON_ROLES
        end = start + len(phrase)
        if words[0] not in cues.PRONOUNS:
            for key, written in reversed(self.mentions):
                if words[-1] in written.split():
                    return [Speaker(start, end, key, phrase, "anaphor", person=person)]
        target = (self.last_person if person else self.last_thing) or self.last
        if not person and self.subject is not None:
            target = self.subject  # the institution that led the sentence before
        leader = None if person or start == 0 else self._leading_institution(text[:start])
        if leader is not None:
            # "The FSB security service opened a case ..., which it said carries a sentence of
            # 12 to 20 years": the institution leading the sentence is its later "it".
            target = leader
        if target is None and not person:
            # "The list holds 11,992" with nobody speaking yet: the list named as someone's
            target = self.documents.get(words[-1])
        if target is None:
            return []
        return [Speaker(start, end, target.key, target.text, "anaphor", person=person)]

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
