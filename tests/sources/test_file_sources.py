"""An analyst imports Socialstyrelsen's Öppna jämförelser workbook and Brå's tables as downloaded."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lagesbild.indicators.models import ImportBatch, Observation
from lagesbild.sources.bra import UNMAPPED_CRIMES, import_bra
from lagesbild.sources.importing import ImportRejected
from lagesbild.sources.oj import import_oj
from lagesbild.sources.records import FileRejected

from .builders import OJ_HEADER, SHELTER, a_bra_csv, a_bra_table_xlsx, an_oj_workbook, oj_rows
from .service import FIXTURES

BRA_CSV = FIXTURES / "bra" / "personuppklaring-lan.csv"


def imported(kind: str) -> dict:
    return {
        (o.indicator_id, o.territory_id, o.period_start, o.breakdown): (o.value, o.status, o.note)
        for o in Observation.objects.filter(batch__kind=kind)
    }


def test_an_oj_workbook_imports_kommun_lan_and_riket_rows_for_the_mapped_columns(tmp_path):
    outcome = import_oj(an_oj_workbook(tmp_path))
    values = imported("oj")
    assert values[("oj-skyddat-boende", "00", 2023, "")] == (81.0, "ok", ""), (
        "an Excel percentage becomes percent"
    )
    assert values[("oj-skyddat-boende", "01", 2023, "")] == (88.0, "ok", "")
    assert values[("oj-skyddat-boende", "0114", 2023, "")] == (100.0, "ok", "Svar: Ja")
    assert values[("oj-skolgang-skyddat-boende", "0114", 2023, "")] == (0.0, "ok", "Svar: Nej")
    assert values[("oj-skolgang-skyddat-boende", "0181", 2023, "")] == (
        None,
        "missing",
        "ÖJ: Uppgift saknas",
    )
    assert values[("oj-overenskommelse-extern-samverkan", "01", 2023, "kvinnojour")] == (
        38.0,
        "ok",
        "",
    )
    assert values[("oj-overenskommelse-extern-samverkan", "01", 2023, "polisen")] == (
        27.0,
        "ok",
        "",
    )
    assert values[("oj-overenskommelse-extern-samverkan", "0180", 2023, "kvinnojour")] == (
        100.0,
        "ok",
        "Svar: ja",
    )
    assert len(values) == 5 * 4, "five territories (the stadsdel is left out), four mapped columns"
    assert outcome.left_out == {
        "kolumnen 'Antal handläggare inom våld i nära relationer' har ingen indikator i mappningen": 1,
        "rader för stadsdelar, som inte finns i territorieregistret": 1,
    }
    batch = ImportBatch.objects.get(pk=outcome.summary.batch_id)
    assert (batch.kind, batch.file_name, batch.parameters["sheets"], len(batch.checksum)) == (
        "oj",
        "oj-vinr-2023.xlsx",
        ["Resultat"],
        64,
    )


def test_the_year_comes_from_an_ar_column_or_the_command_line_when_the_title_has_none(tmp_path):
    rows = [["2022", *row] for row in oj_rows()[:3]]
    import_oj(
        an_oj_workbook(
            tmp_path,
            rows,
            title="Öppna jämförelser, våld i nära relationer",
            header=["År", *OJ_HEADER],
        )
    )
    assert {key[2] for key in imported("oj")} == {2022}
    untitled = an_oj_workbook(tmp_path, oj_rows()[:2], name="oj.xlsx", title="Öppna jämförelser")
    with pytest.raises(FileRejected, match=r"året framgår inte av filen .* ange det med --year"):
        import_oj(untitled)
    import_oj(untitled, year=2021)
    assert ("oj-skyddat-boende", "00", 2021, "") in imported("oj")


def test_a_bad_oj_cell_names_file_sheet_row_and_column_and_nothing_is_written(tmp_path):
    rows = oj_rows()
    rows[2][3] = "Kanske"
    rows[3][0], rows[3][1] = "9999", "Atlantis"
    path = an_oj_workbook(tmp_path, rows)
    with pytest.raises(ImportRejected) as rejected:
        import_oj(path)
    sheet = "oj-vinr-2023.xlsx, blad 'Resultat'"
    assert [(e.file, e.row, e.column) for e in rejected.value.errors] == [
        (sheet, 7, SHELTER),
        *[(sheet, 8, "Kod")] * 4,
    ], "Upplands Väsby's answer, then each value of the unknown code"
    assert "'Kanske' är varken Ja, Nej" in str(rejected.value)
    assert not Observation.objects.filter(batch__kind="oj").exists()


def test_an_oj_file_without_a_mapped_column_is_refused(tmp_path):
    path = an_oj_workbook(
        tmp_path, [["00", "Riket", "Riket", 5]], header=["Kod", "Namn", "Nivå", "Antal svar"]
    )
    with pytest.raises(FileRejected, match="ingen kolumn i filen motsvarar en indikator"):
        import_oj(path)


def test_a_brå_csv_with_bom_decimal_commas_and_symbols_imports_into_the_crime_type_categories():
    outcome = import_bra(BRA_CSV)
    values = imported("bra")
    assert values[("bra-personuppklaring", "00", 2022, "valdtakt")] == (12.4, "ok", "")
    assert values[("bra-personuppklaring", "00", 2023, "valdtakt")] == (13.1, "preliminary", ""), (
        "2023* is preliminary"
    )
    assert values[("bra-personuppklaring", "01", 2023, "valdtakt")] == (
        None,
        "suppressed",
        "Brå: '..' (för osäkert eller för få fall)",
    )
    assert values[("bra-personuppklaring", "01", 2023, "grov-kvinnofridskrankning")] == (
        0.0,
        "preliminary",
        "",
    )
    assert values[("bra-personuppklaring", "01", 2022, "kop-sexuell-tjanst-vuxen")] == (
        71.0,
        "ok",
        "",
    )
    assert len(values) == 10
    assert outcome.left_out == {UNMAPPED_CRIMES: 1}
    assert (
        ImportBatch.objects.get(pk=outcome.summary.batch_id).source
        == "Brå: Personuppklarade brott efter brottstyp och län. Andel (%) av handlagda brott "
        "(personuppklaring-lan.csv)"
    ), "the source names the table by its title"


def test_a_brå_excel_table_finds_its_indicator_from_the_title(tmp_path):
    path = a_bra_table_xlsx(
        tmp_path, [["Riket", 116, 121], ["Stockholms län", 30, ".."], ["Uppsala län", "-", 4]]
    )
    import_bra(path)
    values = imported("bra")
    assert values[("dodligt-vald", "00", 2023, "")] == (121.0, "ok", "")
    assert values[("dodligt-vald", "01", 2023, "")][1] == "suppressed"
    assert values[("dodligt-vald", "03", 2022, "")] == (0.0, "ok", "")


def test_a_long_table_in_windows_encoding_with_a_year_and_a_value_column(tmp_path):
    path = a_bra_csv(
        tmp_path,
        [
            "Dödligt våld, antal per län",
            "",
            "Län;År;Antal",
            "Skåne län;2021;15",
            "Västra Götalands län;2021;1 204",
        ],
        encoding="cp1252",
    )
    import_bra(path)
    assert imported("bra")[("dodligt-vald", "12", 2021, "")] == (15.0, "ok", "")
    assert imported("bra")[("dodligt-vald", "14", 2021, "")] == (1204.0, "ok", "")


def test_polisregioner_are_refused_rather_than_taken_for_a_county(tmp_path):
    path = a_bra_table_xlsx(
        tmp_path,
        [["Polisregion Stockholm", 40, 41], ["Region Stockholm", 20, 22], ["Gotlands län", 1, 2]],
    )
    with pytest.raises(ImportRejected) as rejected:
        import_bra(path)
    assert [(e.file, e.row, e.column) for e in rejected.value.errors] == [
        ("dodligt-vald-lan.xlsx", 5, "Län"),
        ("dodligt-vald-lan.xlsx", 6, "Län"),
    ]
    assert all(
        "polisregion" in e.reason and "hämta tabellen per län" in e.reason
        for e in rejected.value.errors
    )
    assert not Observation.objects.filter(batch__kind="bra").exists()


def test_a_table_whose_indicator_cannot_be_told_needs_indicator(tmp_path):
    path = a_bra_table_xlsx(tmp_path, [["Riket", 1, 2]], name="tabell.xlsx", title="Anmälda brott")
    with pytest.raises(FileRejected, match="ange den med --indicator"):
        import_bra(path)
    import_bra(path, indicator="dodligt-vald")
    assert imported("bra")[("dodligt-vald", "00", 2022, "")][0] == 1.0


def test_a_bad_brå_cell_names_the_row_and_year_column(tmp_path):
    path = a_bra_csv(tmp_path, ["Dödligt våld", "Län;2022;2023", "Riket;12;tolv"])
    with pytest.raises(ImportRejected) as rejected:
        import_bra(path)
    assert str(rejected.value) == "bra.csv: rad 3, kolumn '2023': 'tolv' är inte ett tal"


def test_the_import_source_command_takes_several_files_all_or_nothing(tmp_path, capsys):
    good = an_oj_workbook(tmp_path)
    bad = a_bra_csv(tmp_path, ["Dödligt våld", "Län;2022", "Riket;x"])
    with pytest.raises(CommandError) as error:
        call_command("import_source", "oj", str(good), str(bad))
    assert "Importen avvisades; inget sparades." in str(error.value)
    assert not Observation.objects.filter(batch__kind__in=["oj", "bra"]).exists()
    call_command("import_source", "bra", str(BRA_CSV), "--dry-run")
    # one row of the sample is Stockholm's 2022 figure, which ships as a published figure
    assert "skulle ge 9 nya, 1 ändrade" in capsys.readouterr().out
    call_command("import_source", "oj", str(good))
    out = capsys.readouterr().out
    assert (
        "oj-vinr-2023.xlsx: 20 rader gav 19 nya, 1 ändrade" in out
        and "1 utelämnade (rader för stadsdelar" in out
    )
    with pytest.raises(CommandError, match="filen finns inte"):
        call_command("import_source", "bra", str(tmp_path / "saknas.csv"))


def a_table_300(
    directory, rows, *, name="300La-2023.xlsx", title="Hela landet 2023", two_columns=False
):
    """Brå's table 300 as downloaded: title rows, then crime types down and measures across."""
    header = ["Handlagda brott, totalt", "Utredda brott", "Direktavskrivna brott"]
    header += ["Lagföringsprocent (%)", "Personuppklaringsprocent (%)"]
    return a_bra_table_xlsx(
        directory,
        rows,
        name=name,
        title=f"Utredning och beslut. {title}",
        header=(["Lagrum", "Brottstyp"] if two_columns else ["Lagrum"]) + header,
    )


def test_brås_table_300_in_two_text_columns_reads_the_crime_type_under_its_law_section(tmp_path):
    path = a_table_300(
        tmp_path,
        [
            ["SAMTLIGA BROTT", "SAMTLIGA BROTT", 100, 50, 50, 29, 13],
            [
                "4 kap 4 a § 2 st. BrB Grov kvinnofridskränkning ",
                "Grov kvinnofridskränkning, totalt",
                40,
                38,
                2,
                22,
                21,
            ],
            ["4 kap. 1 a § BrB Människohandel", "För sexuella ändamål ", 20, 15, 5, "-", "-"],
            ["4 kap. 1 a § BrB Människohandel", "För organhandel", "-", "-", "-", "-", "-"],
            [
                "6 kap. 11 § BrB Köp av sexuell tjänst",
                "Köp av sexuell tjänst, totalt",
                "-",
                "-",
                "-",
                "-",
                "-",
            ],
        ],
        two_columns=True,
    )
    outcome = import_bra(path)
    values = imported("bra")
    assert values[("bra-personuppklaring", "00", 2023, "grov-kvinnofridskrankning")] == (
        21.0,
        "ok",
        "",
    )
    assert values[("bra-personuppklaring", "00", 2023, "manniskohandel-sexuella-andamal")] == (
        0.0,
        "ok",
        "",
    ), "'-' is zero when offences were handled"
    assert values[("bra-personuppklaring", "00", 2023, "kop-sexuell-tjanst-vuxen")] == (
        None,
        "missing",
        "Brå: inga handlagda brott",
    ), "no share of nothing"
    assert outcome.left_out == {UNMAPPED_CRIMES: 2}
    assert ImportBatch.objects.get(pk=outcome.summary.batch_id).source.startswith(
        "Brå: Utredning och beslut. Hela landet 2023"
    )


def test_a_police_regions_table_300_is_refused_and_a_table_that_names_no_area_too(tmp_path):
    row = [["Grov kvinnofridskränkning (4 a §)", 10, 9, 1, 20, 18]]
    with pytest.raises(FileRejected, match="polisregion, som inte är ett län"):
        import_bra(
            a_table_300(tmp_path, row, name="300Rn03-2023.xlsx", title="Region Stockholm 2023")
        )
    with pytest.raises(FileRejected, match="anger inte sitt område"):
        import_bra(a_table_300(tmp_path, row, name="tabell.xlsx", title="2023"))
    with pytest.raises(FileRejected, match="året framgår inte"):
        import_bra(a_table_300(tmp_path, row, name="300La.xlsx", title="Hela landet"))
    import_bra(a_table_300(tmp_path, row, name="300La-2022.xlsx", title="Urval"))
    assert (
        imported("bra")[("bra-personuppklaring", "00", 2022, "grov-kvinnofridskrankning")][0] == 18
    )
