"""`lagesbild report`: one county in a chosen format, or every county and the national compilation,
with a clear message for every mistake and nothing half-written."""

import os

import pytest
from django.core.management import CommandError, call_command

from .reading import html_text, pdf_text


def test_the_stockholm_report_is_written_as_pdf(tmp_path, capsys):
    out = tmp_path / "stockholm-2018.pdf"
    call_command("report", "--county", "01", "--year", "2018", "--format", "pdf", "--out", str(out))
    assert "Regional lägesrapport 2018 – Stockholms län" in capsys.readouterr().out
    assert "ökade från 82 procent 2016 till 88 procent 2017" in pdf_text(out.read_bytes())


def test_the_format_follows_the_file_suffix_and_the_county_may_be_named(tmp_path):
    out = tmp_path / "rapport.html"
    call_command("report", "--county", "Stockholms län", "--year", "2018", "--out", str(out))
    assert out.read_bytes().startswith(b"<!doctype html>")


def test_without_out_the_file_gets_the_reports_own_name_in_the_current_folder(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    call_command("report", "--county", "12", "--year", "2018", "--format", "docx")
    assert (tmp_path / "lagesrapport-2018-12-skane-lan.docx").is_file()


def test_all_counties_and_the_national_compilation_are_written_to_a_folder(tmp_path, capsys):
    call_command(
        "report", "--all", "--year", "2018", "--format", "html", "--out", str(tmp_path / "alla")
    )
    files = sorted(p.name for p in (tmp_path / "alla").iterdir())
    assert len(files) == 22 and "lagesrapport-2018-nationell-sammanstallning.html" in files
    assert "22 filer skrevs" in capsys.readouterr().out
    national = html_text(
        (tmp_path / "alla" / "lagesrapport-2018-nationell-sammanstallning.html").read_bytes()
    )
    assert "Norrbottens län" in national and "Gotlands län" in national


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--county", "99"], "okänt län '99'"),
        (["--county", "0181"], "0181 är en kommun (Södertälje); lägesrapporter görs per län"),
        (["--county", "01", "--year", "tjugoarton"], "ogiltigt år 'tjugoarton'"),
        (["--county", "01", "--year", "1899"], "året 1899 ligger utanför 2000–"),
        (["--county", "01", "--format", "odt"], "invalid choice: 'odt'"),
        (["--year", "2018"], "ange antingen --county KOD eller --all"),
        (["--county", "01", "--all"], "ange antingen --county KOD eller --all"),
        (["--county", "01", "--out", "rapport.txt"], "ange --format html, pdf eller docx"),
    ],
)
def test_mistakes_get_a_clear_message(tmp_path, arguments, message):
    if "--year" not in arguments:
        arguments = [*arguments, "--year", "2018"]
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("report", *arguments)


def test_a_folder_that_does_not_exist_is_named_before_any_work_is_done(tmp_path):
    missing = tmp_path / "finns-inte" / "rapport.pdf"
    with pytest.raises(CommandError, match=f"{missing}: mappen {missing.parent} finns inte"):
        call_command("report", "--county", "01", "--year", "2018", "--out", str(missing))


def test_a_folder_given_as_the_output_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="är en mapp; ange ett filnamn"):
        call_command(
            "report", "--county", "01", "--year", "2018", "--format", "pdf", "--out", str(tmp_path)
        )


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_folder_is_refused(tmp_path):
    locked = tmp_path / "låst"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(CommandError, match="skrivskyddad plats"):
            call_command(
                "report", "--county", "01", "--year", "2018", "--out", str(locked / "r.pdf")
            )
    finally:
        locked.chmod(0o700)


def test_all_refuses_an_existing_file_as_its_folder(tmp_path):
    taken = tmp_path / "fil.txt"
    taken.write_text("x")
    with pytest.raises(CommandError, match="är en fil; --all behöver en mapp"):
        call_command("report", "--all", "--year", "2018", "--out", str(taken))


def test_a_folder_that_cannot_be_created_is_named_with_the_reason(tmp_path):
    taken = tmp_path / "fil.txt"
    taken.write_text("x")
    with pytest.raises(CommandError, match="mappen kan inte skapas"):
        call_command("report", "--all", "--year", "2018", "--out", str(taken / "under"))


def test_the_console_script_prints_one_line_and_no_traceback(tmp_path):
    import subprocess
    import sys

    env = {
        **os.environ,
        "LAGESBILD_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    subprocess.run(
        [sys.executable, "-m", "lagesbild", "migrate", "territories"],
        capture_output=True,
        env=env,
        timeout=120,
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "lagesbild",
            "report",
            "--county",
            "99",
            "--year",
            "2018",
            "--format",
            "pdf",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "CommandError: okänt län '99': ange en länskod (01–25) eller ett länsnamn, eller 00 för riket"
    ]
