"""Who says it: the source registry and the assign_sources stage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from warledger.extract.attribution import assign_sources
from warledger.extract.document import Document, Figure, Sentence
from warledger.knowledge.registry import KEY_PATTERN, RegistryError, SourceRegistry
from warledger.record import Article, Claim


def _document(text: str) -> Document:
    """A document whose paragraphs are lines and sentences end at ". ", one claim per number."""
    doc = Document(Article(id="t", text=text))
    offset = 0
    for paragraph, line in enumerate(text.split("\n")):
        for part in re.finditer(r"[^ ].*?(?:(?<![A-Z])\.(?= |$)|$)", line):
            doc.sentences.append(Sentence(offset + part.start(), offset + part.end(), paragraph))
        offset += len(line) + 1
    for hit in re.finditer(r"\d[\d,]*", text):
        index = next(i for i, s in enumerate(doc.sentences) if s.start <= hit.start() < s.end)
        value = float(hit.group().replace(",", ""))
        doc.figures.append(Figure(hit.start(), hit.end(), value, value))
        doc.sentence_of.append(index)
        doc.claims.append(Claim("t", hit.start(), hit.end(), "", value, value))
    return doc


def _sources(text: str) -> list[tuple[str | None, str | None]]:
    doc = _document(text)
    assign_sources(doc)
    return [(claim.source, claim.source_text) for claim in doc.claims]


@pytest.mark.parametrize(
    ("sentence", "key", "written"),
    [
        ("According to the GUR, about 400 men were called up.", "ua-gur", "the GUR"),
        ("About 400 men were called up, the Pentagon said.", "us-dod", "the Pentagon"),
        ("Kirby said 400 men were called up.", "us-dod", "Kirby"),
        ("Some 400 men were called up, said Lubinets.", "ua-ombudsman", "Lubinets"),
        ("Lavrov claims that 400 men left.", "ru-gov", "Lavrov"),
        ("The U.K. Ministry of Defence estimated that 400 men died.", "uk-mod", None),
        ("Ukraine says 400 drones were launched.", "ua-gov", "Ukraine"),
        ("Russia lost 400 tanks - estimates British intelligence.", "uk-mod", None),
        ("400 men died, according to U.K. officials citing data from Ukraine.", "ua-gov", None),
        ("According to Mediazona data, 400 men died.", "mediazona", None),
        ("The Yale Conflict Lab reported that 400 children were moved.", "yale-conflict-lab", None),
        ("According to Japanese intelligence, 400 generals died.", "japanese-intelligence", None),
        ("North Korea sent 11,000 troops, according to South Korea's spy agency.", "kr-nis", None),
        (
            "Only 1,243 were returned, according to the Bring Kids Back UA initiative.",
            "bring-kids-back-ua",
            None,
        ),
        ("Maria Lvova-Belova claimed that 700,000 children had arrived.", "ru-gov", None),
        ("DTEK, Ukraine's largest private energy company, said 190 attacks hit it.", "dtek", None),
        ("The UN has verified 587 child deaths.", "un", None),
        (
            "Ukraine's coordination headquarters for prisoners of war said 95 men returned.",
            "ua-pow-headquarters",
            None,
        ),
        ("Prior to the war, it was estimated that 400 men served.", None, None),
        ("Officials say 400 missiles will be fired.", None, None),
        ("Russia fired 400 missiles at Ukraine.", None, None),
    ],
)
def test_sentence_names_its_source(sentence: str, key: str | None, written: str | None) -> None:
    [(source, source_text)] = _sources(sentence)
    assert source == key
    if written is not None:
        assert source_text == written


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("GUR: occupiers took about 300 men", "ua-gur"),
        ("UK intelligence: Russia lost 899 soldiers a day", "uk-mod"),
        ("Kherson: 300 people left the city", None),
        ("Update: 300 drones were launched", None),
        ("Losses in Donetsk Oblast: 300 killed", None),
        ("Conflict Observatory: 300 children were moved", "conflict-observatory"),
        ("Ukraine's General Staff puts Russian losses at about 708,890", "ua-general-staff"),
        ("Russia puts 300 tanks in reserve.", None),
        ("UN monitors document more than 900 detentions", "un-hrmmu"),
        ("The General Staff still lists 369 aircraft.", "ua-general-staff"),
        ("The Oryx project, which documents each item, had recorded 18,904 pieces.", "oryx"),
        ("Mykola Kuleba of the charity Save Ukraine believes 300,000 were taken.", "save-ukraine"),
    ],
)
def test_cue_names_the_source(sentence: str, key: str | None) -> None:
    [(source, _)] = _sources(sentence)
    assert source == key


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        # a speaker cue binds to the figures of its own clause
        (
            "Kyiv was saying that 1,000 people were deported, while Lavrov claimed that "
            "2,000 were evacuated.",
            ["ua-gov", "ru-gov"],
        ),
        # "when it counted": the pronoun after the clause's opening word is the subject
        (
            "The General Staff said 500 tanks were lost.\nThe total is 50 higher than a day "
            "earlier, when it counted 450.",
            ["ua-general-staff", "ua-general-staff", "ua-general-staff"],
        ),
        # "its report records": the report of the institution just named, and it carries
        (
            "The UN human rights office said 70 were executed. Its report records 77 cases.\n"
            "It sets out 900 cases.\nRussia was responsible for 864 of them.",
            ["un-hrmmu"] * 4,
        ),
        # "The monitors" points back to the "UN monitors" named before
        (
            "UN monitors said 12 prisons were shut.\nSeparately, Kahl said 5 died.\n"
            "The monitors also recorded 75 cases.",
            ["un-hrmmu", "us-dod", "un-hrmmu"],
        ),
        # a paragraph's subject, not the last institution named as an object, is "it"
        (
            "The British Ministry of Defence said 400 men died.\nAn agency, citing the General "
            "Staff, said 5 died.\nThe British ministry has tracked the toll. It said 120 groups "
            "were sent.",
            ["uk-mod", "ua-general-staff", "uk-mod"],
        ),
        # a phrase headed by a document speaks for its owner and carries into later paragraphs
        (
            "Mediazona has matched the names of the dead.\nAn aggregation of their list by "
            "month shows the trend.\nIn the first year the list holds 12,199 deaths.",
            ["mediazona"],
        ),
        # "which it said": the institution leading the sentence, not the last one named before
        (
            "The Wagner Group said 25,000 men were ready.\nThe FSB opened a case against him, "
            "which it said carries a sentence of 20 years.",
            ["wagner", "ru-fsb"],
        ),
        # a role noun points back to the person who holds it
        (
            "The US under secretary of defense, Colin Kahl, said 70,000 died.\nThe under "
            "secretary was briefing on a package worth 1 billion dollars.",
            ["us-dod", "us-dod"],
        ),
        # a time phrase put before the subject: the subject is still found after it
        (
            "Ukraine's General Staff put losses at 868,230.\nIn the three days to Friday the "
            "staff added about 3,530 to its count.",
            ["ua-general-staff", "ua-general-staff"],
        ),
        (
            "Oryx, the project that counts only what photographs show, is slower.\nAs of "
            "March 1 it had documented 20,506 weapons.",
            ["oryx", "oryx"],  # (every number here is a claim: "1" of "March 1" too)
        ),
        # "the General Staff" placed somewhere, and a sentence adverb between name and verb
        (
            "The General Staff in Kyiv said 1,740 soldiers died.\nUkraine's General Staff, "
            "meanwhile, put the losses at about 44,100.",
            ["ua-general-staff", "ua-general-staff"],
        ),
        # a document named as someone's speaks for them when nobody has spoken yet
        (
            "Week by week: the named dead in Mediazona's list\nThe list holds 1,885 deaths.",
            ["mediazona"],
        ),
        # a cue that names nobody known is not the speaker in force before; a sentence that
        # also names someone keeps them
        (
            "According to the UN human rights monitoring mission, 10,582 civilians died.\nIn "
            "occupied Mariupol, 90% of buildings were damaged, according to local officials.\n"
            "Bloomberg said 16,644, according to the average of eight estimates.",
            ["un-hrmmu", None, "bloomberg"],
        ),
        # "according to analysts" names some analysts, not the source named before
        (
            "In Moscow, a court jailed 7 people, Mediazona reported.\nRussian forces took 500 "
            "square kilometres, according to analysts.",
            ["mediazona", None],
        ),
        # a document subject after a time phrase put first
        (
            "Officials are cautious.\nAt the end of 2024 the Oryx count was 19,712.",
            ["oryx", "oryx"],
        ),
    ],
)
def test_speaker_carries_through_pointing_words(text: str, keys: list[str]) -> None:
    assert [key for key, _ in _sources(text)] == keys


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        # a name and its appositive before a clause that runs on
        (
            '"It is in the ballpark," said Colin Kahl, the under secretary of defense for policy, '
            "after putting losses at 70,000.",
            ["us-dod"],
        ),
        # a subject after "as", "while": the clause before it is not the speaker
        ("Britain sees losses climbing as Kyiv reports 1,260 in a day", ["ua-gov"]),
        # a registered name that ends a longer phrase is that source, not a slug
        (
            "It is a package of 1 billion dollars, the largest the United States has announced.",
            ["us-gov"],
        ),
        # a document's owner speaks for it
        (
            "For comparison, the staff's report listed about 666,340 personnel.",
            ["ua-general-staff"],
        ),
        # "its" points to the institution that led the sentence before, though it reported nothing
        (
            "Britain's Ministry of Defence estimated 899 a day.\nUkraine's General Staff gave a "
            "higher count. Its morning report said 1,260 died.\nAccording to the same report, "
            "7,366 tanks were lost.",
            ["uk-mod", "ua-general-staff", "ua-general-staff"],
        ),
        # a document as subject speaks without a reporting verb
        ("The Mediazona series holds 122,640 deaths.", ["mediazona"]),
        (
            "Kahl said 5 died.\nThe briefing was called to present a package of 1 billion dollars,"
            " the largest the United States has announced.",
            ["us-dod", "us-dod"],
        ),
        # a dated parenthetical between the subject and its verb
        (
            "The Oryx blog records losses. Its tally, as scraped in July, showed 4,074 tanks.",
            ["oryx"],
        ),
        # the signer of a decree speaks for what it orders, not the report in force before
        (
            "According to Mediazona, 411,000 applications were filed.\nA decree Putin signed "
            "ordered the army to grow by 170,000.",
            ["mediazona", "ru-gov"],
        ),
    ],
)
def test_cue_phrases_name_their_owner(text: str, keys: list[str]) -> None:
    assert [key for key, _ in _sources(text)] == keys


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        # an intro ending in a colon speaks for the list lines below it, and no further
        (
            "The General Staff informs that the losses were:\ntanks – 9,249 (+11)\n"
            "• 28 warships.\nElsewhere 5 people died.",
            ["ua-general-staff"] * 3 + [None],
        ),
        # the intro's speaker may be a document pointing back to a colon heading
        (
            "Mediazona: deaths by name\nAn aggregation of that list by date of death, generated "
            "on Sunday, shows:\n• 7,402 named deaths;\n• 5,638 in August.",
            ["mediazona", "mediazona"],
        ),
    ],
)
def test_list_lines_continue_their_intro(text: str, keys: list[str]) -> None:
    assert [key for key, _ in _sources(text)] == keys


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        # a headline's parent is the child that leads the article
        (
            "UN report documents 900 detentions\nThe UN human rights monitoring mission said "
            "it had documented 900 cases.",
            ["un-hrmmu", "un-hrmmu"],
        ),
        # a child named later, not as the lead's speaker, leaves the headline alone
        (
            "Pentagon estimates losses at 70,000\nThe Pentagon said 70,000 died.\nAccording "
            "to the US Air Force, the missile flies 30 miles.",
            ["us-dod", "us-dod", "us-air-force"],
        ),
    ],
)
def test_headline_parent_narrows_to_the_lead_speaker(text: str, keys: list[str]) -> None:
    assert [key for key, _ in _sources(text)] == keys


def test_headline_speaker_stays_in_force_for_the_article() -> None:
    text = (
        "Ukraine's General Staff puts Russian losses at 708,890\n"
        "Russia lost 708,890 troops, the General Staff said.\n"
        "Ukrainian units downed another 44 drones."
    )
    assert [key for key, _ in _sources(text)] == ["ua-general-staff"] * 3


def test_paragraph_opening_with_a_possessive_does_not_go_on_with_a_quote() -> None:
    text = 'Kahl said: "5 died."\nIts forces lost 40 tanks.'
    assert [key for key, _ in _sources(text)] == ["us-dod", None]


def test_lede_speaker_said_stays_in_its_paragraph() -> None:
    text = "Ukraine says 14 missiles were fired.\nUkrainian units downed another 44 drones."
    assert [key for key, _ in _sources(text)] == ["ua-gov", None]


def test_source_text_stops_where_a_long_phrase_runs_on_after_the_name() -> None:
    text = "The missile, according to the US Air Force has a range of more than 30 miles."
    assert _sources(text) == [("us-air-force", "the US Air Force")]


def test_relaying_outlet_gives_way_to_the_named_speaker() -> None:
    text = "According to Ukrinform, the Eastern Human Rights Group said 400 men were taken."
    assert _sources(text)[0][0] == "ehrg"


def test_outlet_alone_is_the_source() -> None:
    assert _sources("As Ukrinform reported, 400 men were taken.")[0][0] == "ukrinform"


def test_source_carries_to_the_next_sentence_of_the_paragraph() -> None:
    text = (
        "According to the GUR, 300 men were called up. The enemy forces men under 60 to register."
    )
    assert [key for key, _ in _sources(text)] == ["ua-gur", "ua-gur"]


def test_report_carries_into_the_next_paragraph() -> None:
    text = "Displacement rose, according to UNHCR.\nIn 2022 the number grew by 21 percent."
    assert _sources(text)[0][0] == "unhcr"


def test_quote_stays_in_its_paragraph() -> None:
    text = "Ukraine says 14 missiles were fired.\nElsewhere 1 person died."
    assert [key for key, _ in _sources(text)] == ["ua-gov", None]


def test_new_speaker_resets_the_source() -> None:
    text = "According to the GUR, 300 men left.\nMediazona said 411,000 applications were filed."
    assert [key for key, _ in _sources(text)] == ["ua-gur", "mediazona"]


def test_pronoun_points_back_to_the_last_person() -> None:
    text = "Kahl said 70,000 died. He also added that 3,000 vehicles were lost."
    assert [key for key, _ in _sources(text)] == ["us-dod", "us-dod"]


def test_person_learns_the_office_of_an_appositive() -> None:
    text = (
        "The head of the UN human rights office, Matilda Bogner, said: 5 died.\n"
        "Some 87 sailors were held, said Bogner."
    )
    assert [key for key, _ in _sources(text)] == ["un-hrmmu", "un-hrmmu"]


def test_speaker_named_after_the_fact_takes_the_paragraph_before() -> None:
    text = "Moscow imported 100 drones.\nThat's according to Politico, Ukrinform reports."
    assert _sources(text)[0][0] == "politico"


def test_registry_keys_are_lowercase_hyphenated() -> None:
    registry = SourceRegistry.load()
    assert registry.sources
    assert all(KEY_PATTERN.match(key) for key in registry.sources)


def test_registry_parents_are_keys() -> None:
    registry = SourceRegistry.load()
    assert all(s.parent in registry for s in registry.sources.values() if s.parent)


def test_registry_grows_by_editing_the_data_file(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text('[ua-navy]\nname = "Ukrainian Navy"\naliases = ["Ukrainian Navy"]\n')
    registry = SourceRegistry.load(path)
    assert [m.key for m in registry.match("the Ukrainian Navy said")] == ["ua-navy"]


def test_registry_rejects_a_key_that_is_not_a_slug(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text('[UA_Navy]\nname = "Ukrainian Navy"\n')
    with pytest.raises(RegistryError):
        SourceRegistry.load(path)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("U.K. Ministry of Defence", "uk-mod"),
        ("UK Ministry of Defence", "uk-mod"),
        ("the gur", None),
        ("GUR", "ua-gur"),
        ("Save Ukraine", None),
        ("Ukraine", "ua-gov"),
        ("Ukraine\u2019s military", "ua-general-staff"),
        # a country written another way before an institution's name
        ("Britain's Ministry of Defence", "uk-mod"),
        ("the UK's Ministry of Defense", "uk-mod"),
        ("the U.K.'s defence ministry", "uk-mod"),
        ("Russia's Ministry of Defense", "ru-mod"),
        ("the American Defense Department", "us-dod"),
        # a variant never takes a name that another source writes out
        ("Ukraine's armed forces", "ua-general-staff"),
    ],
)
def test_registry_matches_aliases(text: str, key: str | None) -> None:
    mentions = SourceRegistry.load().match(text)
    assert (mentions[0].key if mentions else None) == key


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("the Yale Conflict Observatory", "yale-conflict-observatory"),
        ("Matthew Savill", "matthew-savill"),
        ("U.S. Air Force", "us-air-force"),
        ("Levada Center's", "levada-center"),
        ("Gaza's health ministry", "gaza-health-ministry"),
        ("Wołodymyr Zełenski", "wolodymyr-zelenski"),
    ],
)
def test_slug_is_lowercase_hyphenated(name: str, slug: str) -> None:
    assert SourceRegistry.slug(name) == slug
