"""Shared fixtures: a real database holding the bundled reference data, and the project's personas."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

from lagesbild.accounts.models import Membership, Role
from lagesbild.core.bundled import load_all


def load_reference_data() -> None:
    """What `lagesbild init` loads: every app's bundled data, through the one registry."""
    load_all()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from what `lagesbild init` gives a new user, with an empty cache (a shared
    Redis cache may hold entries of an earlier run on another database)."""
    from django.core.cache import cache

    cache.clear()
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture(autouse=True)
def _database_for_every_test(db):
    """Tests run against the real database; each test's changes are rolled back afterwards."""


@pytest.fixture(autouse=True)
def _swedish_after_every_test():
    """A request in English leaves English active in the thread (LocaleMiddleware activates the
    language and nothing deactivates it); the next test starts in Swedish whatever ran before."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def make_person(
    username: str,
    role: str | None = None,
    county: str | None = None,
    municipality: str | None = None,
):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.se", password="lösenord-för-test-123"
    )
    if role:
        Membership.objects.create(
            user=user, role=role, county_id=county, municipality_id=municipality
        )
    return user


@pytest.fixture
def stockholm_editor():
    """Works at Länsstyrelsen Stockholm and edits Stockholm county's data."""
    return make_person("stina.stockholm", Role.COUNTY_EDITOR, county="01")


@pytest.fixture
def skane_editor():
    """Works at Länsstyrelsen Skåne; must not be able to change Stockholm's data."""
    return make_person("sven.skane", Role.COUNTY_EDITOR, county="12")


@pytest.fixture
def national_admin():
    """The national coordinator, who may edit everything."""
    return make_person("nora.nationell", Role.NATIONAL_ADMIN)


@pytest.fixture
def municipal_respondent():
    """The violence-prevention coordinator of Södertälje kommun."""
    return make_person("maja.sodertalje", Role.MUNICIPAL_COORDINATOR, municipality="0181")


@pytest.fixture
def anonymous_visitor(client):
    """Anyone on the web, not logged in."""
    return client
