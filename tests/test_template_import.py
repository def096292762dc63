"""A county analyst imports their own figures from a spreadsheet and sees exactly what is wrong."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lagesbild.indicators.models import ImportBatch, Observation, ObservationRevision
from lagesbild.sources.importing import ImportRejected, import_file

from .builders import a_row, a_template_csv, a_template_xlsx, with_stale_dimension


def stored_state():
    return (
        list(
            Observation.objects.order_by("id").values_list(
                "id", "value", "lower", "upper", "status", "note", "batch_id"
            )
        ),
        ImportBatch.objects.count(),
        ObservationRevision.objects.count(),
    )


def test_a_csv_with_swedish_number_formats_is_imported_with_its_provenance(tmp_path):
    path = a_template_csv(
        tmp_path,
        [
            a_row(period="2019", sex="kvinnor", value="9,4 %"),
            a_row(period="2019", sex="män", value="8,1"),
            a_row(
                indicator="dodligt-vald",
                territory="Skåne län",
                period="2019",
                sex="T",
                value="1 234",
            ),
            a_row(
                indicator="oj-skyddat-boende",
                territory="12",
                period="2016–2018",
                sex="",
                value="",
                lower="80",
                upper="100",
                note="intervall",
            ),
        ],
    )
    summary = import_file(path)
    assert (summary.rows, summary.created, summary.updated) == (4, 4, 0)
    women = Observation.objects.get(
        indicator_id="ntu-hot", territory_id="01", period_start=2019, sex="K"
    )
    assert women.value == 9.4
    assert (
        Observation.objects.get(
            indicator_id="dodligt-vald", territory_id="12", period_start=2019
        ).value
        == 1234
    )
    sheltered = Observation.objects.get(indicator_id="oj-skyddat-boende", territory_id="12")
    assert (sheltered.period_start, sheltered.period_end, sheltered.lower, sheltered.upper) == (
        2016,
        2018,
        80,
        100,
    )
    batch = ImportBatch.objects.get(pk=summary.batch_id)
    assert (batch.file_name, batch.rows, batch.created, len(batch.checksum)) == (
        "lan-siffror.csv",
        4,
        4,
        64,
    )
    assert women.batch == batch


def test_an_xlsx_file_imports_like_a_csv(tmp_path):
    path = a_template_xlsx(
        tmp_path,
        [
            ["ntu-misshandel", "03", 2018, "K", None, 3.2, None, None, None, None],
            [
                "bra-personuppklaring",
                "Uppsala län",
                "2018",
                "T",
                "Våldtäkt",
                "13",
                None,
                None,
                "preliminär",
                "prel. siffra",
            ],
        ],
    )
    summary = import_file(path)
    assert summary.created == 2
    rape = Observation.objects.get(indicator_id="bra-personuppklaring", territory_id="03")
    assert (rape.breakdown, rape.status, rape.note) == ("valdtakt", "preliminary", "prel. siffra")


def test_an_xlsx_with_a_stale_dimension_is_read_to_its_last_row(tmp_path, capsys):
    """Files from other tools often claim fewer rows than they hold; every row is still read, so the
    bad last row is found and nothing is saved."""
    rows = [
        a_row(territory=code, value=str(value))
        for code, value in (("01", 9.4), ("03", 8.1), ("12", 7.5), ("14", 6.0))
    ]
    path = with_stale_dimension(
        a_template_xlsx(tmp_path, [*rows, a_row(territory="Atlantis")]), ref="A1:C2"
    )
    with pytest.raises(CommandError) as refused:
        call_command("import", str(path))
    assert "rad 6, kolumn 'territorium': okänt territorium 'Atlantis'" in str(refused.value)
    assert not Observation.objects.filter(
        indicator_id="ntu-hot", territory_id__in=["03", "12", "14"]
    ).exists()
    good = with_stale_dimension(a_template_xlsx(tmp_path, rows, name="bra.xlsx"), ref="A1:C2")
    assert import_file(good).created == 4


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        (a_row(indicator="ntu-okand"), "indikator", "okänd indikator 'ntu-okand'"),
        (a_row(territory="Atlantis"), "territorium", "okänt territorium 'Atlantis'"),
        (a_row(sex="X"), "kön", "okänt kön 'X'"),
        (a_row(value="tolv"), "värde", "'tolv' är inte ett tal"),
        (a_row(value="112"), "värde", "112 är en andel utanför 0–100 procent"),
        (
            a_row(value="", lower="12", upper="9"),
            "nedre",
            "nedre gränsen 12 är större än den övre 9",
        ),
        (a_row(period="2019–2016"), "period", "perioden '2019–2016' är omvänd"),
        (a_row(breakdown="valdtakt"), "uppdelning", "indikatorn ntu-hot har ingen uppdelning"),
        (
            a_row(indicator="bra-personuppklaring", sex="T", breakdown="stöld"),
            "uppdelning",
            "'stöld' är ingen kategori",
        ),
        (
            a_row(indicator="oj-skyddat-boende", sex="K", value="3"),
            "kön",
            "är inte uppdelad på kön",
        ),
        (a_row(territory="0180"), "territorium", "kan inte läsas på kommunnivå"),
        (a_row(value="", lower="", upper=""), "värde", "värde saknas"),
    ],
)
def test_a_bad_row_is_rejected_with_file_row_column_and_reason_and_nothing_changes(
    tmp_path, row, column, reason
):
    before = stored_state()
    path = a_template_csv(tmp_path, [a_row(period="2020"), row])
    with pytest.raises(ImportRejected) as rejected:
        import_file(path)
    [error] = rejected.value.errors
    assert (error.file, error.row, error.column) == ("lan-siffror.csv", 3, column)
    assert reason in error.reason
    assert f"lan-siffror.csv: rad 3, kolumn '{column}'" in str(rejected.value)
    assert stored_state() == before


def test_a_row_repeated_in_the_file_is_named_with_both_rows(tmp_path):
    path = a_template_csv(tmp_path, [a_row(), a_row(value="9,9")])
    with pytest.raises(ImportRejected) as rejected:
        import_file(path)
    assert "samma observation som rad 2" in str(rejected.value.errors[0])
    assert rejected.value.errors[0].row == 3


def test_every_error_in_the_file_is_reported_at_once(tmp_path):
    path = a_template_csv(
        tmp_path,
        [
            a_row(value="x"),
            a_row(sex="?", period="2018"),
            a_row(territory="nowhere", period="2017"),
        ],
    )
    with pytest.raises(ImportRejected) as rejected:
        import_file(path)
    assert [e.row for e in rejected.value.errors] == [2, 3, 4]


def test_unknown_or_missing_columns_and_unreadable_files_are_rejected(tmp_path):
    misspelt = a_template_csv(
        tmp_path,
        [a_row()],
        name="stavfel.csv",
        header=["indikator", "territorium", "period", "kön", "uppdelning", "vaerde"],
    )
    with pytest.raises(ImportRejected) as rejected:
        import_file(misspelt)
    assert (
        str(rejected.value.errors[0])
        == "stavfel.csv: rad 1, kolumn 'vaerde': okänd kolumn (kända kolumner: indicator, territory, period, sex, breakdown, value, lower, upper, status, note)"
    )
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("indikator;territorium;period;värde\nntu-hot;01;2019;9\n".encode("latin-1"))
    with pytest.raises(ImportRejected) as rejected:
        import_file(latin1)
    assert "UTF-8" in str(rejected.value)
    word = tmp_path / "rapport.docx"
    word.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(ImportRejected) as rejected:
        import_file(word)
    assert "filtypen stöds inte" in str(rejected.value)
    broken = tmp_path / "trasig.xlsx"
    broken.write_bytes(b"this is not a zip file")
    with pytest.raises(ImportRejected) as rejected:
        import_file(broken)
    assert "trasig.xlsx" in str(rejected.value) and "Excel" in str(rejected.value)


def test_reimporting_updates_in_place_and_keeps_what_the_value_was(tmp_path):
    first = import_file(
        a_template_csv(tmp_path, [a_row(value="9,4"), a_row(sex="M", value="8,0")], name="v1.csv")
    )
    observation = Observation.objects.get(
        indicator_id="ntu-hot", territory_id="01", period_start=2019, sex="K"
    )
    second = import_file(
        a_template_csv(tmp_path, [a_row(value="9,6"), a_row(sex="M", value="8,0")], name="v2.csv")
    )
    assert (second.created, second.updated, second.unchanged) == (0, 1, 1)
    observation.refresh_from_db()
    assert observation.value == 9.6 and observation.batch_id == second.batch_id
    [revision] = observation.revisions.all()
    assert (revision.old_value, revision.old_batch_id, revision.batch_id) == (
        9.4,
        first.batch_id,
        second.batch_id,
    )


def test_a_dry_run_reports_what_would_change_and_changes_nothing(tmp_path):
    import_file(a_template_csv(tmp_path, [a_row(value="9,4")], name="v1.csv"))
    before = stored_state()
    summary = import_file(
        a_template_csv(tmp_path, [a_row(value="9,9"), a_row(sex="M")], name="v2.csv"), dry_run=True
    )
    assert (summary.dry_run, summary.created, summary.updated, summary.batch_id) == (
        True,
        1,
        1,
        None,
    )
    assert summary.changes[0]["old"][0] == 9.4 and summary.changes[0]["new"][0] == 9.9
    assert stored_state() == before


def test_the_import_command_takes_several_files_all_or_nothing(tmp_path, capsys):
    good = a_template_csv(tmp_path, [a_row()], name="bra.csv")
    bad = a_template_csv(tmp_path, [a_row(value="fel")], name="dalig.csv")
    before = stored_state()
    with pytest.raises(CommandError) as error:
        call_command("import", str(good), str(bad))
    assert "dalig.csv: rad 2, kolumn 'värde'" in str(error.value)
    assert "inget sparades" in str(error.value)
    assert stored_state() == before
    call_command("import", str(good), "--dry-run")
    assert "Provkörning" in capsys.readouterr().out
    assert stored_state() == before
    call_command("import", str(good))
    assert (
        Observation.objects.filter(
            indicator_id="ntu-hot", territory_id="01", period_start=2019
        ).count()
        == 1
    )


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("import", str(tmp_path / "finns-inte.csv"))
    assert "finns-inte.csv" in str(error.value) and "finns inte" in str(error.value)


def test_every_value_and_note_reaches_the_database_exactly_as_validated(tmp_path):
    """New rows travel to the database in bulk; nothing about a figure may change on the way."""
    awkward_note = 'källa: "Rapport 2019:6", s. 12 – ÅÄÖ; \\ slut\nny rad'
    path = a_template_csv(
        tmp_path,
        [
            a_row(period="2017", sex="K", value="0,1", note=awkward_note),
            a_row(period="2018", sex="K", value="33,333333333333336"),
            a_row(period="2019", sex="K", value="", lower="1e-7", upper="99,99999"),
            a_row(period="2020", sex="K", value="", status="saknas"),
        ],
    )
    import_file(path)
    stored = {
        o.period_start: o
        for o in Observation.objects.filter(indicator_id="ntu-hot", territory_id="01", sex="K")
    }
    assert (stored[2017].value, stored[2017].note) == (0.1, awkward_note)
    assert stored[2018].value == 33.333333333333336
    assert (stored[2019].value, stored[2019].lower, stored[2019].upper) == (None, 1e-7, 99.99999)
    assert (stored[2020].value, stored[2020].status) == (None, "missing")
    assert {o.is_example for o in stored.values()} == {False}


def test_a_note_with_a_nul_character_is_refused_by_row_and_column(tmp_path):
    path = a_template_csv(
        tmp_path, [a_row(period="2017", note="bra"), a_row(period="2018", note="tr\x00asig")]
    )
    before = stored_state()
    with pytest.raises(ImportRejected) as rejected:
        import_file(path)
    (error,) = rejected.value.errors
    assert (error.row, error.column) == (3, "kommentar") and "NUL" in error.reason
    assert stored_state() == before
