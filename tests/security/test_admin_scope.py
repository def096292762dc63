"""The Django admin edits every county's rows, so it is open to the national administrator only: a
county editor who has been given staff rights still cannot reach it."""

import pytest

from lagesbild.directory.models import Service
from tests.directory.builders import a_sheltered_home


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def as_staff(client, person):
    person.is_staff = True
    person.save()
    client.force_login(person)
    return client


def test_a_county_editor_with_staff_rights_cannot_open_the_admin(client, skane_editor):
    home = a_sheltered_home()
    staff = as_staff(client, skane_editor)
    for url in (
        "/admin/",
        "/admin/directory/service/",
        f"/admin/directory/service/{home.pk}/change/",
    ):
        response = staff.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    assert (
        "Hemliga vägen 7"
        not in staff.get(
            f"/admin/directory/service/{home.pk}/change/", follow=True
        ).content.decode()
    )


def test_the_national_administrator_uses_it_but_cannot_clear_a_protection_there(
    client, national_admin
):
    home = a_sheltered_home()
    admin = as_staff(client, national_admin)
    assert admin.get("/admin/directory/service/").status_code == 200
    page = admin.get(f"/admin/directory/service/{home.pk}/change/").content.decode()
    assert 'name="location_confidential"' not in page, "the protection is read-only in the admin"
    assert Service.objects.get(pk=home.pk).location_confidential
