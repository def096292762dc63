"""Two imports at once: on PostgreSQL the second waits for the first (an advisory lock) and then
merges into its rows, so both end cleanly and the data is exactly one file's; an import that waits
too long, or meets a busy SQLite database, is told that another import is running, never a traceback
or the misleading advice to run `lagesbild init`."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lagesbild.sources.importing import IMPORT_LOCK
from tests.builders import a_row, a_template_csv
from tests.security.test_backup_restore import (
    ON_POSTGRES,
    ROOT,
    a_database,
    an_installation,
    database_name,
    lagesbild,
)

pytestmark = pytest.mark.slow
COUNTIES = ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14"]
YEARS = range(2001, 2021)


def a_file(directory: Path, name: str, value: str) -> Path:
    rows = [a_row(territory=c, period=str(y), value=value) for c in COUNTIES for y in YEARS]
    return a_template_csv(directory, rows, name=name)


def start_import(path: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "lagesbild", "import", str(path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_busy_sqlite_database_says_another_import_is_running(tmp_path):
    env = {**an_installation(tmp_path / "data"), "LAGESBILD_SQLITE_BUSY_SECONDS": "1"}
    lagesbild("init", env=env)
    figures = a_file(tmp_path, "siffror.csv", "9,4")
    writer = sqlite3.connect(tmp_path / "data" / "lagesbild.sqlite3")
    writer.execute("BEGIN IMMEDIATE")  # another import holds the database
    try:
        started = time.perf_counter()
        refused = lagesbild("import", str(figures), env=env, check=False)
        waited = time.perf_counter() - started
    finally:
        writer.rollback()
        writer.close()
    assert refused.returncode != 0 and waited >= 1
    assert "en annan import eller ändring pågår" in refused.stderr
    assert "lagesbild init" not in refused.stderr and "Traceback" not in refused.stderr
    done = lagesbild("import", str(figures), env=env)
    assert f"{len(COUNTIES) * len(YEARS)} nya" in done.stdout


postgres_only = pytest.mark.skipif(not ON_POSTGRES, reason="runs when DATABASE_URL is PostgreSQL")


@pytest.fixture(scope="module")
def postgres_installation(tmp_path_factory):
    url = a_database(database_name("imports"))
    env = an_installation(tmp_path_factory.mktemp("imports") / "data", url)
    lagesbild("init", env=env)
    return env, url


def waiting_for_the_lock(connection) -> int:
    return connection.execute(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
    ).fetchone()[0]


@postgres_only
def test_two_overlapping_imports_at_once_both_end_cleanly_and_the_data_is_exact(
    postgres_installation, tmp_path
):
    import psycopg

    env, url = postgres_installation
    first, second = a_file(tmp_path, "forsta.csv", "10"), a_file(tmp_path, "andra.csv", "20")
    with psycopg.connect(url, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", [IMPORT_LOCK])  # as a running import would
        imports = [start_import(first, env), start_import(second, env)]
        deadline = time.monotonic() + 120
        while waiting_for_the_lock(holder) < 2:
            assert time.monotonic() < deadline, "the imports never reached the lock"
            assert all(p.poll() is None for p in imports), [p.communicate() for p in imports]
            time.sleep(0.1)
        holder.execute("SELECT pg_advisory_unlock(%s)", [IMPORT_LOCK])
    results = [p.communicate(timeout=300) + (p.returncode,) for p in imports]
    for _out, err, code in results:
        assert code == 0 and "Traceback" not in err, err
    rows = len(COUNTIES) * len(YEARS)
    assert sorted(out.split("gav")[1].split(",")[0].strip() for out, _e, _c in results) == [
        "0 nya",
        f"{rows} nya",
    ]
    with psycopg.connect(url) as reader:
        values = reader.execute(
            "SELECT value, count(*) FROM indicators_observation o JOIN sources_importbatch b "
            "ON o.batch_id = b.id WHERE b.file_name IN ('forsta.csv', 'andra.csv') GROUP BY value"
        ).fetchall()
        assert len(values) == 1 and values[0][1] == rows, "every row holds the last file's value"
        revisions = reader.execute(
            "SELECT count(*) FROM indicators_observationrevision r JOIN sources_importbatch b "
            "ON r.batch_id = b.id WHERE b.file_name IN ('forsta.csv', 'andra.csv')"
        ).fetchone()[0]
        assert revisions == rows, "the second import recorded what the first had written"


@postgres_only
def test_an_import_that_waits_too_long_is_told_to_try_again(postgres_installation, tmp_path):
    import psycopg

    env, url = postgres_installation
    figures = a_file(tmp_path, "vantar.csv", "30")
    with psycopg.connect(url, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", [IMPORT_LOCK])
        refused = lagesbild(
            "import", str(figures), env={**env, "LAGESBILD_IMPORT_LOCK_SECONDS": "1"}, check=False
        )
        holder.execute("SELECT pg_advisory_unlock(%s)", [IMPORT_LOCK])
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert "en annan import eller ändring pågår" in refused.stderr
    assert "inget sparades" in refused.stderr
