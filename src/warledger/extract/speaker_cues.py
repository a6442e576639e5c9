"""The grammar of speaker cues: the words and patterns by which a sentence names who speaks.

``attribution`` resolves what these patterns find; nothing here knows the source registry.
"""

from __future__ import annotations

import re

from warledger.knowledge import load_toml
from warledger.knowledge.patterns import compile_guarded

_VERBS = (
    "said|says|say|reported|reports|estimated|estimates|estimate|claimed|claims|claim|announced|"
    "announces|noted|notes|added|adds|stated|confirmed|confirms|assessed|assesses|revealed|"
    "reveals|admitted|admits|believes|forecasts|informs|documented|documents|told|tells|wrote|writes|"
    "verified|verifies|"
    "tweeted|warned|warns|explained|indicated|indicates|recorded|records|counted|counts|"
    "calculated|found|finds|showed|shows|show|concluded|acknowledged|alleged|emphasized|"
    "emphasizes|stressed|informed|predicted|predicts|projected|projects|put the number|"
    "puts the number|lists|listed|tallied|tracks|tracked|sets out|set out|"
    # a plural speaker's verb that is also a noun: "UN monitors document", not "a document"
    "(?<!a )(?<!the )(?:document|record)|"
    # "The General Staff puts Russian losses at about 708,890"
    "puts?(?=[^.;]{1,80}?\\bat\\s+(?:about |around |some |more than |over |least |nearly )?\\d)"
)
# "-ing" forms that speak: "..., adding that", "Kyiv was saying that".
_PARTICIPLES = "saying|adding|announcing|noting|claiming|estimating|reporting|stating|briefing"
# Verbs that also come before their speaker: '"...," said Stoltenberg', "- estimates the MoD".
_INVERTED_VERBS = (
    "said|says|reported|estimates|estimated|claimed|claims|announced|added|noted|notes|stated|"
    "wrote|writes|tweeted|warned|explained|assessed|assesses|concluded"
)
# Words between a speaker and its verb: "The General Staff still lists", "it also counts".
_ADVERBS = "has|have|had|also|later|previously|still|now|already|again|only|meanwhile|further"
# "..., the U.K. Ministry of Defence said" / "Kahl said" / "Kyiv was saying that".
SUBJECT_VERB = compile_guarded(
    rf"\b(?:(?:{_ADVERBS}) )*(?:{_VERBS})\b"
    rf"|\b(?:was|were|is|are|has been|have been) (?:{_PARTICIPLES})\b"
)
# "... - estimates the British Ministry of Defense", "..." said Stoltenberg.
INVERTED = re.compile(
    rf"[,\"”'’–—-]\s*(?:{_INVERTED_VERBS})\s+(?:(?:in|on|to)\s+(?=[A-Z]))?(?=[A-Z]|the |an? )"
)
ACCORDING = compile_guarded(r"\baccording to\s+", re.IGNORECASE)
# A report's maker is its speaker: "In the Sunday report of the General Staff ...".
MADE_BY = compile_guarded(
    r"\b(?:(?:reports?|data|updates?|statements?|figures|estimates?|assessments?|analysis|"
    r"survey|poll|findings|statistics)\s+(?:(?:was|were)\s+made\s+|released\s+|published\s+)?"
    r"(?:of|by|from)|(?:made|released|published|issued|compiled)\s+by"
    r"|(?:decree|order|law|resolution)\s+signed\s+by)\s+"
    # "a decree Putin signed in December 2023 ordered ...": the signer speaks for what it orders
    r"|\b(?:decree|order|law|resolution)\s+(?=(?:[A-Z][\w'-]+\s+){1,3}signed\b)"
)
# A document whose maker speaks only for the figures after it ("the decree signed by Putin").
SIGNED = re.compile(r"\b(?:decree|order|law|resolution)\b")
# A speaker named after the fact: "That's according to Politico", "The ISW said this ...".
BACKWARD = re.compile(
    r"^(?:That|This)(?:'s| is| was)\s+according to\b"
    r"|\b(?:said|reported|stated|announced) (?:this|so)\b"
)
# Relayed figures: the originator is the cited party ("U.K. officials citing data from Ukraine").
CITING = re.compile(r"\b(?:citing|quoting|based on|relying on)\s+(?:(?:data|figures)\s+from\s+)?")
PASSIVE = compile_guarded(
    r"\bit (?:was|is|has been|had been) (?:estimated|reported|believed|claimed)\b"
)
PARTICIPLE = re.compile(rf",?\s*\b(?:{_PARTICIPLES})\b")
# A headline or lead that opens with its speaker: "GUR: occupiers forced about 300 residents".
COLON_LEAD = re.compile(r"^\s*([^:;,.\"“”]{2,60}?):\s+(?=\S)")
# Words that end the clause before a subject: "... climbing as Kyiv reports 1,260 in a day".
CLAUSE_MARKS = ('"', "“", "”", "‘", ";", ":", " that ", " and ", " as ", " while ", " whereas ")
# Words that open a clause before its subject: "..., when it counted 707,540" (matched at the
# clause's start with ``match(text, pos)``).
SUBORDINATOR = re.compile(
    r"\s*(?:when|while|as|after|before|because|since|although|though|but|and|so|where|whereas"
    r"|once|until|if)\s+(?=\S)",
    re.IGNORECASE,
)
# A non-restrictive relative clause between a speaker and its verb: "the Oryx project, which
# documents each item visually, had recorded 18,904".
RELATIVE = re.compile(r"^\s*(?:which|who|whose|that)\b", re.IGNORECASE)
# A time or place phrase put before the subject, with no comma: "In the three days to Tuesday
# the staff added", "As of February 24 it had documented" (matched at the clause's start with
# ``match(text, pos, endpos)``; the subject is what follows: a pronoun, or a determiner and up
# to three words).
_FRONTED_PHRASE = (
    r"(?:In|On|By|Over|During|Since|After|Before|Within|At|Through|Throughout|Until|As\s+of)"
    r"\s[^,;:]*?\s"
)
FRONTED = re.compile(
    rf"\s*{_FRONTED_PHRASE}(?=(?:(?:the|its|their)(?:\s+[\w'’-]+){{1,3}}|it|they|he|she)\s*$)"
)

# A comma piece that only dates what comes before it: "Its tally, as scraped on July 19, 2025,
# showed" and "An aggregation of that list, generated on November 8, shows"; or a sentence
# adverb: "Ukraine's General Staff, meanwhile, put".
PARENTHETICAL = re.compile(
    r"^\s*(?:\d{4}|(?:as\s+)?[a-z]+(?:ed|en)\s+(?:on|in|at|by|from|since|as of)\b.*"
    r"|(?:meanwhile|however|also|too|separately|though|in\s+turn|by\s+contrast|in\s+contrast"
    r"|for\s+(?:its|their|his|her)\s+part|in\s+addition|moreover))\s*$"
)
# What a name is, set off after it: "DTEK, Ukraine's largest private energy company, said"
# (matched at the piece's start with ``match(text, pos, endpos)``).
DESCRIPTION = re.compile(r"\s*(?:(?:the|a|an|its|their)\s+|[A-Z][\w.-]*['’]s\s+)[a-z]")
# An appositive after a name: "said Colin Kahl, the under secretary of defense for policy".
APPOSITIVE = re.compile(r"^\s*(?:the|a|an|his|her)\s+\S", re.IGNORECASE)
# A person introduced by the body they speak for: "Mykola Kuleba of the charity Save Ukraine".
PERSON_OF = re.compile(r"([A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){1,2})\s+(?:of|from|at)\s+(?=\S)")

# Speed only: words every match of a cue contains (in the text as written; "according" in its
# lower case, as that cue ignores case), so most sentences skip these scans.
_SCREENS: dict[re.Pattern[str], tuple[str, ...]] = {
    ACCORDING: ("ccording",),
    CITING: ("citing", "quoting", "based on", "relying on"),
    PASSIVE: ("estimated", "reported", "believed", "claimed"),
    PARTICIPLE: tuple(_PARTICIPLES.split("|")),
}


def find_all(pattern: re.Pattern[str], text: str, lowered: str) -> list[re.Match[str]]:
    """``pattern.finditer(text)``, skipped when ``text`` (``lowered``: its lower case) lacks
    the words of the pattern's screen."""
    screen = lowered if pattern is ACCORDING else text
    if not any(word in screen for word in _SCREENS[pattern]):
        return []
    return list(pattern.finditer(text))


_WORDS = load_toml("speaker_words.toml")["words"]
PERSONAL = frozenset(_WORDS["personal"])
PERSON_ROLES = frozenset(_WORDS["person_roles"])
PRONOUNS = PERSONAL | frozenset(_WORDS["impersonal"])
CONTINUING = frozenset(_WORDS["continuing"])
DOCUMENTS = frozenset(_WORDS["documents"])
# Heads that point back to the speaker in force: "according to the Sunday report", "The MoD notes".
ANAPHORS = DOCUMENTS | PERSON_ROLES | frozenset(_WORDS["anaphors"])
_DOCUMENT = "|".join(sorted(DOCUMENTS, key=len, reverse=True))
# A document's owner speaks for it: "the staff's report of October 11", "Britain's latest update".
OWNED_DOCUMENT = re.compile(
    rf"^(?P<owner>.+?)'s?\s+(?:[\w-]+\s+){{0,2}}(?:{_DOCUMENT})\b(?!')", re.IGNORECASE
)
# The same after a time phrase put first: "At the end of 2024 the Oryx count was 19,712".
FRONTED_DOCUMENT_SUBJECT = re.compile(
    rf"^\s*{_FRONTED_PHRASE}(?P<subject>(?:the|its|their|this|that)\s+(?:[\w'.-]+\s+){{0,3}}?"
    rf"(?:{_DOCUMENT})\b(?!'))"
)
# A registered name's document, right after the name: "Mediazona's list" (matched at the name's
# end; the group is the document).
NAMED_DOCUMENT = re.compile(rf"'s?\s+(?:[\w-]+\s+){{0,2}}?(?P<document>{_DOCUMENT})\b(?!')")
# A sentence whose subject is a document speaks through it even with no reporting verb:
# "The Mediazona series holds 122,640 deaths", "The briefing was called to present $1 billion".
DOCUMENT_SUBJECT = re.compile(
    rf"^\s*(?:(?:[Tt]he|[Ii]ts|[Tt]heir|[Tt]his|[Tt]hat)\s+)?(?:[\w'.-]+\s+){{0,3}}?"
    rf"(?:{_DOCUMENT})\b(?!')"
)
# The rest of a phrase after its head: "An aggregation | of that list by date of death".
HEAD_END = re.compile(r"\s+(?:of|by|from|for|on|in|about)\s+")
# A speaker phrase ends at punctuation; ".The" counts as a full stop in glued text.
PHRASE_END = re.compile(r"[,;:\"“”()\[\]]|\.(?=\s|$|[A-Z][a-z])(?<![A-Z]\.)|\s[–—-]\s")
FORWARD_END = re.compile(r"[;:\"“”()]|\.(?=\s|$|[A-Z][a-z])(?<![A-Z]\.)")
MAX_PHRASE_WORDS = 12
# Words a speaker phrase may run on after the name before they are cut from its source text.
MAX_TAIL_WORDS = 4
# Marks that open a list line: "• 4,074 tanks".
BULLETS = "•·▪●◦*-–—"
# How a sentence ends, where a headline does not.
TERMINAL = (".", "!", "?", '"', "”", "'", "…")
# A colon lead longer than this is a run-in label, not a speaker ("Other Topics of Interest ...").
MAX_COLON_WORDS = 4
# A subject longer than this is a clause or a run-in headline, not a name to slug.
MAX_SLUG_WORDS = 6


def is_document(phrase: str) -> bool:
    """A report, not a person, speaks: "The 2024 Annual Threat assessment reveals", and so does
    a phrase headed by one: "An aggregation of their list by date of death shows"."""
    heads = (phrase, HEAD_END.split(phrase, maxsplit=1)[0])
    return any(words and words[-1] in DOCUMENTS for words in (h.lower().split() for h in heads))


def is_list_item(text: str) -> bool:
    """A line of a list: it opens with a bullet or stops without a full stop ("tanks – 9,249")."""
    line = text.strip()
    return line[:1] in BULLETS or not line.endswith(TERMINAL + (";", ":"))


def introduces_list(text: str) -> bool:
    """A sentence that ends with a colon introduces what follows: "... were approximately:"."""
    return text.rstrip().endswith(":")


def continues(text: str) -> bool:
    """A paragraph that opens with a pronoun or a quote goes on with the last speaker's report."""
    first = text.lstrip(" >")[:1]
    words = text.split()
    return first in "\"“‘'" or (bool(words) and words[0].lower() in CONTINUING)


def end_of(pattern: re.Pattern[str], text: str, start: int) -> int:
    """Where ``pattern`` next stops a phrase that begins at ``start`` (the text's end if never)."""
    stop = pattern.search(text, start)
    return stop.start() if stop else len(text)


def last_mark(text: str, verb: int) -> int:
    """The offset of a comma, quote or dash right before ``verb``, or -1."""
    before = text[:verb].rstrip()
    return len(before) - 1 if before and before[-1] in ",\"”'–—-" else -1


def pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The comma-separated pieces of ``text[start:end]``, blank ones dropped."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for hit in re.finditer(r",", text[start:end]):
        spans.append((cursor, start + hit.start()))
        cursor = start + hit.end()
    spans.append((cursor, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]
