"""`lagesbild init`: database schema, reference data and the published figures, idempotently."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from lagesbild.indicators.catalogue import sync_catalogue
from lagesbild.sources.importing import import_file
from lagesbild.sources.models import BatchKind, ImportBatch
from lagesbild.sources.records import sha256_of
from lagesbild.territories.reference import load_territories

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
REPORT_2019_6 = (
    "Länsstyrelsen Stockholm, Rapport 2019:6, Att förebygga och bekämpa mäns våld mot kvinnor. "
    "Redovisning av arbetet med uppdrag 62, regleringsbrev 2018"
)


@dataclass(frozen=True)
class PublishedFile:
    path: Path
    source: str


PUBLISHED = [PublishedFile(DATA_DIR / "published" / "rapport-2019-6.csv", REPORT_2019_6)]


def needs_migration() -> bool:
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


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


def initialise(verbosity: int = 1) -> list[str]:
    """Brings the database up to date; returns what changed, one line per step."""
    messages = []
    if needs_migration():
        call_command("migrate", interactive=False, verbosity=0)
        messages.append("databasen skapad eller uppdaterad")
    if changed := load_territories():
        messages.append(f"{changed} territorier inlästa eller rättade")
    if changed := sync_catalogue():
        messages.append(f"{changed} målsättningar och indikatorer inlästa eller ändrade")
    messages += load_published()
    from lagesbild.surveys.shipped import load_county_registers  # surveys, activities, publications

    messages += load_county_registers()
    return messages
