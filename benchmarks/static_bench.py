"""Static export speed: `lagesbild build-static` on the synthetic work of issue 16.

Usage:
    .venv/bin/python benchmarks/static_bench.py [--indicators 20] [--jobs 2] [--only data,site,rebuild]

Data: --indicators generated indicators (readable at every level, by sex) × 312 territories × 3 sexes ×
15 years, marked as example data, bulk-inserted into a fresh SQLite database after `lagesbild init`
(20 indicators: 280,800 observations).

What is timed, each in a fresh child process on the same database:
  data     the data files as `build-static` writes them: for every indicator its CSV and JSON download,
           and for every indicator × territory the CSV and JSON download of that territory (the files
           Open SDG's sdg-build writes per indicator and territory), in --jobs processes
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
# sdg-build 2.3.0's data files for the same work, measured for issue 16 on this machine in an earlier
# run (it cannot be installed here now): a reference, not a same-run anchor.
SDG_BUILD_SECONDS = 12.8


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


def data_files(out: str, jobs: int) -> dict:
    """The data files as `build-static` writes them (lagesbild.opendata.data_files): per indicator its
    CSV and JSON download, per indicator × territory the CSV and JSON download of that territory, in
    `jobs` processes, one indicator at a time."""
    setup_child()
    from concurrent.futures import ProcessPoolExecutor

    from django.db import connections

    from lagesbild.indicators.models import Indicator
    from lagesbild.opendata.static_site import write_data_files

    ids = list(
        Indicator.objects.filter(id__startswith="bench-")
        .order_by("id")
        .values_list("id", flat=True)
    )
    connections.close_all()
    started = time.perf_counter()
    with ProcessPoolExecutor(jobs, initializer=connections.close_all) as pool:
        done = [
            f
            for files in pool.map(write_data_files, [out] * len(ids), ids, [{}] * len(ids))
            for f in files
        ]
    seconds = time.perf_counter() - started
    size = sum((Path(out) / name).stat().st_size for _a, name, *_rest in done)
    return {"files": len(done), "mib": size / 2**20, "seconds": seconds}


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
            "data": lambda: data_files(rest[0], int(rest[1])),
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
            figures = child("data", env, work / "data-files", args.jobs)
            ratio = SDG_BUILD_SECONDS / figures["seconds"]
            print(
                f"data files (--jobs {args.jobs}): {figures['files']:,} files, "
                f"{figures['mib']:.0f} MiB in {figures['seconds']:.2f} s; sdg-build's "
                f"{SDG_BUILD_SECONDS} s from issue 16 (NOT this run) would make that {ratio:.1f}× "
                f"(goal ≥ 20×: {'met' if ratio >= 20 else 'NOT met'})"
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
