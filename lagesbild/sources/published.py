"""Published figures shipped with the platform (data/published/), loaded by `lagesbild init` as import
batches with their source; and the import template's example files offered for download.

A published-figure file is the import template with four more columns naming where each figure was
published: `utgivare` (publisher), `titel` (title), `adress` (address) and `citat` (the sentence or
table cell quoted). Each source page becomes one import batch (its source "publisher, title", its
address as the batch's address); each figure's note keeps the file's comment and adds the quote and
the address, so every export and API answer shows them. A file is loaded all or nothing, and only
once: a file already loaded (same checksum) is skipped, a changed file is loaded again in place."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.http import FileResponse

from lagesbild.core.errors import FileRejected, ImportRejected, RowError
from lagesbild.indicators.models import BatchKind, ImportBatch

from .importing import BatchInfo, ImportSummary, import_records
from .records import Record, map_headers, sha256_of

DATA_DIR = Path(__file__).resolve().parent / "data"
PUBLISHED_DIR = DATA_DIR / "published"
REPORT_2019_6 = (
    "Länsstyrelsen Stockholm, Rapport 2019:6, Att förebygga och bekämpa mäns våld mot kvinnor. "
    "Redovisning av arbetet med uppdrag 62, regleringsbrev 2018"
)
SOURCE_COLUMNS = {"utgivare": "publisher", "titel": "title", "adress": "url", "citat": "quote"}


@dataclass(frozen=True)
class Source:
    publisher: str
    title: str
    url: str

    @property
    def label(self) -> str:
        return f"{self.publisher}, {self.title}"


def published_files() -> list[Path]:
    return sorted(PUBLISHED_DIR.glob("*.csv"))


def figure_note(comment: str, quote: str, url: str) -> str:
    """The note every figure carries: the file's comment, then the quote and where it stands."""
    parts = [comment.strip()] if comment.strip() else []
    parts.append(f'Citat: "{quote.strip()}"')
    parts.append(f"Adress: {url.strip()}")
    return " ".join(parts)


def read_published(path: Path) -> dict[Source, list[Record]]:
    """The file's figures as template records grouped by the page they were published on.

    Every row must name its publisher, title, address and quote; a row that does not is an error
    of the file, reported with its line like any other."""
    name = path.name
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        try:
            headers = next(reader)
        except StopIteration:
            raise FileRejected(RowError(name, 0, "", "filen är tom")) from None
        source_index = {
            SOURCE_COLUMNS[h.strip().casefold()]: i
            for i, h in enumerate(headers)
            if h.strip().casefold() in SOURCE_COLUMNS
        }
        missing = [c for c, f in SOURCE_COLUMNS.items() if f not in source_index]
        if missing:
            raise FileRejected(RowError(name, 1, missing[0], "obligatorisk källkolumn saknas"))
        template = map_headers(
            name, [h if i not in source_index.values() else "" for i, h in enumerate(headers)]
        )
        columns = {field: headers[i].strip() for i, field in template.items()}
        groups: dict[Source, list[Record]] = {}
        problems: list[RowError] = []
        for cells in reader:
            line = reader.line_num
            if not "".join(cells).strip():
                continue
            if len(cells) != len(headers):
                problems.append(
                    RowError(
                        name,
                        line,
                        "",
                        f"raden har {len(cells)} fält men rubrikraden {len(headers)}",
                    )
                )
                continue
            source = {field: cells[i].strip() for field, i in source_index.items()}
            empty = [c for c, f in SOURCE_COLUMNS.items() if not source[f]]
            if empty:
                problems += [RowError(name, line, c, "källan måste anges") for c in empty]
                continue
            values = {field: cells[i] for i, field in template.items()}
            values["note"] = figure_note(values.get("note") or "", source["quote"], source["url"])
            key = Source(source["publisher"], source["title"], source["url"])
            groups.setdefault(key, []).append(Record(line, values, columns))
    if problems:
        raise ImportRejected(problems)
    return groups


@transaction.atomic
def import_published(path: Path, *, dry_run: bool = False) -> list[ImportSummary]:
    """Imports one published file, one batch per source page; all of it or, on any error, none."""
    checksum = sha256_of(path)
    summaries = []
    for source, records in read_published(path).items():
        info = BatchInfo(
            kind=BatchKind.PUBLISHED,
            source=source.label,
            file_name=path.name,
            url=source.url,
            checksum=checksum,
            parameters={"publisher": source.publisher, "title": source.title},
        )
        summaries.append(import_records(records, info, file_name=path.name, dry_run=dry_run))
    return summaries


def load_published(files: list[Path] | None = None) -> list[str]:
    """Imports each published file unless the same file (by checksum) is already loaded."""
    messages = []
    for path in published_files() if files is None else files:
        checksum = sha256_of(path)
        if ImportBatch.objects.filter(kind=BatchKind.PUBLISHED, checksum=checksum).exists():
            continue
        summaries = import_published(path)
        total = ImportSummary(
            rows=sum(s.rows for s in summaries),
            created=sum(s.created for s in summaries),
            updated=sum(s.updated for s in summaries),
            unchanged=sum(s.unchanged for s in summaries),
        )
        sources = f"{len(summaries)} {'källa' if len(summaries) == 1 else 'källor'}"
        messages.append(f"{path.name}: {sources}, {total.describe()}")
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
