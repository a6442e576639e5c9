"""Stage: who says it. Reads sentences and claims; fills ``source`` and ``source_text``.

A sentence names its speaker through a cue ("According to the GUR, ...", "..., the U.K. Ministry
of Defence said", "said Stoltenberg", "citing data from Ukraine"). The speaker phrase of the cue
is looked up in the source registry; a pronoun or "the report" points back to the speaker in
force; an unregistered name becomes a slug. Sentences without a cue carry the speaker in force
("According to the GUR, ... 300 people ... The enemy is forcing Ukrainians under the age of 60"),
until another cue names someone else; a headline's speaker ("GUR: occupiers forced ...") stays in
force for the whole article, and an intro that ends in a colon speaks for the list lines below it.
The cue grammar lives in ``speaker_cues``, the resolving of speaker phrases in ``speakers``.
"""

from __future__ import annotations

from warledger.extract import speaker_cues as cues
from warledger.extract.document import Document
from warledger.extract.speakers import Speaker, SpeakerResolver
from warledger.knowledge.registry import SourceRegistry, default_registry


def assign_sources(doc: Document, registry: SourceRegistry | None = None) -> None:
    """Fill ``source`` and ``source_text`` of every claim in ``doc``."""
    registry = registry or default_registry()
    resolver = SpeakerResolver(registry)
    by_sentence: dict[int, list[int]] = {}
    for claim_index, sentence_index in enumerate(doc.sentence_of):
        by_sentence.setdefault(sentence_index, []).append(claim_index)
    current: Speaker | None = None
    in_force: Speaker | None = None  # the last report-like speaker, which outlives paragraphs
    quoted: Speaker | None = None  # the last quoted speaker, whom a paragraph in quotes goes on
    listing: Speaker | None = None  # the speaker of a colon intro, whom its list lines go on with
    lead: Speaker | None = None  # the first speaker after the headline
    paragraph = -1
    for index, sentence in enumerate(doc.sentences):
        text = doc.text[sentence.start : sentence.end].replace("\u2019", "'")
        if sentence.paragraph != paragraph:
            paragraph = sentence.paragraph
            if listing is not None and cues.is_list_item(text):
                current = listing
            elif current is None or not current.carries:
                listing = None
                current = quoted if cues.continues(text) else in_force
            else:
                listing = None
        speakers = resolver.speakers(text)
        if speakers and cues.BACKWARD.search(text):
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
            if current.carries or _is_headline(doc, index):
                in_force = current
            else:
                quoted = current
        if cues.introduces_list(text) and current is not None:
            # "The General Staff ... informs that the losses ... were:" then "tanks – 9,249 (+11)"
            listing = current
        if speakers and lead is None and index > 0:
            lead = current
    if lead is not None and lead.key:
        _narrow_headline(doc, by_sentence, lead.key, registry)


def _is_headline(doc: Document, index: int) -> bool:
    """The article's first line, alone in its paragraph and with no full stop, is its headline.

    A headline's speaker is the article's ("Ukraine's General Staff puts Russian losses at
    708,890"): it stays in force for later paragraphs that name nobody.
    """
    sentence = doc.sentences[index]
    alone = index + 1 >= len(doc.sentences) or doc.sentences[index + 1].paragraph != 0
    text = doc.sentence_text(index).rstrip()
    ends = cues.TERMINAL + (":",)  # a line ending in a colon introduces a list
    return index == 0 and sentence.paragraph == 0 and alone and not text.endswith(ends)


def _narrow_headline(
    doc: Document, by_sentence: dict[int, list[int]], lead: str, registry: SourceRegistry
) -> None:
    """A headline's parent name is the lead's speaker when that is its child: "UN report
    documents hundreds of detentions" over "The UN human rights monitoring mission ... said"."""
    if not _is_headline(doc, 0):
        return
    for claim_index in by_sentence.get(0, ()):
        claim = doc.claims[claim_index]
        if claim.source and claim.source in registry.ancestors(lead):
            claim.source = lead


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
