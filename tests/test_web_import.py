"""County analysts import their figures in the browser; each only for their own county."""

from django.core.files.uploadedfile import SimpleUploadedFile

from lagesbild.indicators.models import ImportBatch, Observation

from .builders import a_row, a_template_csv


def upload(client, path, *, dry_run: bool, source: str = ""):
    data = {"file": SimpleUploadedFile(path.name, path.read_bytes()), "source": source}
    if dry_run:
        data["dry_run"] = "on"
    return client.post("/data/importera/", data)


def test_a_stockholm_editor_previews_then_imports_figures_for_stockholm(
    client, stockholm_editor, tmp_path
):
    client.force_login(stockholm_editor)
    path = a_template_csv(
        tmp_path,
        [
            a_row(value="9,4"),
            a_row(territory="Södertälje", indicator="dodligt-vald", sex="T", value="2"),
        ],
        name="stockholm-2019.csv",
    )
    Observation.objects.get(
        indicator_id="dodligt-vald", territory_id="01", period_start=2016
    )  # the published figure
    preview = upload(client, path, dry_run=True)
    assert preview.status_code == 400  # dödligt våld cannot be read at kommun level
    assert (
        "stockholm-2019.csv" in preview.content.decode()
        and "kommunnivå" in preview.content.decode()
    )
    path = a_template_csv(
        tmp_path, [a_row(value="9,4"), a_row(sex="M", value="8,8")], name="stockholm-2019.csv"
    )
    preview = upload(client, path, dry_run=True)
    assert preview.status_code == 200 and "Provkörning – inget sparades" in preview.content.decode()
    assert not Observation.objects.filter(
        indicator_id="ntu-hot", period_start=2019, batch__kind="template"
    ).exists()
    saved = upload(client, path, dry_run=False, source="NTU lokal 2020, länsrapport")
    assert saved.status_code == 200 and "Importen är sparad" in saved.content.decode()
    batch = ImportBatch.objects.get(file_name="stockholm-2019.csv")
    assert (batch.user, batch.source, batch.created) == (
        stockholm_editor,
        "NTU lokal 2020, länsrapport",
        2,
    )


def test_a_skane_editor_cannot_import_figures_for_stockholm(client, skane_editor, tmp_path):
    client.force_login(skane_editor)
    path = a_template_csv(
        tmp_path, [a_row(territory="12", value="7,0"), a_row(territory="01", sex="M", value="8,8")]
    )
    response = upload(client, path, dry_run=False)
    page = response.content.decode()
    assert response.status_code == 400 and "Filen avvisades – inget sparades" in page
    assert "Stockholms län ligger utanför länet du får importera för (12)" in page
    assert not Observation.objects.filter(
        indicator_id="ntu-hot", period_start=2019, batch__kind="template"
    ).exists()


def test_the_national_coordinator_imports_for_any_county(client, national_admin, tmp_path):
    client.force_login(national_admin)
    path = a_template_csv(tmp_path, [a_row(territory="12"), a_row(territory="01", sex="M")])
    assert upload(client, path, dry_run=False).status_code == 200
    assert (
        Observation.objects.filter(
            indicator_id="ntu-hot", period_start=2019, batch__kind="template"
        ).count()
        == 2
    )


def test_others_may_not_import(client, municipal_respondent, anonymous_visitor, tmp_path):
    assert anonymous_visitor.get("/data/importera/").status_code == 302
    client.force_login(municipal_respondent)
    assert client.get("/data/importera/").status_code == 403


def test_a_file_that_is_not_a_spreadsheet_is_refused_by_the_form(client, stockholm_editor):
    client.force_login(stockholm_editor)
    response = client.post(
        "/data/importera/", {"file": SimpleUploadedFile("rapport.pdf", b"%PDF-1.4")}
    )
    assert (
        response.status_code == 400
        and "CSV (.csv) eller Excel (.xlsx)" in response.content.decode()
    )


def test_a_stockholm_editor_sees_the_import_form_like_the_other_editor_forms(
    client, stockholm_editor
):
    client.force_login(stockholm_editor)
    page = client.get("/data/importera/").content.decode()
    assert "Du kan importera för Stockholms län och dess kommuner." in page
    assert "län 01" not in page
    assert '<label for="id_file">Fil (CSV eller XLSX enligt importmallen)</label>' in page
    assert "importmallen):</label>" not in page and 'href="/static/sources/import.css"' in page
    refused = client.post("/data/importera/", {"source": "Enkät"}).content.decode()
    summary = refused.split('<div class="error-summary" role="alert"', 1)[1].split("</div>", 1)[0]
    assert "Rätta det här först" in summary and "Inget importerades." in summary
    assert '<a href="#id_file">Fil (CSV eller XLSX enligt importmallen): ' in summary
    english = client.get("/en/data/importera/").content.decode()
    assert "You may import for Stockholms län and its municipalities." in english


def test_an_editors_recent_imports_group_the_thousands(client, stockholm_editor):
    ImportBatch.objects.create(
        kind="template", source="Enkät", file_name="stor.csv", rows=78120, user=stockholm_editor
    )
    client.force_login(stockholm_editor)
    assert "stor.csv: 78\u00a0120 rader" in client.get("/data/importera/").content.decode()


def test_the_workspace_lists_what_an_editor_can_do(client, stockholm_editor):
    client.force_login(stockholm_editor)
    page = client.get("/arbetsyta/").content.decode()
    assert "Stockholms län" in page and "/data/importera/" in page


def test_the_import_template_can_be_downloaded_in_both_formats(anonymous_visitor):
    csv_file = anonymous_visitor.get("/mall/importmall.csv")
    assert csv_file.status_code == 200 and b"ntu-sexualbrott;01;2017;K;;11,7" in b"".join(
        csv_file.streaming_content
    )
    assert anonymous_visitor.get("/mall/importmall.xlsx")["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )
    assert anonymous_visitor.get("/mall/importmall.pdf").status_code == 404
