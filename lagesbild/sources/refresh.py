"""`lagesbild refresh`: runs every source in a configuration file (YAML), each as one fetch and one
all-or-nothing import, and reports what changed.

Each entry is independent: a service that cannot be reached fails its own entry and leaves the others'
imports in place. Running the same configuration twice changes nothing the second time (every value is
then "oförändrad"), so the command can run on a schedule (cron, a systemd timer).
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
_YEARS = {
    "oneOf": [
        {"type": "integer"},
        {"type": "string", "pattern": r"^\d{4}(\s*[-–]\s*\d{4})?$"},
        {"type": "array", "minItems": 1, "items": {"type": ["integer", "string"]}},
    ]
}
_COMMON = {"name": _TEXT, "source": {"enum": ["kolada", "pxweb", "oj", "bra"]}, "mapping": _TEXT}
_HTTP = {"base_url": {"type": "string", "pattern": "^https?://"}}
_INDICATOR = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{1,79}$"}

ENTRY_SCHEMAS = {
    "kolada": {
        "required": ["kpis"],
        "properties": {
            **_COMMON,
            **_HTTP,
            "kpis": _TEXTS,
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
            "table": _TEXT,
            "lang": {"enum": ["sv", "en"]},
            "selection": {
                "type": "object",
                "minProperties": 1,
                "additionalProperties": {
                    "oneOf": [
                        _TEXTS,
                        {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["values"],
                            "properties": {"values": _TEXTS, "codelist": _TEXT, "filter": _TEXT},
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
        return f"{spec['source']}: {', '.join(map(str, ids[:3]))}"

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


@dataclass
class Result:
    entry: Entry
    outcome: FetchOutcome | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def refresh(
    config: Config,
    *,
    dry_run: bool = False,
    on_start: Callable[[Entry], None] | None = None,
    client_factory: Callable[[], HttpClient] | None = None,
) -> list[Result]:
    """Runs every entry; an entry that fails is reported and the others go on."""
    results = []
    for entry in config.entries:
        if on_start:
            on_start(entry)
        client = (
            client_factory()
            if client_factory
            else HttpClient(timeout=config.timeout, attempts=config.attempts)
        )
        with client:
            try:
                results.append(Result(entry, run_entry(entry, client=client, dry_run=dry_run)))
            except USER_ERRORS as error:
                results.append(Result(entry, error=_describe(error)))
    return results


def _describe(error: Exception) -> str:
    if isinstance(error, ImportRejected):
        return f"importen avvisades; inget sparades för denna post.\n{error}"
    if isinstance(error, OSError) and not isinstance(error, FileRejected):
        return f"{error.filename or ''}: {error.strerror or error}"
    return str(error)
