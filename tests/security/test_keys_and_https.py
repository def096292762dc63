"""No installation ever runs on a known secret key, and behind the TLS proxy every link is https and
Django's own deployment check has nothing to warn about."""

import os
import stat
import subprocess
import sys

import pytest
from django.test import override_settings

from lagesbild import settings as lagesbild_settings

REAL_KEY = "Kx7-" + "q3Zr9LmT2vWbN8yHc5JdG4sPfA6eUoRi1nXkYtB0hMzQwEaVjS"


def start(*args, env):
    return subprocess.run(
        [sys.executable, "-m", "lagesbild", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def fresh_environment(tmp_path, **variables):
    # DJANGO_ALLOW_ASYNC_UNSAFE is the browser tests' own switch, not part of an installation.
    unset = ("LAGESBILD_SECRET_KEY", "DATABASE_URL", "LAGESBILD_HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    return {**env, "LAGESBILD_DATA_DIR": str(tmp_path / "data"), **variables}


def key_seen_by(env) -> str:
    shown = start(
        "shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)", env=env
    )
    assert shown.returncode == 0, shown.stderr
    return shown.stdout.strip().splitlines()[-1]


def test_without_a_key_the_first_start_makes_a_random_one_and_keeps_it_private(tmp_path):
    env = fresh_environment(tmp_path)
    first = key_seen_by(env)
    key_file = tmp_path / "data" / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(first) >= 50 and first not in lagesbild_settings.PUBLIC_KEYS
    assert key_seen_by(env) == first, "a restart keeps the installation's key"
    assert key_seen_by(fresh_environment(tmp_path / "other")) != first, (
        "every installation has its own"
    )


@pytest.mark.parametrize("key", [*sorted(lagesbild_settings.PUBLIC_KEYS), "short-key"])
def test_a_known_or_short_key_is_refused_with_a_clear_message(tmp_path, key):
    refused = start("check", env=fresh_environment(tmp_path, LAGESBILD_SECRET_KEY=key))
    assert refused.returncode == 2
    assert "LAGESBILD_SECRET_KEY" in refused.stderr and "Traceback" not in refused.stderr


def test_no_key_written_in_the_repository_is_accepted():
    """Every string the repository assigns to the secret key is on the refused list."""
    import re
    from pathlib import Path

    root = Path(lagesbild_settings.__file__).resolve().parent.parent
    assigned = set()
    for path in [
        *root.glob("*.md"),
        *root.glob("docs/**/*.md"),
        *root.glob("lagesbild/**/*.py"),
        *root.glob(".ci/*"),
        root / "Makefile",
    ]:
        text = path.read_text(encoding="utf-8", errors="replace")
        assigned |= set(
            re.findall(
                r"(?:LAGESBILD_SECRET_KEY|SECRET_KEY)\s*[=:]\s*[\"']([^\"'$<{]{8,})[\"']", text
            )
        )
    assert assigned <= lagesbild_settings.PUBLIC_KEYS, assigned - lagesbild_settings.PUBLIC_KEYS


def test_the_deployment_check_is_clean_behind_https(tmp_path):
    env = fresh_environment(
        tmp_path,
        LAGESBILD_HTTPS="true",
        LAGESBILD_SECRET_KEY=REAL_KEY,
        LAGESBILD_ALLOWED_HOSTS="lagesbild.example.se",
        LAGESBILD_PUBLISHER_NAME="Länsstyrelsen Exempel",
        LAGESBILD_PUBLISHER_URI="https://lagesbild.example.se/utgivare",
        LAGESBILD_CONTACT_EMAIL="oppnadata@lagesbild.example.se",
        LAGESBILD_ORGANISATION_NAME="Länsstyrelsen Exempel",
    )
    checked = start("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "no issues" in checked.stdout
    without = start(
        "check", "--deploy", env=fresh_environment(tmp_path, LAGESBILD_SECRET_KEY=REAL_KEY)
    )
    assert "security.W008" in without.stderr + without.stdout, (
        "a plain-http installation is warned about"
    )
    assert "lagesbild.W010" in without.stderr + without.stdout, (
        "an installation that has not named the publisher of its open data is warned about"
    )
    assert "lagesbild.W011" in without.stderr + without.stdout, (
        "an installation whose accessibility statement names no responsible body is warned about"
    )


def test_links_built_behind_the_proxy_are_https(client, stockholm_editor):
    https = lagesbild_settings.https_settings(True)
    with override_settings(**https):
        response = client.get("/hsds/", HTTP_X_FORWARDED_PROTO="https")
        assert response.status_code == 200
        body = response.json()
        assert body["openapi_url"].startswith("https://"), body
        assert response["Strict-Transport-Security"].startswith("max-age=31536000")
        plain = client.get("/hsds/")
        assert plain.status_code == 301 and plain["Location"].startswith("https://")


def test_behind_https_cookies_are_sent_only_over_tls(client, stockholm_editor):
    with override_settings(**lagesbild_settings.https_settings(True)):
        client.force_login(stockholm_editor)
        response = client.get("/arbetsyta/", HTTP_X_FORWARDED_PROTO="https")
        assert response.status_code == 200
        assert client.cookies["sessionid"]["secure"] is True
