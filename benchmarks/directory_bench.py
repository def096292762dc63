"""Directory speed: 20,000 generated services; p50/p99 of a municipality + exposure-type search and of
an HSDS /services page.

Usage:
    .venv/bin/python benchmarks/directory_bench.py [--services 20000] [--requests 500]
        [--databases sqlite,postgres] [--postgres-url postgres://postgres@127.0.0.1:5432/lagesbild_dirbench]

Each database is measured in a child process against a fresh database holding the bundled reference
data and the generated services (bulk-inserted, marked as example data). Every measured request goes
through the whole Django stack with the test client (URL routing, middleware, form, query, template
or JSON): the public page /hitta-stod/?kommun=…&utsatthet=… (20 results per page, as a visitor sees
it) and /hsds/services?page=…&per_page=50 (half with a taxonomy_term_id filter). Municipalities,
exposure types and pages are drawn at random with a fixed seed. Target (issue 4): p99 under 50 ms.
Besides wall-clock time the script prints the CPU time the Django process spent per request, which a
busy machine inflates far less, and the load average, so figures from a shared machine can be read.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from common import fresh_postgres

ROOT = Path(__file__).resolve().parent.parent


def generate(count: int, seed: int = 4) -> None:
    """Bulk-inserts `count` services spread over the country like a real directory: mostly one
    municipality, some whole counties, a handful national."""
    from django.db import transaction

    from lagesbild.core.text import swedish_fold
    from lagesbild.directory import hours
    from lagesbild.directory.models import (
        EXPOSURE,
        SECTOR,
        TARGET_GROUP,
        CatchmentLevel,
        Language,
        OpeningPeriod,
        Organization,
        Service,
        ServiceStatus,
        TaxonomyTerm,
    )
    from lagesbild.territories.models import Territory

    rng = random.Random(seed)
    exposures = list(TaxonomyTerm.objects.of(EXPOSURE))
    targets = list(TaxonomyTerm.objects.of(TARGET_GROUP))
    sectors = list(TaxonomyTerm.objects.of(SECTOR))
    languages = list(Language.objects.all())
    municipalities = list(Territory.objects.kommuner())
    counties = list(Territory.objects.lan())
    schedules = [
        hours.parse_week(text)
        for text in (
            "mån–fre 08:00–16:00",
            "mån–tor 09:00–17:00; fre 09:00–15:00",
            "dygnet runt",
            "mån–fre 18:00–22:00; lör–sön 12:00–20:00",
        )
    ]
    organizations = [
        Organization(
            id=uuid.UUID(int=rng.getrandbits(128)),
            name=f"Huvudman {n} (exempel)",
            county=rng.choice(counties),
            is_example=True,
        )
        for n in range(count // 6)
    ]
    services, links = (
        [],
        {"exposure_types": [], "target_groups": [], "catchment_areas": [], "languages": []},
    )
    periods = []
    for number in range(count):
        organization = rng.choice(organizations)
        draw = rng.random()
        if draw < 0.005:
            level, areas, county = CatchmentLevel.NATION, [Territory(code="00")], "00"
        elif draw < 0.25:
            chosen = rng.choice(counties)
            level, areas, county = CatchmentLevel.COUNTIES, [chosen], chosen.code
        else:
            first = rng.choice(municipalities)
            level, areas, county = CatchmentLevel.MUNICIPALITIES, [first], first.code[:2]
        week = rng.choice(schedules)
        name = f"Verksamhet {number} (exempel)"
        service = Service(
            id=uuid.UUID(int=rng.getrandbits(128)),
            county_id=county,
            name=name,
            organization=organization,
            sector=rng.choice(sectors),
            catchment_level=level,
            always_open=week.always_open,
            weekly_hours=week.as_json(),
            status=ServiceStatus.PUBLISHED if rng.random() < 0.95 else ServiceStatus.DRAFT,
            is_example=True,
            phone="000-00 00 00",
            website="https://example.org/",
            description="Exempeldata – fiktiva värden",
            search_text=swedish_fold(f"{name} {organization.name} exempeldata fiktiva värden"),
        )
        services.append(service)
        links["exposure_types"] += [
            (service.id, t.pk) for t in rng.sample(exposures, rng.randint(1, 3))
        ]
        links["target_groups"] += [
            (service.id, t.pk) for t in rng.sample(targets, rng.randint(1, 4))
        ]
        links["catchment_areas"] += [(service.id, t.code) for t in areas]
        links["languages"] += [
            (service.id, lang.code) for lang in rng.sample(languages, rng.randint(1, 4))
        ]
        periods += [
            OpeningPeriod(service_id=service.id, weekday=p.day, opens=p.opens, closes=p.closes)
            for p in week.periods
        ]
    with transaction.atomic():
        Organization.objects.bulk_create(organizations, batch_size=2000)
        Service.objects.bulk_create(services, batch_size=2000)
        for name, pairs in links.items():
            field = Service._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            through.objects.bulk_create(
                [through(**{f"{source}_id": s, f"{target}_id": t}) for s, t in pairs],
                batch_size=5000,
            )
        OpeningPeriod.objects.bulk_create(periods, batch_size=5000)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(client, urls: list[str]) -> dict:
    for url in urls[:20]:  # warm-up: first template loads, query plans, caches
        client.get(url)
    timings, cpu = [], []
    for url in urls:
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return {
        "p50": percentile(timings, 0.50),
        "p99": percentile(timings, 0.99),
        "max": max(timings),
        "n": len(timings),
        "cpu_p50": percentile(cpu, 0.50),
        "cpu_p99": percentile(cpu, 0.99),
    }


def child(database_url: str, count: int, requests: int) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lagesbild.settings")
    os.environ.setdefault("LAGESBILD_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from lagesbild.core.bootstrap import initialise
    from lagesbild.directory.models import EXPOSURE, Service, TaxonomyTerm
    from lagesbild.directory.vocabulary import sync_vocabularies
    from lagesbild.territories.models import Territory

    initialise()
    sync_vocabularies()
    started = time.perf_counter()
    generate(count)
    generated = time.perf_counter() - started
    if connection.vendor == "postgresql":
        # After a bulk load PostgreSQL plans blind until autovacuum has analysed the tables; a real
        # installation gets there within a minute, so measure the state it will be in.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    rng = random.Random(7)
    municipalities = list(Territory.objects.kommuner().values_list("name", flat=True))
    exposures = list(TaxonomyTerm.objects.of(EXPOSURE))
    search_urls = [
        f"/hitta-stod/?kommun={rng.choice(municipalities)}&utsatthet={rng.choice(exposures).code}"
        for _ in range(requests)
    ]
    pages = max(1, Service.objects.published().count() // 50)
    hsds_urls = [
        f"/hsds/services?page={rng.randint(1, 20)}&per_page=50&taxonomy_term_id={rng.choice(exposures).uuid}"
        if n % 2
        else f"/hsds/services?page={rng.randint(1, pages)}&per_page=50"
        for n in range(requests)
    ]
    client = Client()
    results = {
        "services": Service.objects.count(),
        "generate_seconds": generated,
        "search": measure(client, search_urls),
        "hsds": measure(client, hsds_urls),
        "load": os.getloadavg()[0],
    }
    print(json.dumps(results))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--services", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument(
        "--postgres-url", default="postgres://postgres@127.0.0.1:5432/lagesbild_dirbench"
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), int(args.child[2]))
        return
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="lagesbild-dirbench-") as tmp:
        for database in args.databases.split(","):
            if database == "sqlite":
                url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
            else:
                url = args.postgres_url
                fresh_postgres(url)
            env = dict(os.environ, LAGESBILD_DATA_DIR=tmp, PYTHONPATH=str(ROOT))
            result = subprocess.run(
                [sys.executable, __file__, "--child", url, str(args.services), str(args.requests)],
                capture_output=True,
                text=True,
                check=False,
                env=env,
            )
            if result.returncode != 0:
                print(f"{database}: failed\n{result.stderr[-3000:]}")
                continue
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            print(
                f"{database}: {figures['services']:,} services generated in {figures['generate_seconds']:.1f} s; "
                f"load average {figures['load']:.1f} on {os.cpu_count()} CPUs after measuring"
            )
            for key, label in (
                ("search", "municipality + exposure search page"),
                ("hsds", "HSDS /services page (50)"),
            ):
                f = figures[key]
                verdict = "meets" if f["p99"] < 50 else "MISSES"
                print(
                    f"  {label:38} p50 {f['p50']:6.1f} ms  p99 {f['p99']:6.1f} ms  max {f['max']:6.1f} ms  "
                    f"(n={f['n']}; {verdict} the 50 ms p99 target)"
                )
                print(
                    f"  {'':38} CPU time of the Django process: p50 {f['cpu_p50']:5.1f} ms  p99 {f['cpu_p99']:5.1f} ms"
                )


if __name__ == "__main__":
    main()
