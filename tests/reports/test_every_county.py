"""Every county's report, with generated example data loaded for riket and every län, reads like a
text a person wrote: no sentence repeats the previous one's pattern, no "1 stycken", no placeholder,
no capitalised common noun mid-sentence; no sentence mixes real and example figures unmarked; and no
two labels of any figure overlap."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from django.db import transaction

from lagesbild.core.marking import example_notice
from lagesbild.indicators.coverage import select_indicators
from lagesbild.reports.content.county import build_county_report
from lagesbild.reports.content.national import build_national_report
from lagesbild.reports.document import BulletList, Generated, Paragraph
from lagesbild.reports.render import render
from lagesbild.territories.models import Level, Territory
from tests.lab.builders import example_figures_for
from tests.lab.svg_labels import overlapping_labels

from .figures import county_figures, routines
from .reading import pdf_text

PLACEHOLDERS = re.compile(
    r"har inte skrivit|Här saknas egen text|TODO|%\(|\{\{|\}\}|None\b|nan\b|\bstycken\b"
)
COUNT_AND_PLURAL = re.compile(
    r"(?<![\d,])1 (stycken|aktiviteter|kommuner|verksamheter|indikatorer|län har)\b"
)
CAPITAL_MID_SENTENCE = re.compile(r"(?:högst|lägst) för [A-ZÅÄÖ][a-zåäö]+\b|\bi Riket\b")


def sentences_of(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])", text.strip()) if s]


def pattern(sentence: str) -> str:
    """The sentence's opening with numbers and years made alike: 'Alla # kommuner i länet har'."""
    words = re.sub(r"\d[\d\s,.–−]*", "# ", sentence).split()
    return " ".join(words[:5]).lower()


@pytest.fixture(scope="module")
def every_report(django_db_setup, django_db_blocker, tmp_path_factory):
    """All 21 county reports and the national compilation for 2018, with example data loaded for
    riket and every län beside the bundled real figures; rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        selected = {
            i.id for goal in range(1, 5) for i in select_indicators(level=Level.LAN, goal=goal)
        }
        example_figures_for(*sorted(selected), levels=("riket", "lan"))
        # A real Stockholm figure for a year in which riket has only example figures.
        county_figures(tmp_path_factory.mktemp("siffror"), [routines("01", "2018", "75")])
        documents = {
            county.code: build_county_report(county, 2018)
            for county in Territory.objects.lan().order_by("code")
        }
        documents["00"] = build_national_report(2018)
        svgs = {code: [figure.svg for figure in d.figures()] for code, d in documents.items()}
        stockholm_pdf = render(documents["01"], "pdf")
        transaction.set_rollback(True)
    return documents, svgs, stockholm_pdf


def generated_paragraphs(document):
    for section in document.walk():
        for block in section.blocks:
            if isinstance(block, Generated):
                for inner in block.blocks:
                    if isinstance(inner, Paragraph):
                        yield section, inner.text
                    elif isinstance(inner, BulletList):
                        yield section, " ".join(str(p) for item in inner.items for p in item)


def test_no_sentence_repeats_the_pattern_of_the_one_before_in_any_county(every_report):
    documents, _svgs, _pdf = every_report
    repeated = []
    for code, document in documents.items():
        for section, text in generated_paragraphs(document):
            found = sentences_of(text)
            for before, after in pairwise(found):
                if pattern(before) == pattern(after):
                    repeated.append((code, section.heading, before, after))
    assert repeated == []


def test_no_count_errors_placeholders_or_capitals_mid_sentence_in_any_county(every_report):
    documents, _svgs, _pdf = every_report
    problems = []
    for code, document in documents.items():
        for section, text in generated_paragraphs(document):
            for rule in (PLACEHOLDERS, COUNT_AND_PLURAL, CAPITAL_MID_SENTENCE):
                if match := rule.search(text):
                    problems.append((code, section.heading, match.group(0), text[:120]))
    assert problems == []


def test_the_checks_above_find_what_they_look_for():
    """Controls: each rule catches the mistake it names."""
    assert PLACEHOLDERS.search("Flest verksamheter (1 stycken).")
    assert COUNT_AND_PLURAL.search("Det finns 1 aktiviteter.")
    assert CAPITAL_MID_SENTENCE.search("var andelen högst för Kvinnojour, 34 procent")
    same = sentences_of(
        "Alla 26 kommuner i länet har minst en verksamhet för kvinnor. Alla 26 kommuner i länet har "
        "minst en verksamhet för barn."
    )
    assert pattern(same[0]) == pattern(same[1])


def test_no_generated_sentence_mixes_real_and_example_figures_unmarked(every_report):
    documents, _svgs, _pdf = every_report
    stockholm = documents["01"]
    recorded = [
        s
        for section in stockholm.walk()
        for b in section.blocks
        if isinstance(b, Generated)
        for s in b.sentences
    ]
    assert len(recorded) > 30
    assert any(s.mixes_example_data for s in recorded), "Stockholm's real figures meet example ones"
    unmarked = [s.text for s in recorded if s.mixes_example_data and example_notice() not in s.text]
    assert unmarked == []
    compared = [
        s.text
        for s in recorded
        if s.mixes_example_data and re.search(r"högre|lägre|samma nivå|placering|Bland de", s.text)
    ]
    assert compared == [], "a real figure is never compared with or ranked among example figures"


def test_every_indicator_section_states_change_riket_and_rank_where_data_allow(every_report):
    documents, _svgs, _pdf = every_report
    uppsala = documents["03"]  # only example figures: every comparison is like with like
    texts = [
        text
        for section, text in generated_paragraphs(uppsala)
        if section.key.startswith("indikator-")
    ]
    assert texts and any("Bland de 21 län" in t for t in texts)
    assert any("än i riket" in t or "Jämfört med riket" in t for t in texts)
    national = documents["00"]
    spread = [t for t in national.tables() if t.caption.startswith("Spridningen mellan länen")]
    assert spread and all(row[0].text for row in spread[0].rows)


def test_no_labels_overlap_in_any_figure_of_any_report(every_report):
    _documents, svgs, _pdf = every_report
    overlaps = [
        (code, number, pair)
        for code, drawings in svgs.items()
        for number, svg in enumerate(drawings, start=1)
        for pair in overlapping_labels(svg)
    ]
    assert sum(len(d) for d in svgs.values()) > 200
    assert overlaps == []


def test_the_stockholm_pdf_has_no_placeholder_page_and_says_it_holds_example_data(every_report):
    _documents, _svgs, pdf = every_report
    text = pdf_text(pdf)
    assert "har inte skrivit" not in text and "Här saknas egen text" not in text
    assert "Förord" not in text.split("Innehåll")[1][:400], "no foreword written: no foreword page"
    assert text.count(example_notice()) >= 3  # cover, colophon and the footer of every page
