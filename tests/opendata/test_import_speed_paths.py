"""The fast path of a PostgreSQL import skips the database's own foreign-key checks (every reference
was validated) and holds the referenced rows itself; it leaves the connection checking again."""

from __future__ import annotations

import pytest
from django.db import connection

from lagesbild.indicators.models import Observation
from lagesbild.sources.importing import import_file
from tests.builders import a_row, a_template_csv

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="runs when DATABASE_URL is PostgreSQL"
)


@on_postgres
def test_an_import_leaves_the_foreign_key_checks_on(tmp_path):
    rows = [a_row(territory=code, value="9,4") for code in ("01", "03", "12")]
    summary = import_file(a_template_csv(tmp_path, rows, name="tre-lan.csv"))
    assert summary.created == 3
    with connection.cursor() as cursor:
        cursor.execute("SHOW session_replication_role")
        assert cursor.fetchone()[0] == "origin"
    stored = Observation.objects.filter(batch_id=summary.batch_id)
    assert sorted(stored.values_list("territory_id", flat=True)) == ["01", "03", "12"]


@on_postgres
def test_a_dry_run_also_leaves_them_on(tmp_path):
    import_file(a_template_csv(tmp_path, [a_row()], name="prov.csv"), dry_run=True)
    with connection.cursor() as cursor:
        cursor.execute("SHOW session_replication_role")
        assert cursor.fetchone()[0] == "origin"
