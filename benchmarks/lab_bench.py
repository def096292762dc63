"""Speed of the indicator lab's pages: first (cold) render and warm throughput through Django's WSGI handler.

Usage:
    .venv/bin/python benchmarks/lab_bench.py [--data-dir DIR] [--requests 500]

Data: a fresh SQLite database in DIR (default benchmarks/out/lab) after `lagesbild init` and
`lagesbild example-data` (riket, 21 län and, where the catalogue allows, 290 kommuner; 15 years). Each page
is requested once with empty caches (cold: queries, charts drawn by vl-convert, templates) and then
--requests times in a row (warm: what anonymous visitors get from the page cache). The figures are for one
process; gunicorn runs one such process per worker. HTTP itself is not included; benchmarks/web_bench.py
measures the indicator page over HTTP under gunicorn.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    ("start", "/"),
    ("goal", "/mal/2/"),
    ("indicator", "/indikatorer/ntu-misshandel/"),
    (
        "indicator, compared, other year",
        "/indikatorer/ntu-misshandel/?territory=01&compare=12&compare=14&year=2015",
    ),
    ("indicator, kommun map", "/indikatorer/oj-skyddat-boende/?level=kommun"),
    ("indicator .json twin", "/indikatorer/ntu-misshandel.json"),
    ("territory (kommun)", "/territorier/0181/"),
    ("coverage", "/tackning/"),
    ("search", "/sok/?q=hot"),
    ("download, whole indicator, CSV", "/indikatorer/ntu-misshandel/data.csv"),
    ("download, whole indicator, JSON-stat", "/indikatorer/ntu-misshandel/data.jsonstat"),
]


def prepare(data_dir: Path) -> None:
    os.environ["LAGESBILD_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lagesbild.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from lagesbild.core.bootstrap import initialise
    from lagesbild.indicators.models import Observation

    data_dir.mkdir(parents=True, exist_ok=True)
    initialise()
    if not Observation.objects.filter(is_example=True).exists():
        call_command("example_data", "--seed", "1", stdout=io.StringIO())


def requester():
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()

    def get(url: str) -> tuple[str, int]:
        path, _, query = url.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "HTTP_HOST": "127.0.0.1",
            "wsgi.input": io.BytesIO(),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
        }
        statuses: list[str] = []
        body = application(environ, lambda status, headers: statuses.append(status))
        return statuses[0], sum(len(chunk) for chunk in body)

    return get


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT / "benchmarks" / "out" / "lab")
    parser.add_argument("--requests", type=int, default=500)
    args = parser.parse_args()
    prepare(args.data_dir)
    from lagesbild.core.versioning import clear_caches

    get = requester()
    get("/tillganglighet/")  # loads templates and translations once, outside the measurements
    print(f"{'page':40} {'status':8} {'size':>9} {'cold':>9} {'warm':>12}")
    for name, url in PAGES:
        clear_caches()
        started = time.perf_counter()
        status, size = get(url)
        cold = time.perf_counter() - started
        started = time.perf_counter()
        for _ in range(args.requests):
            get(url)
        rate = args.requests / (time.perf_counter() - started)
        print(
            f"{name:40} {status[:3]:8} {size / 1024:7.1f} kB {cold * 1000:7.0f} ms {rate:8.0f} req/s"
        )


if __name__ == "__main__":
    main()
