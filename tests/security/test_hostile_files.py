"""Files from outside are not trusted: a zip bomb and a JSON nested 100 000 levels deep are refused
within 2 seconds and 200 MB, a broken sheet inside an XLSX is a clear 400, and nothing is written."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lagesbild.core.errors import FileRejected, ImportRejected
from lagesbild.directory.hsds.importing import import_hsds
from lagesbild.directory.models import Service
from lagesbild.indicators.models import ImportBatch
from lagesbild.sources.importing import import_file
from tests.builders import a_row, a_template_xlsx

MB = 1024 * 1024


class Measured:
    seconds: float
    peak_mb: float


@pytest.fixture
def measure():
    """Time and peak Python memory of what runs inside the block."""

    class Block:
        def __enter__(self):
            self.result = Measured()
            tracemalloc.start()
            self.started = time.perf_counter()
            return self.result

        def __exit__(self, *exc):
            self.result.seconds = time.perf_counter() - self.started
            self.result.peak_mb = tracemalloc.get_traced_memory()[1] / MB
            tracemalloc.stop()
            return False

    return Block


def a_zip_bomb(path, member="tjanster.json", megabytes=300, extra=None):
    """A small file whose member expands to `megabytes` MB of blanks."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
        with archive.open(member, "w", force_zip64=True) as handle:
            block = b" " * MB
            for _ in range(megabytes):
                handle.write(block)
    return path


def test_an_hsds_zip_bomb_is_refused_quickly_and_in_little_memory(tmp_path, measure):
    bomb = a_zip_bomb(tmp_path / "tjanster.zip")
    assert bomb.stat().st_size < 2 * MB
    with measure() as used, pytest.raises(FileRejected, match="packas upp till 300 MB"):
        import_hsds(bomb)  # refused before anything is read
    assert used.seconds < 2 and used.peak_mb < 200
    assert not Service.objects.exists()


def test_an_xlsx_bomb_is_refused_quickly_and_in_little_memory(tmp_path, measure):
    workbook = a_template_xlsx(tmp_path, [a_row()])
    with zipfile.ZipFile(workbook) as original:
        members = {item.filename: original.read(item.filename) for item in original.infolist()}
    bomb = a_zip_bomb(tmp_path / "bomb.xlsx", member="xl/media/bild.bin", extra=members)
    batches = ImportBatch.objects.count()
    with measure() as used, pytest.raises(ImportRejected, match="LAGESBILD_MAX_UNCOMPRESSED_MB"):
        import_file(bomb)
    assert used.seconds < 2 and used.peak_mb < 200
    assert ImportBatch.objects.count() == batches


def deep_json(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_json_nested_100000_deep_is_refused_quickly_and_in_little_memory(tmp_path, measure):
    deep = tmp_path / "djup.json"
    deep.write_text(deep_json(100_000), encoding="utf-8")
    with measure() as used, pytest.raises(FileRejected, match="LAGESBILD_MAX_JSON_DEPTH"):
        import_hsds(deep)
    assert used.seconds < 2 and used.peak_mb < 200


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("djup.json", '{"contents": ' + deep_json(65) + "}"),
        ("rader.ndjson", '{"id": 1}\n' + deep_json(5000) + "\n"),
    ],
)
def test_json_deeper_than_the_limit_is_refused_with_file_and_row(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileRejected) as refused:
        import_hsds(path)
    assert refused.value.error.file == name
    assert "djupare än 64 nivåer" in refused.value.error.reason
    if name.endswith(".ndjson"):
        assert refused.value.error.row == 2


def test_the_command_line_tells_a_deep_json_without_a_traceback(tmp_path):
    deep = tmp_path / "djup.json"
    deep.write_text(deep_json(100_000), encoding="utf-8")
    with pytest.raises(CommandError, match="djupare än 64 nivåer"):
        call_command("directory", "import", str(deep), "--county", "01")


def a_zip_with_a_deep_json(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("tjanster.json", deep_json(100_000))
    return path


def test_a_deep_json_inside_a_zip_is_refused_too(tmp_path):
    with pytest.raises(FileRejected, match="djupare än 64 nivåer"):
        import_hsds(a_zip_with_a_deep_json(tmp_path / "tjanster.zip"))


def rewritten(source, target, member, change):
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            new.writestr(item, change(data) if item.filename == member else data)
    return target


@pytest.mark.parametrize(
    ("member", "change"),
    [
        ("xl/worksheets/sheet1.xml", lambda data: b"det har ar ingen XML"),
        ("xl/worksheets/sheet1.xml", lambda data: data[: len(data) // 2]),
        ("xl/worksheets/sheet1.xml", lambda data: b""),
        ("xl/workbook.xml", lambda data: data.replace(b"sheet", b"blad")),
    ],
    ids=["not-xml", "truncated", "empty", "no-sheet"],
)
def test_a_broken_sheet_inside_an_xlsx_is_a_clear_400_on_the_import_page(
    client, stockholm_editor, tmp_path, member, change
):
    workbook = a_template_xlsx(tmp_path, [a_row(), a_row(period="2020")])
    broken = rewritten(workbook, tmp_path / "trasig.xlsx", member, change)
    batches = ImportBatch.objects.count()
    client.force_login(stockholm_editor)
    with broken.open("rb") as upload:
        answer = client.post("/data/importera/", {"file": upload})
    assert answer.status_code == 400
    assert "trasig.xlsx" in answer.content.decode()
    assert ImportBatch.objects.count() == batches


def test_a_file_that_is_not_a_zip_is_refused_as_excel(tmp_path):
    fake = tmp_path / "inte.xlsx"
    fake.write_bytes(io.BytesIO(b"PK\x03\x04 men inget mer").getvalue())
    with pytest.raises(ImportRejected, match="ingen giltig Excel"):
        import_file(fake)
