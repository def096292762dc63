"""The one validated, all-or-nothing path by which observations enter the database.

Every importer (the template, published figures, example data, Kolada, PxWeb, ÖJ, Brå, surveys)
turns its input into `Record`s and calls `import_records`. Nothing is written unless every record
is valid: the whole import runs in one transaction that is rolled back on any error, and on
`dry_run`.
"""

from __future__ import annotations

import gc
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, OperationalError, connection, transaction
from django.utils import timezone

from lagesbild.core.errors import FileRejected, ImportRejected, RowError
from lagesbild.core.models import Area
from lagesbild.core.versioning import bump
from lagesbild.indicators import parsing, summaries
from lagesbild.indicators.models import (
    BatchKind,
    ImportBatch,
    Indicator,
    Observation,
    ObservationRevision,
    ObservationStatus,
    Sex,
)
from lagesbild.territories.models import Level, Territory, TerritoryIndex, fold

from .records import Record, read_records, sha256_of

MAX_ERRORS = 200
CHUNK = 5_000
# PostgreSQL advisory lock taken by every import of observations ("Lägesbild imports"), so that two
# imports of overlapping rows run one after the other and the second merges into the first's rows.
IMPORT_LOCK = 0x4C616765_73626C64
# SQLite's ->> operator (3.38+) lets a whole chunk be inserted from one JSON parameter.
SQLITE_HAS_JSON_ARROWS = sqlite3.sqlite_version_info >= (3, 38)
LEVEL_WORDS = {Level.RIKET: "riksnivå", Level.LAN: "länsnivå", Level.KOMMUN: "kommunnivå"}
# Key of an observation: indicator, territory, first year, last year, sex, breakdown.
Key = tuple[str, str, int, int, str, str]


@dataclass
class BatchInfo:
    kind: str
    source: str
    file_name: str = ""
    url: str = ""
    parameters: dict = field(default_factory=dict)
    checksum: str = ""
    retrieved_at: object = None
    user: object = None
    is_example: bool = False
    note: str = ""
    county: str | None = None  # when set, every row must be this län or one of its kommuner


@dataclass
class ImportSummary:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    batch_id: int | None = None
    dry_run: bool = False
    changes: list[dict] = field(default_factory=list)

    def describe(self) -> str:
        verb = "skulle ge" if self.dry_run else "gav"
        text = f"{self.rows} rader {verb} {self.created} nya, {self.updated} ändrade och {self.unchanged} oförändrade observationer"
        if self.skipped:
            text += f"; {self.skipped} hoppades över eftersom riktiga värden redan finns"
        return text


# A validated row is a plain tuple laid out as the observation's columns, key first:
# (indicator, territory, period_start, period_end, sex, breakdown, value, lower, upper, status, note).
# Plain tuples because a million of them pass from validation to the database in one import.
ValidRow = tuple
KEY_LENGTH = 6


class _Memo(dict):
    """Remembers the parse of each distinct cell: most columns repeat a few values many times, so a
    large file is validated at the cost of its distinct values. Lookups are plain dict lookups;
    `__missing__` parses a value the first time it is seen and stores (result, problem)."""

    LIMIT = 200_000

    def __init__(self, parser):
        super().__init__()
        self.parser = parser

    def __missing__(self, raw) -> tuple[object, str | None]:
        try:
            result = (self.parser(raw), None)
        except ValueError as error:
            result = (None, str(error))
        if len(self) < self.LIMIT:
            self[raw] = result
        return result


class RecordValidator:
    """Checks one record against the catalogue and the territory register."""

    def __init__(self, file_name: str, county: str | None = None):
        self.file_name = file_name
        self.indicators = {i.id: i for i in Indicator.objects.all()}
        territories = TerritoryIndex()
        self.indicator = _Memo(self._find_indicator)
        self.territory = _Memo(
            lambda raw: self._within_county(territories.resolve(self._territory_text(raw)), county)
        )
        self.period = _Memo(parsing.parse_period)
        self.sex = _Memo(parsing.parse_sex)
        self.status = _Memo(parsing.parse_status)
        self.number = _Memo(parsing.parse_number)
        self._categories = {i.id: self._category_lookup(i) for i in self.indicators.values()}
        self._fit: dict[tuple, tuple[str, list, str]] = {}

    @staticmethod
    def _category_lookup(indicator: Indicator) -> dict[str, str]:
        lookup = {}
        for category_id, category in indicator.breakdown_categories().items():
            lookup[category_id] = category_id
            lookup[fold(category["sv"])] = category_id
            lookup[fold(category["en"])] = category_id
        return lookup

    def _find_indicator(self, raw) -> Indicator:
        text = str(raw or "").strip()
        if not text:
            raise ValueError("indikator saknas")
        indicator = self.indicators.get(text) or self.indicators.get(text.casefold())
        if indicator is None:
            raise ValueError(
                f"okänd indikator {text!r} (se `lagesbild catalogue list` eller katalogen)"
            )
        return indicator

    @staticmethod
    def _within_county(territory, county: str | None):
        if county is not None and territory.lan_code != county:
            raise ValueError(
                f"{territory.name} ligger utanför länet du får importera för ({county})"
            )
        return territory

    @staticmethod
    def _territory_text(raw) -> str:
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            return str(int(raw)).zfill(4 if raw >= 100 else 2)
        return str(raw if raw is not None else "").strip()

    def validate(self, record: Record) -> ValidRow | list[RowError]:
        # Straight-line on purpose: this runs once per row of files with a million rows.
        get = record.values.get
        indicator, indicator_problem = self.indicator[get("indicator")]
        territory, territory_problem = self.territory[get("territory")]
        period, period_problem = self.period[get("period")]
        sex, sex_problem = self.sex[get("sex")]
        status, status_problem = self.status[get("status")]
        value, value_problem = self.number[get("value")]
        lower, lower_problem = self.number[get("lower")]
        upper, upper_problem = self.number[get("upper")]
        problems = (
            [
                (name, problem)
                for name, problem in (
                    ("indicator", indicator_problem),
                    ("territory", territory_problem),
                    ("period", period_problem),
                    ("sex", sex_problem),
                    ("status", status_problem),
                    ("value", value_problem),
                    ("lower", lower_problem),
                    ("upper", upper_problem),
                )
                if problem
            ]
            if (
                indicator_problem
                or territory_problem
                or period_problem
                or sex_problem
                or status_problem
                or value_problem
                or lower_problem
                or upper_problem
            )
            else []
        )
        breakdown = get("breakdown")
        breakdown = breakdown.strip() if isinstance(breakdown, str) else str(breakdown or "")
        if indicator is not None:
            fit = self._fit.get(
                (indicator.id, territory.level if territory else None, sex, breakdown)
            )
            if fit is None:
                fit = self._fit_to_indicator(indicator, territory, sex, breakdown)
            breakdown, fit_problems, unit = fit
            if fit_problems:
                problems += fit_problems
            if unit == "procent":
                if (
                    lower is not None
                    or upper is not None
                    or (value is not None and not 0 <= value <= 100)
                ):
                    problems += self._range_problems(unit, value, lower, upper)
            elif unit == "antal":
                problems += self._range_problems(unit, value, lower, upper)
        if not (value_problem or lower_problem or upper_problem) and (
            lower is not None
            or upper is not None
            or value is None
            or status != ObservationStatus.OK
        ):
            problems += self._figure_problems(value, lower, upper, status)
        note = get("note")
        note = note.strip() if isinstance(note, str) else str(note or "")
        if (
            "\x00" in note
        ):  # neither PostgreSQL nor SQLite's JSON keeps it; a damaged file, not a note
            problems.append(
                ("note", "kommentaren innehåller ett NUL-tecken (filen är troligen skadad)")
            )
        if problems:
            columns = record.columns
            return [
                RowError(self.file_name, record.row, columns.get(f, f), reason)
                for f, reason in problems
            ]
        return (
            indicator.id,
            territory.code,
            period[0],
            period[1],
            sex,
            breakdown,
            value,
            lower,
            upper,
            status,
            note,
        )

    def _fit_to_indicator(self, indicator, territory, sex, breakdown) -> tuple[str, list]:
        """Level, sex and breakdown checked against the catalogue, once per distinct combination."""
        key = (indicator.id, territory.level if territory else None, sex, breakdown)
        found = self._fit.get(key)
        if found is None:
            found = self._fit[key] = (
                *self._fit_uncached(indicator, territory, sex, breakdown),
                indicator.unit,
            )
        return found

    def _fit_uncached(self, indicator, territory, sex, breakdown) -> tuple[str, list]:
        problems = []
        if territory is not None and territory.level not in indicator.levels:
            problems.append(
                (
                    "territory",
                    f"indikatorn {indicator.id} kan inte läsas på {LEVEL_WORDS[territory.level]} enligt katalogen",
                )
            )
        if sex is not None and sex != Sex.TOTAL and not indicator.by_sex:
            problems.append(
                ("sex", f"indikatorn {indicator.id} är inte uppdelad på kön (använd T)")
            )
        categories = self._categories[indicator.id]
        if breakdown and not categories:
            problems.append(("breakdown", f"indikatorn {indicator.id} har ingen uppdelning"))
        elif categories:
            found = categories.get(breakdown) or categories.get(fold(breakdown))
            if found is None:
                allowed = ", ".join(indicator.breakdown_categories())
                problems.append(
                    (
                        "breakdown",
                        f"{breakdown!r} är ingen kategori för {indicator.id} (tillåtna: {allowed})"
                        if breakdown
                        else f"indikatorn {indicator.id} kräver en uppdelning ({allowed})",
                    )
                )
            breakdown = found or breakdown
        return breakdown, problems

    @staticmethod
    def _range_problems(unit: str, value, lower, upper) -> list:
        if (
            unit == "procent"
            and (value is None or 0 <= value <= 100)
            and lower is None
            and upper is None
        ):
            return []
        problems = []
        for name, number in (("value", value), ("lower", lower), ("upper", upper)):
            if number is None:
                continue
            if unit == "procent" and not 0 <= number <= 100:
                problems.append((name, f"{number:g} är en andel utanför 0–100 procent"))
            elif number < 0 and unit == "antal":
                problems.append((name, "ett antal kan inte vara negativt"))
        return problems

    @staticmethod
    def _figure_problems(value, lower, upper, status) -> list:
        problems = []
        if (lower is None) != (upper is None):
            problems.append(
                (
                    "lower" if lower is None else "upper",
                    "ett intervall behöver både nedre och övre gräns",
                )
            )
        elif lower is not None and upper is not None and lower > upper:
            problems.append(("lower", f"nedre gränsen {lower:g} är större än den övre {upper:g}"))
        has_figure = value is not None or lower is not None
        if status in (ObservationStatus.OK, ObservationStatus.PRELIMINARY) and not has_figure:
            problems.append(
                ("value", "värde saknas (ange värde eller intervall, eller status saknas/skyddad)")
            )
        if status == ObservationStatus.SUPPRESSED and has_figure:
            problems.append(("value", "ett skyddat värde får inte anges i filen"))
        return problems


class ObservationWriter:
    """Upserts valid rows inside the caller's transaction, recording what changed."""

    def __init__(self, batch: ImportBatch, *, keep_real: bool, copy_across_chunks: bool = False):
        self.batch = batch
        self.keep_real = keep_real
        self.copy_across_chunks = copy_across_chunks
        self.existing: dict[str, dict[Key, tuple]] = {}
        self.summary = ImportSummary()
        # Rows of indicators with nothing stored before this import, counted as the observation
        # summary keeps them: the indicator's observations are exactly these rows, so they need no
        # recount from the table afterwards (the recount was a fifth of a large import's time).
        self.new_rows: Counter = Counter()
        self.new_figures: Counter = Counter()
        self._level_of: dict[str, str] | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._pending: Future | None = None
        self._copy_context = None  # PostgreSQL: the COPY kept open from one chunk to the next
        self._copy = None
        table = Observation._meta.db_table
        self.insert_sql = (
            f"INSERT INTO {table} (indicator_id, territory_id, period_start, period_end, sex, breakdown, "
            "value, lower, upper, status, note, batch_id, is_example) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
        )
        self.json_insert_sql = (
            f"INSERT INTO {table} (indicator_id, territory_id, period_start, period_end, sex, breakdown, "
            "value, lower, upper, status, note, batch_id, is_example) SELECT "
            + ", ".join(f"value->>{i}" for i in range(11))
            + ", ?, ? FROM json_each(?)"
        )
        self.copy_sql = (
            f"COPY {table} (indicator_id, territory_id, period_start, period_end, sex, breakdown, "
            "value, lower, upper, status, note, batch_id, is_example) FROM STDIN"
        )
        self.update_sql = (
            f"UPDATE {table} SET value = %s, lower = %s, upper = %s, status = %s, note = %s, batch_id = %s, "
            "is_example = %s WHERE id = %s"
        )

    def _insert(self, cursor, rows: list[tuple]) -> None:
        """PostgreSQL takes new rows through COPY. When the records come from a file, one COPY stays
        open from chunk to chunk: the server stores a chunk's rows while the next chunk is read and
        validated, instead of each waiting for the other (the connection serves nothing else
        meanwhile, so a record source that queries the database gets a COPY per chunk). SQLite
        inserts on a helper thread on the same connection and transaction, so the next chunk is
        validated meanwhile. Nothing else touches the connection until `_wait_for_insert` (or
        `finish`) has ended either."""
        batch = (self.batch.pk, self.batch.is_example)
        if connection.vendor == "postgresql":
            write = self._copying().write_row
            for row in rows:
                write(row + batch)
            if not self.copy_across_chunks:
                self._wait_for_insert()
        elif connection.vendor == "sqlite" and SQLITE_HAS_JSON_ARROWS:
            # The chunk goes in as one JSON parameter, so the whole insert is a single step that runs
            # without the GIL, in parallel with validation of the next chunk (executemany binds every
            # row in Python and overlapped almost nothing).
            self._executor = self._executor or ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="lagesbild-import"
            )
            self._pending = self._executor.submit(
                connection.connection.execute,
                self.json_insert_sql,
                (*batch, json.dumps(rows, allow_nan=False)),
            )
        else:
            cursor.executemany(self.insert_sql, [row + batch for row in rows])

    def _copying(self):
        if self._copy is None:
            self._copy_cursor = connection.connection.cursor()
            self._copy_context = self._copy_cursor.copy(self.copy_sql)
            self._copy = self._copy_context.__enter__()
        return self._copy

    def _wait_for_insert(self) -> None:
        """Ends the open COPY (the server has then stored every row sent) and waits for SQLite's
        insert still running; an error of either is raised here."""
        context, self._copy_context, self._copy = self._copy_context, None, None
        if context is not None:
            try:
                context.__exit__(None, None, None)
            finally:
                self._copy_cursor.close()
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def finish(self) -> None:
        """Ends the writing: waits for the last insert; its error, if any, is raised here."""
        try:
            self._wait_for_insert()
        finally:
            if self._executor is not None:
                self._executor.shutdown(wait=True)
                self._executor = None

    @property
    def touched(self) -> list[str]:
        """The indicators this import wrote rows of (each was looked up before its rows were written)."""
        return list(self.existing)

    @property
    def first_rows_of(self) -> list[str]:
        """The indicators that had no observations before this import."""
        return [indicator_id for indicator_id, found in self.existing.items() if not found]

    def _count_new(self, rows: list[ValidRow]) -> None:
        """Counts rows per summary key (indicator, level, period, sex, breakdown); the iteration
        runs in C (itemgetter, zip, Counter), about a quarter of a microsecond a row."""
        if self._level_of is None:
            self._level_of = dict(Territory.objects.values_list("code", "level"))
        keys = list(
            zip(
                map(itemgetter(0), rows),
                map(self._level_of.__getitem__, map(itemgetter(1), rows)),
                map(itemgetter(2), rows),
                map(itemgetter(3), rows),
                map(itemgetter(4), rows),
                map(itemgetter(5), rows),
            )
        )
        self.new_rows.update(keys)
        self.new_figures.update(
            compress(keys, (row[6] is not None or row[7] is not None for row in rows))
        )

    def refresh_summaries(self) -> None:
        """Brings the observation summary up to date for every indicator this import touched."""
        summaries.refresh(
            self.touched,
            counted=(self.first_rows_of, self.new_rows, self.new_figures),
            batch=(self.batch.is_example, self.batch.pk),
        )

    def _existing_for(self, indicator_id: str) -> dict[Key, tuple]:
        found = self.existing.get(indicator_id)
        if found is None:
            self._wait_for_insert()  # the connection answers one statement at a time
            rows = Observation.objects.filter(indicator_id=indicator_id).values_list(
                "territory_id",
                "period_start",
                "period_end",
                "sex",
                "breakdown",
                "id",
                "value",
                "lower",
                "upper",
                "status",
                "note",
                "batch_id",
                "is_example",
            )
            found = {(indicator_id, *r[:5]): r[5:] for r in rows.iterator(chunk_size=10_000)}
            self.existing[indicator_id] = found
        return found

    def write(self, rows: list[ValidRow]) -> None:
        if self._pending is not None:
            # SQLite: the helper thread ends with each chunk; one kept idle between chunks made a
            # million-row import take 11.1 s instead of 8.6 s.
            self.finish()
        inserts, updates, revisions, first = [], [], [], []
        batch_id, is_example = self.batch.pk, self.batch.is_example
        append_insert, append_first = inserts.append, first.append
        indicator_id, existing = None, {}
        for row in rows:
            if (
                row[0] != indicator_id
            ):  # rows come grouped by indicator; look its stored rows up once
                indicator_id = row[0]
                existing = self._existing_for(indicator_id)
            if not existing:  # nothing stored yet for the indicator: every row is new
                append_insert(row)
                append_first(row)
                continue
            key, new = row[:KEY_LENGTH], row[KEY_LENGTH:]
            current = existing.get(key)
            if current is None:
                append_insert(row)
            elif self.keep_real and is_example and not current[7]:
                self.summary.skipped += 1
            elif tuple(current[1:6]) == new and current[7] == is_example:
                self.summary.unchanged += 1
            else:
                updates.append((*new, batch_id, is_example, current[0]))
                revisions.append(
                    ObservationRevision(
                        observation_id=current[0],
                        batch_id=batch_id,
                        old_value=current[1],
                        old_lower=current[2],
                        old_upper=current[3],
                        old_status=current[4],
                        old_note=current[5],
                        old_batch_id=current[6],
                    )
                )
                if len(self.summary.changes) < 1000:
                    self.summary.changes.append({"key": key, "old": current[1:6], "new": new})
                self.summary.updated += 1
        self.summary.created += len(inserts)
        if first:
            self._count_new(first)
        with connection.cursor() as cursor:
            if inserts:
                self._insert(cursor, inserts)
            if updates:
                self._wait_for_insert()
                cursor.executemany(self.update_sql, updates)
        if revisions:
            ObservationRevision.objects.bulk_create(revisions, batch_size=2000)


def import_records(
    records: Iterable[Record],
    batch_info: BatchInfo,
    *,
    file_name: str,
    dry_run: bool = False,
    keep_real: bool | None = None,
    records_read_no_database: bool = False,
) -> ImportSummary:
    """Validates every record and writes them all, or raises ImportRejected and writes nothing.

    `records_read_no_database`: producing the records asks the database nothing (they come from a
    file), so on PostgreSQL one COPY may stay open while they are read and validated."""
    if keep_real is None:
        keep_real = batch_info.is_example
    try:
        with _bulk_writes():
            return _import(
                records,
                batch_info,
                file_name=file_name,
                dry_run=dry_run,
                keep_real=keep_real,
                copy_across_chunks=records_read_no_database,
            )
    except OperationalError as error:
        if not _is_busy(error):
            raise
        raise ImportRejected([RowError(file_name, 0, "", busy_message())]) from None


def busy_message() -> str:
    return (
        "en annan import eller ändring pågår och databasen är upptagen; försök igen om en stund "
        f"(väntade {_wait_seconds()} sekunder)"
    )


def _wait_seconds() -> int:
    if connection.vendor == "postgresql":
        return settings.IMPORT_LOCK_SECONDS
    return settings.SQLITE_BUSY_SECONDS


def _is_busy(error: OperationalError) -> bool:
    """SQLite's "database is locked" after its busy timeout, or PostgreSQL's lock timeout (55P03)."""
    cause = error.__cause__ or error
    return "database is locked" in str(error) or getattr(cause, "sqlstate", None) == "55P03"


def _one_import_at_a_time() -> None:
    """Waits (at most LAGESBILD_IMPORT_LOCK_SECONDS) until no other import holds the lock; the lock
    is released with the transaction. SQLite needs none: its write transactions already queue."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('lock_timeout', %s, true)", [f"{settings.IMPORT_LOCK_SECONDS}s"]
        )
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])
        cursor.execute("SELECT set_config('lock_timeout', '0', true)")


@contextmanager
def _bulk_writes():
    """Settings for writing many rows at once, restored afterwards.

    The cyclic garbage collector is paused: a large file creates millions of small tuples that live
    until the end (the file's keys), and the collector would rescan them again and again, a fifth of
    the import time; reference counting still frees everything. On SQLite, the database's own
    foreign-key lookups are skipped: every reference has just been validated against the catalogue
    and the territory register, and the lookups would otherwise cost a third of the import time (the
    pragma only takes effect outside a transaction)."""
    sqlite_pragmas = connection.vendor == "sqlite" and not connection.in_atomic_block
    collecting = gc.isenabled()
    gc.disable()
    try:
        if sqlite_pragmas:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA foreign_keys = OFF")
                cursor.execute(
                    "PRAGMA cache_size = -131072"
                )  # 128 MiB of pages: large imports touch the whole index
        yield
    finally:
        if collecting:
            gc.enable()
        if sqlite_pragmas:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA foreign_keys = ON")


def _checks_already_done() -> bool:
    """On PostgreSQL, skips the database's own foreign-key checks for this transaction's writes
    (`session_replication_role = replica`, which needs a superuser or, from PostgreSQL 15, `GRANT SET
    ON PARAMETER session_replication_role`): every reference has just been validated against the
    catalogue and the territory register, and the deferred checks of a million rows took most of an
    import's time. `_hold_references` then locks the rows referred to, as the checks would have.
    Without the privilege the database checks as usual. SQLite's equivalent is in `_bulk_writes`."""
    if connection.vendor != "postgresql":
        return False
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        return False
    return True


def _hold_references(validator: RecordValidator, batch_id: int) -> None:
    """Locks the indicators and territories the import refers to (FOR KEY SHARE, as PostgreSQL's own
    foreign-key check does), so none can be deleted before the import commits; one already gone is
    refused as a busy database would be."""
    table = Observation._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = origin")
        for name, memo, referenced, key in (
            ("indicator", validator.indicator, Indicator._meta.db_table, "id"),
            ("territory", validator.territory, Territory._meta.db_table, "code"),
        ):
            if len(memo) < memo.LIMIT:
                values = sorted({getattr(found, key) for found, _problem in memo.values() if found})
            else:
                cursor.execute(
                    f"SELECT DISTINCT {name}_id FROM {table} WHERE batch_id = %s", [batch_id]
                )
                values = sorted(row[0] for row in cursor.fetchall())
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {referenced} WHERE {key} = ANY(%s) "
                f"ORDER BY {key} FOR KEY SHARE) AS held",
                [values],
            )
            if cursor.fetchone()[0] != len(values):
                raise OperationalError("database is locked: a referenced row was removed")


def _import(
    records, batch_info, *, file_name, dry_run, keep_real, copy_across_chunks
) -> ImportSummary:
    validator = RecordValidator(file_name, county=batch_info.county)
    with transaction.atomic():
        _one_import_at_a_time()
        unchecked = _checks_already_done()
        batch = ImportBatch.objects.create(
            kind=batch_info.kind,
            source=batch_info.source,
            file_name=batch_info.file_name or file_name,
            url=batch_info.url,
            parameters=batch_info.parameters,
            checksum=batch_info.checksum,
            retrieved_at=batch_info.retrieved_at or timezone.now(),
            user=batch_info.user,
            is_example=batch_info.is_example,
            note=batch_info.note,
        )
        writer = ObservationWriter(
            batch, keep_real=keep_real, copy_across_chunks=copy_across_chunks
        )
        try:
            rows, errors, truncated = _validate_and_write(records, validator, writer, file_name)
        finally:
            writer.finish()
        if errors:
            transaction.set_rollback(True)
            rejected = ImportRejected(errors[:MAX_ERRORS], truncated)
        else:
            rejected = None
            summary = writer.summary
            summary.rows, summary.dry_run = rows, dry_run
            ImportBatch.objects.filter(pk=batch.pk).update(
                rows=rows,
                created=summary.created,
                updated=summary.updated,
                unchanged=summary.unchanged,
            )
            if unchecked:
                _hold_references(validator, batch.pk)
            if dry_run:
                transaction.set_rollback(True)
            else:
                summary.batch_id = batch.pk
                writer.refresh_summaries()  # in this transaction: rolled back with it
                bump(Area.OBSERVATIONS)  # rows went in by SQL, past the model signals
    if rejected is not None:
        raise rejected
    return summary


def _validate_and_write(
    records, validator: RecordValidator, writer: ObservationWriter, file_name: str
) -> tuple[int, list[RowError], bool]:
    """Validates every record; writes valid ones in chunks until the first error, then only validates
    (the caller rolls everything back). Returns rows read, errors and whether errors were cut off."""
    errors: list[RowError] = []
    seen_keys: dict[Key, int] = {}
    pending: list[ValidRow] = []
    rows = 0
    try:
        validate, add = validator.validate, pending.append
        for record in records:
            rows += 1
            result = validate(record)
            key = result[:KEY_LENGTH] if result.__class__ is tuple else None
            if key is not None and key not in seen_keys:
                seen_keys[key] = record.row
                if not errors:
                    add(result)
                    if len(pending) >= CHUNK:
                        writer.write(pending)
                        pending = []
                        add = pending.append
                continue
            if key is not None:
                errors.append(
                    RowError(
                        file_name,
                        record.row,
                        "",
                        f"samma observation som rad {seen_keys[key]} "
                        "(indikator, territorium, period, kön och uppdelning måste vara unika i filen)",
                    )
                )
            else:
                errors.extend(result)
            if len(errors) >= MAX_ERRORS:
                return rows, errors, True
    except FileRejected as rejected:
        errors.append(rejected.error)
    if not errors and rows == 0:
        errors.append(RowError(file_name, 0, "", "filen innehåller inga observationer"))
    if not errors and pending:
        writer.write(pending)
    return rows, errors, False


def import_file(
    path: Path,
    *,
    kind: str = BatchKind.TEMPLATE,
    source: str | None = None,
    user=None,
    dry_run: bool = False,
    is_example: bool = False,
    note: str = "",
    county: str | None = None,
    file_name: str | None = None,
) -> ImportSummary:
    """Imports a template file (CSV or XLSX). `file_name` is the name to report, when the file on disk
    is a temporary copy of an upload."""
    path = Path(path)
    name = file_name or path.name
    if not path.is_file():
        raise ImportRejected([RowError(str(path), 0, "", "filen finns inte")])
    info = BatchInfo(
        kind=kind,
        source=source or f"Importmall: {name}",
        file_name=name,
        checksum=sha256_of(path),
        user=user,
        is_example=is_example,
        note=note,
        county=county,
    )
    return import_records(
        read_records(path, name),
        info,
        file_name=name,
        dry_run=dry_run,
        records_read_no_database=True,
    )
