"""What the source commands share: one clear message for the connectors' own errors, and the summary
of an import as it is printed."""

from __future__ import annotations

import functools

from django.core.management.base import CommandError

from .fetching import BadRequest, FetchOutcome
from .http import SourceError

MAX_CHANGES_SHOWN = 20


def source_errors(handle):
    """Turns the connectors' errors into a CommandError; `user_errors` handles the rest."""
    from .refresh import ConfigError

    @functools.wraps(handle)
    def wrapper(*args, **kwargs):
        try:
            return handle(*args, **kwargs)
        except SourceError as error:
            raise CommandError(f"Hämtningen misslyckades; inget sparades.\n{error}") from None
        except BadRequest as error:
            raise CommandError(f"{error}. Inget sparades.") from None
        except ConfigError as error:
            raise CommandError(
                f"Konfigurationen innehåller fel; inget hämtades:\n{error}"
            ) from None

    return wrapper


def outcome_lines(outcome: FetchOutcome, *, indent: str = "") -> list[str]:
    lines = [f"{indent}{outcome.label}: {outcome.describe()}"]
    summary = outcome.summary
    if summary and summary.batch_id:
        lines.append(f"{indent}  importomgång {summary.batch_id}")
    for change in (summary.changes if summary else [])[:MAX_CHANGES_SHOWN]:
        indicator, territory, start, end, sex, breakdown = change["key"]
        period = str(start) if start == end else f"{start}–{end}"
        where = " ".join(p for p in (indicator, territory, period, sex, breakdown) if p)
        old, new = _figure(change["old"]), _figure(change["new"])
        if old == new:
            new += f" (kommentar {change['old'][4]!r} → {change['new'][4]!r})"
        lines.append(f"{indent}  ändras: {where}: {old} → {new}")
    if summary and len(summary.changes) > MAX_CHANGES_SHOWN:
        lines.append(f"{indent}  … och {len(summary.changes) - MAX_CHANGES_SHOWN} ändringar till")
    return lines


def _figure(state) -> str:
    value, lower, upper, status, _note = state
    if value is not None:
        return f"{value:g}" + ("" if status == "ok" else f" ({status})")
    if lower is not None:
        return f"{lower:g}–{upper:g}"
    return status
