"""The county registers in the report: the county board's activities per sub-assignment, the matrix of
targeted services and the survey results, each from its own app, and a plain statement where a
register holds nothing."""

from lagesbild.activities.models import Activity, ActivityKind, SubAssignment
from lagesbild.reports.content.county import build_county_report
from lagesbild.reports.content.national import build_national_report
from lagesbild.reports.document import BulletList, Generated, Table
from lagesbild.territories.models import Territory
from tests.directory.builders import a_service

from .reading import pdf_text

NOTHING_REGISTERED = "Inga %s är registrerade"


def texts_of(section) -> str:
    found = []
    for s in section.walk():
        for block in s.blocks:
            for inner in getattr(block, "blocks", [block]):
                if isinstance(inner, BulletList):
                    found += [
                        "".join(p if isinstance(p, str) else p.text for p in item)
                        for item in inner.items
                    ]
                elif hasattr(inner, "text"):
                    found.append(inner.text)
    return " ".join(found)


def report(code="01", year=2018):
    return build_county_report(Territory.objects.get(code=code), year)


def test_the_activities_are_grouped_by_sub_assignment_with_their_own_headings():
    Activity.objects.create(
        county_id="03",
        year=2018,
        kind=ActivityKind.TRAINING,
        sub_assignment_id=4,
        title="Utbildning om FREDA-kortfrågor",
        participants=70,
        participants_qualifier="exakt",
    )
    Activity.objects.create(
        county_id="03",
        year=2018,
        kind=ActivityKind.NETWORK,
        sub_assignment_id=4,
        title="Nätverk för kommunala samordnare",
        participants=25,
        participants_qualifier="ungefar",
    )
    section = report("03").section("verksamhet")
    assert [s.title for s in section.sections] == [s.name for s in SubAssignment.objects.all()]
    prevention = next(s for s in section.sections if s.key == "deluppdrag-4")
    text = texts_of(prevention)
    assert "2 aktiviteter är registrerade, med sammanlagt ca 95 deltagare." in text
    assert "Utbildning om FREDA-kortfrågor (Utbildning; 70 deltagare)." in text
    assert "Inga aktiviteter är registrerade för deluppdraget 2018." in texts_of(
        section.sections[0]
    )


def test_the_stockholm_report_tells_the_shipped_activities_of_2018():
    text = texts_of(report().section("verksamhet"))
    assert "Kampanjen Välj att sluta" in text and "13\u00a0000 besökare" in text


def test_a_county_without_activities_says_so_plainly():
    assert NOTHING_REGISTERED % "aktiviteter" + " för Hallands län 2018" in texts_of(
        report("13").section("verksamhet")
    )


def test_the_survey_results_of_rapport_2019_6_are_in_the_stockholm_report(stockholm_2018):
    tables = [b for b in stockholm_2018.document.section("enkater").blocks if isinstance(b, Table)]
    shares = [row[2].text for row in tables[0].rows]
    assert shares == ["73\u00a0%", "59\u00a0%", "64\u00a0%", "13\u00a0%", "14\u00a0%"]
    assert "73 % 1a Om ja" in pdf_text(stockholm_2018.pdf)


def test_a_county_without_surveys_says_so_plainly():
    assert NOTHING_REGISTERED % "enkätresultat" + " för Skåne län 2018" in texts_of(
        report("12").section("enkater")
    )


def test_the_matrix_of_services_is_counted_for_the_county():
    a_service(
        "Jouren", sector="civilsamhalle", exposures=("vald-i-nara-relation", "hedersrelaterat-vald")
    )
    a_service("Kommunens team", sector="kommun", exposures=("vald-i-nara-relation",))
    a_service(
        "KAST-mottagningen", sector="kommun", exposures=("risk-sexualbrott",), targets=("man",)
    )
    section = report().section("verksamheter")
    by_sector = next(b for b in section.blocks if isinstance(b, Table))
    violence = next(row for row in by_sector.rows if row[0].text == "Våld i nära relation")
    assert violence[-1].text == "2"
    generated = " ".join(
        p.text for b in section.blocks if isinstance(b, Generated) for p in b.blocks
    )
    assert (
        "Flest verksamheter i länet riktar sig till våld i nära relation (2 verksamheter)"
        in generated
    )
    assert "Av länets 26 kommuner gäller att " in generated  # one sentence, not one per kind
    assert (
        "kommuner saknar verksamhet för prostitution och människohandel för sexuella ändamål"
        in (generated)
    )


def test_without_services_the_section_says_none_are_registered(stockholm_2018):
    assert NOTHING_REGISTERED % "stödverksamheter" in texts_of(
        stockholm_2018.document.section("verksamheter")
    )


def test_the_national_compilation_counts_services_per_county():
    a_service("Jouren")
    a_service("Skånes jour", county="12")
    section = build_national_report(2018).section("verksamheter")
    table = next(b for b in section.blocks if isinstance(b, Table))
    totals = {row[0].text: row[-1].text for row in table.rows}
    assert (
        totals["Stockholms län"] == "1"
        and totals["Skåne län"] == "1"
        and totals["Gotlands län"] == "0"
    )
    assert len(table.rows) == 22  # 21 counties and the national services
