"""The generated example directory covers all 21 counties and says it is example data everywhere."""

import io

from django.core.management import call_command

from lagesbild.directory.example import plans_for_county
from lagesbild.directory.models import Organization, Service
from lagesbild.territories.models import Territory


def test_every_county_gets_a_plausible_example_matrix():
    import random

    for county in Territory.objects.lan():
        plans = plans_for_county(county, random.Random(1))
        exposures = {code for plan in plans for code in plan.exposures}
        assert {
            "vald-i-nara-relation",
            "hedersrelaterat-vald",
            "sexualiserat-vald",
            "prostitution-manniskohandel",
            "utovar-vald-narstaende",
        } <= exposures, county.name
        assert all(plan.name.endswith("(exempel)") for plan in plans)
    assert Territory.objects.lan().count() == 21


def test_the_example_data_is_marked_everywhere_and_loads_twice_without_duplicates(client):
    out = io.StringIO()
    call_command("directory", "example-data", "--county", "01", stdout=out)
    assert out.getvalue().startswith("Exempeldata – fiktiva värden: ")
    count = Service.objects.count()
    assert count > 40
    assert not Service.objects.filter(is_example=False).exists()
    assert not Organization.objects.filter(is_example=False).exists()
    assert not Service.objects.exclude(name__endswith="(exempel)").exists()
    assert not Service.objects.exclude(phone__startswith="000-").exists()
    assert not Service.objects.exclude(website__startswith="https://example.org/").exists()
    mika = Service.objects.get(name="Mika-mottagningen (exempel)")
    assert "påhittade och beskriver inte den verkliga verksamheten" in mika.description

    search = client.get("/hitta-stod/", {"kommun": "Stockholm"}).content.decode()
    assert "Exempeldata – fiktiva värden" in search and "Exempeldata</span>" in search
    assert (
        client.get("/hsds/services").json()["contents"][0]["alert"]
        == "Exempeldata – fiktiva värden"
    )
    assert "Exempeldata – fiktiva värden" in client.get("/hitta-stod/matris.csv").content.decode(
        "utf-8-sig"
    )

    call_command("directory", "example_data", "--county", "01", stdout=io.StringIO())
    assert Service.objects.count() == count
