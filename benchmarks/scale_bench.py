"""Scale: the cold cost of pages and API answers at 1 million and at 5 million observations.

Usage:
    .venv/bin/python benchmarks/scale_bench.py
        [--postgres-url postgres://postgres@127.0.0.1:5432/lagesbild_scale_bench]
        [--sizes 1000000,5000000] [--repeats 7] [--reuse] [--only start,api_coverage,...]
        [--baseline-code ../an-earlier-checkout]

Data: a fixed catalogue of 100 generated percentage indicators readable at every level by sex (as in
web_bench) × 312 territories × 3 sexes, with as many years (ending 2024) as the size needs: 11 years
= 1,029,600 observations, 54 years = 5,054,400. The catalogue and the territories stay the same from
one size to the next, so a page that grows with the number of observations, rather than with what it
shows, stands out in the ratio. The rows are COPY-loaded into one PostgreSQL database as example data
of one example ImportBatch (as web_bench does), after `lagesbild init` (so the bundled published
figures are there too); the summary of the observations is then recounted for the indicators in the
same transaction, as an import does, and checked against a fresh count. Sizes are loaded in the order
given, each adding the years it lacks to the database; `--reuse` keeps a database that already holds
some of the years.

Measurement: in a fresh process per size, each address is requested once through Django's test
client (templates compiled, modules imported, the database connection open: a running server), then
`--repeats` times, each time after every cache of the platform was emptied (`clear_caches`, as a newly
started server has them): the cold answer. PostgreSQL's own buffers stay warm, as they do on a server.
With `--baseline-code`, the same addresses are also answered by an earlier checkout's code from the
same database at the largest size (its own caches emptied the same way), for a before/after in one run.
Median and max per address, at each size, the 5M/1M ratio of the medians, and the targets of issue
16, judged on the medians: every answer < 200 ms cold at 5 M; 5 M costs less than 2× of 1 M. Written to
benchmarks/out/scale_bench.json as well.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import fresh_postgres, write_catalogue

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
INDICATORS = 100
TERRITORIES = 312
SEXES = ("T", "K", "M")
LAST_YEAR = 2024
BATCH_FILE = "scale_bench"
TARGET_MS = 200
TARGET_RATIO = 2.0
SHOWN = "bench-042"
# (name, address): the pages and API answers measured, in the order printed.
ADDRESSES = (
    ("start", "/"),
    ("start_json", "/index.json"),
    ("goal", "/mal/2/"),
    ("coverage_page", "/tackning/"),
    ("coverage_json", "/tackning.json"),
    ("api_coverage", "/api/v1/coverage"),
    ("api_coverage_lan", "/api/v1/coverage?territory=01"),
    ("indicator_page", f"/indikatorer/{SHOWN}/"),
    ("indicator_json", f"/indikatorer/{SHOWN}.json"),
    ("api_indicator", f"/api/v1/indicators/{SHOWN}"),
    ("territory_page", "/territorier/0180/"),
    ("territory_json", "/territorier/0180.json"),
    ("api_counted_indicator", f"/api/v1/observations?indicator={SHOWN}&level=lan&limit=100"),
    ("api_counted_all", "/api/v1/observations?level=kommun&sex=K&limit=1000"),
    ("api_counted_territory", "/api/v1/observations?territory=0180&limit=100"),
    ("feed_all", "/flode/data.atom"),
    ("reports_index", "/rapporter/"),
    ("dcat", "/dcat/catalog.ttl"),
)


def years_for(size: int) -> list[int]:
    count = math.ceil(size / (INDICATORS * TERRITORIES * len(SEXES)))
    return list(range(LAST_YEAR - count + 1, LAST_YEAR + 1))


def child_environment(database_url: str, catalogue_dir: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "LAGESBILD_CATALOGUE_DIRS": str(catalogue_dir),
        "LAGESBILD_DATA_DIR": str(OUT / "data"),
        "LAGESBILD_DEBUG": "false",
        "LAGESBILD_LOG_LEVEL": "ERROR",
        "LAGESBILD_ALLOWED_HOSTS": "testserver,127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "lagesbild.settings",
    }


def run_child(args: list[str], database_url: str, catalogue_dir: Path, label: str) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=child_environment(database_url, catalogue_dir),
    )
    if result.returncode != 0:
        raise SystemExit(f"{label} failed\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- data


def stored_years(url: str) -> set[int] | None:
    """The generated years the database holds, or None when it holds no generated data."""
    import psycopg

    try:
        with psycopg.connect(url) as connection:
            rows = connection.execute(
                "SELECT DISTINCT o.period_start FROM indicators_observation o "
                "JOIN sources_importbatch b ON b.id = o.batch_id WHERE b.file_name = %s "
                "AND o.indicator_id = 'bench-001' AND o.territory_id = '00' AND o.sex = 'T'",
                [BATCH_FILE],
            ).fetchall()
    except psycopg.Error:
        return None
    return {row[0] for row in rows} or None


def generated_rows(indicator_ids, codes, years):
    for i, indicator_id in enumerate(indicator_ids):
        for j, code in enumerate(codes):
            for year in years:
                for k, sex in enumerate(SEXES):
                    value = (i * 7 + j * 3 + year + k * 11) % 1000 / 10
                    yield (indicator_id, code, year, year, sex, "", value, None, None, "ok")


def load_child(years_text: str) -> None:
    """Adds the given years of generated rows, recounts the summary as an import does, checks it."""
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.db import connection, transaction

    from lagesbild.core.bootstrap import initialise
    from lagesbild.core.marking import EXAMPLE_NOTICE
    from lagesbild.core.models import Area
    from lagesbild.core.versioning import bump
    from lagesbild.indicators import summaries
    from lagesbild.indicators.models import BatchKind, ImportBatch, Indicator, Observation
    from lagesbild.territories.models import Territory

    initialise()
    years = [int(y) for y in years_text.split(",") if y]
    ids = list(
        Indicator.objects.filter(id__startswith="bench-")
        .order_by("id")
        .values_list("id", flat=True)
    )
    codes = list(Territory.objects.order_by("code").values_list("code", flat=True))
    columns = (
        "indicator_id, territory_id, period_start, period_end, sex, breakdown, value, lower, upper, "
        "status, note, batch_id, is_example"
    )
    started = time.perf_counter()
    count = 0
    with transaction.atomic():
        batch, _ = ImportBatch.objects.get_or_create(
            kind=BatchKind.EXAMPLE,
            file_name=BATCH_FILE,
            defaults={
                "source": "genererad av benchmarks/scale_bench.py",
                "is_example": True,
                "note": f"{EXAMPLE_NOTICE}. Genererade värden för hastighetsmätning.",
            },
        )
        if years:
            with connection.cursor() as cursor:
                table = Observation._meta.db_table
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in generated_rows(ids, codes, years):
                        copy.write_row((*row, EXAMPLE_NOTICE, batch.pk, True))
                        count += 1
        loaded = time.perf_counter() - started
        summaries.refresh(ids)  # what the import path does for the indicators it touched
        summarised = time.perf_counter() - started - loaded
        total = Observation.objects.filter(batch=batch).count()
        ImportBatch.objects.filter(pk=batch.pk).update(rows=total, created=total)
        bump(Area.OBSERVATIONS)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    checked = time.perf_counter()
    right = summaries.stored() == summaries.recount()
    print(
        json.dumps(
            {
                "added": count,
                "observations": Observation.objects.count(),
                "load_seconds": round(loaded, 1),
                "summary_seconds": round(summarised, 1),
                "summary_rows": len(summaries.stored()),
                "summary_equals_recount": right,
                "check_seconds": round(time.perf_counter() - checked, 1),
            }
        )
    )


def prepare(args, catalogue_dir: Path, size: int, first: bool) -> dict:
    wanted = set(years_for(size))
    have = stored_years(args.postgres_url)
    fresh = have is None or not have <= wanted or (first and not args.reuse)
    if fresh:
        fresh_postgres(args.postgres_url)
        have = set()
    missing = sorted(wanted - have)
    figures = run_child(
        ["--load-child", ",".join(map(str, missing))],
        args.postgres_url,
        catalogue_dir,
        f"loading {size:,}",
    )
    print(
        f"{size:,}: {len(wanted)} years; added {figures['added']:,} rows in {figures['load_seconds']} s "
        f"(COPY), summary recounted in {figures['summary_seconds']} s ({figures['summary_rows']:,} rows); "
        f"{figures['observations']:,} observations in all; summary equals a fresh count: "
        f"{'yes' if figures['summary_equals_recount'] else 'NO'}"
    )
    return figures


# ---------------------------------------------------------------- measuring


def measure_child(repeats_text: str, only_text: str) -> None:
    import django

    # --baseline-code: another checkout's code (an earlier version) answers from the same database.
    sys.path.insert(0, os.environ.get("LAGESBILD_BENCH_CODE", str(ROOT)))
    django.setup()
    from django.test import Client

    from lagesbild.core.versioning import clear_caches

    only = set(only_text.split(","))
    client = Client()
    results = {}
    for name, address in ADDRESSES:
        if name not in only:
            continue
        response = client.get(address)  # compiles templates and imports modules, as a server has
        if response.status_code != 200:
            results[name] = {"status": response.status_code}
            continue
        times = []
        for _ in range(int(repeats_text)):
            clear_caches()
            started = time.perf_counter()
            response = client.get(address)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            times.append((time.perf_counter() - started) * 1000)
        results[name] = {
            "median_ms": round(statistics.median(times), 1),
            "max_ms": round(max(times), 1),
            "bytes": len(body),
        }
    print(json.dumps(results))


# ---------------------------------------------------------------- main


def verdicts(sizes: list[int], measured: dict[int, dict], only: list[str]) -> list[str]:
    small, large = sizes[0], sizes[-1]
    head = f"{'address':24} " + " ".join(
        f"{f'{s / 1e6:g}M median':>11} {f'{s / 1e6:g}M max':>9}" for s in sizes
    )
    if len(sizes) > 1:
        head += f" {'ratio':>6}  5M < {TARGET_MS} ms  ratio < {TARGET_RATIO:g}"
    lines = [head]
    for name in only:
        failed = [s for s in sizes if "median_ms" not in measured[s][name]]
        if failed:
            lines.append(f"{name:24} answered {measured[failed[0]][name]['status']}")
            continue
        cells = " ".join(
            f"{measured[s][name]['median_ms']:>11.1f} {measured[s][name]['max_ms']:>9.1f}"
            for s in sizes
        )
        if len(sizes) > 1:
            big = measured[large][name]
            ratio = big["median_ms"] / max(measured[small][name]["median_ms"], 0.1)
            fast = big["median_ms"] < TARGET_MS
            cells += (
                f" {ratio:>6.2f}  {'met' if fast else 'NOT met':8}  "
                f"{'met' if ratio < TARGET_RATIO else 'NOT met'}"
            )
        lines.append(f"{name:24} {cells}")
    return lines


def compared(baseline: dict, now: dict, size: int, code: str, only: list[str]) -> list[str]:
    lines = ["", f"at {size:,}: the code of {code} (before) and this code (now), medians in ms"]
    lines.append(f"{'address':24} {'before':>9} {'now':>9} {'speed-up':>9}")
    for name in only:
        before = baseline.get(name, {})
        if "median_ms" not in before:
            lines.append(f"{name:24} {'answered ' + str(before.get('status')):>9}")
            continue
        ratio = before["median_ms"] / max(now[name]["median_ms"], 0.1)
        lines.append(
            f"{name:24} {before['median_ms']:>9.1f} {now[name]['median_ms']:>9.1f} {ratio:>8.1f}×"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--postgres-url", default="postgres://postgres@127.0.0.1:5432/lagesbild_scale_bench"
    )
    parser.add_argument("--sizes", default="1000000,5000000", help="observation counts, ascending")
    parser.add_argument("--repeats", type=int, default=7, help="cold requests per address")
    parser.add_argument("--reuse", action="store_true", help="keep generated years already loaded")
    names = [name for name, _address in ADDRESSES]
    parser.add_argument("--only", default=",".join(names), help="addresses to measure, by name")
    parser.add_argument(
        "--baseline-code",
        help="a checkout of an earlier version: its code is measured too, at the largest size",
    )
    parser.add_argument("--load-child", help=argparse.SUPPRESS)
    parser.add_argument("--measure-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load_child is not None:
        load_child(args.load_child)
        return
    if args.measure_child:
        measure_child(*args.measure_child)
        return

    OUT.mkdir(parents=True, exist_ok=True)
    catalogue_dir = OUT / "scale_catalogue"
    write_catalogue(catalogue_dir, INDICATORS)
    sizes = [int(s) for s in args.sizes.split(",")]
    only = [name for name in names if name in set(args.only.split(","))]
    loads, measured, load_averages = {}, {}, {}
    for number, size in enumerate(sizes):
        loads[size] = prepare(args, catalogue_dir, size, first=number == 0)
        load_averages[size] = os.getloadavg()[0]
        print(f"{size:,}: load average before measuring {load_averages[size]:.2f}")
        measured[size] = run_child(
            ["--measure-child", str(args.repeats), ",".join(only)],
            args.postgres_url,
            catalogue_dir,
            f"measuring {size:,}",
        )
    baseline = None
    if args.baseline_code:
        code = str(Path(args.baseline_code).resolve())
        os.environ["LAGESBILD_BENCH_CODE"] = code
        os.environ["PYTHONPATH"] = code
        baseline = run_child(
            ["--measure-child", str(args.repeats), ",".join(only)],
            args.postgres_url,
            catalogue_dir,
            f"measuring {code}",
        )
        del os.environ["LAGESBILD_BENCH_CODE"], os.environ["PYTHONPATH"]
    print(
        f"\ncold answers (every platform cache emptied before each request), {args.repeats} "
        f"requests per address, milliseconds; {os.cpu_count()} CPU cores shared with other work; "
        f"load average after: {os.getloadavg()[0]:.2f}"
    )
    lines = verdicts(sizes, measured, only)
    if baseline is not None:
        lines += compared(baseline, measured[sizes[-1]], sizes[-1], args.baseline_code, only)
    print("\n".join(lines))
    (OUT / "scale_bench.json").write_text(
        json.dumps(
            {
                "arguments": {k: v for k, v in vars(args).items() if "child" not in k},
                "loads": {str(s): v for s, v in loads.items()},
                "load_average_before": {str(s): v for s, v in load_averages.items()},
                "load_average_after": os.getloadavg()[0],
                "results": {str(s): v for s, v in measured.items()},
                "baseline": baseline,
                "table": lines,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
