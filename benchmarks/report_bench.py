"""Report speed: one county report in all three formats, and all 21 counties plus the national
compilation, on a fresh SQLite database with the bundled data and generated example data.

Usage:
    .venv/bin/python benchmarks/report_bench.py [--year 2018] [--county 01] [--jobs 0] [--runs 3]

Steps, each timed:
  1. one county in a fresh process (the console script's cost: Django start-up and the chart
     renderer's first start included): build the report once and write HTML, PDF and Word;
  2. the same in a warm process (charts drawn again, nothing cached), to show the steady cost;
  3. `lagesbild report --all --year Y --out DIR` as a user runs it (all three formats for 22 reports),
     with --jobs workers (0: the command's default, one per core up to four).
Targets: under 3 s for one county in all three formats (the building and writing, step 2), under 30 s for
all 21 counties and the national compilation, on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAGESBILD = [sys.executable, "-m", "lagesbild"]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(args: list[str], env: dict) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and every process it waited for)."""
    started, cpu = time.perf_counter(), children_cpu()
    subprocess.run(
        args, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - started, children_cpu() - cpu


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def one_county(county: str, year: int, out: str) -> None:
    """Runs in a child process: one report in all three formats, timed by phase, printed as JSON."""
    started = time.perf_counter()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lagesbild.settings")
    import django

    django.setup()
    from lagesbild.core.versioning import clear_caches
    from lagesbild.reports.render import render
    from lagesbild.reports.services import build, report_key

    setup = time.perf_counter() - started
    results = []
    for _attempt in range(
        2
    ):  # a fresh process, then the same process again with the caches emptied
        clear_caches()
        phases, begun, cpu = {}, time.perf_counter(), own_cpu()
        document = build(report_key(county, year))
        phases["build"] = time.perf_counter() - begun
        for fmt in ("html", "pdf", "docx"):
            mark = time.perf_counter()
            Path(out, f"{county}.{fmt}").write_bytes(render(document, fmt))
            phases[fmt] = time.perf_counter() - mark
        phases["total"] = time.perf_counter() - begun
        phases["cpu"] = own_cpu() - cpu
        phases["figures"] = len(document.figures())
        results.append(phases)
    print(json.dumps({"setup": setup, "fresh": results[0], "warm": results[1]}))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--year", type=int, default=2018)
    parser.add_argument("--county", default="01")
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        one_county(args.child[0], int(args.child[1]), args.child[2])
        return
    with tempfile.TemporaryDirectory(prefix="lagesbild-report-bench-") as workdir:
        env = {
            **os.environ,
            "LAGESBILD_DATA_DIR": workdir,
            "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
        }
        print(f"Setting up {workdir}: init and example data …", flush=True)
        run([*LAGESBILD, "init"], env)
        run([*LAGESBILD, "example-data"], env)
        print(
            f"CPU cores: {os.cpu_count()}; Python {sys.version.split()[0]}; load average before: "
            f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}"
        )
        singles = []
        for _ in range(args.runs):
            out = tempfile.mkdtemp(dir=workdir)
            started = time.perf_counter()
            line = (
                subprocess.run(
                    [sys.executable, __file__, "--child", args.county, str(args.year), out],
                    check=True,
                    env=env,
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                )
                .stdout.strip()
                .splitlines()[-1]
            )
            process = time.perf_counter() - started
            singles.append((json.loads(line), process))
        print(
            f"\nOne county ({args.county}, {args.year}) in HTML, PDF and Word — {args.runs} runs, median:"
        )
        for label, key in (("fresh process", "fresh"), ("warm process", "warm")):
            rows = [s[0][key] for s in singles]
            med = {
                k: statistics.median(r[k] for r in rows)
                for k in ("build", "html", "pdf", "docx", "total", "cpu")
            }
            print(
                f"  {label:14} total {med['total']:5.2f} s, CPU {med['cpu']:.2f} s  (build {med['build']:.2f}, html with "
                f"the charts {med['html']:.2f}, pdf {med['pdf']:.2f}, docx {med['docx']:.2f}; {rows[0]['figures']} figures)"
            )
        print(
            f"  whole child process including Django start-up: {statistics.median(s[1] for s in singles):.2f} s"
        )
        totals = []
        for _ in range(args.runs):
            out = tempfile.mkdtemp(dir=workdir)
            command = [*LAGESBILD, "report", "--all", "--year", str(args.year), "--out", out]
            if args.jobs:
                command += ["--jobs", str(args.jobs)]
            totals.append(run(command, env))
            files = len(list(Path(out).iterdir()))
        print(
            f"\nAll 21 counties and the national compilation, 3 formats ({files} files), --jobs {args.jobs or 'default'}:"
        )
        print(
            f"  median {statistics.median(t[0] for t in totals):.1f} s wall, "
            f"{statistics.median(t[1] for t in totals):.1f} s CPU in all processes; runs: "
            f"{', '.join(f'{t[0]:.1f}' for t in totals)} s"
        )
        print(
            f"Load average after: {', '.join(f'{x:.1f}' for x in os.getloadavg())} (other work on the machine slows every figure)"
        )


if __name__ == "__main__":
    main()
