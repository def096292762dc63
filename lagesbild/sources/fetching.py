"""What every connector shares: records with the place in the answer they came from, and the import
of a whole fetch through the one validated path, with the calls as provenance.

A connector decodes every answer first (nothing is written while fetching), then hands all records to
`import_fetched`, which writes them all or nothing. Errors from the import are moved back to the URL and
position in the answer that the bad value came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .http import HttpClient, SourceError
from .importing import MAX_ERRORS, BatchInfo, ImportRejected, ImportSummary, import_records
from .records import Record, RowError


class BadRequest(Exception):
    """The fetch cannot be made as asked (an unknown id, a missing mapping, a bad option); nothing was
    fetched or written."""


@dataclass(frozen=True)
class Origin:
    url: str
    row: int


@dataclass
class Fetched:
    """Records decoded from every answer of one fetch, and what was left out and why."""

    records: list[Record] = field(default_factory=list)
    origins: dict[int, Origin] = field(default_factory=dict)
    problems: list[RowError] = field(default_factory=list)
    left_out: dict[str, int] = field(default_factory=dict)

    def add(self, url: str, row: int, values: dict, columns: dict) -> None:
        number = len(self.records) + 1
        self.records.append(Record(number, values, columns))
        self.origins[number] = Origin(url, row)

    def problem(self, url: str, row: int, column: str, reason: str) -> None:
        self.problems.append(RowError(url, row, column, reason))

    def leave_out(self, reason: str, count: int = 1) -> None:
        self.left_out[reason] = self.left_out.get(reason, 0) + count


@dataclass
class FetchOutcome:
    label: str
    summary: ImportSummary | None
    left_out: dict[str, int]
    urls: list[str]

    def describe(self) -> str:
        text = self.summary.describe() if self.summary else "inga värden att importera"
        for reason, count in self.left_out.items():
            text += f"; {count} utelämnade ({reason})"
        return text


@contextmanager
def http_client(client: HttpClient | None) -> Iterator[HttpClient]:
    """The caller's client (tests, refresh settings) or a new one that is closed afterwards. Each fetch
    needs a client of its own: its calls are the fetch's provenance."""
    if client is not None:
        yield client
        return
    with HttpClient() as fresh:
        yield fresh


def import_fetched(
    fetched: Fetched, info: BatchInfo, client: HttpClient, *, label: str, dry_run: bool = False
) -> ImportSummary:
    """Imports every record of a fetch with its calls as provenance, or raises ImportRejected naming
    URL, position and field."""
    info.url = "\n".join(dict.fromkeys(call.url for call in client.calls))
    info.parameters = {**info.parameters, "calls": [call.as_dict() for call in client.calls]}
    info.checksum = client.checksum()
    info.retrieved_at = client.first_retrieved()
    return import_collected(fetched, info, label=label, dry_run=dry_run)


def import_collected(
    fetched: Fetched, info: BatchInfo, *, label: str, dry_run: bool = False
) -> ImportSummary:
    """Imports every record, or raises ImportRejected with each error moved to where its value came from.

    When the source itself had problems, the remaining records are still validated (in a dry run), so
    every error is reported at once."""
    if fetched.problems:
        errors = list(fetched.problems)
        if fetched.records:
            try:
                import_records(fetched.records, info, file_name=label, dry_run=True)
            except ImportRejected as rejected:
                errors += [_relocate(error, fetched.origins) for error in rejected.errors]
        raise ImportRejected(_in_order(errors)[:MAX_ERRORS], len(errors) > MAX_ERRORS)
    try:
        return import_records(fetched.records, info, file_name=label, dry_run=dry_run)
    except ImportRejected as rejected:
        raise ImportRejected(
            [_relocate(error, fetched.origins) for error in rejected.errors], rejected.truncated
        ) from None


def _in_order(errors: list[RowError]) -> list[RowError]:
    """By place: each file or URL in the order first met, then by row."""
    first_seen = {name: n for n, name in reversed(list(enumerate(e.file for e in errors)))}
    return sorted(errors, key=lambda e: (first_seen[e.file], e.row))


def _relocate(error: RowError, origins: dict[int, Origin]) -> RowError:
    origin = origins.get(error.row)
    if origin is None:
        return error
    return RowError(origin.url, origin.row, error.column, error.reason)


def require_records(fetched: Fetched, url: str, what: str) -> None:
    """An answer without a single value for what was asked is almost always a wrong id or year."""
    if not fetched.records and not fetched.problems:
        raise SourceError(url, f"svaret innehöll inga värden för {what}; kontrollera id:n och år")
