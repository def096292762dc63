"""The `lagesbild` console script.

Every subcommand is a Django management command of one of the apps, so each domain owns its own
commands (`lagesbild import`, `lagesbild directory …`, `lagesbild report …`). This module only maps
the few hyphenated names and turns configuration errors into one clear line instead of a traceback.
"""

from __future__ import annotations

import os
import sys

ALIASES = {
    "example-data": "example_data",
    "import-source": "import_source",
    "check-links": "check_links",
    "build-static": "build_static",
}


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lagesbild.settings")
    if args and args[0] in ALIASES:
        args[0] = ALIASES[args[0]]
    from django.core.exceptions import ImproperlyConfigured

    try:
        import django

        django.setup()
    except ImproperlyConfigured as error:
        sys.stderr.write(f"lagesbild: configuration error: {error}\n")
        raise SystemExit(2) from None
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["lagesbild", *args])
    except BrokenPipeError:
        # The reader (e.g. `| head`) has gone; stop quietly like other Unix tools.
        os._exit(1)
