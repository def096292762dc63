"""Guessing passwords gets nowhere: after five wrong passwords for one account, or from one address,
every attempt is refused for the configured time, the right password too; the refusal reads the same
for accounts that do not exist; logins expire and a password change ends every other session."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

PASSWORD = "lösenord-för-test-123"
LOCKED = "För många misslyckade inloggningar"
WRONG = "Fel användarnamn eller lösenord"


def log_in(client, username, password, address="198.51.100.7", language_prefix=""):
    return client.post(
        f"{language_prefix}/konto/logga-in/",
        {"username": username, "password": password, "next": "/arbetsyta/"},
        REMOTE_ADDR=address,
    )


def is_logged_in(client) -> bool:
    return client.get("/arbetsyta/").status_code == 200


def guess_wrong(client, username, times, address="198.51.100.7"):
    return [log_in(client, username, f"gissning-{n}", address) for n in range(times)]


def let_time_pass(minutes):
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=minutes))


def test_the_sixth_attempt_after_five_wrong_passwords_is_refused_even_with_the_right_one(
    stockholm_editor, client
):
    answers = guess_wrong(client, "stina.stockholm", 4)
    assert all(a.status_code == 200 and WRONG in a.content.decode() for a in answers)
    fifth = guess_wrong(client, "stina.stockholm", 1)[0]
    assert fifth.status_code == 429 and LOCKED in fifth.content.decode()

    sixth = log_in(client, "stina.stockholm", PASSWORD)
    assert sixth.status_code == 429 and LOCKED in sixth.content.decode()
    assert "30 minuter" in sixth.content.decode()
    assert not is_logged_in(client)


def test_the_lockout_lasts_the_configured_time_and_then_the_right_password_works(
    stockholm_editor, client
):
    assert settings.LOGIN_FAILURE_LIMIT == 5 and settings.LOGIN_LOCKOUT_MINUTES == 30
    guess_wrong(client, "stina.stockholm", 5)
    let_time_pass(29)
    assert log_in(client, "stina.stockholm", PASSWORD).status_code == 429
    let_time_pass(31)
    assert log_in(client, "stina.stockholm", PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_a_successful_login_before_the_limit_starts_the_count_again(stockholm_editor, client):
    guess_wrong(client, "stina.stockholm", 4)
    assert log_in(client, "stina.stockholm", PASSWORD).status_code == 302
    client.post("/konto/logga-ut/")
    guess_wrong(client, "stina.stockholm", 4)
    assert log_in(client, "stina.stockholm", PASSWORD).status_code == 302


def test_an_unknown_user_name_gets_exactly_the_same_answers(stockholm_editor):
    existing, unknown = Client(), Client()
    known_answers = guess_wrong(existing, "stina.stockholm", 6, address="198.51.100.1")
    unknown_answers = guess_wrong(unknown, "ingen.alls", 6, address="198.51.100.2")

    def shown(response):
        text = response.content.decode()
        return response.status_code, text.replace("stina.stockholm", "X").replace("ingen.alls", "X")

    for known, other in zip(known_answers, unknown_answers):
        known_status, known_text = shown(known)
        other_status, other_text = shown(other)
        assert known_status == other_status
        # The pages differ only in the CSRF token of the form.
        assert (
            known_text.split('name="csrfmiddlewaretoken"')[0]
            == (other_text.split('name="csrfmiddlewaretoken"')[0])
        )
    assert known_answers[-1].status_code == 429


def test_one_address_guessing_many_accounts_is_locked_out_too(
    stockholm_editor, skane_editor, client
):
    for name in ("a", "b", "c", "d", "e"):
        log_in(client, f"gissat.{name}", "fel", address="203.0.113.9")
    assert log_in(client, "stina.stockholm", PASSWORD, address="203.0.113.9").status_code == 429
    other_place = Client()
    assert log_in(other_place, "sven.skane", PASSWORD, address="192.0.2.44").status_code == 302


def test_an_administrator_unlocks_an_account_at_once(stockholm_editor, client, capsys):
    guess_wrong(client, "stina.stockholm", 5)
    call_command("unlock")
    assert "stina.stockholm" in capsys.readouterr().out
    call_command("unlock", "stina.stockholm")
    assert log_in(client, "stina.stockholm", PASSWORD).status_code == 302


def test_lockout_is_told_in_english_too(stockholm_editor, client):
    guess_wrong(client, "stina.stockholm", 5)
    answer = log_in(client, "stina.stockholm", PASSWORD, language_prefix="/en")
    assert answer.status_code == 429 and "Too many failed logins" in answer.content.decode()


def test_behind_the_proxy_the_forwarded_address_is_the_one_counted(settings, stockholm_editor):
    settings.TRUSTED_PROXIES = 1
    proxy = "10.0.0.2"
    attacker, colleague = Client(), Client()
    for n in range(5):
        attacker.post(
            "/konto/logga-in/",
            {"username": f"gissat.{n}", "password": "fel"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR="203.0.113.66",
        )
    answer = colleague.post(
        "/konto/logga-in/",
        {"username": "stina.stockholm", "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert answer.status_code == 302, "another person behind the same proxy is not locked out"


# --- Sessions -------------------------------------------------------------------------------------


def test_an_editors_login_lasts_eight_hours_and_then_ends(stockholm_editor, client):
    assert settings.SESSION_HOURS == 8
    before = timezone.now()
    log_in(client, "stina.stockholm", PASSWORD)
    session = Session.objects.get(session_key=client.session.session_key)
    lasts = session.expire_date - before
    assert timedelta(hours=7, minutes=59) < lasts <= timedelta(hours=8, minutes=1)

    # Working through the day does not stretch it.
    client.get("/arbetsyta/")
    assert Session.objects.get(pk=session.pk).expire_date == session.expire_date

    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    answer = client.get("/arbetsyta/")
    assert answer.status_code == 302 and answer["Location"].startswith("/konto/logga-in/")


def test_changing_the_password_logs_out_every_other_session(stockholm_editor):
    office, laptop = Client(), Client()
    log_in(office, "stina.stockholm", PASSWORD, address="198.51.100.3")
    log_in(laptop, "stina.stockholm", PASSWORD, address="198.51.100.4")
    assert is_logged_in(office) and is_logged_in(laptop)

    changed = office.post(
        "/konto/losenord/",
        {
            "old_password": PASSWORD,
            "new_password1": "ett-helt-nytt-lösenord-2025",
            "new_password2": "ett-helt-nytt-lösenord-2025",
        },
    )
    assert changed.status_code == 302
    assert is_logged_in(office), "the session that changed the password stays"
    assert not is_logged_in(laptop), "every other session has ended"


def test_a_password_set_by_an_administrator_ends_the_users_sessions(stockholm_editor, client):
    log_in(client, "stina.stockholm", PASSWORD)
    assert is_logged_in(client)
    stockholm_editor.set_password("nytt-av-administratören-42")
    stockholm_editor.save()
    assert not is_logged_in(client)


@pytest.mark.parametrize("hours", ["0", "åtta"])
def test_a_bad_session_length_is_refused_at_start(tmp_path, hours):
    from tests.security.test_keys_and_https import fresh_environment, start

    refused = start("check", env=fresh_environment(tmp_path, LAGESBILD_SESSION_HOURS=hours))
    assert refused.returncode == 2 and "LAGESBILD_SESSION_HOURS" in refused.stderr
