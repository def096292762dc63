"""Static export speed: `lagesbild build-static` on the synthetic work of issue 16.

Usage:
    .venv/bin/python benchmarks/static_bench.py [--indicators 20] [--jobs 2] [--only data,site,rebuild]

Data: --indicators generated indicators (readable at every level, by sex) × 312 territories × 3 sexes ×
15 years, marked as example data, bulk-inserted into a fresh SQLite database after `lagesbild init`
(20 indicators: 280,800 observations).

What is timed, each in a fresh child process on the same database:
  data     the data files: for every indicator its CSV, XLSX and JSON downloads and the API's indicator and
           observation answers, and for every indicator × territory the JSON and CSV twin of its page
           (the files Open SDG's sdg-build writes per indicator and territory)
  site     the whole static site: `lagesbild build-static --out DIR --jobs N` (pages, twins, charts, maps,
           feeds, catalogue, API answers, static files)
  rebuild  one indicator's figures re-imported with changed values, then `build-static` again into the
           same folder (incremental)
Goals (issue 16): data files ≥ 20× faster than sdg-build on the same work; whole site < 120 s; rebuild
after a one-indicator import < 5 s. sdg-build is not on the package index (the `sdg` package there is an
unrelated synthetic-data library), so it cannot be run here; the script says so and measures only ours.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import write_catalogue

ROOT = Path(__file__).resolve().parent.parent
YEARS = range(2010, 2025)
SEXES = ("T", "K", "M")


def setup_child() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lagesbild.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def load(shift: float = 0.0, only: str | None = None) -> dict:
    """Inserts (or, with `only`, re-imports that indicator with values shifted) the example rows."""
    setup_child()
    from lagesbild.core.bootstrap import initialise
    from lagesbild.indicators.models import BatchKind, Indicator
    from lagesbild.sources.importing import BatchInfo, import_records
    from lagesbild.sources.records import Record
    from lagesbild.territories.models import Territory

    if only is None:
        initialise()
    ids = list(
        Indicator.objects.filter(id__startswith="bench-")
        .order_by("id")
        .values_list("id", flat=True)
    )
    if only:
        ids = [only]
    codes = list(Territory.objects.order_by("code").values_list("code", flat=True))

    def records():
        row = 0
        for i, indicator_id in enumerate(ids):
            for j, code in enumerate(codes):
                for year in YEARS:
                    for k, sex in enumerate(SEXES):
                        row += 1
                        value = (i * 7 + j * 3 + year + k * 11) % 1000 / 10 + shift
                        yield Record(
                            row,
                            {
                                "indicator": indicator_id,
                                "territory": code,
                                "period": str(year),
                                "sex": sex,
                                "value": min(value, 100.0),
                            },
                            {},
                        )

    started = time.perf_counter()
    info = BatchInfo(kind=BatchKind.EXAMPLE, source="benchmarks/static_bench.py", is_example=True)
    summary = import_records(records(), info, file_name="static_bench")
    return {"rows": summary.rows, "seconds": time.perf_counter() - started}


def data_files(out: str) -> dict:
    """The data files through the same views the site uses, written to `out`."""
    setup_child()
    from django.test import Client

    from lagesbild.indicators.models import Indicator
    from lagesbild.territories.models import Territory

    client = Client()
    folder = Path(out)
    started = time.perf_counter()
    files = size = 0
    ids = list(
        Indicator.objects.filter(id__startswith="bench-")
        .order_by("id")
        .values_list("id", flat=True)
    )
    codes = list(Territory.objects.order_by("code").values_list("code", flat=True))
    for indicator_id in ids:
        addresses = [f"/indikatorer/{indicator_id}/data.{ext}" for ext in ("csv", "xlsx", "json")]
        addresses += [
            f"/api/v1/indicators/{indicator_id}",
            f"/api/v1/observations?indicator={indicator_id}&limit=10000",
        ]
        for code in codes:
            addresses += [
                f"/indikatorer/{indicator_id}.json?territory={code}",
                f"/indikatorer/{indicator_id}.csv?territory={code}",
            ]
        for number, address in enumerate(addresses):
            response = client.get(address)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert response.status_code == 200, (address, response.status_code)
            path = folder / indicator_id / f"{number}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
            files += 1
            size += len(body)
    return {"files": files, "mib": size / 2**20, "seconds": time.perf_counter() - started}


def site(out: str, jobs: int) -> dict:
    setup_child()
    from lagesbild.opendata.static_site import build

    return build(Path(out), jobs=jobs, live_url="https://lagesbild.example.se")


def child(kind: str, env: dict, *args) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, *map(str, args)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--indicators", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", default="data,site,rebuild")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = {
            "load": lambda: load(),
            "reload": lambda: load(shift=0.5, only=rest[0]),
            "data": lambda: data_files(rest[0]),
            "site": lambda: site(rest[0], int(rest[1])),
        }[kind]()
        print(json.dumps(result))
        return

    only = set(args.only.split(","))
    print(
        "sdg-build: not on the package index (`pip install sdg` installs an unrelated library), so it"
    )
    print("is not run here; only Lägesbild is measured.")
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="lagesbild-static-bench-") as tmp:
        work = Path(tmp)
        catalogue = work / "catalogue"
        catalogue.mkdir()
        ids = write_catalogue(catalogue, args.indicators)
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}",
            "LAGESBILD_DATA_DIR": str(work / "data"),
            "LAGESBILD_CATALOGUE_DIRS": str(catalogue),
            "LAGESBILD_LOG_LEVEL": "ERROR",
        }
        env.pop("LAGESBILD_CACHE_URL", None)  # every child starts cold, as a build would
        loaded = child("load", env)
        print(
            f"work: {args.indicators} indicators × 312 territories × 3 sexes × 15 years = "
            f"{loaded['rows']:,} observations (loaded in {loaded['seconds']:.1f} s)"
        )
        if "data" in only:
            figures = child("data", env, work / "data-files")
            print(
                f"data files: {figures['files']:,} files, {figures['mib']:.0f} MiB in "
                f"{figures['seconds']:.1f} s"
            )
        if "site" in only or "rebuild" in only:
            out = work / "site"
            figures = child("site", env, out, args.jobs)
            print(
                f"whole site (--jobs {args.jobs}): {figures['pages']:,} addresses, "
                f"{figures['written']:,} files in {figures['seconds']:.1f} s "
                f"(goal < 120 s: {'met' if figures['seconds'] < 120 else 'NOT met'})"
            )
            if "rebuild" in only:
                reloaded = child("reload", env, ids[0])
                again = child("site", env, out, args.jobs)
                print(
                    f"rebuild after re-importing {ids[0]} ({reloaded['rows']:,} rows, "
                    f"{reloaded['seconds']:.1f} s): {again['written']:,} files written, "
                    f"{again['reused']:,} pages reused, in {again['seconds']:.1f} s "
                    f"(goal < 5 s: {'met' if again['seconds'] < 5 else 'NOT met'})"
                )
            shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
