"""A backup holds everything, protected addresses and history included, and a restore gives back
exactly the database that was backed up: every table, row for row, on SQLite and on PostgreSQL and
between them (the move from SQLite to PostgreSQL), without adding a single history record."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = DATABASE_URL.startswith(("postgres://", "postgresql://"))

pytestmark = pytest.mark.slow


def lagesbild(*args, env, check=True):
    done = subprocess.run(
        [sys.executable, "-m", "lagesbild", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    if check:
        assert done.returncode == 0, done.stderr[-3000:]
    return done


def an_installation(data_dir: Path, database_url: str | None = None) -> dict:
    unset = ("DATABASE_URL", "LAGESBILD_HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE", "LAGESBILD_SECRET_KEY")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env["LAGESBILD_DATA_DIR"] = str(data_dir)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def contents_of(env, out: Path) -> dict:
    lagesbild(
        "shell",
        "-c",
        f"from tests.security.backup_contents import write_contents; write_contents({str(out)!r})",
        env=env,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def tokens_of(env) -> str:
    shown = lagesbild(
        "shell",
        "-c",
        "from lagesbild.core.versioning import versions; print(sorted(versions().items()))",
        env=env,
    )
    return shown.stdout.strip().splitlines()[-1]


def a_filled_installation(data_dir: Path, database_url: str | None = None) -> dict:
    env = an_installation(data_dir, database_url)
    lagesbild("init", env=env)
    lagesbild("shell", "-c", "from tests.security.backup_contents import fill; fill()", env=env)
    return env


def assert_same_tables(restored: dict, original: dict) -> None:
    assert restored.keys() == original.keys()
    differing = [table for table in original if restored[table] != original[table]]
    assert differing == [], f"tables that differ after the restore: {differing}"


def assert_holds_everything(contents: dict) -> None:
    kept = {table for table, rows in contents.items() if rows}
    for table in (
        "directory_service",
        "directory_historicalservice",
        "directory_catchmentapproval",
        "surveys_invitation",
        "surveys_publishedshare",
        "reports_commentary",
        "sources_importbatch",
        "indicators_observationrevision",
        "accounts_historicalmembership",
        "axes_accessattempt",
        "django_session",
    ):
        assert table in kept, f"the database under test lacks {table}"
    assert any("Hemliga vägen 7" in row for row in contents["directory_service"])


@pytest.fixture(scope="module")
def sqlite_source(tmp_path_factory):
    directory = tmp_path_factory.mktemp("source")
    env = a_filled_installation(directory / "data")
    return env, contents_of(env, directory / "contents.json"), directory


@pytest.mark.parametrize("fmt", ["sqlite", "portable"])
def test_a_sqlite_backup_restores_every_table_exactly(sqlite_source, tmp_path, fmt):
    source_env, original, _ = sqlite_source
    assert_holds_everything(original)
    backup = tmp_path / f"kopia-{fmt}"
    made = lagesbild("backup", "--out", str(backup), "--format", fmt, env=source_env)
    assert "skyddade adresser" in made.stdout
    assert oct(backup.stat().st_mode & 0o777) == "0o600"

    target = an_installation(tmp_path / "restored")
    lagesbild("restore", str(backup), "--yes", env=target)
    assert_same_tables(contents_of(target, tmp_path / "after.json"), original)
    assert tokens_of(target) != tokens_of(source_env), "every content area gets a new version"


def test_the_backup_is_consistent_while_the_database_is_written(sqlite_source, tmp_path):
    """SQLite's online backup copies a consistent state although a writer holds the database."""
    source_env, original, _ = sqlite_source
    writer = sqlite3.connect(Path(source_env["LAGESBILD_DATA_DIR"]) / "lagesbild.sqlite3")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE directory_service SET name = name || ' (ändras)'")
    try:
        backup = tmp_path / "under-skrivning.sqlite3"
        lagesbild("backup", "--out", str(backup), env=source_env)
    finally:
        writer.rollback()
        writer.close()
    target = an_installation(tmp_path / "restored")
    lagesbild("restore", str(backup), "--yes", env=target)
    assert_same_tables(contents_of(target, tmp_path / "after.json"), original)


def test_restore_asks_before_replacing_and_refuses_what_is_not_a_backup(tmp_path):
    target = an_installation(tmp_path / "data")
    lagesbild("init", env=target)
    not_a_backup = tmp_path / "anteckningar.txt"
    not_a_backup.write_text("hej", encoding="utf-8")
    refused = lagesbild("restore", str(not_a_backup), "--yes", env=target, check=False)
    assert refused.returncode != 0 and "ingen säkerhetskopia" in refused.stderr
    assert "Traceback" not in refused.stderr
    unconfirmed = lagesbild("restore", str(not_a_backup), env=target, check=False)
    assert unconfirmed.returncode != 0 and "--yes" in unconfirmed.stderr


# --- PostgreSQL ----------------------------------------------------------------------------------


def a_database(name: str) -> str:
    """A new, empty PostgreSQL database beside the one the suite runs on."""
    import psycopg

    parts = urlsplit(DATABASE_URL)
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def database_name(suffix: str) -> str:
    return f"{urlsplit(DATABASE_URL).path.strip('/') or 'lagesbild'}_backup_{suffix}"


postgres_only = pytest.mark.skipif(not ON_POSTGRES, reason="runs when DATABASE_URL is PostgreSQL")


@pytest.fixture(scope="module")
def postgres_source(tmp_path_factory):
    directory = tmp_path_factory.mktemp("pgsource")
    env = a_filled_installation(directory / "data", a_database(database_name("source")))
    return env, contents_of(env, directory / "contents.json")


@postgres_only
@pytest.mark.parametrize("fmt", ["postgres", "portable"])
def test_a_postgresql_backup_restores_every_table_exactly(postgres_source, tmp_path, fmt):
    source_env, original = postgres_source
    assert_holds_everything(original)
    backup = tmp_path / f"kopia-{fmt}"
    lagesbild("backup", "--out", str(backup), "--format", fmt, env=source_env)
    target = an_installation(tmp_path / "data", a_database(database_name("target")))
    lagesbild("restore", str(backup), "--yes", env=target)
    assert_same_tables(contents_of(target, tmp_path / "after.json"), original)


@postgres_only
def test_without_pg_dump_postgresql_falls_back_to_the_portable_format(postgres_source, tmp_path):
    source_env, _original = postgres_source
    without = {**source_env, "PATH": str(Path(sys.executable).parent)}
    backup = tmp_path / "kopia"
    made = lagesbild("backup", "--out", str(backup), env=without)
    assert "(portable," in made.stdout


@postgres_only
def test_an_installation_moves_from_sqlite_to_postgresql_and_back(sqlite_source, tmp_path):
    source_env, original, _ = sqlite_source
    backup = tmp_path / "lagesbild.sqlite3"
    lagesbild("backup", "--out", str(backup), env=source_env)
    on_postgres = an_installation(tmp_path / "pg", a_database(database_name("moved")))
    lagesbild("restore", str(backup), "--yes", env=on_postgres)
    assert_same_tables(contents_of(on_postgres, tmp_path / "pg.json"), original)

    portable = tmp_path / "tillbaka.lbk"
    lagesbild("backup", "--out", str(portable), "--format", "portable", env=on_postgres)
    back_on_sqlite = an_installation(tmp_path / "sqlite")
    lagesbild("restore", str(portable), "--yes", env=back_on_sqlite)
    assert_same_tables(contents_of(back_on_sqlite, tmp_path / "back.json"), original)
