"""A register's tables (columns and rows of cells) as answers of the publishing pipeline."""

from __future__ import annotations

from lagesbild.core.outputs import Output, respond


def table_output(
    name: str,
    columns: list[str],
    rows: list[list],
    *,
    example: bool = False,
    sheet: str = "",
    sheets: list[tuple[str, list[str], list[list]]] = (),
    disposition: str = "attachment",
    document=None,
) -> Output:
    return Output(
        rows=[dict(zip(columns, row, strict=False)) for row in rows],
        columns=columns,
        name=name,
        sheet=sheet or name,
        sheets=[
            table_output(title, more_columns, more_rows, example=example)
            for title, more_columns, more_rows in sheets
        ],
        example=example or None,
        disposition=disposition,
        document=document,
    )


def table_response(fmt: str, name: str, columns: list[str], rows: list[list], **options):
    """A CSV, XLSX or JSON answer of a register's table (see `table_output` for the options)."""
    return respond(table_output(name, columns, rows, **options), fmt)
