"""The measures stage: which measure and noun unit a figure gets from the words around it."""

from __future__ import annotations

import pytest

from warledger.extract.document import Document, Figure, Sentence
from warledger.extract.figures import find_figures
from warledger.extract.measures import assign_measures, singular
from warledger.extract.sentences import split_sentences
from warledger.record import Article, Claim


def measured(sentence: str, figure_text: str, unit: str | None = None) -> Claim:
    """Run the stage on one sentence with one figure at ``figure_text`` (its first occurrence)."""
    start = sentence.index(figure_text)
    figure = Figure(start, start + len(figure_text), 1.0, 1.0, unit=unit)
    doc = Document(Article(id="t", text=sentence))
    doc.sentences = [Sentence(0, len(sentence), 0)]
    doc.figures = [figure]
    doc.sentence_of = [0]
    doc.claims = [Claim("t", figure.start, figure.end, sentence, 1.0, 1.0, unit=unit)]
    assign_measures(doc)
    return doc.claims[0]


@pytest.mark.parametrize(
    ("sentence", "figure", "grammar_unit", "measure", "unit"),
    [
        (
            "Officials said 40 people were forcibly called up for service.",
            "40",
            None,
            "conscripted",
            "person",
        ),
        ("The army has drafted 1,200 men from the region.", "1,200", None, "conscripted", "person"),
        ("A shelling killed 12 civilians in the town.", "12", None, "killed", "person"),
        ("The blast killed two and wounded nine others.", "nine", None, "wounded", "person"),
        ("Three colonels and 8 officers were also killed.", "8", None, "killed", "person"),
        (
            "The enemy has lost about 9,000 soldiers since May.",
            "9,000",
            None,
            "casualties",
            "person",
        ),
        (
            "Losses reached 5,000 dead and wounded in a month.",
            "5,000",
            None,
            "casualties",
            "person",
        ),
        (
            "They reported 300 casualties on the southern front.",
            "300",
            None,
            "casualties",
            "person",
        ),
        ("Some 2,000 children were deported to Russia.", "2,000", None, "deported", "person"),
        ("The report names 57 cases of arbitrary detention.", "57", None, "detained", "person"),
        ("Kyiv says 130 prisoners of war remain in camps.", "130", None, "detained", "person"),
        (
            "The region mobilized 15,000 reservists last autumn.",
            "15,000",
            None,
            "mobilized",
            "person",
        ),
        ("About 500 volunteers signed up in March.", "500", None, "recruited", "person"),
        (
            "More than 3 million refugees crossed the border.",
            "3 million",
            None,
            "population",
            "person",
        ),
        ("The town had 20,000 residents before the war.", "20,000", None, "population", "person"),
        (
            "Citizens filed 52,000 applications for the payments.",
            "52,000",
            None,
            "applications",
            "application",
        ),
        ("Russia launched 27 drones overnight.", "27", None, "equipment", "drone"),
        (
            "The unit destroyed 11 armored vehicles near the river.",
            "11",
            None,
            "equipment",
            "armored vehicle",
        ),
        ("The country received 31 tanks from its allies.", "31", None, "equipment", "tank"),
        ("Thousands of Russian missiles hit the grid.", "Thousands", None, "equipment", "missile"),
        (
            "The alliance deployed 40 battalion tactical groups.",
            "40",
            None,
            "other",
            "battalion tactical group",
        ),
        ("The summit brought together 60 national delegations.", "60", None, "other", "delegation"),
        ("The ministry signed three decrees on Friday.", "three", None, "other", "decree"),
        ("Its 25 existing allies must ratify the treaty.", "25", None, "other", "ally"),
        ("Nearly 90 countries endorsed the resolution.", "90", None, "other", "country"),
        ("Some 1,500 troops will be stationed in the east.", "1,500", None, "other", "person"),
        (
            "It pays 1.2 million rubles for signing a contract.",
            "1.2 million",
            "RUB",
            "signing_bonus",
            "RUB",
        ),
        (
            "The relief covers loans of up to 5 million rubles.",
            "5 million",
            "RUB",
            "debt_relief_limit",
            "RUB",
        ),
        ("Families receive compensation of $10,000.", "$10,000", "USD", "payment", "USD"),
        ("The US sent a $2 billion weapons package.", "$2 billion", "USD", "equipment", "USD"),
        ("Nearly 40 percent of recruits are older than 40.", "40", "percent", "share", "percent"),
        ("Men under the age of 55 must register.", "55", None, "age_limit", "year"),
        ("Boys aged 16 are sent to camps.", "16", None, "age_limit", "year"),
        ("The court sentenced him to 12 years in prison.", "12", "year", "other", "year"),
        ("The front line runs for 1,000 km.", "1,000", "km", "other", "km"),
        # A comparative is no unit; the clause says what is counted.
        (
            "The toll is 1,350 higher than the losses a day earlier.",
            "1,350",
            None,
            "casualties",
            "person",
        ),
        # A vehicle named after people: the head noun is "carrier".
        (
            "They hit 29 armoured personnel carriers.",
            "29",
            "person",
            "equipment",
            "armoured personnel carrier",
        ),
        ("Forces shot down 30 cruise missiles.", "30", None, "equipment", "cruise missile"),
        (
            "It lost 12 multiple rocket launchers.",
            "12",
            None,
            "equipment",
            "multiple rocket launcher",
        ),
        # A coordination counts its first noun; either noun can name the measure.
        ("Drones hit 40 vehicles and fuel tanks.", "40", None, "equipment", "vehicle"),
        ("Analysts count 5,000 pieces of Russian equipment.", "5,000", None, "equipment", "piece"),
        (
            "About 1,100 soldiers were put out of action on Monday.",
            "1,100",
            None,
            "casualties",
            "person",
        ),
        (
            "Monitors logged 400 arbitrary detentions of civilians.",
            "400",
            None,
            "detained",
            "person",
        ),
        # Witnesses are a report's sources, whatever else the phrase names.
        (
            "Monitors interviewed 150 victims and witnesses about torture.",
            "150",
            None,
            "other",
            "person",
        ),
        # An event noun says what happened after it, before any keyword in front of it.
        (
            "Citing victims, it lists 500 cases of people being detained.",
            "500",
            None,
            "detained",
            "person",
        ),
        # "residents" says who; the verb of the clause says what happened to them.
        ("Occupiers forced 200 residents into the army.", "200", None, "conscripted", "person"),
    ],
)
def test_sentence_gives_measure_and_unit(
    sentence: str, figure: str, grammar_unit: str | None, measure: str, unit: str
) -> None:
    claim = measured(sentence, figure, grammar_unit)
    assert (claim.measure, claim.unit) == (measure, unit)


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("The forum drew 900 victims and witnesses, and 50 experts were killed later.", "900"),
        (
            "Around 70 people were killed, and the number of hungry people rose by 2 million.",
            "2 million",
        ),
    ],
)
def test_keyword_in_another_clause_is_not_read(sentence: str, figure: str) -> None:
    assert measured(sentence, figure).measure in ("other", "casualties")
    assert measured(sentence, figure).measure != "killed"


def test_grammar_unit_is_kept() -> None:
    assert measured("They promised 300 people a flat.", "300", "person").unit == "person"


def test_counted_names_the_noun_and_its_verb() -> None:
    claim = measured("About 300 people were forcibly called up for military service.", "300")
    assert claim.counted == "people forcibly called up for military service"


def test_counted_reads_number_of_phrase_when_no_noun_follows() -> None:
    claim = measured("The number of dead and wounded has now reached 760,000.", "760,000")
    assert claim.counted == "dead and wounded"


@pytest.mark.parametrize(
    ("plural", "lemma"),
    [
        ("casualties", "casualty"),
        ("missiles", "missile"),
        ("losses", "loss"),
        ("people", "person"),
        ("children", "child"),
        ("axes", "axis"),
        ("aircraft", "aircraft"),
        ("allies", "ally"),
        ("boys", "boy"),
    ],
)
def test_singular_undoes_plurals(plural: str, lemma: str) -> None:
    assert singular(plural) == lemma


def measured_text(text: str) -> dict[str, tuple[str | None, str | None]]:
    """Run the stage over every figure the grammar finds: figure text -> (measure, unit)."""
    doc = Document(Article(id="t", text=text))
    doc.sentences = split_sentences(text)
    for index, sentence in enumerate(doc.sentences):
        for figure in find_figures(text, sentence.start, sentence.end):
            doc.figures.append(figure)
            doc.sentence_of.append(index)
            quote = doc.sentence_text(index)
            claim = Claim("t", figure.start, figure.end, quote, 1.0, 1.0, unit=figure.unit)
            doc.claims.append(claim)
    assign_measures(doc)
    return {text[c.start : c.end]: (c.measure, c.unit) for c in doc.claims}


@pytest.mark.parametrize(
    ("text", "figure", "measure", "unit"),
    [
        # A figure without a noun counts what the figure before it in its clause counted.
        (
            "It counted 900 pieces of equipment, of which 600 were destroyed.",
            "600",
            "equipment",
            "piece",
        ),
        (
            "Troops destroyed 12 vehicles, taking that count to 3,400.",
            "3,400",
            "equipment",
            "vehicle",
        ),
        ("Forces downed 20 drones, for a total of 9,000.", "9,000", "equipment", "drone"),
        # A breakdown or list goes on with the measure of the figure it breaks down.
        (
            "The report lists 700 cases of people detained. Russia was responsible for 650 of the "
            "cases, involving 600 men and 50 women.",
            "600",
            "detained",
            "person",
        ),
        (
            "The report lists 700 cases of people detained. Russia was responsible for 650 of the "
            "cases, involving 600 men and 50 women.",
            "50",
            "detained",
            "person",
        ),
        # "650 of the cases" picks out some of the cases counted before.
        (
            "The report lists 700 cases of people detained. Russia was responsible for 650 of the "
            "cases, involving 600 men and 50 women.",
            "650",
            "detained",
            "person",
        ),
        # "the number of children" refers to the children counted before.
        (
            "Some 5,000 children were deported. The true number of children taken could be as "
            "high as 20,000.",
            "20,000",
            "deported",
            "person",
        ),
    ],
)
def test_figure_counts_what_an_earlier_figure_counted(
    text: str, figure: str, measure: str, unit: str
) -> None:
    assert measured_text(text)[figure] == (measure, unit)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # Another clause: the hungry people are not the children killed.
        (
            "At least 190 children have been killed, and the number of hungry people is set to "
            "rise by more than 2 million.",
            "2 million",
        ),
        # "people" is too general to refer back to the people killed.
        (
            "Shelling killed 40 people. Officials put the number of people in shelters at 3,000.",
            "3,000",
        ),
    ],
)
def test_figure_does_not_borrow_a_measure_across_clauses_or_general_nouns(
    text: str, figure: str
) -> None:
    assert measured_text(text)[figure][0] == "other"


def test_counted_of_a_figure_without_noun_names_the_earlier_noun() -> None:
    doc_text = "It counted 900 pieces of equipment, of which 600 were destroyed."
    doc = Document(Article(id="t", text=doc_text))
    doc.sentences = split_sentences(doc_text)
    for figure in find_figures(doc_text, 0, len(doc_text)):
        doc.figures.append(figure)
        doc.sentence_of.append(0)
        doc.claims.append(Claim("t", figure.start, figure.end, doc_text, 1.0, 1.0))
    assign_measures(doc)
    assert doc.claims[1].counted == "pieces destroyed"


@pytest.mark.parametrize(
    ("text", "figure", "measure", "unit"),
    [
        # A "label – figure" list item counts its label, a known compound kept whole.
        (
            "Losses so far:\n\nrocket launchers – 410\n\nartillery systems – 2,050",
            "2,050",
            "equipment",
            "artillery system",
        ),
        (
            "Losses so far:\n\ntanks – 800 (+3)\n\narmored combat vehicles – 1,900",
            "1,900",
            "equipment",
            "armored combat vehicle",
        ),
        # Coordinated nouns count the first: "vehicles and fuel tanks" are vehicles.
        ("Losses so far:\n\nvehicles and fuel tanks – 5,100", "5,100", "equipment", "vehicle"),
        # An acronym keeps its final S.
        ("Losses so far:\n\nMLRS – 120", "120", "equipment", "mlrs"),
        ("Losses so far:\n\nair defense means – 77", "77", "equipment", "air defense means"),
        # The line opening the list says what happened to the people of a label.
        (
            "The enemy's combat losses were:\n\npersonnel – about 50,000 (+600) persons\n\n"
            "tanks – 800",
            "50,000",
            "casualties",
            "person",
        ),
        (
            "The enemy's combat losses were:\n\npersonnel – about 50,000 (+600) persons\n\n"
            "tanks – 800",
            "600",
            "casualties",
            "person",
        ),
        # A list item without a noun counts what the item before it counted.
        (
            "The count shows:\n\n• 900 named deaths in May;\n\n• 800 in April and 700 in March;\n\n"
            "• 650 in February.",
            "800",
            "killed",
            "person",
        ),
        (
            "The count shows:\n\n• 900 named deaths in May;\n\n• 800 in April and 700 in March;\n\n"
            "• 650 in February.",
            "650",
            "killed",
            "person",
        ),
        # "the tally", "the figure" point back to the figure before them.
        (
            "The army said it had lost 3,100 soldiers by Monday. By Friday the tally had grown "
            "by 140, to 3,240.",
            "140",
            "casualties",
            "person",
        ),
        (
            "Deaths are listed with a date, 4,300 in all. The figure for May, 1,050, is low.",
            "1,050",
            "killed",
            "person",
        ),
        # "N of them" counts what the earlier figure counted.
        (
            "Russia launched 40 drones overnight, and air defences downed 31 of them.",
            "31",
            "equipment",
            "drone",
        ),
        # A change shares the noun of the level it leads to.
        (
            "The order raises the force by 20,000 to a strength of 500,000 troops.",
            "20,000",
            "other",
            "person",
        ),
        # A colon opens a breakdown of the figure before it.
        (
            "It lists 120 cases of detention: 100 men, 15 women and five boys.",
            "15",
            "detained",
            "person",
        ),
        # A later figure of the same noun in the paragraph says what happened to them.
        (
            "They took at least 900 children aged up to 10. Officials said 2,000 children had "
            "been deported.",
            "900",
            "deported",
            "person",
        ),
        # A figure that a report only lists counts what the same noun counted before.
        (
            "The staff put losses at 50,000 personnel. In May its report listed about 40,000 "
            "personnel.",
            "40,000",
            "casualties",
            "person",
        ),
        # "it" and "the count" point back to the count, across paragraphs to the topic figure of
        # the paragraph before (its first figure, not the one added "along with" it).
        (
            "The staff put Russian losses at about 30,000, along with 1,300 tanks.\n\n"
            "The count has kept rising. By the end of June it had reached about 35,600.",
            "35,600",
            "casualties",
            "person",
        ),
        (
            "The staff put Russian losses at 50,000 on Friday. On Saturday it had reported 1,124.",
            "1,124",
            "casualties",
            "person",
        ),
        (
            "The list records 12,000 deaths in 2022.\n\nThe count more than doubled the next "
            "year, to 26,000.",
            "26,000",
            "killed",
            "person",
        ),
        (
            "The list records 12,000 deaths in 2022. The monthly numbers stayed low: 1,600 in "
            "March.",
            "1,600",
            "killed",
            "person",
        ),
        # A figure added to a count counts what the count counts, its noun or its antecedent's.
        (
            "The staff put Russian losses at 44,100 on Wednesday.\nSince Monday the staff has "
            "added about 350 to its count.",
            "350",
            "casualties",
            "person",
        ),
        (
            "The staff put tank losses at 1,886. It added 12 to its tank tally.",
            "12",
            "equipment",
            "tank",
        ),
        # A part of a whole counts what the whole counts.
        (
            "Russia lost 477 square kilometres. Air defences shot down 35 of 41 drones.",
            "35",
            "equipment",
            "drone",
        ),
        # "more" after a figure says it is added: the noun comes after it.
        (
            "The tank count went up, and 229 more artillery systems were added.",
            "229",
            "equipment",
            "artillery system",
        ),
        # A noun before the pointing word names what is counted.
        (
            "The staff put Russian losses at 36,200, and the tank tally had grown to 1,589.",
            "1,589",
            "equipment",
            "tank",
        ),
        # The verb right after a figure without a noun wins over a keyword before it.
        ("One person was killed and six were wounded.", "six", "wounded", "person"),
        ("10,582 civilians were killed and 19,875 injured.", "19,875", "wounded", "person"),
        # "of conscription age" says who is counted, "living in" what is said of them.
        (
            "Tens of thousands of Ukrainians of conscription age are living in Poland.",
            "Tens of thousands",
            "population",
            "person",
        ),
        # Nouns that share a plural head: "civil society and media organisations".
        (
            "About 80 civil society and media organisations signed it.",
            "80",
            "other",
            "organisation",
        ),
        # Each money figure takes the words of its own clause.
        (
            "Volunteers get a one-off payment of 195,000 rubles on signing, while monthly "
            "salaries start at 204,000 rubles.",
            "195,000",
            "signing_bonus",
            "RUB",
        ),
        (
            "Volunteers get a one-off payment of 195,000 rubles on signing, while monthly "
            "salaries start at 204,000 rubles.",
            "204,000",
            "payment",
            "RUB",
        ),
        # "in custody" with who holds them in between
        (
            "Kyiv estimates that more than 8,000 Ukrainians remain in Russian custody.",
            "8,000",
            "detained",
            "person",
        ),
        # A compound headed by a people noun counts people.
        ("Russia has recruited 185,000 contract soldiers.", "185,000", "recruited", "person"),
        # Signing money for "a military contract".
        (
            "They pay 1 million rubles to men who sign a military contract.",
            "1 million",
            "signing_bonus",
            "RUB",
        ),
    ],
)
def test_figure_without_its_own_noun_takes_the_noun_the_text_implies(
    text: str, figure: str, measure: str, unit: str
) -> None:
    assert measured_text(text)[figure] == (measure, unit)


def test_a_figure_that_says_what_happened_keeps_its_own_measure() -> None:
    text = "Russia lost 20,000 soldiers. Before the war it gathered 150,000 soldiers at the border."
    assert measured_text(text)["150,000"] == ("other", "person")


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("By Tuesday the staff's tank count stood at 10,182.", "10,182"),
        ("Since Monday its tally of Russian tanks has reached 1,886.", "1,886"),
    ],
)
def test_a_tally_named_with_its_owner_or_an_of_phrase_counts_its_noun(
    text: str, figure: str
) -> None:
    assert measured_text(text)[figure] == ("equipment", "tank")
