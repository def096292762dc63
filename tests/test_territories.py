import pytest

from lagesbild.territories.models import Level, Territory, TerritoryIndex, UnknownTerritory


def test_riket_the_21_lan_and_the_290_kommuner_are_loaded_with_parents():
    assert Territory.objects.filter(level=Level.RIKET).get().code == "00"
    lan = Territory.objects.lan()
    assert lan.count() == 21
    assert set(lan.values_list("code", flat=True)) == {
        "01",
        "03",
        "04",
        "05",
        "06",
        "07",
        "08",
        "09",
        "10",
        "12",
        "13",
        "14",
        "17",
        "18",
        "19",
        "20",
        "21",
        "22",
        "23",
        "24",
        "25",
    }
    assert Territory.objects.kommuner().count() == 290
    assert all(t.parent_id == "00" for t in lan)
    sodertalje = Territory.objects.get(code="0181")
    assert sodertalje.name == "Södertälje"
    assert [t.code for t in sodertalje.lineage()] == ["0181", "01", "00"]


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("01", "01"),
        ("1", "01"),
        ("0180", "0180"),
        ("180", "0180"),
        ("Stockholm", "0180"),
        ("Stockholms län", "01"),
        ("stockholms lan", "01"),
        ("Malmö", "1280"),
        ("malmo", "1280"),
        ("MALMÖ", "1280"),
        ("Skåne län", "12"),
        ("Skåne", "12"),
        ("Riket", "00"),
        ("Sverige", "00"),
        ("Gotland", "0980"),
        ("Västra Götalands län", "14"),
    ],
)
def test_codes_and_names_resolve_tolerantly(typed, code):
    assert TerritoryIndex().resolve(typed).code == code


@pytest.mark.parametrize("typed", ["Atlantis", "99", "0000", ""])
def test_unknown_territories_are_rejected_with_a_message_naming_them(typed):
    with pytest.raises(UnknownTerritory) as error:
        TerritoryIndex().resolve(typed)
    assert (repr(typed) in str(error.value)) if typed else "saknas" in str(error.value)
