"""A database made by the previous release (tests/fixtures: `lagesbild init`, a county's example
directory, an import, an approval, an analyst's text) upgrades with `lagesbild migrate` and keeps
every row: provenance moved between apps, and catchment approvals learned their areas."""

import gzip
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "release-077acf2.sqlite3.gz"


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        tables = [
            row[0]
            for row in db.execute(
                "select name from sqlite_master where type='table' and name not like 'sqlite_%'"
            )
        ]
        return {
            table: db.execute(f'select count(*) from "{table}"').fetchone()[0] for table in tables
        }


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("upgrade")
    path = folder / "lagesbild.sqlite3"
    with gzip.open(FIXTURE) as packed, path.open("wb") as plain:
        shutil.copyfileobj(packed, plain)
    before = counts(path)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "LAGESBILD_DATA_DIR": str(folder)}
    migrated = subprocess.run(
        [sys.executable, "-m", "lagesbild", "migrate", "--no-input"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert migrated.returncode == 0, migrated.stderr
    return path, before, counts(path)


@pytest.mark.slow
def test_every_row_of_the_previous_release_is_still_there(upgraded):
    _, before, after = upgraded
    grows = {"django_migrations", "django_content_type", "auth_permission"}  # new models add rows
    lost = {
        table: (rows, after.get(table, 0))
        for table, rows in before.items()
        if (after.get(table, 0) < rows if table in grows else after.get(table) != rows)
    }
    assert lost == {}
    assert before["indicators_observation"] > 0 and before["directory_service"] > 0


@pytest.mark.slow
def test_provenance_and_protection_read_the_same_through_the_new_models(upgraded):
    path, _, _ = upgraded
    with sqlite3.connect(path) as db:
        assert db.execute(
            "select app_label from django_content_type where model='importbatch'"
        ).fetchone() == ("indicators",)
        orphans = db.execute(
            "select count(*) from indicators_observation o left join sources_importbatch b "
            "on o.batch_id = b.id where b.id is null"
        ).fetchone()[0]
        assert orphans == 0
        protected = db.execute(
            "select street_address from directory_service where location_confidential"
        ).fetchall()
        assert protected and all(address for (address,) in protected)
        assert db.execute(
            "select areas from directory_catchmentapproval where status='godkand'"
        ).fetchall() == [('["0381"]',)]


@pytest.mark.slow
def test_the_upgrade_counts_the_stored_observations_into_the_new_summary(upgraded):
    path, _, _ = upgraded
    key = "o.indicator_id, t.level, o.period_start, o.period_end, o.sex, o.breakdown, o.is_example"
    with sqlite3.connect(path) as db:
        counted = db.execute(
            f"select {key}, count(*), sum(o.value is not null or o.lower is not null) "
            "from indicators_observation o join territories_territory t on t.code = o.territory_id "
            f"group by {key} order by {key}"
        ).fetchall()
        kept = db.execute(
            "select indicator_id, level, period_start, period_end, sex, breakdown, is_example, "
            "observations, figures from indicators_observationsummary "
            "order by indicator_id, level, period_start, period_end, sex, breakdown, is_example"
        ).fetchall()
        by_level = db.execute(
            "select sum(observations), sum(figures) from indicators_indicatorlevelsummary"
        ).fetchone()
    assert counted and kept == counted
    assert by_level == (sum(row[7] for row in counted), sum(row[8] for row in counted))
