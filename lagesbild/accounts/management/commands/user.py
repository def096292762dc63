"""`lagesbild user add|list|disable|enable`: accounts and their roles without the admin or a shell.

A new account gets a generated password, shown once on the terminal and stored only as a hash; the
person changes it after the first login (Konto → Byt lösenord). Disabling keeps the account and its
history but refuses every login and ends its sessions at their next request.
"""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from lagesbild.accounts.models import Membership, Role
from lagesbild.territories.models import Territory

# Exit status for input the command refuses (as argparse uses for a bad argument).
REFUSED = 2
ROLE_NAMES = ", ".join(role.value for role in Role)


def refuse(message: str) -> CommandError:
    return CommandError(message, returncode=REFUSED)


def new_password() -> str:
    """About 128 random bits, in characters that survive copying from a terminal."""
    return secrets.token_urlsafe(16)


class Command(BaseCommand):
    help = (
        "Konton: add (skapa ett konto med roll), list (visa alla), disable (stäng av), "
        "enable (slå på igen)."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="{add,list,disable,enable}"
        )
        adding = actions.add_parser(
            "add", help="skapa ett konto med en roll och ett genererat lösenord"
        )
        adding.add_argument(
            "email", metavar="E-POST", help="e-postadressen, som också blir användarnamnet"
        )
        adding.add_argument("--role", required=True, help=f"rollen: {ROLE_NAMES}")
        adding.add_argument(
            "--county", metavar="KOD", help="länets kod, t.ex. 01 (krävs för county_editor)"
        )
        adding.add_argument(
            "--municipality", metavar="KOD", help="kommunens kod, t.ex. 0180 (för municipal)"
        )
        adding.add_argument("--name", default="", help="personens namn (valfritt)")
        actions.add_parser("list", help="visa alla konton med roll, län och om de är aktiva")
        for action, text in (("disable", "stäng av kontot"), ("enable", "slå på kontot igen")):
            switch = actions.add_parser(action, help=text)
            switch.add_argument(
                "email", metavar="E-POST", help="kontots e-postadress eller användarnamn"
            )

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _add(self, *, email, role, county, municipality, name, **options):
        email = email.strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            raise refuse(f"Ogiltig e-postadress: {email!r}.") from None
        role = _role(role)
        county_area = _area(county, "lan", "länskod") if county else None
        municipality_area = _area(municipality, "kommun", "kommunkod") if municipality else None
        if role == Role.COUNTY_EDITOR and county_area is None:
            raise refuse(
                "En redaktör på länsstyrelse behöver ett län: ange --county KOD, t.ex. --county 01."
            )
        if role == Role.MUNICIPAL_COORDINATOR and municipality_area is None:
            raise refuse("En kommunal samordnare behöver en kommun: ange --municipality KOD.")
        users = get_user_model().objects
        if (
            users.filter(username__iexact=email).exists()
            or users.filter(email__iexact=email).exists()
        ):
            raise refuse(f"Det finns redan ett konto för {email}.")
        password = new_password()
        first, _, last = name.strip().partition(" ")
        with transaction.atomic():
            user = users.create_user(
                username=email, email=email, password=password, first_name=first, last_name=last
            )
            Membership.objects.create(
                user=user, role=role, county=county_area, municipality=municipality_area
            )
        where = f" i {county_area.name}" if county_area else ""
        where += f" i {municipality_area.name}" if municipality_area else ""
        self.stdout.write(f"Skapade {email}: {Role(role).label}{where}.")
        self.stdout.write(f"Genererat lösenord (visas bara nu): {password}")
        self.stdout.write(
            "Lämna det till personen på ett säkert sätt; hen byter det efter första inloggningen "
            "under Konto → Byt lösenord."
        )

    def _list(self, **options):
        users = get_user_model().objects.select_related(
            "membership__county", "membership__municipality"
        )
        for user in users.order_by("username"):
            membership = getattr(user, "membership", None)
            role = membership.role if membership else ("superuser" if user.is_superuser else "–")
            area = (membership.county or membership.municipality) if membership else None
            state = "aktiv" if user.is_active else "avstängd"
            self.stdout.write(f"{user.username}\t{role}\t{area.name if area else '–'}\t{state}")

    def _disable(self, *, email, **options):
        self._switch(email, active=False)

    def _enable(self, *, email, **options):
        self._switch(email, active=True)

    def _switch(self, email: str, *, active: bool) -> None:
        user = _user(email)
        user.is_active = active
        user.save(update_fields=["is_active"])
        self.stdout.write(f"{user.username} är {'aktivt' if active else 'avstängt'}.")


def _role(typed: str) -> str:
    value = typed.strip().lower().replace("-", "_")
    if value not in Role.values:
        raise refuse(f"Okänd roll {typed!r}; välj en av: {ROLE_NAMES}.")
    return value


def _area(code: str, level: str, word: str) -> Territory:
    area = Territory.objects.filter(code=code.strip(), level=level).first()
    if area is None:
        raise refuse(
            f"Okänd {word} {code!r}: ange SCB-koden, t.ex. {'01' if level == 'lan' else '0180'}."
        )
    return area


def _user(email: str):
    users = get_user_model().objects
    user = (
        users.filter(username__iexact=email.strip()).first()
        or users.filter(email__iexact=email.strip()).first()
    )
    if user is None:
        raise refuse(f"Inget konto för {email!r}.")
    return user
