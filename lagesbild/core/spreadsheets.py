"""Opening spreadsheets and archives from outside without trusting them.

Every reader of XLSX files and zip archives goes through here, so each one:
- sees every row, whatever dimension the file claims (openpyxl's read-only mode otherwise stops at
  the stored dimension, which other tools often leave stale);
- refuses an archive whose members expand beyond `LAGESBILD_MAX_UNCOMPRESSED_MB` before reading any of
  it (zipfile enforces the sizes the archive declares, so the sum of declared sizes is a true bound);
- refuses more rows than `LAGESBILD_MAX_IMPORT_ROWS`, and JSON nested deeper than
  `LAGESBILD_MAX_JSON_DEPTH` (`parse_json`);
- turns a truncated or malformed file into a `FileRejected` naming the file, never a traceback."""

from __future__ import annotations

import json
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.etree.ElementTree import ParseError

from django.conf import settings

from .errors import FileRejected, RowError

# What a broken workbook raises from openpyxl, zipfile, zlib or the XML parser while being read.
BROKEN_FILE_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    ParseError,
    SyntaxError,
    EOFError,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    OSError,
)


def max_uncompressed_bytes() -> int:
    return settings.MAX_UNCOMPRESSED_MB * 1024 * 1024


def checked_archive(path: Path, name: str, kind: str = "zip") -> zipfile.ZipFile:
    """An open zip archive whose declared contents fit within the limit."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise FileRejected(
            RowError(name, 0, "", f"filen är ingen giltig {kind}-fil: {error}")
        ) from None
    total = sum(member.file_size for member in archive.infolist())
    if total > max_uncompressed_bytes():
        archive.close()
        raise FileRejected(
            RowError(
                name,
                0,
                "",
                (
                    f"filen packas upp till {total // (1024 * 1024)} MB, mer än gränsen {settings.MAX_UNCOMPRESSED_MB} MB "
                    "(LAGESBILD_MAX_UNCOMPRESSED_MB); dela upp den"
                ),
            )
        )
    return archive


@contextmanager
def open_workbook(path: Path, name: str | None = None):
    """A read-only openpyxl workbook, checked and with every sheet's dimension recomputed."""
    from openpyxl import load_workbook

    path = Path(path)
    name = name or path.name
    checked_archive(path, name, "Excel (.xlsx)").close()
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except BROKEN_FILE_ERRORS as error:
        raise FileRejected(
            RowError(name, 0, "", f"filen går inte att öppna som Excel (.xlsx): {error}")
        ) from None
    if not workbook.worksheets:
        workbook.close()
        raise FileRejected(RowError(name, 0, "", "filen har inget kalkylblad"))
    try:
        for sheet in workbook.worksheets:
            if hasattr(sheet, "reset_dimensions"):
                sheet.reset_dimensions()
        yield workbook
    finally:
        workbook.close()


def sheet_rows(sheet, name: str, *, values_only: bool = True) -> Iterator[tuple[int, list]]:
    """(row number, cells) for every row of a sheet opened by `open_workbook`, at most the row limit."""
    limit = settings.MAX_IMPORT_ROWS
    rows = sheet.iter_rows(values_only=values_only)
    number = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except BROKEN_FILE_ERRORS as error:
            raise FileRejected(
                RowError(
                    name,
                    number + 1,
                    "",
                    f"bladet {sheet.title!r} går inte att läsa (trasig "
                    f"eller avkortad fil): {error}",
                )
            ) from None
        number += 1
        if number > limit:
            raise FileRejected(
                RowError(
                    name,
                    number,
                    "",
                    f"filen har fler än {limit} rader (LAGESBILD_MAX_IMPORT_ROWS); dela upp den",
                )
            )
        yield number, list(row)


# --- JSON ------------------------------------------------------------------------------------------


def read_json_file(path: Path, name: str | None = None) -> bytes:
    """A JSON file's bytes, refused before reading when it is larger than the expansion limit."""
    path = Path(path)
    name = name or path.name
    size = path.stat().st_size
    if size > max_uncompressed_bytes():
        raise FileRejected(
            RowError(
                name,
                0,
                "",
                f"filen är {size // (1024 * 1024)} MB, mer än gränsen {settings.MAX_UNCOMPRESSED_MB} MB "
                "(LAGESBILD_MAX_UNCOMPRESSED_MB); dela upp den",
            )
        )
    return path.read_bytes()


def parse_json(text: str | bytes, name: str, row: int = 0):
    """The document in `text`, or FileRejected naming the file and row: malformed JSON, or nesting
    deeper than `LAGESBILD_MAX_JSON_DEPTH` (which would otherwise exhaust the parser's recursion)."""
    limit = settings.MAX_JSON_DEPTH
    if len(text) > max_uncompressed_bytes():
        raise FileRejected(
            RowError(name, row, "", f"JSON-texten är större än {settings.MAX_UNCOMPRESSED_MB} MB")
        )
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise FileRejected(
            RowError(name, row or error.lineno, "", f"ogiltig JSON: {error.msg}")
        ) from None
    except RecursionError:
        document = None
        too_deep = True
    except (UnicodeDecodeError, ValueError) as error:
        raise FileRejected(RowError(name, row, "", f"ogiltig JSON: {error}")) from None
    else:
        too_deep = json_depth(document, limit) > limit
    if too_deep:
        raise FileRejected(
            RowError(
                name,
                row,
                "",
                f"JSON-strukturen är nästlad djupare än {limit} nivåer (LAGESBILD_MAX_JSON_DEPTH)",
            )
        )
    return document


def json_depth(document, limit: int) -> int:
    """How deeply lists and objects nest (a scalar is 0), counted without recursion and given up
    as soon as it passes `limit`."""
    deepest = 0
    stack = [(document, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest
