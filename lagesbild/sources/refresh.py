"""`lagesbild refresh`: runs every source in a configuration file (YAML), each as one fetch and one
all-or-nothing import, and reports what changed.

Each entry is independent: a service that cannot be reached fails its own entry, with a one-line reason,
and leaves the others' imports in place. An entry whose id is still a placeholder (`null`: a Kolada KPI or
an SCB table or value code that has not been confirmed) is skipped with the words to search for, and
`--check` names every placeholder. Running the same configuration twice changes nothing the second time
(every value is then "oförändrad"), so the command can run on a schedule (cron, a systemd timer).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from lagesbild.indicators.catalogue import CatalogueError
from lagesbild.territories.models import UnknownTerritory

from .bra import import_bra
from .fetching import BadRequest, FetchOutcome
from .http import DEFAULT_ATTEMPTS, DEFAULT_TIMEOUT, HttpClient, SourceError
from .importing import ImportRejected
from .kolada import KoladaQuery, fetch_kolada, kolada_ids
from .oj import import_oj
from .pxweb import PxMapping, PxQuery, Variable, fetch_pxweb
from .records import FileRejected

EXAMPLE = Path(__file__).parent / "config" / "refresh-example.yml"

_TEXT = {"type": "string", "minLength": 1}
_TEXTS = {"type": "array", "minItems": 1, "items": {"type": ["string", "integer"]}}
# A null in an id list, or a null table, marks a placeholder: an id not yet confirmed.
_IDS = {"type": "array", "minItems": 1, "items": {"type": ["string", "integer", "null"]}}
_YEARS = {
    "oneOf": [
        {"type": "integer"},
        {"type": "string", "pattern": r"^\d{4}(\s*[-–]\s*\d{4})?$"},
        {"type": "array", "minItems": 1, "items": {"type": ["integer", "string"]}},
    ]
}
_COMMON = {
    "name": _TEXT,
    "source": {"enum": ["kolada", "pxweb", "oj", "bra"]},
    "mapping": _TEXT,
    "search": _TEXT,
}
_HTTP = {"base_url": {"type": "string", "pattern": "^https?://"}}
_INDICATOR = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{1,79}$"}

ENTRY_SCHEMAS = {
    "kolada": {
        "required": ["kpis"],
        "properties": {
            **_COMMON,
            **_HTTP,
            "kpis": _IDS,
            "municipalities": _TEXTS,
            "years": _YEARS,
            "from_date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
            "indicator": _INDICATOR,
            "scale": {"type": "number", "exclusiveMinimum": 0},
            "breakdown": _TEXT,
        },
    },
    "pxweb": {
        "required": ["table", "selection"],
        "properties": {
            **_COMMON,
            **_HTTP,
            "api": {"enum": ["v1", "v2"]},
            "table": {"type": ["string", "null"], "minLength": 1},
            "lang": {"enum": ["sv", "en"]},
            "selection": {
                "type": "object",
                "minProperties": 1,
                "additionalProperties": {
                    "oneOf": [
                        _IDS,
                        {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["values"],
                            "properties": {"values": _IDS, "codelist": _TEXT, "filter": _TEXT},
                        },
                    ]
                },
            },
            "indicator": _INDICATOR,
            "contents": {"type": "object", "additionalProperties": _INDICATOR},
            "breakdown": {
                "type": "object",
                "additionalProperties": False,
                "required": ["dimension"],
                "properties": {
                    "dimension": _TEXT,
                    "categories": {"type": "object", "additionalProperties": _TEXT},
                },
            },
            "region": _TEXT,
            "sex": _TEXT,
            "time": _TEXT,
            "scale": {"type": "number", "exclusiveMinimum": 0},
        },
    },
    "oj": {
        "required": ["file"],
        "properties": {**_COMMON, "file": _TEXT, "year": {"type": "integer"}},
    },
    "bra": {
        "required": ["file"],
        "properties": {**_COMMON, "file": _TEXT, "indicator": _INDICATOR},
    },
}
CONFIG_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["sources"],
    "properties": {
        "http": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "timeout": {"type": "number", "exclusiveMinimum": 0},
                "attempts": {"type": "integer", "minimum": 1},
            },
        },
        "sources": {
            "type": "array",
            "minItems": 1,
            "items": {"type": "object", "required": ["source"]},
        },
    },
}
USER_ERRORS = (
    ImportRejected,
    SourceError,
    BadRequest,
    FileRejected,
    CatalogueError,
    UnknownTerritory,
    OSError,
)


class ConfigError(Exception):
    """The configuration file cannot be used; every problem is named with the entry and field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Entry:
    number: int
    spec: dict
    base_dir: Path

    @property
    def name(self) -> str:
        spec = self.spec
        if spec.get("name"):
            return spec["name"]
        ids = spec.get("kpis") or [spec.get("table") or spec.get("file")]
        return f"{spec['source']}: {', '.join(str(i or 'null') for i in ids[:3])}"

    def placeholders(self) -> list[str]:
        """Every id in the entry that is still a placeholder (null), with where it is."""
        spec, found = self.spec, []
        if spec["source"] == "kolada":
            found += [f"kpis[{n}]" for n, kpi in enumerate(spec.get("kpis") or []) if kpi is None]
        if spec["source"] == "pxweb":
            if spec.get("table") is None:
                found.append("table")
            for code, chosen in (spec.get("selection") or {}).items():
                values = chosen if isinstance(chosen, list) else chosen.get("values", [])
                found += [f"selection/{code}[{n}]" for n, v in enumerate(values) if v is None]
        return found

    def search_hint(self) -> str:
        """The command that finds the missing id, from the entry's `search` words."""
        words = self.spec.get("search")
        if not words:
            return ""
        if self.spec["source"] == "kolada":
            return f'lagesbild fetch kolada --search-kpi "{words}"'
        return f'lagesbild fetch pxweb --search "{words}"'

    def placeholder_reason(self) -> str:
        found = self.placeholders()
        hint = self.search_hint()
        which = "id:t är inte bekräftat" if len(found) == 1 else "id:na är inte bekräftade"
        return f"platshållare ({', '.join(found)}): {which} ännu" + (
            f"; sök med {hint}" if hint else ""
        )

    def path(self, key: str) -> Path | None:
        value = self.spec.get(key)
        if value is None:
            return None
        path = Path(value)
        return path if path.is_absolute() else self.base_dir / path


@dataclass
class Config:
    path: Path
    entries: list[Entry]
    timeout: float = DEFAULT_TIMEOUT
    attempts: int = DEFAULT_ATTEMPTS


def load_config(path: Path) -> Config:
    path = Path(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(
            [f"{path}: konfigurationen går inte att läsa: {error.strerror or error}"]
        ) from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ConfigError([f"{path}: konfigurationen är inte giltig YAML: {error}"]) from None
    problems = [
        f"{path}: {_where(e)}: {e.message}"
        for e in Draft202012Validator(CONFIG_SCHEMA).iter_errors(document)
    ]
    if problems:
        raise ConfigError(problems)
    entries = [Entry(n, spec, path.parent) for n, spec in enumerate(document["sources"], start=1)]
    for entry in entries:
        problems += _entry_problems(path, entry)
    if problems:
        raise ConfigError(problems)
    http = document.get("http") or {}
    return Config(
        path,
        entries,
        float(http.get("timeout", DEFAULT_TIMEOUT)),
        int(http.get("attempts", DEFAULT_ATTEMPTS)),
    )


def _where(error) -> str:
    return "/".join(map(str, error.absolute_path)) or "(filens rot)"


def _entry_problems(path: Path, entry: Entry) -> list[str]:
    kind = entry.spec.get("source")
    if kind not in ENTRY_SCHEMAS:
        return [
            f"{path}: sources/{entry.number - 1}/source: {kind!r} är ingen källa (kolada, pxweb, oj eller bra)"
        ]
    schema = {"type": "object", "additionalProperties": False, **ENTRY_SCHEMAS[kind]}
    return [
        f"{path}: post {entry.number} ({entry.name}): {_where(e)}: {e.message}"
        for e in Draft202012Validator(schema).iter_errors(entry.spec)
    ]


def years(spec) -> list[int]:
    """2023, "2019-2023" or a list of years, as a list of years."""
    if spec is None:
        return []
    if isinstance(spec, list):
        return [y for item in spec for y in years(item)]
    text = str(spec).strip()
    match = re.fullmatch(r"(\d{4})(?:\s*[-–]\s*(\d{4}))?", text)
    if not match:
        raise BadRequest(f"{text!r} är inget år eller intervall av år (skriv 2023 eller 2019-2023)")
    first, last = int(match.group(1)), int(match.group(2) or match.group(1))
    if first > last:
        raise BadRequest(f"intervallet {text!r} är omvänt")
    return list(range(first, last + 1))


def _variables(selection: dict) -> list[Variable]:
    found = []
    for code, spec in selection.items():
        if isinstance(spec, list):
            found.append(Variable(code, [str(v) for v in spec]))
        else:
            found.append(
                Variable(
                    code, [str(v) for v in spec["values"]], spec.get("codelist"), spec.get("filter")
                )
            )
    return found


def run_entry(entry: Entry, *, client: HttpClient, dry_run: bool) -> FetchOutcome:
    spec, kind = entry.spec, entry.spec["source"]
    if kind == "kolada":
        query = KoladaQuery(
            [str(k) for k in spec["kpis"]],
            kolada_ids([str(m) for m in spec.get("municipalities", [])]),
            years(spec.get("years")),
            spec.get("from_date"),
        )
        return fetch_kolada(
            query,
            indicator=spec.get("indicator"),
            scale=spec.get("scale"),
            breakdown=spec.get("breakdown"),
            mapping=entry.path("mapping"),
            base_url=spec.get("base_url"),
            dry_run=dry_run,
            client=client,
        )
    if kind == "pxweb":
        breakdown = spec.get("breakdown") or {}
        mapping = PxMapping(
            indicator=spec.get("indicator"),
            contents=spec.get("contents") or {},
            breakdown=breakdown.get("dimension"),
            categories=breakdown.get("categories") or {},
            region=spec.get("region"),
            sex=spec.get("sex"),
            time=spec.get("time"),
            scale=float(spec.get("scale", 1.0)),
        )
        query = PxQuery(
            spec["table"],
            _variables(spec["selection"]),
            spec.get("api", "v2"),
            spec.get("lang", "sv"),
        )
        return fetch_pxweb(
            query, mapping, base_url=spec.get("base_url"), dry_run=dry_run, client=client
        )
    if kind == "oj":
        return import_oj(
            entry.path("file"),
            year=spec.get("year"),
            mapping=entry.path("mapping"),
            dry_run=dry_run,
        )
    return import_bra(
        entry.path("file"),
        indicator=spec.get("indicator"),
        mapping=entry.path("mapping"),
        dry_run=dry_run,
    )


class Outcome:
    OK = "ok"
    FAILED = "failed"
    UNREACHABLE = "unreachable"
    PLACEHOLDER = "placeholder"


@dataclass
class Result:
    entry: Entry
    outcome: FetchOutcome | None = None
    error: str = ""
    status: str = Outcome.OK

    @property
    def ok(self) -> bool:
        return self.status == Outcome.OK


def refresh(
    config: Config,
    *,
    dry_run: bool = False,
    on_start: Callable[[Entry], None] | None = None,
    client_factory: Callable[[], HttpClient] | None = None,
) -> list[Result]:
    """Runs every entry; an entry that fails is reported and the others go on. An entry with a
    placeholder id is skipped without asking the service."""
    results = []
    for entry in config.entries:
        if on_start:
            on_start(entry)
        if entry.placeholders():
            results.append(
                Result(entry, error=entry.placeholder_reason(), status=Outcome.PLACEHOLDER)
            )
            continue
        client = (
            client_factory()
            if client_factory
            else HttpClient(timeout=config.timeout, attempts=config.attempts)
        )
        with client:
            try:
                results.append(Result(entry, run_entry(entry, client=client, dry_run=dry_run)))
            except SourceError as error:
                if error.unreachable:
                    results.append(
                        Result(entry, error=_unreachable(error, entry), status=Outcome.UNREACHABLE)
                    )
                else:
                    results.append(Result(entry, error=_describe(error), status=Outcome.FAILED))
            except USER_ERRORS as error:
                results.append(Result(entry, error=_describe(error), status=Outcome.FAILED))
    return results


def _unreachable(error: SourceError, entry: Entry) -> str:
    """One line: which service, that nothing was fetched, and what to do."""
    option = "base_url" if entry.spec.get("source") in ("kolada", "pxweb") else ""
    return (
        f"{error.host} gick inte att nå, inget hämtades: {error.reason.split(';')[0]}; "
        f"kontrollera nätverket{f' eller ange {option} (en spegel eller proxy)' if option else ''} "
        "och kör igen"
    )


def check(config: Config) -> list[str]:
    """What keeps the configuration from running in full: placeholder ids and missing files."""
    problems = []
    for entry in config.entries:
        where = f"post {entry.number} ({entry.name})"
        if entry.placeholders():
            problems.append(f"{where}: {entry.placeholder_reason()}")
        for key in ("file", "mapping"):
            path = entry.path(key)
            if path is not None and not path.is_file():
                problems.append(f"{where}: {key}: filen {path} finns inte")
    return problems


def _describe(error: Exception) -> str:
    if isinstance(error, ImportRejected):
        return f"importen avvisades; inget sparades för denna post.\n{error}"
    if isinstance(error, OSError) and not isinstance(error, FileRejected):
        return f"{error.filename or ''}: {error.strerror or error}"
    return str(error)


def ensure_database() -> list[str]:
    """On a fresh machine, the database `lagesbild init` makes (schema, territories, catalogue,
    published figures); nothing when it is already there."""
    from lagesbild.core.bootstrap import initialise, needs_migration
    from lagesbild.indicators.models import Indicator

    if needs_migration() or not Indicator.objects.exists():
        return initialise()
    return []
