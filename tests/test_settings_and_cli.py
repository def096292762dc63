"""Settings fail loudly on values they cannot understand; the console script works end to end."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from lagesbild import settings as lagesbild_settings


def test_a_boolean_setting_that_is_not_a_boolean_is_named(monkeypatch):
    monkeypatch.setenv("LAGESBILD_DEBUG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="LAGESBILD_DEBUG='perhaps' is not a boolean"):
        lagesbild_settings.env_bool("LAGESBILD_DEBUG", False)
    monkeypatch.setenv("LAGESBILD_WORKERS", "many")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        lagesbild_settings.env_int("LAGESBILD_WORKERS", 1)
    monkeypatch.setenv("LAGESBILD_ALLOWED_HOSTS", "a.se, b.se")
    assert lagesbild_settings.env_list("LAGESBILD_ALLOWED_HOSTS", []) == ["a.se", "b.se"]


def run_cli(*args, env):
    return subprocess.run(
        [sys.executable, "-m", "lagesbild", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.slow
def test_a_new_user_initialises_exports_and_gets_clear_errors_from_the_console_script(tmp_path):
    env = {**os.environ, "LAGESBILD_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    first = run_cli("init", env=env)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "data" / "lagesbild.sqlite3").exists()
    assert "inget ändrades" in run_cli("init", env=env).stdout
    exported = run_cli(
        "export", "--territory", "01", "--indicator", "ntu-sexualbrott", "--sex", "K", env=env
    )
    assert "11.7" in exported.stdout and "Rapport 2019:6" in exported.stdout
    bad = tmp_path / "fel.csv"
    bad.write_text("indikator;territorium;period;värde\nntu-hot;01;2019;mycket\n", encoding="utf-8")
    rejected = run_cli("import", str(bad), env=env)
    assert rejected.returncode != 0
    assert "fel.csv: rad 2, kolumn 'värde': 'mycket' är inte ett tal" in rejected.stderr
    assert "Traceback" not in rejected.stderr
    broken = run_cli("export", env={**env, "LAGESBILD_DEBUG": "kanske"})
    assert (
        broken.returncode == 2
        and "LAGESBILD_DEBUG='kanske'" in broken.stderr
        and "Traceback" not in broken.stderr
    )
