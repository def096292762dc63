"""Opening hours as a weekly schedule: read as people write them, written back the same way."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lagesbild.directory import hours

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_weekdays_ranges_and_split_days_are_read():
    week = hours.parse_week("Mån–Fre 9–12, 13.00-16:30; lör 10-14")
    assert not week.always_open
    assert week.as_json()[:2] == [
        {"day": 0, "opens": "09:00", "closes": "12:00"},
        {"day": 0, "opens": "13:00", "closes": "16:30"},
    ]
    assert {p["day"] for p in week.as_json()} == {0, 1, 2, 3, 4, 5}


@pytest.mark.parametrize("text", ["dygnet runt", "24/7", "Dygnet Runt", "always open"])
def test_around_the_clock_is_a_flag_not_seven_periods(text):
    week = hours.parse_week(text)
    assert week.always_open and week.periods == []


def test_english_day_names_and_missing_diacritics_are_understood():
    assert (
        hours.parse_week("mon-fri 08-16").as_json()
        == hours.parse_week("man–fre 08:00–16:00").as_json()
    )
    assert hours.parse_week("sondag 12-15").as_json() == [
        {"day": 6, "opens": "12:00", "closes": "15:00"}
    ]


def test_a_night_shift_is_split_at_midnight():
    assert hours.parse_week("fre 22:00–06:00").as_json() == [
        {"day": 4, "opens": "22:00", "closes": "24:00"},
        {"day": 5, "opens": "00:00", "closes": "06:00"},
    ]
    assert hours.parse_week("sön 20–02").as_json()[0] == {
        "day": 0,
        "opens": "00:00",
        "closes": "02:00",
    }


@pytest.mark.parametrize(
    "text, problem",
    [
        ("mån 25:00–26:00", "är ingen tid"),
        ("blåmåndag 9–16", "är ingen veckodag"),
        ("9–16", "ange dagar och tider"),
        ("mån nio–fem", "ange dagar och tider"),
        ("tis 10–10", "öppnar och stänger samma tid"),
    ],
)
def test_unreadable_hours_say_what_to_write(text, problem):
    with pytest.raises(hours.HoursError, match=problem):
        hours.parse_week(text)


def test_consecutive_days_with_the_same_hours_are_written_together():
    week = hours.parse_week("mån 9-16; tis 9-16; ons 9-16; fre 9-15")
    assert hours.describe_week(False, week.periods, "sv") == "mån–ons 09.00–16.00; fre 09.00–15.00"
    assert hours.describe_week(False, week.periods, "en") == "Mon–Wed 09:00–16:00; Fri 09:00–15:00"
    assert hours.notation(False, week.periods) == "mån–ons 09:00–16:00; fre 09:00–15:00"


day_periods = st.lists(
    st.tuples(st.integers(0, 6), st.integers(0, 95), st.integers(1, 96)).filter(
        lambda p: p[1] < p[2]
    ),
    max_size=10,
)


@given(day_periods)
def test_the_notation_reads_back_to_the_same_schedule(raw):
    periods = hours.normalise([hours.Period(day, start * 15, end * 15) for day, start, end in raw])
    assert hours.parse_week(hours.notation(False, periods)).periods == periods


def test_open_now_follows_stockholm_summer_and_winter_time():
    periods = hours.parse_week("mån–fre 09:00–16:00").periods
    assert hours.is_open(
        False, periods, datetime(2025, 7, 1, 7, 30, tzinfo=ZoneInfo("UTC"))
    )  # 09:30 CEST
    assert not hours.is_open(
        False, periods, datetime(2025, 1, 7, 7, 30, tzinfo=ZoneInfo("UTC"))
    )  # 08:30 CET
    assert not hours.is_open(
        False, periods, datetime(2025, 7, 5, 12, 0, tzinfo=STOCKHOLM)
    )  # Saturday
    assert hours.is_open(True, [], datetime(2025, 7, 5, 3, 0, tzinfo=STOCKHOLM))
