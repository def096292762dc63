"""Generated descriptive sentences come from the figures: the change from the first to the last year,
women compared with men, the county compared with riket — in Swedish, and in English on request."""

from lagesbild.reports.content.county import build_county_report
from lagesbild.reports.document import Generated
from lagesbild.territories.models import Territory

from .figures import county_figures, routines, sexual_offences


def generated_text(document, section_key: str) -> str:
    section = document.section(section_key)
    return " ".join(p.text for b in section.blocks if isinstance(b, Generated) for p in b.blocks)


def uppsala_2018(language="sv"):
    return build_county_report(Territory.objects.get(code="03"), 2018, language)


def test_an_increase_and_a_county_below_riket_are_described(tmp_path):
    county_figures(
        tmp_path,
        [routines("03", "2016", "40"), routines("03", "2018", "55"), routines("00", "2018", "60")],
    )
    text = generated_text(uppsala_2018(), "indikator-oj-rutin-indikation-vald")
    assert (
        "Andelen i Uppsala län ökade från 40 procent 2016 till 55 procent 2018, med 15 procentenheter."
        in text
    )
    assert "Det är 5 procentenheter lägre än i riket, där andelen var 60 procent 2018." in text


def test_a_decrease_and_a_county_above_riket_are_described(tmp_path):
    county_figures(
        tmp_path,
        [routines("03", "2015", "70"), routines("03", "2017", "62"), routines("00", "2017", "50")],
    )
    text = generated_text(uppsala_2018(), "indikator-oj-rutin-indikation-vald")
    assert (
        "Andelen i Uppsala län minskade från 70 procent 2015 till 62 procent 2017, med 8 procentenheter."
        in text
    )
    assert "Det är 12 procentenheter högre än i riket, där andelen var 50 procent 2017." in text


def test_women_and_men_are_compared_with_each_other_and_with_riket(tmp_path):
    county_figures(
        tmp_path,
        [
            sexual_offences("03", "2017", "K", "9,4"),
            sexual_offences("03", "2017", "M", "1,2"),
            sexual_offences("00", "2017", "K", "10,1"),
            sexual_offences("00", "2017", "M", "1,2"),
        ],
    )
    text = generated_text(uppsala_2018(), "indikator-ntu-sexualbrott")
    assert (
        "2017 var andelen 9,4 procent bland kvinnor och 1,2 procent bland män i Uppsala län."
        in text
    )
    assert (
        "Jämfört med riket 2017 är andelen i länet 0,7 procentenheter lägre bland kvinnor (riket 10,1 "
        "procent) och densamma bland män (1,2 procent)." in text
    ), "one sentence for both groups, not the same sentence twice"


def test_figures_after_the_report_year_and_before_the_years_shown_are_left_out(tmp_path):
    county_figures(
        tmp_path,
        [
            routines("03", "2012", "10"),
            routines("03", "2016", "40"),
            routines("03", "2018", "55"),
            routines("03", "2020", "90"),
        ],
    )
    text = generated_text(uppsala_2018(), "indikator-oj-rutin-indikation-vald")
    assert (
        "ökade från 40 procent 2016 till 55 procent 2018" in text
        and "90" not in text
        and "2012" not in text
    )


def test_a_county_without_figures_is_told_so_in_each_goal(tmp_path):
    document = build_county_report(Territory.objects.get(code="25"), 2018)
    text = generated_text(document, "mal-1")
    assert "för Norrbottens län finns värden för 0 av dem under 2014–2018" in text
    assert document.section("regional-lagesbild").sections[0].sections == []


def test_the_sentences_are_written_in_english_for_an_english_report(tmp_path):
    county_figures(
        tmp_path,
        [routines("03", "2016", "40"), routines("03", "2018", "55"), routines("00", "2018", "60")],
    )
    document = uppsala_2018("en")
    text = generated_text(document, "indikator-oj-rutin-indikation-vald")
    assert "increased from 40% in 2016 to 55% in 2018" in text
    assert document.sections[0].title == "Summary"
