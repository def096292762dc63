"""Helpers the benchmark scripts share (each script runs as `python benchmarks/<name>.py`, so this
folder is on the import path)."""

from __future__ import annotations

from pathlib import Path


def fresh_postgres(url: str) -> None:
    """Drops and creates the database named at the end of `url`, through the server's `postgres` database."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def write_catalogue(directory: Path, count: int) -> list[str]:
    """A catalogue file of `count` generated percentage indicators, readable at every level by sex."""
    directory.mkdir(parents=True, exist_ok=True)
    ids = [f"bench-{n:03d}" for n in range(1, count + 1)]
    lines = ["indicators:"]
    for indicator_id in ids:
        lines += [
            f"  - id: {indicator_id}",
            "    goal: 2",
            f"    name_sv: Benchmark {indicator_id}",
            f"    name_en: Benchmark {indicator_id}",
            "    status: indikator",
            "    data_source: genererad",
            "    agency: benchmark",
            "    unit: procent",
            "    decimals: 1",
            "    levels: [riket, lan, kommun]",
            "    by_sex: true",
            "    references: [https://example.invalid/genererad-for-hastighetsmatning]",
        ]
    (directory / "bench.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids
