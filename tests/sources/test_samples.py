"""The sample files that ship for the file-based sources say what they are: Brå's real figures with
their source, or example data that obeys the arithmetic of Öppna jämförelser."""

from __future__ import annotations

from openpyxl import load_workbook

from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.indicators.models import ImportBatch, Observation
from lagesbild.sources.bra import import_bra
from lagesbild.sources.oj import column_matchers, import_oj, match_column
from lagesbild.sources.samples import (
    BRA_HEADER,
    BRA_PAGE,
    BRA_ROWS,
    BRA_SAMPLE,
    BRA_SHEET,
    OJ_COLUMNS,
    OJ_SAMPLE,
    OJ_SAMPLE_LAN,
    SAMPLES_DIR,
    write_samples,
)
from lagesbild.territories.models import Territory


def sheet_rows(path, sheet):
    workbook = load_workbook(path, read_only=True)
    rows = [list(row) for row in workbook[sheet].iter_rows(values_only=True)]
    workbook.close()
    return rows


def test_the_bra_sample_holds_the_documented_rows_of_bras_table_under_its_source():
    rows = sheet_rows(SAMPLES_DIR / BRA_SAMPLE, BRA_SHEET)
    assert BRA_PAGE in rows[1][0] and "Lägesbild" in rows[1][0], "the title rows say whose they are"
    assert rows[3] == BRA_HEADER
    assert [row for row in rows[4:] if any(row)] == BRA_ROWS


def test_the_bra_sample_imports_one_real_figure_per_mapped_crime_type():
    outcome = import_bra(SAMPLES_DIR / BRA_SAMPLE)
    batch = ImportBatch.objects.get(pk=outcome.summary.batch_id)
    assert not batch.is_example and batch.url == BRA_PAGE
    figures = {
        o.breakdown: o.value
        for o in Observation.objects.filter(batch=batch, territory_id="00", period_start=2021)
    }
    assert figures == {
        "manniskohandel-sexuella-andamal": 4.65116279,
        "grov-kvinnofridskrankning": 18.05463025,
        "aktenskapstvang": 3.50877193,
        "valdtakt": 17.15073348,
        "kop-sexuell-handling-barn": 27.09359606,
        "grooming": 11.76470588,
        "kop-sexuell-tjanst-vuxen": 60.55825243,
        "koppleri": 15.38461538,
    }


def test_the_oj_sample_is_marked_as_example_data_and_its_county_is_the_share_of_its_kommuner():
    path = SAMPLES_DIR / OJ_SAMPLE
    assert EXAMPLE_NOTICE in sheet_rows(path, "Information")[0][0]
    rows = sheet_rows(path, "Resultat")
    assert EXAMPLE_NOTICE in rows[1][0]
    header, table = rows[3], [row for row in rows[4:] if row[0] or row[1]]
    matchers = column_matchers()
    for text in header[3:]:
        assert len(match_column(text, matchers)) == 1, text
    by_code = {row[0]: row for row in table if row[0]}
    members = list(
        Territory.objects.kommuner().filter(parent_id=OJ_SAMPLE_LAN).values_list("code", flat=True)
    )
    assert members and all(code in by_code for code in members)
    for column in range(3, 3 + len(OJ_COLUMNS)):
        answers = [by_code[code][column] for code in members]
        assert set(answers) <= {"Ja", "Nej"}
        share = 100 * answers.count("Ja") / len(answers)
        assert by_code[OJ_SAMPLE_LAN][column] == round(share)
        assert 0 <= by_code["00"][column] <= 100
    assert any(row[2] == "Stadsdel" for row in table)


def test_the_oj_sample_imports_as_example_data_that_never_replaces_a_real_figure():
    outcome = import_oj(SAMPLES_DIR / OJ_SAMPLE)
    batch = ImportBatch.objects.get(pk=outcome.summary.batch_id)
    assert batch.is_example
    assert not Observation.objects.filter(batch=batch, is_example=False).exists()
    assert outcome.left_out == {"rader för stadsdelar, som inte finns i territorieregistret": 1}


def test_the_samples_can_be_written_again(tmp_path):
    bra, oj = write_samples(tmp_path)
    assert sheet_rows(bra, BRA_SHEET) == sheet_rows(SAMPLES_DIR / BRA_SAMPLE, BRA_SHEET)
    written, shipped = sheet_rows(oj, "Resultat"), sheet_rows(SAMPLES_DIR / OJ_SAMPLE, "Resultat")
    assert [row[:3] for row in written] == [row[:3] for row in shipped]
    assert written[3] == shipped[3]
