"""Helpers the benchmark scripts share (each script runs as `python benchmarks/<name>.py`, so this
folder is on the import path)."""

from __future__ import annotations


def fresh_postgres(url: str) -> None:
    """Drops and creates the database named at the end of `url`, through the server's `postgres` database."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
