"""The `lagesbild` console script.

Every subcommand is a Django management command of one of the apps, so each domain owns its own
commands (`lagesbild import`, `lagesbild directory …`, `lagesbild report …`). Commands are spelled with
hyphens (`lagesbild survey-reminders`); Python modules cannot be, so this module maps a hyphenated name
to its module and keeps the old underscore spelling working. It also turns configuration errors into
one clear line instead of a traceback.
"""

from __future__ import annotations

import os
import sys

# The package whose commands are listed with hyphens in `lagesbild help`.
OWN_PACKAGE = "lagesbild"


def spoken(name: str) -> str:
    """The name a person types: hyphens between the words."""
    return name.replace("_", "-")


def module_name(name: str, commands) -> str:
    """The command module for `name` in either spelling; an unknown name is left for Django to refuse."""
    if name in commands:
        return name
    underscored = name.replace("-", "_")
    return underscored if underscored in commands else name


def _utility_class():
    from django.core.management import ManagementUtility, get_commands

    class Utility(ManagementUtility):
        def fetch_command(self, subcommand):
            return super().fetch_command(module_name(subcommand, get_commands()))

        def main_help_text(self, commands_only=False):
            text = super().main_help_text(commands_only)
            own = [name for name, app in get_commands().items() if app.startswith(OWN_PACKAGE)]
            lines = text.splitlines()
            for name in own:
                for index, line in enumerate(lines):
                    if line.strip() == name:
                        lines[index] = line.replace(name, spoken(name))
            return "\n".join(lines)

    return Utility


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lagesbild.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        import django

        django.setup()
    except ImproperlyConfigured as error:
        sys.stderr.write(f"lagesbild: configuration error: {error}\n")
        raise SystemExit(2) from None
    try:
        _utility_class()(["lagesbild", *args]).execute()
    except BrokenPipeError:
        # The reader (e.g. `| head`) has gone; stop quietly like other Unix tools.
        os._exit(1)
