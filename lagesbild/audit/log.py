"""Reading the audit log: the newest entries of every kind asked for, merged by time, one page at a
time; and the same entries as rows for a CSV or XLSX file."""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterator

from django.utils import timezone

from .kinds import KINDS, Criteria, Entry

PAGE_SIZE = 100
# A file holds at most this many entries; narrow the filters for more.
EXPORT_LIMIT = 50_000


def selected_kinds(criteria: Criteria):
    return [KINDS[key] for key in criteria.kinds] if criteria.kinds else list(KINDS.values())


def count(criteria: Criteria) -> int:
    return sum(kind.records(criteria).count() for kind in selected_kinds(criteria))


def entries(criteria: Criteria, *, offset: int = 0, limit: int = PAGE_SIZE) -> list[Entry]:
    """Entries `offset` … `offset + limit` of the log, newest first."""
    return list(itertools.islice(_merged(criteria, offset + limit), offset, offset + limit))


def all_entries(criteria: Criteria, limit: int = EXPORT_LIMIT) -> Iterator[Entry]:
    return itertools.islice(_merged(criteria, limit), limit)


def _merged(criteria: Criteria, wanted: int) -> Iterator[Entry]:
    """Each kind gives at most `wanted` records, newest first; the merge keeps that order and tells
    only the records that are shown."""
    streams = []
    for order, kind in enumerate(selected_kinds(criteria)):
        records = kind.records(criteria)[:wanted]
        streams.append([(kind.when(r), order, n, kind, r) for n, r in enumerate(records)])
    merged = heapq.merge(*streams, key=lambda item: (item[0], -item[1], -item[2]), reverse=True)
    for _when, _order, _n, kind, record in merged:
        yield kind.entry(record)


COLUMNS = [
    "Tidpunkt",
    "Användare",
    "Slag",
    "Händelse",
    "Vad",
    "Län",
    "Fält",
    "Före",
    "Efter",
    "Motivering eller kommentar",
]


def rows(found) -> Iterator[list[str]]:
    """One row per changed field (one row for an entry without fields), in Swedish headers."""
    for entry in found:
        when = timezone.localtime(entry.when).strftime("%Y-%m-%d %H:%M:%S")
        head = [when, entry.who, entry.kind_label, entry.action_label, entry.subject, entry.county]
        for label, before, after in entry.changes or [("", "", "")]:
            yield [*head, label, before, after, entry.reason]
