"""A web worker on SQLite keeps its database connection between requests (LAGESBILD_DB_CONN_MAX_AGE),
instead of opening one, with its PRAGMAs, for every request."""

import json
import os
import subprocess
import sys

import pytest

# Three requests through Django's WSGI handler, as a gunicorn worker makes them; prints how many
# database connections were opened while they were answered.
WORKER = """
import json, django
django.setup()
from django.core.management import call_command
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.db.backends.signals import connection_created
from wsgiref.util import setup_testing_defaults
call_command("migrate", verbosity=0)
opened, statuses = [], []
connection_created.connect(lambda sender, **kw: opened.append(1), weak=False)
application = WSGIHandler()

def three_requests():
    del opened[:]
    for _ in range(3):
        environ = {"PATH_INFO": "/api/v1/observations", "QUERY_STRING": "indicator=x"}
        setup_testing_defaults(environ)
        b"".join(application(environ, lambda status, headers: statuses.append(status)))
    return len(opened)

kept = three_requests()
max_age = connection.settings_dict["CONN_MAX_AGE"]
connection.settings_dict["CONN_MAX_AGE"] = 0  # as LAGESBILD_DB_CONN_MAX_AGE=0 sets it
connection.close()
print(json.dumps({"max_age": max_age, "kept": kept, "closed": three_requests(), "statuses": statuses}))
"""


def requests_on_sqlite(tmp_path) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'lagesbild.sqlite3'}",
        "LAGESBILD_DATA_DIR": str(tmp_path / "data"),
        "DJANGO_SETTINGS_MODULE": "lagesbild.settings",
    }
    env.pop("LAGESBILD_DB_CONN_MAX_AGE", None)
    done = subprocess.run(
        [sys.executable, "-c", WORKER], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_a_worker_answers_request_after_request_on_one_sqlite_connection(tmp_path):
    worker = requests_on_sqlite(tmp_path)
    # Every request read the database (the indicator is looked up and not found).
    assert worker["statuses"] == ["404 Not Found"] * 6
    assert worker["max_age"] == 60
    assert worker["kept"] == 0  # the connection opened before the first request served all three
    assert worker["closed"] == 3  # with a maximum age of 0, one connection per request
