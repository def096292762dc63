"""Speed of the county registers: loading their shipped data in `lagesbild init`, and their public pages.

Usage:
    .venv/bin/python benchmarks/registers_bench.py [--data-dir DIR] [--requests 200]

Data: a fresh SQLite database in DIR (default benchmarks/out/registers, removed first) after
`lagesbild init`. The loader is timed on the fresh database (everything inserted, with history) and again
(nothing changes). Each public page is then requested --requests times through Django's WSGI handler in
one process, anonymously; the median and 95th percentile are printed. HTTP itself is not included.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    ("publications, list", "/publikationer/"),
    ("publications, search and filter", "/publikationer/?q=manniskohandel&amne=barn"),
    ("publications .json twin", "/publikationer.json"),
    ("activities, summary Stockholm 2018", "/aktiviteter/?lan=01&ar=2018"),
    ("activities .xlsx", "/aktiviteter.xlsx"),
    ("survey results (report 2019:6)", "/enkater/resultat/{survey}/"),
]


def prepare(data_dir: Path) -> None:
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    os.environ["LAGESBILD_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lagesbild.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, default=ROOT / "benchmarks" / "out" / "registers")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    prepare(args.data_dir)

    from django.core.management import call_command
    from django.test import Client

    from lagesbild.activities.shipped import load_activities
    from lagesbild.indicators.catalogue import sync_catalogue
    from lagesbild.publications.shipped import load_publications
    from lagesbild.sources.published import load_published
    from lagesbild.surveys.models import Survey
    from lagesbild.surveys.shipped import load_surveys
    from lagesbild.territories.reference import load_territories

    def load_county_registers():
        return load_surveys() + load_activities() + load_publications()

    call_command("migrate", interactive=False, verbosity=0)
    load_territories()
    sync_catalogue()
    load_published()
    print(
        f"the registers' shipped data, fresh database: {timed(load_county_registers) * 1000:.0f} ms"
    )
    print(
        f"load_county_registers, again (nothing changes): {timed(load_county_registers) * 1000:.0f} ms"
    )

    survey = Survey.objects.get(key="stockholm-2018-baskunskaper").pk
    client = Client()
    print(f"\n{'page':40} {'median ms':>10} {'p95 ms':>8}")
    for name, url in PAGES:
        url = url.format(survey=survey)
        assert client.get(url).status_code == 200, url
        times = sorted(timed(lambda url=url: client.get(url)) * 1000 for _ in range(args.requests))
        print(
            f"{name:40} {statistics.median(times):10.1f} {times[int(len(times) * 0.95) - 1]:8.1f}"
        )


if __name__ == "__main__":
    main()
