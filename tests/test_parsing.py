import pytest

from lagesbild.indicators.parsing import parse_number, parse_period, parse_sex, parse_status


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("11,7", 11.7),
        ("11,7 %", 11.7),
        ("11,7%", 11.7),
        ("1 234", 1234),
        ("1\u00a0234,5", 1234.5),
        ("\u22123", -3),
        ("12.5", 12.5),
        (7, 7.0),
        ("", None),
        (None, None),
        ("  ", None),
    ],
)
def test_swedish_and_plain_number_formats(typed, number):
    assert parse_number(typed) == number


@pytest.mark.parametrize("typed", ["tolv", "1,2,3", "1.234,5", "1e400", "12 %%", "--3"])
def test_things_that_are_not_numbers_are_named(typed):
    with pytest.raises(ValueError) as error:
        parse_number(typed)
    assert repr(typed) in str(error.value)


@pytest.mark.parametrize(
    ("typed", "period"),
    [
        ("2017", (2017, 2017)),
        (2017, (2017, 2017)),
        (2017.0, (2017, 2017)),
        ("2016–2018", (2016, 2018)),
        ("2016-2018", (2016, 2018)),
        ("2016 – 2018", (2016, 2018)),
        ("2016 till 2018", (2016, 2018)),
    ],
)
def test_periods_are_a_year_or_a_range(typed, period):
    assert parse_period(typed) == period


@pytest.mark.parametrize(
    ("typed", "reason"), [("2018–2016", "omvänd"), ("17", "inte en period"), ("1850", "utanför")]
)
def test_bad_periods_say_why(typed, reason):
    with pytest.raises(ValueError, match=reason):
        parse_period(typed)


def test_sex_and_status_words_in_swedish_and_english():
    assert [parse_sex(w) for w in ("T", "kvinnor", "Män", "women", "", None)] == [
        "T",
        "K",
        "M",
        "K",
        "T",
        "T",
    ]
    assert [parse_status(w) for w in ("", "ok", "preliminär", "saknas", "skyddad")] == [
        "ok",
        "ok",
        "preliminary",
        "missing",
        "suppressed",
    ]
    with pytest.raises(ValueError, match="okänd status"):
        parse_status("kanske")
