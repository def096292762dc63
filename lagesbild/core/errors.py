"""The error vocabulary every app shares, and its one translation into a command-line message.

A `UserError` carries a message written for the person who caused it (a file with a bad row, an
unknown territory, a catalogue with a mistake). Every domain error subclasses it, so the command line
and the web show its text as it is and never a traceback, and this module names no app above it."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.core.management.base import CommandError
from django.db import DatabaseError


class UserError(Exception):
    """An error whose text is meant for the user. `heading` is put above it on the command line."""

    heading = ""

    def command_message(self) -> str:
        return f"{self.heading}\n{self}" if self.heading else str(self)


@dataclass(frozen=True)
class RowError:
    """One problem in an input: file, row (0 = the file as a whole), column and reason."""

    file: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"rad {self.row}" if self.row else "filen"
        column = f", kolumn {self.column!r}" if self.column else ""
        return f"{self.file}: {where}{column}: {self.reason}"

    def as_dict(self) -> dict:
        return {"file": self.file, "row": self.row, "column": self.column, "reason": self.reason}


class FileRejected(UserError):
    """The file cannot be read at all (format, encoding, headers, size)."""

    def __init__(self, error: RowError):
        self.error = error
        super().__init__(str(error))


class ImportRejected(UserError):
    """An all-or-nothing import found problems; nothing was written."""

    heading = "Importen avvisades; inget sparades."

    def __init__(self, errors: list[RowError], truncated: bool = False):
        self.errors = errors
        self.truncated = truncated
        lines = [str(e) for e in errors]
        if truncated:
            lines.append(f"… fler fel finns; de första {len(errors)} visas")
        super().__init__("\n".join(lines))


def user_errors(handle):
    """Wraps a management command's `handle`: user errors become one clear message, not a traceback."""

    @functools.wraps(handle)
    def wrapper(*args, **kwargs):
        try:
            return handle(*args, **kwargs)
        except UserError as error:
            raise CommandError(error.command_message()) from None
        except DatabaseError as error:
            if "database is locked" in str(error):
                raise CommandError(
                    "Databasen är upptagen: en annan import eller ändring pågår. Försök igen om en "
                    "stund (väntetiden ställs med LAGESBILD_SQLITE_BUSY_SECONDS)."
                ) from None
            raise CommandError(
                f"Databasfel: {error}. Kontrollera DATABASE_URL och kör `lagesbild init`."
            ) from None
        except BrokenPipeError:
            raise
        except OSError as error:
            raise CommandError(f"{error.filename or ''}: {error.strerror or error}") from None

    return wrapper
