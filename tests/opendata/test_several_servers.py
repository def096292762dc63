"""Several application servers behind a load balancer: two gunicorn servers on one PostgreSQL database
and one Redis cache. A national administrator imports figures on the first server; the second server
shows them at once, on the API and on the indicator page it had cached a moment before, because every
cached answer is keyed on the content version each server reads from the database per request."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.builders import a_row, a_template_csv
from tests.security.test_backup_restore import (
    ON_POSTGRES,
    ROOT,
    a_database,
    an_installation,
    database_name,
    lagesbild,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not ON_POSTGRES, reason="runs when DATABASE_URL is PostgreSQL"),
    pytest.mark.skipif(
        not os.environ.get("LAGESBILD_CACHE_URL", "").startswith("redis"),
        reason="runs when LAGESBILD_CACHE_URL names a Redis server (.ci/run starts one)",
    ),
]
SLICE = "/api/v1/observations?indicator=ntu-hot&territory=01&period=2019&sex=K"
PAGE = "/indikatorer/ntu-hot/?territory=01&sex=K"
PASSWORD = "ett-långt-lösenord-för-test-4711"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def a_server(env: dict, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--log-level",
            "warning",
            "lagesbild.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_for(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read().decode()[-3000:]
        try:
            if httpx.get(f"{base}/api/v1/", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"{base} did not answer within 60 s")


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    """Two servers with the same secret key, data directory, database and cache."""
    url = a_database(database_name("two_servers"))
    env = an_installation(tmp_path_factory.mktemp("servers") / "data", url)
    env |= {
        "LAGESBILD_SECRET_KEY": "två-servrar-samma-nyckel-" + "x" * 40,
        "LAGESBILD_CACHE_PREFIX": f"two-servers-{os.getpid()}",
        "LAGESBILD_LOG_LEVEL": "ERROR",
    }
    lagesbild("init", env=env)
    lagesbild(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; "
        "from lagesbild.accounts.models import Membership, Role; "
        f"u = get_user_model().objects.create_user('nora', 'nora@example.se', {PASSWORD!r}); "
        "Membership.objects.create(user=u, role=Role.NATIONAL_ADMIN)",
        env=env,
    )
    ports = [free_port(), free_port()]
    servers = [a_server(env, port) for port in ports]
    try:
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for base, server in zip(bases, servers):
            wait_for(base, server)
        yield bases
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


def logged_in(base: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60)
    form = client.get("/konto/logga-in/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    done = client.post(
        "/konto/logga-in/",
        data={"username": "nora", "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/konto/logga-in/"},
    )
    assert done.status_code == 302, done.text[-2000:]
    return client


def values_of(answer: httpx.Response) -> list[float]:
    assert answer.status_code == 200, answer.text[-1000:]
    return [row["value"] for row in answer.json()["observations"]]


def test_an_import_on_one_server_shows_at_once_on_the_other(two_servers, tmp_path):
    first, second = two_servers
    before = httpx.get(second + SLICE)
    page_before = httpx.get(second + PAGE)
    assert values_of(before) == [] and page_before.status_code == 200
    assert httpx.get(second + SLICE).headers["X-Data-Version"] == before.headers["X-Data-Version"]

    editor = logged_in(first)
    figures = a_template_csv(tmp_path, [a_row(value="47,5")], name="ntu-2019.csv")
    form = editor.get("/data/importera/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    saved = editor.post(
        "/data/importera/",
        data={"source": "Två servrar", "csrfmiddlewaretoken": token},
        files={"file": ("ntu-2019.csv", figures.read_bytes(), "text/csv")},
        headers={"Referer": f"{first}/data/importera/"},
    )
    assert saved.status_code == 200 and "Importen är sparad" in saved.text

    after = httpx.get(second + SLICE)
    assert values_of(after) == [47.5], "the second server shows the import at once"
    assert after.headers["X-Data-Version"] != before.headers["X-Data-Version"]
    assert after.headers["X-Data-Version"] == httpx.get(first + SLICE).headers["X-Data-Version"]
    assert "47,5" in httpx.get(second + PAGE).text, "the cached page gave way to the new data"


def test_both_servers_share_one_cache(two_servers):
    """An answer one server computed is served by the other from Redis (behind a load balancer both
    see the same public host name): the entry the first wrote is what the second answers with."""
    import pickle

    import redis

    first, second = two_servers
    address = "/api/v1/territories?level=lan"
    public = {"Host": "localhost"}
    assert httpx.get(first + address, headers=public).status_code == 200
    store = redis.Redis.from_url(os.environ["LAGESBILD_CACHE_URL"])
    keys = list(store.scan_iter(match=f"two-servers-{os.getpid()}:*:lagesbild:api:*", count=1000))
    assert keys, "the first server kept its answer in Redis"
    marked = pickle.dumps(("application/json", b'{"written_by": "the first server"}'))
    for key in keys:
        store.set(key, marked, keepttl=True)
    served = httpx.get(second + address, headers=public)
    assert served.json() == {"written_by": "the first server"}
