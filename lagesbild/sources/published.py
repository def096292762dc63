"""Published figures shipped with the platform (data/published/), loaded by `lagesbild init` as import
batches with their source; and the import template's example files offered for download."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.http import FileResponse

from lagesbild.indicators.models import BatchKind, ImportBatch

from .importing import import_file
from .records import sha256_of

DATA_DIR = Path(__file__).resolve().parent / "data"
REPORT_2019_6 = (
    "Länsstyrelsen Stockholm, Rapport 2019:6, Att förebygga och bekämpa mäns våld mot kvinnor. "
    "Redovisning av arbetet med uppdrag 62, regleringsbrev 2018"
)


@dataclass(frozen=True)
class PublishedFile:
    path: Path
    source: str


PUBLISHED = [PublishedFile(DATA_DIR / "published" / "rapport-2019-6.csv", REPORT_2019_6)]


def load_published(files: list[PublishedFile] = PUBLISHED) -> list[str]:
    """Imports each published file unless the same file (by checksum) is already loaded."""
    messages = []
    for item in files:
        checksum = sha256_of(item.path)
        if ImportBatch.objects.filter(kind=BatchKind.PUBLISHED, checksum=checksum).exists():
            continue
        summary = import_file(item.path, kind=BatchKind.PUBLISHED, source=item.source)
        messages.append(f"{item.path.name}: {summary.describe()}")
    return messages


TEMPLATE_FILES = {
    "csv": ("importmall-exempel.csv", "text/csv; charset=utf-8"),
    "xlsx": (
        "importmall-exempel.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


def template_file(request, fmt: str):
    """The template's example file, so users start from a valid file."""
    name, content_type = TEMPLATE_FILES[fmt]
    return FileResponse(
        (DATA_DIR / "templates" / name).open("rb"),
        as_attachment=True,
        filename=name,
        content_type=content_type,
    )
