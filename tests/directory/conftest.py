"""The directory's vocabularies come from a data migration; these fixtures give each story a client
logged in as one of the project's personas."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The personas are created with passwords; the real hasher's deliberate slowness only slows stories here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def as_person(client):
    """Returns a client logged in as the given user."""

    def log_in(user):
        client.force_login(user)
        return client

    return log_in


@pytest.fixture
def uppsala_editor():
    """Works at Länsstyrelsen Uppsala; decides on catchments that reach into Uppsala län."""
    from lagesbild.accounts.models import Role
    from tests.conftest import make_person

    return make_person("ulla.uppsala", Role.COUNTY_EDITOR, county="03")
