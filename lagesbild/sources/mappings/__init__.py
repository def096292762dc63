"""Mapping files from a source's own ids and wordings to indicators in the catalogue.

Each file is YAML validated against a small JSON Schema; a user can point a command at their own file
(`--mapping FILE`) to add or correct entries without touching the package.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from ..importing import ImportRejected
from ..records import RowError

MAPPINGS_DIR = Path(__file__).parent

_ENTRY_COMMON = {"indicator": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{1,79}$"}}

SCHEMAS = {
    "kolada": {
        "type": "object",
        "additionalProperties": False,
        "required": ["kpis"],
        "properties": {
            "kpis": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["indicator", "kpi"],
                    "properties": {
                        **_ENTRY_COMMON,
                        "kpi": {"type": ["string", "null"], "pattern": "^[A-Z][A-Z0-9]{1,15}$"},
                        "search": {"type": "string"},
                        "scale": {"type": "number", "exclusiveMinimum": 0},
                        "breakdown": {"type": "string"},
                        "note": {"type": "string"},
                    },
                },
            },
            "confirmed": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["kpi", "title", "source"],
                    "properties": {
                        "kpi": {"type": "string", "pattern": "^[A-Z][A-Z0-9]{1,15}$"},
                        "title": {"type": "string", "minLength": 1},
                        "unit": {
                            "enum": ["procent", "antal", "per_1000", "per_10000", "per_100000"]
                        },
                        "source": {"type": "string", "pattern": "^https?://"},
                        "seen_in": {"type": "string"},
                        "note": {"type": "string"},
                    },
                },
            },
        },
    },
    "pxweb": {
        "type": "object",
        "additionalProperties": False,
        "required": ["tables"],
        "properties": {
            "tables": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["table", "api"],
                    "properties": {
                        "indicator": {
                            "type": ["string", "null"],
                            "pattern": "^[a-z0-9][a-z0-9-]{1,79}$",
                        },
                        "table": {"type": ["string", "null"], "minLength": 1},
                        "api": {"enum": ["v1", "v2"]},
                        "title": {"type": "string"},
                        "contents": {"type": "object", "additionalProperties": {"type": "string"}},
                        "status": {"enum": ["confirmed", "path-only", "placeholder"]},
                        "search": {"type": "string"},
                        "source": {"type": "string", "pattern": "^https?://"},
                        "seen_in": {"type": "string"},
                        "note": {"type": "string"},
                    },
                },
            }
        },
    },
    "oj": {
        "type": "object",
        "additionalProperties": False,
        "required": ["columns"],
        "properties": {
            "columns": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["indicator", "contains"],
                    "properties": {
                        **_ENTRY_COMMON,
                        "breakdown": {"type": "string"},
                        "contains": {
                            "type": "array",
                            "minItems": 1,
                            "items": {"type": "string", "minLength": 2},
                        },
                        "excludes": {"type": "array", "items": {"type": "string", "minLength": 2}},
                    },
                },
            }
        },
    },
    "bra": {
        "type": "object",
        "additionalProperties": False,
        "required": ["tables", "crime_types"],
        "properties": {
            "tables": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["indicator", "title_contains"],
                    "properties": {
                        **_ENTRY_COMMON,
                        "title_contains": {
                            "type": "array",
                            "minItems": 1,
                            "items": {"type": "string"},
                        },
                    },
                },
            },
            "measures": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["indicator", "columns"],
                    "properties": {
                        **_ENTRY_COMMON,
                        "columns": {
                            "type": "array",
                            "minItems": 1,
                            "items": {"type": "string", "minLength": 2},
                        },
                    },
                },
            },
            "crime_types": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["indicator", "breakdown", "names"],
                    "properties": {
                        **_ENTRY_COMMON,
                        "breakdown": {"type": "string"},
                        "names": {"type": "array", "minItems": 1, "items": {"type": "string"}},
                    },
                },
            },
        },
    },
}


def load_mapping(kind: str, path: Path | None = None) -> dict:
    """Reads and validates a mapping file; raises ImportRejected naming the file and the entry."""
    path = Path(path) if path else MAPPINGS_DIR / f"{kind}.yml"
    name = str(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ImportRejected(
            [RowError(name, 0, "", f"mappningsfilen går inte att läsa: {error.strerror or error}")]
        ) from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ImportRejected(
            [RowError(name, 0, "", f"mappningsfilen är inte giltig YAML: {error}")]
        ) from None
    errors = sorted(
        Draft202012Validator(SCHEMAS[kind]).iter_errors(document),
        key=lambda e: list(e.absolute_path),
    )
    if errors:
        raise ImportRejected(
            [
                RowError(name, 0, "/".join(map(str, e.absolute_path)) or "(filens rot)", e.message)
                for e in errors
            ]
        )
    return document
