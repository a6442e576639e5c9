"""Places: names to ISO 3166 codes, and which places a claim is about."""

from __future__ import annotations

import importlib.util
import json
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from warledger.extract.document import Document, Figure
from warledger.extract.places import assign_places, find_places
from warledger.extract.sentences import split_sentences
from warledger.record import Article, Claim

SHARED = Path(__file__).resolve().parents[2] / "shared"


def codes_in(text: str) -> list[str]:
    return [mention.code for mention in find_places(text)]


def places_of(text: str, figures: list[str], source_text: str | None = None) -> list[list[str]]:
    """Places given to each figure text in ``figures``, found in ``text`` in order."""
    doc = Document(Article(id="t", text=text))
    doc.sentences = split_sentences(text)
    cursor = 0
    for figure_text in figures:
        start = text.index(figure_text, cursor)
        end = cursor = start + len(figure_text)
        index = next(i for i, s in enumerate(doc.sentences) if s.start <= start < s.end)
        doc.figures.append(Figure(start, end, 1, 1))
        doc.sentence_of.append(index)
        claim = Claim("t", start, end, doc.sentence_text(index), 1, 1, source_text=source_text)
        doc.claims.append(claim)
    assign_places(doc)
    return [sorted(claim.places) for claim in doc.claims]


# name as written, code
NAMES = [
    ("Zaporizhzhia", "UA-23"),
    ("Zaporizhia", "UA-23"),
    ("Zaporozhye", "UA-23"),
    ("Zaporizka oblast", "UA-23"),
    ("Kharkiv", "UA-63"),
    ("Kharkov", "UA-63"),
    ("Kherson", "UA-65"),
    ("Luhansk", "UA-09"),
    ("Lugansk", "UA-09"),
    ("Donetsk", "UA-14"),
    ("Mykolaiv", "UA-48"),
    ("Nikolaev", "UA-48"),
    ("Odesa", "UA-51"),
    ("Odessa", "UA-51"),
    ("Dnipro", "UA-12"),
    ("Kyiv", "UA-30"),
    ("Kiev", "UA-30"),
    ("Lviv", "UA-46"),
    ("Kropyvnytskyi", "UA-35"),
    ("Lutsk", "UA-07"),
    ("Uzhhorod", "UA-21"),
    ("Crimea", "UA-43"),
    ("Sevastopol", "UA-40"),
    ("Mariupol", "UA-14"),
    ("Bakhmut", "UA-14"),
    ("Enerhodar", "UA-23"),
    ("Kupiansk", "UA-63"),
    ("Bucha", "UA-32"),
    ("Kryvyi Rih", "UA-12"),
    ("Severodonetsk", "UA-09"),
    ("Moscow", "RU-MOW"),
    ("St Petersburg", "RU-SPE"),
    ("St. Petersburg", "RU-SPE"),
    ("Belgorod", "RU-BEL"),
    ("Kursk", "RU-KRS"),
    ("Rostov", "RU-ROS"),
    ("Buryatia", "RU-BU"),
    ("Chechnya", "RU-CE"),
    ("Ukraine", "UA"),
    ("Russia", "RU"),
    ("Russian Federation", "RU"),
    ("the UK", "GB"),
    ("Britain", "GB"),
    ("the U.S.", "US"),
    ("America", "US"),
    ("Czech Republic", "CZ"),
    ("Georgia", "GE"),
    ("Kazakhstan", "KZ"),
]


@pytest.mark.parametrize(("name", "code"), NAMES)
def test_name_gives_code(name: str, code: str) -> None:
    assert codes_in(f"They went to {name} last year.") == [code]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kharkiv region", "UA-63"),
        ("Kyiv region", "UA-32"),
        ("Kyiv Oblast", "UA-32"),
        ("Moscow region", "RU-MOS"),
        ("Donetsk People's Republic", "UA-14"),
        ("Russian Federation", "RU"),
    ],
)
def test_longest_name_wins(text: str, code: str) -> None:
    mentions = find_places(text)
    assert [(m.start, m.end, m.code) for m in mentions] == [(0, len(text), code)]


def test_coordinated_regions_give_both() -> None:
    text = "occupied territories of Kherson and Zaporizhia regions."
    assert codes_in(text) == ["UA-65", "UA-23"]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # a list that ends in "regions" names regions: Kyiv oblast, not the city
        ("Air defences shot down 58 drones over the Kyiv, Sumy and Poltava regions.",
         ["UA-32", "UA-53", "UA-59"]),
        ("Shelling wounded 12 people in the Sumy and Kyiv oblasts.", ["UA-32", "UA-59"]),
        # the city named alone, or in a list with no region word, stays the city
        ("Air defences shot down 58 drones over Kyiv.", ["UA-30"]),
        ("Air defences shot down 58 drones over Kyiv, Sumy and Poltava.",
         ["UA-30", "UA-53", "UA-59"]),
    ],
)  # fmt: skip
def test_a_list_of_names_ending_in_regions_names_regions(text: str, places: list[str]) -> None:
    assert places_of(text, ["58" if "58" in text else "12"]) == [places]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Two people were killed on the left bank of the Dnipro.", []),
        ("Troops crossed the Dnipro near Krynky.", []),
        ("A missile hit Dnipro on Monday.", ["UA-12"]),
        ("Shelling hit the Dnipro region.", ["UA-12"]),
        ("The Dnipro city council said so.", ["UA-12"]),
    ],
)
def test_a_river_after_the_is_no_place(text: str, codes: list[str]) -> None:
    assert [code for code in codes_in(text) if code == "UA-12"] == codes


@pytest.mark.parametrize(
    ("text", "figure", "places"),
    [
        # a sentence that names another country as a possessive does not take the places before
        ("The war reaches Kursk\n\nRussian strikes on Ukraine's energy grid destroyed 9 plants.",
         "9", []),
        # one that names no country, or the same one, still does
        ("Ukrainian troops push into Russia's Kursk region\n\nThey took 1,000 square kilometres.",
         "1,000", ["RU-KRS"]),
        ("Ukrainian troops push into Russia's Kursk region\n\nRussia's army lost 1,000 men.",
         "1,000", ["RU-KRS"]),
    ],
)  # fmt: skip
def test_a_possessive_country_stops_places_carried_from_another(
    text: str, figure: str, places: list[str]
) -> None:
    assert places_of(text, [figure]) == [places]


def test_lowercase_word_is_no_place() -> None:
    assert codes_in("a roast turkey and a georgia peach") == []


def test_adjective_is_flagged() -> None:
    (mention,) = find_places("the Russian military")
    assert (mention.code, mention.is_adjective) == ("RU", True)


def test_people_are_flagged() -> None:
    (mention,) = find_places("Russians have submitted 411,000 applications")
    assert (mention.code, mention.is_people, mention.is_adjective) == ("RU", True, False)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Moscow has forcefully deported thousands", "RU"),
        ("Moscow's relations with the West", "RU"),
        ("Moscow is also increasing its spending", "RU"),
        ("a court in Moscow ruled", "RU-MOW"),
        ("Kyiv was hit overnight", "UA-30"),
        ("Kyiv has been hit", "UA-30"),
        ("Moscow said on Monday", "RU"),
        ("Moscow is adding incentives", "RU"),
        # A passive that raises the capital to the actor of the next verb.
        ("Moscow was estimated to have gathered troops", "RU"),
        ("Moscow is expected to announce a draft", "RU"),
        ("Kyiv was connected to the grid", "UA-30"),
        ("Kyiv was subjected to shelling", "UA-30"),
    ],
)
def test_capital_as_actor_stands_for_its_state(text: str, code: str) -> None:
    assert codes_in(text) == [code]


def test_figure_takes_place_of_its_sentence() -> None:
    text = "In the Luhansk region, they promise to pay 2.5 million rubles."
    assert places_of(text, ["2.5 million"]) == [["UA-09"]]


def test_each_figure_takes_the_place_after_it() -> None:
    text = (
        "Biden stationed 3,000 troops in Romania, two squadrons in the UK and two ships in Spain."
    )
    assert places_of(text, ["3,000", "two", "two"]) == [["RO"], ["GB"], ["ES"]]


def test_country_as_actor_is_not_a_place() -> None:
    text = "Britain will commit an extra 1,000 troops to the defence of Estonia."
    assert places_of(text, ["1,000"]) == [["EE"]]


def test_country_losing_soldiers_is_not_a_place() -> None:
    text = "Russia has lost nearly 24,000 soldiers."
    assert places_of(text, ["24,000"]) == [[]]


def test_region_drops_its_country() -> None:
    text = "Shelling killed 5 people in the Kharkiv region of Ukraine."
    assert places_of(text, ["5"]) == [["UA-63"]]


def test_place_in_source_name_is_not_a_place() -> None:
    text = "The range is 30 miles, according to the US Air Force."
    assert places_of(text, ["30"], source_text="US Air Force") == [[]]


def test_places_carry_over_within_paragraph() -> None:
    text = "Shelling hit Kherson on Monday. About 300 people were evacuated."
    assert places_of(text, ["300"]) == [["UA-65"]]


def test_places_carry_over_a_headline_with_a_continuation_cue() -> None:
    text = (
        "From October 1 to December 31, 2024, the occupiers conscripted residents of the "
        "occupied territories of Kherson and Zaporizhia regions.\n\n"
        "Russia forces residents of occupied territories to serve in the army\n\n"
        "According to the GUR, during this period, about 300 people were called up."
    )
    assert places_of(text, ["300"]) == [["UA-23", "UA-65"]]


def test_new_paragraph_does_not_inherit_places() -> None:
    text = (
        "Loans in Russia were cut.\n\n"
        "The number of dead and wounded among the Russian military has reached 760,000."
    )
    assert places_of(text, ["760,000"]) == [[]]


@pytest.mark.parametrize(
    "anaphor",
    ["the two regions", "these regions", "the region", "both oblasts", "the occupied territory"],
)
def test_new_paragraph_pointing_back_to_regions_takes_the_regions_last_named(anaphor: str) -> None:
    text = (
        "Occupiers drafted men in the Kherson and Zaporizhzhia regions.\n\n"
        "Loans in Russia were cut.\n\n"
        f"About 300 people from {anaphor} were called up."
    )
    assert places_of(text, ["300"]) == [["UA-23", "UA-65"]]


def test_place_coordinated_with_parts_of_another_gives_both() -> None:
    text = "Since Russia occupied Crimea and parts of the Donbas, 300,000 children were taken."
    assert places_of(text, ["300,000"]) == [["UA-09", "UA-14", "UA-43"]]


def test_people_place_a_figure_when_nothing_else_does() -> None:
    text = "Since October 2022, Russians have submitted 411,000 applications."
    assert places_of(text, ["411,000"]) == [["RU"]]


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Seventy-seven percent of Russians support the war in Ukraine.", "Seventy-seven"),
        ("About 5 million Russians voted.", "5 million"),
    ],
)
def test_figure_counting_a_people_is_about_their_country(text: str, figure: str) -> None:
    assert places_of(text, [figure]) == [["RU"]]


@pytest.mark.parametrize(
    ("text", "figure", "places"),
    [
        # Where the people counted stay beats who they are.
        (
            "Tens of thousands of Ukrainians of conscription age are living in Poland.",
            "Tens of thousands",
            ["PL"],
        ),
        ("About 5 million Russians live in Ukraine.", "5 million", ["UA"]),
        ("Some 9,000 Ukrainian refugees remain in Moldova.", "9,000", ["MD"]),
        # A host country is where the people it hosts are.
        ("Germany, host to a third of Ukraine's refugees, wants them in work.", "a third", ["DE"]),
        ("Estonia, which already hosts about 1,700 British troops, wants more.", "1,700", ["EE"]),
        ("About 2,000 Ukrainians hosted by Poland have left.", "2,000", ["PL"]),
        # The target of an attack is its place.
        ("Dozens of missiles hit Ukraine as leaders met.", "Dozens", ["UA"]),
        ("Ukraine attacked Russia with 50 drones overnight.", "50", ["RU"]),
        # A relative clause describing the source says nothing of where its figures are.
        (
            "The staff, whose reports name the Bakhmut direction as the hardest, put losses at "
            "about 35,000.",
            "35,000",
            [],
        ),
    ],
)
def test_place_of_the_people_or_target_counted(text: str, figure: str, places: list[str]) -> None:
    source = "The staff" if text.startswith("The staff") else None
    assert places_of(text, [figure], source_text=source) == [places]


@pytest.mark.parametrize(
    ("text", "figure", "places"),
    [
        # A capital acting as its state places its own sentence, not the next one.
        (
            "Moscow may soon have more men to lose. About 400,000 Russian soldiers take part.",
            "400,000",
            [],
        ),
        ("Moscow is raising its spending by 10 percent.", "10", ["RU"]),
        # "the city" in a new paragraph points back to the city last named.
        (
            "His men were entering Rostov.\n\nHe claimed the city's airport, and said dozens of "
            "soldiers had come over.",
            "dozens",
            ["RU-ROS"],
        ),
    ],
)
def test_places_carried_to_the_next_sentence(text: str, figure: str, places: list[str]) -> None:
    assert places_of(text, [figure]) == [places]


def test_adjective_before_territory_noun_places_a_figure() -> None:
    text = "Russia fired 34 rockets on Saturday in several Ukrainian circuits."
    assert places_of(text, ["34"]) == [["UA"]]


def test_adjective_before_other_noun_does_not_place_a_figure() -> None:
    text = "The dead and wounded among the Russian military have reached 760,000."
    assert places_of(text, ["760,000"]) == [[]]


def test_place_in_a_later_clause_belongs_to_another_figure() -> None:
    text = "That rose to 110 million people in May, with the war in Sudan the biggest driver."
    assert places_of(text, ["110 million"]) == [[]]


def test_place_before_the_clause_is_used_when_the_clause_has_none() -> None:
    text = (
        "In Myanmar, where displacement grew by 331,600 to 1.8 million, while "
        "in the Democratic Republic of the Congo it climbed to 6.2 million."
    )
    assert places_of(text, ["331,600", "1.8 million", "6.2 million"]) == [["MM"], ["MM"], ["CD"]]


def test_gold_places_use_known_codes() -> None:
    """Every code the gold files use is one the gazetteer can produce."""
    gold = SHARED / "gold"
    if not gold.is_dir():
        pytest.skip("shared gold files not present")
    raw = json.loads(resources.files("warledger.knowledge").joinpath("places.json").read_text())
    known = {code for row in raw["places"] for code in row["codes"]}
    used = {
        code
        for path in gold.glob("*.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
        for code in json.loads(line)["places"]
    }
    assert used <= known


def test_places_json_is_regenerated_after_alias_edits() -> None:
    """places.json is what scripts/generate_places.py makes of place_aliases.toml today."""
    pytest.importorskip("pycountry")
    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location(
        "generate_places", root / "scripts/generate_places.py"
    )
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    with generator.ALIASES.open("rb") as handle:
        expected = generator.render(generator.build(tomllib.load(handle)))
    assert generator.OUTPUT.read_text(encoding="utf-8") == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("as Kyiv reports 500 in a day", "UA"),
        ("Moscow raised its budget", "RU"),
        ("Kyiv gave monitors access", "UA"),
        # A capital addressed as a party: aid "for Kyiv", talks "with Moscow".
        ("a new aid package for Kyiv", "UA"),
        ("talks with Moscow stalled", "RU"),
        ("a bus for Kyiv region", "UA-32"),
    ],
)
def test_capital_reporting_or_addressed_stands_for_its_state(text: str, code: str) -> None:
    assert codes_in(text) == [code]


@pytest.mark.parametrize(
    ("text", "figure", "places"),
    [
        # A place in a comparison the figure is measured against is not the figure's place.
        (
            "At least 12 generals were killed, a rate that exceeds the toll of ten years in Iraq.",
            "12",
            [],
        ),
        ("Some 40 villages were hit, more than in Georgia last year.", "40", []),
        # A capital acting in a later clause is an actor, not the figure's place.
        ("Troops lost 900 men a day in April as Moscow presses its attacks.", "900", []),
        # A direction or occupation word may stand between the locative word and the place.
        ("Troops lost 900 men a day in eastern Ukraine.", "900", ["UA"]),
        # An adjective before a territory noun places a figure in a locative phrase.
        ("Russia fired 30 missiles at Ukrainian infrastructure.", "30", ["UA"]),
    ],
)
def test_only_places_that_place_the_figure_count(text: str, figure: str, places: list[str]) -> None:
    assert places_of(text, [figure]) == [places]


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Speaking in Kyiv, Zelensky said 31,000 soldiers had been killed.", "31,000"),
        ("Stoltenberg told reporters in Brussels that allies had delivered 1,500 tanks.", "1,500"),
        ("At a news conference in Berlin, officials said 18 tanks were sent.", "18"),
    ],
)
def test_where_a_statement_was_made_does_not_place_its_figure(text: str, figure: str) -> None:
    assert places_of(text, [figure]) == [[]]


@pytest.mark.parametrize(
    ("text", "figure", "source_text", "places"),
    [
        (
            "Kharkiv governor Oleh Syniehubov said three people were wounded.",
            "three",
            "Kharkiv governor Oleh Syniehubov",
            ["UA-63"],
        ),
        ("Kyiv mayor Vitali Klitschko said 9 people were hurt.", "9", "Kyiv mayor Vitali Klitschko",
         ["UA-30"]),
        (
            "According to the US Air Force, the missiles have a range of 30 miles.",
            "30",
            "the US Air Force",
            [],
        ),
    ],
)  # fmt: skip
def test_a_local_office_places_the_figures_it_reports(
    text: str, figure: str, source_text: str, places: list[str]
) -> None:
    assert places_of(text, [figure], source_text=source_text) == [places]


def test_a_place_in_the_phrase_of_the_figure_before_is_not_the_next_ones() -> None:
    text = "Four leaders came to Kyiv and 141 countries backed Ukraine at the UN."
    assert places_of(text, ["Four", "141"]) == [["UA-30"], []]


def test_a_place_before_a_verb_that_joins_two_figures_is_both_figures() -> None:
    text = "The strike killed five people in Kharkiv and wounded 12."
    assert places_of(text, ["five", "12"]) == [["UA-63"], ["UA-63"]]


def test_there_points_back_to_the_place_before() -> None:
    text = "Poland has taken in the most refugees. About 950,000 Ukrainians live there."
    assert places_of(text, ["950,000"]) == [["PL"]]


def test_there_of_there_are_points_nowhere() -> None:
    text = "Poland has taken in the most refugees. There are 4 million Ukrainians in the EU."
    assert places_of(text, ["4 million"]) == [["UA"]]


def test_a_country_owning_its_land_places_the_figure() -> None:
    text = "Russian forces have occupied about 18% of Ukraine's territory."
    assert places_of(text, ["18%"]) == [["UA"]]
