"""Turns the domain's own errors into one clear message on the command line, never a traceback."""

from __future__ import annotations

import functools

from django.core.management.base import CommandError
from django.db import DatabaseError


def user_errors(handle):
    from lagesbild.indicators.catalogue import CatalogueError
    from lagesbild.sources.importing import ImportRejected
    from lagesbild.sources.records import FileRejected
    from lagesbild.territories.models import UnknownTerritory

    @functools.wraps(handle)
    def wrapper(*args, **kwargs):
        try:
            return handle(*args, **kwargs)
        except ImportRejected as error:
            raise CommandError(f"Importen avvisades; inget sparades.\n{error}") from None
        except CatalogueError as error:
            raise CommandError(f"Katalogen innehåller fel:\n{error}") from None
        except (FileRejected, UnknownTerritory) as error:
            raise CommandError(str(error)) from None
        except DatabaseError as error:
            raise CommandError(f"Databasfel: {error}. Kontrollera DATABASE_URL och kör `lagesbild init`.") from None
        except BrokenPipeError:
            raise
        except OSError as error:
            raise CommandError(f"{error.filename or ''}: {error.strerror or error}") from None

    return wrapper
