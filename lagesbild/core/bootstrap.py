"""`lagesbild init` and `serve`: the database schema, then every app's bundled data, idempotently."""

from __future__ import annotations

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from .bundled import load_all


def needs_migration() -> bool:
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def initialise() -> list[str]:
    """Brings the database up to date; returns what changed, one line per step."""
    messages = []
    if needs_migration():
        call_command("migrate", interactive=False, verbosity=0)
        messages.append("databasen skapad eller uppdaterad")
    return messages + load_all()
