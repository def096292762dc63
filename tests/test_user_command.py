"""An operator creates, lists, disables and enables accounts with `lagesbild user`, without a shell."""

import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lagesbild import cli
from lagesbild.accounts.scope import scope_of


def add_user(*args, capsys):
    call_command("user", "add", *args)
    return capsys.readouterr().out


def one_time_password(out: str) -> str:
    return re.search(r"Genererat lösenord \(visas bara nu\): (\S+)", out).group(1)


def log_in(client, username, password):
    return client.post(
        "/konto/logga-in/",
        {"username": username, "password": password},
        REMOTE_ADDR="198.51.100.9",
    )


def test_an_operator_creates_a_stockholm_county_editor_who_logs_in_with_the_printed_password(
    client, capsys
):
    out = add_user("--role", "county_editor", "--county", "01", "Anna@Example.se", capsys=capsys)
    assert "Redaktör på länsstyrelse i Stockholms län" in out
    password = one_time_password(out)
    assert len(password) >= 20
    log_in(client, "anna@example.se", password)
    assert client.get("/arbetsyta/").status_code == 200
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.get(username="anna@example.se")
    assert editor.email == "anna@example.se" and not editor.check_password("")
    assert scope_of(editor).county == "01"


def test_each_new_account_gets_its_own_password(capsys):
    first = one_time_password(add_user("--role", "national_admin", "a@example.se", capsys=capsys))
    second = one_time_password(add_user("--role", "national_admin", "b@example.se", capsys=capsys))
    assert first != second


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--role", "county_editor", "--county", "99"], "Okänd länskod '99'"),
        (
            ["--role", "boss"],
            "Okänd roll 'boss'; välj en av: national_admin, county_editor, municipal",
        ),
        (["--role", "county_editor"], "behöver ett län: ange --county KOD"),
        (["--role", "county_editor", "--county", "0180"], "Okänd länskod '0180'"),
    ],
)
def test_an_unknown_county_or_role_is_one_clear_line_and_exit_status_2(
    arguments, message, capsys, monkeypatch
):
    # The console script closes the database connections when a command ends, which would end the
    # test's own transaction on PostgreSQL; here the connection stays for the check below.
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
    with pytest.raises(SystemExit) as done:
        cli.main(["user", "add", *arguments, "eva@example.se"])
    err = capsys.readouterr().err
    assert done.value.code == 2
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(username="eva@example.se").exists()


def test_the_same_address_twice_is_refused(capsys):
    add_user("--role", "national_admin", "a@example.se", capsys=capsys)
    with pytest.raises(
        CommandError, match=r"Det finns redan ett konto för a@example\.se"
    ) as refused:
        call_command("user", "add", "--role", "national_admin", "A@example.se")
    assert refused.value.returncode == 2


def test_a_disabled_editor_cannot_log_in_until_enabled_again(stockholm_editor, client, capsys):
    call_command("user", "list")
    assert re.search(
        rf"^{stockholm_editor.username}\tcounty_editor\tStockholms län\taktiv$",
        capsys.readouterr().out,
        re.M,
    )
    call_command("user", "disable", stockholm_editor.username)
    call_command("user", "list")
    assert (
        f"{stockholm_editor.username}\tcounty_editor\tStockholms län\tavstängd"
        in capsys.readouterr().out
    )
    log_in(client, stockholm_editor.username, "lösenord-för-test-123")
    assert client.get("/arbetsyta/").status_code != 200
    call_command("user", "enable", stockholm_editor.email)
    log_in(client, stockholm_editor.username, "lösenord-för-test-123")
    assert client.get("/arbetsyta/").status_code == 200


def test_disabling_an_unknown_account_says_so(capsys):
    with pytest.raises(CommandError, match=r"Inget konto för 'ingen@example\.se'"):
        call_command("user", "disable", "ingen@example.se")


def test_disabling_ends_the_session_an_editor_already_has(stockholm_editor, client):
    client.force_login(stockholm_editor)
    assert client.get("/arbetsyta/").status_code == 200
    call_command("user", "disable", stockholm_editor.username)
    assert client.get("/arbetsyta/").status_code == 302
