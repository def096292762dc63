"""Backing up and restoring the whole database, protected addresses and history included.

Three formats, recognised by their first bytes when restoring:
- SQLite: a copy of the database file made with SQLite's online backup API, consistent even while
  the platform is running and writing;
- PostgreSQL: `pg_dump`'s custom format, restored with `pg_restore`, when those programs are installed;
- portable: every row of every table as gzipped JSON lines, readable into either engine. It is what
  moves an installation from SQLite to PostgreSQL, and what PostgreSQL falls back to without pg_dump.
  Rows go in as they were stored: no model signal runs, so no history record is added (unlike
  `loaddata`, whose many-to-many saves replay django-simple-history and multiply the history) and
  every primary key, time stamp and content type stays as it was.

After any restore every content area gets a new version token, so no cache serves the old content."""

from __future__ import annotations

import base64
import datetime
import decimal
import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections, transaction
from django.utils import timezone
from django.utils.duration import duration_iso_string

from .errors import UserError

SQLITE, POSTGRES, PORTABLE = "sqlite", "postgres", "portable"
FORMATS = (SQLITE, POSTGRES, PORTABLE)
PORTABLE_MAGIC = "lagesbild-portable-backup"
PORTABLE_VERSION = 1
CHUNK = 2000


class BackupError(UserError):
    heading = "Säkerhetskopieringen eller återläsningen misslyckades."


# --- Which engine, which format --------------------------------------------------------------------


def vendor(using: str = "default") -> str:
    return connections[using].vendor


def default_format(using: str = "default") -> str:
    engine = vendor(using)
    if engine == "sqlite":
        return SQLITE
    if engine == "postgresql" and shutil.which("pg_dump") and shutil.which("pg_restore"):
        return POSTGRES
    return PORTABLE


def format_of_file(path: Path) -> str:
    with Path(path).open("rb") as handle:
        head = handle.read(16)
    if head.startswith(b"SQLite format 3\x00"):
        return SQLITE
    if head.startswith(b"PGDMP"):
        return POSTGRES
    if head.startswith(b"\x1f\x8b"):
        return PORTABLE
    raise BackupError(
        f"{path}: filen är ingen säkerhetskopia från Lägesbild (varken SQLite, pg_dump eller portabel)"
    )


# --- Backup ----------------------------------------------------------------------------------------


def backup(out: Path, fmt: str | None = None, using: str = "default") -> str:
    """Writes a backup of the database to `out` (replacing it only when the backup is complete)."""
    out = Path(out)
    fmt = fmt or default_format(using)
    if fmt == SQLITE and vendor(using) != "sqlite":
        raise BackupError("formatet sqlite gäller bara en SQLite-databas; använd portable")
    if fmt == POSTGRES and vendor(using) != "postgresql":
        raise BackupError("formatet postgres gäller bara PostgreSQL; använd portable")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    try:
        if fmt == SQLITE:
            _sqlite_backup(partial, using)
        elif fmt == POSTGRES:
            _pg_dump(partial, using)
        else:
            with gzip.open(partial, "wt", encoding="utf-8") as handle:
                for line in portable_lines(using):
                    handle.write(line + "\n")
        os.chmod(partial, 0o600)  # protected addresses: readable by the owner only
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return fmt


def _sqlite_backup(out: Path, using: str) -> None:
    connection = connections[using]
    connection.ensure_connection()
    target = sqlite3.connect(out)
    try:
        connection.connection.backup(target)
        problem = target.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        target.close()
    if problem != "ok":
        raise BackupError(f"kopian klarade inte SQLites kontroll: {problem}")


def _pg_environment(using: str) -> tuple[dict, str]:
    settings = connections[using].settings_dict
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings.get(key):
            env[name] = str(settings[key])
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    return env, settings["NAME"]


def _run(command: list[str], env: dict) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(
            f"{command[0]} misslyckades: {done.stderr.strip() or done.stdout.strip()}\n"
            "Med --format portable behövs inga PostgreSQL-program."
        )


def _pg_dump(out: Path, using: str) -> None:
    env, name = _pg_environment(using)
    _run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={out}", name],
        env,
    )


# --- The portable format ---------------------------------------------------------------------------


def stored_models():
    """Every model with a table of its own (many-to-many tables and history included), once each."""
    seen, found = set(), []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen:
            continue
        seen.add(meta.db_table)
        found.append(model)
    return sorted(found, key=lambda m: m._meta.db_table)


def applied_migrations(using: str = "default") -> list[list[str]]:
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [list(row) for row in cursor.fetchall()]


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"{type(value).__name__} cannot be written to a portable backup")


def portable_lines(using: str = "default") -> Iterator[str]:
    yield json.dumps(
        {
            "format": PORTABLE_MAGIC,
            "version": PORTABLE_VERSION,
            "created": timezone.now().isoformat(),
            "engine": vendor(using),
            "migrations": applied_migrations(using),
        }
    )
    for model in stored_models():
        columns = [field.attname for field in model._meta.concrete_fields]
        yield json.dumps({"table": model._meta.db_table, "columns": columns})
        rows = model._base_manager.using(using).order_by("pk").values_list(*columns)
        for row in rows.iterator(chunk_size=CHUNK):
            yield json.dumps(row, default=_plain, ensure_ascii=False)


def read_portable(path: Path) -> tuple[dict, Iterator[tuple[str, list[str], list]]]:
    handle = gzip.open(path, "rt", encoding="utf-8")  # noqa: SIM115 (closed by tables())
    try:
        header = json.loads(handle.readline() or "{}")
    except (OSError, EOFError, json.JSONDecodeError, UnicodeDecodeError) as error:
        handle.close()
        raise BackupError(f"{path}: kan inte läsas som portabel säkerhetskopia: {error}") from None
    if header.get("format") != PORTABLE_MAGIC or header.get("version") != PORTABLE_VERSION:
        handle.close()
        raise BackupError(f"{path}: ingen portabel säkerhetskopia från Lägesbild (version 1)")

    def tables():
        table, columns, rows = None, [], []
        with handle:
            try:
                for line in handle:
                    item = json.loads(line)
                    if isinstance(item, dict):
                        if table is not None:
                            yield table, columns, rows
                        table, columns, rows = item["table"], item["columns"], []
                    else:
                        rows.append(item)
            except (OSError, EOFError, json.JSONDecodeError) as error:
                raise BackupError(f"{path}: filen är trasig eller avkortad ({error})") from None
        if table is not None:
            yield table, columns, rows

    return header, tables()


@contextmanager
def _stored_times_kept():
    """bulk_create would stamp auto_now and auto_now_add fields with the present time."""
    changed = []
    for model in stored_models():
        for field in model._meta.concrete_fields:
            for flag in ("auto_now", "auto_now_add"):
                if getattr(field, flag, False):
                    setattr(field, flag, False)
                    changed.append((field, flag))
    try:
        yield
    finally:
        for field, flag in changed:
            setattr(field, flag, True)


def load_portable(path: Path, using: str = "default") -> int:
    """Replaces every table's rows with the backup's. Returns the number of rows read."""
    header, tables = read_portable(path)
    here = applied_migrations(using)
    if header["migrations"] != here:
        theirs, ours = {tuple(m) for m in header["migrations"]}, {tuple(m) for m in here}
        newer = sorted(theirs - ours)
        older = sorted(ours - theirs)
        raise BackupError(
            "Säkerhetskopian kommer från en annan version av Lägesbild"
            + (f"; den har migreringar som saknas här: {newer[:5]}" if newer else "")
            + (f"; här finns migreringar som den saknar: {older[:5]}" if older else "")
            + ". Läs tillbaka den med samma version som gjorde den."
        )
    by_table = {model._meta.db_table: model for model in stored_models()}
    connection = connections[using]
    total = 0
    with transaction.atomic(using=using), _stored_times_kept():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table in by_table:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
        for table, columns, rows in tables:
            model = by_table.get(table)
            if model is None:
                raise BackupError(f"tabellen {table} finns inte i den här versionen av Lägesbild")
            fields = [model._meta.get_field(_field_name(model, c)) for c in columns]
            objects = [
                model(**{f.attname: f.to_python(v) for f, v in zip(fields, row)}) for row in rows
            ]
            model._base_manager.using(using).bulk_create(objects, batch_size=500)
            total += len(objects)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(
                    no_style(), list(by_table.values())
                ):
                    cursor.execute(statement)
    return total


def _field_name(model, attname: str) -> str:
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return field.name
    raise BackupError(f"kolumnen {attname} i {model._meta.db_table} finns inte i den här versionen")


# --- Restore ---------------------------------------------------------------------------------------


def restore(path: Path, using: str = "default") -> str:
    """Replaces the database's content with the backup's; returns the backup's format."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: filen finns inte")
    fmt = format_of_file(path)
    engine = vendor(using)
    if fmt == SQLITE and engine == "sqlite":
        _sqlite_restore(path, using)
    elif fmt == SQLITE:
        _load_other_database(path, using)
    elif fmt == POSTGRES:
        if engine != "postgresql":
            raise BackupError(
                "en pg_dump-kopia kan bara läsas tillbaka i PostgreSQL; gör en portabel kopia "
                "(lagesbild backup --format portable) för att flytta till SQLite"
            )
        _pg_restore(path, using)
    else:
        call_command("migrate", verbosity=0, interactive=False, database=using)
        load_portable(path, using)
    _after_restore(using)
    return fmt


def _sqlite_restore(path: Path, using: str) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(f"{path}: SQLite-filen är skadad")
        if not source.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'django_migrations'"
        ).fetchone():
            raise BackupError(f"{path}: SQLite-filen är ingen databas från Lägesbild")
        connection = connections[using]
        connection.ensure_connection()
        source.backup(connection.connection)
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path}: {error}") from None
    finally:
        source.close()
    # A backup from an earlier version is brought up to this version's tables.
    call_command("migrate", verbosity=0, interactive=False, database=using)


def _load_other_database(path: Path, using: str) -> None:
    """An SQLite backup read into PostgreSQL: through the portable format, so it is one move."""
    alias = "lagesbild_backup_source"
    connections.settings[alias] = {
        **connections.settings[using],
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {},
        "CONN_MAX_AGE": 0,
    }
    try:
        call_command("migrate", verbosity=0, interactive=False, database=using)
        with tempfile.TemporaryDirectory() as directory:
            copy = Path(directory) / "database.sqlite3"
            shutil.copyfile(path, copy)  # migrations may run on it; the backup stays as it was
            connections.settings[alias]["NAME"] = str(copy)
            call_command("migrate", verbosity=0, interactive=False, database=alias)
            portable = Path(directory) / "portable.jsonl.gz"
            with gzip.open(portable, "wt", encoding="utf-8") as handle:
                for line in portable_lines(alias):
                    handle.write(line + "\n")
            connections[alias].close()
            load_portable(portable, using)
    finally:
        if alias in connections:
            connections[alias].close()
            del connections[alias]
        connections.settings.pop(alias, None)


def _pg_restore(path: Path, using: str) -> None:
    connections[using].close()
    env, name = _pg_environment(using)
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            f"--dbname={name}",
            str(path),
        ],
        env,
    )
    call_command("migrate", verbosity=0, interactive=False, database=using)


def _after_restore(using: str) -> None:
    from .versioning import ALL_AREAS, bump, clear_caches

    with transaction.atomic(using=using):
        bump(*ALL_AREAS)
    clear_caches()
