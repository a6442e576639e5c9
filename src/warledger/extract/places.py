"""Stage: the places (ISO 3166-2 codes) each figure is about.

Names are found in the text by ``place_names``; this module decides which apply to each figure.
"""

from __future__ import annotations

import dataclasses
import re

from warledger.extract.document import Document, Figure, Sentence
from warledger.extract.place_names import Gazetteer, PlaceMention, find_places, gazetteer
from warledger.knowledge.patterns import compile_guarded

__all__ = ["assign_places", "find_places"]


def assign_places(doc: Document) -> None:
    """Fill ``places`` of every claim: the places near its figure, or carried over.

    In the figure's sentence, the place phrase closest to the figure wins ("3,000 combat troops
    in Romania, two squadrons of F-35 fighters in the UK and two navy destroyers in Spain" gives
    RO, GB, ES in turn). A sentence that names no place takes the places of the sentence before
    it in the same paragraph, or of the text before a headline it follows ("... occupied
    territories of Kherson and Zaporizhia regions." / headline / "during this period, about 300
    people were forcibly called up" is UA-65, UA-23).
    """
    text = doc.text
    known = gazetteer()
    in_sentence = _by_sentence(_regions_of_a_list(find_places(text), text), doc.sentences)
    speakers: list[set[str]] = [set() for _ in doc.sentences]
    for claim, sentence_index in zip(doc.claims, doc.sentence_of, strict=True):
        if claim.source_text:
            speakers[sentence_index].add(claim.source_text)
    in_sentence = [
        _outside_statement_settings(
            _outside_source_clauses(found, text, sentence, speakers[index]), text, sentence, known
        )
        for index, (found, sentence) in enumerate(zip(in_sentence, doc.sentences, strict=True))
    ]
    strong = [_strong_mentions(found, text, known) for found in in_sentence]
    people = [[m for m in found if m.is_people] for found in in_sentence]
    carried = _carried_in(doc, strong, people, in_sentence)
    # Per sentence with figures, computed once for all of them: its claims and clause breaks.
    claims_in: dict[int, list[int]] = {}
    for claim_index, sentence_index in enumerate(doc.sentence_of):
        claims_in.setdefault(sentence_index, []).append(claim_index)
    breaks = {
        index: [m.start() for m in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end)]
        for index, sentence in enumerate(doc.sentences)
        if index in claims_in
    }
    for claim_index, (claim, sentence_index) in enumerate(
        zip(doc.claims, doc.sentence_of, strict=True)
    ):
        sentence = doc.sentences[sentence_index]
        figure = doc.figures[claim_index]
        siblings = [doc.figures[i] for i in claims_in[sentence_index] if i != claim_index]
        usable = _outside_source(strong[sentence_index], text, sentence, claim.source_text)
        usable = _placing(usable, figure, siblings, text, known)
        # "tens of thousands of Ukrainians ... are living in Poland": where the people are
        # beats who they are.
        chosen = (
            _located_after(usable, figure, siblings, text, sentence)
            or [
                m
                for m in people[sentence_index]
                if _COUNTS_PEOPLE.fullmatch(text, figure.end, m.start)
            ]
            or _nearest_group(usable, figure, siblings, text, sentence, breaks[sentence_index])
        )
        if carried[sentence_index] and not usable and _points_there(text, sentence):
            # "Poland has taken in the most refugees. About 950,000 Ukrainians live there."
            claim.places = list(carried[sentence_index])
            continue
        if not chosen and not carried[sentence_index]:
            chosen = _nearest_group(
                people[sentence_index], figure, siblings, text, sentence, breaks[sentence_index]
            )
        claim.places = _codes(chosen) if chosen else list(carried[sentence_index])


# A relative clause set off by commas: "Ukraine's General Staff, whose reports name the Bakhmut
# and Kurakhove directions as the places where Russia is losing most, put Russian losses at".
_SIDE_CLAUSE = re.compile(r",\s+(?:whose|which|who)\b[^,;:]*,")


def _outside_source_clauses(
    found: list[PlaceMention], text: str, sentence: Sentence, speakers: set[str]
) -> list[PlaceMention]:
    """Drop the places of a relative clause that describes the speaker of the sentence's figures:
    it says what the source does, not where the figures happened (a clause about another
    subject, "Legittelekom, whose homepage reveals it to be a Moscow freight forwarding
    company", still places it)."""
    for clause in _SIDE_CLAUSE.finditer(text, sentence.start, sentence.end):
        before = text[sentence.start : clause.start()]
        if any(before.endswith(speaker) for speaker in speakers):
            found = [m for m in found if not clause.start() <= m.start < clause.end()]
    return found


# "there" as a place, not the "there" of "there are 4 million refugees".
_THERE = compile_guarded(
    r"\b[Tt]here\b(?!\s+(?:is|are|was|were|will|would|has|have|had|may|might|could|seems?"
    r"|appears?|remains?|exists?|is\s+no|are\s+no)\b)"
)


def _points_there(text: str, sentence: Sentence) -> bool:
    """Whether the sentence points back to a place with "there" ("About 950,000 Ukrainians live
    there", "There, five people were wounded")."""
    return bool(_THERE.search(text, sentence.start, sentence.end))


def _outside_statement_settings(
    found: list[PlaceMention], text: str, sentence: Sentence, gazetteer: Gazetteer
) -> list[PlaceMention]:
    """Drop the places where a statement was made: "Speaking in Kyiv, Zelensky said 31,000
    soldiers had been killed", "told reporters in Brussels"."""
    if not found:
        return found
    lowered = text[sentence.start : sentence.end].lower()
    if not any(word in lowered for word in gazetteer.statement_setting_words):
        return found
    settings = {
        m.end() for m in gazetteer.statement_setting.finditer(text, sentence.start, sentence.end)
    }
    return [m for m in found if m.start not in settings] if settings else found


# A figure that counts a people is about their country: "11.6 million Ukrainians remained
# displaced", "Seventy-seven percent of Russians support".
_COUNTS_PEOPLE = re.compile(r"(?:\s*(?:%|percent|per cent))?(?:\s+of(?:\s+the)?)?\s+")


def _by_sentence(
    mentions: list[PlaceMention], sentences: list[Sentence]
) -> list[list[PlaceMention]]:
    found: list[list[PlaceMention]] = [[] for _ in sentences]
    index = 0
    for mention in mentions:
        while index < len(sentences) and sentences[index].end <= mention.start:
            index += 1
        if index < len(sentences) and sentences[index].start <= mention.start:
            found[index].append(mention)
    return found


_WORDS = re.compile(r"[\w’'.-]+")
_NEXT = re.compile(r"\s+([\w-]+)")


def _strong_mentions(
    found: list[PlaceMention], text: str, gazetteer: Gazetteer
) -> list[PlaceMention]:
    """Mentions that place a figure: regions and cities anywhere, countries in a locative phrase.

    "Russia has lost nearly 24,000 soldiers" names the actor, "troops in Romania" the place; a
    country joined by "and" to a place counts as one ("in Russia and Russian-occupied Crimea").
    """
    strong: list[PlaceMention] = []
    for mention in found:
        if mention.is_people:
            continue
        if mention.is_adjective:
            following = _NEXT.match(text, mention.end)
            if (
                following
                and following.group(1) in gazetteer.territory_nouns
                and _is_locative(mention, text, gazetteer)
            ):
                strong.append(mention)
            continue
        if mention.is_metonym:
            # "Moscow is increasing its defense spending" is Russia; "Moscow's military forces"
            # owns the figure rather than placing it.
            if not _is_possessive(mention, text):
                strong.append(mention)
        elif "-" in mention.code or _is_host(mention, text, gazetteer):
            strong.append(mention)
        elif _owns_territory(mention, text, gazetteer) and _is_locative(mention, text, gazetteer):
            # "about 18% of Ukraine's territory", "drones over Russia's airspace"
            strong.append(mention)
        elif _is_locative(mention, text, gazetteer) and not _is_modifier(mention, text, gazetteer):
            strong.append(mention)
        elif strong and _coordinated(strong[-1], mention, text):
            strong.append(mention)
    return strong


# Words between a locative word and its place: "in eastern Ukraine", "in occupied Crimea".
_PLACE_ADJECTIVE = re.compile(r"[a-z-]*(?:ern|occupied|controlled|held)")


def _is_locative(mention: PlaceMention, text: str, gazetteer: Gazetteer) -> bool:
    words = _WORDS.findall(text[max(0, mention.start - 60) : mention.start])
    while words and (words[-1] in gazetteer.determiners or _PLACE_ADJECTIVE.fullmatch(words[-1])):
        words.pop()
    if not words or words[-1] not in gazetteer.locative_words:
        return False
    return len(words) < 2 or words[-2].lower() not in gazetteer.locative_blockers


def _is_host(mention: PlaceMention, text: str, gazetteer: Gazetteer) -> bool:
    """A country that hosts what is counted: "Germany, host to a third of Ukraine's refugees",
    "Ukrainians hosted by Poland"."""
    return bool(
        gazetteer.host_after.match(text, mention.end)
        or gazetteer.host_before.search(text, max(0, mention.start - 30), mention.start)
    )


def _placing(
    mentions: list[PlaceMention],
    figure: Figure,
    siblings: list[Figure],
    text: str,
    gazetteer: Gazetteer,
) -> list[PlaceMention]:
    """Drop the mentions after ``figure`` that do not place it: a capital acting as its state
    ("899 troops ... each day in April, ... as Moscow presses its attacks") and a place in a
    comparison the figure is measured against ("eight Russian generals ..., a rate that exceeds
    the number of American generals lost in Afghanistan"), up to the next figure.
    """
    kept = []
    for mention in mentions:
        if mention.start >= figure.end:
            if mention.is_metonym:
                continue
            between = [f.start for f in siblings if figure.end <= f.start < mention.start]
            cue = gazetteer.comparison.search(text, figure.end, mention.start)
            if cue and not any(start > cue.start() for start in between):
                continue
        kept.append(mention)
    return kept


def _is_possessive(mention: PlaceMention, text: str) -> bool:
    return text.startswith(("’s", "'s"), mention.end)


def _owns_territory(mention: PlaceMention, text: str, gazetteer: Gazetteer) -> bool:
    """A possessive before a word for its land: "Ukraine's territory", "Russia's airspace"."""
    if not _is_possessive(mention, text):
        return False
    following = _NEXT.match(text, mention.end + 2)
    return bool(following) and following.group(1) in gazetteer.territory_nouns


def _is_modifier(mention: PlaceMention, text: str, gazetteer: Gazetteer) -> bool:
    """A name that qualifies what follows: "the UK defence secretary", "US Air Force", and the
    possessive of an owner or actor ("since the beginning of Russia’s invasion")."""
    if _is_possessive(mention, text):
        return True
    following = _NEXT.match(text, mention.end)
    if following is None:
        return False
    word = following.group(1)
    return word in gazetteer.modifier_words or word[0].isupper()


# Between two coordinated places: "Kherson and Zaporizhia", "Ukraine, the Czech Republic",
# "Russia and Russian-occupied Crimea", "Cherkasy ... and the north-eastern Kharkiv region",
# "Crimea and parts of the Donbas".
_COORDINATION = re.compile(
    r"(?:[\s,]+|and\b|or\b|the\b|[\w-]*(?:ern|occupied|controlled|held)\b|temporarily\b"
    r"|(?:parts?|most|much) of\b)*"
)


def _coordinated(first: PlaceMention, second: PlaceMention, text: str) -> bool:
    if first.end >= second.start:
        return first.start == second.start
    return _COORDINATION.fullmatch(text, first.end, second.start) is not None


# A list of places that ends in a plural region word: "the Kyiv, Sumy and Poltava regions".
_REGIONS_AFTER = re.compile(r"\s+(?:regions|oblasts|provinces)\b", re.IGNORECASE)
_REGIONS_END = re.compile(r"\s(?:regions|oblasts|provinces)$", re.IGNORECASE)


def _regions_of_a_list(mentions: list[PlaceMention], text: str) -> list[PlaceMention]:
    """Each name of a list that ends in "regions" as its region: "the Kyiv, Sumy and Poltava
    regions" is Kyiv oblast (UA-32), not the city of Kyiv (UA-30)."""
    if len(mentions) < 2:
        return mentions
    ends = [
        m
        for m in mentions
        if _REGIONS_END.search(text, m.start, m.end) or _REGIONS_AFTER.match(text, m.end)
    ]
    if not ends:
        return mentions
    known = gazetteer()
    changed: dict[tuple[int, int], tuple[str, ...]] = {}
    for last in ends:
        for member in _group_of(last, mentions, text):
            name = text[member.start : member.end]
            region = known.names.get(f"{name} region") or known.names.get(f"{name} Oblast")
            if region is not None:
                changed[member.start, member.end] = region.codes
    result: list[PlaceMention] = []
    done: set[tuple[int, int]] = set()
    for mention in mentions:
        span = (mention.start, mention.end)
        codes = changed.get(span)
        if codes is None:
            result.append(mention)
        elif span not in done:
            done.add(span)
            result += [dataclasses.replace(mention, code=code) for code in codes]
    return result


def _outside_source(
    mentions: list[PlaceMention], text: str, sentence: Sentence, source_text: str | None
) -> list[PlaceMention]:
    """Drop places inside the source's own name: "according to the US Air Force". A local
    office keeps the region or city it governs: "Kharkiv governor Oleh Syniehubov said three
    people were wounded" is Kharkiv's."""
    if not source_text:
        return mentions
    at = text.find(source_text, sentence.start, sentence.end)
    if at < 0:
        return mentions
    end = at + len(source_text)
    local = gazetteer().local_office.search(source_text)
    return [
        m
        for m in mentions
        if m.end <= at or m.start >= end or (local and "-" in m.code and not m.is_adjective)
    ]


_CLAUSE_BREAK = re.compile(r";|:|,\s+(?:while|whereas|but|where|and|which|who|with)\b|\s[–—-]\s")


def _nearest_group(
    mentions: list[PlaceMention],
    figure: Figure,
    siblings: list[Figure],
    text: str,
    sentence: Sentence,
    breaks: list[int],
) -> list[PlaceMention]:
    """The place phrase that belongs to ``figure``, searched in this order: after it up to the
    next figure ("3,000 combat troops in Romania, two squadrons ... in the UK"); before it in
    its clause; after it in its clause ("1,000 UK-based troops and one of its two new aircraft
    carriers to the defence of Estonia"); before it in the sentence ("in Myanmar, where ... to
    stand at 1.8 million, while ... in the Democratic Republic of the Congo" is Myanmar's).
    A place only in a later clause is another figure's ("110 million people in May 2023, with
    Russia's invasion and the war in Sudan being the biggest drivers"). ``breaks`` are where
    the sentence's clauses start (``_CLAUSE_BREAK``).
    """
    if not mentions:
        return []
    clause_end = min([b for b in breaks if b >= figure.end] + [sentence.end])
    clause_start = max([b for b in breaks if b < figure.start] + [sentence.start])
    next_figure = min([f.start for f in siblings if f.start >= figure.end] + [clause_end])
    after = [m for m in mentions if figure.end <= m.start]
    before = [
        m
        for m in mentions
        if m.end <= figure.start and not _placed_sibling(m, figure, siblings, text)
    ]
    for candidates, pick in (
        ([m for m in after if m.start < next_figure], 0),
        ([m for m in before if m.start >= clause_start], -1),
        ([m for m in after if m.start < clause_end], 0),
        (before, -1),
    ):
        if candidates:
            return _group_of(candidates[pick], mentions, text)
    return []


# A place in the phrase of the figure before: "four leaders in Kyiv", "5,000 troops near Bakhmut".
_SIBLING_PLACE = re.compile(
    r"(?:\s+[\w’'-]+){0,3}?\s+(?:in|at|near|from|to|into|across|inside|outside)\s+(?:the\s+)?"
)
# Two noun phrases joined: "four leaders in Kyiv and 141 countries behind Ukraine".
_NEXT_PHRASE = re.compile(
    r"\s*(?:,|\band\b|\bor\b)\s*(?:(?:about|around|nearly|almost|some|over|more\s+than"
    r"|at\s+least)\s+)?",
    re.I,
)


def _placed_sibling(
    mention: PlaceMention, figure: Figure, siblings: list[Figure], text: str
) -> bool:
    """Whether ``mention`` places the figure before it in a phrase joined to ``figure``'s: "four
    leaders in Kyiv and 141 countries behind Ukraine at the UN" puts the leaders in Kyiv, not the
    countries (in "killed five in Kharkiv and wounded 12" a verb stands between: both are
    Kharkiv's)."""
    return bool(_NEXT_PHRASE.fullmatch(text, mention.end, figure.start)) and any(
        sibling.end <= mention.start and _SIBLING_PLACE.fullmatch(text, sibling.end, mention.start)
        for sibling in siblings
    )


def _located_after(
    mentions: list[PlaceMention],
    figure: Figure,
    siblings: list[Figure],
    text: str,
    sentence: Sentence,
) -> list[PlaceMention]:
    """Where the people ``figure`` counts stay, after it in its clause and before the next
    figure: "Ukrainians ... living in Poland"."""
    if not any(mention.start >= figure.end for mention in mentions):
        return []
    known = gazetteer()
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, figure.end, sentence.end)]
    limit = min(breaks + [f.start for f in siblings if f.start >= figure.end] + [sentence.end])
    for mention in mentions:
        if figure.end <= mention.start < limit and _is_residence(mention, text, known):
            return _group_of(mention, mentions, text)
    return []


def _is_residence(mention: PlaceMention, text: str, gazetteer: Gazetteer) -> bool:
    """A locative phrase after a word of staying ("living in Poland", "based in Germany") or
    a host ("hosted by Poland")."""
    if gazetteer.host_before.search(text, max(0, mention.start - 30), mention.start):
        return True
    words = _WORDS.findall(text[max(0, mention.start - 60) : mention.start])
    while words and (words[-1] in gazetteer.determiners or _PLACE_ADJECTIVE.fullmatch(words[-1])):
        words.pop()
    return (
        len(words) >= 2
        and words[-1] in gazetteer.locative_words
        and words[-2].lower() in gazetteer.residence_words
    )


def _group_of(mention: PlaceMention, mentions: list[PlaceMention], text: str) -> list[PlaceMention]:
    """``mention`` with the places coordinated with it ("Kherson and Zaporizhia regions")."""
    at = mentions.index(mention)
    start = end = at
    while start > 0 and _coordinated(mentions[start - 1], mentions[start], text):
        start -= 1
    while end + 1 < len(mentions) and _coordinated(mentions[end], mentions[end + 1], text):
        end += 1
    return mentions[start : end + 1]


def _codes(mentions: list[PlaceMention]) -> list[str]:
    if not mentions:
        return []
    codes = list(dict.fromkeys(m.code for m in mentions))
    # A region makes its country redundant: "Kharkiv region, Ukraine" is UA-63 alone.
    regions = {code.split("-")[0] for code in codes if "-" in code}
    return [code for code in codes if code not in regions]


def _is_headline(doc: Document, index: int) -> bool:
    """A one-sentence paragraph without final punctuation: a headline or subheading."""
    sentence = doc.sentences[index]
    if doc.text[sentence.end - 1] in ".!?\"”’:'":
        return False
    return all(
        other.paragraph != sentence.paragraph
        for other in doc.sentences[max(0, index - 1) : index + 2]
        if other is not sentence
    )


_POSSESSIVE_AFTER = re.compile(r"['’]s\b")


def _other_country(mentions: list[PlaceMention], text: str, inherited: list[str]) -> bool:
    """Whether ``mentions`` name, as a possessive ("Ukraine's energy grid"), a country none of
    the ``inherited`` codes is in (a country named as an actor, "Russia forces residents",
    says nothing of where)."""
    countries = {
        m.code
        for m in mentions
        if "-" not in m.code
        and not (m.is_adjective or m.is_people or m.is_metonym)
        and _POSSESSIVE_AFTER.match(text, m.end)
    }
    return bool(countries) and countries.isdisjoint(code.split("-")[0] for code in inherited)


def _carried_in(
    doc: Document,
    strong: list[list[PlaceMention]],
    people: list[list[PlaceMention]],
    named: list[list[PlaceMention]],
) -> list[list[str]]:
    """Per sentence, the places it inherits when it names none itself.

    A sentence continues the one before it in its paragraph. A headline names the subject of
    the section below it, even by its people ("What is known about the new mobilization schemes
    of Russians"), and one that names nothing lets the text before it run on. A new paragraph
    after body text starts afresh: "the number of dead and wounded among the Russian military"
    inherits nothing from the paragraph before, about Russian loans; unless it points back to
    regions ("About 300 people from the occupied parts of the two regions"), which then are the
    regions last named.
    """
    known = gazetteer()
    carried: list[list[str]] = []
    resolved: list[str] = []
    # The regions last named: "the two regions" in a later paragraph still means them.
    regions: list[str] = []
    # Whether ``resolved`` only passed through a headline that named nothing itself.
    passed_through = False
    # Each sentence is asked twice (as itself and as the one before the next): decided once.
    headlines = [_is_headline(doc, index) for index in range(len(doc.sentences))]
    for index, sentence in enumerate(doc.sentences):
        headline = headlines[index]
        inherited: list[str] = []
        if index > 0:
            previous = doc.sentences[index - 1]
            if headline or previous.paragraph == sentence.paragraph:
                inherited = resolved
            elif headlines[index - 1] and (
                not passed_through or known.continuation.search(doc.sentence_text(index))
            ):
                inherited = resolved
            elif known.region_anaphor.search(doc.sentence_text(index)):
                inherited = regions
        if inherited and _other_country(named[index], doc.text, inherited):
            # "Russian strikes on Ukraine's energy grid" after a headline about Kursk: a sentence
            # that names another country, even in passing, is not about the places before
            inherited = []
        carried.append(inherited)
        # A capital acting as its state places the figures of its own sentence only: "Moscow may
        # soon have more men to lose. Until recently about 400,000 Russian soldiers were taking
        # part in the war" names who acts, not where the soldiers are.
        acts = [m for m in strong[index] if m.is_metonym]
        own = _codes([m for m in strong[index] if not m.is_metonym])
        if headline:
            own = own or _codes(people[index])
        passed_through = headline and not own
        resolved = own or ([] if acts else inherited or _codes(people[index]))
        if any("-" in code for code in resolved):
            regions = resolved
    return carried
