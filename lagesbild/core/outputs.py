"""The one publishing pipeline: every page twin, download and export is written here.

A view or command describes what it publishes as an `Output` (rows, and optionally the richer JSON
document of a page) and asks for a format by extension; `FORMATS` is the one registry of formats
(extension, media type, writer), which apps extend in their AppConfig (JSON-stat, for example).
Inside the pipeline, once, for every format:

- rows of a registered kind pass their rule first (the indicators app registers small-count
  suppression for "observations", so no output can show a count the lab hides);
- generated example data is marked: each row's `example_data` (ja/nej in files), the JSON answer's
  `notice`, and the first line of the XLSX "Om filen" sheet (lagesbild.core.marking);
- text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return;
  OWASP's CSV injection rule) is written with a leading apostrophe in CSV and XLSX;
- CSV has one dialect (RFC 4180: comma, double quotes, CRLF, UTF-8 without byte-order mark, decimal
  point); people who want a spreadsheet take the XLSX (docs/adr/0009).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.http import Http404, HttpResponse, StreamingHttpResponse

from .marking import EXAMPLE_NOTICE

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_CHUNK_ROWS = 2000


class LagesbildCsv(csv.Dialect):
    """RFC 4180."""

    delimiter = ","
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\r\n"
    quoting = csv.QUOTE_MINIMAL


# --- What is published ----------------------------------------------------------------------------

_ROW_RULES: dict[str, Callable[[Iterable[dict]], Iterator[dict]]] = {}


def register_rows(kind: str, rule: Callable[[Iterable[dict]], Iterator[dict]]) -> None:
    """Every output of this kind passes `rule` (called from an AppConfig.ready())."""
    _ROW_RULES[kind] = rule


@dataclass
class Output:
    """Rows (dicts) to publish, with what the formats need to write them well.

    `document` is the JSON answer when a page's JSON twin is richer than its rows: a dict, or a
    function of the public rows. `sheets` adds XLSX sheets; `about` adds lines to its "Om filen"."""

    rows: Iterable[dict] = ()
    columns: Sequence[str] | None = None
    kind: str = ""
    document: dict | Callable[[list[dict]], dict] | None = None
    name: str = "lagesbild"
    sheet: str = "data"  # empty: the rows are not a sheet of their own (only `sheets` are)
    sheets: list[Output] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    example: bool | None = None
    disposition: str = "inline"
    stream: bool = False  # CSV straight from the database, without holding it in memory
    example_column: str = "example_data"  # the column that marks a row as example data

    def public_rows(self) -> Iterator[dict]:
        rule = _ROW_RULES.get(self.kind)
        return rule(self.rows) if rule else iter(self.rows)

    def columns_of(self, rows: list[dict]) -> list[str]:
        columns = (
            list(self.columns)
            if self.columns is not None
            else list(dict.fromkeys(k for r in rows for k in r))
        )
        if self.example and self.example_column not in columns:
            columns.append(self.example_column)  # every row of example data says so, in every file
        return columns


def is_example(output: Output, rows: list[dict]) -> bool:
    if output.example is not None:
        return output.example
    return any(row.get(output.example_column) for row in rows)


# --- Cells ----------------------------------------------------------------------------------------


def neutralised(value):
    """Text a spreadsheet would run as a formula gets a leading apostrophe; anything else is kept."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def restored(value):
    """What `neutralised` wrote, read back: our own files import without the added apostrophe."""
    if (
        isinstance(value, str)
        and value.startswith("'")
        and value[1:2]
        and value[1:].startswith(FORMULA_START)
    ):
        return value[1:]
    return value


def _xlsx_cell(sheet, value):
    """A cell that is never a formula: text keeps its exact value and is stored as text. Other values
    are handed to openpyxl as they are (it fills one reusable cell: about twice as fast)."""
    if not (isinstance(value, str) and value.startswith(FORMULA_START)):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
    return cell


def file_cell(value, *, for_csv: bool = True):
    """A value as it is written to CSV (neutralised) and XLSX (exact, typed as text by `_xlsx_cell`)."""
    kind = type(value)  # text and numbers first: nearly every cell, and a bool is neither
    if kind is str:
        return neutralised(value) if for_csv else value
    if kind is float or kind is int:
        return value
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return neutralised(value) if for_csv else value


def _json_default(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


# --- Writers ----------------------------------------------------------------------------------


def write_csv(output: Output) -> bytes:
    return "".join(csv_chunks(output)).encode("utf-8")


class _Echo:
    def write(self, line: str) -> str:
        return line


def csv_chunks(output: Output) -> Iterator[str]:
    """The CSV in pieces, for answers streamed straight from the database."""
    writer = csv.writer(_Echo(), dialect=LagesbildCsv)
    rows = output.public_rows()
    if output.columns is None:
        first = next(rows, None)
        rows = itertools.chain([first], rows) if first else iter(())
        columns = output.columns_of([first] if first else [])
    else:
        columns = output.columns_of([])
    marked = {output.example_column: True} if output.example else {}
    pending: list[str] = []
    yield writer.writerow(columns)
    for row in rows:
        row = {**marked, **row}
        pending.append(writer.writerow([file_cell(row.get(c)) for c in columns]))
        if len(pending) >= CSV_CHUNK_ROWS:
            yield "".join(pending)
            pending = []
    if pending:
        yield "".join(pending)


def marked_document(document: dict, example: bool) -> dict:
    """A JSON answer that holds example data says so first, in `notice`."""
    if not example:
        return document
    return {"notice": EXAMPLE_NOTICE, **{k: v for k, v in document.items() if k != "notice"}}


def json_document(output: Output) -> dict:
    rows = list(output.public_rows())
    if callable(output.document):
        document = output.document(rows)
    elif output.document is not None:
        document = dict(output.document)
    else:
        document = {"count": len(rows), "columns": output.columns_of(rows), "rows": rows}
    if is_example(output, rows) or document.get("example_data"):
        document = {
            "notice": EXAMPLE_NOTICE,
            **{k: v for k, v in document.items() if k != "notice"},
        }
    return document


def write_json(output: Output) -> bytes:
    text = json.dumps(json_document(output), ensure_ascii=False, indent=1, default=_json_default)
    return (text + "\n").encode("utf-8")


def write_xlsx(output: Output) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    example = False
    for part in ([output] if output.sheet else []) + list(output.sheets):
        rows = list(part.public_rows())
        example = example or is_example(part, rows)
        columns = part.columns_of(rows)
        sheet = workbook.create_sheet(part.sheet[:31])
        header = []
        for name in columns:
            cell = WriteOnlyCell(sheet, value=str(name))
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        marked = {part.example_column: True} if part.example else {}
        for row in rows:
            row = {**marked, **row}
            sheet.append([_xlsx_cell(sheet, file_cell(row.get(c), for_csv=False)) for c in columns])
    about = workbook.create_sheet("Om filen")
    if example:
        notice = WriteOnlyCell(
            about,
            value=f"{EXAMPLE_NOTICE}: filen innehåller genererade exempelvärden "
            "(kolumnen example_data), som inte beskriver verkligheten.",
        )
        notice.font = bold
        about.append([notice])
    about.append(["Lägesbild"])
    for line in output.about:
        about.append([_xlsx_cell(about, line)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- The registry of formats ------------------------------------------------------------------


@dataclass(frozen=True)
class OutputFormat:
    extension: str
    media_type: str
    label: str
    write: Callable[[Output], bytes]
    suffix: str = ""  # the file name's ending, when it is not the extension
    viewable: bool = True  # a browser can show it; a spreadsheet is always a download

    @property
    def file_suffix(self) -> str:
        return self.suffix or self.extension


FORMATS: dict[str, OutputFormat] = {}


def register_format(fmt: OutputFormat) -> None:
    FORMATS[fmt.extension] = fmt


register_format(OutputFormat("csv", "text/csv; charset=utf-8", "CSV", write_csv))
register_format(OutputFormat("json", "application/json", "JSON", write_json))
register_format(OutputFormat("xlsx", XLSX_TYPE, "Excel (XLSX)", write_xlsx, viewable=False))


def format_of(extension: str) -> OutputFormat:
    try:
        return FORMATS[extension]
    except KeyError:
        raise Http404(f"okänt format: {extension}") from None


def render(output: Output, extension: str) -> bytes:
    return format_of(extension).write(output)


def write_to(output: Output, extension: str, stream) -> None:
    """Writes the output to a binary stream; CSV in pieces, so a million rows never sit in memory."""
    if extension == "csv":
        for chunk in csv_chunks(output):
            stream.write(chunk.encode("utf-8"))
    else:
        stream.write(render(output, extension))


def respond(output: Output, extension: str) -> HttpResponse:
    """The output as an HTTP answer in the format named by the address's extension."""
    fmt = format_of(extension)
    if extension == "csv" and output.stream:
        response = StreamingHttpResponse(csv_chunks(output), content_type=fmt.media_type)
    else:
        response = HttpResponse(fmt.write(output), content_type=fmt.media_type)
    response["Content-Disposition"] = (
        f'{output.disposition if fmt.viewable else "attachment"}; filename="{output.name}.{fmt.file_suffix}"'
    )
    return response


def problem(
    extension: str | None, status: int, message: str, parameters: dict | None = None
) -> HttpResponse:
    """An error answer for a twin or download: JSON for .json, plain text for the other files."""
    if extension in ("json", "jsonstat"):
        document = {"error": message, **({"parameters": parameters} if parameters else {})}
        return HttpResponse(
            json.dumps(document, ensure_ascii=False, indent=1),
            status=status,
            content_type="application/json",
        )
    lines = [
        message,
        *(f"{name}: {' '.join(map(str, reasons))}" for name, reasons in (parameters or {}).items()),
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", status=status, content_type="text/plain; charset=utf-8"
    )
